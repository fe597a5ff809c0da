using System;
using System.Collections.Generic;
using SmartSync.Transport;

namespace SmartSync;

/// <summary>
/// Configuration of a <see cref="SmartSyncClient"/>. Every setting but <see cref="Transport"/> and <see cref="Catalog"/>
/// (objects only code can supply) can also come from configuration: <c>services.AddSmartSync</c> binds its
/// <see cref="Hosting.SmartSyncHostingOptions"/>, which are these options plus the host's own, from a section with the
/// same key names (docs/hosting.md). Set them before the client is built; it reads them for its lifetime.
/// </summary>
public class SmartSyncClientOptions
{
    /// <summary>The local SQLite database file (created when missing). Required.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>How the client reaches the server. Required (the host builds one from its server settings when unset).</summary>
    public ISyncTransport? Transport { get; set; }

    /// <summary>Preferred records per downloaded page, and changes per upload batch.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Whether SmartSync (partial) runs are allowed at all; full syncs always are.</summary>
    public bool AllowSmartSync { get; set; } = true;

    /// <summary>The conflict strategy of entities not in <see cref="ConflictStrategies"/>.</summary>
    public ConflictStrategy DefaultConflictStrategy { get; set; } = ConflictStrategy.ServerWins;

    /// <summary>Conflict strategy per entity logical name.</summary>
    public IReadOnlyDictionary<string, ConflictStrategy> ConflictStrategies { get; set; } = new Dictionary<string, ConflictStrategy>(StringComparer.Ordinal);

    /// <summary>Runs that may skip cleanup in a row before cleanup is forced.</summary>
    public int CleanupDebtLimit { get; set; } = 10;

    public AutoExclusionOptions AutoExclusions { get; set; } = new();

    /// <summary>How many runs of history and log, and how much mail, the client keeps.</summary>
    public RetentionOptions Retention { get; set; } = new();

    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>
    /// The profiles, triggers and global exclusions this client starts with; null takes
    /// <see cref="SmartSyncCatalog.Compiled"/>. An override file loaded later replaces it for this client only.
    /// </summary>
    public SmartSyncCatalog? Catalog { get; set; }

    /// <summary>This app's version, compared with the server's minimum client version.</summary>
    public Version ClientVersion { get; set; } = new(1, 0);

    /// <summary>
    /// Whether the client disposes <see cref="Transport"/> with itself: true when the hosting created the transport,
    /// false for a transport the app passed in (the app owns it).
    /// </summary>
    internal bool OwnsTransport { get; set; }

    internal ConflictStrategy StrategyFor(string entity) =>
        ConflictStrategies.TryGetValue(entity, out var strategy) ? strategy : DefaultConflictStrategy;

    /// <summary>The transport, once <see cref="Validate"/> accepted the options.</summary>
    internal ISyncTransport RequiredTransport => Transport ?? throw new InvalidOperationException("SmartSyncClientOptions.Transport is required.");

    /// <summary>The database path, once <see cref="Validate"/> accepted the options.</summary>
    internal string RequiredDatabasePath => DatabasePath ?? throw new InvalidOperationException("SmartSyncClientOptions.DatabasePath is required.");

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Transport, nameof(Transport));
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SmartSyncClientOptions: " + string.Join(" ", problems));
        }
    }

    /// <summary>
    /// What is wrong with these settings, named by their configuration keys (the host reports them all at start-up);
    /// <see cref="Transport"/> is not checked here, as a host builds it after validation.
    /// </summary>
    internal List<string> Problems()
    {
        var problems = new List<string>();
        Require(problems, !string.IsNullOrWhiteSpace(DatabasePath), "DatabasePath is required.");
        Require(problems, PageSize >= 1, "PageSize must be at least 1.");
        Require(problems, CleanupDebtLimit >= 0, "CleanupDebtLimit must not be negative.");
        Require(problems, ConflictStrategies is not null, "ConflictStrategies is required.");
        Require(problems, ClientVersion is not null, "ClientVersion is required.");
        if (CircuitBreaker is not { } breaker)
        {
            problems.Add("CircuitBreaker is required.");
        }
        else
        {
            Require(problems, breaker.FailureThreshold >= 1, "CircuitBreaker:FailureThreshold must be at least 1.");
            Require(problems, breaker.Window > TimeSpan.Zero, "CircuitBreaker:Window must be positive.");
            Require(problems, breaker.BreakDuration >= TimeSpan.Zero, "CircuitBreaker:BreakDuration must not be negative.");
        }

        if (AutoExclusions is not { } auto)
        {
            problems.Add("AutoExclusions is required.");
        }
        else
        {
            Require(problems, auto.MaxLocalRows >= 0, "AutoExclusions:MaxLocalRows must not be negative.");
            Require(problems, auto.QuietDownloads >= 0, "AutoExclusions:QuietDownloads must not be negative.");
        }

        if (Retention is not { } retention)
        {
            problems.Add("Retention is required.");
        }
        else
        {
            Require(problems, retention.Runs >= 1, "Retention:Runs must be at least 1.");
            Require(problems, retention.MailMessages >= 0, "Retention:MailMessages must not be negative.");
        }

        return problems;
    }

    private static void Require(List<string> problems, bool condition, string message)
    {
        if (!condition)
        {
            problems.Add(message);
        }
    }
}
