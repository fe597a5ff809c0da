using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// Passes a response body through and, once <c>limit</c> bytes went by, either breaks off like a reset
/// connection or cancels the caller's token source (the next read then observes the cancellation).
/// </summary>
internal sealed class CuttingStream(Stream inner, long limit, CancellationTokenSource? cancel) : Stream
{
    private long _passed;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _passed; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_passed >= limit)
        {
            if (cancel is null)
            {
                throw new IOException("The response ended prematurely (connection reset, injected).");
            }

            await cancel.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException(cancel.Token);
        }

        var allowed = (int)Math.Min(buffer.Length, limit - _passed);
        var read = await inner.ReadAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false);
        _passed += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
