using System;
using System.Collections.Generic;
using NetGen.Reference;
using NetGen.Testing;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The published "step by step backpropagation example" (Mazur, 2015): a 2-2-2 network, inputs 0.05 and 0.10,
/// targets 0.01 and 0.99, learning rate 0.5, biases 0.35 (hidden) and 0.60 (output) on every unit.
/// </summary>
public class MazurExampleTests
{
    // The post's names: w1..w4 from inputs to hidden (net_h1 = w1·i1 + w2·i2 + b1, net_h2 = w3·i1 + w4·i2 + b1),
    // w5..w8 from hidden to outputs (net_o1 = w5·h1 + w6·h2 + b2, net_o2 = w7·h1 + w8·h2 + b2).
    // In the flat order W[i, j] (input i to unit j) row-major: layer 1 is w1, w3, w2, w4, then the biases.
    private static readonly double[] Start =
    {
        0.15, 0.25, 0.20, 0.30, 0.35, 0.35,
        0.40, 0.50, 0.45, 0.55, 0.60, 0.60,
    };

    // Flat indices of w1..w8.
    private static readonly int[] FlatIndexOf = { 0, 2, 1, 3, 6, 8, 7, 9 };

    // The post's updated weights w1+..w8+ after one step.
    private static readonly double[] Updated =
    {
        0.149780716, 0.19956143, 0.24975114, 0.29950229,
        0.35891648, 0.408666186, 0.511301270, 0.561370121,
    };

    private static readonly double[] Input = { 0.05, 0.10 };
    private static readonly double[] Target = { 0.01, 0.99 };

    public static IEnumerable<object[]> Networks() => new[]
    {
        new object[] { "generated" },
        new object[] { "reference" },
    };

    private static INetwork Create(string kind) => kind == "generated"
        ? new MazurNet()
        : new ReferenceNetwork(new[] { 2, 2, 2 }, learningRate: 0.5);

    [Theory]
    [MemberData(nameof(Networks))]
    public void One_step_gives_the_published_error_and_weights(string kind)
    {
        INetwork net = Create(kind);
        Assert.Equal(0.5, net.LearningRate);
        net.SetParameters(Start);

        double totalError = net.TrainStep(Input, Target);
        Equivalence.Close(0.298371109, totalError, "E_total", relative: 0, floor: 1e-8);

        var after = new double[12];
        net.GetParameters(after);
        for (int k = 0; k < 8; k++)
        {
            Equivalence.Close(Updated[k], after[FlatIndexOf[k]], $"w{k + 1}+", relative: 0, floor: 1e-8);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void The_forward_pass_gives_the_published_outputs(string kind)
    {
        INetwork net = Create(kind);
        net.SetParameters(Start);
        var output = new double[2];
        net.Forward(Input, output);
        Equivalence.Close(0.75136507, output[0], "out_o1", relative: 0, floor: 1e-8);
        Equivalence.Close(0.772928465, output[1], "out_o2", relative: 0, floor: 1e-8);
    }

    [Fact]
    public void Hidden_residuals_use_the_weights_from_before_the_step()
    {
        // The tutorial's FC.backward updates W before computing the residual for the layer below. Doing that
        // here would move w1..w4 away from the published values, which were computed with the old w5..w8.
        INetwork net = new MazurNet();
        net.SetParameters(Start);
        net.TrainStep(Input, Target);
        var after = new double[12];
        net.GetParameters(after);

        double lateResidualW1 = LateResidualW1();
        Assert.True(Math.Abs(lateResidualW1 - Updated[0]) > 1e-6, "the slip should be visible in w1");
        Equivalence.Close(Updated[0], after[0], "w1+", relative: 0, floor: 1e-8);
    }

    /// <summary>w1 after one step computed the tutorial's way: the hidden residual from the updated w5..w8.</summary>
    private static double LateResidualW1()
    {
        static double S(double z) => 1.0 / (1.0 + Math.Exp(-z));
        double h1 = S(0.15 * 0.05 + 0.20 * 0.10 + 0.35);
        double h2 = S(0.25 * 0.05 + 0.30 * 0.10 + 0.35);
        double o1 = S(0.40 * h1 + 0.45 * h2 + 0.60);
        double o2 = S(0.50 * h1 + 0.55 * h2 + 0.60);
        double d1 = (o1 - 0.01) * o1 * (1 - o1);
        double d2 = (o2 - 0.99) * o2 * (1 - o2);
        double w5 = 0.40 - 0.5 * d1 * h1;
        double w7 = 0.50 - 0.5 * d2 * h1;
        double dh1 = (w5 * d1 + w7 * d2) * h1 * (1 - h1);
        return 0.15 - 0.5 * dh1 * 0.05;
    }
}
