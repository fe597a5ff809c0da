using System.Collections.Generic;
using System.Text;

namespace SmartSync.Generator.Emit;

/// <summary>Text for XML doc comments: escaped, and split so no character can end the comment line.</summary>
internal static class DocText
{
    /// <summary>Escapes XML markup and flattens control characters and line breaks to spaces.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                default:
                    // C# ends a line at \r, \n, \u0085, \u2028 and \u2029; other control characters are not valid XML.
                    builder.Append(char.IsControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Escaped text as lines: one per line of the input, blank lines dropped and each trimmed.</summary>
    public static IReadOnlyList<string> Lines(string text)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029')
            {
                Flush();
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return lines;

        void Flush()
        {
            var line = Escape(current.ToString()).Trim();
            if (line.Length > 0)
            {
                lines.Add(line);
            }

            current.Clear();
        }
    }

    /// <summary><c>&lt;c&gt;</c>-wrapped escaped code text.</summary>
    public static string Code(string text) => "<c>" + Escape(text) + "</c>";
}
