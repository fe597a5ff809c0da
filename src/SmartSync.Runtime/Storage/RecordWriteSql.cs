using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SmartSync.Data;

namespace SmartSync.Storage;

/// <summary>
/// The statements of typed writes. Each runs inside the caller's transaction, next to the outbox
/// entry, and the version check is part of the statement itself (no read-then-write race).
/// </summary>
internal static class RecordWriteSql
{
    /// <summary>Inserts a new row (state changed, version 1); false when the key exists (even as a local tombstone).</summary>
    public static bool Insert(SqliteConnection connection, SqliteTransaction transaction, TableBinding binding, RecordWriter values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = new StringBuilder();
        var parameters = new StringBuilder();
        for (var i = 0; i < binding.ColumnCount; i++)
        {
            if (!binding.Present[i])
            {
                continue;
            }

            var name = "$v" + i.ToString(CultureInfo.InvariantCulture);
            columns.Append(binding.QuotedColumns[i]).Append(", ");
            parameters.Append(name).Append(", ");
            command.Parameters.AddWithValue(name, values[i] ?? System.DBNull.Value);
        }

        command.CommandText = "INSERT INTO " + binding.Table.QuotedName + " (" + columns + LocalTable.StateColumn + ", " + LocalTable.VersionColumn +
            ") VALUES (" + parameters + RowState.Changed.ToString(CultureInfo.InvariantCulture) + ", 1) ON CONFLICT DO NOTHING";
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Writes every column but the key when the row is still at <paramref name="version"/>; returns whether it was.</summary>
    public static bool Update(SqliteConnection connection, SqliteTransaction transaction, TableBinding binding, int keyOrdinal, RecordWriter values, long version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("UPDATE ").Append(binding.Table.QuotedName).Append(" SET ");
        for (var i = 0; i < binding.ColumnCount; i++)
        {
            if (!binding.Present[i] || i == keyOrdinal)
            {
                continue;
            }

            var name = "$v" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(binding.QuotedColumns[i]).Append(" = ").Append(name).Append(", ");
            command.Parameters.AddWithValue(name, values[i] ?? System.DBNull.Value);
        }

        sql.Append(LocalTable.StateColumn).Append(" = ").Append(RowState.Changed.ToString(CultureInfo.InvariantCulture)).Append(", ")
            .Append(LocalTable.VersionColumn).Append(" = ").Append(LocalTable.VersionColumn).Append(" + 1");
        AppendVersionCheck(sql, binding);
        command.Parameters.AddWithValue("$key", values[keyOrdinal] ?? System.DBNull.Value);
        command.Parameters.AddWithValue("$ver", version);
        command.CommandText = sql.ToString();
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Turns the row into a local tombstone when it is still at <paramref name="version"/>; returns its ETag, or false.</summary>
    public static bool Delete(SqliteConnection connection, SqliteTransaction transaction, TableBinding binding, string key, long version, out string? etag)
    {
        var sql = new StringBuilder("UPDATE ").Append(binding.Table.QuotedName).Append(" SET ")
            .Append(LocalTable.StateColumn).Append(" = ").Append(RowState.Deleted.ToString(CultureInfo.InvariantCulture)).Append(", ")
            .Append(LocalTable.VersionColumn).Append(" = ").Append(LocalTable.VersionColumn).Append(" + 1");
        AppendVersionCheck(sql, binding);
        sql.Append(" RETURNING ").Append(LocalTable.ETagColumn);
        using var command = SyncStore.Command(connection, transaction, sql.ToString(), ("$key", key), ("$ver", version));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            etag = null;
            return false;
        }

        etag = reader.IsDBNull(0) ? null : reader.GetString(0);
        return true;
    }

    /// <summary>Why a checked write matched no row: the row is gone (or a tombstone), or it has another version.</summary>
    public static RecordConflictKind Diagnose(SqliteConnection connection, SqliteTransaction transaction, TableBinding binding, string key)
    {
        var live = SyncStore.ExecuteScalarLong(
            connection,
            transaction,
            "SELECT COUNT(*) FROM " + binding.Table.QuotedName + " WHERE " + binding.Table.QuotedKey + " = $key AND " + LocalTable.StateColumn + " <> " + RowState.Deleted.ToString(CultureInfo.InvariantCulture),
            ("$key", key));
        return live == 0 ? RecordConflictKind.DeletedSinceRead : RecordConflictKind.ChangedSinceRead;
    }

    private static void AppendVersionCheck(StringBuilder sql, TableBinding binding) =>
        sql.Append(" WHERE ").Append(binding.Table.QuotedKey).Append(" = $key AND ")
            .Append(LocalTable.VersionColumn).Append(" = $ver AND ")
            .Append(LocalTable.StateColumn).Append(" <> ").Append(RowState.Deleted.ToString(CultureInfo.InvariantCulture));
}
