using System;
using System.Collections.Generic;
using NetGen.Reference;
using NetGen.Testing;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The reference network's options: the defaults are the tutorial's network, invalid options and combinations throw
/// naming the option, and class labels are one-hot targets to the bit.
/// </summary>
public class ReferenceOptionsTests
{
    private static readonly double[] Inputs = { 0.5, -1.0, 1.5, 0.25, -0.75, 2.0, 0.0, 1.0 };
    private static readonly int[] Labels = { 2, 0, 1, 2 };
    private static readonly double[] OneHot = { 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1 };

    private static ReferenceOptions Classifier(Optimizer optimizer = Optimizer.Sgd) => new()
    {
        Hidden = Activation.Tanh,
        Output = Activation.Softmax,
        Loss = Loss.CrossEntropy,
        Optimizer = optimizer,
        Seed = 4,
    };

    [Fact]
    public void Default_options_are_the_tutorials_network_to_the_bit()
    {
        int[] sizes = { 2, 4, 1 };
        double[] x = { 0, 0, 0, 1, 1, 0, 1, 1 };
        double[] t = { 0, 0, 0, 1 };
        var tutorial = new ReferenceNetwork(sizes);
        var options = new ReferenceNetwork(sizes, new ReferenceOptions());
        Assert.Equal(tutorial.Train(x, t, 50), options.Train(x, t, 50));
        Equivalence.AssertSameParameters(tutorial, options);
        Assert.Equal(Reduction.Sum, options.LossFunction.Reduction);
        Assert.Equal(Loss.Square, options.LossFunction.Kind);
        Assert.Equal(Optimizer.Sgd, options.OptimizerState.Kind);
        foreach (FC layer in options.Layers)
        {
            Assert.Equal(Activation.Sigmoid, layer.Activation.Kind);
        }
    }

    [Fact]
    public void The_tutorials_plain_gradient_descent_is_p_minus_lr_times_g_to_the_bit()
    {
        var net = new ReferenceNetwork(new[] { 2, 3, 1 }, learningRate: 0.7);
        double[] x = { 0.5, -1.0, 1.5, 0.25 };
        double[] t = { 0.2, 0.9 };
        var p0 = new double[net.ParameterCount];
        var g = new double[net.ParameterCount];
        net.GetParameters(p0);
        net.ComputeGradients(x, t, g);
        net.TrainStep(x, t);
        var p1 = new double[net.ParameterCount];
        net.GetParameters(p1);
        for (int k = 0; k < p1.Length; k++)
        {
            Assert.Equal(p0[k] - (0.7 * g[k]), p1[k]);
        }
    }

    [Fact]
    public void Defaults_depend_on_the_loss_and_the_optimizer()
    {
        Assert.Equal(Reduction.Sum, new ReferenceOptions().EffectiveReduction);
        Assert.Equal(Reduction.Mean, new ReferenceOptions { Loss = Loss.CrossEntropy }.EffectiveReduction);
        Assert.Equal(Reduction.Mean, new ReferenceOptions { Loss = Loss.BinaryCrossEntropy }.EffectiveReduction);
        Assert.Equal(Reduction.Sum, new ReferenceOptions { Loss = Loss.CrossEntropy, Reduction = Reduction.Sum }.EffectiveReduction);
        Assert.Equal(0.1, new ReferenceOptions().EffectiveLearningRate);
        Assert.Equal(0.001, new ReferenceOptions { Optimizer = Optimizer.Adam }.EffectiveLearningRate);
        Assert.Equal(0.0, new ReferenceOptions { Optimizer = Optimizer.Adam }.EffectiveWeightDecay);
        Assert.Equal(0.01, new ReferenceOptions { Optimizer = Optimizer.AdamW }.EffectiveWeightDecay);
        Assert.Equal(0.0, new ReferenceOptions { Optimizer = Optimizer.AdamW, WeightDecay = 0 }.EffectiveWeightDecay);
        var o = new ReferenceOptions();
        Assert.Equal(0.01, o.LeakySlope);
        Assert.Equal(0.9, o.Beta1);
        Assert.Equal(0.999, o.Beta2);
        Assert.Null(o.Epsilon);
        Assert.Equal(1e-8, o.EffectiveEpsilon);
        Assert.Equal(1e-10, new ReferenceOptions { Optimizer = Optimizer.Adagrad }.EffectiveEpsilon);
        Assert.Equal(0.01, new ReferenceOptions { Optimizer = Optimizer.Adagrad }.EffectiveLearningRate);
        Assert.Equal(0.01, new ReferenceOptions { Optimizer = Optimizer.RMSprop }.EffectiveLearningRate);
        Assert.Equal(0.99, o.Alpha);
        Assert.Equal(0.0, o.Momentum);
        Assert.False(o.Nesterov);
    }

    [Fact]
    public void Activations_sets_each_layer_and_Hidden_and_Output_set_the_rest()
    {
        var each = new ReferenceNetwork(new[] { 2, 3, 3, 2 }, new ReferenceOptions { Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Identity } });
        Assert.Equal(new[] { Activation.ReLU, Activation.Tanh, Activation.Identity }, Kinds(each));
        var split = new ReferenceNetwork(new[] { 2, 3, 3, 2 }, new ReferenceOptions { Hidden = Activation.LeakyReLU, Output = Activation.Softmax, LeakySlope = 0.2 });
        Assert.Equal(new[] { Activation.LeakyReLU, Activation.LeakyReLU, Activation.Softmax }, Kinds(split));
        Assert.Equal(0.2, ((LeakyReLU)split.Layers[0].Activation).Slope);
    }

    private static Activation[] Kinds(ReferenceNetwork net)
    {
        var kinds = new Activation[net.Layers.Count];
        for (int l = 0; l < kinds.Length; l++)
        {
            kinds[l] = net.Layers[l].Activation.Kind;
        }

        return kinds;
    }

    public static IEnumerable<object[]> Invalid() => new[]
    {
        new object[] { "softmax hidden", "Hidden" },
        new object[] { "softmax hidden in Activations", "Activations" },
        new object[] { "cross-entropy without softmax", "Output" },
        new object[] { "cross-entropy without softmax in Activations", "Activations" },
        new object[] { "binary cross-entropy without sigmoid", "Output" },
        new object[] { "Activations too short", "Activations" },
        new object[] { "Activations too long", "Activations" },
        new object[] { "Activations with Hidden", "Activations" },
        new object[] { "Activations with Output", "Activations" },
        new object[] { "Nesterov without momentum", "Nesterov" },
        new object[] { "momentum with Adam", "Momentum" },
        new object[] { "Nesterov with AdamW", "Nesterov" },
        new object[] { "negative momentum", "Momentum" },
        new object[] { "Beta1 = 1", "Beta1" },
        new object[] { "negative Beta2", "Beta2" },
        new object[] { "NaN Beta2", "Beta2" },
        new object[] { "Epsilon = 0", "Epsilon" },
        new object[] { "negative weight decay", "WeightDecay" },
        new object[] { "infinite weight decay", "WeightDecay" },
        new object[] { "negative slope", "LeakySlope" },
        new object[] { "zero learning rate", "LearningRate" },
        new object[] { "NaN learning rate", "LearningRate" },
        new object[] { "unknown loss", "Loss" },
        new object[] { "unknown optimizer", "Optimizer" },
        new object[] { "Alpha = 1", "Alpha" },
        new object[] { "negative Alpha", "Alpha" },
        new object[] { "NaN Alpha", "Alpha" },
        new object[] { "Nesterov with RMSprop", "Nesterov" },
        new object[] { "momentum with Adagrad", "Momentum" },
    };

    private static ReferenceOptions InvalidOptions(string name) => name switch
    {
        "softmax hidden" => new() { Hidden = Activation.Softmax },
        "softmax hidden in Activations" => new() { Activations = new[] { Activation.Softmax, Activation.Sigmoid } },
        "cross-entropy without softmax" => new() { Loss = Loss.CrossEntropy },
        "cross-entropy without softmax in Activations" => new() { Loss = Loss.CrossEntropy, Activations = new[] { Activation.Tanh, Activation.Sigmoid } },
        "binary cross-entropy without sigmoid" => new() { Loss = Loss.BinaryCrossEntropy, Output = Activation.Softmax },
        "Activations too short" => new() { Activations = new[] { Activation.Tanh } },
        "Activations too long" => new() { Activations = new[] { Activation.Tanh, Activation.Tanh, Activation.Tanh } },
        "Activations with Hidden" => new() { Hidden = Activation.Tanh, Activations = new[] { Activation.Tanh, Activation.Tanh } },
        "Activations with Output" => new() { Output = Activation.Sigmoid, Activations = new[] { Activation.Tanh, Activation.Tanh } },
        "Nesterov without momentum" => new() { Nesterov = true },
        "momentum with Adam" => new() { Optimizer = Optimizer.Adam, Momentum = 0.9 },
        "Nesterov with AdamW" => new() { Optimizer = Optimizer.AdamW, Momentum = 0.9, Nesterov = true },
        "negative momentum" => new() { Momentum = -0.5 },
        "Beta1 = 1" => new() { Optimizer = Optimizer.Adam, Beta1 = 1.0 },
        "negative Beta2" => new() { Optimizer = Optimizer.Adam, Beta2 = -0.1 },
        "NaN Beta2" => new() { Optimizer = Optimizer.Adam, Beta2 = double.NaN },
        "Epsilon = 0" => new() { Optimizer = Optimizer.Adam, Epsilon = 0.0 },
        "negative weight decay" => new() { WeightDecay = -0.01 },
        "infinite weight decay" => new() { Optimizer = Optimizer.AdamW, WeightDecay = double.PositiveInfinity },
        "negative slope" => new() { LeakySlope = -0.01 },
        "zero learning rate" => new() { LearningRate = 0.0 },
        "NaN learning rate" => new() { LearningRate = double.NaN },
        "unknown loss" => new() { Loss = (Loss)7 },
        "unknown optimizer" => new() { Optimizer = (Optimizer)7 },
        "Alpha = 1" => new() { Optimizer = Optimizer.RMSprop, Alpha = 1.0 },
        "negative Alpha" => new() { Optimizer = Optimizer.RMSprop, Alpha = -0.1 },
        "NaN Alpha" => new() { Optimizer = Optimizer.RMSprop, Alpha = double.NaN },
        "Nesterov with RMSprop" => new() { Optimizer = Optimizer.RMSprop, Momentum = 0.9, Nesterov = true },
        "momentum with Adagrad" => new() { Optimizer = Optimizer.Adagrad, Momentum = 0.9 },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Fact]
    public void The_description_throws_the_words_of_the_diagnostics()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { 2, 1 }, new[] { Activation.Sigmoid }, optimizer: Optimizer.RMSprop, alpha: 1.0));
        Assert.Equal("Alpha", e.ParamName);
        Assert.StartsWith("Alpha, RMSprop's smoothing constant, must be in [0, 1); got 1. Use a value such as 0.99.", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { 2, 1 }, new[] { Activation.Sigmoid }, optimizer: Optimizer.Adagrad, momentum: 0.9));
        Assert.StartsWith("Momentum belongs to Optimizer.Sgd and Optimizer.RMSprop, not Optimizer.Adagrad; remove Momentum, or use one of those optimizers.", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { 2, 1 }, new[] { Activation.Sigmoid }, optimizer: Optimizer.RMSprop, momentum: 0.9, nesterov: true));
        Assert.StartsWith("Nesterov belongs to Optimizer.Sgd, not Optimizer.RMSprop; remove Nesterov, or use Optimizer.Sgd.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_options_throw_naming_the_option(string name, string option)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new ReferenceNetwork(new[] { 2, 3, 2 }, InvalidOptions(name)));
        Assert.Equal(option, e.ParamName);
        Assert.Contains(option, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_combinations_build()
    {
        _ = new ReferenceNetwork(new[] { 2, 3, 2 }, new ReferenceOptions { Output = Activation.Softmax }); // softmax with the square loss
        _ = new ReferenceNetwork(new[] { 2, 3, 2 }, new ReferenceOptions { Activations = new[] { Activation.ReLU, Activation.Softmax }, Loss = Loss.CrossEntropy });
        _ = new ReferenceNetwork(new[] { 2, 3, 2 }, new ReferenceOptions { Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.AdamW, WeightDecay = 0 });
        _ = new ReferenceNetwork(new[] { 2, 2 }, new ReferenceOptions { Output = Activation.Softmax, Loss = Loss.CrossEntropy, Momentum = 0.9, Nesterov = true });
        _ = new ReferenceNetwork(new[] { 2, 3, 2 }, new ReferenceOptions { Optimizer = Optimizer.Adam, Beta1 = 0.0, Beta2 = 0.0 });
    }

    [Theory]
    [InlineData(Optimizer.Sgd)]
    [InlineData(Optimizer.Adam)]
    public void Label_overloads_equal_the_one_hot_target_overloads_to_the_bit(Optimizer optimizer)
    {
        int[] sizes = { 2, 5, 3 };
        var byLabel = new ReferenceNetwork(sizes, Classifier(optimizer));
        var byTarget = new ReferenceNetwork(sizes, Classifier(optimizer));

        var g0 = new double[byLabel.ParameterCount];
        var g1 = new double[byLabel.ParameterCount];
        Assert.Equal(byTarget.ComputeGradients(Inputs, OneHot, g1), byLabel.ComputeGradients(Inputs, Labels, g0));
        Assert.Equal(g1, g0);

        Assert.Equal(byTarget.TrainStep(Inputs, OneHot), byLabel.TrainStep(Inputs, Labels));
        Equivalence.AssertSameParameters(byTarget, byLabel);

        Assert.Equal(byTarget.Train(Inputs, OneHot, 25), byLabel.Train(Inputs, Labels, 25));
        Equivalence.AssertSameParameters(byTarget, byLabel);
    }

    [Fact]
    public void A_classifier_learns_its_labels()
    {
        var net = new ReferenceNetwork(new[] { 2, 5, 3 }, new ReferenceOptions
        {
            Hidden = Activation.Tanh,
            Output = Activation.Softmax,
            Loss = Loss.CrossEntropy,
            Optimizer = Optimizer.Adam,
            LearningRate = 0.05,
        });
        double first = net.TrainStep(Inputs, Labels);
        double last = net.Train(Inputs, Labels, 500);
        Assert.True(last < first / 10, $"loss {first} → {last}");
        for (int s = 0; s < Labels.Length; s++)
        {
            Assert.Equal(Labels[s], net.Classify(Inputs.AsSpan(2 * s, 2)));
        }
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(-1, 2)]
    [InlineData(int.MaxValue, 0)]
    public void An_out_of_range_label_throws_naming_the_sample_and_the_range(int label, int sample)
    {
        var net = new ReferenceNetwork(new[] { 2, 5, 3 }, Classifier());
        int[] labels = (int[])Labels.Clone();
        labels[sample] = label;
        var before = new double[net.ParameterCount];
        net.GetParameters(before);
        foreach (Action call in new Action[]
        {
            () => net.TrainStep(Inputs, labels),
            () => net.Train(Inputs, labels, 2),
            () => net.ComputeGradients(Inputs, labels, new double[net.ParameterCount]),
        })
        {
            ArgumentException e = Assert.Throws<ArgumentException>(call);
            Assert.Equal("labels", e.ParamName);
            Assert.Contains($"sample {sample}", e.Message, StringComparison.Ordinal);
            Assert.Contains($"[0, 2]", e.Message, StringComparison.Ordinal);
            Assert.Contains(label.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        }

        var after = new double[net.ParameterCount];
        net.GetParameters(after);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Labels_must_match_the_samples()
    {
        var net = new ReferenceNetwork(new[] { 2, 5, 3 }, Classifier());
        ArgumentException e = Assert.Throws<ArgumentException>(() => net.TrainStep(Inputs, new[] { 0, 1, 2 }));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("4 samples", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => net.TrainStep(new double[3], new[] { 0 }));
        Assert.Equal("inputs", e.ParamName);
    }

    [Theory]
    [InlineData(Loss.Square)]
    [InlineData(Loss.BinaryCrossEntropy)]
    public void Labels_need_a_cross_entropy_network(Loss loss)
    {
        var net = new ReferenceNetwork(new[] { 2, 5, 3 }, new ReferenceOptions { Loss = loss });
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => net.TrainStep(Inputs, Labels));
        Assert.Contains("CrossEntropy", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => net.Train(Inputs, Labels, 1));
        Assert.Throws<InvalidOperationException>(() => net.ComputeGradients(Inputs, Labels, new double[net.ParameterCount]));
    }

    [Fact]
    public void Classify_is_the_first_largest_output()
    {
        var net = new ReferenceNetwork(new[] { 2, 3 }, new ReferenceOptions { Output = Activation.Identity });
        var p = new double[net.ParameterCount]; // 2 x 3 weights, then 3 biases
        net.SetParameters(p);
        Assert.Equal(0, net.Classify(new[] { 1.0, 2.0 })); // all equal: the first
        p[8] = 1.0;
        net.SetParameters(p);
        Assert.Equal(2, net.Classify(new[] { 1.0, 2.0 }));
        p[7] = 1.0;
        net.SetParameters(p);
        Assert.Equal(1, net.Classify(new[] { 1.0, 2.0 })); // a tie between 1 and 2: the first
        p[0] = 5.0; // input 0 to unit 0
        net.SetParameters(p);
        Assert.Equal(0, net.Classify(new[] { 1.0, 2.0 }));
        Assert.Equal(1, net.Classify(new[] { -1.0, 2.0 }));
    }

    [Fact]
    public void Forward_of_a_cross_entropy_network_returns_probabilities()
    {
        var net = new ReferenceNetwork(new[] { 2, 5, 3 }, Classifier());
        var y = new double[3];
        net.Forward(new[] { 0.5, -1.0 }, y);
        Equivalence.Close(1.0, y[0] + y[1] + y[2], "Σ softmax", relative: 1e-15);
        foreach (double v in y)
        {
            Assert.InRange(v, 0.0, 1.0);
        }
    }
}
