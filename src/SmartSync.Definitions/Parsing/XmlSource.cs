using System;
using System.IO;
using System.Xml;
using System.Xml.Linq;
using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Parsing;

/// <summary>
/// A loaded XML file that can map elements and attributes back to exact text ranges,
/// so diagnostics squiggle the offending name or value rather than the whole line.
/// </summary>
internal sealed class XmlSource
{
    /// <summary>
    /// Deepest element nesting accepted. SmartSync.xml nests 4 levels and CSDL about 8; XDocument loading is
    /// quadratic in depth (20,000 levels take seconds), so a hostile file is refused before it is loaded.
    /// </summary>
    public const int MaxDepth = 256;

    private readonly XmlTextSpans _spans;

    private XmlSource(string text, XDocument document)
    {
        _spans = new XmlTextSpans(text);
        Document = document;
    }

    public LineMap Lines => _spans.Lines;

    public XDocument Document { get; }

    public XElement Root => Document.Root!;

    /// <summary>Loads XML safely (no DTDs, no external resolution) and never throws.</summary>
    public static bool TryLoad(string text, out XmlSource? source, out string error, out SourceRange errorRange)
    {
        source = null;
        error = string.Empty;
        errorRange = default;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        try
        {
            if (!CheckDepth(text, out error, out errorRange))
            {
                return false;
            }

            using var reader = XmlReader.Create(new StringReader(text), settings);
            var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            if (document.Root is null)
            {
                error = "the document has no root element";
                return false;
            }

            source = new XmlSource(text, document);
            return true;
        }
        catch (XmlException ex)
        {
            error = StripPosition(ex.Message);
            var lines = new LineMap(text);
            var offset = lines.GetOffset(Math.Max(0, ex.LineNumber - 1), Math.Max(0, ex.LinePosition - 1));
            errorRange = lines.GetRange(offset, offset < text.Length ? 1 : 0);
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InsufficientExecutionStackException)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>
    /// A lexical pass over the text (linear, and far cheaper than a second XmlReader pass on every analyzer run)
    /// that refuses excessive nesting before XDocument, which is quadratic in depth, sees it. It only counts
    /// start and end tags; anything malformed is left to the real parser to report.
    /// </summary>
    private static bool CheckDepth(string text, out string error, out SourceRange errorRange)
    {
        error = string.Empty;
        errorRange = default;
        var depth = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] != '<')
            {
                continue;
            }

            var next = text[i + 1];
            if (next == '/')
            {
                depth--;
                continue;
            }

            if (next == '!' || next == '?')
            {
                // Comments, CDATA, the XML declaration and processing instructions hold no elements.
                var terminator = next == '?' ? "?>" : Starts(text, i, "<!--") ? "-->" : Starts(text, i, "<![CDATA[") ? "]]>" : ">";
                var skip = text.IndexOf(terminator, i + 2, StringComparison.Ordinal);
                if (skip < 0)
                {
                    return true;
                }

                i = skip + terminator.Length - 1;
                continue;
            }

            var close = EndOfStartTag(text, i + 1);
            if (close < 0)
            {
                return true;
            }

            if (text[close - 1] != '/' && ++depth > MaxDepth + 1)
            {
                error = $"elements are nested more than {MaxDepth} levels deep";
                var nameEnd = i + 1;
                while (nameEnd < close && !char.IsWhiteSpace(text[nameEnd]) && text[nameEnd] != '/')
                {
                    nameEnd++;
                }

                errorRange = new LineMap(text).GetRange(i + 1, nameEnd - i - 1);
                return false;
            }

            i = close;
        }

        return true;
    }

    /// <summary>The index of the '&gt;' closing a start tag, skipping quoted attribute values; -1 when there is none.</summary>
    private static int EndOfStartTag(string text, int from)
    {
        var quote = '\0';
        for (var j = from; j < text.Length; j++)
        {
            var c = text[j];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c == '"' || c == '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return j;
            }
        }

        return -1;
    }

    private static bool Starts(string text, int index, string prefix) =>
        string.CompareOrdinal(text, index, prefix, 0, prefix.Length) == 0;

    /// <summary>The range of an element's name inside its start tag.</summary>
    public SourceRange NameRange(XElement element)
    {
        var start = OffsetOf(element);
        if (start < 0)
        {
            return default;
        }

        return Lines.GetRange(start, QualifiedNameLength(element.Name, element));
    }

    /// <summary>The range of an attribute's name.</summary>
    public SourceRange NameRange(XAttribute attribute) => _spans.Name(OffsetOf(attribute));

    /// <summary>The range of an attribute's value between its quotes (the name when the text cannot be scanned).</summary>
    public SourceRange ValueRange(XAttribute attribute) => _spans.Value(OffsetOf(attribute));

    /// <summary>
    /// The range of the token at <paramref name="index"/> within an attribute value, for lists such as
    /// <c>ExcludedModules</c>; falls back to the whole value.
    /// </summary>
    public SourceRange ValueSubRange(XAttribute attribute, int index, int length)
    {
        var whole = ValueRange(attribute);
        if (whole.Length == 0 || index < 0 || index + length > whole.Length)
        {
            return whole;
        }

        // Entity references (&amp;) would shift positions; only trust the raw text when it matches.
        var raw = Lines.Text.Substring(whole.Start, whole.Length);
        return raw == attribute.Value ? Lines.GetRange(whole.Start + index, length) : whole;
    }

    private int OffsetOf(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? _spans.OffsetOf(info.LineNumber, info.LinePosition) : -1;

    private int QualifiedNameLength(XName name, XElement element)
    {
        var prefix = element.GetPrefixOfNamespace(name.Namespace);
        return string.IsNullOrEmpty(prefix) ? name.LocalName.Length : prefix!.Length + 1 + name.LocalName.Length;
    }

    internal static string StripPosition(string message)
    {
        // XmlException appends "Line 3, position 7." which the diagnostic location already carries.
        var index = message.IndexOf(" Line ", StringComparison.Ordinal);
        return index > 0 ? message.Substring(0, index).TrimEnd() : message;
    }
}
