using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using nietras.SeparatedValues;

namespace NetGen.Data;

/// <summary>
/// Reads data sets from CSV files (or any separated values: the separator is detected from the header line) with
/// the Sep parser, into the sample-major rows NetGen's networks train on.
/// </summary>
/// <remarks>
/// Numbers are read in the invariant culture (<c>1.5</c>, never <c>1,5</c>). A file that cannot be read as asked is an
/// <see cref="InvalidDataException"/> naming the file, the line and the column.
/// </remarks>
public static class Csv
{
    /// <summary>
    /// Reads a classification data set: every column but <paramref name="labelColumn"/> is a numeric feature, and the
    /// label column holds class names. Classes are numbered in ordinal order of their names, so the numbering does
    /// not depend on the order of the rows.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="path">The file, with a header line naming the columns.</param>
    /// <param name="labelColumn">The name of the column that holds the class of each row.</param>
    /// <returns>The features, sample-major, the labels and the names of classes and features.</returns>
    public static LabeledData<T> ReadClassification<T>(string path, string labelColumn)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labelColumn);
        try
        {
            using SepReader reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).FromFile(path);
            IReadOnlyList<string> names = reader.Header.ColNames;
            int label = IndexOf(names, labelColumn);
            int[] features = Enumerable.Range(0, names.Count).Where(c => c != label).ToArray();
            var values = new List<T>();
            var classes = new List<string>();
            int line = 1;
            foreach (SepReader.Row row in reader)
            {
                line = row.LineNumberFrom;
                if (row.ColCount != names.Count)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {line} has {row.ColCount} columns; the header has {names.Count}"));
                }

                foreach (int c in features)
                {
                    values.Add(Number<T>(row[c].Span, line, names[c]));
                }

                string name = row[label].ToString();
                if (name.Length == 0)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {line}, column '{labelColumn}': the class is empty"));
                }

                classes.Add(name);
            }

            if (classes.Count == 0)
            {
                throw new InvalidDataException("the file has a header and no rows");
            }

            string[] classNames = classes.Distinct().Order(StringComparer.Ordinal).ToArray();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int k = 0; k < classNames.Length; k++)
            {
                index.Add(classNames[k], k);
            }

            return new LabeledData<T>(
                values.ToArray(),
                classes.Select(c => index[c]).ToArray(),
                features.Select(c => names[c]).ToArray(),
                classNames);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(path + ": " + e.Message, e);
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string column)
    {
        for (int c = 0; c < names.Count; c++)
        {
            if (names[c] == column)
            {
                return c;
            }
        }

        throw new InvalidDataException($"no column is named '{column}'; the header names {string.Join(", ", names.Select(n => "'" + n + "'"))}");
    }

    private static T Number<T>(ReadOnlySpan<char> text, int line, string column)
        where T : IFloatingPointIeee754<T>
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {line}, column '{column}': '{text}' is not a finite number"));
        }

        return T.CreateChecked(value);
    }
}
