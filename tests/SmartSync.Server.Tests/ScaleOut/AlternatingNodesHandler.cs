using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Server.Tests.ScaleOut;

/// <summary>
/// Sends each request to the next node in turn, as a round-robin load balancer would: the Host header stays the
/// public one the client used, so every node writes links the client accepts.
/// </summary>
public sealed class AlternatingNodesHandler(params Uri[] nodes) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _next;

    public int[] Requests { get; } = new int[nodes.Length];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var index = (Interlocked.Increment(ref _next) - 1) % nodes.Length;
        Interlocked.Increment(ref Requests[index]);
        request.Headers.Host = request.RequestUri!.Authority;
        var builder = new UriBuilder(request.RequestUri!) { Host = nodes[index].Host, Port = nodes[index].Port };
        request.RequestUri = builder.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
