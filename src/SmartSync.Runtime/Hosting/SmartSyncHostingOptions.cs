using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Transport;

namespace SmartSync.Hosting;

/// <summary>
/// What <c>services.AddSmartSync(...)</c>
/// builds the <see cref="SmartSyncClient"/> from. Settable in code or bound from a configuration section
/// (e.g. <c>"SmartSync": { "DatabasePath": "crm.db", "ServerBaseAddress": "https://crm.example/" }</c>).
/// </summary>
public sealed class SmartSyncHostingOptions
{
    /// <summary>The local SQLite database file (created when missing). Required.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>The server root; the client talks to it with <see cref="Transport.Http.HttpSyncTransport"/>. Required unless <see cref="Transport"/> is set.</summary>
    public Uri? ServerBaseAddress { get; set; }

    /// <summary>
    /// A Dataverse environment (e.g. <c>https://contoso.crm.dynamics.com/</c>): when set, the client syncs with its Web API
    /// through <see cref="Transport.Dataverse.DataverseSyncTransport"/> instead of a SmartSync server, with the token of
    /// <see cref="AccessTokenProvider"/> (docs/dataverse.md).
    /// </summary>
    public Uri? DataverseEnvironmentUrl { get; set; }

    /// <summary>Further Dataverse settings (API version, concurrency), applied after the environment URL and token.</summary>
    public Action<Transport.Dataverse.DataverseTransportOptions>? ConfigureDataverse { get; set; }

    /// <summary>A fixed bearer token (simple setups and tests); see <see cref="AccessTokenProvider"/> for real sign-in.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Returns the bearer token per request, with the app's services (e.g. its authentication service). Wins over <see cref="AccessToken"/>.</summary>
    public Func<IServiceProvider, CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; set; }

    /// <summary>
    /// This device's id for the server (per-device full syncs and conflicts). Null: a random id created once and
    /// kept next to the database (<c>&lt;DatabasePath&gt;.device</c>), so it stays stable across restarts.
    /// </summary>
    public string? DeviceId { get; set; }

    /// <summary>A transport to use instead of HTTP (another protocol, or an in-memory server in tests).</summary>
    public ISyncTransport? Transport { get; set; }

    /// <summary>Preferred records per downloaded page, and changes per upload batch.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>Whether SmartSync (partial) runs are allowed; full syncs always are.</summary>
    public bool AllowSmartSync { get; set; } = true;

    /// <summary>Runs that may skip cleanup in a row before cleanup is forced.</summary>
    public int CleanupDebtLimit { get; set; } = 10;

    /// <summary>The conflict strategy of entities not listed in <see cref="ConflictStrategies"/>.</summary>
    public ConflictStrategy DefaultConflictStrategy { get; set; } = ConflictStrategy.ServerWins;

    /// <summary>Conflict strategy per entity logical name.</summary>
    public IDictionary<string, ConflictStrategy> ConflictStrategies { get; } = new Dictionary<string, ConflictStrategy>(StringComparer.Ordinal);

    /// <summary>When the runtime puts an entity on the auto exclusion list (configuration section 'AutoExclusions').</summary>
    public AutoExclusionOptions AutoExclusions { get; set; } = new();

    /// <summary>When repeated connection failures refuse SmartSyncs for a while (configuration section 'CircuitBreaker').</summary>
    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>How much run history and mail the device keeps (configuration section 'Retention').</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>This app's version, compared with the server's minimum client version.</summary>
    public Version ClientVersion { get; set; } = new(1, 0);

    /// <summary>The profiles, triggers and global exclusions the client starts with; null takes <see cref="SmartSyncCatalog.Compiled"/>.</summary>
    public SmartSyncCatalog? Catalog { get; set; }

    /// <summary>
    /// How long one HTTP attempt may take before it is abandoned (and retried): until the response headers, and
    /// then between two reads of the body. Default 100 s.
    /// </summary>
    public TimeSpan RequestAttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries after the first attempt for 429, 503, connection failures and timeouts (default 4).</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Whether the hosted service arms the compiled-in triggers when the host starts (default: yes).</summary>
    public bool StartTriggers { get; set; } = true;

    /// <summary>Whether the client becomes <see cref="SmartSyncClient.Default"/> (for <c>Profiles.X.RunAsync()</c>) when none is set (default: yes).</summary>
    public bool SetAsDefault { get; set; } = true;
}
