using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace SmartSync.Analyzers.Tests.Fuzzing;

/// <summary>
/// Damages XML documents the ways real files get damaged (and hostile ones are built): truncation,
/// flipped characters, duplicated or removed elements and attributes, random values, deep nesting and
/// megabyte-sized attribute values. Deterministic for a given <see cref="Random"/>.
/// </summary>
internal sealed class DocumentMutator(Random random)
{
    private static readonly Regex Attribute = new("""\s[A-Za-z_:][\w:.-]*\s*=\s*"[^"]*"|\s[A-Za-z_:][\w:.-]*\s*=\s*'[^']*'""", RegexOptions.CultureInvariant);
    private static readonly Regex AttributeValue = new("=\"([^\"]*)\"", RegexOptions.CultureInvariant);
    private static readonly Regex Element = new("""<([A-Za-z_][\w:.-]*)\b[^<>]*/>|<([A-Za-z_][\w:.-]*)\b[^<>]*>[^<>]*</\2\s*>""", RegexOptions.CultureInvariant);

    private static readonly string[] Values =
    [
        "", " ", "task", "GetTasks", "Task", "true", "false", "TRUE", "0", "-1", "59", "2147483648", "99999999999999999999",
        "UpSync", "DownSync", "UpDownSync", "Full", "Incremental", "Default", "Include", "Exclude", "AppStart", "RecordChange",
        "PeriodicSync", "OnlyCoreModules NoCleanup", "NoAttachments,,NoDocuments", "class", "All", "1abc", "a-b", "é", "\u00a0",
        "&amp;", "&lt;&gt;", "&#x1F600;", "activitypointer", "Crm.task", "mscrm.unknown", "Collection(mscrm.task)", "Edm.Guid",
    ];

    public const int MutationKinds = 10;

    /// <summary>Applies one to three mutations; returns the mutated text and what was done, for failure messages.</summary>
    public (string Text, string Description) Mutate(string text)
    {
        var count = random.Next(1, 4);
        var steps = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(MutationKinds);
            text = Apply(kind, text, out var step);
            steps.Add(step);
        }

        return (text, string.Join(" + ", steps));
    }

    private string Apply(int kind, string text, out string step)
    {
        switch (kind)
        {
            case 0:
                var length = text.Length == 0 ? 0 : random.Next(text.Length);
                step = "truncate at " + length;
                return text.Substring(0, length);
            case 1:
                step = "flip characters";
                return Flip(text);
            case 2:
                step = "duplicate element";
                return WithMatch(Element, text, m => text.Insert(m.Index + m.Length, m.Value));
            case 3:
                step = "remove element";
                return WithMatch(Element, text, m => text.Remove(m.Index, m.Length));
            case 4:
                step = "duplicate attribute";
                return WithMatch(Attribute, text, m => text.Insert(m.Index + m.Length, m.Value));
            case 5:
                step = "remove attribute";
                return WithMatch(Attribute, text, m => text.Remove(m.Index, m.Length));
            case 6:
                var value = Values[random.Next(Values.Length)];
                step = "set value '" + value + "'";
                return WithMatch(AttributeValue, text, m => text.Substring(0, m.Groups[1].Index) + value + text.Substring(m.Groups[1].Index + m.Groups[1].Length));
            case 7:
                var depth = random.Next(2) == 0 ? random.Next(10, 200) : random.Next(5_000, 20_000);
                step = "nest " + depth + " levels";
                return Nest(text, depth);
            case 8:
                step = "1 MB attribute value";
                var huge = new string((char)('a' + random.Next(26)), 1 << 20);
                return WithMatch(AttributeValue, text, m => text.Substring(0, m.Groups[1].Index) + huge + text.Substring(m.Groups[1].Index + m.Groups[1].Length));
            default:
                step = "insert random markup";
                var markup = new[] { "<", ">", "</", "/>", "\"", "'", "&", "<!--", "-->", "<![CDATA[", "]]>", "<?xml version=\"1.0\"?>", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "\0", "\uFFFF", "\uD800" }[random.Next(16)];
                return text.Insert(text.Length == 0 ? 0 : random.Next(text.Length), markup);
        }
    }

    private string Flip(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        var flips = random.Next(1, 8);
        for (var i = 0; i < flips; i++)
        {
            var index = random.Next(builder.Length);
            builder[index] = (char)(builder[index] ^ (1 << random.Next(8)));
        }

        return builder.ToString();
    }

    private string Nest(string text, int depth)
    {
        // Deep nesting inside the first element after the root's start tag (or anywhere, if none is found).
        var match = Element.Match(text);
        var index = match.Success ? match.Index : (text.Length == 0 ? 0 : random.Next(text.Length));
        var name = random.Next(2) == 0 ? "Entities" : "SmartSync";
        var builder = new StringBuilder(text.Length + (depth * ((name.Length * 2) + 5)));
        builder.Append(text, 0, index);
        for (var i = 0; i < depth; i++)
        {
            builder.Append('<').Append(name).Append('>');
        }

        for (var i = 0; i < depth; i++)
        {
            builder.Append("</").Append(name).Append('>');
        }

        builder.Append(text, index, text.Length - index);
        return builder.ToString();
    }

    private string WithMatch(Regex regex, string text, Func<Match, string> change)
    {
        var matches = regex.Matches(text);
        return matches.Count == 0 ? Flip(text) : change(matches[random.Next(matches.Count)]);
    }
}
