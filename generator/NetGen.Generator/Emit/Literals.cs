using System.Globalization;

namespace NetGen.Generator.Emit;

/// <summary>
/// Numbers as generated C# spells them: culture-invariant, round-tripping, on any host. Every number the emitter
/// writes goes through here, so a comma-decimal culture cannot change a generated file.
/// </summary>
internal static class Literals
{
    /// <summary>An integer, invariant: <c>1573376</c>.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An integer with its digits grouped by three from 10,000 on, as C# allows: <c>1_573_376</c>, <c>9999</c>.</summary>
    public static string Grouped(int value)
    {
        string digits = Int(value);
        if (value < 10_000)
        {
            return digits;
        }

        var text = new System.Text.StringBuilder();
        for (int i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                text.Append('_');
            }

            text.Append(digits[i]);
        }

        return text.ToString();
    }

    /// <summary><paramref name="value"/> times <paramref name="factor"/> as code: <c>n * 6</c>, or just <c>n</c> for a factor of 1.</summary>
    public static string Times(string value, int factor) => factor == 1 ? value : value + " * " + Grouped(factor);

    /// <summary>A C# double literal that round-trips, in any culture and on any host runtime: <c>0.1</c>, <c>1.0</c>, <c>1E-05</c>.</summary>
    public static string Number(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (double.Parse(text, CultureInfo.InvariantCulture) != value)
        {
            text = value.ToString("G17", CultureInfo.InvariantCulture); // .NET Framework's "R" misses a few values
        }

        return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
    }

    /// <summary>A literal of the generated number type: <c>0.5</c> for double, <c>0.5f</c> for float.</summary>
    public static string Literal(double value, bool single) => single ? Number(value) + "f" : Number(value);

    /// <summary><c>first..last</c>, or one number when they are equal.</summary>
    public static string Range(int first, int last) => first == last ? Int(first) : Int(first) + ".." + Int(last);

    /// <summary>Text made safe for an XML doc comment.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
