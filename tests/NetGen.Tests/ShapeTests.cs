using System;
using System.Collections.Generic;
using NetGen.Reference;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Wrong span lengths throw <see cref="ArgumentException"/> naming both sizes, and change nothing.</summary>
public class ShapeTests
{
    public static IEnumerable<object[]> Networks() => new[]
    {
        new object[] { "generated" },
        new object[] { "reference" },
    };

    // A 3-5-2 network: InputSize 3, OutputSize 2, ParameterCount 3*5+5+5*2+2 = 32.
    private static INetwork Create(string kind) => kind == "generated"
        ? new ThreeFiveTwo()
        : new ReferenceNetwork(new[] { 3, 5, 2 });

    private static void AssertRejected(INetwork net, Action call, params string[] mustMention)
    {
        var before = new double[net.ParameterCount];
        net.GetParameters(before);
        double rate = net.LearningRate;

        ArgumentException e = Assert.Throws<ArgumentException>(call); // exactly ArgumentException
        foreach (string text in mustMention)
        {
            Assert.Contains(text, e.Message, StringComparison.Ordinal);
        }

        var after = new double[net.ParameterCount];
        net.GetParameters(after);
        Assert.Equal(before, after);
        Assert.Equal(rate, net.LearningRate);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Forward_checks_both_lengths(string kind)
    {
        INetwork net = Create(kind);
        var output = new double[2];
        AssertRejected(net, () => net.Forward(new double[4], output), "exactly 3", "got 4", "input");
        AssertRejected(net, () => net.Forward(new double[3], new double[3]), "exactly 2", "got 3", "output");
        AssertRejected(net, () => net.Forward(ReadOnlySpan<double>.Empty, output), "exactly 3", "got 0");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Messages_agree_in_number_for_one_value_and_one_sample(string kind)
    {
        // 1-1: one input, one output, two parameters.
        INetwork net = kind == "generated" ? new OneOne() : new ReferenceNetwork(new[] { 1, 1 });
        var output = new double[1];
        AssertRejected(net, () => net.Forward(new double[2], output), "input must hold exactly 1 value (InputSize); got 2.");
        AssertRejected(
            net,
            () => net.TrainStep(new double[1], new double[2]),
            "targets must hold 1 * 1 = 1 value (one row of OutputSize 1 for the one sample in inputs); got 2.");
        AssertRejected(
            net,
            () => net.TrainStep(new double[3], new double[2]),
            "targets must hold 3 * 1 = 3 values (one row of OutputSize 1 for each of the 3 samples in inputs); got 2.");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Predict_checks_the_batch(string kind)
    {
        INetwork net = Create(kind);
        AssertRejected(net, () => net.Predict(new double[7], new double[4]), "N * 3", "got 7");
        AssertRejected(net, () => net.Predict(Array.Empty<double>(), Array.Empty<double>()), "N * 3", "got 0");
        var outputs = new double[5];
        Array.Fill(outputs, 42.0);
        AssertRejected(net, () => net.Predict(new double[6], outputs), "2 * 2 = 4", "got 5", "outputs");
        Assert.All(outputs, v => Assert.Equal(42.0, v));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Training_calls_check_inputs_targets_and_gradients(string kind)
    {
        INetwork net = Create(kind);
        var gradients = new double[32];
        AssertRejected(net, () => net.TrainStep(new double[6], new double[3]), "2 * 2 = 4", "got 3", "targets");
        AssertRejected(net, () => net.TrainStep(new double[5], new double[4]), "N * 3", "got 5");
        AssertRejected(net, () => net.Train(new double[6], new double[6], 3), "2 * 2 = 4", "got 6");
        AssertRejected(net, () => net.ComputeGradients(new double[3], new double[2], new double[31]), "exactly 32", "got 31", "gradients");
        AssertRejected(net, () => net.ComputeGradients(new double[3], new double[1], gradients), "1 * 2 = 2", "got 1");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Parameter_spans_must_have_exactly_ParameterCount_values(string kind)
    {
        INetwork net = Create(kind);
        AssertRejected(net, () => net.SetParameters(new double[33]), "exactly 32", "got 33", "source");
        AssertRejected(net, () => net.SetParameters(new double[31]), "exactly 32", "got 31");
        AssertRejected(net, () => net.GetParameters(new double[31]), "exactly 32", "got 31", "destination");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Iterations_and_learning_rate_are_checked(string kind)
    {
        INetwork net = Create(kind);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.Train(new double[3], new double[2], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => net.LearningRate = 0.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.LearningRate = -1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.LearningRate = double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.LearningRate = double.PositiveInfinity);
        Assert.Equal(0.1, net.LearningRate);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ComputeGradients_overwrites_and_changes_no_parameter(string kind)
    {
        INetwork net = Create(kind);
        var before = new double[32];
        net.GetParameters(before);
        var g1 = new double[32];
        var g2 = new double[32];
        Array.Fill(g2, 1e9);
        double[] x = { 0.1, 0.2, 0.3 };
        double[] t = { 0.4, 0.6 };
        double l1 = net.ComputeGradients(x, t, g1);
        double l2 = net.ComputeGradients(x, t, g2);
        Assert.Equal(l1, l2);
        Assert.Equal(g1, g2);
        var after = new double[32];
        net.GetParameters(after);
        Assert.Equal(before, after);
    }
}
