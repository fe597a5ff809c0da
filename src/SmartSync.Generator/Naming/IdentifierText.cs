using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SmartSync.Generator.Naming;

/// <summary>Makes arbitrary text into a C# identifier, the same way every time.</summary>
internal static class IdentifierText
{
    /// <summary>
    /// Keeps identifier characters, replaces the rest with '_', puts '_' in front of a leading
    /// digit and '@' in front of a reserved keyword. Returns an empty string for empty input.
    /// </summary>
    public static string Sanitize(string text)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 1);
        if (!SyntaxFacts.IsIdentifierStartCharacter(text[0]))
        {
            builder.Append('_');
        }

        foreach (var c in text)
        {
            builder.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
        }

        return EscapeKeyword(builder.ToString());
    }

    /// <summary>Prefixes '@' when <paramref name="identifier"/> is a reserved keyword.</summary>
    public static string EscapeKeyword(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
}
