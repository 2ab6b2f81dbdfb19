using System;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>Writes source text line by line with four-space indentation and <c>\n</c> line ends on every platform.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes one line at the current indentation (an empty line has no indentation).</summary>
    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes one line at the start of the line, whatever the indentation (a preprocessor directive).</summary>
    public IndentedWriter Raw(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <c>}</c> (plus <paramref name="closeSuffix"/>).</summary>
    public Scope Block(string closeSuffix = "")
    {
        Line("{");
        _depth++;
        return new Scope(this, closeSuffix);
    }

    public override string ToString() => _text.ToString();

    /// <summary>Closes a <see cref="Block"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly IndentedWriter _writer;
        private readonly string _suffix;

        public Scope(IndentedWriter writer, string suffix)
        {
            _writer = writer;
            _suffix = suffix;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.Line("}" + _suffix);
        }
    }
}
