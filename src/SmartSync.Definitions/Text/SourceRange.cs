using System;

namespace SmartSync.Definitions.Text;

/// <summary>
/// A span of a text file: character offset and length, plus zero-based line and column of
/// both ends (the same convention as Roslyn's <c>LinePositionSpan</c>).
/// </summary>
public readonly record struct SourceRange(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static SourceRange None => default;

    public int End => Start + Length;

    /// <summary>One-based "line,column" as compilers print it.</summary>
    public override string ToString() => FormattableString.Invariant($"({StartLine + 1},{StartColumn + 1})");
}
