using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SmartSync.Definitions.DataModel;
using SmartSync.Data;

namespace SmartSync.Storage;

/// <summary>Writes a set of named attribute values into one row (app writes, conflict resolutions).</summary>
internal static class RowWriter
{
    /// <summary>Upserts the named values; <c>strict</c> throws on unknown attribute names (app input) instead of ignoring them (server input).</summary>
    public static void Upsert(
        SqliteConnection connection,
        SqliteTransaction transaction,
        LocalTable table,
        string key,
        IReadOnlyDictionary<string, object?>? values,
        string? etag,
        bool setETag,
        long state,
        bool strict)
    {
        var columns = new StringBuilder(table.QuotedKey);
        var parameters = new StringBuilder("$key");
        var updates = new StringBuilder();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$key", key);
        var index = 0;
        if (values is not null)
        {
            foreach (var (name, value) in values)
            {
                if (!table.TryGetOrdinal(name, out var ordinal))
                {
                    if (strict)
                    {
                        throw new ArgumentException($"'{table.Name}' has no attribute '{name}'.", nameof(values));
                    }

                    continue;
                }

                if (ordinal == table.KeyOrdinal)
                {
                    continue;
                }

                var parameter = "$v" + index.ToString(CultureInfo.InvariantCulture);
                index++;
                columns.Append(", ").Append(table.QuotedColumns[ordinal]);
                parameters.Append(", ").Append(parameter);
                updates.Append(table.QuotedColumns[ordinal]).Append(" = excluded.").Append(table.QuotedColumns[ordinal]).Append(", ");
                var normalized = strict ? EdmAffinity.Normalize(value) : NormalizeLenient(value);
                if (strict && normalized is long number && (number < int.MinValue || number > int.MaxValue)
                    && EdmTypes.ClrKindOf(table.Definition.Properties[ordinal].EdmType) == ColumnKind.Int32)
                {
                    // The generated record reads this column as int (EdmTypes.ClrKindOf): a wider value would break every typed read of the table.
                    throw new ArgumentException($"'{table.Name}.{name}' is an {table.Definition.Properties[ordinal].EdmType}; {number} does not fit.", nameof(values));
                }

                command.Parameters.AddWithValue(parameter, normalized ?? DBNull.Value);
            }
        }

        columns.Append(", ").Append(LocalTable.StateColumn);
        parameters.Append(", $state");
        updates.Append(LocalTable.StateColumn).Append(" = excluded.").Append(LocalTable.StateColumn);
        command.Parameters.AddWithValue("$state", state);
        if (setETag)
        {
            columns.Append(", ").Append(LocalTable.ETagColumn);
            parameters.Append(", $etag");
            updates.Append(", ").Append(LocalTable.ETagColumn).Append(" = excluded.").Append(LocalTable.ETagColumn);
            command.Parameters.AddWithValue("$etag", (object?)etag ?? DBNull.Value);
        }

        updates.Append(", ").Append(LocalTable.VersionColumn).Append(" = ").Append(table.QuotedName).Append('.').Append(LocalTable.VersionColumn).Append(" + 1");
        command.CommandText = "INSERT INTO " + table.QuotedName + " (" + columns + ") VALUES (" + parameters + ") ON CONFLICT(" +
            table.QuotedKey + ") DO UPDATE SET " + updates;
        command.ExecuteNonQuery();
    }

    public static void SetState(SqliteConnection connection, SqliteTransaction transaction, LocalTable table, string key, long state)
    {
        using var command = SyncStore.Command(connection, transaction, "UPDATE " + table.QuotedName + " SET " + LocalTable.StateColumn + " = $s WHERE " + table.QuotedKey + " = $k", ("$s", state), ("$k", key));
        command.ExecuteNonQuery();
    }

    private static object? NormalizeLenient(object? value)
    {
        try
        {
            return EdmAffinity.Normalize(value);
        }
        catch (ArgumentException)
        {
            return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Removes a delete's tombstone once the server applied it; a record the app re-created meanwhile (state 1) stays.</summary>
    public static void RemoveTombstone(SqliteConnection connection, SqliteTransaction transaction, LocalTable table, string key)
    {
        using var delete = SyncStore.Command(connection, transaction, "DELETE FROM " + table.QuotedName + " WHERE " + table.QuotedKey + " = $k AND " + LocalTable.StateColumn + " = 2", ("$k", key));
        delete.ExecuteNonQuery();
    }

    public static void SetETag(SqliteConnection connection, SqliteTransaction transaction, LocalTable table, string key, string? etag)
    {
        using var update = SyncStore.Command(connection, transaction, "UPDATE " + table.QuotedName + " SET " + LocalTable.ETagColumn + " = $etag WHERE " + table.QuotedKey + " = $k", ("$etag", etag), ("$k", key));
        update.ExecuteNonQuery();
    }

    /// <summary>Marks an uploaded row synced unless the app queued a newer change of it (that keeps it pending).</summary>
    public static void MarkSyncedUnlessNewer(SqliteConnection connection, SqliteTransaction transaction, LocalTable table, string key, long upTo)
    {
        using var command = SyncStore.Command(
            connection,
            transaction,
            "UPDATE " + table.QuotedName + " SET " + LocalTable.StateColumn + " = 0 WHERE " + table.QuotedKey + " = $k AND " + LocalTable.StateColumn + " = 1 " +
            "AND NOT EXISTS (SELECT 1 FROM __ss_outbox WHERE entity = $e AND record_key = $k AND seq > $s)",
            ("$k", key),
            ("$e", table.Name),
            ("$s", upTo));
        command.ExecuteNonQuery();
    }
}
