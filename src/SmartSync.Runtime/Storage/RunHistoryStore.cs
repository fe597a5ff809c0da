using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>Finished runs (<c>__ss_history</c>), their sync log lines (<c>__ss_log</c>) and per-entity download counts (<c>__ss_download_history</c>).</summary>
internal static class RunHistoryStore
{
    /// <returns>The new run's id.</returns>
    public static long AddRun(SqliteConnection connection, SqliteTransaction transaction, string? profile, bool isFull, DateTimeOffset startedAt, double durationMs, SyncOutcome outcome, string? message)
    {
        using var history = SyncStore.Command(
            connection,
            transaction,
            "INSERT INTO __ss_history (profile, is_full, started_at, duration_ms, outcome, message) VALUES ($p, $f, $s, $d, $o, $m); SELECT last_insert_rowid();",
            ("$p", profile),
            ("$f", isFull ? 1L : 0L),
            ("$s", startedAt.ToString("O", CultureInfo.InvariantCulture)),
            ("$d", durationMs),
            ("$o", outcome.ToString()),
            ("$m", message));
        return (long)history.ExecuteScalar()!;
    }

    /// <summary>How many changes a run's download brought for an entity (auto exclusions read it).</summary>
    public static void AddDownload(SqliteConnection connection, SqliteTransaction transaction, long runId, string entity, int changes, string at)
    {
        using var download = SyncStore.Command(connection, transaction, "INSERT INTO __ss_download_history (run_id, entity, changes, at) VALUES ($r, $e, $c, $t)", ("$r", runId), ("$e", entity), ("$c", (long)changes), ("$t", at));
        download.ExecuteNonQuery();
    }

    public static void WriteLog(SqliteConnection connection, SqliteTransaction transaction, long runId, IReadOnlyList<string> lines)
    {
        using var insert = SyncStore.Command(connection, transaction, "INSERT INTO __ss_log (run_id, line_no, text) VALUES ($r, $n, $t)", ("$r", runId), ("$n", 0L), ("$t", string.Empty));
        for (var i = 0; i < lines.Count; i++)
        {
            insert.Parameters["$n"].Value = (long)i;
            insert.Parameters["$t"].Value = lines[i];
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>The sync log of the most recent runs, newest first.</summary>
    public static IReadOnlyList<SyncLogEntry> ReadRecent(SqliteConnection connection, int runs)
    {
        var entries = new List<SyncLogEntry>();
        using var history = SyncStore.Command(connection, null, "SELECT run_id, profile, outcome FROM __ss_history ORDER BY run_id DESC LIMIT $n", ("$n", (long)Math.Max(runs, 0)));
        using var reader = history.ExecuteReader();
        while (reader.Read())
        {
            var runId = reader.GetInt64(0);
            var lines = SyncStore.ReadStrings(connection, null, "SELECT text FROM __ss_log WHERE run_id = $r ORDER BY line_no", ("$r", runId));
            entries.Add(new SyncLogEntry(runId, reader.IsDBNull(1) ? null : reader.GetString(1), Enum.Parse<SyncOutcome>(reader.GetString(2)), lines));
        }

        return entries;
    }
}
