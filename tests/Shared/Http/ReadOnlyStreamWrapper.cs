using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Tests.Shared;

/// <summary>
/// A forward-only, read-only pass-through over a response body that counts the bytes it delivered. Test and
/// benchmark fault or metering streams derive from it and only say what happens around a read; the Stream
/// members such a view does not support live here once, and disposing it disposes the body.
/// </summary>
internal abstract class ReadOnlyStreamWrapper(Stream inner) : Stream
{
    /// <summary>The bytes handed to the reader so far.</summary>
    protected long Delivered { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Delivered; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public sealed override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowed = await BeforeReadAsync(buffer.Length, cancellationToken).ConfigureAwait(false);
        var read = await inner.ReadAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false);
        Delivered += read;
        AfterRead(read);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Runs before each read; returns how many bytes the read may take (at most <paramref name="requested"/>).</summary>
    protected virtual ValueTask<int> BeforeReadAsync(int requested, CancellationToken cancellationToken) => ValueTask.FromResult(requested);

    /// <summary>Runs after each read with the bytes it took; <see cref="Delivered"/> already counts them.</summary>
    protected virtual void AfterRead(int read)
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
