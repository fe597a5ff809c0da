using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Storage;

namespace SmartSync.Pipeline.Phases;

/// <summary>
/// A phase that reads one server stream (the delete log, a blob kind, mail) page by page from its own cursor.
/// Each page is fetched and prepared with no database lock, then applied in one short writer transaction
/// together with the cursor, so an interrupted run resumes from the last committed page and loses nothing.
/// </summary>
/// <typeparam name="TItem">What a page lists.</typeparam>
/// <typeparam name="TReady">A page made ready to apply (the items themselves, or downloaded blob content).</typeparam>
internal abstract class CursorPagedPhase<TItem, TReady> : ISyncPhase
{
    public abstract string Name { get; }

    public abstract SyncModules SkipFlag { get; }

    public bool AlwaysRuns => false;

    public PhaseDirection Direction => PhaseDirection.Download;

    /// <summary>The cursor's module name in <see cref="CursorStore"/>.</summary>
    protected abstract string CursorModule { get; }

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var total = 0;
        string? cursor;
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            cursor = CursorStore.Get(lease.Connection, null, CursorModule, CursorStore.AnyEntity)?.Value;
        }

        while (true)
        {
            var (items, next, hasMore) = await FetchAsync(context, cursor, cancellationToken).ConfigureAwait(false);
            var ready = await PrepareAsync(context, items, cancellationToken).ConfigureAwait(false);
            try
            {
                using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
                using var tx = lease.Connection.BeginTransaction();
                total += Apply(context, lease.Connection, tx, ready);
                CursorStore.Set(lease.Connection, tx, CursorModule, CursorStore.AnyEntity, next, complete: !hasMore, context.Now);
                tx.Commit();
            }
            finally
            {
                await ReleaseAsync(ready).ConfigureAwait(false);
            }

            cursor = next;
            context.Progress.Report(null, total);
            if (!hasMore)
            {
                return total;
            }
        }
    }

    protected abstract Task<(IReadOnlyList<TItem> Items, string Cursor, bool HasMore)> FetchAsync(SyncRunContext context, string? cursor, CancellationToken cancellationToken);

    /// <summary>Work a page needs before the writer lock is taken (downloading blob content); no database access.</summary>
    protected abstract ValueTask<TReady> PrepareAsync(SyncRunContext context, IReadOnlyList<TItem> items, CancellationToken cancellationToken);

    /// <summary>Writes the page inside the transaction that also moves the cursor; returns what it counts towards the phase's items.</summary>
    protected abstract int Apply(SyncRunContext context, SqliteConnection connection, SqliteTransaction transaction, TReady ready);

    /// <summary>Frees what <see cref="PrepareAsync"/> held, whether the page was applied or not.</summary>
    protected virtual ValueTask ReleaseAsync(TReady ready) => ValueTask.CompletedTask;
}
