using System.Linq;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Which loop-shaped layers keep a copy of their weights in the order of one sample's passes
/// (NetGen.Runtime.PassOrderedWeights), and where the generated code marks the copies out of date. That the copy gives the
/// row-major bits, and that a generated network reads its new weights after every change, the runtime's tests check.
/// </summary>
public class PassOrderEmitterTests
{
    private const string Source = "namespace Samples;\n/// <summary>x</summary>\n{0}\npublic partial class Wide {{ }}";

    private static string Generated(string attribute, bool standard = false)
    {
        string source = string.Format(System.Globalization.CultureInfo.InvariantCulture, Source, attribute);
        GeneratorHarness.Run run = standard ? GeneratorHarness.GenerateStandard(source) : GeneratorHarness.Generate(source);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
        return run.Sources.Single(s => s.Key.Contains("Wide")).Value;
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    [Fact]
    public void Large_wide_layers_keep_a_copy_and_every_change_marks_it()
    {
        // W1: 784 x 128 doubles (784 KB, 128 units: four 8-vector passes of 256 bits). W2: 128 x 10, in the first-level cache.
        string text = Generated("[NetGen.Network(784, 128, 10, Optimizer = NetGen.Optimizer.Adam)]");
        Assert.Contains("private readonly global::NetGen.Runtime.PassOrderedWeights<double> __w1InPassOrder = new(784, 128);", text, System.StringComparison.Ordinal);
        Assert.DoesNotContain("__w2InPassOrder", text, System.StringComparison.Ordinal);
        Assert.Contains(
            "__Dense.Forward(__w1InPassOrder, p.Slice(__W1Offset, 100_352), p.Slice(__B1Offset, 128), x, a1, global::NetGen.Activation.Sigmoid, 0.0);",
            text,
            System.StringComparison.Ordinal);
        Assert.Contains("__Dense.Forward(p.Slice(__W2Offset, 1280), p.Slice(__B2Offset, 10), a1, y, 1);", text, System.StringComparison.Ordinal);

        // SetParameters and the update mark it; a worker shares its network's.
        Assert.Equal(2, Count(text, "__w1InPassOrder.Invalidate();"));
        Assert.Matches(@"source\.CopyTo\(__Aligned\.Span\(__parameters, ParameterCount\)\);\s*__w1InPassOrder\.Invalidate\(\);", text);
        Assert.Matches(@"__Update\(__Aligned\.Span\(__parameters, ParameterCount\), gradient\);\s*__w1InPassOrder\.Invalidate\(\);", text);
        Assert.Contains("__w1InPassOrder = owner.__w1InPassOrder;", text, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[NetGen.Network(784, 32, 10)]")]                                                  // 32 doubles: one pass everywhere
    [InlineData("[NetGen.Network(784, 64, 10, Precision = NetGen.Precision.Single)]")]             // 64 floats: one pass everywhere
    [InlineData("[NetGen.Network(40, 100, 10, Unroll = NetGen.UnrollMode.Never)]")]                 // 31 KB of weights
    [InlineData("[NetGen.Network(784, 128, 10, Deterministic = true, Unroll = NetGen.UnrollMode.Never)]", true)] // .NET Standard: scalar kernels
    public void Small_or_narrow_layers_and_the_NET_Standard_form_keep_none(string attribute, bool standard = false)
    {
        string text = Generated(attribute, standard);
        Assert.DoesNotContain("PassOrderedWeights", text, System.StringComparison.Ordinal);
        Assert.DoesNotContain("InPassOrder", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Float_layers_keep_a_copy_from_65_units()
    {
        string text = Generated("[NetGen.Network(784, 65, 10, Precision = NetGen.Precision.Single)]");
        Assert.Contains("private readonly global::NetGen.Runtime.PassOrderedWeights<float> __w1InPassOrder = new(784, 65);", text, System.StringComparison.Ordinal);
    }
}
