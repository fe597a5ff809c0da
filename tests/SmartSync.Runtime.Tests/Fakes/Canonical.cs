using System.Collections.Generic;
using System.Globalization;
using System.Text;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Runtime.Tests.Fakes;

/// <summary>One text per row, so server and device row sets compare with plain equality.</summary>
public static class Canonical
{
    public static string Of(EntityTypeDefinition definition, IReadOnlyList<object?> values)
    {
        var text = new StringBuilder();
        for (var i = 0; i < definition.Properties.Count; i++)
        {
            text.Append(definition.Properties[i].Name).Append('=').Append(Format(values[i])).Append(';');
        }

        return text.ToString();
    }

    public static string Of(EntityTypeDefinition definition, IReadOnlyDictionary<string, object?> values)
    {
        var list = new object?[definition.Properties.Count];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = values.TryGetValue(definition.Properties[i].Name, out var v) ? v : null;
        }

        return Of(definition, list);
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => string.Format(CultureInfo.InvariantCulture, "{0}", value),
    };
}
