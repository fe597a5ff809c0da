using System;
using System.Collections.Generic;

namespace SmartSync.Definitions.Parsing.Csdl;

/// <summary>
/// Resolves qualified names across every schema of a document: <c>mscrm.account</c>,
/// <c>Microsoft.Dynamics.CRM.account</c> and (tolerated, though not CSDL) a bare <c>account</c> all name
/// the same type. Aliases map to their schema's namespace.
/// </summary>
internal sealed class CsdlNames
{
    private readonly Dictionary<string, string> _namespaceOf = new(StringComparer.Ordinal);

    public CsdlNames(IEnumerable<RawSchema> schemas)
    {
        foreach (var schema in schemas)
        {
            _namespaceOf[schema.Namespace] = schema.Namespace;
            if (schema.Alias is not null)
            {
                _namespaceOf[schema.Alias] = schema.Namespace;
            }
        }
    }

    /// <summary>The namespace-qualified form of <paramref name="written"/>; unchanged when its prefix is no schema's.</summary>
    public string Qualify(string written)
    {
        var trimmed = written.Trim();
        var dot = trimmed.LastIndexOf('.');
        if (dot > 0 && _namespaceOf.TryGetValue(trimmed.Substring(0, dot), out var ns))
        {
            return ns + trimmed.Substring(dot);
        }

        return trimmed;
    }

    /// <summary>Whether <paramref name="written"/> carries a schema's namespace or alias as its prefix.</summary>
    public bool HasKnownPrefix(string written)
    {
        var dot = written.LastIndexOf('.');
        return dot > 0 && _namespaceOf.ContainsKey(written.Substring(0, dot).Trim());
    }

    /// <summary>The part after the last '.'.</summary>
    public static string SimpleName(string qualified) => qualified.Substring(qualified.LastIndexOf('.') + 1);

    /// <summary>Whether <paramref name="written"/> is <c>Collection(...)</c>; allocates nothing.</summary>
    public static bool IsCollection(string written)
    {
        var start = 0;
        var end = written.Length - 1;
        while (start <= end && char.IsWhiteSpace(written[start]))
        {
            start++;
        }

        while (end >= start && char.IsWhiteSpace(written[end]))
        {
            end--;
        }

        return end - start + 1 > "Collection()".Length - 1
            && string.CompareOrdinal(written, start, "Collection(", 0, "Collection(".Length) == 0
            && written[end] == ')';
    }

    /// <summary>The element type of <c>Collection(T)</c>, or null when <paramref name="written"/> is not a collection.</summary>
    public static string? CollectionElement(string written)
    {
        var trimmed = written.Trim();
        return trimmed.StartsWith("Collection(", StringComparison.Ordinal) && trimmed.EndsWith(")", StringComparison.Ordinal)
            ? trimmed.Substring("Collection(".Length, trimmed.Length - "Collection(".Length - 1)
            : null;
    }
}
