using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Transport.Dataverse;

/// <summary>
/// A response body read through a limit: past <c>limit</c> bytes the read fails with a payload error instead of
/// letting a broken or hostile environment make the client buffer gigabytes. Disposing the response then drops the
/// connection, so the rest is never transferred.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit, string scope, string what) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Allowed(count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken).ConfigureAwait(false));

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

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>Asks for at most one byte beyond the limit: enough to tell "exactly the limit" from "more".</summary>
    private int Allowed(int count)
    {
        var left = limit - _read + 1;
        return left <= 0 ? 0 : (int)Math.Min(count, left);
    }

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new SyncPayloadException(scope, what, $"the body is larger than {limit:N0} bytes, the most this client reads");
        }

        return read;
    }
}
