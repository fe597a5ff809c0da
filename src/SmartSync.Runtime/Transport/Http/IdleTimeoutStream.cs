using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Transport.Http;

/// <summary>
/// A response body that gives up when the server sends nothing for <c>timeout</c>: a body that stalls after its
/// headers would otherwise hold the run (and the queue behind it) forever. A stall becomes
/// <see cref="TransportUnavailableException"/>; the caller's own cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class IdleTimeoutStream(Stream inner, TimeSpan timeout, string authority) : ReadOnlyWrappingStream(inner)
{
    private CancellationTokenSource? _timer;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        // One timer per body, re-armed per read (no allocation per read while reads succeed).
        if (_timer is null || !_timer.TryReset())
        {
            _timer?.Dispose();
            _timer = new CancellationTokenSource();
        }

        _timer.CancelAfter(timeout);
        using var link = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _timer)
            : default;
        try
        {
            return await Inner.ReadAsync(buffer, _timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransportUnavailableException($"The server at {authority} sent no data for {timeout.TotalSeconds:0.###} s: the request timed out.");
        }
        finally
        {
            _timer.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        return base.DisposeAsync();
    }
}
