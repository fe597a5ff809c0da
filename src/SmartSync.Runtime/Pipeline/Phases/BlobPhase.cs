using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Pipeline.Phases;

/// <summary>Downloads entity images, attachments or documents into the blob table, with one cursor per kind.</summary>
internal sealed class BlobPhase : ISyncPhase
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

    public string Name { get; }

    public SyncModules SkipFlag { get; }

    public bool AlwaysRuns => false;

    public PhaseDirection Direction => PhaseDirection.Download;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var total = 0;
        string? cursor;
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            cursor = CursorStore.Get(lease.Connection, null, _module, CursorStore.AnyEntity)?.Value;
        }

        while (true)
        {
            var page = await context.Transport.GetBlobsAsync(_kind, cursor, context.Options.PageSize, cancellationToken).ConfigureAwait(false);

            // Every blob of the page is downloaded (streamed to a spool) before the writer lock is taken; then the
            // rows and the cursor commit together, so a connection cut mid-blob leaves nothing half-written.
            var spools = new List<BlobSpool>(page.Items.Count);
            try
            {
                foreach (var item in page.Items)
                {
                    var spool = await BlobSpool.DownloadAsync(context.Transport, item, cancellationToken).ConfigureAwait(false);
                    if (spool is not null)
                    {
                        spools.Add(spool);
                    }
                }

                using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
                using var tx = lease.Connection.BeginTransaction();
                foreach (var spool in spools)
                {
                    BlobStore.Write(lease.Connection, tx, spool.Item, spool.Content, spool.Length);
                }

                CursorStore.Set(lease.Connection, tx, _module, CursorStore.AnyEntity, page.Cursor, complete: !page.HasMore, context.Now);
                tx.Commit();
            }
            finally
            {
                foreach (var spool in spools)
                {
                    await spool.DisposeAsync().ConfigureAwait(false);
                }
            }

            total += spools.Count;
            cursor = page.Cursor;
            context.Progress.Report(null, total);
            if (!page.HasMore)
            {
                return total;
            }
        }
    }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Name, _kind);
}
