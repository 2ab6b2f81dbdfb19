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
    /// The sum <c>t_0 + t_1 + ... + last</c>, in that order (the reference's order). A short one (up to eight terms) is
    /// returned as an expression to use; a long one is accumulated a line at a time in the local
    /// <paramref name="name"/> (of <paramref name="type"/>, the number type unless given), which keeps the same
    /// left-to-right order of additions, and <paramref name="name"/> is returned.
    /// </summary>
    public static string Sum(EmitContext context, string name, IEnumerable<string> terms, string? last = null, string? type = null)
    {
        IndentedWriter w = context.Writer;
        List<string> all = terms.ToList();
        if (last is not null)
        {
            all.Add(last);
        }

        if (all.Count <= TermsPerLine)
        {
            return string.Join(" + ", all);
        }

        w.Line((type ?? context.Number) + " " + name + " = " + string.Join(" + ", all.Take(TermsPerLine)) + ";");
        for (int taken = TermsPerLine; taken < all.Count; taken += TermsPerLine)
        {
            w.Line(name + " = " + name + " + " + string.Join(" + ", all.Skip(taken).Take(TermsPerLine)) + ";");
        }

        return name;
    }

    /// <summary>Declares the local <paramref name="name"/> holding the sum <see cref="Sum"/> writes.</summary>
    public static void DeclareSum(EmitContext context, string name, IEnumerable<string> terms, string? last = null, string? type = null)
    {
        string sum = Sum(context, name, terms, last, type);
        if (sum != name)
        {
            context.Writer.Line((type ?? context.Number) + " " + name + " = " + sum + ";");
        }
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
    public static void Locals(EmitContext context, IEnumerable<string> declarators) => Declarations(context.Writer, context.Number, declarators);

    /// <summary>Declarations of <paramref name="type"/>, <c>type a = ..., b = ...;</c>, eight to a line.</summary>
    public static void Declarations(IndentedWriter w, string type, IEnumerable<string> declarators)
    {
        foreach (IEnumerable<string> line in Lines(declarators))
        {
            w.Line(type + " " + string.Join(", ", line) + ";");
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
