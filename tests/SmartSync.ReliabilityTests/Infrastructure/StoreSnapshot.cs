using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// A device database read straight from the file (not through the engine): every entity table's rows
/// (key → every column, canonical text), the cursors, the outbox, blobs and mail. Two snapshots compare
/// row sets with values, not counts.
/// </summary>
public sealed class StoreSnapshot
{
    public required IReadOnlyDictionary<string, SortedDictionary<string, string>> Tables { get; init; }

    /// <summary>(module, entity) → (cursor, complete).</summary>
    public required IReadOnlyDictionary<(string Module, string Entity), (string Cursor, bool Complete)> Cursors { get; init; }

    /// <summary>The outbox in sequence order: (seq, entity, key, operation).</summary>
    public required IReadOnlyList<(long Seq, string Entity, string Key, long Operation)> Outbox { get; init; }

    public required IReadOnlyList<string> Blobs { get; init; }

    public required IReadOnlyList<string> Mail { get; init; }

    public SortedDictionary<string, string> Rows(string entity) =>
        Tables.TryGetValue(entity, out var rows) ? rows : new SortedDictionary<string, string>(StringComparer.Ordinal);

    public static StoreSnapshot Read(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var tables = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var table in Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'"))
        {
            tables[table] = ReadTable(connection, table);
        }

        var cursors = new Dictionary<(string, string), (string, bool)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT module, entity, cursor, complete FROM __ss_cursor";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cursors[(reader.GetString(0), reader.GetString(1))] = (reader.GetString(2), reader.GetInt64(3) != 0);
            }
        }

        var outbox = new List<(long, string, string, long)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq, entity, record_key, operation FROM __ss_outbox ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                outbox.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }

        return new StoreSnapshot
        {
            Tables = tables,
            Cursors = cursors,
            Outbox = outbox,
            Blobs = Strings(connection, "SELECT kind || ':' || id FROM __ss_blob ORDER BY 1"),
            Mail = Strings(connection, "SELECT id FROM __ss_mail ORDER BY 1"),
        };
    }

    /// <summary>Asserts both stores hold the same entity rows (every column), blobs and mail.</summary>
    public static void AssertSameData(StoreSnapshot expected, StoreSnapshot actual, string because)
    {
        Assert.Equal(expected.Tables.Keys, actual.Tables.Keys);
        foreach (var (table, rows) in expected.Tables)
        {
            var other = actual.Tables[table];
            var missing = rows.Keys.Except(other.Keys).ToList();
            var extra = other.Keys.Except(rows.Keys).ToList();
            var different = rows.Keys.Intersect(other.Keys).Where(k => rows[k] != other[k]).ToList();
            Assert.True(
                missing.Count == 0 && extra.Count == 0 && different.Count == 0,
                $"{because}: table {table}: missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}], different [{string.Join(", ", different.Select(k => rows[k] + " <> " + other[k]))}]");
        }

        Assert.Equal(expected.Blobs, actual.Blobs);
        Assert.Equal(expected.Mail, actual.Mail);
    }

    private static SortedDictionary<string, string> ReadTable(SqliteConnection connection, string table)
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"" + table + "\"";
        using var reader = command.ExecuteReader();
        var key = Enumerable.Range(0, reader.FieldCount).First(i => reader.GetName(i) == KeyColumn(connection, table));
        while (reader.Read())
        {
            var text = new StringBuilder();
            // __ver is the device's own row version for the app's optimistic checks (docs/data-access.md): it counts
            // local writes, so a device that edited a row differs there from one that only downloaded it.
            foreach (var i in Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != "__ver").OrderBy(reader.GetName, StringComparer.Ordinal))
            {
                text.Append(reader.GetName(i)).Append('=').Append(Canonical(reader.GetValue(i))).Append(';');
            }

            rows[Convert.ToString(reader.GetValue(key), CultureInfo.InvariantCulture)!] = text.ToString();
        }

        return rows;
    }

    private static string KeyColumn(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($t) WHERE pk = 1";
        command.Parameters.AddWithValue("$t", table);
        return (string)command.ExecuteScalar()!;
    }

    private static string Canonical(object value) => value switch
    {
        DBNull => "null",
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        string s => "'" + s + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + ":" + value.GetType().Name,
        _ => value.ToString() ?? "?",
    };

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return list;
    }

    public static bool Exists(string path) => File.Exists(path);
}
