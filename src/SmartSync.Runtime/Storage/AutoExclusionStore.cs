using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SmartSync.Definitions.Semantics;

namespace SmartSync.Storage;

/// <summary>The persisted auto exclusion list (<c>__ss_auto_exclusion</c>: entity, reason, since) and the history it is decided from.</summary>
internal static class AutoExclusionStore
{
    public static IReadOnlyList<ExcludedEntity> List(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = SyncStore.Command(connection, transaction, "SELECT entity, reason FROM __ss_auto_exclusion ORDER BY entity");
        using var reader = command.ExecuteReader();
        var result = new List<ExcludedEntity>();
        while (reader.Read())
        {
            result.Add(new ExcludedEntity(reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }

    public static void Add(SqliteConnection connection, SqliteTransaction transaction, string entity, string reason, DateTimeOffset since)
    {
        using var add = SyncStore.Command(
            connection,
            transaction,
            "INSERT OR REPLACE INTO __ss_auto_exclusion (entity, reason, since) VALUES ($e, $r, $t)",
            ("$e", entity),
            ("$r", reason),
            ("$t", since.ToString("O", CultureInfo.InvariantCulture)));
        add.ExecuteNonQuery();
    }

    public static void Remove(SqliteConnection connection, SqliteTransaction transaction, string entity)
    {
        using var remove = SyncStore.Command(connection, transaction, "DELETE FROM __ss_auto_exclusion WHERE entity = $e", ("$e", entity));
        remove.ExecuteNonQuery();
    }

    /// <summary>Local rows of a table, counted only up to <paramref name="limit"/> (a full COUNT(*) of a large table costs seconds).</summary>
    public static long CountRowsUpTo(SqliteConnection connection, SqliteTransaction transaction, LocalTable table, long limit) =>
        SyncStore.ExecuteScalarLong(connection, transaction, "SELECT COUNT(*) FROM (SELECT 1 FROM " + table.QuotedName + " LIMIT $limit)", ("$limit", limit));

    /// <summary>How many of the entity's most recent downloads, newest first, brought no change (stops at the first that did).</summary>
    public static int QuietDownloads(SqliteConnection connection, SqliteTransaction transaction, string entity, int lookBack)
    {
        using var recent = SyncStore.Command(connection, transaction, "SELECT changes FROM __ss_download_history WHERE entity = $e ORDER BY id DESC LIMIT $n", ("$e", entity), ("$n", (long)lookBack));
        using var reader = recent.ExecuteReader();
        var quiet = 0;
        while (reader.Read() && reader.GetInt64(0) == 0)
        {
            quiet++;
        }

        return quiet;
    }
}
