using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Storage;

/// <summary>
/// Brings the local tables in line with a newer data model inside one transaction: new tables
/// are created, new columns added, and a table whose key or column types changed is rebuilt by
/// copying (<see cref="TableRebuilder"/>), so no local row or pending edit is dropped. Entities that
/// gained columns or were rebuilt lose their cursors, so they download in full again.
/// </summary>
internal static class ModelMigrator
{
    /// <returns>The entities whose cursors were reset.</returns>
    public static IReadOnlyList<string> Apply(SqliteConnection connection, SqliteTransaction transaction, LocalModel? previous, LocalModel next, DateTimeOffset now)
    {
        var reset = new List<string>();
        foreach (var table in next.Tables)
        {
            var existing = ReadColumns(connection, transaction, table.Name);
            if (existing.Count == 0)
            {
                SyncStore.Execute(connection, transaction, table.CreateTableSql());
                SyncStore.Execute(connection, transaction, table.BlobTriggerSql());
                CreateLookupIndexes(connection, transaction, table);
                if (previous is not null)
                {
                    reset.Add(table.Name);
                    CursorStore.DeleteEntity(connection, transaction, table.Name);
                }

                continue;
            }

            var rebuild = false;
            var added = new List<int>();
            for (var i = 0; i < table.ColumnCount; i++)
            {
                var property = table.Definition.Properties[i];
                if (!existing.TryGetValue(property.Name, out var column))
                {
                    if (i == table.KeyOrdinal)
                    {
                        rebuild = true;
                    }

                    added.Add(i);
                    continue;
                }

                if (!string.Equals(column.Type, EdmTypes.SqliteAffinity(property.Kind), StringComparison.OrdinalIgnoreCase)
                    || column.IsKey != (i == table.KeyOrdinal)
                    || KindChanged(previous, table.Name, property))
                {
                    rebuild = true;
                }
            }

            if (rebuild)
            {
                var oldKey = string.Empty;
                foreach (var (name, column) in existing)
                {
                    if (column.IsKey)
                    {
                        oldKey = name;
                    }
                }

                TableRebuilder.Rebuild(connection, transaction, table, existing.Keys, oldKey, now);
            }
            else
            {
                foreach (var ordinal in added)
                {
                    SyncStore.Execute(connection, transaction, table.AddColumnSql(ordinal));
                }

                if (!existing.ContainsKey(LocalTable.VersionColumnName))
                {
                    SyncStore.Execute(connection, transaction, table.AddVersionColumnSql());
                }
            }

            SyncStore.Execute(connection, transaction, table.BlobTriggerSql());
            CreateLookupIndexes(connection, transaction, table);

            if (rebuild || added.Count > 0)
            {
                reset.Add(table.Name);
                CursorStore.DeleteEntity(connection, transaction, table.Name);
            }
        }

        if (previous is not null)
        {
            foreach (var old in previous.Tables)
            {
                if (next.Find(old.Name) is null)
                {
                    // The server no longer exposes the entity: its rows can never sync again. Pending edits are
                    // reported as sync errors (with their values) rather than vanishing without a word.
                    TableRebuilder.ReportRemoved(connection, transaction, old, now);
                    using (var blobs = SyncStore.Command(connection, transaction, "DELETE FROM __ss_blob WHERE entity = $e", ("$e", old.Name)))
                    {
                        blobs.ExecuteNonQuery();
                    }

                    SyncStore.Execute(connection, transaction, "DROP TABLE IF EXISTS " + old.QuotedName);
                    CursorStore.DeleteEntity(connection, transaction, old.Name);
                    using var outbox = SyncStore.Command(connection, transaction, "DELETE FROM __ss_outbox WHERE entity = $e", ("$e", old.Name));
                    outbox.ExecuteNonQuery();
                }
            }
        }

        return reset;
    }

    /// <summary>A kind change within one affinity (Int32 to Boolean, String to Guid) still needs every value converted.</summary>
    private static bool KindChanged(LocalModel? previous, string entity, PropertyDefinition property)
    {
        var old = previous?.Find(entity)?.Definition.FindProperty(property.Name);
        return old is not null && old.Kind != property.Kind;
    }

    /// <summary>Brings tables written by an engine before store schema 2 up to date: the row-version column, the lookup indexes and the blob triggers.</summary>
    public static void UpgradeSystemColumns(SqliteConnection connection, SqliteTransaction transaction, LocalModel model)
    {
        foreach (var table in model.Tables)
        {
            var existing = ReadColumns(connection, transaction, table.Name);
            if (existing.Count == 0)
            {
                continue;
            }

            if (!existing.ContainsKey(LocalTable.VersionColumnName))
            {
                SyncStore.Execute(connection, transaction, table.AddVersionColumnSql());
            }

            CreateLookupIndexes(connection, transaction, table);
            SyncStore.Execute(connection, transaction, table.BlobTriggerSql());
        }
    }

    private static void CreateLookupIndexes(SqliteConnection connection, SqliteTransaction transaction, LocalTable table)
    {
        foreach (var sql in table.LookupIndexSql())
        {
            SyncStore.Execute(connection, transaction, sql);
        }
    }

    private static Dictionary<string, (string Type, bool IsKey)> ReadColumns(SqliteConnection connection, SqliteTransaction transaction, string table)
    {
        var columns = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        using var command = SyncStore.Command(connection, transaction, "SELECT name, type, pk FROM pragma_table_info($t)", ("$t", table));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2) != 0);
        }

        return columns;
    }
}
