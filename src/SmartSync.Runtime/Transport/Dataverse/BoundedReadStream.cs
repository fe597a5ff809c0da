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
internal sealed class BoundedReadStream(Stream inner, long limit, string scope, string what) : ReadOnlyWrappingStream(inner)
{
    private long _read;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, Allowed(count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken).ConfigureAwait(false));

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
