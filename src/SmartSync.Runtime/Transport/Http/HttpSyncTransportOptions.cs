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

    /// <summary>The clock of the retry delays (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The longest string value (in UTF-8 bytes) a page may carry; longer ones are a payload error.</summary>
    public int MaxStringBytes { get; set; } = 4 * 1024 * 1024;
}
