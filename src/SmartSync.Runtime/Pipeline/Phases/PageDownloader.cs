using System;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Diagnostics;
using SmartSync.Pipeline.Download;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Pipeline.Phases;

/// <summary>
/// Downloads one entity page by page. A page is read and parsed into a <see cref="PageBuffer"/> without any
/// database lock; then it is applied in one short writer transaction that also stores the page's next or delta
/// link, so the cursor on disk always matches the rows on disk and an interrupted download resumes where the
/// last committed page ended. While page N is applied, page N+1 is already being read (one page of prefetch:
/// memory stays bounded by two pages). App writes therefore wait at most one page's apply, never the network.
/// </summary>
internal static class PageDownloader
{
    public delegate Task<ChangePage> PageFetcher(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken);

    public static async Task<int> DownloadAsync(SyncRunContext context, LocalTable table, string module, PageFetcher fetch, CancellationToken cancellationToken)
    {
        var method = context.Plan.Method;
        var startFresh = method == SyncMethod.Full || context.ForceFullDownload;
        var counter = context.Counter(table.Name);
        counter.Downloads = true;
        var started = context.Time.GetTimestamp();
        var restarted = false;
        var received = 0;
        string? link;
        EntityApplier? applier = null;
        var indexesDeferred = false;
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            link = startFresh ? null : CursorStore.Get(lease.Connection, null, module, table.Name)?.Value;
            if (link is null && module == CursorStore.Download)
            {
                counter.StartedEmpty = !SyncStore.HasSyncedRows(lease.Connection, table);
                if (counter.StartedEmpty)
                {
                    // Every row comes from this download: its lookup indexes are built once at the end.
                    using var tx = lease.Connection.BeginTransaction();
                    indexesDeferred = DeferredLookupIndexes.Defer(lease.Connection, tx, table);
                    tx.Commit();
                }
            }
        }

        if (module == CursorStore.Download)
        {
            counter.FullDownload |= link is null;
        }

        var buffers = new[] { new PageBuffer(table.Definition), new PageBuffer(table.Definition) };
        var current = 0;
        var pending = Prefetch.Start(context, table, link, fetch, buffers[current], cancellationToken);
        try
        {
            while (true)
            {
                ChangePage page;
                try
                {
                    page = await pending.Task.ConfigureAwait(false);
                }
                catch (SyncTokenExpiredException ex)
                {
                    pending.Dispose();
                    if (method == SyncMethod.Incremental)
                    {
                        throw await RefuseIncrementalAsync(context, table, module, ex, cancellationToken).ConfigureAwait(false);
                    }

                    if (restarted)
                    {
                        throw;
                    }

                    restarted = true;
                    counter.FullDownload |= module == CursorStore.Download;
                    counter.StartedEmpty = false;
                    context.Log.Line("Cursor of " + table.Name + " expired (410): downloading it in full");
                    pending = Prefetch.Start(context, table, null, fetch, buffers[current], cancellationToken);
                    continue;
                }
                catch
                {
                    pending.Dispose();
                    throw;
                }

                pending.Dispose();
                var cursor = page.NextLink ?? page.DeltaLink
                    ?? throw new SyncPayloadException(table.Name, "end of page", "the page has neither a next link nor a delta link");

                // Page N+1 streams in while page N is applied.
                var next = page.NextLink is null ? null : Prefetch.Start(context, table, page.NextLink, fetch, buffers[1 - current], cancellationToken);
                try
                {
                    using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
                    applier ??= new EntityApplier(table, lease.Connection);
                    var complete = page.NextLink is null;
                    received += ApplyPage(context, table, module, lease, applier, buffers[current], cursor, complete, counter, rebuildIndexes: complete && indexesDeferred);
                    indexesDeferred &= !complete;
                }
                catch
                {
                    if (next is not null)
                    {
                        await next.AbandonAsync().ConfigureAwait(false);
                    }

                    throw;
                }

                context.Progress.Report(table.Name, received);
                if (next is null)
                {
                    break;
                }

                pending = next;
                current = 1 - current;
            }
        }
        finally
        {
            if (applier is not null || indexesDeferred)
            {
                // Finalising prepared statements touches the shared connection: only under the writer. A download
                // that stopped early still gets its lookup indexes back (the app's queries need them).
                using var lease = await context.Store.AcquireWriterAsync(CancellationToken.None).ConfigureAwait(false);
                applier?.Dispose();
                if (indexesDeferred)
                {
                    using var tx = lease.Connection.BeginTransaction();
                    DeferredLookupIndexes.Restore(lease.Connection, tx, table);
                    tx.Commit();
                }
            }
        }

        counter.Duration += context.Time.GetElapsedTime(started);
        return received;
    }

    /// <summary>
    /// SyncMethod Incremental never falls back to a full download: the run is refused for this table, and its dead
    /// cursor is dropped (the rows stay), so the next Incremental run is refused before it uploads or downloads anything
    /// and the next Default or Full run downloads the table in full.
    /// </summary>
    private static async Task<SyncRefusedException> RefuseIncrementalAsync(
        SyncRunContext context, LocalTable table, string module, SyncTokenExpiredException expired, CancellationToken cancellationToken)
    {
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            CursorStore.Delete(lease.Connection, null, module, table.Name);
        }

        var message = "'" + table.Name + "' needs a full sync: the server no longer accepts its download cursor (" + expired.Message +
            ") and SyncMethod Incremental does not fall back to a full download. Run a profile with SyncMethod Default or Full.";
        context.Log.Line("Cursor of " + table.Name + " expired: " + table.Name + " needs a full sync (SyncMethod Incremental refuses to download it in full)");
        return new SyncRefusedException(SyncRefusalReason.IncrementalNotPossible, message) { AfterWrites = true };
    }

    private static int ApplyPage(
        SyncRunContext context,
        LocalTable table,
        string module,
        WriterLease lease,
        EntityApplier applier,
        PageBuffer buffer,
        string cursor,
        bool complete,
        EntityCounter counter,
        bool rebuildIndexes)
    {
        using var tx = lease.Connection.BeginTransaction();
        applier.BeginPage(tx);
        buffer.Replay(applier);
        if (rebuildIndexes)
        {
            // One sorted build instead of a random insert per row and page.
            DeferredLookupIndexes.Restore(lease.Connection, tx, table);
        }

        var now = context.Now;
        CursorStore.Set(lease.Connection, tx, module, table.Name, cursor, complete, now);
        if (complete && module == CursorStore.Download)
        {
            EntityStateStore.MarkDownloaded(lease.Connection, tx, table.Name, now, counter.FullDownload);
        }

        tx.Commit();
        applier.EndPage();
        counter.Downloaded += applier.Upserts;
        counter.Changes += applier.Changes + applier.Removes;
        counter.Deleted += applier.Removes;
        SyncTelemetry.RecordsDownloaded.Add(applier.Upserts);
        return applier.Upserts + applier.Removes;
    }

    /// <summary>One page being read into its buffer, with its own cancellation so an abandoned read stops at once.</summary>
    private sealed class Prefetch : IDisposable
    {
        private readonly CancellationTokenSource _cancel;

        private Prefetch(CancellationTokenSource cancel, Task<ChangePage> task)
        {
            _cancel = cancel;
            Task = task;
        }

        public Task<ChangePage> Task { get; }

        public static Prefetch Start(SyncRunContext context, LocalTable table, string? link, PageFetcher fetch, PageBuffer buffer, CancellationToken cancellationToken)
        {
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            buffer.Clear();
            var request = new EntityDownloadRequest(table.Definition, link, context.Options.PageSize);

            // Task.Run: the read and parse run on the pool, never inline on the applying thread.
            var task = System.Threading.Tasks.Task.Run(() => fetch(request, buffer, cancel.Token), cancel.Token);
            return new Prefetch(cancel, task);
        }

        /// <summary>The page will not be applied (the run failed or was cancelled): stop the read and wait for it.</summary>
        public async Task AbandonAsync()
        {
            await _cancel.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Its outcome no longer matters: the error that abandoned it is the one reported.
            }

            Dispose();
        }

        public void Dispose() => _cancel.Dispose();
    }
}
