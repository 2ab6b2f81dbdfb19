using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>
/// Statement patterns every shape writes: long sums split over lines in the reference's order of additions, and
/// lists of statements or declarations eight to a line. Emitting statements, never one giant expression, keeps the
/// compiler clear of its expression-depth limits.
/// </summary>
internal static class Statements
{
    /// <summary>How many terms of a sum, or statements and declarators, go on one line.</summary>
    public const int TermsPerLine = 8;

    /// <summary>
    /// Writes <c>t_0 + t_1 + ... + last</c>, in that order (the reference's order), and hands the expression to
    /// <paramref name="use"/>. Long sums are accumulated in <paramref name="accumulator"/> (of <paramref name="type"/>,
    /// the number type unless given) a line at a time, which keeps the same left-to-right order of additions.
    /// </summary>
    public static void Sum(
        EmitContext context, string accumulator, IEnumerable<string> terms, string? last, System.Func<string, string> use, string? type = null)
    {
        IndentedWriter w = context.Writer;
        List<string> all = terms.ToList();
        if (last is not null)
        {
            all.Add(last);
        }

        if (all.Count <= TermsPerLine)
        {
            w.Line(use(string.Join(" + ", all)));
            return;
        }

        w.Line((type ?? context.Number) + " " + accumulator + " = " + string.Join(" + ", all.Take(TermsPerLine)) + ";");
        int taken = TermsPerLine;
        while (all.Count - taken > TermsPerLine)
        {
            w.Line(accumulator + " = " + accumulator + " + " + string.Join(" + ", all.Skip(taken).Take(TermsPerLine)) + ";");
            taken += TermsPerLine;
        }

        w.Line(use(accumulator + " + " + string.Join(" + ", all.Skip(taken))));
    }

    /// <summary>Statements, eight to a line.</summary>
    public static void Wrapped(IndentedWriter w, IEnumerable<string> statements)
    {
        foreach (IEnumerable<string> line in Lines(statements))
        {
            w.Line(string.Join(" ", line));
        }
    }

    /// <summary>Locals of the number type, <c>double a = ..., b = ...;</c>, eight to a line.</summary>
    public static void Locals(EmitContext context, IEnumerable<string> declarators)
    {
        foreach (IEnumerable<string> line in Lines(declarators))
        {
            context.Writer.Line(context.Number + " " + string.Join(", ", line) + ";");
        }
    }

    /// <summary>Rows of cells as a plain-text table, each column as wide as its widest cell plus three spaces.</summary>
    public static IEnumerable<string> Table(List<string[]> rows)
    {
        int columns = rows[0].Length;
        int[] widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (string[] row in rows)
        {
            var line = new StringBuilder();
            for (int c = 0; c < columns; c++)
            {
                line.Append(c == columns - 1 ? row[c] : row[c].PadRight(widths[c] + 3));
            }

            yield return line.ToString().TrimEnd();
        }
    }

    private static IEnumerable<IEnumerable<string>> Lines(IEnumerable<string> items)
    {
        List<string> all = items.ToList();
        for (int first = 0; first < all.Count; first += TermsPerLine)
        {
            yield return all.Skip(first).Take(TermsPerLine);
        }
    }
}
