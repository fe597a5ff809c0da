using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Storage;

namespace SmartSync.Pipeline.Phases;

/// <summary>
/// Deletes local rows the user can no longer see (visibility or filter changed without a delete
/// on the server). Rows with local changes are kept: their upload decides their fate.
/// </summary>
internal sealed class CleanupPhase : ISyncPhase
{
    public string Name => "Cleanup";

    public SyncModules SkipFlag => SyncModules.NoCleanup;

    public bool AlwaysRuns => false;

    public PhaseDirection Direction => PhaseDirection.Download;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var table in context.Entities)
        {
            var visible = new HashSet<string>(StringComparer.Ordinal);
            string? cursor = null;
            do
            {
                var page = await context.Transport.GetVisibleKeysAsync(table.Definition, cursor, context.Options.PageSize, cancellationToken).ConfigureAwait(false);
                visible.UnionWith(page.Keys);
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
            using var tx = lease.Connection.BeginTransaction();
            var stale = new List<string>();
            foreach (var key in SyncStore.ReadStrings(lease.Connection, tx, "SELECT " + table.QuotedKey + " FROM " + table.QuotedName + " WHERE " + EntityTable.StateColumn + " = 0"))
            {
                if (!visible.Contains(key))
                {
                    stale.Add(key);
                }
            }

            using var delete = SyncStore.Command(lease.Connection, tx, "DELETE FROM " + table.QuotedName + " WHERE " + table.QuotedKey + " = $k AND " + EntityTable.StateColumn + " = 0", ("$k", string.Empty));
            foreach (var key in stale)
            {
                delete.Parameters["$k"].Value = key;
                delete.ExecuteNonQuery();
            }

            tx.Commit();
            if (stale.Count > 0)
            {
                context.Counter(table.Name).Deleted += stale.Count;
                context.Log.Line(string.Format(CultureInfo.InvariantCulture, "Cleanup {0}: {1} record(s) no longer visible", table.Name, stale.Count));
            }

            total += stale.Count;
            context.Progress.Report(table.Name, stale.Count);
        }

        context.CleanupRan = true;
        return total;
    }
}
