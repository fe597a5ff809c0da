using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Http;

/// <summary>
/// Converts between JSON record objects and the contract's value dictionaries: upload bodies out, server values
/// (412 bodies, conflict resolutions) in. With a known entity the values take the same shapes as downloaded records.
/// </summary>
internal static class JsonRecordValues
{
    /// <summary>Writes an upload body; values are primitives, dates, GUIDs or decimals (anything else as invariant text).</summary>
    public static byte[] Write(IReadOnlyDictionary<string, object?> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var pair in values)
            {
                writer.WritePropertyName(pair.Key);
                switch (pair.Value)
                {
                    case null: writer.WriteNullValue(); break;
                    case string text: writer.WriteStringValue(text); break;
                    case bool flag: writer.WriteBooleanValue(flag); break;
                    case long number: writer.WriteNumberValue(number); break;
                    case int number: writer.WriteNumberValue(number); break;
                    case short number: writer.WriteNumberValue(number); break;
                    case byte number: writer.WriteNumberValue(number); break;
                    case double number: writer.WriteNumberValue(number); break;
                    case float number: writer.WriteNumberValue(number); break;
                    case decimal number: writer.WriteNumberValue(number); break;
                    case Guid guid: writer.WriteStringValue(guid); break;
                    case DateTimeOffset date: writer.WriteStringValue(date); break;
                    case DateTime date: writer.WriteStringValue(date); break;
                    case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
                    default: writer.WriteStringValue(Convert.ToString(pair.Value, CultureInfo.InvariantCulture)); break;
                }
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a record object into a dictionary. Annotations are skipped except <c>@odata.etag</c> when
    /// <paramref name="keepETag"/>. Unknown attributes of a known entity are a payload error.
    /// </summary>
    public static Dictionary<string, object?> Read(JsonElement record, EntityPropertyMap? map, string entity, bool keepETag)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new SyncPayloadException(entity, "record", "expected a JSON object of values");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in record.EnumerateObject())
        {
            if (property.Name.Contains('@', StringComparison.Ordinal))
            {
                if (keepETag && property.Name == "@odata.etag" && property.Value.ValueKind == JsonValueKind.String)
                {
                    values[property.Name] = property.Value.GetString();
                }

                continue;
            }

            var index = map?.Find(property.Name) ?? -1;
            if (map is not null && index < 0)
            {
                throw new SyncPayloadException(entity, property.Name, $"unknown attribute '{property.Name}'");
            }

            values[property.Name] = index >= 0 ? Typed(property.Value, map!.Kinds[index], entity, property.Name) : Untyped(property.Value, entity, property.Name);
        }

        return values;
    }

    internal static object? Typed(JsonElement value, EdmValueKind kind, string entity, string name)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return kind switch
        {
            EdmValueKind.Integer when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var integer) => integer,
            EdmValueKind.Double when value.ValueKind == JsonValueKind.Number => value.GetDouble(),
            EdmValueKind.Decimal when value.ValueKind == JsonValueKind.Number => value.GetRawText(),
            EdmValueKind.Decimal when value.ValueKind == JsonValueKind.String => value.GetString(),
            EdmValueKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
            EdmValueKind.Guid or EdmValueKind.DateTimeOffset or EdmValueKind.String when value.ValueKind == JsonValueKind.String => value.GetString(),
            _ => throw new SyncPayloadException(entity, name, $"'{name}' has a value of the wrong type ({value.ValueKind})"),
        };
    }

    private static object? Untyped(JsonElement value, string entity, string name) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True or JsonValueKind.False => value.GetBoolean(),
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        _ => throw new SyncPayloadException(entity, name, $"'{name}' must be a primitive value"),
    };
}
