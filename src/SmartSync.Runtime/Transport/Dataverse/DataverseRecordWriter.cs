using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Dataverse;

/// <summary>
/// Writes an upload body the way Dataverse takes it: only columns the table definition lets a create or an update
/// set, decimals as JSON numbers, and lookups as <c>&lt;navigation&gt;@odata.bind</c> (the <c>_x_value</c> columns
/// are read-only) using the navigation property whose referential constraint names the column.
/// </summary>
internal static class DataverseRecordWriter
{
    /// <summary>What was written, for comparing with the server's record after a 412.</summary>
    public sealed record Body(byte[] Json, Dictionary<string, object?> Sent);

    /// <summary>The body of one upsert.</summary>
    /// <param name="entity">The table's CSDL definition.</param>
    /// <param name="table">The table's definition (which columns a create or an update may set).</param>
    /// <param name="values">The device's values.</param>
    /// <param name="create">Whether this is a create (<c>If-None-Match: *</c>).</param>
    /// <param name="targets">The navigation property of each lookup column, already resolved (polymorphic ones included).</param>
    /// <param name="entitySetOf">The entity set of a target table.</param>
    public static Body Write(
        EntityTypeDefinition entity, DataverseTable table, IReadOnlyDictionary<string, object?> values, bool create,
        IReadOnlyDictionary<string, LookupDefinition> targets, Func<string, string?> entitySetOf)
    {
        var sent = new Dictionary<string, object?>(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in entity.Properties)
            {
                if (property.Name == entity.Key || DataverseFileColumns.IsFileColumn(entity, property.Name) || !values.TryGetValue(property.Name, out var value))
                {
                    continue; // the key is in the address; a note's file is never downloaded, so sending it would erase it
                }

                if (LookupAttribute(property.Name) is { } attribute)
                {
                    if (!table.IsWritable(attribute, create) || !targets.TryGetValue(property.Name, out var lookup))
                    {
                        continue;
                    }

                    if (value is null && create)
                    {
                        continue; // nothing to associate
                    }

                    if (!create && attribute == "ownerid")
                    {
                        // Setting the owner is an assignment (it needs the Assign privilege); the body carries the
                        // row's columns, not just the changed ones, so an unchanged owner must not become one.
                        continue;
                    }

                    writer.WritePropertyName(lookup.Name + "@odata.bind");
                    if (value is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        var set = entitySetOf(lookup.TargetEntity) ?? throw new InvalidOperationException($"'{lookup.TargetEntity}' has no entity set.");
                        writer.WriteStringValue("/" + set + "(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")");
                    }

                    sent[property.Name] = value;
                    continue;
                }

                if (!table.IsWritable(property.Name, create) || property.EdmType == "Edm.Binary")
                {
                    continue;
                }

                writer.WritePropertyName(property.Name);
                WriteValue(writer, value, property.Kind);
                sent[property.Name] = value;
            }

            writer.WriteEndObject();
        }

        return new Body(buffer.ToArray(), sent);
    }

    /// <summary><c>_parentcustomerid_value</c> → <c>parentcustomerid</c>; null for a column that is not a lookup value.</summary>
    public static string? LookupAttribute(string property) =>
        property.Length > 7 && property.StartsWith('_') && property.EndsWith("_value", StringComparison.Ordinal)
            ? property.Substring(1, property.Length - 7)
            : null;

    /// <summary>Whether the server's record already holds every value that was sent (a retry after a lost answer).</summary>
    public static bool Holds(EntityTypeDefinition entity, IReadOnlyDictionary<string, object?> sent, IReadOnlyDictionary<string, object?> server)
    {
        foreach (var (name, value) in sent)
        {
            var kind = entity.FindProperty(name)?.Kind ?? EdmValueKind.String;
            if (!server.TryGetValue(name, out var current) || !Same(value, current, kind))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(object? a, object? b, EdmValueKind kind)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        var left = Convert.ToString(a, CultureInfo.InvariantCulture)!;
        var right = Convert.ToString(b, CultureInfo.InvariantCulture)!;
        return kind switch
        {
            EdmValueKind.Guid => Guid.TryParse(left, out var x) && Guid.TryParse(right, out var y) ? x == y : left == right,
            EdmValueKind.Decimal => decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) ? x == y : left == right,
            EdmValueKind.Double => double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) ? x.Equals(y) : left == right,
            EdmValueKind.DateTimeOffset => DateTimeOffset.TryParse(left, CultureInfo.InvariantCulture, DateTimeStyles.None, out var x) && DateTimeOffset.TryParse(right, CultureInfo.InvariantCulture, DateTimeStyles.None, out var y) ? x == y : left == right,
            EdmValueKind.Boolean => a.Equals(b) || string.Equals(left, right, StringComparison.OrdinalIgnoreCase),
            _ => left == right,
        };
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, EdmValueKind kind)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case long number: writer.WriteNumberValue(number); break;
            case int number: writer.WriteNumberValue(number); break;
            case double number: writer.WriteNumberValue(number); break;
            case decimal number: writer.WriteNumberValue(number); break;
            case string text when kind == EdmValueKind.Decimal && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                writer.WriteNumberValue(number); // Edm.Decimal travels as a JSON number
                break;
            case string text when kind == EdmValueKind.Integer && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer):
                writer.WriteNumberValue(integer);
                break;
            case string text: writer.WriteStringValue(text); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
