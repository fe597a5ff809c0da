using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// Sits between the real HTTP transport and the real server and, when <see cref="Plan"/> says so, breaks a
/// request the way networks and servers break: resets, lost responses, bodies cut mid-record, 5xx, 429,
/// hangs, refused connections, hostile bodies. Records every request and the most requests ever in flight.
/// </summary>
public sealed class FaultInjectingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _log = new();
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Decides per request; null (or a null result) lets the request through untouched.</summary>
    public Func<RequestInfo, Fault?>? Plan { get; set; }

    /// <summary>Called after the server answered a request that was passed through (the child client's kill points).</summary>
    public Action<RequestInfo, HttpResponseMessage>? AfterResponse { get; set; }

    /// <summary>Every request seen, as <c>METHOD /path?query</c>, in order.</summary>
    public IReadOnlyCollection<string> Requests => _log;

    /// <summary>The most requests that were ever being sent at once (1 when runs never overlap).</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Starts counting request indexes (per kind) from 1 again.</summary>
    public void ResetCounts() => _counts.Clear();

    public static string KindOf(HttpMethod method, string path)
    {
        if (path.StartsWith("/odata/", StringComparison.Ordinal) && !path.EndsWith("$metadata", StringComparison.Ordinal))
        {
            if (method == HttpMethod.Patch || method == HttpMethod.Delete)
            {
                return "upload";
            }

            return path.Contains('(', StringComparison.Ordinal) ? "record" : "page";
        }

        return path.StartsWith("/api/shared/", StringComparison.Ordinal) ? "shared" : path.TrimStart('/');
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, now, max);
        }

        try
        {
            var path = request.RequestUri!.AbsolutePath;
            var kind = KindOf(request.Method, path);
            var info = new RequestInfo(request.Method, path, kind, _counts.AddOrUpdate(kind, 1, (_, n) => n + 1));
            _log.Enqueue(request.Method.Method + " " + request.RequestUri.PathAndQuery);
            var fault = Plan?.Invoke(info);
            return await ApplyAsync(fault, info, request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<HttpResponseMessage> ApplyAsync(Fault? fault, RequestInfo info, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (fault)
        {
            case Fault.Reset:
                throw new HttpRequestException("The connection was reset (injected).", new IOException("reset"));
            case Fault.Status status:
                var answer = new HttpResponseMessage((HttpStatusCode)status.Code)
                {
                    RequestMessage = request,
                    Content = new StringContent("""{"error":{"code":"injected","message":"injected failure"}}""", Encoding.UTF8, "application/json"),
                };
                if (status.RetryAfter is { } after)
                {
                    answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
                }

                return answer;
            case Fault.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException("unreachable");
            case Fault.Wait wait:
                await wait.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                break;
            case Fault.Refuse:
                request.RequestUri = new UriBuilder(request.RequestUri!) { Port = ClosedPort.Value }.Uri;
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            case Fault.StatusBody statusBody:
                return new HttpResponseMessage((HttpStatusCode)statusBody.Code)
                {
                    RequestMessage = request,
                    Content = new StreamContent(statusBody.Open()) { Headers = { { "Content-Type", "application/json" } } },
                };
            case Fault.Body body:
                return new HttpResponseMessage(HttpStatusCode.OK)
                {
                    RequestMessage = request,
                    Content = new StreamContent(body.Open()) { Headers = { { "Content-Type", "application/json; odata.metadata=minimal" } } },
                };
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        switch (fault)
        {
            case Fault.LoseResponse:
                response.Dispose();
                throw new HttpRequestException("The connection was reset before the response arrived (injected).");
            case Fault.ApplyThenFail fail:
                response.Dispose();
                return new HttpResponseMessage((HttpStatusCode)fail.Code) { RequestMessage = request, Content = new StringContent(string.Empty) };
            case Fault.CutAfter cut:
                return Wrap(response, cut.Bytes, null);
            case Fault.CutAt cut:
                return await BufferAndWrapAsync(response, cut.Fraction, null, cancellationToken).ConfigureAwait(false);
            case Fault.CancelAt cancelAt:
                return await BufferAndWrapAsync(response, cancelAt.Fraction, cancelAt.Source, cancellationToken).ConfigureAwait(false);
            case Fault.CancelAfter cancel:
                return Wrap(response, cancel.Bytes, cancel.Source);
            case Fault.StallAfter stall:
                return Stall(response, stall);
            case Fault.Rewrite rewrite:
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var edited = new StringContent(rewrite.Edit(text), Encoding.UTF8);
                edited.Headers.ContentType = response.Content.Headers.ContentType;
                response.Content = edited;
                return response;
        }

        AfterResponse?.Invoke(info, response);
        return response;
    }

    private static async Task<HttpResponseMessage> BufferAndWrapAsync(HttpResponseMessage response, double fraction, CancellationTokenSource? cancel, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var limit = (long)Math.Floor(bytes.Length * fraction);
        var content = new StreamContent(new CuttingStream(new MemoryStream(bytes), limit, cancel));
        content.Headers.ContentType = response.Content.Headers.ContentType;
        response.Content = content;
        return response;
    }

    private static HttpResponseMessage Wrap(HttpResponseMessage response, long bytes, CancellationTokenSource? cancel)
    {
        var content = new ReadWrappingContent(response.Content, body => new CuttingStream(body, bytes, cancel));
        content.Headers.ContentLength = null;
        response.Content = content;
        return response;
    }

    private static HttpResponseMessage Stall(HttpResponseMessage response, Fault.StallAfter stall)
    {
        response.Content = new ReadWrappingContent(response.Content, body => new StallingStream(body, stall.Bytes, stall.Stalled, stall.Resume));
        return response;
    }

    /// <summary>A loopback port that was free a moment ago: nothing listens, so connecting is refused.</summary>
    private static readonly Lazy<int> ClosedPort = new(() =>
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    });

    /// <summary>The counts so far, for failure messages.</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;
}
