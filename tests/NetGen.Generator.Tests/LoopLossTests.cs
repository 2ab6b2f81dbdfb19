using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NetGen.Reference;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Loop-shaped networks trained on the element-wise losses of PyTorch (MeanSquaredError, L1, Huber), compiled from
/// hand-built models, against the reference network: every loss with identity, sigmoid, tanh and leaky-ReLU outputs
/// and both reductions in double; a sample in float; straight-line layers in one of them.
/// </summary>
public class LoopLossTests
{
    private static readonly string[] Losses = { "MeanSquaredError", "L1", "Huber" };

    private static readonly string[] Outputs = { "Identity", "Sigmoid", "Tanh", "LeakyReLU" };

    private static readonly string[] Reductions = { "Sum", "Mean" };

    /// <summary>Hidden layers of 9 and 5 units and 3 outputs: no kernel fills whole vectors only.</summary>
    private static readonly int[] DoubleSizes = { 6, 9, 5, 3 };

    /// <summary>17 = 2 · 8 + 1 hidden units and 5 outputs in float.</summary>
    private static readonly int[] SingleSizes = { 6, 17, 5 };

    private static LoopSpec Spec(string output, string loss, string reduction, bool single, int[]? straight = null)
    {
        int[] sizes = single ? SingleSizes : DoubleSizes;
        string hidden = output == "Tanh" ? "ReLU" : "Tanh";
        string name = (single ? "F_" : "D_") + output + "_" + loss + "_" + reduction + (straight is null ? string.Empty : "_Straight");
        return new LoopSpec(name, sizes, LoopSpec.Layers(sizes, hidden, output), loss, reduction, single, Straight: straight,
            LearningRate: 0.002, HuberDelta: loss == "Huber" ? 0.3 : 1.0);
    }

    public static IEnumerable<object[]> DoubleCombinations() =>
        from loss in Losses
        from output in Outputs
        from reduction in Reductions
        select new object[] { output, loss, reduction };

    public static IEnumerable<object[]> SingleCombinations() =>
        Losses.SelectMany((loss, i) => Reductions.Select((reduction, r) => new object[] { Outputs[(i + (2 * r) + 1) % Outputs.Length], loss, reduction }));

    private static readonly LoopSpec StraightSpec = Spec("Identity", "Huber", "Mean", single: false, straight: new[] { 3 });

    private static readonly Lazy<Assembly> Compiled = new(() => LoopModels.Compile(
        DoubleCombinations().Select(c => Spec((string)c[0], (string)c[1], (string)c[2], single: false))
            .Concat(SingleCombinations().Select(c => Spec((string)c[0], (string)c[1], (string)c[2], single: true)))
            .Append(StraightSpec)));

    [Theory]
    [MemberData(nameof(DoubleCombinations))]
    public void Double_network_matches_the_reference(string output, string loss, string reduction)
    {
        LoopSpec spec = Spec(output, loss, reduction, single: false);
        var generated = (INetwork)LoopModels.Create(Compiled.Value, spec);
        LoopEquivalence.AssertMatches(LoopModels.Reference(spec), generated, seed: output.Length + (3 * loss.Length) + reduction.Length);
    }

    [Theory]
    [MemberData(nameof(SingleCombinations))]
    public void Float_network_matches_the_double_reference(string output, string loss, string reduction)
    {
        LoopSpec spec = Spec(output, loss, reduction, single: true);
        var generated = (INetwork<float>)LoopModels.Create(Compiled.Value, spec);
        LoopEquivalence.AssertSingleMatches(LoopModels.Reference(spec), generated, seed: 9, relative: 2e-4);
    }

    [Fact]
    public void A_straight_line_output_layer_matches_the_reference()
    {
        var generated = (INetwork)LoopModels.Create(Compiled.Value, StraightSpec);
        LoopEquivalence.AssertMatches(LoopModels.Reference(StraightSpec), generated, seed: 17);
    }

    [Theory]
    [InlineData("L1")]
    [InlineData("Huber")]
    [InlineData("MeanSquaredError")]
    public void The_loop_shape_calls_the_element_wise_kernel_with_the_loss_and_its_delta(string loss)
    {
        string source = LoopModels.Source(Spec("Identity", loss, "Mean", single: false));
        Assert.Contains("global::NetGen.Loss." + loss + ", " + (loss == "Huber" ? "0.3" : "1.0") + ");", source, StringComparison.Ordinal);
        Assert.Contains("return __Backpropagate(inputs, targets, samples, gradients, (double)1 / (samples * 3));", source, StringComparison.Ordinal);
    }
}
