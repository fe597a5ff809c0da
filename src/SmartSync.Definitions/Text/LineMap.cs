using System;
using System.Collections.Generic;

namespace SmartSync.Definitions.Text;

/// <summary>Converts between character offsets and zero-based line/column positions.</summary>
internal sealed class LineMap
{
    private static readonly char[] LineBreaks = ['\r', '\n'];

    private readonly string _text;
    private readonly int[] _lineStarts;

    public LineMap(string text)
    {
        _text = text;
        // IndexOfAny is vectorized on .NET: a 15 MB $metadata is mapped in a few milliseconds.
        var starts = new List<int>(Math.Max(16, text.Length / 64)) { 0 };
        var i = text.IndexOfAny(LineBreaks);
        while (i >= 0)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            starts.Add(i + 1);
            i = i + 1 < text.Length ? text.IndexOfAny(LineBreaks, i + 1) : -1;
        }

        _lineStarts = starts.ToArray();
    }

    public string Text => _text;

    public int LineCount => _lineStarts.Length;

    /// <summary>Offset of a zero-based line and column, clamped to the text.</summary>
    public int GetOffset(int line, int column)
    {
        if (line < 0)
        {
            return 0;
        }

        if (line >= _lineStarts.Length)
        {
            return _text.Length;
        }

        var offset = _lineStarts[line] + Math.Max(0, column);
        var lineEnd = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : _text.Length;
        return Math.Min(offset, lineEnd);
    }

    public (int Line, int Column) GetPosition(int offset)
    {
        offset = Math.Max(0, Math.Min(offset, _text.Length));
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line, offset - _lineStarts[line]);
    }

    public SourceRange GetRange(int start, int length)
    {
        start = Math.Max(0, Math.Min(start, _text.Length));
        length = Math.Max(0, Math.Min(length, _text.Length - start));
        var (startLine, startColumn) = GetPosition(start);
        var (endLine, endColumn) = GetPosition(start + length);
        return new SourceRange(start, length, startLine, startColumn, endLine, endColumn);
    }
}
