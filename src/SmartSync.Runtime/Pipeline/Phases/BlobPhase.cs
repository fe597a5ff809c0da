using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Pipeline.Phases;

/// <summary>Downloads entity images, attachments or documents into the blob table, with one cursor per kind.</summary>
internal sealed class BlobPhase : CursorPagedPhase<BlobItem, BlobPhase.ReadyPage>
{
    private readonly BlobKind _kind;
    private readonly string _module;

    public BlobPhase(string name, BlobKind kind, SyncModules skipFlag)
    {
        Name = name;
        _kind = kind;
        SkipFlag = skipFlag;
        _module = "blob:" + kind.ToString().ToLowerInvariant();
    }

    public override string Name { get; }

    public override SyncModules SkipFlag { get; }

    protected override string CursorModule => _module;

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Name, _kind);

    protected override async Task<(IReadOnlyList<BlobItem> Items, string Cursor, bool HasMore)> FetchAsync(SyncRunContext context, string? cursor, CancellationToken cancellationToken)
    {
        var page = await context.Transport.GetBlobsAsync(_kind, cursor, context.Options.PageSize, cancellationToken).ConfigureAwait(false);
        return (page.Items, page.Cursor, page.HasMore);
    }

    /// <summary>
    /// Every blob of the page is downloaded (streamed to a spool) before the writer lock is taken; the rows and the
    /// cursor then commit together, so a connection cut mid-blob leaves nothing half-written.
    /// </summary>
    protected override async ValueTask<ReadyPage> PrepareAsync(SyncRunContext context, IReadOnlyList<BlobItem> items, CancellationToken cancellationToken)
    {
        var spools = new List<BlobSpool>(items.Count);
        var removed = new List<BlobItem>();
        try
        {
            foreach (var item in items)
            {
                if (item.Removed)
                {
                    removed.Add(item);
                    continue;
                }

                var spool = await BlobSpool.DownloadAsync(context.Transport, item, cancellationToken).ConfigureAwait(false);
                if (spool is not null)
                {
                    spools.Add(spool);
                }
            }

            return new ReadyPage(spools, removed);
        }
        catch
        {
            await ReleaseAsync(new ReadyPage(spools, removed)).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Blobs written and blobs dropped (a file the server took off its record) commit with the cursor.</summary>
    protected override int Apply(SyncRunContext context, SqliteConnection connection, SqliteTransaction transaction, ReadyPage ready)
    {
        var changed = 0;
        foreach (var item in ready.Removed)
        {
            changed += BlobStore.Delete(connection, transaction, item.Kind, item.Id);
        }

        foreach (var spool in ready.Spools)
        {
            BlobStore.Write(connection, transaction, spool.Item, spool.Content, spool.Length);
        }

        return changed + ready.Spools.Count;
    }

    protected override async ValueTask ReleaseAsync(ReadyPage ready)
    {
        foreach (var spool in ready.Spools)
        {
            await spool.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A page ready to apply: the downloaded blobs, and the blobs the server no longer holds.</summary>
    internal sealed record ReadyPage(List<BlobSpool> Spools, List<BlobItem> Removed);
}
