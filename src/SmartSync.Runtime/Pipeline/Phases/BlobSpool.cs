using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Transport;

namespace SmartSync.Pipeline.Phases;

/// <summary>
/// One downloaded blob held between the network and its row: small ones in memory, large ones in a temporary file
/// that deletes itself. Spooling first keeps the store's writer lock off the network, and lets the whole page go
/// into SQLite in one transaction with its cursor.
/// </summary>
internal sealed class BlobSpool : IAsyncDisposable
{
    /// <summary>Blobs up to this size stay in memory; larger ones go to a temporary file.</summary>
    internal const long InMemoryLimit = 256 * 1024;

    private BlobSpool(BlobItem item, Stream content)
    {
        Item = item;
        Content = content;
    }

    public BlobItem Item { get; }

    /// <summary>The content, positioned at its start.</summary>
    public Stream Content { get; }

    public long Length => Content.Length;

    /// <summary>Downloads one blob; null when the server no longer has it.</summary>
    public static async Task<BlobSpool?> DownloadAsync(ISyncTransport transport, BlobItem item, CancellationToken cancellationToken)
    {
        if (item.Content is not null)
        {
            return new BlobSpool(item, new MemoryStream(item.Content, writable: false));
        }

        Stream target = item.Length <= InMemoryLimit
            ? new MemoryStream((int)item.Length)
            : new FileStream(
                Path.Combine(Path.GetTempPath(), "smartsync-blob-" + Guid.NewGuid().ToString("N") + ".tmp"),
                FileMode.CreateNew,
                FileAccess.ReadWrite,
                FileShare.None,
                bufferSize: 81920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            if (!await transport.CopyBlobContentAsync(item, target, cancellationToken).ConfigureAwait(false))
            {
                await target.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            target.Position = 0;
            return new BlobSpool(item, target);
        }
        catch
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
