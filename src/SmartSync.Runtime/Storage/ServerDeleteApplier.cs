using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>Applies a delete the server logged: the local row and every queued change of it go.</summary>
internal static class ServerDeleteApplier
{
    /// <returns>The number of local rows removed (0 when the device never held the record).</returns>
    public static int Apply(SqliteConnection connection, SqliteTransaction transaction, LocalTable table, string key)
    {
        using var delete = SyncStore.Command(connection, transaction, "DELETE FROM " + table.QuotedName + " WHERE " + table.QuotedKey + " = $k", ("$k", key));
        var removed = delete.ExecuteNonQuery();
        using var outbox = SyncStore.Command(connection, transaction, "DELETE FROM __ss_outbox WHERE entity = $e AND record_key = $k", ("$e", table.Name), ("$k", key));
        outbox.ExecuteNonQuery();
        return removed;
    }
}
