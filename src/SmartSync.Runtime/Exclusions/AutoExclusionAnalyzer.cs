using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SmartSync.Pipeline;
using SmartSync.Storage;

namespace SmartSync.Exclusions;

/// <summary>
/// Maintains the auto exclusion list from data and history after each completed run: an entity
/// with few local rows whose last N downloads brought no change joins it (with the reason); an
/// entity on it whose download brought changes (a full sync re-checks them all) leaves it, logged.
/// </summary>
internal static class AutoExclusionAnalyzer
{
    public static void Update(SqliteConnection connection, SqliteTransaction tx, SyncRunContext context)
    {
        var options = context.Options.AutoExclusions;
        if (!options.Enabled || context.Model is not { } model)
        {
            return;
        }

        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in AutoExclusionStore.List(connection, tx))
        {
            current.Add(entry.Name);
        }

        foreach (var counter in context.Counters)
        {
            if (!counter.Downloads || model.Find(counter.Entity) is not { } table)
            {
                continue;
            }

            if (current.Contains(counter.Entity))
            {
                if (counter.Changes > 0)
                {
                    using var remove = SyncStore.Command(connection, tx, "DELETE FROM __ss_auto_exclusion WHERE entity = $e", ("$e", counter.Entity));
                    remove.ExecuteNonQuery();
                    context.Log.Line(string.Format(CultureInfo.InvariantCulture, "Auto exclusion removed: {0} changed ({1} change(s))", counter.Entity, counter.Changes));
                }

                continue;
            }

            // This download brought changes, so the entity cannot be quiet: skip the count entirely.
            if (counter.Changes > 0 || options.QuietDownloads < 1)
            {
                continue;
            }

            // Count at most one row past the limit: a full COUNT(*) of a million-row table on every run costs seconds.
            var rows = SyncStore.ExecuteScalarLong(
                connection,
                tx,
                "SELECT COUNT(*) FROM (SELECT 1 FROM " + table.QuotedName + " LIMIT $limit)",
                ("$limit", (long)options.MaxLocalRows + 1));
            if (rows > options.MaxLocalRows)
            {
                continue;
            }

            using var recent = SyncStore.Command(connection, tx, "SELECT changes FROM __ss_download_history WHERE entity = $e ORDER BY id DESC LIMIT $n", ("$e", counter.Entity), ("$n", (long)options.QuietDownloads));
            using var reader = recent.ExecuteReader();
            var quiet = 0;
            while (reader.Read() && reader.GetInt64(0) == 0)
            {
                quiet++;
            }

            reader.Close();
            if (quiet < options.QuietDownloads)
            {
                continue;
            }

            var reason = string.Format(CultureInfo.InvariantCulture, "{0} local row(s) and no changes in the last {1} download(s)", rows, options.QuietDownloads);
            using var add = SyncStore.Command(
                connection,
                tx,
                "INSERT OR REPLACE INTO __ss_auto_exclusion (entity, reason, since) VALUES ($e, $r, $t)",
                ("$e", counter.Entity),
                ("$r", reason),
                ("$t", context.Now.ToString("O", CultureInfo.InvariantCulture)));
            add.ExecuteNonQuery();
            context.Log.Line("Auto exclusion added: " + counter.Entity + " (" + reason + ")");
        }
    }
}
