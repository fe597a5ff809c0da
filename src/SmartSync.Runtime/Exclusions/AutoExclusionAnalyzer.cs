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
                    AutoExclusionStore.Remove(connection, tx, counter.Entity);
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
            var rows = AutoExclusionStore.CountRowsUpTo(connection, tx, table, (long)options.MaxLocalRows + 1);
            if (rows > options.MaxLocalRows)
            {
                continue;
            }

            var quiet = AutoExclusionStore.QuietDownloads(connection, tx, counter.Entity, options.QuietDownloads);
            if (quiet < options.QuietDownloads)
            {
                continue;
            }

            var reason = string.Format(CultureInfo.InvariantCulture, "{0} local row(s) and no changes in the last {1} download(s)", rows, options.QuietDownloads);
            AutoExclusionStore.Add(connection, tx, counter.Entity, reason, context.Now);
            context.Log.Line("Auto exclusion added: " + counter.Entity + " (" + reason + ")");
        }
    }
}
