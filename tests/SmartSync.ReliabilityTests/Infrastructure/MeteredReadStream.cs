using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// A read-only pass-through over a response body that counts the bytes it delivered; the fault streams
/// decide in <see cref="BeforeReadAsync"/> what happens once their byte limit is reached.
/// </summary>
internal abstract class MeteredReadStream(Stream inner, long limit) : Stream
{
    protected long Passed { get; private set; }

    protected long Limit => limit;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Passed; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var allowed = await BeforeReadAsync(buffer.Length, cancellationToken).ConfigureAwait(false);
        var read = await inner.ReadAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false);
        Passed += read;
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

    /// <summary>Runs before each read; returns how many bytes the read may take (at most <paramref name="requested"/>).</summary>
    protected abstract ValueTask<int> BeforeReadAsync(int requested, CancellationToken cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
