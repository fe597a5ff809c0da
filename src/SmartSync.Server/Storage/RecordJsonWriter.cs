using System.Globalization;
using System.Text.Json;
using System.Data.Common;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Server.Storage;

/// <summary>Writes rows straight from a data reader to JSON, in the entity's property order.</summary>
internal static class RecordJsonWriter
{
    /// <summary>Writes the ETag form of a change version.</summary>
    public static string ETag(long version) => "W/\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// Writes one record object. Columns 0..n-1 of <paramref name="reader"/> are the table's columns in property
    /// order and column n is <c>__version</c>; <paramref name="selected"/> limits the output (null: all).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, DbDataReader reader, EntityTable table, bool[]? selected)
    {
        var names = NamesOf(table);
        writer.WriteStartObject();
        WriteETag(writer, reader.GetInt64(table.Columns.Length));
        for (var i = 0; i < names.Length; i++)
        {
            if (selected is not null && !selected[i] && i != table.KeyIndex)
            {
                continue;
            }

            writer.WritePropertyName(names[i]);
            WriteValue(writer, reader, i, table.Kinds[i]);
        }

        writer.WriteEndObject();
    }

    /// <summary>The table's property names, escaped and encoded once.</summary>
    public static JsonEncodedText[] NamesOf(EntityTable table) =>
        EncodedNames.GetValue(table, static t => System.Array.ConvertAll(t.Columns, c => JsonEncodedText.Encode(c)));

    /// <summary>Writes <c>"@odata.etag": "W/\"version\""</c> straight into UTF-8 on the stack: no string per record.</summary>
    public static void WriteETag(Utf8JsonWriter writer, long version)
    {
        System.Span<byte> etag = stackalloc byte[24];
        "W/\""u8.CopyTo(etag);
        System.Buffers.Text.Utf8Formatter.TryFormat(version, etag[3..], out var digits);
        etag[3 + digits] = (byte)'"';
        writer.WriteString(ETagName, etag[..(digits + 4)]);
    }

    private static readonly JsonEncodedText ETagName = JsonEncodedText.Encode("@odata.etag");

    // Property names escaped and encoded once per table, not once per record.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<EntityTable, JsonEncodedText[]> EncodedNames = new();

    public static void WriteValue(Utf8JsonWriter writer, DbDataReader reader, int ordinal, EdmValueKind kind)
    {
        if (reader.IsDBNull(ordinal))
        {
            writer.WriteNullValue();
            return;
        }

        switch (kind)
        {
            case EdmValueKind.Integer:
                writer.WriteNumberValue(reader.GetInt64(ordinal));
                break;
            case EdmValueKind.Double:
                writer.WriteNumberValue(reader.GetDouble(ordinal));
                break;
            case EdmValueKind.Decimal:
                // Stored as validated invariant decimal text: write it as an exact JSON number.
                writer.WriteNumberValue(decimal.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture));
                break;
            case EdmValueKind.Boolean:
                writer.WriteBooleanValue(reader.GetInt64(ordinal) != 0);
                break;
            default:
                writer.WriteStringValue(reader.GetString(ordinal));
                break;
        }
    }

    /// <summary>Writes an already-converted value (see <see cref="ValueConverter"/>).</summary>
    public static void WriteStored(Utf8JsonWriter writer, object? value, EdmValueKind kind)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case long number when kind == EdmValueKind.Boolean:
                writer.WriteBooleanValue(number != 0);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double real:
                writer.WriteNumberValue(real);
                break;
            case string text when kind == EdmValueKind.Decimal:
                writer.WriteNumberValue(decimal.Parse(text, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(System.Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
