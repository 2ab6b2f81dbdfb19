using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Straight-line layers (<c>__Forward{l}</c>, <c>__Backward{l}</c>) with tanh, ReLU, leaky ReLU and identity inside
/// loop-shaped networks give the same bits as their all-kernel twins, for every loss; and the text the loop shape
/// writes for the activations, losses and optimizers.
/// </summary>
public class LoopStraightLineTests
{
    /// <summary>Each twin: the network with straight-line layers; its twin is the same with none.</summary>
    private static readonly LoopSpec[] Twins =
    {
        // Every layer straight, the output's square loss through its tanh.
        new("TanhSquare", new[] { 5, 6, 4, 3 }, new[] { "Tanh", "Tanh", "Tanh" }, "Square", "Sum", Straight: new[] { 1, 2, 3 }),

        // The output layer's straight-line forward leaves the logits for the binary cross-entropy.
        new("ReLUBinary", new[] { 5, 6, 4, 2 }, new[] { "ReLU", "ReLU", "Sigmoid" }, "BinaryCrossEntropy", "Mean", Straight: new[] { 2, 3 }),

        // Layer 3 is asked for too, but a softmax layer is never straight-line code.
        new("LeakySoftmax", new[] { 5, 6, 4, 3 }, new[] { "LeakyReLU", "LeakyReLU", "Softmax" }, "CrossEntropy", "Mean", Straight: new[] { 1, 2, 3 }),
        new("IdentitySquare", new[] { 5, 6, 4, 3 }, new[] { "Identity", "Tanh", "Identity" }, "Square", "Mean", Straight: new[] { 1, 3 }),
        new("MixedSquare", new[] { 5, 6, 4, 3 }, new[] { "ReLU", "LeakyReLU", "Sigmoid" }, "Square", "Sum", Straight: new[] { 2 }),
        new("TanhSingle", new[] { 5, 6, 4, 3 }, new[] { "Tanh", "ReLU", "Identity" }, "Square", "Mean", Single: true, Straight: new[] { 2, 3 }),
        new("LeakySingle", new[] { 5, 6, 4, 3 }, new[] { "LeakyReLU", "Tanh", "Softmax" }, "CrossEntropy", "Sum", Single: true, Straight: new[] { 1, 2 }),
        new("ReLUSingle", new[] { 5, 9, 4, 2 }, new[] { "ReLU", "LeakyReLU", "Sigmoid" }, "BinaryCrossEntropy", "Sum", Single: true, Straight: new[] { 1, 3 }),
    };

    private static LoopSpec Kernels(LoopSpec spec) => spec with { Name = spec.Name + "Kernels", Straight = null };

    private static readonly Lazy<Assembly> Compiled = new(() => LoopModels.Compile(Twins.Concat(Twins.Select(Kernels))));

    public static IEnumerable<object[]> TwinNames() => Twins.Select(t => new object[] { t.Name });

    [Theory]
    [MemberData(nameof(TwinNames))]
    public void Straight_line_layers_give_the_same_bits_as_the_kernels(string name)
    {
        LoopSpec spec = Twins.Single(t => t.Name == name);
        object straight = LoopModels.Create(Compiled.Value, spec), kernels = LoopModels.Create(Compiled.Value, Kernels(spec));
        Type type = straight.GetType();
        string methods = string.Join(" ", type.GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Select(m => m.Name).Where(n => n.StartsWith("__Forward", StringComparison.Ordinal) || n.StartsWith("__Backward", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal));
        int top = spec.Sizes.Length - 1;
        bool softmax = spec.Activations[^1] == "Softmax";
        string expected = string.Join(" ", spec.Straight!.Where(l => !(softmax && l == top)).SelectMany(l => new[] { "__Backward" + l, "__Forward" + l })
            .OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(expected, methods);

        if (spec.Single)
        {
            Equivalence.AssertSameBits((INetwork<float>)straight, (INetwork<float>)kernels);
        }
        else
        {
            Equivalence.AssertSameBits((INetwork<double>)straight, (INetwork<double>)kernels);

            // And the straight-line network, fresh, against the reference.
            LoopEquivalence.AssertMatches(LoopModels.Reference(spec), (INetwork)LoopModels.Create(Compiled.Value, spec), seed: name.Length);
        }
    }

    [Fact]
    public void Straight_line_training_allocates_nothing()
    {
        Assert.Equal(0, LoopEquivalence.BytesAllocated((INetwork<double>)LoopModels.Create(Compiled.Value, Twins[1])));
        Assert.Equal(0, LoopEquivalence.BytesAllocated((INetwork<float>)LoopModels.Create(Compiled.Value, Twins[^1])));
    }

    [Fact]
    public void A_relu_softmax_network_trains_from_the_logits_with_the_cross_entropy_kernel()
    {
        string text = LoopModels.Source(new LoopSpec(
            "Classifier", new[] { 784, 256, 128, 10 }, new[] { "ReLU", "ReLU", "Softmax" }, "CrossEntropy", "Mean", Optimizer: "Adam"));
        const string Dense = "__Dense.";

        // Inference: the softmax in the forward kernel.
        Assert.Contains(Dense + "Forward(p.Slice(__W3Offset, 1280), p.Slice(__B3Offset, 10), a2, y, 1, global::NetGen.Activation.Softmax, 0.0);", text, StringComparison.Ordinal);

        // Training: the mean's scale for the whole batch, the logits, the loss and δ from them, δ down through ReLU.
        Assert.Contains("double loss = __Backpropagate(inputs, targets, samples, gradient, (double)1 / samples);", text, StringComparison.Ordinal);
        Assert.Contains(Dense + "Forward(p.Slice(__W1Offset, 200_704), p.Slice(__B1Offset, 256), x, a1, n, global::NetGen.Activation.ReLU, 0.0);", text, StringComparison.Ordinal);
        Assert.Contains(Dense + "Forward(p.Slice(__W3Offset, 1280), p.Slice(__B3Offset, 10), a2, z3, n, global::NetGen.Activation.Identity, 0.0);", text, StringComparison.Ordinal);
        Assert.Contains("loss += " + Dense + "SoftmaxCrossEntropy<double>(z3, t, global::System.Span<double>.Empty, d3, n, scale);", text, StringComparison.Ordinal);
        Assert.Contains(Dense + "BackpropagateDeltaTransposed(__Aligned.Span(__t3, 1280), d3, a2, d2, n, global::NetGen.Activation.ReLU, 0.0);", text, StringComparison.Ordinal);
        Assert.Contains("private readonly double[] __z3 = __Aligned.Allocate<double>(__Chunk * 10);", text, StringComparison.Ordinal);
        Assert.DoesNotContain("__a3", text, StringComparison.Ordinal);
        Assert.Contains(Dense + "BackpropagateDelta(p.Slice(__W2Offset, 32_768), d2, a1, d1, n, global::NetGen.Activation.ReLU, 0.0);", text, StringComparison.Ordinal);

        // The update: the optimizer's, not plain descent.
        Assert.Contains("__Update(__Aligned.Span(__parameters, ParameterCount), gradient);", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Descend", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tutorial_network_keeps_the_sigmoid_kernels()
    {
        string text = LoopModels.Source(new LoopSpec("Tutorial", new[] { 12, 40, 10 }, new[] { "Sigmoid", "Sigmoid" }, "Square", "Sum"));
        // No kernel call names an activation (the description, which lists every layer's, is not a kernel call).
        Assert.All(
            text.Split('\n').Where(line => line.Contains("__Dense.", StringComparison.Ordinal)),
            line => Assert.DoesNotContain("global::NetGen.Activation.", line, StringComparison.Ordinal));
        Assert.DoesNotContain(" scale", text, StringComparison.Ordinal);
        Assert.Contains("loss += __Dense.OutputDelta<double>(a2, t, d2);", text, StringComparison.Ordinal);
        Assert.Contains("__Dense.Descend<double>(", text, StringComparison.Ordinal);

        // A leaky ReLU passes the model's slope; the square loss of another output, its activation and the scale.
        string leaky = LoopModels.Source(new LoopSpec("Leaky", new[] { 12, 40, 10 }, new[] { "LeakyReLU", "Tanh" }, "Square", "Mean", Single: true));
        Assert.Contains("global::NetGen.Activation.LeakyReLU, 0.07f);", leaky, StringComparison.Ordinal);
        Assert.Contains("loss += __Dense.OutputDelta<float>(a2, t, d2, scale, global::NetGen.Activation.Tanh, 0.0f);", leaky, StringComparison.Ordinal);
    }
}
