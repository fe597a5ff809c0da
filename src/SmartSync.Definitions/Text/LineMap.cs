using System;
using System.Collections.Generic;

namespace SmartSync.Definitions.Text;

/// <summary>Converts between character offsets and zero-based line/column positions.</summary>
internal sealed class LineMap
{
    private readonly string _text;
    private readonly int[] _lineStarts;

    public LineMap(string text)
    {
        _text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
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
