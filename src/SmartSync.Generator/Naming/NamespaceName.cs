using System.Collections.Generic;
using SmartSync.Generator.Inputs;

namespace SmartSync.Generator.Naming;

/// <summary>
/// Chooses the generated code's namespace: <c>SmartSyncNamespace</c>, else <c>RootNamespace</c>,
/// else the assembly name; each dotted part made a valid identifier.
/// </summary>
internal static class NamespaceName
{
    /// <summary>Used when every candidate is empty.</summary>
    public const string Fallback = "SmartSyncGenerated";

    public static string Choose(NamespaceOptions options, string? assemblyName)
    {
        foreach (var candidate in new[] { options.SmartSyncNamespace, options.RootNamespace, assemblyName })
        {
            var sanitized = Sanitize(candidate);
            if (sanitized.Length > 0)
            {
                return sanitized;
            }
        }

        return Fallback;
    }

    /// <summary>Sanitises each dotted part; empty parts are dropped.</summary>
    public static string Sanitize(string? candidate)
    {
        if (string.IsNullOrWhiteSpace(candidate))
        {
            return string.Empty;
        }

        var parts = new List<string>();
        foreach (var part in candidate!.Trim().Split('.'))
        {
            var identifier = IdentifierText.Sanitize(part.Trim());
            if (identifier.Length > 0)
            {
                parts.Add(identifier);
            }
        }

        return string.Join(".", parts);
    }
}
