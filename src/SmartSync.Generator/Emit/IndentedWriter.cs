using System;
using System.Text;

namespace SmartSync.Generator.Emit;

/// <summary>
/// A small indented text writer for generated code: four-space indents and '\n' line ends on
/// every platform, so the output is byte-for-byte deterministic.
/// </summary>
internal sealed class IndentedWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _depth;

    /// <summary>Writes one line at the current indent (an empty line carries no indent).</summary>
    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (var i = 0; i < _depth; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c> and indents.</summary>
    public IndentedWriter Open()
    {
        Line("{");
        _depth++;
        return this;
    }

    /// <summary>Outdents and writes <c>}</c> followed by <paramref name="suffix"/> (e.g. <c>;</c> or <c>,</c>).</summary>
    public IndentedWriter Close(string suffix = "")
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("Close without a matching Open.");
        }

        _depth--;
        return Line("}" + suffix);
    }

    /// <summary>Indents the lines written until the returned scope is disposed.</summary>
    public Scope Indent()
    {
        _depth++;
        return new Scope(this);
    }

    public override string ToString() => _builder.ToString();

    /// <summary>Ends an <see cref="Indent"/> block.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly IndentedWriter _writer;

        public Scope(IndentedWriter writer) => _writer = writer;

        public void Dispose() => _writer._depth--;
    }
}
