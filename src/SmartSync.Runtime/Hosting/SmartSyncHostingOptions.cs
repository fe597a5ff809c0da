using System;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Hosting;

/// <summary>
/// What <c>services.AddSmartSync(...)</c> builds the <see cref="SmartSyncClient"/> from: every
/// <see cref="SmartSyncClientOptions"/> setting (these options <em>are</em> the client's options, handed to it as they
/// are) plus how the host reaches the server and runs the client. Settable in code or bound from a configuration
/// section with the same key names (e.g. <c>"SmartSync": { "DatabasePath": "crm.db", "ServerBaseAddress":
/// "https://crm.example/", "CircuitBreaker": { "FailureThreshold": 5 } }</c>), checked when the host starts.
/// </summary>
public sealed class SmartSyncHostingOptions : SmartSyncClientOptions
{
    /// <summary>The server root; the client talks to it with <see cref="Transport.Http.HttpSyncTransport"/>. Required unless <see cref="SmartSyncClientOptions.Transport"/> is set.</summary>
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
