using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace NetGen.Generator.Tests;

/// <summary>
/// Snapshot testing with the Verify file convention: the accepted text lives in
/// <c>Snapshots/{name}.verified.{ext}</c> beside the tests. A mismatch writes <c>{name}.received.{ext}</c> and
/// fails with a line diff; run with <c>NETGEN_ACCEPT_SNAPSHOTS=1</c> to accept what was received.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "NETGEN_ACCEPT_SNAPSHOTS";

    public static void Verify(string actual, string name, string extension = "cs", [CallerFilePath] string callerFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        string verified = Path.Combine(directory, $"{name}.verified.{extension}");
        string received = Path.Combine(directory, $"{name}.received.{extension}");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;

        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual, new UTF8Encoding(false));
        throw new XunitException(expected is null
            ? $"No accepted snapshot {verified}.\nReview {received} and accept it with {AcceptVariable}=1."
            : $"Snapshot {name} changed; review {received} and accept it with {AcceptVariable}=1.\n{Diff(expected, actual)}");
    }

    /// <summary>
    /// The changed lines with two lines of context: '-' and the accepted file's line number for a line only the
    /// accepted text has, '+' and the new text's line number for a line only the new text has.
    /// </summary>
    internal static string Diff(string expected, string actual)
    {
        DiffPaneModel diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var text = new StringBuilder();
        int oldLine = 0, newLine = 0, shown = 0;
        for (int i = 0; i < diff.Lines.Count && shown < 80; i++)
        {
            DiffPiece line = diff.Lines[i];
            string mark;
            int number;
            switch (line.Type)
            {
                case ChangeType.Deleted:
                    mark = "- ";
                    number = ++oldLine;
                    break;
                case ChangeType.Inserted:
                    mark = "+ ";
                    number = ++newLine;
                    break;
                default:
                    mark = "  ";
                    oldLine++;
                    number = ++newLine;
                    break;
            }

            bool near = false;
            for (int k = Math.Max(0, i - 2); k <= Math.Min(diff.Lines.Count - 1, i + 2); k++)
            {
                near |= diff.Lines[k].Type != ChangeType.Unchanged;
            }

            if (near)
            {
                text.Append(mark).Append(number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).Append(' ').AppendLine(line.Text);
                shown++;
            }
        }

        return text.ToString();
    }
}
