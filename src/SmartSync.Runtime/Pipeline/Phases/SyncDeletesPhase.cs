using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Pipeline.Phases;

/// <summary>
/// Applies the server's delete log, page by page with its own cursor in the same transaction.
/// The log covers every entity, so deletes of entities outside the profile are applied too
/// (removing a record the server deleted is always right). Skipping the phase leaves the cursor.
/// </summary>
internal sealed class SyncDeletesPhase : CursorPagedPhase<DeletedRecord, IReadOnlyList<DeletedRecord>>
{
    public override string Name => "SyncDeletes";

    public override SyncModules SkipFlag => SyncModules.NoSyncDeletes;

    protected override string CursorModule => CursorStore.Deletes;

    protected override async Task<(IReadOnlyList<DeletedRecord> Items, string Cursor, bool HasMore)> FetchAsync(SyncRunContext context, string? cursor, CancellationToken cancellationToken)
    {
        context.RequireModel(); // deletes are applied by entity: a device without a data model has nothing to ask for
        var page = await context.Transport.GetDeleteLogAsync(cursor, context.Options.PageSize, cancellationToken).ConfigureAwait(false);
        return (page.Items, page.Cursor, page.HasMore);
    }

    protected override ValueTask<IReadOnlyList<DeletedRecord>> PrepareAsync(SyncRunContext context, IReadOnlyList<DeletedRecord> items, CancellationToken cancellationToken) =>
        ValueTask.FromResult(items);

    protected override int Apply(SyncRunContext context, SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<DeletedRecord> ready)
    {
        var model = context.RequireModel();
        var total = 0;
        foreach (var item in ready)
        {
            if (model.Find(item.Entity) is not { } table)
            {
                continue;
            }

            var removed = ServerDeleteApplier.Apply(connection, transaction, table, item.Key);
            if (removed > 0)
            {
                context.Counter(table.Name).Deleted += removed;
                total += removed;
            }
        }

        return total;
    }
}
