using System;
using System.Collections.Generic;
using SmartSync.Transport;

namespace SmartSync;

/// <summary>Configuration of a <see cref="SmartSyncClient"/>.</summary>
public sealed class SmartSyncClientOptions
{
    /// <summary>The local SQLite database file (created when missing).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>How the client reaches the server.</summary>
    public required ISyncTransport Transport { get; init; }

    /// <summary>Preferred records per downloaded page, and changes per upload batch.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Whether SmartSync (partial) runs are allowed at all; full syncs always are.</summary>
    public bool AllowSmartSync { get; init; } = true;

    /// <summary>The conflict strategy of entities not in <see cref="ConflictStrategies"/>.</summary>
    public ConflictStrategy DefaultConflictStrategy { get; init; } = ConflictStrategy.ServerWins;

    /// <summary>Conflict strategy per entity logical name.</summary>
    public IReadOnlyDictionary<string, ConflictStrategy> ConflictStrategies { get; init; } = new Dictionary<string, ConflictStrategy>();

    /// <summary>Runs that may skip cleanup in a row before cleanup is forced.</summary>
    public int CleanupDebtLimit { get; init; } = 10;

    public AutoExclusionOptions AutoExclusions { get; init; } = new();

    /// <summary>How many runs of history and log, and how much mail, the client keeps.</summary>
    public RetentionOptions Retention { get; init; } = new();

    public CircuitBreakerOptions CircuitBreaker { get; init; } = new();

    /// <summary>
    /// The profiles, triggers and global exclusions this client starts with; null takes
    /// <see cref="SmartSyncCatalog.Compiled"/>. An override file loaded later replaces it for this client only.
    /// </summary>
    public SmartSyncCatalog? Catalog { get; init; }

    /// <summary>This app's version, compared with the server's minimum client version.</summary>
    public Version ClientVersion { get; init; } = new(1, 0);

    /// <summary>
    /// Whether the client disposes <see cref="Transport"/> with itself: true when the hosting created the transport,
    /// false for a transport the app passed in (the app owns it).
    /// </summary>
    internal bool OwnsTransport { get; init; }

    internal ConflictStrategy StrategyFor(string entity) =>
        ConflictStrategies.TryGetValue(entity, out var strategy) ? strategy : DefaultConflictStrategy;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(DatabasePath, nameof(DatabasePath));
        ArgumentNullException.ThrowIfNull(Transport, nameof(Transport));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(CleanupDebtLimit, 0, nameof(CleanupDebtLimit));
        ArgumentNullException.ThrowIfNull(AutoExclusions, nameof(AutoExclusions));
        ArgumentNullException.ThrowIfNull(CircuitBreaker, nameof(CircuitBreaker));
        ArgumentOutOfRangeException.ThrowIfLessThan(CircuitBreaker.FailureThreshold, 1, nameof(CircuitBreaker));
        ArgumentNullException.ThrowIfNull(ConflictStrategies, nameof(ConflictStrategies));
        ArgumentNullException.ThrowIfNull(ClientVersion, nameof(ClientVersion));
    }
}
