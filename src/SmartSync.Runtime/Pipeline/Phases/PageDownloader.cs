using System;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Diagnostics;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Pipeline.Phases;

/// <summary>
/// Downloads one entity page by page. Each page is applied in its own transaction that also
/// stores the page's next or delta link, so the cursor on disk always matches the rows on disk
/// and an interrupted download resumes where the last committed page ended.
/// </summary>
internal static class PageDownloader
{
    public delegate Task<ChangePage> PageFetcher(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken);

    public static async Task<int> DownloadAsync(SyncRunContext context, EntityTable table, string module, PageFetcher fetch, CancellationToken cancellationToken)
    {
        var method = context.Plan.Method;
        var startFresh = method == SyncMethod.Full || context.ForceFullDownload;
        var counter = context.Counter(table.Name);
        counter.Downloads = true;
        var started = context.Time.GetTimestamp();
        var restarted = false;
        var received = 0;
        string? link;
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            link = startFresh ? null : CursorStore.Get(lease.Connection, null, module, table.Name)?.Value;
        }

        if (module == CursorStore.Download)
        {
            counter.FullDownload |= link is null;
        }

        while (true)
        {
            try
            {
                var caughtUp = await DownloadPageAsync(context, table, module, link, fetch, counter, cancellationToken).ConfigureAwait(false);
                received += caughtUp.Received;
                context.Progress.Report(table.Name, received);
                if (caughtUp.NextLink is null)
                {
                    break;
                }

                link = caughtUp.NextLink;
            }
            catch (SyncTokenExpiredException ex)
            {
                if (method == SyncMethod.Incremental)
                {
                    throw new SyncRunFailedException(
                        "The server expired the cursor of '" + table.Name + "' (410) and SyncMethod Incremental does not fall back to a full download.", ex);
                }

                if (restarted)
                {
                    throw;
                }

                restarted = true;
                link = null;
                counter.FullDownload |= module == CursorStore.Download;
                context.Log.Line("Cursor of " + table.Name + " expired (410): downloading it in full");
            }
        }

        counter.Duration += context.Time.GetElapsedTime(started);
        return received;
    }

    private static async Task<(int Received, string? NextLink)> DownloadPageAsync(
        SyncRunContext context,
        EntityTable table,
        string module,
        string? link,
        PageFetcher fetch,
        EntityCounter counter,
        CancellationToken cancellationToken)
    {
        // The writer is held while the page streams in: records are applied as they are parsed,
        // so app writes wait at most one page (they queue on the lock; none fails).
        using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
        using var tx = lease.Connection.BeginTransaction();
        using var applier = new EntityApplier(table, lease.Connection);
        applier.BeginPage(tx);
        var page = await fetch(new EntityDownloadRequest(table.Definition, link, context.Options.PageSize), applier, cancellationToken).ConfigureAwait(false);
        var cursor = page.NextLink ?? page.DeltaLink
            ?? throw new SyncPayloadException(table.Name, "end of page", "the page has neither a next link nor a delta link");
        var now = context.Now;
        CursorStore.Set(lease.Connection, tx, module, table.Name, cursor, complete: page.NextLink is null, now);
        if (page.NextLink is null && module == CursorStore.Download)
        {
            using var state = SyncStore.Command(
                lease.Connection,
                tx,
                "INSERT INTO __ss_entity_state (entity, last_download, last_full_download) VALUES ($e, $t, CASE WHEN $full = 1 THEN $t END) " +
                "ON CONFLICT(entity) DO UPDATE SET last_download = excluded.last_download, last_full_download = IFNULL(excluded.last_full_download, last_full_download)",
                ("$e", table.Name),
                ("$t", now.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
                ("$full", counter.FullDownload ? 1L : 0L));
            state.ExecuteNonQuery();
        }

        tx.Commit();
        counter.Downloaded += applier.Upserts;
        counter.Changes += applier.Changes + applier.Removes;
        counter.Deleted += applier.Removes;
        SyncTelemetry.RecordsDownloaded.Add(applier.Upserts);
        return (applier.Upserts + applier.Removes, page.NextLink);
    }
}
