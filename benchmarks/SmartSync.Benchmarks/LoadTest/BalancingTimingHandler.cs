using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Benchmarks.LoadTest;

/// <summary>
/// Round-robins requests over the nodes (keeping the public Host header) and records each request's latency and
/// the moment it completed (timestamps of <see cref="Stopwatch"/>), so a stall shows as a gap with no completion.
/// </summary>
internal sealed class BalancingTimingHandler(Uri[] nodes, ConcurrentBag<(long Completed, double Milliseconds)> latencies) : DelegatingHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
{
    private int _next;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var node = nodes[(Interlocked.Increment(ref _next) & int.MaxValue) % nodes.Length];
        request.Headers.Host = request.RequestUri!.Authority;
        request.RequestUri = new UriBuilder(request.RequestUri) { Host = node.Host, Port = node.Port }.Uri;
        var started = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var completed = Stopwatch.GetTimestamp();
        latencies.Add((completed, Stopwatch.GetElapsedTime(started, completed).TotalMilliseconds));
        return response;
    }
}
