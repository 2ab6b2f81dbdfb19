using System;
using System.Collections.Generic;
using NetGen.Reference;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>The tutorial's experiments with the AND gate, on the generated network and the reference.</summary>
public class TutorialExperimentTests
{
    private static readonly double[] Inputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
    private static readonly double[] Targets = { 0, 0, 0, 1 };

    public static IEnumerable<object[]> Networks() => new[]
    {
        new object[] { "generated" },
        new object[] { "reference" },
    };

    private static INetwork Create(string kind) => kind == "generated"
        ? new AndNet()
        : new ReferenceNetwork(new[] { 2, 4, 1 });

    [Theory]
    [MemberData(nameof(Networks))]
    public void And_is_learned_in_10000_iterations(string kind)
    {
        INetwork net = Create(kind);
        Assert.Equal(0.1, net.LearningRate);
        net.Train(Inputs, Targets, 10_000);
        AssertLearnsAnd(net);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void All_zero_initialisation_keeps_every_hidden_unit_identical(string kind)
    {
        INetwork net = Create(kind);
        net.SetParameters(new double[17]);
        net.Train(Inputs, Targets, 10_000);
        AssertHiddenUnitsIdentical(net);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Ones_then_zeros_initialisation_learns_with_identical_hidden_units(string kind)
    {
        INetwork net = Create(kind);
        var start = new double[17];
        Array.Fill(start, 1.0, 0, 8); // W1, the first 2 x 4 parameters; W2 and every bias stay 0
        net.SetParameters(start);
        net.Train(Inputs, Targets, 10_000);
        AssertLearnsAnd(net);
        AssertHiddenUnitsIdentical(net);
    }

    [Fact]
    public void Random_initialisation_makes_hidden_units_differ()
    {
        // The counterpart of the identical-units experiments: the check below can fail.
        var net = new AndNet();
        net.Train(Inputs, Targets, 100);
        var p = new double[17];
        net.GetParameters(p);
        Assert.NotEqual(p[0], p[1]);
    }

    private static void AssertLearnsAnd(INetwork net)
    {
        var y = new double[4];
        net.Predict(Inputs, y);
        for (int s = 0; s < 4; s++)
        {
            Assert.True(Math.Abs(y[s] - Targets[s]) < 0.06, $"sample {s}: target {Targets[s]}, prediction {y[s]}");
        }
    }

    /// <summary>Every hidden unit has the same incoming weights, bias and outgoing weight, to the bit.</summary>
    private static void AssertHiddenUnitsIdentical(INetwork net)
    {
        var p = new double[17];
        net.GetParameters(p);
        for (int j = 1; j < 4; j++)
        {
            Assert.Equal(p[0], p[j]);           // W1[0, j]
            Assert.Equal(p[4], p[4 + j]);       // W1[1, j]
            Assert.Equal(p[8], p[8 + j]);       // b1[j]
            Assert.Equal(p[12], p[12 + j]);     // W2[j, 0]
        }
    }
}
