using System;
using System.IO;
using System.Linq;
using System.Reflection;
using NetGen.Reference;
using NetGen.Testing;
using NetGen.Tests.DropoutNetworks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// <c>Dropout = p</c>: inverted dropout on every hidden layer's output in training steps only, as <c>torch.nn.Dropout</c>
/// defines it, the same in both shapes and the reference network, resumable bit for bit, checked with the same words
/// everywhere, and allocation-free.
/// </summary>
public class DropoutTests
{
    public static TheoryData<Type> DoubleNetworks => new()
    {
        typeof(DropUnrolled), typeof(DropLoops), typeof(DropGeluLoops), typeof(DropGeluUnrolled), typeof(DropStraightLoops),
    };

    /// <summary>The reference a generated network is checked against, built from its own description.</summary>
    private static ReferenceNetwork ReferenceFor(INetwork<double> generated)
    {
        var described = (IPersistentNetwork<double>)generated;
        bool loops = generated.GetType().GetField("__parameters", BindingFlags.NonPublic | BindingFlags.Instance) is not null;
        return new ReferenceNetwork(described.Description, fusedMultiplyAdd: loops && RuntimeBuild.FusesMultiplyAdd);
    }

    [Theory]
    [MemberData(nameof(DoubleNetworks))]
    public void A_generated_network_with_dropout_trains_as_the_reference_with_the_same_masks(Type type)
    {
        var generated = (INetwork)Activator.CreateInstance(type)!;
        ReferenceNetwork reference = ReferenceFor(generated);
        Assert.True(reference.Options.Dropout > 0.0);
        Equivalence.AssertSameParameters(reference, generated);
        Equivalence.AssertEquivalent(reference, generated, seed: type.Name.Length, learningRate: 0.05);
    }

    [Theory]
    [InlineData(typeof(DropLoopsSingle))]
    [InlineData(typeof(DropUnrolledSingle))]
    public void A_float_network_with_dropout_trains_as_the_reference_within_float_rounding(Type type)
    {
        var generated = (INetwork<float>)Activator.CreateInstance(type)!;
        var reference = new ReferenceNetwork(((IPersistentNetwork<float>)generated).Description);
        Equivalence.AssertSingleClose(reference, generated, seed: 5, relative: 2e-4, learningRate: 0.05);
    }

    /// <summary>
    /// The definition, read off one SGD step of a 1-1200-1 identity network with x = 1, W1 = 1 and b1 = 0, so every
    /// hidden output a is 1 and h = m: ∂L/∂W2[j] = δ2 · h_j and ∂L/∂b2 = δ2 give each unit's h, which must be 0 or
    /// exactly 1 / (1 − p), 0 for a fraction p of the units (within binomial noise); ∂L/∂W1[j] = W2[j] · δ2 · m_j is 0
    /// exactly where h is. Forward takes no mask.
    /// </summary>
    [Theory]
    [InlineData(typeof(DropProbe))]
    [InlineData(typeof(DropProbeUnrolledDefinition))]
    public void A_training_step_zeroes_a_fraction_p_of_hidden_outputs_and_scales_the_others_by_1_over_1_minus_p(Type type)
    {
        var net = (INetwork)Activator.CreateInstance(type)!;
        double p = ((IPersistentNetwork<double>)net).Description.Dropout;
        int hidden = (net.ParameterCount - 1) / 3; // 3H + 1 parameters: W1 (H), b1 (H), W2 (H), b2 (1)
        var parameters = new double[net.ParameterCount];
        var random = new NormalSampler(11);
        for (int j = 0; j < hidden; j++)
        {
            parameters[j] = 1.0;                                                // W1[0, j]
            parameters[(2 * hidden) + j] = 0.01 * random.NextStandardNormal(); // W2[j, 0]
        }

        net.SetParameters(parameters);
        var y = new double[1];
        net.Forward(new[] { 1.0 }, y);
        double sum = 0.0;
        for (int j = 0; j < hidden; j++)
        {
            sum += parameters[(2 * hidden) + j];
        }

        Assert.Equal(sum, y[0], 12); // no mask in Forward

        double rate = 0.5;
        net.LearningRate = rate;
        int dropped = 0, draws = 0;
        double scale = 1.0 / (1.0 - p);
        var after = new double[net.ParameterCount];
        while (draws < 1200)
        {
            // Each round one step from the same parameters: the masks move on with the stream.
            net.SetParameters(parameters);
            net.TrainStep(new[] { 1.0 }, new[] { 3.0 });
            net.GetParameters(after);
            double delta = (parameters[^1] - after[^1]) / rate; // ∂L/∂b2 = δ2
            Assert.True(Math.Abs(delta) > 1.0, $"δ2 = {delta}");
            for (int j = 0; j < hidden; j++, draws++)
            {
                double h = (parameters[(2 * hidden) + j] - after[(2 * hidden) + j]) / rate / delta;
                double gradientW1 = (parameters[j] - after[j]) / rate;
                if (Math.Abs(h) < 1e-9)
                {
                    dropped++;
                    Assert.Equal(0.0, gradientW1);
                }
                else
                {
                    Assert.Equal(scale, h, 9);
                    Assert.Equal(parameters[(2 * hidden) + j] * delta * scale, gradientW1, 9);
                }
            }
        }

        double sigma = Math.Sqrt(draws * p * (1.0 - p));
        Assert.InRange(dropped, (draws * p) - (5 * sigma), (draws * p) + (5 * sigma));
    }

    [Fact]
    public void Each_step_draws_new_masks_and_the_same_seed_draws_the_same_ones()
    {
        double[] x = Inputs(DropLoops.InputSize * 7, 1), t = Targets(7, 2);
        var a = new DropLoops();
        var b = new DropLoops();
        var other = new DropLoops(seed: 0);
        a.TrainStep(x, t);
        b.TrainStep(x, t);
        other.TrainStep(x, t);
        Assert.Equal(Parameters(a), Parameters(b));
        Assert.Equal(Parameters(a), Parameters(other));

        // Another seed: other initial weights and other masks; the same weights with another stream differ after a step.
        var reseeded = new DropLoops(seed: 3);
        var same = new DropLoops();
        reseeded.SetParameters(Parameters(same));
        reseeded.TrainStep(x, t);
        same.TrainStep(x, t);
        Assert.NotEqual(Parameters(same), Parameters(reseeded));
    }

    [Fact]
    public void Forward_predict_and_computegradients_are_those_of_the_network_without_dropout()
    {
        var dropped = new DropLoops();
        var plain = new NoDropLoops();
        Assert.Equal(Parameters(plain), Parameters(dropped));
        double[] x = Inputs(DropLoops.InputSize * 40, 3), t = Targets(40, 4);
        var y0 = new double[40 * DropLoops.OutputSize];
        var y1 = new double[y0.Length];
        dropped.Predict(x, y0);
        plain.Predict(x, y1);
        Assert.Equal(y1, y0);
        var g0 = new double[DropLoops.ParameterCount];
        var g1 = new double[g0.Length];
        Assert.Equal(plain.ComputeGradients(x, t, g1), dropped.ComputeGradients(x, t, g0));
        Assert.Equal(g1, g0);

        // A training step does drop: it moves the parameters elsewhere than the plain network's step.
        dropped.TrainStep(x, t);
        plain.TrainStep(x, t);
        Assert.NotEqual(Parameters(plain), Parameters(dropped));
    }

    [Theory]
    [InlineData(typeof(DropLoops))]
    [InlineData(typeof(DropUnrolled))]
    public void A_saved_and_loaded_network_goes_on_with_the_masks_an_unbroken_run_draws(Type type)
    {
        var unbroken = (IPersistentNetwork<double>)Activator.CreateInstance(type)!;
        var first = (IPersistentNetwork<double>)Activator.CreateInstance(type)!;
        int n = 9;
        double[] x = Inputs(unbroken.InputSize * n, 5), t = Targets(n, 6, unbroken.OutputSize);
        for (int step = 0; step < 3; step++)
        {
            unbroken.TrainStep(x, t);
            first.TrainStep(x, t);
        }

        var file = new MemoryStream();
        first.Save(file);
        Assert.Equal(((IPersistentNetwork<double>)Activator.CreateInstance(type)!).Description.Dropout, NetworkFile.ReadDescription(new MemoryStream(file.ToArray())).Dropout);

        // A network built with another seed: its weights and stream are both replaced by the file's.
        var resumed = (IPersistentNetwork<double>)Activator.CreateInstance(type, 1234)!;
        resumed.Load(new MemoryStream(file.ToArray()));
        for (int step = 0; step < 3; step++)
        {
            Assert.Equal(unbroken.TrainStep(x, t), resumed.TrainStep(x, t));
        }

        Assert.Equal(Parameters(unbroken), Parameters(resumed));
    }

    [Fact]
    public void The_optimizer_state_ends_with_the_stream_and_a_bad_stream_value_changes_nothing()
    {
        var net = new DropLoops();
        Assert.Equal(net.Description.OptimizerStateLength, net.OptimizerStateLength);
        Assert.Equal(2 + (2 * DropLoops.ParameterCount) + 4, net.OptimizerStateLength); // Adam: t, m, v, then the stream
        var state = new double[net.OptimizerStateLength];
        net.GetOptimizerState(state);
        Assert.All(state[^4..], v => Assert.True(v >= 0 && v < 65536 && v == Math.Floor(v)));
        Assert.Contains(state[^4..], v => v != 0);

        foreach (double bad in new[] { 65536.0, -1.0, 0.5, double.NaN })
        {
            double[] broken = (double[])state.Clone();
            broken[^2] = bad;
            ArgumentException e = Assert.Throws<ArgumentException>(() => net.SetOptimizerState(broken));
            Assert.Contains("dropout stream's position", e.Message, StringComparison.Ordinal);
            var now = new double[state.Length];
            net.GetOptimizerState(now);
            Assert.Equal(state, now);
        }

        // The reference lays it out alike.
        var reference = new ReferenceNetwork(net.Description);
        Assert.Equal(net.OptimizerStateLength, reference.OptimizerStateLength);
        var referenceState = new double[state.Length];
        reference.GetOptimizerState(referenceState);
        Assert.Equal(state, referenceState);
    }

    [Fact]
    public void A_step_that_diverges_leaves_the_stream_where_it_was()
    {
        var net = new DropGeluUnrolled();
        var huge = new double[DropGeluUnrolled.ParameterCount];
        Array.Fill(huge, 1e308);
        net.SetParameters(huge);
        var before = new double[net.OptimizerStateLength];
        net.GetOptimizerState(before);
        Assert.Throws<NetGen.Training.TrainingDivergedException>(() => net.TrainStep(Inputs(DropGeluUnrolled.InputSize * 4, 7), Targets(4, 8, DropGeluUnrolled.OutputSize)));
        var after = new double[net.OptimizerStateLength];
        net.GetOptimizerState(after);
        Assert.Equal(before, after);
        Assert.Equal(huge, Parameters(net));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.25)]
    [InlineData(double.NaN)]
    public void A_rate_outside_0_to_1_is_refused_with_the_generator_s_words(double p)
    {
        const string words = "Dropout, the probability of zeroing a hidden unit's output in a training step, must be at least 0 and below 1";
        ArgumentException description = Assert.ThrowsAny<ArgumentException>(() =>
            new NetworkDescription(new[] { 2, 3, 1 }, new[] { Activation.Sigmoid, Activation.Sigmoid }, dropout: p));
        Assert.Contains(words, description.Message, StringComparison.Ordinal);
        Assert.Equal("dropout", description.ParamName, ignoreCase: true);
        ArgumentException options = Assert.ThrowsAny<ArgumentException>(() =>
            new ReferenceNetwork(new[] { 2, 3, 1 }, new ReferenceOptions { Dropout = p }));
        Assert.Contains(words, options.Message, StringComparison.Ordinal);

        ArgumentException noHidden = Assert.ThrowsAny<ArgumentException>(() =>
            new NetworkDescription(new[] { 2, 1 }, new[] { Activation.Sigmoid }, dropout: 0.5));
        Assert.Contains("this network has no hidden layer", noHidden.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_shows_and_compares_the_rate()
    {
        var net = new DropLoops();
        Assert.Equal(0.3, net.Description.Dropout);
        Assert.EndsWith("; Dropout 0.3", net.Description.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(new NoDropLoops().Description, net.Description);
        Assert.DoesNotContain("Dropout", new NoDropLoops().Description.ToString(), StringComparison.Ordinal);

        // A file of the network without dropout does not load into the one with it.
        var file = new MemoryStream();
        new NoDropLoops().Save(file);
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => net.Load(new MemoryStream(file.ToArray())));
        Assert.Contains("Dropout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ONNX_export_is_the_inference_graph_without_dropout()
    {
        var dropped = new DropLoops();
        var plain = new NoDropLoops();
        var a = new MemoryStream();
        var b = new MemoryStream();
        dropped.ExportOnnx(a);
        plain.ExportOnnx(b);
        NetGen.OnnxSchema.ModelProto withDropout = NetGen.OnnxSchema.ModelProto.Parser.ParseFrom(a.ToArray());
        NetGen.OnnxSchema.ModelProto without = NetGen.OnnxSchema.ModelProto.Parser.ParseFrom(b.ToArray());
        Assert.Equal(without.Graph.Node.Select(n => n.OpType), withDropout.Graph.Node.Select(n => n.OpType));
        Assert.DoesNotContain(withDropout.Graph.Node, n => n.OpType == "Dropout");
        Assert.Equal(without.Graph.Initializer, withDropout.Graph.Initializer);
    }

    [Fact]
    public void Training_with_dropout_allocates_nothing()
    {
        var loops = new DropLoops();
        var unrolled = new DropUnrolled();
        double[] x = Inputs(DropLoops.InputSize * 40, 9), t = Targets(40, 10);
        double[] xu = Inputs(DropUnrolled.InputSize * 40, 9), tu = Targets(40, 10, DropUnrolled.OutputSize);
        var g = new double[DropLoops.ParameterCount];
        void Work()
        {
            for (int i = 0; i < 20; i++)
            {
                loops.TrainStep(x, t);
                loops.ComputeGradients(x, t, g);
                unrolled.TrainStep(xu, tu);
            }

            loops.Train(x, t, 5);
            unrolled.Train(xu, tu, 5);
        }

        Work();
        Work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Work();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static double[] Parameters(INetwork<double> net)
    {
        var p = new double[net.ParameterCount];
        net.GetParameters(p);
        return p;
    }

    private static double[] Inputs(int count, int seed)
    {
        var random = new NormalSampler(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextStandardNormal()).ToArray();
    }

    /// <summary>Rows of targets that sum to 1 (a cross-entropy's, and any loss's).</summary>
    private static double[] Targets(int samples, int seed, int outputs = DropLoops.OutputSize)
    {
        var random = new NormalSampler(seed);
        var t = new double[samples * outputs];
        for (int s = 0; s < samples; s++)
        {
            t[(s * outputs) + (int)(random.NextUniform() * outputs)] = 1.0;
        }

        return t;
    }
}
