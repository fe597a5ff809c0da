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

    private XmlSource(string text, XDocument document)
    {
        Lines = new LineMap(text);
        Document = document;
    }

    public LineMap Lines { get; }

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
            if (!CheckDepth(text, settings, out error, out errorRange))
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

    /// <summary>A streaming pass (linear in depth, unlike XDocument) that refuses excessive nesting.</summary>
    private static bool CheckDepth(string text, XmlReaderSettings settings, out string error, out SourceRange errorRange)
    {
        error = string.Empty;
        errorRange = default;
        using var probe = XmlReader.Create(new StringReader(text), settings);
        while (probe.Read())
        {
            if (probe.Depth > MaxDepth)
            {
                error = $"elements are nested more than {MaxDepth} levels deep";
                var info = (IXmlLineInfo)probe;
                var lines = new LineMap(text);
                var offset = lines.GetOffset(Math.Max(0, info.LineNumber - 1), Math.Max(0, info.LinePosition - 1));
                errorRange = lines.GetRange(offset, probe.NodeType == XmlNodeType.Element ? probe.Name.Length : 0);
                return false;
            }
        }

        return true;
    }

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
    public SourceRange NameRange(XAttribute attribute)
    {
        var start = OffsetOf(attribute);
        return start < 0 ? default : Lines.GetRange(start, ScanName(start));
    }

    /// <summary>The range of an attribute's value between its quotes (the name when the text cannot be scanned).</summary>
    public SourceRange ValueRange(XAttribute attribute)
    {
        var start = OffsetOf(attribute);
        if (start < 0)
        {
            return default;
        }

        var text = Lines.Text;
        var i = start + ScanName(start);
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length || text[i] != '=')
        {
            return NameRange(attribute);
        }

        i++;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length || (text[i] != '"' && text[i] != '\''))
        {
            return NameRange(attribute);
        }

        var quote = text[i];
        var valueStart = i + 1;
        var valueEnd = text.IndexOf(quote, valueStart);
        return valueEnd < 0 ? NameRange(attribute) : Lines.GetRange(valueStart, valueEnd - valueStart);
    }

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

    private int OffsetOf(XObject node)
    {
        if (node is not IXmlLineInfo info || !info.HasLineInfo())
        {
            return -1;
        }

        return Lines.GetOffset(info.LineNumber - 1, info.LinePosition - 1);
    }

    private int ScanName(int start)
    {
        var text = Lines.Text;
        var i = start;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '=' && text[i] != '>' && text[i] != '/')
        {
            i++;
        }

        return i - start;
    }

    private int QualifiedNameLength(XName name, XElement element)
    {
        var prefix = element.GetPrefixOfNamespace(name.Namespace);
        return string.IsNullOrEmpty(prefix) ? name.LocalName.Length : prefix!.Length + 1 + name.LocalName.Length;
    }

    private static string StripPosition(string message)
    {
        // XmlException appends "Line 3, position 7." which the diagnostic location already carries.
        var index = message.IndexOf(" Line ", StringComparison.Ordinal);
        return index > 0 ? message.Substring(0, index).TrimEnd() : message;
    }
}
