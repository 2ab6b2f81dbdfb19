using System.Collections.Generic;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>
/// Where a generated line too long to read breaks, so that no line of a generated file is wider than
/// <see cref="IndentedWriter.MaxWidth"/>. Only whitespace moves: a statement keeps its tokens, in order, and a comment
/// its words.
/// </summary>
/// <remarks>
/// A statement breaks at the shallowest nesting it can, and at the same nesting preferably after a comma (or a
/// semicolon between statements), then before a binary <c>+</c>, <c>-</c>, <c>&amp;&amp;</c>, <c>||</c> or <c>??</c>,
/// then before a conditional's <c>?</c> or <c>:</c>, then after an opening parenthesis; of those the rightmost that
/// fits. Text in string and character literals never breaks. Prose breaks between words, never inside an XML tag, an
/// array's braces or a formula (see <see cref="Words"/>).
/// </remarks>
internal static class LineBreaker
{
    /// <summary>
    /// A comment's <paramref name="text"/> as lines of at most <paramref name="width"/> characters, each starting with
    /// <paramref name="prefix"/> (<c>// </c> or <c>/// </c>); a word longer than a line has a line of its own.
    /// </summary>
    public static List<string> Prose(string prefix, string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder(prefix);
        foreach (string word in Words(text))
        {
            bool empty = line.Length == prefix.Length;
            if (!empty && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear().Append(prefix);
                empty = true;
            }

            if (!empty)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        lines.Add(line.ToString().TrimEnd());
        return lines;
    }

    /// <summary>
    /// A statement as a first line of at most <paramref name="width"/> characters and continuation lines of at most
    /// <paramref name="width"/> − <paramref name="continuation"/> (the caller indents them by that much); a statement
    /// with no place to break that fits stays whole.
    /// </summary>
    public static List<string> Code(string code, int width, int continuation)
    {
        var lines = new List<string>();
        string rest = code;
        int room = width;
        while (rest.Length > room)
        {
            int at = BreakPoint(rest, room);
            if (at < 0)
            {
                break;
            }

            lines.Add(rest.Substring(0, at).TrimEnd());
            rest = rest.Substring(at).TrimStart();
            room = width - continuation;
        }

        lines.Add(rest);
        return lines;
    }

    /// <summary>
    /// The words of a comment: runs of text between spaces (<see cref="Runs"/>), where an equals sign stays with the
    /// words on either side (<c>Loss = Loss.Huber</c> is one word, <c>z = W · x</c> too) and braces with the word before
    /// them (<c>new[] { 1, 3 }</c>).
    /// </summary>
    private static IEnumerable<string> Words(string text)
    {
        string? pending = null;
        bool glue = false;
        foreach (string word in Runs(text))
        {
            if (pending is not null && (glue || word == "=" || word[0] == '{'))
            {
                pending += " " + word;
            }
            else
            {
                if (pending is not null)
                {
                    yield return pending;
                }

                pending = word;
            }

            glue = word == "=";
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    /// <summary>
    /// The runs of text between spaces, where a space inside an XML tag or inside braces (an array in an attribute) is
    /// part of its run, and one inside a code span (<c>&lt;c&gt;...&lt;/c&gt;</c>: a formula, an attribute) too, unless
    /// it follows a comma outside any nested parentheses of the span (between an attribute's arguments).
    /// </summary>
    private static IEnumerable<string> Runs(string text)
    {
        var run = new StringBuilder();
        bool tag = false, code = false;
        int depth = 0, braces = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '<' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '/'))
            {
                tag = true;
                code = string.CompareOrdinal(text, i, "<c>", 0, 3) == 0 || (code && string.CompareOrdinal(text, i, "</c>", 0, 4) != 0);
            }
            else if (c == '>')
            {
                tag = false;
            }
            else if (c == '{')
            {
                braces++;
            }
            else if (c == '}')
            {
                braces--;
            }
            else if (code && c == '(')
            {
                depth++;
            }
            else if (code && c == ')')
            {
                depth--;
            }

            if (!code)
            {
                depth = 0;
            }

            if (c == ' ' && !tag && braces <= 0 && (!code || (depth <= 1 && i > 0 && text[i - 1] == ',')))
            {
                if (run.Length > 0)
                {
                    yield return run.ToString();
                    run.Clear();
                }

                continue;
            }

            run.Append(c);
        }

        if (run.Length > 0)
        {
            yield return run.ToString();
        }
    }

    /// <summary>
    /// The index where the next line of <paramref name="code"/> starts so the line before it is at most
    /// <paramref name="room"/> characters, or −1 if there is no such place.
    /// </summary>
    private static int BreakPoint(string code, int room)
    {
        int best = -1, bestDepth = int.MaxValue, bestRank = int.MaxValue;
        int depth = 0;
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            if (c is '"' or '\'')
            {
                i = LiteralEnd(code, i);
                continue;
            }

            if (c == '/' && i + 1 < code.Length && code[i + 1] == '/')
            {
                break; // a comment to the end of the line: left whole
            }

            int rank = -1, start = -1;
            switch (c)
            {
                case '(' or '[' or '{':
                    depth++;
                    if (c == '(' && i + 1 < code.Length && code[i + 1] != ')')
                    {
                        // After an opening parenthesis: the arguments or parameters go on the next line.
                        rank = 3;
                        start = i + 1;
                        Consider(depth - 1);
                    }

                    continue;
                case ')' or ']' or '}':
                    depth--;
                    continue;
                case ',' or ';' when i + 1 < code.Length && code[i + 1] == ' ':
                    rank = 0;
                    start = i + 2;
                    break;
                case ' ':
                    rank = OperatorRank(code, i + 1);
                    start = i + 1;
                    break;
            }

            if (rank >= 0)
            {
                Consider(depth);
            }

            void Consider(int level)
            {
                // The line before the break ends at the last character before start that is not a space.
                int end = start;
                while (end > 0 && code[end - 1] == ' ')
                {
                    end--;
                }

                if (end > 0 && end <= room && (level < bestDepth || (level == bestDepth && rank <= bestRank)))
                {
                    best = start;
                    bestDepth = level;
                    bestRank = rank;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// 1 where <paramref name="code"/> has a binary <c>+</c>, <c>-</c>, <c>&amp;&amp;</c>, <c>||</c> or <c>??</c> at
    /// <paramref name="at"/> followed by a space, 2 for a conditional's <c>?</c> or <c>:</c>, −1 for anything else.
    /// </summary>
    private static int OperatorRank(string code, int at)
    {
        foreach ((string op, int rank) in Operators)
        {
            if (string.CompareOrdinal(code, at, op, 0, op.Length) == 0)
            {
                return rank;
            }
        }

        return -1;
    }

    private static readonly (string Op, int Rank)[] Operators =
    {
        ("+ ", 1), ("- ", 1), ("&& ", 1), ("|| ", 1), ("?? ", 1), ("? ", 2), (": ", 2),
    };

    /// <summary>The index of the quote that closes the string or character literal opened at <paramref name="open"/>.</summary>
    private static int LiteralEnd(string code, int open)
    {
        char quote = code[open];
        for (int i = open + 1; i < code.Length; i++)
        {
            if (code[i] == '\\')
            {
                i++;
            }
            else if (code[i] == quote)
            {
                return i;
            }
        }

        return code.Length - 1;
    }
}
