using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SmartSync.Benchmarks.Replay;

/// <summary>
/// The limit the engine is held against: the same records into the same table shape with plain Microsoft.Data.Sqlite,
/// one transaction, one prepared INSERT reused for every row, same journal settings as the engine (WAL, synchronous=NORMAL).
/// </summary>
public static class RawSqliteBaseline
{
    /// <summary>Inserts every record; returns the time from BEGIN to COMMIT.</summary>
    public static TimeSpan Insert(string databasePath, PrebuiltRecords records)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }

        var properties = records.Entity.Properties;
        using (var create = connection.CreateCommand())
        {
            create.CommandText = CreateTableSql(records);
            create.ExecuteNonQuery();
        }

        var watch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO \"" + records.Entity.Name + "\" (" + string.Join(", ", properties.Select(p => "\"" + p.Name + "\"")) +
            ", \"__etag\", \"__state\") VALUES (" + string.Join(", ", properties.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture))) + ", $etag, 0)";
        var parameters = new SqliteParameter[properties.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = insert.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value);
        }

        var etag = insert.Parameters.AddWithValue("$etag", DBNull.Value);
        insert.Prepare();
        for (var row = 0; row < records.Count; row++)
        {
            var values = records.Values[row];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            etag.Value = records.ETags[row];
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        watch.Stop();
        return watch.Elapsed;
    }

    /// <summary>The engine's table shape: the key as TEXT PRIMARY KEY, columns by EDM affinity, ETag and state columns.</summary>
    private static string CreateTableSql(PrebuiltRecords records)
    {
        var sql = new StringBuilder("CREATE TABLE \"").Append(records.Entity.Name).Append("\" (");
        var properties = records.Entity.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            sql.Append('"').Append(properties[i].Name).Append("\" ").Append(Affinity(properties[i].EdmType));
            if (i == records.KeyOrdinal)
            {
                sql.Append(" PRIMARY KEY NOT NULL");
            }

            sql.Append(", ");
        }

        return sql.Append("\"__etag\" TEXT, \"__state\" INTEGER NOT NULL DEFAULT 0)").ToString();
    }

    private static string Affinity(string edmType) => edmType switch
    {
        "Edm.Int16" or "Edm.Int32" or "Edm.Int64" or "Edm.Byte" or "Edm.SByte" or "Edm.Boolean" => "INTEGER",
        "Edm.Double" or "Edm.Single" => "REAL",
        "Edm.Binary" => "BLOB",
        _ => "TEXT",
    };
}
