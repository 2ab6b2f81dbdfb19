using System.Globalization;
using System.Linq;
using System.Threading;
using Xunit;

namespace NetGen.Generator.Tests;

public class DeterminismTests
{
    private const string Source = "namespace D;\n/// <summary>x</summary>\n[NetGen.Network(3, 4, 2, LearningRate = 0.25, Seed = 5)]\npublic partial class Net { }";

    [Fact]
    public void Output_is_byte_identical_across_runs_and_under_a_comma_decimal_culture()
    {
        CultureInfo saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = CultureInfo.InvariantCulture;
            string first = GeneratorHarness.Generate(Source).Sources.Single().Value;
            string second = GeneratorHarness.Generate(Source).Sources.Single().Value;
            Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("0,25", 0.25.ToString(CultureInfo.CurrentCulture)); // the culture really is comma-decimal
            string german = GeneratorHarness.Generate(Source).Sources.Single().Value;
            Assert.Equal(first, second);
            Assert.Equal(first, german);
            Assert.Contains("__learningRate = 0.25;", german, System.StringComparison.Ordinal);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }
}
