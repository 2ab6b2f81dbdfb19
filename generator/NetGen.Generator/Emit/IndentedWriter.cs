using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace NetGen.Generator.Emit;

/// <summary>
/// Writes source text line by line with four-space indentation and <c>\n</c> line ends on every platform, breaking
/// any line wider than <see cref="MaxWidth"/> characters (<see cref="LineBreaker"/>).
/// </summary>
internal sealed class IndentedWriter
{
    /// <summary>The widest line a generated file has, indentation included.</summary>
    public const int MaxWidth = 160;

    /// <summary>The widest a comment's text is wrapped to, after its indentation.</summary>
    public const int ProseWidth = 120;

    /// <summary>How much further than its first line a broken statement's continuation lines are indented.</summary>
    private const int Continuation = 4;

    /// <summary>A documentation comment that is one XML element: <c>/// &lt;summary&gt;text&lt;/summary&gt;</c>.</summary>
    private static readonly Regex Element = new("^/// (?<open><(?<tag>[a-z]+)( [^<>]*)?>)(?<text>.*)(?<close></\\k<tag>>)$", RegexOptions.CultureInvariant);

    private readonly StringBuilder _text = new();
    private int _depth;

    private int Indentation => _depth * 4;

    /// <summary>The width left for a line at the current indentation.</summary>
    public int Room => MaxWidth - Indentation;

    /// <summary>
    /// Writes one line at the current indentation (an empty line has no indentation). A line wider than
    /// <see cref="MaxWidth"/> is broken: a comment's text is wrapped to <see cref="ProseWidth"/>, a statement continues
    /// on lines indented once more.
    /// </summary>
    public IndentedWriter Line(string line = "")
    {
        if (Indentation + line.Length <= MaxWidth)
        {
            return Indented(line);
        }

        if (line.StartsWith("/// ", StringComparison.Ordinal))
        {
            // An element on one line, <summary>text</summary>, becomes the element's tags on lines of their own around its text.
            Match element = Element.Match(line);
            if (element.Success && element.Groups["text"].Value.IndexOf(element.Groups["close"].Value, StringComparison.Ordinal) < 0)
            {
                Indented("/// " + element.Groups["open"].Value);
                Comment("/// ", element.Groups["text"].Value);
                return Indented("/// " + element.Groups["close"].Value);
            }

            return Comment("/// ", line.Substring(4));
        }

        if (line.StartsWith("//", StringComparison.Ordinal))
        {
            return Comment("// ", line.Substring(2).TrimStart());
        }

        List<string> lines = LineBreaker.Code(line, Room, Continuation);
        for (int i = 0; i < lines.Count; i++)
        {
            Indented((i == 0 ? string.Empty : new string(' ', Continuation)) + lines[i]);
        }

        return this;
    }

    /// <summary>
    /// Writes <paramref name="text"/> as comment lines that start with <paramref name="prefix"/> (<c>// </c> or
    /// <c>/// </c>), wrapped between words to <see cref="ProseWidth"/> characters after the indentation.
    /// </summary>
    public IndentedWriter Comment(string prefix, string text)
    {
        foreach (string line in LineBreaker.Prose(prefix, text, ProseWidth))
        {
            Indented(line);
        }

        return this;
    }

    private IndentedWriter Indented(string line)
    {
        if (line.Length > 0)
        {
            _text.Append(' ', Indentation).Append(line);
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
