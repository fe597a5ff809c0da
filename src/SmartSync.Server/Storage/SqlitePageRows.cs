using System;
using System.Buffers.Text;
using System.Data.Common;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Definitions.DataModel;
using SQLitePCL;

namespace SmartSync.Server.Storage;

/// <summary>
/// The page query on SQLite, stepped on the connection's native handle: each text column goes from SQLite's UTF-8
/// straight into the JSON writer (no .NET string per value, no UTF-16 round trip), and each column costs one type
/// check and one read instead of the several native calls a <see cref="SqliteDataReader"/> makes per typed getter.
/// It writes exactly what <see cref="RecordJsonWriter.Write"/> writes for the same rows.
/// </summary>
internal static class SqlitePageRows
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="command"/> (its text and parameters; columns 0..n-1 the table's columns, column n the
    /// change version) and writes up to <paramref name="pageSize"/> records; one more row means another page follows.
    /// </summary>
    public static async Task<(int Count, long? NextAfter)> WriteAsync(
        SqliteConnection connection, DbCommand command, Utf8JsonWriter writer, PipeWriter body, EntityTable table, bool[]? selected, int pageSize, long after,
        CancellationToken cancellationToken)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, command.CommandText, out var statement));
        using (statement)
        {
            foreach (DbParameter parameter in command.Parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
                if (index == 0)
                {
                    // Not used by this variant of the query (a table without an owner column).
                    continue;
                }

                var rc = parameter.Value switch
                {
                    long number => raw.sqlite3_bind_int64(statement, index, number),
                    int number => raw.sqlite3_bind_int64(statement, index, number),
                    string text => raw.sqlite3_bind_text(statement, index, text),
                    _ => raw.sqlite3_bind_null(statement, index),
                };
                Check(db, rc);
            }

            var names = RecordJsonWriter.NamesOf(table);
            var versionColumn = table.Columns.Length;
            var count = 0;
            var last = after;
            var waitedSince = DateTime.UtcNow;
            while (true)
            {
                var rc = raw.sqlite3_step(statement);
                if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && count == 0 && DateTime.UtcNow - waitedSince < BusyTimeout)
                {
                    // Another connection holds the file (a checkpoint, a recovery): wait as a command would.
                    raw.sqlite3_reset(statement);
                    await Task.Delay(10, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (rc == raw.SQLITE_DONE)
                {
                    return (count, null);
                }

                Check(db, rc == raw.SQLITE_ROW ? raw.SQLITE_OK : rc);
                if (count == pageSize)
                {
                    return (count, last);
                }

                var version = raw.sqlite3_column_int64(statement, versionColumn);
                WriteRecord(writer, statement, table, names, selected, version);
                last = version;
                count++;
                if (count % CrmStore.FlushEvery == 0)
                {
                    // Hand what is written to Kestrel: memory stays flat however large the page.
                    writer.Flush();
                    await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static void WriteRecord(Utf8JsonWriter writer, sqlite3_stmt statement, EntityTable table, JsonEncodedText[] names, bool[]? selected, long version)
    {
        writer.WriteStartObject();
        RecordJsonWriter.WriteETag(writer, version);
        for (var i = 0; i < names.Length; i++)
        {
            if (selected is not null && !selected[i] && i != table.KeyIndex)
            {
                continue;
            }

            writer.WritePropertyName(names[i]);
            var type = raw.sqlite3_column_type(statement, i);
            if (type == raw.SQLITE_NULL)
            {
                writer.WriteNullValue();
                continue;
            }

            switch (table.Kinds[i])
            {
                case EdmValueKind.Integer:
                    writer.WriteNumberValue(raw.sqlite3_column_int64(statement, i));
                    break;
                case EdmValueKind.Double:
                    writer.WriteNumberValue(raw.sqlite3_column_double(statement, i));
                    break;
                case EdmValueKind.Boolean:
                    writer.WriteBooleanValue(raw.sqlite3_column_int64(statement, i) != 0);
                    break;
                case EdmValueKind.Decimal:
                    WriteDecimal(writer, raw.sqlite3_column_blob(statement, i));
                    break;
                default:
                    // A text value's blob is its UTF-8 bytes (the database encoding); numbers come as their text.
                    WriteText(writer, raw.sqlite3_column_blob(statement, i));
                    break;
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Stored as validated invariant decimal text: written as an exact JSON number.</summary>
    private static void WriteDecimal(Utf8JsonWriter writer, ReadOnlySpan<byte> text)
    {
        if (Utf8Parser.TryParse(text, out decimal value, out var used) && used == text.Length)
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNumberValue(decimal.Parse(Encoding.UTF8.GetString(text), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static void WriteText(Utf8JsonWriter writer, ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            writer.WriteStringValue(utf8);
        }
        else
        {
            // Bytes that are not UTF-8 (written around the server): replaced as a .NET string read would replace them.
            writer.WriteStringValue(Encoding.UTF8.GetString(utf8));
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string() ?? "SQLite error " + rc, rc, raw.sqlite3_extended_errcode(db));
        }
    }
}
