using System;
using System.Collections.Generic;
using System.Linq;
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
            var stale = await FindStaleAsync(context, table, cancellationToken).ConfigureAwait(false);
            if (stale.Count > 0)
            {
                using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
                using var tx = lease.Connection.BeginTransaction();
                using var delete = SyncStore.Command(lease.Connection, tx, "DELETE FROM " + table.QuotedName + " WHERE " + table.QuotedKey + " = $k AND " + EntityTable.StateColumn + " = 0", ("$k", string.Empty));
                foreach (var key in stale)
                {
                    delete.Parameters["$k"].Value = key;
                    delete.ExecuteNonQuery();
                }

                tx.Commit();
                context.Counter(table.Name).Deleted += stale.Count;
                context.Log.Line(string.Format(CultureInfo.InvariantCulture, "Cleanup {0}: {1} record(s) no longer visible", table.Name, stale.Count));
            }

            total += stale.Count;
            context.Progress.Report(table.Name, stale.Count);
        }

        context.CleanupRan = true;
        return total;
    }

    /// <summary>
    /// In a SmartSync run, right after the entity download brought every visible record, the local rows can only
    /// be a superset of the visible ones; equal counts then mean equal sets and the key walk (seconds for a
    /// million rows) is skipped. Full syncs and cleanups forced by cleanup debt always walk the keys, so a
    /// coincidence of counts (a stale row alongside a shared record this profile skipped) is caught there.
    /// </summary>
    private static async Task<bool> MatchesServerCountAsync(SyncRunContext context, EntityTable table, long? serverCount, CancellationToken cancellationToken)
    {
        if (serverCount is not { } expected || context.Plan.IsFullSync || context.CleanupForced)
        {
            return false;
        }

        using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
        var synced = SyncStore.ExecuteScalarLong(lease.Connection, null, "SELECT COUNT(*) FROM " + table.QuotedName + " WHERE " + EntityTable.StateColumn + " = 0");
        var pending = SyncStore.ExecuteScalarLong(lease.Connection, null, "SELECT EXISTS (SELECT 1 FROM " + table.QuotedName + " WHERE " + EntityTable.StateColumn + " <> 0)");
        return pending == 0 && synced == expected;
    }

    /// <summary>
    /// Streams the server's visible keys into a temporary table on the writer connection, page by page, and
    /// lets SQLite find the local synced rows missing from it: memory stays flat however many rows the
    /// entity has (a managed set of a million keys costs hundreds of megabytes).
    /// </summary>
    private static async Task<List<string>> FindStaleAsync(SyncRunContext context, EntityTable table, CancellationToken cancellationToken)
    {
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            SyncStore.Execute(lease.Connection, null, "CREATE TEMP TABLE IF NOT EXISTS __ss_visible (k TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.__ss_visible;");
        }

        try
        {
            string? cursor = null;
            var first = true;
            do
            {
                var page = await context.Transport.GetVisibleKeysAsync(table.Definition, cursor, context.Options.PageSize, cancellationToken).ConfigureAwait(false);
                if (first && await MatchesServerCountAsync(context, table, page.TotalCount, cancellationToken).ConfigureAwait(false))
                {
                    return [];
                }

                first = false;
                using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
                {
                    using var tx = lease.Connection.BeginTransaction();
                    using var insert = SyncStore.Command(lease.Connection, tx, "INSERT OR IGNORE INTO temp.__ss_visible (k) VALUES ($k)", ("$k", string.Empty));
                    foreach (var key in page.Keys)
                    {
                        insert.Parameters["$k"].Value = key;
                        insert.ExecuteNonQuery();
                    }

                    tx.Commit();
                }

                cursor = page.NextCursor;
            }
            while (cursor is not null);

            using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
            {
                return SyncStore.ReadStrings(
                    lease.Connection,
                    null,
                    "SELECT " + table.QuotedKey + " FROM " + table.QuotedName + " WHERE " + EntityTable.StateColumn + " = 0 AND " +
                    table.QuotedKey + " NOT IN (SELECT k FROM temp.__ss_visible)").ToList();
            }
        }
        finally
        {
            using var lease = await context.Store.AcquireWriterAsync(CancellationToken.None).ConfigureAwait(false);
            SyncStore.Execute(lease.Connection, null, "DELETE FROM temp.__ss_visible;");
        }
    }
}
