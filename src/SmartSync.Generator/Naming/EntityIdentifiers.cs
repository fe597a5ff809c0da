using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SmartSync.Generator.Naming;

/// <summary>
/// Names the <c>EntityNames</c> constants: logical names in PascalCase (<c>new_project</c> becomes
/// <c>NewProject</c>), collisions resolved by suffixes in ordinal order of the logical names.
/// </summary>
internal static class EntityIdentifiers
{
    /// <summary>A member may not share its enclosing type's name (CS0542).</summary>
    private const string EnclosingType = "EntityNames";

    /// <param name="logicalNames">Logical names in the order the constants are emitted.</param>
    /// <returns>One unique identifier per name, at the same index.</returns>
    public static IReadOnlyList<string> Assign(IReadOnlyList<string> logicalNames)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { EnclosingType };
        var result = new string[logicalNames.Count];
        for (var i = 0; i < logicalNames.Count; i++)
        {
            var candidate = PascalCase(logicalNames[i]);
            var unique = candidate;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = candidate + "_" + n.ToString(CultureInfo.InvariantCulture);
            }

            result[i] = unique;
        }

        return result;
    }

    /// <summary>Splits on anything that is not a letter or digit and capitalises each part.</summary>
    public static string PascalCase(string logicalName)
    {
        var builder = new StringBuilder(logicalName.Length + 1);
        var startOfPart = true;
        foreach (var c in logicalName)
        {
            if (!char.IsLetterOrDigit(c) || !SyntaxFacts.IsIdentifierPartCharacter(c))
            {
                startOfPart = true;
                continue;
            }

            builder.Append(startOfPart ? char.ToUpperInvariant(c) : c);
            startOfPart = false;
        }

        if (builder.Length == 0)
        {
            return "Entity";
        }

        if (!SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return IdentifierText.EscapeKeyword(builder.ToString());
    }
}
