using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>
/// Rebuilds an entity's table for a changed key or column types by copying, never by dropping: every row is
/// converted to the new types; a pending row (changed or deleted on the device) keeps its state, ETag and outbox
/// entries, and whatever of it could not be converted becomes a sync error instead of vanishing.
/// </summary>
internal static class TableRebuilder
{

    private const string OldTable = "\"__ss_rebuild\"";

    /// <param name="connection">The writer connection.</param>
    /// <param name="transaction">The migration's transaction.</param>
    /// <param name="table">The table as the new model defines it.</param>
    /// <param name="oldColumns">The columns the table has now (before the rebuild).</param>
    /// <param name="oldKey">The name of its current key column.</param>
    /// <param name="now">When the migration runs (the sync errors' time).</param>
    /// <returns>The number of pending rows that became sync errors.</returns>
    public static int Rebuild(SqliteConnection connection, SqliteTransaction transaction, LocalTable table, ICollection<string> oldColumns, string oldKey, DateTimeOffset now)
    {
        SyncStore.Execute(connection, transaction, "DROP TABLE IF EXISTS " + OldTable);
        SyncStore.Execute(connection, transaction, "ALTER TABLE " + table.QuotedName + " RENAME TO " + OldTable);
        SyncStore.Execute(connection, transaction, table.CreateTableSql());

        // Old value of every new column that existed before (NULL for new ones), then the old key, ETag and state.
        var select = new StringBuilder("SELECT ");
        for (var i = 0; i < table.ColumnCount; i++)
        {
            select.Append(oldColumns.Contains(table.Definition.Properties[i].Name) ? table.QuotedColumns[i] : "NULL").Append(", ");
        }

        select.Append(SqlIdentifier.Quote(oldKey)).Append(", ").Append(LocalTable.ETagColumn).Append(", ").Append(LocalTable.StateColumn).Append(" FROM ").Append(OldTable);

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO " + table.QuotedName + " (" + table.SelectColumns + ") VALUES (" + Parameters(table.ColumnCount + 2) + ")";
        for (var i = 0; i < table.ColumnCount + 2; i++)
        {
            insert.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
        }

        var problems = new List<(string Key, long State, string Message)>();
        var renamed = new List<(string From, string To)>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        using (var read = SyncStore.Command(connection, transaction, select.ToString()))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                var oldKeyValue = Convert.ToString(reader.GetValue(table.ColumnCount), CultureInfo.InvariantCulture) ?? string.Empty;
                var etag = reader.GetValue(table.ColumnCount + 1);
                var state = reader.GetInt64(table.ColumnCount + 2);
                var failures = new List<string>();
                for (var i = 0; i < table.ColumnCount; i++)
                {
                    var property = table.Definition.Properties[i];
                    var stored = reader.GetValue(i);
                    if (!StoredValueConverter.TryConvert(stored, property.Kind, out var converted))
                    {
                        failures.Add(string.Format(CultureInfo.InvariantCulture, "'{0}' held '{1}', which is not a valid {2} value", property.Name, Shorten(stored), property.EdmType));
                        converted = null;
                    }

                    insert.Parameters[i].Value = converted ?? DBNull.Value;
                }

                var newKey = insert.Parameters[table.KeyOrdinal].Value is string or long ? Convert.ToString(insert.Parameters[table.KeyOrdinal].Value, CultureInfo.InvariantCulture)! : null;
                if (newKey is null || newKey.Length == 0 || !keys.Add(newKey))
                {
                    // The row cannot be keyed under the new key. A synced row comes back with the full download
                    // that follows; a pending one is reported with its values so the edit is not lost silently.
                    if (state != RowState.Synced)
                    {
                        problems.Add((oldKeyValue, state, "The data model changed the key of '" + table.Name + "' and this record has no unique value for it; the device's change could not be kept: " + Describe(table, reader)));
                    }

                    continue;
                }

                // A synced row loses its ETag so the full download that follows rewrites it as the server now
                // stores it; a pending row keeps it, because its upload is conditional on it.
                insert.Parameters[table.ColumnCount].Value = state == RowState.Synced ? DBNull.Value : etag;
                insert.Parameters[table.ColumnCount + 1].Value = state;
                insert.ExecuteNonQuery();
                if (!string.Equals(oldKeyValue, newKey, StringComparison.Ordinal))
                {
                    renamed.Add((oldKeyValue, newKey));
                }

                if (failures.Count > 0 && state != RowState.Synced)
                {
                    problems.Add((newKey, state, "The data model changed the type of a column of '" + table.Name + "'; the device's change could not be converted and the value was cleared: " + string.Join("; ", failures) + "."));
                }
            }
        }

        foreach (var (from, to) in renamed)
        {
            using var outbox = SyncStore.Command(connection, transaction, "UPDATE __ss_outbox SET record_key = $to WHERE entity = $e AND record_key = $from", ("$to", to), ("$e", table.Name), ("$from", from));
            outbox.ExecuteNonQuery();
            using var errors = SyncStore.Command(connection, transaction, "UPDATE __ss_error SET record_key = $to WHERE entity = $e AND record_key = $from", ("$to", to), ("$e", table.Name), ("$from", from));
            errors.ExecuteNonQuery();
        }

        foreach (var (key, _, message) in problems)
        {
            SyncErrorStore.Insert(connection, transaction, table.Name, key, SyncErrorStore.MigrationKind, message, null, null, now);
        }

        SyncStore.Execute(connection, transaction, "DROP TABLE " + OldTable);
        return problems.Count;
    }

    /// <summary>Pending rows of an entity the new model no longer has: reported as sync errors before the table goes.</summary>
    public static int ReportRemoved(SqliteConnection connection, SqliteTransaction transaction, LocalTable table, DateTimeOffset now)
    {
        var problems = new List<(string Key, string Message)>();
        using (var read = SyncStore.Command(connection, transaction, "SELECT " + table.SelectColumns + " FROM " + table.QuotedName + " WHERE " + LocalTable.StateColumn + " <> 0"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = Convert.ToString(reader.GetValue(table.KeyOrdinal), CultureInfo.InvariantCulture) ?? string.Empty;
                problems.Add((key, "The server's data model no longer has '" + table.Name + "'; the device's change could not be uploaded: " + Describe(table, reader)));
            }
        }

        foreach (var (key, message) in problems)
        {
            SyncErrorStore.Insert(connection, transaction, table.Name, key, SyncErrorStore.MigrationKind, message, null, null, now);
        }

        return problems.Count;
    }

    private static string Parameters(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "$p" : ", $p").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>The row's non-null values as <c>name=value</c> pairs, bounded so a huge value cannot bloat the error.</summary>
    private static string Describe(LocalTable table, SqliteDataReader reader)
    {
        var text = new StringBuilder();
        for (var i = 0; i < table.ColumnCount && text.Length < 2000; i++)
        {
            var value = reader.GetValue(i);
            if (value is DBNull)
            {
                continue;
            }

            text.Append(text.Length == 0 ? string.Empty : ", ").Append(table.Definition.Properties[i].Name).Append('=').Append(Shorten(value));
        }

        return text.ToString();
    }

    private static string Shorten(object? value)
    {
        var text = value is byte[] bytes ? "(" + bytes.Length.ToString(CultureInfo.InvariantCulture) + " bytes)" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
