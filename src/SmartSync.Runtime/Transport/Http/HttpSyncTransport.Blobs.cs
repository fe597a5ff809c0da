using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Transport.Http;

// Blob pages list images, attachments and documents by length; each blob's bytes then stream from their own GET
// in chunks, so a large attachment never sits whole in memory (docs/protocol.md).
public sealed partial class HttpSyncTransport
{
    private const int CopyChunkBytes = 81920;

    /// <inheritdoc />
    public async Task<BlobPage> GetBlobsAsync(BlobKind kind, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var segment = BlobSegment(kind);
        var scope = "$" + segment;

        // content=stream: the page lists lengths only and each blob's bytes come from its own GET (docs/protocol.md);
        // a server that ignores it still sends them inline, which works too.
        var path = PagedPath("api/blobs/" + segment, cursor, pageSize) + "&content=stream";
        var wire = await GetJsonAsync(path, scope, TransportJsonContext.Default.BlobPageWire, cancellationToken, _options.MaxBlobPageBytes).ConfigureAwait(false);
        var items = new List<BlobItem>();
        foreach (var item in wire.Value ?? [])
        {
            var content = item?.Content;
            var length = content?.LongLength ?? item?.Length ?? throw new SyncPayloadException(scope, "content", "neither 'content' nor 'length' is present");
            if (length < 0 || (content is not null && item?.Length is { } announced && announced != content.LongLength))
            {
                throw new SyncPayloadException(scope, "length", "'length' is negative or does not match 'content'");
            }

            items.Add(new BlobItem(
                kind,
                Require(item?.Id, scope, "id"),
                Require(item!.Entity, scope, "entity"),
                Require(item.RecordKey, scope, "recordKey"),
                item.FileName ?? string.Empty,
                item.ContentType ?? "application/octet-stream",
                content) { Length = length });
        }

        return new BlobPage(items, Require(wire.Cursor, scope, "cursor"), wire.HasMore);
    }

    /// <inheritdoc />
    public async Task<bool> CopyBlobContentAsync(BlobItem item, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(destination);
        if (item.Content is not null)
        {
            await destination.WriteAsync(item.Content, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var segment = BlobSegment(item.Kind);
        var scope = "$" + segment + "/" + item.Id;
        var uri = new Uri(_base, "api/blobs/" + segment + "/" + Uri.EscapeDataString(item.Id));
        using var response = await SendAsync(HttpMethod.Get, uri, scope, null, null, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            // Deleted (or hidden) since the page was read: a later page or the cleanup brings the truth.
            return false;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(CopyChunkBytes);
            try
            {
                long copied = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, CopyChunkBytes), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    // Capped by the length the page announced: a body that runs past it is not this blob.
                    copied += read;
                    if (copied > item.Length)
                    {
                        throw new SyncPayloadException(scope, "content", $"the body is longer than the announced {item.Length} bytes");
                    }

                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                // A body that ends early is a broken transfer too, even without a connection error: the page is not
                // applied and the next run fetches the blob again.
                if (copied != item.Length)
                {
                    throw new TransportUnavailableException($"Blob '{item.Id}' ended after {copied} of its announced {item.Length} bytes.");
                }
            }
            catch (IOException ex)
            {
                // The connection broke mid-blob: the caller discards what it received.
                throw new TransportUnavailableException($"The connection broke while reading blob '{item.Id}'.", ex);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return true;
    }

    private static string BlobSegment(BlobKind kind) => kind switch
    {
        BlobKind.EntityImage => "images",
        BlobKind.Attachment => "attachments",
        BlobKind.Document => "documents",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
