using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.DeterminismCheck;

/// <summary>
/// Compares the results files of several configurations (each written by <c>--out</c>, with the lines .ci/determinism
/// adds: the column's name, its settings, the exit code and the wall time) and prints one table: a row per network, a
/// column per configuration, each cell the first 12 hexadecimal digits of the network's hash, marked where it differs
/// from the first column's. A configuration passes when it ran, agreed with the reference network, and gave the first
/// column's hash for every network; the first column passes when it ran and agreed.
/// </summary>
internal static class Table
{
    private const int Digits = 12;

    /// <summary><c>table [--counts FILE] RESULTS...</c>: prints the table; 0 when every configuration passed.</summary>
    public static int Print(string[] args)
    {
        string? countsPath = null;
        var paths = new List<string>();
        for (int a = 0; a < args.Length; a++)
        {
            if (args[a] == "--counts" && a + 1 < args.Length)
            {
                countsPath = args[++a];
            }
            else
            {
                paths.Add(args[a]);
            }
        }

        if (paths.Count == 0)
        {
            Console.Error.WriteLine("usage: NetGen.DeterminismCheck table [--counts FILE] RESULTS.tsv...");
            return 2;
        }

        Column[] columns = paths.Select(Column.Read).ToArray();
        Column first = columns[0];
        var names = new List<string>();
        foreach (Column column in columns)
        {
            names.AddRange(column.Order.Where(n => !names.Contains(n)));
        }

        // "combined" closes the table.
        if (names.Remove("combined"))
        {
            names.Add("combined");
        }

        int nameWidth = Math.Max(24, names.Select(n => n.Length + 1).DefaultIfEmpty(0).Max());
        int[] widths = columns.Select(c => Math.Max(Digits + 3, c.Header.Length + 2)).ToArray();
        string Line(string first, Func<Column, string> cell) =>
            first.PadRight(nameWidth) + string.Concat(columns.Select((c, i) => cell(c).PadRight(widths[i]))).TrimEnd();
        Console.WriteLine($"Each network's hash (first {Digits} hexadecimal digits) in each configuration. * differs from the first column;");
        Console.WriteLine("! the run disagreed with the reference network on this network, or failed; - no result.");
        Console.WriteLine();
        Console.WriteLine(Line("network", c => c.Header));
        foreach (string name in names)
        {
            Console.WriteLine(Line(name, c => Cell(c, first, name)));
        }

        Console.WriteLine(Line("exit code", c => c.Exit));
        Console.WriteLine(Line("seconds", c => c.Seconds));
        Console.WriteLine();

        int passed = 0, failed = 0;
        foreach (Column column in columns)
        {
            string verdict = Verdict(column, first, names);
            bool ok = verdict.StartsWith("passed", StringComparison.Ordinal);
            passed += ok ? 1 : 0;
            failed += ok ? 0 : 1;
            Console.WriteLine($"{column.Header,-19} {column.Settings}");
            Console.WriteLine($"{"",-19} {column.Runtime}; NetGen {column.NetGen}");
            Console.WriteLine($"{"",-19} {column.Vectors}");
            Console.WriteLine($"{"",-19} {verdict}");
        }

        Console.WriteLine();
        Console.WriteLine($"determinism: {passed} passed, {failed} failed");
        if (countsPath is not null)
        {
            File.WriteAllText(countsPath, $"{passed} {failed}\n");
        }

        return failed == 0 ? 0 : 1;
    }

    private static string Cell(Column column, Column first, string name)
    {
        if (!column.Rows.TryGetValue(name, out Row? row))
        {
            return "-";
        }

        if (row.Hash == "error")
        {
            return "error!";
        }

        bool differs = !first.Rows.TryGetValue(name, out Row? expected) || expected.Hash != row.Hash;
        return row.Hash[..Math.Min(Digits, row.Hash.Length)] + (differs ? "*" : "") + (row.Reference == "agrees" ? "" : "!");
    }

    private static string Verdict(Column column, Column first, List<string> names)
    {
        if (column.Rows.Count == 0)
        {
            return $"FAILED: no results (exit code {column.Exit})";
        }

        var problems = new List<string>();
        if (column.Exit != "0")
        {
            problems.Add($"exit code {column.Exit}");
        }

        string[] disagreeing = column.Order.Where(n => n != "combined" && column.Rows[n].Reference != "agrees").ToArray();
        if (disagreeing.Length > 0)
        {
            problems.Add($"disagrees with the reference network or failed on {string.Join(", ", disagreeing)}");
        }

        if (column != first)
        {
            if (first.Rows.Count == 0)
            {
                problems.Add("the first column has no results to compare with");
            }
            else
            {
                string[] networks = names.Where(n => n != "combined").ToArray();
                string[] differing = networks.Where(n => !column.Rows.TryGetValue(n, out Row? r) || !first.Rows.TryGetValue(n, out Row? f) || r.Hash != f.Hash).ToArray();
                if (differing.Length > 0)
                {
                    // Where each network first parts from the first column: the stage that first hashes differently.
                    var stages = differing
                        .Select(n => FirstDifferingStage(column.Rows.GetValueOrDefault(n), first.Rows.GetValueOrDefault(n)))
                        .GroupBy(s => s)
                        .Select(g => $"{g.Key} {g.Count()}");
                    problems.Add($"{differing.Length} of {networks.Length} networks differ from the first column (first differing stage: {string.Join(", ", stages)})");
                }
            }
        }

        return problems.Count == 0
            ? column == first ? "passed (the column the others are compared with)" : "passed: every hash equals the first column's"
            : "FAILED: " + string.Join("; ", problems);
    }

    private static string FirstDifferingStage(Row? row, Row? expected)
    {
        if (row is null || expected is null || row.Stages.Count == 0 || expected.Stages.Count == 0)
        {
            return "missing";
        }

        foreach ((string stage, string hash) in row.Stages)
        {
            if (!expected.Stages.Contains((stage, hash)))
            {
                return stage;
            }
        }

        return "none";
    }

    private sealed record Row(string Hash, string Reference, List<(string Stage, string Hash)> Stages);

    /// <summary>One configuration's results file.</summary>
    private sealed class Column
    {
        public string Header { get; private set; } = "";

        public string Settings { get; private set; } = "";

        public string Exit { get; private set; } = "?";

        public string Seconds { get; private set; } = "?";

        public string Runtime { get; private set; } = "runtime unknown";

        public string NetGen { get; private set; } = "build unknown";

        public string Vectors { get; private set; } = "vectors unknown";

        public Dictionary<string, Row> Rows { get; } = new();

        public List<string> Order { get; } = new();

        public static Column Read(string path)
        {
            var column = new Column { Header = Path.GetFileNameWithoutExtension(path) };
            string[] lines = File.Exists(path) ? File.ReadAllLines(path) : [];
            foreach (string line in lines)
            {
                string[] fields = line.Split('\t');
                if (line.StartsWith("# ", StringComparison.Ordinal))
                {
                    string key = fields[0][2..], value = fields.Length > 1 ? fields[1] : "";
                    switch (key)
                    {
                        case "column": column.Header = value; break;
                        case "settings": column.Settings = value; break;
                        case "exit": column.Exit = value; break;
                        case "seconds": column.Seconds = value; break;
                        case "runtime": column.Runtime = value; break;
                        case "netgen": column.NetGen = value; break;
                        case "vectors": column.Vectors = value; break;
                    }
                }
                else if (fields.Length >= 3 && !column.Rows.ContainsKey(fields[0]))
                {
                    var stages = new List<(string Stage, string Hash)>();
                    foreach (string stage in fields.Length > 3 ? fields[3].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [])
                    {
                        int eq = stage.IndexOf('=', StringComparison.Ordinal);
                        if (eq > 0)
                        {
                            stages.Add((stage[..eq], stage[(eq + 1)..]));
                        }
                    }

                    column.Rows[fields[0]] = new Row(fields[1], fields[2], stages);
                    column.Order.Add(fields[0]);
                }
            }

            return column;
        }
    }
}
