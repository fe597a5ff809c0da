using System;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Transport.Http;

/// <summary>Settings of <see cref="HttpSyncTransport"/>.</summary>
public sealed class HttpSyncTransportOptions
{
    /// <summary>The server root, e.g. <c>http://127.0.0.1:5080/</c>; endpoints are resolved against it.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Returns the bearer token for each request (called per attempt, so a refreshed token is picked up).
    /// Null or an empty result sends no Authorization header. The token is never logged nor put in exception messages.
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; set; }

    /// <summary>
    /// This device's id, sent as <see cref="DeviceIdHeader"/> with every request so the server keeps full-sync
    /// demands and conflicts per device. Null sends none (the server then keeps one state for all of the user's
    /// devices). The hosting integration sets a stable id stored next to the client database.
    /// </summary>
    public string? DeviceId { get; set; }

    /// <summary>The header that carries <see cref="DeviceId"/>.</summary>
    public string DeviceIdHeader { get; set; } = "X-SmartSync-Device";

    /// <summary>Retries after the first attempt for 429, 503 and connection failures.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first backoff delay when the server gives no <c>Retry-After</c>; doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts, whatever <c>Retry-After</c> asks.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one attempt may wait: for the response headers, and then between two reads of the body. An attempt
    /// that times out is retried like a connection failure; the last one fails with
    /// <see cref="TransportUnavailableException"/>. Measured on the real clock. Default 100 s.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The clock of the retry delays (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The largest body read whole: <c>$metadata</c>, WhoAmI, permissions, delete-log and mail pages, visible keys,
    /// conflict resolutions, single records. A larger one is a <see cref="SyncPayloadException"/>, raised as soon as
    /// the limit is passed (the rest is never read). Default 64 MB; blob pages have <see cref="MaxBlobPageBytes"/>.
    /// </summary>
    public int MaxDocumentBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// The largest page of images, attachments or documents. Pages list blobs by length and each blob's bytes stream
    /// separately, so this bounds only a server that still sends the bytes inline (base64 in JSON). Default 256 MB.
    /// </summary>
    public int MaxBlobPageBytes { get; set; } = 256 * 1024 * 1024;

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
}
