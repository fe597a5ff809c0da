using System;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Transport.Http;

namespace SmartSync.Transport.Dataverse;

/// <summary>Settings of <see cref="DataverseSyncTransport"/> (docs/dataverse.md).</summary>
public sealed class DataverseTransportOptions
{
    /// <summary>The most concurrent requests Dataverse accepts per user (service protection limits).</summary>
    public const int ServiceConcurrencyLimit = 52;

    /// <summary>The largest page Dataverse serves (<c>Prefer: odata.maxpagesize</c>).</summary>
    public const int MaxPageSize = 5000;

    /// <summary>The environment, e.g. <c>https://contoso.crm.dynamics.com/</c>. Required.</summary>
    public Uri? EnvironmentUrl { get; set; }

    /// <summary>
    /// Returns an OAuth access token for the environment (the app's MSAL call, for instance). Called before each
    /// request and again after a 401, so a token that expired mid-run is replaced. Never logged.
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; set; }

    /// <summary>The Web API version, the <c>v…</c> segment of <c>/api/data/v9.2/</c>.</summary>
    public string ApiVersion { get; set; } = "9.2";

    /// <summary>Requests in flight at once (uploads run in parallel up to it); capped at <see cref="ServiceConcurrencyLimit"/>.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How often one request is resent after a 429 before the run fails (the circuit breaker is not fed).</summary>
    public int MaxThrottleRetries { get; set; } = 5;

    /// <summary>
    /// How long one request may wait for its response headers, and then between two reads of its body, before it is
    /// abandoned as a connection failure (default 100 s). The hosted <c>HttpClient</c> has no blanket timeout, so a
    /// long download is never cut while data flows.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The longest single <c>Retry-After</c> honoured in full; a longer one fails the run instead of hanging it.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock of the throttling pauses (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The longest string value (in UTF-8 bytes) a page may carry; longer ones are a payload error.</summary>
    public int MaxStringBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The most records one entity page may carry (default 50,000, ten times Dataverse's largest page). The engine holds
    /// a page in memory until it applies it; a server that sends more fails the run with a
    /// <see cref="SyncPayloadException"/> and nothing of the page is stored. Never below the page size asked for.
    /// </summary>
    public int MaxPageRows { get; set; } = PageLimits.DefaultMaxRows;

    /// <summary>
    /// The most bytes one entity page's body may have (default 256 MB); past it the rest is never read, the run fails
    /// with a <see cref="SyncPayloadException"/> and nothing of the page is stored.
    /// </summary>
    public long MaxPageBytes { get; set; } = PageLimits.DefaultMaxBytes;

    /// <summary>
    /// The largest JSON document read whole (WhoAmI, privileges, table definitions, a record, a page of keys or images);
    /// a longer body fails the request as a payload error instead of being buffered. Default 16 MB.
    /// </summary>
    public long MaxDocumentBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The largest <c>$metadata</c> document hashed or read (default 256 MB); a longer one is a payload error.</summary>
    public long MaxMetadataBytes { get; set; } = 256L * 1024 * 1024;

    internal int EffectiveConcurrency => Math.Clamp(MaxConcurrency, 1, ServiceConcurrencyLimit);

    internal static int EffectivePageSize(int requested) => requested <= 0 ? 1000 : Math.Min(requested, MaxPageSize);
}
