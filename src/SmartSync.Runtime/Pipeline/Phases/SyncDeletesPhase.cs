using System.Threading;
using System.Threading.Tasks;
using SmartSync.Storage;

namespace SmartSync.Pipeline.Phases;

/// <summary>
/// Applies the server's delete log, page by page with its own cursor in the same transaction.
/// The log covers every entity, so deletes of entities outside the profile are applied too
/// (removing a record the server deleted is always right). Skipping the phase leaves the cursor.
/// </summary>
internal sealed class SyncDeletesPhase : ISyncPhase
{
    public string Name => "SyncDeletes";

    public SyncModules SkipFlag => SyncModules.NoSyncDeletes;

    public bool AlwaysRuns => false;

    public PhaseDirection Direction => PhaseDirection.Download;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var model = context.RequireModel();
        var total = 0;
        string? cursor;
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            cursor = CursorStore.Get(lease.Connection, null, CursorStore.Deletes, CursorStore.AnyEntity)?.Value;
        }

        while (true)
        {
            var page = await context.Transport.GetDeleteLogAsync(cursor, context.Options.PageSize, cancellationToken).ConfigureAwait(false);
            using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
            {
                using var tx = lease.Connection.BeginTransaction();
                foreach (var item in page.Items)
                {
                    if (model.Find(item.Entity) is not { } table)
                    {
                        continue;
                    }

                    var removed = ServerDeleteApplier.Apply(lease.Connection, tx, table, item.Key);
                    if (removed > 0)
                    {
                        context.Counter(table.Name).Deleted += removed;
                        total += removed;
                    }
                }

                CursorStore.Set(lease.Connection, tx, CursorStore.Deletes, CursorStore.AnyEntity, page.Cursor, complete: !page.HasMore, context.Now);
                tx.Commit();
            }

            cursor = page.Cursor;
            context.Progress.Report(null, total);
            if (!page.HasMore)
            {
                return total;
            }
        }
    }
}
