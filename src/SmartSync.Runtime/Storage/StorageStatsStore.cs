using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>What the storage analyzer reads: row counts and sizes per table, and per-entity last downloads.</summary>
internal static class StorageStatsStore
{
    public static Dictionary<string, DateTimeOffset> LastDownloads(SqliteConnection connection)
    {
        var lastDownloads = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var command = SyncStore.Command(connection, null, "SELECT entity, last_download FROM __ss_entity_state WHERE last_download IS NOT NULL");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            lastDownloads[reader.GetString(0)] = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
        }

        return lastDownloads;
    }

    /// <summary>Rows and bytes of an entity table (its columns, ETag and state).</summary>
    public static (long Rows, long Bytes) Measure(SqliteConnection connection, LocalTable table) =>
        Measure(connection, table.QuotedName, new List<string>(table.QuotedColumns) { LocalTable.ETagColumn, LocalTable.StateColumn });

    /// <summary>Rows and bytes of each engine table (<c>__ss_*</c>), by name.</summary>
    public static List<(string Name, long Rows, long Bytes)> MeasureEngineTables(SqliteConnection connection)
    {
        var result = new List<(string, long, long)>();
        foreach (var name in SyncStore.ReadStrings(connection, null, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_\\_ss\\_%' ESCAPE '\\' ORDER BY name"))
        {
            var columns = new List<string>();
            foreach (var column in SyncStore.ReadStrings(connection, null, "SELECT name FROM pragma_table_info($t)", ("$t", name)))
            {
                columns.Add("\"" + column.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            }

            var (rows, bytes) = Measure(connection, SqlIdentifier.QuoteEngine(name), columns);
            result.Add((name, rows, bytes));
        }

        return result;
    }

    /// <summary>
    /// Rows and the summed size of every value in bytes: text as its UTF-8 bytes, blobs as their bytes, numbers as
    /// their text form (CAST AS BLOB), so a non-ASCII text counts what it occupies, not its characters.
    /// </summary>
    private static (long Rows, long Bytes) Measure(SqliteConnection connection, string quotedTable, IReadOnlyList<string> quotedColumns)
    {
        var size = new StringBuilder("SELECT COUNT(*), IFNULL(SUM(0");
        foreach (var column in quotedColumns)
        {
            size.Append(" + IFNULL(LENGTH(CAST(").Append(column).Append(" AS BLOB)), 0)");
        }

        size.Append("), 0) FROM ").Append(quotedTable);
        using var command = SyncStore.Command(connection, null, size.ToString());
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
