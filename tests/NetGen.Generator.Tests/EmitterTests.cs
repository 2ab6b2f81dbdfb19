using System;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The emitter on hand-built models, without a compilation: the naming scheme, the remarks and cost table, each
/// shape's skeleton, and the activation and loss descriptors. The expected text is worked out by hand from the
/// flat parameter order (per layer: weights row by row, input i to unit j at i · units + j, then biases).
/// </summary>
public class EmitterTests
{
    /// <summary>
    /// A model as the planner would make it: sigmoid layers, the square loss, and the options at their defaults
    /// (double, N(0, 1), Auto). The option enums are never named here: this project references both the runtime and
    /// the generator, which compiles the runtime's Options.cs and TrainingOptions.cs too, so their names would be
    /// ambiguous (a user's project never references the generator this way); values come as <c>default</c> or from
    /// the descriptors.
    /// </summary>
    private static NetworkModel Model(CodeShape shape, int[] sizes, LayerPasses[]? passes = null) => new(
        new NetworkDeclaration(
            "Samples",
            EquatableArray<ContainingType>.Empty,
            "Tiny",
            new EquatableArray<int>(sizes),
            LearningRate: 0.1,
            Seed: 0,
            Unroll: default,
            Precision: default,
            Initializer: default,
            UnrolledLayers: null,
            Repeat(ActivationDescriptor.Sigmoid.Kind, sizes.Length - 1),
            LossDescriptor.Square.Kind,
            Reduction: default,
            LeakySlope: 0.01,
            OptimizerModel.PlainSgd),
        shape,
        new EquatableArray<LayerPasses>(passes ?? new LayerPasses[sizes.Length - 1]));

    private static EquatableArray<T> Repeat<T>(T value, int count) => new(Enumerable.Repeat(value, count).ToArray());

    private static string Emit(NetworkModel model)
    {
        string text = GeneratedText.AssertWidth(NetworkEmitter.Emit(model, "1.2.3.4"));
        Assert.Empty(CSharpSyntaxTree.ParseText(text).GetDiagnostics()); // well-formed C#, whatever the test checks next
        return text;
    }

    [Fact]
    public void Naming_spells_fields_and_locals_by_layer_input_and_unit()
    {
        Assert.Equal("__w2_3_0", Naming.Weight(2, 3, 0));
        Assert.Equal("__b1_2", Naming.Bias(1, 2));
        Assert.Equal("gw1_0_2", Naming.Gradient(new ParameterPosition(2, 1, 0, 2)));
        Assert.Equal("gb2_0", Naming.Gradient(new ParameterPosition(8, 2, ParameterPosition.Bias, 0)));
        Assert.Equal("lw1_1_0", Naming.LaneGradient(new ParameterPosition(2, 1, 1, 0)));
        Assert.Equal("x_1", Naming.Activation(0, 1));
        Assert.Equal("a2_0", Naming.Activation(2, 0));
        Assert.Equal("z1_1", Naming.PreActivation(1, 1));
        Assert.Equal("d1_3", Naming.Delta(1, 3));
        Assert.Equal("e_0", Naming.Error(0));
        Assert.Equal("x", Naming.Below(1));
        Assert.Equal("a1", Naming.Below(2));
        Assert.Equal("w2_1_0", Naming.Local(new ParameterPosition(7, 2, 1, 0)));
        Assert.Equal("b2_0", Naming.Local(new ParameterPosition(8, 2, ParameterPosition.Bias, 0)));
        Assert.Equal("__W2Offset", Naming.WeightOffset(2));
    }

    [Fact]
    public void Geometry_places_parameters_in_the_flat_order()
    {
        var net = new NetworkGeometry(new[] { 2, 2, 1 });
        Assert.Equal(2, net.Layers);
        Assert.Equal(9, net.ParameterCount); // (2·2 + 2) + (2·1 + 1)
        Assert.Equal(2, net.WeightIndex(1, 1, 0)); // row 1 of W1 starts at 2
        Assert.Equal(4, net.BiasIndex(1, 0));
        Assert.Equal(6, net.Layer(2).Offset);
        Assert.Equal(7, net.WeightIndex(2, 1, 0));
        Assert.Equal(8, net.BiasIndex(2, 0));
        Assert.True(net.Layer(2).IsOutput);
        Assert.Equal(Enumerable.Range(0, 9), net.Parameters().Select(p => p.Index));
        Assert.Equal(
            new[] { "__w1_0_0", "__w1_0_1", "__w1_1_0", "__w1_1_1", "__b1_0", "__b1_1", "__w2_0_0", "__w2_1_0", "__b2_0" },
            net.Parameters().Select(Naming.Field));
    }

    [Fact]
    public void Remarks_give_the_formulas_and_the_cost_table()
    {
        string text = Emit(Model(CodeShape.Unrolled, new[] { 2, 2, 1 }));

        // Columns are as wide as their widest cell plus three spaces; the last is not padded.
        Assert.Contains("    /// layer   in → out   activation   parameters   forward          backward\n", text, StringComparison.Ordinal);
        Assert.Contains("    /// 1       2 → 2      sigmoid      6            4 mul-add, 2 σ   4 mul-add (∂W)\n", text, StringComparison.Ordinal);
        Assert.Contains("    /// 2       2 → 1      sigmoid      3            2 mul-add, 1 σ   4 mul-add (∂W, δ1)\n", text, StringComparison.Ordinal);
        Assert.Contains("    /// total                           9            6 mul-add, 3 σ   8 mul-add\n", text, StringComparison.Ordinal);
        string flat = GeneratedText.Flat(text);
        Assert.Contains("compute <c>a_l = σ(W_lᵀ · a_(l−1) + b_l)</c> with the logistic sigmoid σ", flat, StringComparison.Ordinal);
        Assert.Contains("the square loss <c>L = ½ Σ (y − t)²</c> summed over a batch (learning rate 0.1, initialisation seed 0)", flat, StringComparison.Ordinal);
        Assert.Contains("Generated by NetGen from <c>[Network(2, 2, 1)]</c>", flat, StringComparison.Ordinal);
        Assert.Contains("plus 9 mul-adds for the update", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unrolled_shape_has_a_field_per_parameter()
    {
        string text = Emit(Model(CodeShape.Unrolled, new[] { 2, 2, 1 }));

        Assert.Contains("#nullable enable\n\nusing __Vector = global::System.Runtime.Intrinsics.Vector256<double>;\n", text, StringComparison.Ordinal);
        Assert.Contains("namespace Samples\n{\n", text, StringComparison.Ordinal);
        Assert.Contains("    partial class Tiny : global::NetGen.INetwork\n", text, StringComparison.Ordinal);
        Assert.Contains("int global::NetGen.INetwork<double>.ParameterCount => ParameterCount;", text, StringComparison.Ordinal);
        Assert.Contains("public const int ParameterCount = 9;", text, StringComparison.Ordinal);
        Assert.Contains("        private double __w1_0_0, __w1_0_1;\n        private double __w1_1_0, __w1_1_1;\n        private double __b1_0, __b1_1;\n", text, StringComparison.Ordinal);
        Assert.Contains("        private double __w2_0_0;\n        private double __w2_1_0;\n        private double __b2_0;\n", text, StringComparison.Ordinal);
        Assert.Contains("__w2_1_0 = source[7];", text, StringComparison.Ordinal);
        Assert.Contains("__b2_0 -= rate * g[8];", text, StringComparison.Ordinal);
        Assert.DoesNotContain("__parameters", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loop_shape_keeps_one_parameter_block_and_calls_the_kernels()
    {
        string text = Emit(Model(CodeShape.Loops, new[] { 2, 2, 1 }));

        Assert.Contains("using __Dense = global::NetGen.Runtime.Dense;\nusing __Aligned = global::NetGen.Runtime.Aligned;\n", text, StringComparison.Ordinal);
        Assert.Contains("private readonly double[] __parameters;", text, StringComparison.Ordinal);
        Assert.Contains("__parameters = __Aligned.Allocate<double>(ParameterCount);", text, StringComparison.Ordinal);
        Assert.Contains("private const int __W1Offset = 0, __B1Offset = 4;\n        private const int __W2Offset = 6, __B2Offset = 8;\n", text, StringComparison.Ordinal);
        Assert.Contains("__Dense.Forward(p.Slice(__W1Offset, 4), p.Slice(__B1Offset, 2), x, a1, 1);", text, StringComparison.Ordinal);
        Assert.Contains("__Dense.Forward(p.Slice(__W2Offset, 2), p.Slice(__B2Offset, 1), a1, y, 1);", text, StringComparison.Ordinal);
        Assert.Contains("global::System.Span<double> a2 = __Aligned.Span(__a2, n), d2 = __Aligned.Span(__d2, n);", text, StringComparison.Ordinal);
        Assert.DoesNotContain("using __Vector", text, StringComparison.Ordinal);
        Assert.Contains("loss += __Dense.OutputDelta<double>(a2, t, d2);", text, StringComparison.Ordinal);
        Assert.DoesNotContain("__w1_0_0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("__Forward1(", text, StringComparison.Ordinal); // no layer was planned as straight-line code
    }

    [Fact]
    public void A_straight_line_layer_gets_its_own_methods()
    {
        string text = Emit(Model(CodeShape.Loops, new[] { 2, 2, 1 }, new[] { LayerPasses.None, LayerPasses.Both }));

        Assert.Contains("__Forward2(p, a1, y, 1);", text, StringComparison.Ordinal);
        Assert.Contains("__Backward2(p, g, a1, d2, d1, n, accumulate: start > 0);", text, StringComparison.Ordinal);
        Assert.Contains("private static void __Backward2(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("private static void __Backward1(", text, StringComparison.Ordinal);

        // The same names as the unrolled shape: layer 2's weights w2_i_j (flat 6 + i + j, rows of one), its input a1_i,
        // its δ d2_j, and the sum r1_i that δ1 is made of.
        Assert.Contains("// W2[i, j] in local w2_i_j, from p[6 + i + j]; b2[j] in b2_j, from p[8 + j].", text, StringComparison.Ordinal);
        Assert.Contains("double w2_0_0 = p[6];\n", text, StringComparison.Ordinal);
        Assert.Contains("double z2_0 = a1_0 * w2_0_0;\n", text, StringComparison.Ordinal);
        Assert.Contains("z2_0 = __MulAdd(a1_1, w2_1_0, z2_0);\n", text, StringComparison.Ordinal);
        Assert.Contains("zs[0] = z2_0 + b2_0;", text, StringComparison.Ordinal);
        Assert.Contains("gw2_1_0 = __MulAdd(a1_1, d2_0, gw2_1_0);", text, StringComparison.Ordinal);
        Assert.Contains("double r1_1 = w2_1_0 * d2_0;\n", text, StringComparison.Ordinal);
        Assert.Contains("bs[1] = r1_1 * (a1_1 * (1.0 - a1_1));", text, StringComparison.Ordinal);
        Assert.Contains("global::System.Span<double> zs = a.Slice(s, 1);", text, StringComparison.Ordinal);
        Assert.Contains("__Dense.Sigmoid(a.Slice(0, samples));", text, StringComparison.Ordinal);
        Assert.Contains("private static double __MulAdd(double a, double b, double c) => global::NetGen.Runtime.Arithmetic.MulAdd(a, b, c);", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#if", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_one_sample_backward_pass_comes_first_and_the_lanes_after_it()
    {
        string text = Emit(Model(CodeShape.Unrolled, new[] { 2, 2, 1 }));

        int samples = text.IndexOf("private double __Backpropagate(", StringComparison.Ordinal);
        int lanes = text.IndexOf("private double __BackpropagateLanes(", StringComparison.Ordinal);
        Assert.True(samples > 0 && lanes > samples, "the one-sample pass is written before the lanes");
        Assert.Contains("loss = __BackpropagateLanes(inputs, targets, s, g);", text, StringComparison.Ordinal);
        Assert.Contains("double gw2_1_0 = accumulate ? g[7] : 0.0;", text, StringComparison.Ordinal);
        Assert.Contains("__LaneSums.Fold(g, 4, lb1_0, lb1_1, lw2_0_0, lw2_1_0);", text, StringComparison.Ordinal);
        Assert.Contains("g[8] = __Vector256.Sum(lb2_0);", text, StringComparison.Ordinal);
        Assert.Contains("__Vector lw2_0_0 = default;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptors_are_found_by_their_kind()
    {
        Assert.Same(ActivationDescriptor.Sigmoid, ActivationDescriptor.For(default)); // Activation.Sigmoid is 0
        Assert.Same(LossDescriptor.Square, LossDescriptor.For(default)); // Loss.Square is 0
        Assert.Equal("Sigmoid", ActivationDescriptor.Sigmoid.Kind.ToString());
        Assert.Equal("Square", LossDescriptor.Square.Kind.ToString());
    }

    [Fact]
    public void The_sigmoid_descriptor_writes_every_form_of_the_function()
    {
        ActivationDescriptor sigmoid = ActivationDescriptor.Sigmoid;
        Assert.Equal("sigmoid", sigmoid.Name);
        Assert.Equal("σ", sigmoid.Symbol);
        Assert.Equal("__Sigmoid(z1_0)", sigmoid.Scalar("z1_0"));
        Assert.Equal("__VectorActivations.Sigmoid(v)", sigmoid.Vector("v"));
        Assert.Equal("a1_0 * (1.0 - a1_0)", sigmoid.Derivative("a1_0", "1.0"));
        Assert.Equal("a2(1 − a2)", sigmoid.DerivativeText("a2"));
        Assert.Equal("__Dense.Sigmoid", sigmoid.ApplyKernel);

        LossDescriptor square = LossDescriptor.Square;
        Assert.Equal("a2_0 - t[0]", square.Error("a2_0", "t[0]"));
        Assert.Equal("0.5 * (e_0 * e_0)", square.Term("e_0", v => Literals.Literal(v, single: false)));
        Assert.Equal("e_0", square.Gradient("e_0", v => Literals.Literal(v, single: false)));
        Assert.Equal("(e_0 + e_0)", LossDescriptor.MeanSquaredError.Gradient("e_0", v => Literals.Literal(v, single: false)));
        Assert.Equal("(e_0 >= 2.0 ? 2.0 : e_0 <= -2.0 ? -2.0 : e_0)", LossDescriptor.Huber(2.0).Gradient("e_0", v => Literals.Literal(v, single: false)));
    }

    [Fact]
    public void The_emitted_backward_pass_uses_the_descriptors_text()
    {
        string text = Emit(Model(CodeShape.Unrolled, new[] { 2, 2, 1 }));

        Assert.Contains("// Layer 2 backward: δ2 = e ⊙ a2(1 − a2), since σ'(z) = σ(z)(1 − σ(z)).", text, StringComparison.Ordinal);
        Assert.Contains("double d2_0 = e_0 * (a2_0 * (1.0 - a2_0));", text, StringComparison.Ordinal);
        Assert.Contains("double d1_1 = (__w2_1_0 * d2_0) * (a1_1 * (1.0 - a1_1));", text, StringComparison.Ordinal);
        Assert.Contains("double e_0 = a2_0 - t[0];", text, StringComparison.Ordinal);
        Assert.Contains("loss += 0.5 * (e_0 * e_0);", text, StringComparison.Ordinal);
        Assert.Contains("private static double __Sigmoid(double z) => global::NetGen.Activations.Sigmoid(z);", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Literals_are_culture_invariant_and_round_trip()
    {
        System.Globalization.CultureInfo saved = System.Threading.Thread.CurrentThread.CurrentCulture;
        try
        {
            System.Threading.Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("0.1", Literals.Number(0.1));
            Assert.Equal("1.0", Literals.Number(1.0));
            Assert.Equal("1E-05", Literals.Number(1e-5));
            Assert.Equal("0.5f", Literals.Literal(0.5, single: true));
            Assert.Equal("-3", Literals.Int(-3));
            Assert.Equal("9999", Literals.Grouped(9999));
            Assert.Equal("10_000", Literals.Grouped(10_000));
            Assert.Equal("1_573_376", Literals.Grouped(1_573_376));
            Assert.Equal("n", Literals.Times("n", 1));
            Assert.Equal("n * 6", Literals.Times("n", 6));
        }
        finally
        {
            System.Threading.Thread.CurrentThread.CurrentCulture = saved;
        }
    }
}
