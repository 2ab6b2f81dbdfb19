using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NetGen.Reference;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// GELU, SiLU and ELU, the activations whose derivative is written from the pre-activation z (their layers keep z), in
/// hidden and output positions, in both code shapes and both precisions, against the reference network: the unrolled
/// shape (one unit alone, a vector of units, sums longer than eight terms, the lanes of a batch), the loop shape with
/// kernel layers and with straight-line layers (whose methods leave z), and finite differences of the generated
/// gradient. ELU runs with α = 0.8, not PyTorch's 1, so a wrong α shows.
/// </summary>
public sealed class PreActivationDerivativeTests : IClassFixture<PreActivationDerivativeTests.Networks>
{
    private static readonly string[] Kinds = { "GELU", "SiLU", "ELU" };

    private const double Alpha = LoopModels.EluAlpha;

    private static readonly int[][] Topologies = { new[] { 3, 5, 2 }, new[] { 2, 4, 3, 3 }, new[] { 10, 3, 4 } };

    /// <summary>The unrolled networks: each activation hidden (identity output), as the output (tanh hidden), and both, in every topology.</summary>
    private static IEnumerable<TrainingSetup> Unrolled(bool single) =>
        from kind in Kinds
        from t in Enumerable.Range(0, Topologies.Length)
        from position in new[] { "Hidden", "Output", "Both" }
        let sizes = Topologies[t]
        let hidden = position == "Output" ? "Tanh" : kind
        let output = position == "Hidden" ? "Identity" : kind
        let reduction = (t + position.Length) % 2 == 0 ? "Sum" : "Mean"
        let name = (single ? "F_" : "D_") + kind + "_" + position + "_" + t
        select new TrainingSetup(
            name, sizes, Enumerable.Repeat(hidden, sizes.Length - 2).Append(output).ToArray(), "Square", reduction, t == 1 ? "Adam" : "Sgd",
            Single: single, LearningRate: 0.02, EluAlpha: Alpha);

    internal static readonly IReadOnlyDictionary<string, TrainingSetup> Setups =
        Unrolled(single: false).Concat(Unrolled(single: true)).ToDictionary(s => s.Name);

    /// <summary>Loop-shaped networks: 9 and 5 hidden units (scalar tails) in double, 17 in float; kernel layers, straight-line layers, and a mix.</summary>
    private static LoopSpec Loop(string kind, string position, string straight, bool single)
    {
        int[] sizes = single ? new[] { 6, 17, 5, 3 } : new[] { 6, 9, 5, 3 };
        string hidden = position == "Output" ? "Tanh" : kind;
        string output = position == "Hidden" ? "Identity" : kind;
        int[]? layers = straight switch { "Straight" => new[] { 1, 2, 3 }, "Mixed" => new[] { 2 }, _ => null };
        return new LoopSpec(
            (single ? "F_" : "D_") + kind + "_" + position + "_" + straight, sizes, LoopSpec.Layers(sizes, hidden, output), "Square",
            position == "Output" || single ? "Mean" : "Sum", single, Straight: layers, LearningRate: 0.002);
    }

    public static IEnumerable<object[]> LoopCases() =>
        from kind in Kinds
        from position in new[] { "Hidden", "Output", "Both" }
        from straight in new[] { "Kernels", "Straight", "Mixed" }
        select new object[] { kind, position, straight };

    private static readonly Lazy<Assembly> CompiledLoops = new(() => LoopModels.Compile(
        LoopCases().SelectMany(c => new[] { false, true }.Select(single => Loop((string)c[0], (string)c[1], (string)c[2], single)))));

    private readonly Networks _networks;

    public PreActivationDerivativeTests(Networks networks)
    {
        _networks = networks;
    }

    public static IEnumerable<object[]> DoubleNames() => Setups.Values.Where(s => !s.Single).Select(s => new object[] { s.Name });

    public static IEnumerable<object[]> SingleNames() => Setups.Values.Where(s => s.Single).Select(s => new object[] { s.Name });

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Unrolled_double_networks_match_the_reference(string name)
    {
        TrainingSetup setup = Setups[name];
        var generated = (INetwork)_networks.Compiled.Create(name);
        ReferenceNetwork reference = setup.Reference();
        Equivalence.AssertSameParameters(reference, generated);
        Equivalence.AssertEquivalent(reference, generated, seed: name.Length, learningRate: setup.Optimizer == "Adam" ? 0.005 : 0.02);
    }

    [Theory]
    [MemberData(nameof(SingleNames))]
    public void Unrolled_float_networks_match_the_reference_within_float_rounding(string name)
    {
        var generated = (INetwork<float>)_networks.Compiled.Create(name);
        Equivalence.AssertSingleClose(Setups[name].Reference(), generated, seed: name.Length, relative: 2e-4);
    }

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Unrolled_gradients_match_finite_differences(string name)
    {
        var net = (INetwork)_networks.Compiled.Create(name);
        var random = new NormalSampler(name.Length + 1);
        int p = net.ParameterCount;
        double[] parameters = Equivalence.RandomValues(p, ref random, 1.0);
        double[] inputs = Equivalence.RandomValues(5 * net.InputSize, ref random, 1.5);
        double[] targets = Equivalence.RandomValues(5 * net.OutputSize, ref random, 1.0);
        net.SetParameters(parameters);
        var gradient = new double[p];
        net.ComputeGradients(inputs, targets, gradient);
        var scratch = new double[p];
        const double h = 1e-6;
        for (int k = 0; k < p; k++)
        {
            double saved = parameters[k];
            parameters[k] = saved + h;
            net.SetParameters(parameters);
            double plus = net.ComputeGradients(inputs, targets, scratch);
            parameters[k] = saved - h;
            net.SetParameters(parameters);
            double minus = net.ComputeGradients(inputs, targets, scratch);
            parameters[k] = saved;
            Equivalence.Close((plus - minus) / (2 * h), gradient[k], $"{name}: ∂L/∂p[{k}]", relative: 1e-5, floor: 1e-7);
        }
    }

    [Theory]
    [MemberData(nameof(LoopCases))]
    public void Loop_double_networks_match_the_reference(string kind, string position, string straight)
    {
        LoopSpec spec = Loop(kind, position, straight, single: false);
        var generated = (INetwork)LoopModels.Create(CompiledLoops.Value, spec);
        LoopEquivalence.AssertMatches(LoopModels.Reference(spec), generated, seed: kind.Length + position.Length + straight.Length);
    }

    [Theory]
    [MemberData(nameof(LoopCases))]
    public void Loop_float_networks_match_the_double_reference(string kind, string position, string straight)
    {
        LoopSpec spec = Loop(kind, position, straight, single: true);
        var generated = (INetwork<float>)LoopModels.Create(CompiledLoops.Value, spec);
        LoopEquivalence.AssertSingleMatches(LoopModels.Reference(spec), generated, seed: 9, relative: 2e-4);
    }

    [Theory]
    [InlineData("GELU")]
    [InlineData("SiLU")]
    [InlineData("ELU")]
    public void Straight_line_and_kernel_layers_give_the_same_bits(string kind)
    {
        var kernels = (INetwork)LoopModels.Create(CompiledLoops.Value, Loop(kind, "Both", "Kernels", single: false));
        var straight = (INetwork)LoopModels.Create(CompiledLoops.Value, Loop(kind, "Both", "Straight", single: false));
        var random = new NormalSampler(kind.Length);
        double[] inputs = Equivalence.RandomValues(37 * kernels.InputSize, ref random, 1.5);
        double[] targets = Equivalence.RandomValues(37 * kernels.OutputSize, ref random, 1.0);
        var g0 = new double[kernels.ParameterCount];
        var g1 = new double[kernels.ParameterCount];
        Assert.Equal(kernels.ComputeGradients(inputs, targets, g0), straight.ComputeGradients(inputs, targets, g1));
        Assert.Equal(g0, g1);
    }

    [Fact]
    public void Only_the_layers_whose_derivative_is_written_from_z_keep_z()
    {
        string both = LoopModels.Source(Loop("GELU", "Output", "Kernels", single: false));
        Assert.Contains("__z3", both, StringComparison.Ordinal);
        Assert.DoesNotContain("__z1", both, StringComparison.Ordinal);
        Assert.DoesNotContain("__z2", both, StringComparison.Ordinal);
        Assert.Contains("Dense.OutputDelta<double>(a3, z3, t, d3", both, StringComparison.Ordinal);
        string hidden = LoopModels.Source(Loop("ELU", "Hidden", "Kernels", single: false));
        Assert.Contains("BackpropagateDeltaTransposed(", hidden, StringComparison.Ordinal);
        Assert.Contains(", z1, d1, n, global::NetGen.Activation.ELU, 0.8);", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("__z3", hidden, StringComparison.Ordinal);
    }

    /// <summary>Every unrolled network, double and float, compiled once for the class.</summary>
    public sealed class Networks : IDisposable
    {
        public Networks()
        {
            Compiled = new HandBuiltNetworks(Setups.Values);
        }

        internal HandBuiltNetworks Compiled { get; }

        public void Dispose() => Compiled.Dispose();
    }
}
