using System.Linq;
using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>
/// A first full download into an empty table does not maintain the table's lookup indexes row by row: random keys
/// make every page's commit rewrite hundreds of index pages, which cost more than the rows themselves. The indexes
/// are dropped before the first page and built once, in sorted order, when the download completes (or stops).
/// A marker in <c>__ss_settings</c>, written with the drop and removed with the rebuild, makes a crash in between
/// harmless: the store rebuilds marked tables' indexes when it opens.
/// </summary>
internal static class DeferredLookupIndexes
{
    /// <summary>Drops the table's lookup indexes and marks them for rebuilding; false when the table has none.</summary>
    public static bool Defer(SqliteConnection connection, SqliteTransaction transaction, LocalTable table)
    {
        var drops = table.DropLookupIndexSql().ToList();
        if (drops.Count == 0)
        {
            return false;
        }

        SyncStore.SetSetting(connection, transaction, SettingNames.DeferredIndexesPrefix + table.Name, "1");
        foreach (var sql in drops)
        {
            SyncStore.Execute(connection, transaction, sql);
        }

        return true;
    }

    /// <summary>Builds the table's lookup indexes (no-op for those that exist) and removes its marker.</summary>
    public static void Restore(SqliteConnection connection, SqliteTransaction transaction, LocalTable table)
    {
        foreach (var sql in table.LookupIndexSql())
        {
            SyncStore.Execute(connection, transaction, sql);
        }

        SyncStore.SetSetting(connection, transaction, SettingNames.DeferredIndexesPrefix + table.Name, null);
    }

    /// <summary>At open: rebuilds the indexes a download dropped before the process ended.</summary>
    public static void RestorePending(SqliteConnection connection, LocalModel model)
    {
        var pending = SyncStore.ReadStrings(
            connection, null, "SELECT name FROM __ss_settings WHERE substr(name, 1, $n) = $p",
            ("$n", SettingNames.DeferredIndexesPrefix.Length), ("$p", SettingNames.DeferredIndexesPrefix));
        if (pending.Count == 0)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        foreach (var name in pending)
        {
            var table = model.Find(name[SettingNames.DeferredIndexesPrefix.Length..]);
            if (table is null)
            {
                SyncStore.SetSetting(connection, transaction, name, null);
            }
            else
            {
                Restore(connection, transaction, table);
            }
        }

        transaction.Commit();
    }
}
