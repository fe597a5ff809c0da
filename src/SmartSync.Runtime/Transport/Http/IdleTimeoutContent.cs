using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Transport.Http;

/// <summary>A response's content whose body is read through an <see cref="IdleTimeoutStream"/>, whatever reads it.</summary>
internal sealed class IdleTimeoutContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly TimeSpan _timeout;
    private readonly string _authority;

    public IdleTimeoutContent(HttpContent inner, TimeSpan timeout, string authority)
    {
        _inner = inner;
        _timeout = timeout;
        _authority = authority;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new IdleTimeoutStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _timeout, _authority);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
