using System;
using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Parsing;

/// <summary>
/// The one scanner that turns a position an XML reader reports (one-based line and column of a name) into an exact
/// range of the text: an element's or attribute's name, or an attribute's value between its quotes. Both parsers use
/// it: SmartSync.xml through <see cref="XmlSource"/>, the CSDL reader directly. The line map is built on first use,
/// so a document without diagnostics never pays for it.
/// </summary>
internal sealed class XmlTextSpans(string text)
{
    private LineMap? _lines;

    public string Text => text;

    public LineMap Lines => _lines ??= new LineMap(text);

    /// <summary>The character offset of a one-based line and column; -1 when the reader had no position.</summary>
    public int OffsetOf(int line, int column) =>
        line <= 0 ? -1 : Lines.GetOffset(line - 1, Math.Max(0, column - 1));

    /// <summary>The range of the name starting at <paramref name="offset"/> (up to whitespace, '=', '&gt;' or '/').</summary>
    public SourceRange Name(int offset) => offset < 0 ? default : Lines.GetRange(offset, NameLength(offset));

    /// <summary>A single character, for XML syntax errors.</summary>
    public SourceRange Point(int offset) => offset < 0 ? default : Lines.GetRange(offset, offset < text.Length ? 1 : 0);

    /// <summary>The value of the attribute whose name starts at <paramref name="offset"/>; its name when the text cannot be scanned.</summary>
    public SourceRange Value(int offset)
    {
        if (offset < 0)
        {
            return default;
        }

        var i = offset + NameLength(offset);
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length || text[i] != '=')
        {
            return Name(offset);
        }

        i++;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length || (text[i] != '"' && text[i] != '\''))
        {
            return Name(offset);
        }

        var end = text.IndexOf(text[i], i + 1);
        return end < 0 ? Name(offset) : Lines.GetRange(i + 1, end - i - 1);
    }

    private int NameLength(int start)
    {
        var i = start;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '=' && text[i] != '>' && text[i] != '/')
        {
            i++;
        }

        return i - start;
    }
}
