using System;

namespace SmartSync.Storage;

/// <summary>
/// Guards every identifier that reaches SQL text: names come from the data model, are checked
/// against a conservative pattern, and are always emitted double-quoted.
/// </summary>
internal static class SqlIdentifier
{
    /// <summary>Prefix of the engine's own tables and columns; model names may not use it.</summary>
    public const string ReservedPrefix = "__";

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 128 || name.StartsWith(ReservedPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Quotes an engine object name (<c>__ss_</c> followed by letters, digits and underscores only).</summary>
    public static string QuoteEngine(string name)
    {
        var valid = name.StartsWith("__ss_", StringComparison.Ordinal) && name.Length <= 160;
        foreach (var c in name)
        {
            valid &= char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        return valid ? "\"" + name + "\"" : throw new InvalidOperationException($"'{name}' is not a usable engine object name.");
    }

    /// <summary>The quoted name of the index on one column: <c>__ix_{table}__{column}</c> (the reserved prefix keeps it clear of model names).</summary>
    public static string QuoteIndex(string table, string column)
    {
        Quote(table);
        Quote(column);
        return "\"" + ReservedPrefix + "ix_" + table + "__" + column + "\"";
    }

    /// <summary>Quotes a validated model identifier; throws for anything else.</summary>
    public static string Quote(string name)
    {
        if (!IsValid(name))
        {
            throw new InvalidOperationException($"'{name}' is not a usable table or column name.");
        }

        return "\"" + name + "\"";
    }
}
