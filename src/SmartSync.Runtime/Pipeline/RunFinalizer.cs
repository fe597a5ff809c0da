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
        using (var history = SyncStore.Command(
            connection,
            tx,
            "INSERT INTO __ss_history (profile, is_full, started_at, duration_ms, outcome, message) VALUES ($p, $f, $s, $d, $o, $m); SELECT last_insert_rowid();",
            ("$p", context.Plan.ProfileName),
            ("$f", context.Plan.IsFullSync ? 1L : 0L),
            ("$s", startedAt.ToString("O", CultureInfo.InvariantCulture)),
            ("$d", durationMs),
            ("$o", outcome.ToString()),
            ("$m", message)))
        {
            var runId = (long)history.ExecuteScalar()!;
            foreach (var counter in context.Counters)
            {
                if (!counter.Downloads)
                {
                    continue;
                }

                using var download = SyncStore.Command(connection, tx, "INSERT INTO __ss_download_history (run_id, entity, changes, at) VALUES ($r, $e, $c, $t)", ("$r", runId), ("$e", counter.Entity), ("$c", (long)counter.Changes), ("$t", now));
                download.ExecuteNonQuery();
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
            WriteLog(connection, tx, runId, context.Log.Lines);
            RetentionStore.Apply(connection, tx, context.Options.Retention, context.Options.AutoExclusions.QuietDownloads);
            tx.Commit();
            return runId;
        }
    }

    private static void WriteLog(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction tx, long runId, IReadOnlyList<string> lines)
    {
        using var insert = SyncStore.Command(connection, tx, "INSERT INTO __ss_log (run_id, line_no, text) VALUES ($r, $n, $t)", ("$r", runId), ("$n", 0L), ("$t", string.Empty));
        for (var i = 0; i < lines.Count; i++)
        {
            insert.Parameters["$n"].Value = (long)i;
            insert.Parameters["$t"].Value = lines[i];
            insert.ExecuteNonQuery();
        }
    }
}
