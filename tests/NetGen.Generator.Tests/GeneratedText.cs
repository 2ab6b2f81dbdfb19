using System;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace NetGen.Generator.Tests;

/// <summary>
/// Checks every generated file of the tests passes through (the harness's, and the emitter's text for hand-built
/// models): no line wider than 160 characters, indentation included.
/// </summary>
internal static class GeneratedText
{
    /// <summary>The widest line a generated file may have.</summary>
    public const int MaxWidth = 160;

    /// <summary>Fails, naming the file and quoting the lines, if a line of <paramref name="text"/> is wider than <see cref="MaxWidth"/>.</summary>
    public static string AssertWidth(string text, string name = "the generated source")
    {
        string[] wide = text.Split('\n')
            .Select((line, i) => (Line: line.TrimEnd('\r'), Number: i + 1))
            .Where(l => l.Line.Length > MaxWidth)
            .Select(l => $"line {l.Number} ({l.Line.Length} characters): {l.Line}")
            .ToArray();
        if (wide.Length > 0)
        {
            throw new XunitException($"{name} has {wide.Length} lines wider than {MaxWidth} characters:\n" + string.Join("\n", wide.Take(10)));
        }

        return text;
    }

    /// <summary>
    /// The text with every run of whitespace, and the comment prefix of a continued comment line, read as one space:
    /// what a comment says, whatever its line breaks.
    /// </summary>
    public static string Flat(string text) => Regex.Replace(text, @"\s*\n\s*(///? ?)?|[ \t]+", " ");
}
