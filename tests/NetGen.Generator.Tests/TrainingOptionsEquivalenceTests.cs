using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Reference;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Unrolled networks with every activation, loss, reduction and optimizer, built as models by hand (the attribute
/// cannot set them yet), compiled in memory at warning level 9999 and checked against the reference network with the
/// same options: outputs, loss, gradient and the parameters after 100 steps in double; the same within float's
/// rounding in float; finite differences; the class-label members; ResetOptimizer.
/// </summary>
/// <remarks>
/// The combinations are sampled rather than crossed in full (5 · 5 · 2 · 4 · 2 = 400 networks would take minutes to
/// compile): every hidden activation meets every output (the square loss with sigmoid, tanh and identity outputs, the
/// cross-entropy with softmax, the binary cross-entropy with sigmoid, the squared error with identity, the absolute error
/// with tanh, the Huber loss with identity and sigmoid and a δ of 0.5 or 0.25), each pair with both reductions in double, and the
/// optimizer chosen as <c>(hidden + output + reduction) mod 4</c>, so every optimizer meets every output with both
/// reductions and every hidden activation. The topology cycles through three, chosen for the code paths they take:
/// 3-5-2 (a vector of four units and one alone), 2-4-3-3 (two hidden layers, δ through a hidden activation twice),
/// 10-3-4 (sums longer than eight terms, written over several lines). Float repeats the 25 pairs once.
/// </remarks>
public sealed class TrainingOptionsEquivalenceTests : IClassFixture<TrainingOptionsEquivalenceTests.Networks>
{
    private static readonly string[] Hidden = { "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Identity" };

    private static readonly (string Name, string Output, string Loss)[] Outputs =
    {
        ("SquareSigmoid", "Sigmoid", "Square"),
        ("SquareTanh", "Tanh", "Square"),
        ("SquareIdentity", "Identity", "Square"),
        ("CrossEntropy", "Softmax", "CrossEntropy"),
        ("BinaryCrossEntropy", "Sigmoid", "BinaryCrossEntropy"),
        ("MseIdentity", "Identity", "MeanSquaredError"),
        ("L1Tanh", "Tanh", "L1"),
        ("HuberIdentity", "Identity", "Huber"),
        ("HuberSigmoid", "Sigmoid", "Huber"),
    };

    private static readonly string[] Optimizers = { "Sgd", "SgdMomentum", "Adam", "AdamW" };

    /// <summary>RMSprop (plain, and with momentum and weight decay) and Adagrad: each with every output, in both precisions.</summary>
    private static readonly string[] MoreOptimizers = { "RMSprop", "RMSpropMomentum", "Adagrad" };

    private static readonly string[] Reductions = { "Sum", "Mean" };

    private static readonly int[][] Topologies = { new[] { 3, 5, 2 }, new[] { 2, 4, 3, 3 }, new[] { 10, 3, 4 } };

    /// <summary>The sampled double networks, by class name.</summary>
    internal static readonly IReadOnlyDictionary<string, TrainingSetup> Double = Sample(single: false).ToDictionary(s => s.Name);

    /// <summary>The sampled float networks, by class name.</summary>
    internal static readonly IReadOnlyDictionary<string, TrainingSetup> Single = Sample(single: true).ToDictionary(s => s.Name);

    private readonly Networks _networks;

    public TrainingOptionsEquivalenceTests(Networks networks)
    {
        _networks = networks;
    }

    public static IEnumerable<object[]> DoubleNames() => Double.Keys.Select(name => new object[] { name });

    public static IEnumerable<object[]> SingleNames() => Single.Keys.Select(name => new object[] { name });

    /// <summary>Two networks of every hidden activation and every output, for the finite-difference check.</summary>
    public static IEnumerable<object[]> GradientCheckNames() =>
        Double.Values.Where(s => s.Reduction == "Mean" && s.Sizes.Length == 3 || s.Reduction == "Sum" && s.Sizes.Length == 4)
            .Select(s => new object[] { s.Name });

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Double_networks_match_the_reference(string name)
    {
        TrainingSetup setup = Double[name];
        var generated = (INetwork)_networks.Compiled.Create(name);
        ReferenceNetwork reference = setup.Reference();
        Equivalence.AssertSameParameters(reference, generated);
        Equivalence.AssertEquivalent(reference, generated, seed: name.Length, learningRate: StableRate(setup));
    }

    /// <summary>
    /// A learning rate at which the 100 steps descend rather than oscillate, so the comparison after them measures
    /// rounding, not how fast a chaotic orbit amplifies it (at 0.05 a leaky-ReLU network with a tanh output on 5 samples
    /// swung between losses of 0.8 and 1.2, and the reference's last bit grew tenfold every three steps). The tutorial's
    /// sigmoid networks keep the 0.3 the other equivalence tests use; momentum and Adam, which take larger effective
    /// steps, take smaller rates.
    /// The absolute error's gradient jumps where an error crosses 0, so its networks take a rate small enough that no
    /// error reaches 0 in the 100 steps (at the kink, the last bit decides the sign).
    /// </summary>
    private static double StableRate(TrainingSetup setup) => setup.Optimizer switch
    {
        _ when setup.Loss == "L1" => 0.002,
        _ when setup.Loss == "MeanSquaredError" && setup.Momentum != 0.0 => 0.002,
        "Adam" or "AdamW" or "RMSprop" or "Adagrad" => 0.005,
        _ when setup.Momentum != 0.0 => 0.01,
        _ => setup.Activations.All(a => a == "Sigmoid") ? 0.3 : 0.02,
    };

    [Theory]
    [MemberData(nameof(SingleNames))]
    public void Float_networks_match_the_reference_within_float_rounding(string name)
    {
        TrainingSetup setup = Single[name];
        var generated = (INetwork<float>)_networks.Compiled.Create(name);
        // RMSprop's first step moves every parameter by about lr / √(1 − α) = 10 · lr whatever the size of its gradient
        // (Adagrad's by lr): at the 0.1 of the other optimizers 20 steps are chaotic, so they take their stable rate.
        bool normalised = setup.Optimizer is "RMSprop" or "Adagrad";
        Equivalence.AssertSingleClose(setup.Reference(), generated, seed: name.Length, relative: 2e-4, learningRate: normalised ? StableRate(setup) : 0.1);
    }

    [Theory]
    [MemberData(nameof(GradientCheckNames))]
    public void Gradients_match_finite_differences(string name)
    {
        var net = (INetwork)_networks.Compiled.Create(name);
        var random = new NormalSampler(name.Length);
        int p = net.ParameterCount;
        double[] parameters = Equivalence.RandomValues(p, ref random, 1.0);
        double[] inputs = Equivalence.RandomValues(3 * net.InputSize, ref random, 1.5);
        double[] targets = Targets(Double[name], 3, net.OutputSize, ref random);
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

    [Fact]
    public void Class_labels_give_the_same_bits_as_their_one_hot_rows_and_the_reference_agrees()
    {
        foreach (TrainingSetup setup in Double.Values.Concat(Single.Values).Where(s => s.Loss == "CrossEntropy"))
        {
            if (setup.Single)
            {
                LabelsMatchOneHot<float>(setup);
            }
            else
            {
                LabelsMatchOneHot<double>(setup);
                LabelsMatchTheReference(setup);
            }
        }
    }

    [Fact]
    public void A_label_out_of_range_throws_naming_the_sample_before_anything_changes()
    {
        TrainingSetup setup = Double.Values.First(s => s.Loss == "CrossEntropy" && s.Optimizer == "Adam");
        var net = (INetwork)_networks.Compiled.Create(setup.Name);
        var step = HandBuiltNetworks.Method<LabelStep<double>>(net, "TrainStep");
        var train = HandBuiltNetworks.Method<LabelTrain<double>>(net, "Train");
        var gradients = HandBuiltNetworks.Method<LabelGradients<double>>(net, "ComputeGradients");
        var before = new double[net.ParameterCount];
        net.GetParameters(before);
        double[] inputs = new double[3 * net.InputSize];
        int[] labels = { 0, 1, net.OutputSize };
        int last = net.OutputSize - 1;

        ArgumentException e = Assert.Throws<ArgumentException>(() => step(inputs, labels));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains($"labels[2] (sample 2) is {net.OutputSize}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"[0, {last}]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => train(inputs, new[] { 0, -1, 0 }, 3));
        Assert.Throws<ArgumentException>(() => gradients(inputs, labels, new double[net.ParameterCount]));
        ArgumentException count = Assert.Throws<ArgumentException>(() => step(inputs, new[] { 0, 1 }));
        Assert.Contains("each of the 3 samples", count.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => step(new double[net.InputSize + 1], new[] { 0 }));

        var after = new double[net.ParameterCount];
        net.GetParameters(after);
        Assert.Equal(before, after);

        // The optimizer's state did not move either: the next step is a fresh network's first.
        var fresh = (INetwork)_networks.Compiled.Create(setup.Name);
        double[] x = RandomInputs(3, net.InputSize, 5);
        Assert.Equal(
            HandBuiltNetworks.Method<LabelStep<double>>(fresh, "TrainStep")(x, new[] { 0, 1, last }),
            step(x, new[] { 0, 1, last }));
    }

    [Fact]
    public void Classify_returns_the_first_largest_output_as_the_reference_does()
    {
        foreach (TrainingSetup setup in Double.Values.Where(s => s.Loss == "CrossEntropy"))
        {
            var net = (INetwork)_networks.Compiled.Create(setup.Name);
            ReferenceNetwork reference = setup.Reference();
            var classify = HandBuiltNetworks.Method<Classifier<double>>(net, "Classify");
            var random = new NormalSampler(11);
            for (int k = 0; k < 50; k++)
            {
                double[] x = Equivalence.RandomValues(net.InputSize, ref random, 3.0);
                var y = new double[net.OutputSize];
                net.Forward(x, y);
                int expected = Array.IndexOf(y, y.Max());
                Assert.Equal(expected, classify(x));
                Assert.Equal(reference.Classify(x), classify(x));
            }

            // Every output equal (all parameters 0): the first.
            net.SetParameters(new double[net.ParameterCount]);
            Assert.Equal(0, classify(new double[net.InputSize]));
            Assert.Throws<ArgumentException>(() => classify(new double[net.InputSize + 1]));
        }

        TrainingSetup single = Single.Values.First(s => s.Loss == "CrossEntropy");
        var floatNet = (INetwork<float>)_networks.Compiled.Create(single.Name);
        var floatClassify = HandBuiltNetworks.Method<Classifier<float>>(floatNet, "Classify");
        float[] input = Enumerable.Range(0, floatNet.InputSize).Select(i => 0.3f * i - 0.5f).ToArray();
        var output = new float[floatNet.OutputSize];
        floatNet.Forward(input, output);
        Assert.Equal(Array.IndexOf(output, output.Max()), floatClassify(input));
    }

    [Theory]
    [InlineData("Sgd")]
    [InlineData("SgdMomentum")]
    [InlineData("Adam")]
    [InlineData("AdamW")]
    [InlineData("RMSprop")]
    [InlineData("RMSpropMomentum")]
    [InlineData("Adagrad")]
    public void ResetOptimizer_then_ten_steps_equals_a_fresh_network_s_ten_steps(string optimizer)
    {
        foreach (TrainingSetup setup in Double.Values.Where(s => s.Name.EndsWith("_" + optimizer, StringComparison.Ordinal)).Take(3))
        {
            var trained = (INetwork)_networks.Compiled.Create(setup.Name);
            var random = new NormalSampler(setup.Name.Length);
            double[] inputs = Equivalence.RandomValues(4 * trained.InputSize, ref random, 1.5);
            double[] targets = Targets(setup, 4, trained.OutputSize, ref random);
            for (int step = 0; step < 7; step++)
            {
                trained.TrainStep(inputs, targets);
            }

            HandBuiltNetworks.Method<Action>(trained, "ResetOptimizer")();
            var parameters = new double[trained.ParameterCount];
            trained.GetParameters(parameters);
            var fresh = (INetwork)_networks.Compiled.Create(setup.Name);
            fresh.SetParameters(parameters);
            for (int step = 0; step < 10; step++)
            {
                Assert.Equal(fresh.TrainStep(inputs, targets), trained.TrainStep(inputs, targets));
            }

            var p0 = new double[fresh.ParameterCount];
            var p1 = new double[fresh.ParameterCount];
            fresh.GetParameters(p0);
            trained.GetParameters(p1);
            Assert.Equal(p0, p1);
        }
    }

    [Fact]
    public void An_adam_cross_entropy_network_allocates_nothing_per_step_after_warm_up()
    {
        TrainingSetup setup = Double.Values.First(s => s.Loss == "CrossEntropy" && s.Optimizer == "Adam");
        var net = (INetwork)_networks.Compiled.Create(setup.Name);
        var step = HandBuiltNetworks.Method<LabelStep<double>>(net, "TrainStep");
        var train = HandBuiltNetworks.Method<LabelTrain<double>>(net, "Train");
        var classify = HandBuiltNetworks.Method<Classifier<double>>(net, "Classify");
        var reset = HandBuiltNetworks.Method<Action>(net, "ResetOptimizer");
        var random = new NormalSampler(4);
        double[] inputs = Equivalence.RandomValues(16 * net.InputSize, ref random, 1.5);
        double[] targets = Targets(setup, 16, net.OutputSize, ref random);
        int[] labels = Enumerable.Range(0, 16).Select(s => s % net.OutputSize).ToArray();
        var gradients = new double[net.ParameterCount];

        void Work()
        {
            for (int i = 0; i < 20; i++)
            {
                net.TrainStep(inputs, targets);
                step(inputs, labels);
                step(inputs.AsSpan(0, 3 * net.InputSize), labels.AsSpan(0, 3));
                net.ComputeGradients(inputs, targets, gradients);
                classify(inputs.AsSpan(0, net.InputSize));
            }

            train(inputs, labels, 5);
            reset();
        }

        Work(); // warm up: first calls compile methods and grow the label rows
        Work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Work();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("CrossEntropy")]
    [InlineData("BinaryCrossEntropy")]
    public void Logits_of_plus_and_minus_a_thousand_give_finite_losses_and_gradients_equal_to_the_reference(string loss)
    {
        foreach (TrainingSetup setup in Double.Values.Where(s => s.Loss == loss).Take(4))
        {
            var net = (INetwork)_networks.Compiled.Create(setup.Name);
            ReferenceNetwork reference = setup.Reference();
            var parameters = new double[net.ParameterCount];
            net.GetParameters(parameters);
            int outputs = net.OutputSize;
            for (int j = 0; j < outputs; j++)
            {
                parameters[net.ParameterCount - outputs + j] = j % 2 == 0 ? 1000.0 : -1000.0; // the output biases
            }

            net.SetParameters(parameters);
            reference.SetParameters(parameters);
            var random = new NormalSampler(2);
            double[] inputs = Equivalence.RandomValues(3 * net.InputSize, ref random, 0.5);
            double[] targets = Targets(setup, 3, outputs, ref random);
            var g0 = new double[net.ParameterCount];
            var g1 = new double[net.ParameterCount];
            double l0 = reference.ComputeGradients(inputs, targets, g0);
            double l1 = net.ComputeGradients(inputs, targets, g1);
            Assert.True(double.IsFinite(l1) && l1 > 100, $"{setup.Name}: loss {l1}");
            Assert.All(g1, g => Assert.True(double.IsFinite(g)));
            Equivalence.Close(l0, l1, setup.Name + " loss");
            Equivalence.AllClose(g0, g1, setup.Name + " gradient");
            var y = new double[outputs];
            net.Forward(inputs.AsSpan(0, net.InputSize), y);
            Assert.All(y, v => Assert.True(v >= 0 && v <= 1));
        }
    }

    private void LabelsMatchOneHot<T>(TrainingSetup setup)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var byLabels = (INetwork<T>)_networks.Compiled.Create(setup.Name);
        var byRows = (INetwork<T>)_networks.Compiled.Create(setup.Name);
        int outputs = byLabels.OutputSize;
        int[] labels = { 1, 0, outputs - 1, 2 % outputs, 0 };
        T[] inputs = RandomInputs(labels.Length, byLabels.InputSize, 8).Select(T.CreateTruncating).ToArray();
        var rows = new T[labels.Length * outputs];
        for (int s = 0; s < labels.Length; s++)
        {
            rows[s * outputs + labels[s]] = T.One;
        }

        var g0 = new T[byLabels.ParameterCount];
        var g1 = new T[byLabels.ParameterCount];
        Assert.Equal(byRows.ComputeGradients(inputs, rows, g0), HandBuiltNetworks.Method<LabelGradients<T>>(byLabels, "ComputeGradients")(inputs, labels, g1));
        Assert.Equal(g0, g1);
        var step = HandBuiltNetworks.Method<LabelStep<T>>(byLabels, "TrainStep");
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(byRows.TrainStep(inputs, rows), step(inputs, labels));
        }

        Assert.Equal(byRows.Train(inputs, rows, 4), HandBuiltNetworks.Method<LabelTrain<T>>(byLabels, "Train")(inputs, labels, 4));
        var p0 = new T[byLabels.ParameterCount];
        var p1 = new T[byLabels.ParameterCount];
        byRows.GetParameters(p0);
        byLabels.GetParameters(p1);
        Assert.Equal(p0, p1);
    }

    private void LabelsMatchTheReference(TrainingSetup setup)
    {
        var net = (INetwork)_networks.Compiled.Create(setup.Name);
        ReferenceNetwork reference = setup.Reference();
        int[] labels = { 0, 1, net.OutputSize - 1, 1 };
        double[] inputs = RandomInputs(labels.Length, net.InputSize, 9);
        var step = HandBuiltNetworks.Method<LabelStep<double>>(net, "TrainStep");
        for (int i = 0; i < 10; i++)
        {
            Equivalence.Close(reference.TrainStep(inputs, labels), step(inputs, labels), $"{setup.Name}: loss of step {i}", relative: 1e-9);
        }

        var p0 = new double[net.ParameterCount];
        var p1 = new double[net.ParameterCount];
        reference.GetParameters(p0);
        net.GetParameters(p1);
        Equivalence.AllClose(p0, p1, setup.Name + " parameters", relative: Equivalence.ParameterTolerance, floor: Equivalence.ParameterTolerance);
    }

    private static double[] RandomInputs(int samples, int inputSize, int seed)
    {
        var random = new NormalSampler(seed);
        return Equivalence.RandomValues(samples * inputSize, ref random, 1.5);
    }

    /// <summary>Targets the loss can take: rows summing to 1 for the cross-entropy (class probabilities), values in [0, 1) otherwise.</summary>
    private static double[] Targets(TrainingSetup setup, int samples, int outputs, ref NormalSampler random)
    {
        var targets = new double[samples * outputs];
        for (int k = 0; k < targets.Length; k++)
        {
            targets[k] = random.NextUniform();
        }

        if (setup.Loss == "CrossEntropy")
        {
            for (int s = 0; s < samples; s++)
            {
                double sum = targets.AsSpan(s * outputs, outputs).ToArray().Sum();
                for (int j = 0; j < outputs; j++)
                {
                    targets[s * outputs + j] /= sum;
                }
            }
        }

        return targets;
    }

    private static IEnumerable<TrainingSetup> Sample(bool single)
    {
        for (int h = 0; h < Hidden.Length; h++)
        {
            for (int o = 0; o < Outputs.Length; o++)
            {
                (string outputName, string output, string loss) = Outputs[o];
                int[] sizes = Topologies[(h + 2 * o) % Topologies.Length];
                string[] activations = Enumerable.Repeat(Hidden[h], sizes.Length - 2).Append(output).ToArray();
                foreach (int r in single ? new[] { (h + o) % 2 } : new[] { 0, 1 })
                {
                    string optimizer = Optimizers[(h + o + r) % Optimizers.Length];
                    string name = (single ? "F_" : "D_") + Hidden[h] + "_" + outputName + "_" + Reductions[r] + "_" + optimizer;
                    TrainingSetup setup = TrainingSetup.Of(name, sizes, activations, loss, Reductions[r], optimizer, single);

                    // Huber's δ below the errors' typical size, so both of its pieces are taken.
                    yield return loss == "Huber" ? setup with { HuberDelta = o % 2 == 0 ? 0.5 : 0.25 } : setup;
                }
            }
        }

        for (int o = 0; o < Outputs.Length; o++)
        {
            for (int k = 0; k < MoreOptimizers.Length; k++)
            {
                (string outputName, string output, string loss) = Outputs[o];
                string hidden = Hidden[(o + k + (single ? 1 : 0)) % Hidden.Length];
                int[] sizes = Topologies[(o + k) % Topologies.Length];
                string[] activations = Enumerable.Repeat(hidden, sizes.Length - 2).Append(output).ToArray();
                string reduction = Reductions[(o + k) % 2];
                string name = (single ? "F_" : "D_") + hidden + "_" + outputName + "_" + reduction + "_" + MoreOptimizers[k];
                yield return TrainingSetup.Of(name, sizes, activations, loss, reduction, MoreOptimizers[k], single);
            }
        }
    }

    /// <summary>Every sampled network, double and float, compiled once for the whole class.</summary>
    public sealed class Networks : IDisposable
    {
        public Networks()
        {
            Compiled = new HandBuiltNetworks(Double.Values.Concat(Single.Values));
        }

        internal HandBuiltNetworks Compiled { get; }

        public void Dispose() => Compiled.Dispose();
    }
}
