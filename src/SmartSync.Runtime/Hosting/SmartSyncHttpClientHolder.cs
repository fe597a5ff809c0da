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
        // The transport's own retries and the caller's cancellation bound each request; no blanket timeout on long downloads.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public void Dispose() => Client.Dispose();
}
