using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace SmartSync.Dataverse.Tests.Emulator;

/// <summary>Writes rows as the Web API does: <c>@odata.etag</c> first, then the selected columns (GUIDs and dates as strings, decimals as numbers).</summary>
internal static class EmulatorJson
{
    // lookupTable: when annotations were asked for, the logical name of the table a lookup value points at.
    public static void WriteRow(Utf8JsonWriter writer, EmulatorTable table, EmulatorRow row, IReadOnlyList<string> columns, Func<string, Guid, string?>? lookupTable = null)
    {
        writer.WriteStartObject();
        writer.WriteString("@odata.etag", row.ETag);
        foreach (var column in columns)
        {
            var value = row.Values.GetValueOrDefault(column);
            if (lookupTable is not null && value is Guid key && lookupTable(column, key) is { } logicalName)
            {
                // Lookup property annotations: "<column>@Microsoft.Dynamics.CRM.lookuplogicalname" names the referenced table.
                // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns
                writer.WriteString(column + "@Microsoft.Dynamics.CRM.lookuplogicalname", logicalName);
            }

            WriteValue(writer, column, value);
        }

        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        writer.WritePropertyName(name);
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case Guid guid: writer.WriteStringValue(guid.ToString("D")); break;
            case decimal number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case int number: writer.WriteNumberValue(number); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>The OData error body: <c>{"error":{"code":"0x…","message":"…"}}</c>.</summary>
    public static byte[] Error(string code, string message)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
