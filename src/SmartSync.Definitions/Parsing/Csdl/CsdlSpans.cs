using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Parsing.Csdl;

/// <summary>
/// Turns the positions the streaming reader recorded into exact ranges: an element's or attribute's name,
/// or an attribute's value between its quotes. The line map is built only when a diagnostic needs it.
/// </summary>
internal sealed class CsdlSpans(string text)
{
    private LineMap? _lines;

    private LineMap Lines => _lines ??= new LineMap(text);

    /// <summary>The range of the name starting at <paramref name="position"/> (an element or attribute name).</summary>
    public SourceRange Name(XmlPosition position)
    {
        if (position.Line <= 0)
        {
            return default;
        }

        var start = Offset(position);
        return Lines.GetRange(start, ScanName(start));
    }

    /// <summary>A single character at <paramref name="position"/>, for XML errors.</summary>
    public SourceRange Point(XmlPosition position)
    {
        var start = Offset(position);
        return Lines.GetRange(start, start < text.Length ? 1 : 0);
    }

    /// <summary>The value of the attribute whose name starts at <paramref name="position"/>; the name when the text cannot be scanned.</summary>
    public SourceRange Value(XmlPosition position)
    {
        if (position.Line <= 0)
        {
            return default;
        }

        var start = Offset(position);
        var i = start + ScanName(start);
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length || text[i] != '=')
        {
            return Name(position);
        }

        i++;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length || (text[i] != '"' && text[i] != '\''))
        {
            return Name(position);
        }

        var end = text.IndexOf(text[i], i + 1);
        return end < 0 ? Name(position) : Lines.GetRange(i + 1, end - i - 1);
    }

    private int Offset(XmlPosition position) => Lines.GetOffset(System.Math.Max(0, position.Line - 1), System.Math.Max(0, position.Column - 1));

    private int ScanName(int start)
    {
        var i = start;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '=' && text[i] != '>' && text[i] != '/')
        {
            i++;
        }

        return i - start;
    }
}
