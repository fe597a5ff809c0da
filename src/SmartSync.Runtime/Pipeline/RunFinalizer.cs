using System.Collections.Generic;
using System.Globalization;
using SmartSync.Exclusions;
using SmartSync.Storage;

namespace SmartSync.Pipeline;

/// <summary>
/// Records a finished run in one transaction: history, the sync log, download history, auto
/// exclusions, cleanup debt, and the full-sync and authorization flags.
/// </summary>
internal static class RunFinalizer
{
    public static long Write(WriterLease lease, SyncRunContext context, SyncOutcome outcome, string? message, System.DateTimeOffset startedAt, double durationMs)
    {
        var connection = lease.Connection;
        using var tx = connection.BeginTransaction();
        var completed = outcome == SyncOutcome.Completed;
        var now = context.Now.ToString("O", CultureInfo.InvariantCulture);
        var runId = RunHistoryStore.AddRun(connection, tx, context.Plan.ProfileName, context.Plan.IsFullSync, startedAt, durationMs, outcome, message);
        foreach (var counter in context.Counters)
        {
            if (!counter.Downloads)
            {
                continue;
            }

            RunHistoryStore.AddDownload(connection, tx, runId, counter.Entity, counter.Changes, now);
        }

        if (completed)
        {
            AutoExclusionAnalyzer.Update(connection, tx, context);
            if (context.Plan.Downloads)
            {
                var debt = long.TryParse(SyncStore.GetSetting(connection, tx, SettingNames.CleanupDebt), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : 0;
                debt = context.CleanupRan ? 0 : debt + 1;
                SyncStore.SetSetting(connection, tx, SettingNames.CleanupDebt, debt.ToString(CultureInfo.InvariantCulture));
            }

            if (context.Plan.IsFullSync)
            {
                SyncStore.SetSetting(connection, tx, SettingNames.LastFullSync, now);
                if (context.Session?.FullSyncRequired == true)
                {
                    SyncStore.SetSetting(connection, tx, SettingNames.ForcedFullSyncHonoured, "1");
                }
            }
        }

        if (context.Session is { } session)
        {
            // WhoAmI answered: the user is signed in; a lifted admin demand re-arms the next one.
            SyncStore.SetSetting(connection, tx, SettingNames.AuthorizationRequired, null);
            if (!session.FullSyncRequired)
            {
                SyncStore.SetSetting(connection, tx, SettingNames.ForcedFullSyncHonoured, null);
            }
        }

        context.Log.Line(string.Format(CultureInfo.InvariantCulture, "Sync {0} in {1:F0} ms{2}", outcome.ToString().ToLowerInvariant(), durationMs, message is null ? string.Empty : ": " + message));
        RunHistoryStore.WriteLog(connection, tx, runId, context.Log.Lines);
        RetentionStore.Apply(connection, tx, context.Options.Retention, context.Options.AutoExclusions.QuietDownloads);
        tx.Commit();
        return runId;
    }
}
