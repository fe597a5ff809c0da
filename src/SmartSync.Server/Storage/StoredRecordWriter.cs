using System.Text.Json;

namespace SmartSync.Server.Storage;

/// <summary>Writes a record held in memory (a row an upload just read or wrote) as the protocol's JSON object.</summary>
internal static class StoredRecordWriter
{
    public static void Write(Utf8JsonWriter writer, EntityTable table, object?[] row, long version)
    {
        writer.WriteStartObject();
        writer.WriteString("@odata.etag", RecordJsonWriter.ETag(version));
        for (var i = 0; i < table.Columns.Length; i++)
        {
            writer.WritePropertyName(table.Columns[i]);
            RecordJsonWriter.WriteStored(writer, row[i] is null or double or long or string ? row[i] : row[i]!.ToString(), table.Kinds[i]);
        }

        writer.WriteEndObject();
    }
}
