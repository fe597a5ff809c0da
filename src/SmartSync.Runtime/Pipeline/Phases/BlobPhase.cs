using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Pipeline.Phases;

/// <summary>Downloads entity images, attachments or documents into the blob table, with one cursor per kind.</summary>
internal sealed class BlobPhase : CursorPagedPhase<BlobItem, List<BlobSpool>>
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
    protected override async ValueTask<List<BlobSpool>> PrepareAsync(SyncRunContext context, IReadOnlyList<BlobItem> items, CancellationToken cancellationToken)
    {
        var spools = new List<BlobSpool>(items.Count);
        try
        {
            foreach (var item in items)
            {
                var spool = await BlobSpool.DownloadAsync(context.Transport, item, cancellationToken).ConfigureAwait(false);
                if (spool is not null)
                {
                    spools.Add(spool);
                }
            }

            return spools;
        }
        catch
        {
            await ReleaseAsync(spools).ConfigureAwait(false);
            throw;
        }
    }

    protected override int Apply(SyncRunContext context, SqliteConnection connection, SqliteTransaction transaction, List<BlobSpool> ready)
    {
        foreach (var spool in ready)
        {
            BlobStore.Write(connection, transaction, spool.Item, spool.Content, spool.Length);
        }

        return ready.Count;
    }

    protected override async ValueTask ReleaseAsync(List<BlobSpool> ready)
    {
        foreach (var spool in ready)
        {
            await spool.DisposeAsync().ConfigureAwait(false);
        }
    }
}
