using System;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Storage;
using SmartSync.Transport;

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
        var visibility = VisibilityStamp(context.Session);
        foreach (var table in context.Entities)
        {
            if (await NothingLeftVisibilityAsync(context, table, visibility, cancellationToken).ConfigureAwait(false))
            {
                context.Progress.Report(table.Name, 0);
                continue;
            }

            var stale = await FindStaleAsync(context, table, cancellationToken).ConfigureAwait(false);
            using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
            {
                using var tx = lease.Connection.BeginTransaction();
                VisibleKeyStore.DeleteSynced(lease.Connection, tx, table, stale);

                // Cleaned up as of the visibility version WhoAmI reported at the start of this run: a change after
                // that moves the version again, so the next run walks once more.
                SyncStore.SetSetting(lease.Connection, tx, SettingNames.CleanupVisibilityPrefix + table.Name, visibility);
                tx.Commit();
            }

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

    /// <summary>The user and the server's visibility version, as stored per entity after a cleanup; null when the server does not report one.</summary>
    private static string? VisibilityStamp(ServerSession? session) =>
        session?.VisibilityVersion is { } version ? session.UserId + " " + version.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// Cleanup can skip an entity without asking the server anything when (a) this run downloaded it from scratch into
    /// a table without synced rows (every synced row came from this very download), or (b) in a SmartSync run that is
    /// not forced by cleanup debt, the server's visibility version is the one stored at the entity's last cleanup:
    /// nothing left the user's visibility since (reassignments and unshares already came as <c>@removed</c> entries of
    /// the deltas). Full syncs and forced cleanups otherwise walk the keys: the safety net.
    /// </summary>
    private static async Task<bool> NothingLeftVisibilityAsync(SyncRunContext context, LocalTable table, string? visibility, CancellationToken cancellationToken)
    {
        var counter = context.Counter(table.Name);
        var freshlyDownloaded = counter.StartedEmpty && counter.FullDownload;
        var unchanged = visibility is not null && !context.Plan.IsFullSync && !context.CleanupForced;
        if (!freshlyDownloaded && !unchanged)
        {
            return false;
        }

        using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
        if (!freshlyDownloaded && SyncStore.GetSetting(lease.Connection, null, SettingNames.CleanupVisibilityPrefix + table.Name) != visibility)
        {
            return false;
        }

        if (freshlyDownloaded)
        {
            SyncStore.SetSetting(lease.Connection, null, SettingNames.CleanupVisibilityPrefix + table.Name, visibility);
        }

        return true;
    }

    /// <summary>
    /// In a SmartSync run, right after the entity download brought every visible record, the local rows can only
    /// be a superset of the visible ones; equal counts then mean equal sets and the key walk (seconds for a
    /// million rows) is skipped. Full syncs and cleanups forced by cleanup debt always walk the keys, so a
    /// coincidence of counts (a stale row alongside a shared record this profile skipped) is caught there.
    /// </summary>
    private static async Task<bool> MatchesServerCountAsync(SyncRunContext context, LocalTable table, long? serverCount, CancellationToken cancellationToken)
    {
        if (serverCount is not { } expected || context.Plan.IsFullSync || context.CleanupForced)
        {
            return false;
        }

        using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
        var (synced, hasPending) = VisibleKeyStore.Counts(lease.Connection, table);
        return !hasPending && synced == expected;
    }

    /// <summary>
    /// Streams the server's visible keys into a temporary table on the writer connection, page by page, and
    /// lets SQLite find the local synced rows missing from it: memory stays flat however many rows the
    /// entity has (a managed set of a million keys costs hundreds of megabytes).
    /// </summary>
    private static async Task<List<string>> FindStaleAsync(SyncRunContext context, LocalTable table, CancellationToken cancellationToken)
    {
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            VisibleKeyStore.Reset(lease.Connection);
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
                    VisibleKeyStore.Add(lease.Connection, tx, page.Keys);
                    tx.Commit();
                }

                cursor = page.NextCursor;
            }
            while (cursor is not null);

            using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
            {
                return VisibleKeyStore.StaleKeys(lease.Connection, table);
            }
        }
        finally
        {
            using var lease = await context.Store.AcquireWriterAsync(CancellationToken.None).ConfigureAwait(false);
            VisibleKeyStore.Clear(lease.Connection);
        }
    }
}
