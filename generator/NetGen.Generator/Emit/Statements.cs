using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetGen.Generator.Emit;

/// <summary>
/// Statement patterns every shape writes: long sums split over lines in the reference's order of additions, and
/// lists of statements or declarations eight to a line (fewer where eight would be too wide). Emitting statements,
/// never one giant expression, keeps the compiler clear of its expression-depth limits.
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

    /// <summary>Statements, eight to a line (or four, two, one: see <see cref="LineSize"/>).</summary>
    public static void Wrapped(IndentedWriter w, IEnumerable<string> statements) => WrappedRows(w, new[] { statements });

    /// <summary>Rows of statements, each row eight to a line (or four, two, one, the same for every row).</summary>
    public static void WrappedRows(IndentedWriter w, IEnumerable<IEnumerable<string>> rows)
    {
        List<List<string>> all = rows.Select(row => row.ToList()).ToList();
        int size = LineSize(all, w.Room, (line, _) => string.Join(" ", line).Length);
        foreach (List<string> row in all)
        {
            foreach (IEnumerable<string> line in Chunks(row, size))
            {
                w.Line(string.Join(" ", line));
            }
        }
    }

    /// <summary>Locals of the number type, <c>double a = ..., b = ...;</c>, eight to a line (or four, two, one).</summary>
    public static void Locals(EmitContext context, IEnumerable<string> declarators) => Declarations(context.Writer, context.Number, declarators);

    /// <summary>Rows of locals of the number type, a declaration per row (see <see cref="DeclarationRows"/>).</summary>
    public static void LocalRows(EmitContext context, IEnumerable<IEnumerable<string>> rows) => DeclarationRows(context.Writer, context.Number, rows);

    /// <summary>Declarations of <paramref name="type"/>, <c>type a = ..., b = ...;</c>, eight to a line (or four, two, one).</summary>
    public static void Declarations(IndentedWriter w, string type, IEnumerable<string> declarators)
    {
        List<string> all = declarators.ToList();
        int size = LineSize(new List<List<string>> { all }, w.Room, (line, _) => Declaration(type, line).Length);
        foreach (IEnumerable<string> line in Chunks(all, size))
        {
            w.Line(Declaration(type, line));
        }
    }

    /// <summary>
    /// A declaration of <paramref name="type"/> per row of declarators, eight to a line; where a row's line would be too
    /// wide, the row's declaration goes on over lines of four, two or one, the same for every row.
    /// </summary>
    public static void DeclarationRows(IndentedWriter w, string type, IEnumerable<IEnumerable<string>> rows)
    {
        List<List<string>> all = rows.Select(row => row.ToList()).ToList();
        int size = LineSize(all, w.Room, (line, first) => (first ? type.Length + 1 : Indent.Length) + string.Join(", ", line).Length + 1);
        foreach (List<string> row in all)
        {
            List<IEnumerable<string>> lines = Chunks(row, size).ToList();
            for (int i = 0; i < lines.Count; i++)
            {
                w.Line((i == 0 ? type + " " : Indent) + string.Join(", ", lines[i]) + (i == lines.Count - 1 ? ";" : ","));
            }
        }
    }

    /// <summary>How much further than its first line a declaration's next lines are indented.</summary>
    private const string Indent = "    ";

    private static string Declaration(string type, IEnumerable<string> declarators) => type + " " + string.Join(", ", declarators) + ";";

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

    /// <summary>
    /// How many items go on a line: eight, or where a line of eight of some row would be wider than
    /// <paramref name="room"/> (<paramref name="width"/> of a line's items, and whether it is the row's first line), four,
    /// two or one, so the rows (of a layer's parameters, say) stay alike, halved.
    /// </summary>
    private static int LineSize(List<List<string>> rows, int room, System.Func<IEnumerable<string>, bool, int> width)
    {
        int size = TermsPerLine;
        while (size > 1 && rows.Any(row => Chunks(row, size).Select((line, i) => width(line, i == 0)).Any(w => w > room)))
        {
            size /= 2;
        }

        return size;
    }

    private static IEnumerable<IEnumerable<string>> Chunks(List<string> all, int size)
    {
        for (int first = 0; first < all.Count; first += size)
        {
            yield return all.Skip(first).Take(size);
        }
    }
}
