using System.Collections.Generic;
using System.Globalization;

namespace SmartSync.Definitions.Validation;

/// <summary>Decides whether a profile name can become a C# member and type name.</summary>
internal static class CSharpIdentifier
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    ];

    /// <summary>Names the generated <c>Profiles</c> class already uses.</summary>
    private static readonly HashSet<string> Reserved = ["All", "Triggers", "GlobalExclusions", "Catalog", "Find", "Profiles"];

    /// <summary>Null when <paramref name="name"/> is usable, otherwise why it is not.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > 200)
        {
            return "it is longer than 200 characters";
        }

        if (!IsIdentifierStart(name[0]))
        {
            return "it must start with a letter or '_'";
        }

        for (var i = 1; i < name.Length; i++)
        {
            if (!IsIdentifierPart(name[i]))
            {
                return $"the character '{name[i]}' is not allowed in an identifier";
            }
        }

        if (Keywords.Contains(name))
        {
            return "it is a C# keyword";
        }

        if (Reserved.Contains(name))
        {
            return $"'Profiles.{name}' is already a generated member";
        }

        return null;
    }

    private static bool IsIdentifierStart(char c) =>
        c == '_' || char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(char c) =>
        IsIdentifierStart(c) || char.GetUnicodeCategory(c) is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
