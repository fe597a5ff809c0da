using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace SmartSync.Storage;

/// <summary>
/// Writes and reads attribute dictionaries (a conflict's server values) as JSON by hand with
/// Utf8JsonWriter/JsonDocument: no reflection, so it stays AOT- and trim-safe.
/// </summary>
internal static class ValueJson
{
    public static string Write(IReadOnlyDictionary<string, object?> values)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in values)
            {
                switch (EdmAffinity.Normalize(value))
                {
                    case null: writer.WriteNull(name); break;
                    case string s: writer.WriteString(name, s); break;
                    case long l: writer.WriteNumber(name, l); break;
                    case double d: writer.WriteNumber(name, d); break;
                    case bool b: writer.WriteBoolean(name, b); break;
                    case byte[] bytes: writer.WriteBase64String(name, bytes); break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static Dictionary<string, object?> Read(string json)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.TryGetInt64(out var l) ? l : property.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };
        }

        return result;
    }
}
