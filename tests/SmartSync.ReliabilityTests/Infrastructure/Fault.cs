using System;
using System.Threading;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>What <see cref="FaultInjectingHandler"/> does to one request instead of passing it through unchanged.</summary>
public abstract record Fault
{
    /// <summary>The connection resets before the request reaches the server.</summary>
    public sealed record Reset : Fault;

    /// <summary>The server (or a proxy in front of it) answers with this status without doing anything.</summary>
    public sealed record Status(int Code, TimeSpan? RetryAfter = null) : Fault;

    /// <summary>The server handles the request, then the response is lost on the way back.</summary>
    public sealed record LoseResponse : Fault;

    /// <summary>The server handles the request and then answers 500 (it applied the change but reports failure).</summary>
    public sealed record ApplyThenFail(int Code) : Fault;

    /// <summary>The response body breaks off (connection reset) after this many bytes.</summary>
    public sealed record CutAfter(long Bytes) : Fault;

    /// <summary>The response body breaks off after this fraction of its bytes (0 = nothing of it arrives, 0.999 = all but the end).</summary>
    public sealed record CutAt(double Fraction) : Fault;

    /// <summary>The caller cancels after this fraction of the response body was read.</summary>
    public sealed record CancelAt(double Fraction, CancellationTokenSource Source) : Fault;

    /// <summary>The caller cancels once this many bytes of the response body were read.</summary>
    public sealed record CancelAfter(long Bytes, CancellationTokenSource Source) : Fault;

    /// <summary>
    /// The response body stalls after this many bytes (a slow or stuck connection mid-page): <paramref name="Stalled"/>
    /// completes when the stall begins, and the rest of the body flows once <paramref name="Resume"/> completes.
    /// </summary>
    public sealed record StallAfter(long Bytes, System.Threading.Tasks.TaskCompletionSource Stalled, System.Threading.Tasks.Task Resume) : Fault;

    /// <summary>The response never comes (until the request is cancelled, e.g. by HttpClient's timeout).</summary>
    public sealed record Hang : Fault;

    /// <summary>The request waits until <paramref name="Gate"/> completes, then goes through (holds a run at a known point).</summary>
    public sealed record Wait(System.Threading.Tasks.Task Gate) : Fault;

    /// <summary>The request goes to a loopback port nobody listens on: a real "connection refused".</summary>
    public sealed record Refuse : Fault;

    /// <summary>Instead of the server's answer, this 200 body (built lazily, so it may be huge).</summary>
    public sealed record Body(Func<System.IO.Stream> Open) : Fault;

    /// <summary>Instead of the server's answer, this status with this body (built lazily, so it may be huge).</summary>
    public sealed record StatusBody(int Code, Func<System.IO.Stream> Open) : Fault;

    /// <summary>The server's answer with its JSON text rewritten.</summary>
    public sealed record Rewrite(Func<string, string> Edit) : Fault;
}
