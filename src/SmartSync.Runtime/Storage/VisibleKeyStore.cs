using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>
/// The cleanup's view of a table: the server's visible keys streamed into a temporary table on the writer
/// connection, so SQLite finds the local synced rows missing from it with flat memory however large the table.
/// </summary>
internal static class VisibleKeyStore
{
    public static void Reset(SqliteConnection connection) =>
        SyncStore.Execute(connection, null, "CREATE TEMP TABLE IF NOT EXISTS __ss_visible (k TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.__ss_visible;");

    public static void Add(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<string> keys)
    {
        using var insert = SyncStore.Command(connection, transaction, "INSERT OR IGNORE INTO temp.__ss_visible (k) VALUES ($k)", ("$k", string.Empty));
        foreach (var key in keys)
        {
            insert.Parameters["$k"].Value = key;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Synced local rows whose key the server did not list (rows with local changes are never stale).</summary>
    public static List<string> StaleKeys(SqliteConnection connection, LocalTable table) =>
        SyncStore.ReadStrings(
            connection,
            null,
            "SELECT " + table.QuotedKey + " FROM " + table.QuotedName + " WHERE " + LocalTable.StateColumn + " = 0 AND " +
            table.QuotedKey + " NOT IN (SELECT k FROM temp.__ss_visible)").ToList();

    public static void Clear(SqliteConnection connection) => SyncStore.Execute(connection, null, "DELETE FROM temp.__ss_visible;");

    /// <summary>Removes stale rows, only while they still have no local change.</summary>
    public static void DeleteSynced(SqliteConnection connection, SqliteTransaction transaction, LocalTable table, IEnumerable<string> keys)
    {
        using var delete = SyncStore.Command(connection, transaction, "DELETE FROM " + table.QuotedName + " WHERE " + table.QuotedKey + " = $k AND " + LocalTable.StateColumn + " = 0", ("$k", string.Empty));
        foreach (var key in keys)
        {
            delete.Parameters["$k"].Value = key;
            delete.ExecuteNonQuery();
        }
    }

    /// <summary>The number of synced rows, and whether any row has a local change (the count shortcut needs none).</summary>
    public static (long Synced, bool HasPending) Counts(SqliteConnection connection, LocalTable table) =>
        (SyncStore.ExecuteScalarLong(connection, null, "SELECT COUNT(*) FROM " + table.QuotedName + " WHERE " + LocalTable.StateColumn + " = 0"),
         SyncStore.ExecuteScalarLong(connection, null, "SELECT EXISTS (SELECT 1 FROM " + table.QuotedName + " WHERE " + LocalTable.StateColumn + " <> 0)") != 0);
}
