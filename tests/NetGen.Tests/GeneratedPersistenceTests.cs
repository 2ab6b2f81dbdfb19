using System;
using System.IO;
using System.Linq;
using System.Numerics;
using NetGen.Reference;
using NetGen.Tests.Large;
using NetGen.Tests.Networks;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The members every generated class forwards to the runtime: Description and the optimizer state
/// (IPersistentNetwork), Save and Load, ImportSafetensors and ExportSafetensors, Fit and Evaluate; on unrolled and
/// loop-shaped networks, in double and float.
/// </summary>
public class GeneratedPersistenceTests
{
    /// <summary><paramref name="count"/> standard normal values times <paramref name="scale"/>, from <paramref name="seed"/>.</summary>
    private static T[] Values<T>(int count, double scale, int seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new NormalSampler(seed);
        return Enumerable.Range(0, count).Select(_ => T.CreateTruncating(scale * random.NextStandardNormal())).ToArray();
    }

    private static T[] Parameters<T>(INetwork<T> network)
        where T : unmanaged
    {
        var p = new T[network.ParameterCount];
        network.GetParameters(p);
        return p;
    }

    private static T[] State<T>(IPersistentNetwork<T> network)
        where T : unmanaged
    {
        var s = new T[network.OptimizerStateLength];
        network.GetOptimizerState(s);
        return s;
    }

    /// <summary>
    /// 100 steps in one go against 50 steps, Save to a stream, Load into a network started from another seed, 50 more
    /// steps: the same parameters and optimizer state, bit for bit, and the learning rate restored from the file.
    /// </summary>
    private static void ResumesExactly<TNet, T>(Func<int, TNet> create, Action<TNet, Stream> save, Action<TNet, Stream> load, int samples)
        where TNet : IPersistentNetwork<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TNet probe = create(0);
        T[] x = Values<T>(samples * probe.InputSize, 1.0, seed: 3);
        T[] t = Values<T>(samples * probe.OutputSize, 0.3, seed: 4).Select(v => T.Abs(v)).ToArray();
        T rate = T.CreateTruncating(0.05);

        TNet straight = create(0);
        straight.LearningRate = rate;
        straight.Train(x, t, 100);

        TNet first = create(0);
        first.LearningRate = rate;
        first.Train(x, t, 50);
        var file = new MemoryStream();
        save(first, file);

        TNet resumed = create(99); // other initial weights, the attribute's learning rate
        Assert.NotEqual(Parameters<T>(first), Parameters<T>(resumed));
        file.Position = 0;
        load(resumed, file);
        Assert.Equal(rate, resumed.LearningRate);
        Assert.Equal(Parameters<T>(first), Parameters<T>(resumed));
        resumed.Train(x, t, 50);

        Assert.Equal(Parameters<T>(straight), Parameters<T>(resumed)); // exact equality of every value
        Assert.Equal(State<T>(straight), State<T>(resumed));
        Assert.Equal(T.CreateTruncating(100), State<T>(resumed)[0]); // the step count t, then the buffers
        Assert.Equal(straight.Description, resumed.Description);
    }

    [Fact]
    public void An_unrolled_double_network_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<AndNet, double>(seed => new AndNet(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 4);

    [Fact]
    public void An_unrolled_float_network_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<AndSingle, float>(seed => new AndSingle(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 4);

    [Fact]
    public void A_loop_shaped_double_network_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<Mnist, double>(seed => new Mnist(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 5);

    [Fact]
    public void A_loop_shaped_float_network_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<MnistSingle, float>(seed => new MnistSingle(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 5);

    [Fact]
    public void An_unrolled_Adam_classifier_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<AdamClassifier, double>(seed => new AdamClassifier(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 6);

    [Fact]
    public void An_unrolled_network_with_Nesterov_momentum_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<NesterovNet, double>(seed => new NesterovNet(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 4);

    [Fact]
    public void A_loop_shaped_float_AdamW_network_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<AdamWLoops, float>(seed => new AdamWLoops(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 37);

    [Fact]
    public void A_loop_shaped_network_with_momentum_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<MomentumLoops, double>(seed => new MomentumLoops(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 5);

    [Fact]
    public void An_unrolled_RMSprop_classifier_with_momentum_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<RMSpropClassifier, double>(seed => new RMSpropClassifier(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 6);

    [Fact]
    public void A_loop_shaped_float_RMSprop_network_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<RMSpropLoops, float>(seed => new RMSpropLoops(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 37);

    [Fact]
    public void An_unrolled_float_Adagrad_network_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<AdagradSingle, float>(seed => new AdagradSingle(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 4);

    [Fact]
    public void A_loop_shaped_Adagrad_network_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<AdagradLoops, double>(seed => new AdagradLoops(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 5);

    [Fact]
    public void The_optimizer_state_of_RMSprop_is_the_step_count_then_s_then_b_and_of_Adagrad_the_step_count_then_s()
    {
        var rms = new RMSpropClassifier();
        Assert.Equal(2 + 2 * RMSpropClassifier.ParameterCount, rms.OptimizerStateLength);
        Assert.Equal(rms.Description.OptimizerStateLength, rms.OptimizerStateLength);
        double[] x = { 0.5, -1, 2, 1, 0, -0.5 };
        var g = new double[RMSpropClassifier.ParameterCount];
        rms.ComputeGradients(x, new[] { 2, 0 }, g);
        rms.TrainStep(x, new[] { 2, 0 });
        double[] state = State<double>(rms);
        Assert.Equal(new[] { 1.0, 0.0 }, state.Take(2));

        // After one step from zero, s = (1 − α) · g'² and b = g' / (√s + ε), g' = g + wd · p0.
        var p0 = new double[RMSpropClassifier.ParameterCount];
        new RMSpropClassifier().GetParameters(p0);
        for (int k = 0; k < g.Length; k++)
        {
            double decayed = g[k] + (0.01 * p0[k]);
            Assert.Equal(0.01 * decayed * decayed, state[2 + k], 15);
            Assert.Equal(decayed / (Math.Sqrt(0.01 * decayed * decayed) + 1e-8), state[2 + g.Length + k], 6);
        }

        var adagrad = new AdagradLoops();
        Assert.Equal(2 + AdagradLoops.ParameterCount, adagrad.OptimizerStateLength);
        Assert.Equal(Optimizer.Adagrad, adagrad.Description.Optimizer);
        Assert.Equal(1e-10, adagrad.Description.Epsilon);
        Assert.Equal(0.01, adagrad.Description.LearningRate);
        Assert.Equal(0.9, new RMSpropLoops().Description.Alpha);
        Assert.Equal((double)0.01f, new RMSpropLoops().Description.LearningRate);
    }

    [Fact]
    public void The_optimizer_state_of_Adam_is_the_step_count_then_m_then_v()
    {
        var net = new AdamClassifier();
        Assert.Equal(2 + 2 * AdamClassifier.ParameterCount, net.OptimizerStateLength);
        Assert.Equal(net.Description.OptimizerStateLength, net.OptimizerStateLength);
        double[] x = { 0.5, -1, 2, 1, 0, -0.5 };
        net.TrainStep(x, new[] { 2, 0 });
        double[] state = State<double>(net);
        Assert.Equal(new[] { 1.0, 0.0 }, state.Take(2));

        // After one step, m = (1 − β1) · g and v = (1 − β2) · g² (PyTorch's first step from zero moments).
        var g = new double[AdamClassifier.ParameterCount];
        var fresh = new AdamClassifier();
        fresh.ComputeGradients(x, new[] { 2, 0 }, g);
        for (int k = 0; k < g.Length; k++)
        {
            Assert.Equal(0.1 * g[k], state[2 + k], 15);
            Assert.Equal(0.001 * g[k] * g[k], state[2 + g.Length + k], 15);
        }

        net.ResetOptimizer();
        Assert.All(State<double>(net), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void A_network_with_straight_line_layers_and_kernels_resumes_from_a_file_bit_for_bit() =>
        ResumesExactly<MixedSingle, float>(seed => new MixedSingle(seed), (n, s) => n.Save(s), (n, s) => n.Load(s), samples: 9);

    [Fact]
    public void Save_and_Load_on_a_path_round_trip_and_the_file_holds_the_description()
    {
        string path = Path.Combine(Path.GetTempPath(), "netgen-generated-" + Guid.NewGuid().ToString("N") + ".netgen");
        try
        {
            var net = new Deep(5) { LearningRate = 0.3 };
            net.Train(Values<double>(3 * 7, 1.0, 1), Values<double>(2 * 7, 0.4, 2), 20);
            net.Save(path);
            Assert.Equal(net.Description, NetworkFile.ReadDescription(path));

            var copy = new Deep();
            copy.Load(path);
            Assert.Equal(Parameters<double>(net), Parameters<double>(copy));
            Assert.Equal(0.3, copy.LearningRate);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_of_another_network_is_refused_and_nothing_changes()
    {
        var net = new AndNet(3) { LearningRate = 0.2 };
        net.SetOptimizerState(new[] { 7.0, 0.0 });
        double[] before = Parameters<double>(net);

        var other = new MemoryStream();
        new ThreeFiveTwo().Save(other);
        var e = Assert.Throws<InvalidDataException>(() => net.Load(new MemoryStream(other.ToArray())));
        Assert.Equal(
            "the file holds 3-5-2 Sigmoid, Sigmoid; Square (Sum); Sgd; Double, this network is 2-4-1 Sigmoid, Sigmoid; Square (Sum); Sgd; Double.",
            e.Message);

        // The same topology in float is another network too.
        var single = new MemoryStream();
        new AndSingle().Save(single);
        e = Assert.Throws<InvalidDataException>(() => net.Load(new MemoryStream(single.ToArray())));
        Assert.Contains("Single", e.Message, StringComparison.Ordinal);

        Assert.Equal(before, Parameters<double>(net));
        Assert.Equal(new[] { 7.0, 0.0 }, State<double>(net));
        Assert.Equal(0.2, net.LearningRate);
    }

    [Fact]
    public void A_reference_networks_file_loads_into_the_generated_network_and_back()
    {
        var reference = new ReferenceNetwork(new[] { 2, 4, 1 }, new ReferenceOptions { Seed = 8 });
        reference.Train(Values<double>(2 * 4, 1.0, 5), Values<double>(4, 0.5, 6), 30);
        var file = new MemoryStream();
        NetworkFile.Save(reference, file);

        var generated = new AndNet();
        file.Position = 0;
        generated.Load(file);
        Assert.Equal(Parameters<double>(reference), Parameters<double>(generated));
        Assert.Equal(State<double>(reference), State<double>(generated)); // the step count, 30
        Assert.Equal(30.0, State<double>(generated)[0]);

        var back = new MemoryStream();
        generated.Save(back);
        var again = new ReferenceNetwork(new[] { 2, 4, 1 }, new ReferenceOptions { Seed = 1 });
        back.Position = 0;
        NetworkFile.Load(again, back);
        Assert.Equal(Parameters<double>(reference), Parameters<double>(again));
        Assert.Equal(State<double>(reference), State<double>(again));
    }

    [Fact]
    public void Plain_gradient_descents_optimizer_state_is_the_step_count_and_a_bad_one_is_refused()
    {
        var net = new MnistSingle();
        Assert.Equal(2, net.OptimizerStateLength);
        Assert.Equal(net.Description.OptimizerStateLength, net.OptimizerStateLength);
        net.SetOptimizerState(new[] { 5f, 1f }); // t = 5 + 2^24
        Assert.Equal(new[] { 5f, 1f }, State<float>(net));

        Assert.Throws<ArgumentException>(() => net.SetOptimizerState(new[] { 0.5f, 0f }));
        Assert.Throws<ArgumentException>(() => net.SetOptimizerState(new[] { 1f, 0f, 0f }));
        Assert.Throws<ArgumentException>(() => net.GetOptimizerState(new float[1]));
        Assert.Equal(new[] { 5f, 1f }, State<float>(net));
    }

    [Fact]
    public void The_description_is_the_attributes()
    {
        Assert.Equal(new NetworkDescription(new[] { 2, 4, 1 }, new[] { Activation.Sigmoid, Activation.Sigmoid }), new AndNet().Description);
        Assert.Equal(new ReferenceNetwork(new[] { 2, 4, 1 }, new ReferenceOptions()).Description, new AndNet().Description);
        Assert.Equal(
            new NetworkDescription(new[] { 2, 2, 2 }, new[] { Activation.Sigmoid, Activation.Sigmoid }, learningRate: 0.5),
            new MazurNet().Description);
        Assert.Equal(
            new NetworkDescription(new[] { 784, 128, 10 }, new[] { Activation.Sigmoid, Activation.Sigmoid }, learningRate: 0.1f, precision: Precision.Single),
            new MnistSingle().Description);
        Assert.Equal("3-6-5-4-2 Sigmoid, Sigmoid, Sigmoid, Sigmoid; Square (Sum); Sgd; Double", new Deep().Description.ToString());
    }

    [Fact]
    public void The_description_follows_the_learning_rate_and_is_shared_while_it_is_the_attributes()
    {
        var net = new AndSingle();
        NetworkDescription initial = net.Description;
        Assert.Same(initial, net.Description);
        Assert.Same(initial, new AndSingle(4).Description);
        Assert.Equal((double)0.1f, initial.LearningRate);

        net.LearningRate = 0.25f;
        NetworkDescription changed = net.Description;
        Assert.Equal(0.25, changed.LearningRate);
        Assert.NotEqual(initial, changed);
        Assert.Same(initial.LayerSizes, changed.LayerSizes);
        Assert.Equal(initial.ToString(), changed.ToString());

        net.LearningRate = 0.1f;
        Assert.Same(initial, net.Description);
    }

    [Theory]
    [InlineData(WeightLayout.PyTorch)]
    [InlineData(WeightLayout.Keras)]
    public void Safetensors_export_then_import_round_trips_bit_for_bit(WeightLayout layout)
    {
        var net = new Mnist(2);
        net.Train(Values<double>(784 * 3, 1.0, 7), Values<double>(10 * 3, 0.3, 8), 5);
        var file = new MemoryStream();
        net.ExportSafetensors(file, layout);

        // The generated member writes what the runtime writes for the network.
        var direct = new MemoryStream();
        Safetensors.Export(net, direct, layout);
        Assert.Equal(direct.ToArray(), file.ToArray());

        var copy = new Mnist(77);
        file.Position = 0;
        copy.ImportSafetensors(file, layout);
        Assert.Equal(Parameters<double>(net), Parameters<double>(copy));
    }

    [Fact]
    public void Safetensors_on_a_path_with_layer_prefixes_round_trip_in_float()
    {
        string path = Path.Combine(Path.GetTempPath(), "netgen-generated-" + Guid.NewGuid().ToString("N") + ".safetensors");
        try
        {
            var net = new AndSingle(6);
            net.ExportSafetensors(path, WeightLayout.PyTorch, new[] { "fc1", "fc2" });
            var copy = new AndSingle(1);
            copy.ImportSafetensors(path, layerPrefixes: new[] { "fc1", "fc2" });
            Assert.Equal(Parameters<float>(net), Parameters<float>(copy));

            var defaults = new AndSingle(1);
            float[] before = Parameters<float>(defaults);
            var e = Assert.Throws<InvalidDataException>(() => defaults.ImportSafetensors(path)); // the file has fc1.*, not 0.*
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Equal(before, Parameters<float>(defaults));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Fit_and_Evaluate_are_the_Trainers()
    {
        double[] x = Values<double>(3 * 60, 1.0, 9);
        double[] t = Values<double>(2 * 60, 0.3, 10).Select(Math.Abs).ToArray();
        int[] labels = Enumerable.Range(0, 60).Select(s => x[s * 3] > 0 ? 1 : 0).ToArray();
        var options = new FitOptions<double> { Epochs = 3, BatchSize = 8, ShuffleSeed = 4 };

        var member = new ThreeFiveTwo(2);
        var trainer = new ThreeFiveTwo(2);
        TrainingReport a = member.Fit(x, t, options);
        TrainingReport b = Trainer.Fit(trainer, x, t, options);
        Assert.Equal(Parameters<double>(trainer), Parameters<double>(member));
        Assert.Equal(b.History.Select(e => e.Loss), a.History.Select(e => e.Loss));
        Assert.Equal(3, a.EpochsRun);

        a = member.Fit(x, labels, options);
        b = Trainer.Fit(trainer, x, labels, options);
        Assert.Equal(Parameters<double>(trainer), Parameters<double>(member));
        Assert.Equal(b.History.Select(e => e.Loss), a.History.Select(e => e.Loss));

        Evaluation rows = member.Evaluate(x, t);
        Assert.Equal(Trainer.Evaluate(trainer, x, t).Loss, rows.Loss);
        Assert.Null(rows.Accuracy);

        Evaluation classes = member.Evaluate(x, labels);
        Evaluation expected = Trainer.Evaluate(trainer, x, labels);
        Assert.Equal(expected.Loss, classes.Loss);
        Assert.Equal(expected.Accuracy, classes.Accuracy);
        Assert.Equal(expected.ConfusionMatrix, classes.ConfusionMatrix);
        Assert.Equal(60, classes.ConfusionMatrix!.Cast<int>().Sum());
    }

    [Fact]
    public void Fit_on_a_float_network_reports_mean_losses_per_sample()
    {
        float[] x = Values<float>(784 * 12, 1.0, 11);
        int[] labels = Enumerable.Range(0, 12).Select(s => s % 10).ToArray();
        var net = new MnistSingle();
        float[] oneHot = labels.SelectMany(l => Enumerable.Range(0, 10).Select(j => j == l ? 1f : 0f)).ToArray();
        double whole = net.ComputeGradients(x, oneHot, new float[MnistSingle.ParameterCount]); // summed over the batch

        TrainingReport report = net.Fit(x, labels, new FitOptions<float> { BatchSize = 12, ShuffleSeed = null });
        Assert.Equal(whole / 12, report.History[0].Loss, 1e-5);
    }
}
