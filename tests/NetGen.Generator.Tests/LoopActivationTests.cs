using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Reflection;
using NetGen.Reference;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Loop-shaped networks with every hidden activation and every output and loss, compiled from hand-built models,
/// against the reference network with the same options.
/// </summary>
/// <remarks>
/// The combinations: hidden layers ∈ {Sigmoid, Tanh, ReLU, LeakyReLU, Identity} × output and loss ∈ {Square with
/// Sigmoid, Tanh or Identity, CrossEntropy with Softmax, BinaryCrossEntropy with Sigmoid} × {Sum, Mean} is 50
/// networks, all of them in double (one compilation, a few milliseconds each to compare). Float halves the
/// precision, not the code paths, so it takes a sample of 10 in which every hidden activation and every output
/// meets two partners and each reduction comes 5 times. One Adam network (through a stand-in for the optimizer
/// state) shows the update goes through <c>__Update</c>. Plain SGD everywhere else: the optimizers have tests of their own.
/// </remarks>
public class LoopActivationTests
{
    private static readonly string[] Hidden = { "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Identity" };

    private static readonly (string Output, string Loss)[] Outputs =
    {
        ("Sigmoid", "Square"), ("Tanh", "Square"), ("Identity", "Square"), ("Softmax", "CrossEntropy"), ("Sigmoid", "BinaryCrossEntropy"),
    };

    private static readonly string[] Reductions = { "Sum", "Mean" };

    /// <summary>Two hidden layers of 9 and 5 units: neither fills whole vectors, so every kernel runs its scalar tail too.</summary>
    private static readonly int[] DoubleSizes = { 6, 9, 5, 3 };

    /// <summary>17 = 2 · 8 + 1 hidden units in float.</summary>
    private static readonly int[] SingleSizes = { 6, 17, 5, 3 };

    private static LoopSpec Spec(string hidden, string output, string loss, string reduction, bool single)
    {
        int[] sizes = single ? SingleSizes : DoubleSizes;
        return new LoopSpec((single ? "F_" : "D_") + hidden + "_" + output + "_" + loss + "_" + reduction, sizes,
            LoopSpec.Layers(sizes, hidden, output), loss, reduction, single);
    }

    private static readonly LoopSpec AdamSpec =
        new("D_ReLU_Softmax_Adam", DoubleSizes, LoopSpec.Layers(DoubleSizes, "ReLU", "Softmax"), "CrossEntropy", "Mean", Optimizer: "Adam");

    /// <summary>RMSprop (with and without momentum and weight decay) and Adagrad, in double and float.</summary>
    private static readonly LoopSpec[] OptimizerSpecs =
    {
        new("D_Tanh_Softmax_RMSprop", DoubleSizes, LoopSpec.Layers(DoubleSizes, "Tanh", "Softmax"), "CrossEntropy", "Mean", Optimizer: "RMSprop"),
        new("D_ReLU_Identity_RMSpropMomentum", DoubleSizes, LoopSpec.Layers(DoubleSizes, "ReLU", "Identity"), "Square", "Mean", Optimizer: "RMSprop", Momentum: 0.9, WeightDecay: 0.01),
        new("D_Tanh_Sigmoid_Adagrad", DoubleSizes, LoopSpec.Layers(DoubleSizes, "Tanh", "Sigmoid"), "BinaryCrossEntropy", "Mean", Optimizer: "Adagrad", WeightDecay: 0.01),
        new("F_ReLU_Softmax_RMSpropMomentum", SingleSizes, LoopSpec.Layers(SingleSizes, "ReLU", "Softmax"), "CrossEntropy", "Mean", Single: true, Optimizer: "RMSprop", Momentum: 0.5, WeightDecay: 0.01),
        new("F_Tanh_Identity_Adagrad", SingleSizes, LoopSpec.Layers(SingleSizes, "Tanh", "Identity"), "Square", "Sum", Single: true, Optimizer: "Adagrad"),
    };

    public static IEnumerable<object[]> OptimizerNames() => OptimizerSpecs.Select(s => new object[] { s.Name });

    public static IEnumerable<object[]> DoubleCombinations() =>
        from hidden in Hidden
        from output in Outputs
        from reduction in Reductions
        select new object[] { hidden, output.Output, output.Loss, reduction };

    public static IEnumerable<object[]> SingleCombinations() =>
        Hidden.SelectMany((hidden, i) => new[] { 0, 2 }.Select(k => new object[]
        {
            hidden, Outputs[(i + k) % Outputs.Length].Output, Outputs[(i + k) % Outputs.Length].Loss, Reductions[(i + (k / 2)) % 2],
        }));

    private static readonly Lazy<Assembly> Compiled = new(() => LoopModels.Compile(
        DoubleCombinations().Select(c => Spec((string)c[0], (string)c[1], (string)c[2], (string)c[3], single: false))
            .Concat(SingleCombinations().Select(c => Spec((string)c[0], (string)c[1], (string)c[2], (string)c[3], single: true)))
            .Append(AdamSpec)
            .Concat(OptimizerSpecs)
            .Append(Spec("ReLU", "Softmax", "CrossEntropy", "Sum", single: true))
            .Append(Spec("ReLU", "Sigmoid", "BinaryCrossEntropy", "Sum", single: true))
            .DistinctBy(spec => spec.Name)));

    [Fact]
    public void The_sample_of_float_combinations_covers_each_hidden_activation_output_and_reduction()
    {
        object[][] sample = SingleCombinations().ToArray();
        Assert.Equal(10, sample.Distinct(new ArrayComparer()).Count());
        Assert.All(Hidden, h => Assert.Equal(2, sample.Count(c => (string)c[0] == h)));
        Assert.All(Outputs, o => Assert.Equal(2, sample.Count(c => (string)c[1] == o.Output && (string)c[2] == o.Loss)));
        Assert.All(Reductions, r => Assert.Equal(5, sample.Count(c => (string)c[3] == r)));
    }

    [Theory]
    [MemberData(nameof(DoubleCombinations))]
    public void Double_network_matches_the_reference(string hidden, string output, string loss, string reduction)
    {
        LoopSpec spec = Spec(hidden, output, loss, reduction, single: false);
        var generated = (INetwork)LoopModels.Create(Compiled.Value, spec);
        LoopEquivalence.AssertMatches(LoopModels.Reference(spec), generated, seed: hidden.Length + (3 * output.Length) + loss.Length + reduction.Length);
    }

    [Theory]
    [MemberData(nameof(SingleCombinations))]
    public void Float_network_matches_the_double_reference(string hidden, string output, string loss, string reduction)
    {
        LoopSpec spec = Spec(hidden, output, loss, reduction, single: true);
        var generated = (INetwork<float>)LoopModels.Create(Compiled.Value, spec);
        ReferenceNetwork reference = LoopModels.Reference(spec);
        var p0 = new double[reference.ParameterCount];
        var p1 = new float[generated.ParameterCount];
        reference.GetParameters(p0);
        generated.GetParameters(p1);
        Assert.Equal(Equivalence.ToSingle(p0), p1);

        // The tolerance of LargeNetworkTests: float rounding compounded by 20 training steps, with a margin of ~50.
        LoopEquivalence.AssertSingleMatches(reference, generated, seed: 9, relative: 2e-4);
    }

    [Fact]
    public void Adam_updates_through_the_optimizer_state_as_the_reference_does()
    {
        var generated = (INetwork)LoopModels.Create(Compiled.Value, AdamSpec);
        LoopEquivalence.AssertMatches(LoopModels.Reference(AdamSpec), generated, seed: 31);
    }

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void RMSprop_and_Adagrad_update_through_the_optimizer_state_as_the_reference_does(string name)
    {
        LoopSpec spec = OptimizerSpecs.Single(s => s.Name == name);
        object generated = LoopModels.Create(Compiled.Value, spec);
        if (spec.Single)
        {
            LoopEquivalence.AssertSingleMatches(LoopModels.Reference(spec), (INetwork<float>)generated, seed: 17, relative: 2e-4);
        }
        else
        {
            LoopEquivalence.AssertMatches(LoopModels.Reference(spec), (INetwork)generated, seed: 17);
        }

        Assert.Equal(0, spec.Single
            ? LoopEquivalence.BytesAllocated((INetwork<float>)generated)
            : LoopEquivalence.BytesAllocated((INetwork<double>)generated));
    }

    [Theory]
    [InlineData("Softmax", "CrossEntropy", false)]
    [InlineData("Softmax", "CrossEntropy", true)]
    [InlineData("Sigmoid", "BinaryCrossEntropy", false)]
    [InlineData("Sigmoid", "BinaryCrossEntropy", true)]
    public void Logits_of_plus_and_minus_1000_give_a_finite_loss_and_gradient(string output, string loss, bool single)
    {
        LoopSpec spec = Spec("ReLU", output, loss, "Sum", single);
        object network = LoopModels.Create(Compiled.Value, spec);
        ReferenceNetwork reference = LoopModels.Reference(spec);

        // Every weight 0 and the output biases +1000, −1000, 0: the logits whatever the input. The targets pick the
        // class of logit −1000 (and for BCE put 0 against +1000), the worst case of each.
        int p = reference.ParameterCount;
        var parameters = new double[p];
        parameters[p - 3] = 1000;
        parameters[p - 2] = -1000;
        reference.SetParameters(parameters);
        var inputs = new double[2 * 6];
        for (int k = 0; k < inputs.Length; k++)
        {
            inputs[k] = k - 5;
        }

        double[] targets = { 0, 1, 0, 0, 1, 0 };
        var expected = new double[p];
        double expectedLoss = reference.ComputeGradients(inputs, targets, expected);
        var expectedOutput = new double[3];
        reference.Forward(inputs.AsSpan(0, 6), expectedOutput);

        double actualLoss;
        double[] gradient, y;
        if (single)
        {
            var net = (INetwork<float>)network;
            net.SetParameters(Equivalence.ToSingle(parameters));
            var g = new float[p];
            var o = new float[3];
            actualLoss = net.ComputeGradients(Equivalence.ToSingle(inputs), Equivalence.ToSingle(targets), g);
            net.Forward(Equivalence.ToSingle(inputs).AsSpan(0, 6), o);
            gradient = Equivalence.ToDouble(g);
            y = Equivalence.ToDouble(o);
        }
        else
        {
            var net = (INetwork)network;
            net.SetParameters(parameters);
            gradient = new double[p];
            y = new double[3];
            actualLoss = net.ComputeGradients(inputs, targets, gradient);
            net.Forward(inputs.AsSpan(0, 6), y);
        }

        Assert.True(double.IsFinite(actualLoss), $"loss {actualLoss}");
        Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
        Assert.All(y, v => Assert.True(double.IsFinite(v)));
        Assert.InRange(actualLoss, 1999.0, 4002.0); // CE: 2 · 2000; BCE: 2 · (2000 + log 2)
        Equivalence.Close(expectedLoss, actualLoss, "loss", relative: 1e-6, floor: 1e-6);
        Equivalence.AllClose(expected, gradient, "gradient", relative: 1e-6, floor: 1e-6);
        Equivalence.AllClose(expectedOutput, y, "output", relative: 1e-6, floor: 1e-6);
    }

    [Fact]
    public void Training_allocates_nothing()
    {
        Assembly assembly = Compiled.Value;
        Assert.Equal(0, LoopEquivalence.BytesAllocated((INetwork<double>)LoopModels.Create(assembly, Spec("ReLU", "Softmax", "CrossEntropy", "Mean", false))));
        Assert.Equal(0, LoopEquivalence.BytesAllocated((INetwork<double>)LoopModels.Create(assembly, Spec("Tanh", "Sigmoid", "BinaryCrossEntropy", "Sum", false))));
        Assert.Equal(0, LoopEquivalence.BytesAllocated((INetwork<double>)LoopModels.Create(assembly, AdamSpec)));
        object[] single = SingleCombinations().First(c => (string)c[2] == "CrossEntropy");
        Assert.Equal(0, LoopEquivalence.BytesAllocated((INetwork<float>)LoopModels.Create(
            assembly, Spec((string)single[0], (string)single[1], (string)single[2], (string)single[3], true))));
    }

    private sealed class ArrayComparer : IEqualityComparer<object[]>
    {
        public bool Equals(object[]? x, object[]? y) => x!.SequenceEqual(y!);

        public int GetHashCode(object[] obj) => string.Join("|", obj).GetHashCode(StringComparison.Ordinal);
    }
}

/// <summary>Comparisons of a loop-shaped network with the reference, and its allocations.</summary>
internal static class LoopEquivalence
{
    /// <summary>
    /// Gives both networks the same random parameters (after checking they start from the same ones), then compares
    /// Forward, and Predict, the loss and every gradient on batches of 1, 2 and 3 samples (below the transposition
    /// threshold, δ from W's rows), 7 and 40 (two chunks); then the loss of 100 training steps alternating 40 and 3
    /// samples, and the parameters after them. Tolerances as <see cref="Equivalence.AssertEquivalent"/>'s.
    /// </summary>
    public static void AssertMatches(ReferenceNetwork expected, INetwork actual, int seed)
    {
        Equivalence.AssertSameParameters(expected, actual);
        int p = expected.ParameterCount;
        var random = new NormalSampler(seed);
        double[] parameters = Equivalence.RandomValues(p, ref random, 0.6);
        expected.SetParameters(parameters);
        actual.SetParameters(parameters);

        double[] x = Equivalence.RandomValues(expected.InputSize, ref random, 1.5);
        var y0 = new double[expected.OutputSize];
        var y1 = new double[expected.OutputSize];
        expected.Forward(x, y0);
        actual.Forward(x, y1);
        Equivalence.AllClose(y0, y1, "Forward output");

        foreach (int n in new[] { 1, 2, 3, 7, 40 })
        {
            (double[] inputs, double[] targets) = Batch(expected, n, ref random);
            var out0 = new double[n * expected.OutputSize];
            var out1 = new double[n * expected.OutputSize];
            expected.Predict(inputs, out0);
            actual.Predict(inputs, out1);
            Equivalence.AllClose(out0, out1, $"Predict output (N={n})");

            var g0 = new double[p];
            var g1 = new double[p];
            Array.Fill(g1, double.NaN); // ComputeGradients must overwrite
            double l0 = expected.ComputeGradients(inputs, targets, g0);
            double l1 = actual.ComputeGradients(inputs, targets, g1);
            Equivalence.Close(l0, l1, $"loss (N={n})");
            Equivalence.AllClose(g0, g1, $"gradient (N={n})");
        }

        (double[] xs, double[] ts) = Batch(expected, 40, ref random);
        for (int step = 0; step < 100; step++)
        {
            int n = step % 2 == 0 ? 40 : 3;
            double l0 = expected.TrainStep(xs.AsSpan(0, n * expected.InputSize), ts.AsSpan(0, n * expected.OutputSize));
            double l1 = actual.TrainStep(xs.AsSpan(0, n * expected.InputSize), ts.AsSpan(0, n * expected.OutputSize));
            Equivalence.Close(l0, l1, $"loss of step {step}", relative: 1e-9, floor: 1e-14); // a trace; the contract is the parameters below
        }

        var p0 = new double[p];
        var p1 = new double[p];
        expected.GetParameters(p0);
        actual.GetParameters(p1);
        Equivalence.AllClose(p0, p1, "parameters after 100 steps", relative: Equivalence.ParameterTolerance, floor: Equivalence.ParameterTolerance);
        Assert.True(p0.Zip(parameters).Max(d => Math.Abs(d.First - d.Second)) > 1e-3, "training moved the parameters");
    }

    /// <summary>
    /// <see cref="Equivalence.AssertSingleClose"/> on the batches of <see cref="AssertMatches"/>: a float network
    /// against the double reference given the same float-representable parameters and data, Predict and the loss
    /// within <paramref name="relative"/>, the gradient within <paramref name="relative"/> of its largest element, on 1,
    /// 3 and 40 samples; then the parameters after 20 steps alternating 40 and 3 samples, within
    /// <paramref name="relative"/> of their largest.
    /// </summary>
    public static void AssertSingleMatches(ReferenceNetwork expected, INetwork<float> actual, int seed, double relative)
    {
        int p = expected.ParameterCount;
        var random = new NormalSampler(seed);
        double[] parameters = Equivalence.ToDouble(Equivalence.ToSingle(Equivalence.RandomValues(p, ref random, 0.3)));
        expected.SetParameters(parameters);
        actual.SetParameters(Equivalence.ToSingle(parameters));
        foreach (int n in new[] { 1, 3, 40 })
        {
            (double[] inputs, double[] targets) = Batch(expected, n, ref random);
            inputs = Equivalence.ToDouble(Equivalence.ToSingle(inputs));
            targets = Equivalence.ToDouble(Equivalence.ToSingle(targets));
            var y0 = new double[n * expected.OutputSize];
            var y1 = new float[y0.Length];
            expected.Predict(inputs, y0);
            actual.Predict(Equivalence.ToSingle(inputs), y1);
            Equivalence.AllClose(y0, Equivalence.ToDouble(y1), $"float Predict (N={n})", relative, relative);

            var g0 = new double[p];
            var g1 = new float[p];
            double l0 = expected.ComputeGradients(inputs, targets, g0);
            float l1 = actual.ComputeGradients(Equivalence.ToSingle(inputs), Equivalence.ToSingle(targets), g1);
            Equivalence.Close(l0, l1, $"float loss (N={n})", relative, relative);
            Equivalence.VectorClose(g0, Equivalence.ToDouble(g1), $"float gradient (N={n})", relative);
        }

        (double[] xs, double[] ts) = Batch(expected, 40, ref random);
        float[] xf = Equivalence.ToSingle(xs), tf = Equivalence.ToSingle(ts);
        xs = Equivalence.ToDouble(xf);
        ts = Equivalence.ToDouble(tf);
        expected.LearningRate = 0.1;
        actual.LearningRate = 0.1f;
        for (int step = 0; step < 20; step++)
        {
            int n = step % 2 == 0 ? 40 : 3;
            expected.TrainStep(xs.AsSpan(0, n * expected.InputSize), ts.AsSpan(0, n * expected.OutputSize));
            actual.TrainStep(xf.AsSpan(0, n * expected.InputSize), tf.AsSpan(0, n * expected.OutputSize));
        }

        var p0 = new double[p];
        var p1 = new float[p];
        expected.GetParameters(p0);
        actual.GetParameters(p1);
        Equivalence.VectorClose(p0, Equivalence.ToDouble(p1), "float parameters after 20 steps", relative);
    }

    /// <summary>Inputs in [−1.5, 1.5) and targets in [0, 1) (what a sigmoid can reach; probability mass for the cross-entropies).</summary>
    private static (double[] Inputs, double[] Targets) Batch(INetwork net, int n, ref NormalSampler random)
    {
        double[] inputs = Equivalence.RandomValues(n * net.InputSize, ref random, 1.5);
        double[] targets = Equivalence.RandomValues(n * net.OutputSize, ref random, 0.5);
        for (int k = 0; k < targets.Length; k++)
        {
            targets[k] += 0.5;
        }

        return (inputs, targets);
    }

    /// <summary>
    /// The bytes the calling thread allocates in a third round of Forward, Predict, ComputeGradients and TrainStep on
    /// batches of 40 (two chunks) and 3 samples, after two rounds that compile every method.
    /// </summary>
    public static long BytesAllocated<T>(INetwork<T> net)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new NormalSampler(5);
        T[] x = Enumerable.Range(0, 40 * net.InputSize).Select(_ => T.CreateTruncating(random.NextStandardNormal())).ToArray();
        T[] t = Enumerable.Range(0, 40 * net.OutputSize).Select(_ => T.CreateTruncating(random.NextUniform())).ToArray();
        var y = new T[40 * net.OutputSize];
        var g = new T[net.ParameterCount];

        void Work()
        {
            net.Forward(x.AsSpan(0, net.InputSize), y.AsSpan(0, net.OutputSize));
            net.Predict(x, y);
            net.ComputeGradients(x, t, g);
            net.TrainStep(x, t);
            net.TrainStep(x.AsSpan(0, 3 * net.InputSize), t.AsSpan(0, 3 * net.OutputSize));
            net.Train(x, t, 2);
        }

        Work();
        Work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Work();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
