using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SmartSync.Transport;

namespace SmartSync.Storage;

/// <summary>
/// Records the device must fetch from the server to equal it again (a sync error resolved in the server's favour
/// while nothing of the server's record was known), and writing the fetched record.
/// </summary>
internal static class RefetchStore
{
    public static void Add(SqliteConnection connection, SqliteTransaction transaction, string entity, string key)
    {
        using var command = SyncStore.Command(connection, transaction, "INSERT OR IGNORE INTO __ss_refetch (entity, record_key) VALUES ($e, $k)", ("$e", entity), ("$k", key));
        command.ExecuteNonQuery();
    }

    public static void Remove(SqliteConnection connection, SqliteTransaction? transaction, string entity, string key)
    {
        using var command = SyncStore.Command(connection, transaction, "DELETE FROM __ss_refetch WHERE entity = $e AND record_key = $k", ("$e", entity), ("$k", key));
        command.ExecuteNonQuery();
    }

    public static List<(string Entity, string Key)> List(SqliteConnection connection)
    {
        var result = new List<(string, string)>();
        using var command = SyncStore.Command(connection, null, "SELECT entity, record_key FROM __ss_refetch ORDER BY entity, record_key");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add((reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }

    /// <summary>
    /// Writes the server's record (null: it has none) unless the app changed the row again meanwhile; that newer
    /// change is uploaded, conditional on the ETag the row kept.
    /// </summary>
    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, LocalTable table, string key, ServerRecord? record)
    {
        var pending = SyncStore.ExecuteScalarLong(connection, transaction, "SELECT EXISTS (SELECT 1 FROM __ss_outbox WHERE entity = $e AND record_key = $k)", ("$e", table.Name), ("$k", key)) != 0;
        if (!pending)
        {
            if (record is null)
            {
                using var delete = SyncStore.Command(connection, transaction, table.DownloadRemoveSql(), ("$key", key));
                delete.ExecuteNonQuery();
            }
            else
            {
                RowWriter.Upsert(connection, transaction, table, key, record.Values, record.ETag, setETag: true, RowState.Synced, strict: false);
            }
        }

        Remove(connection, transaction, table.Name, key);
    }
}
