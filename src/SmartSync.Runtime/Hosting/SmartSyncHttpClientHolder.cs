using System;
using System.Net.Http;

namespace SmartSync.Hosting;

/// <summary>
/// The one <see cref="HttpClient"/> of the hosted client, disposed with the container. Connections are recycled
/// every few minutes so DNS changes are picked up (what IHttpClientFactory would do, without the extra package).
/// </summary>
internal sealed class SmartSyncHttpClientHolder : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        // No blanket timeout on long downloads: the transport bounds each attempt (headers, then every body read)
        // with SmartSyncHostingOptions.RequestAttemptTimeout, and retries boundedly.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public void Dispose() => Client.Dispose();
}
