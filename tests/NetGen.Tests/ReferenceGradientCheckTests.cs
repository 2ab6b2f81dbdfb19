using System;
using System.Collections.Generic;
using NetGen.Reference;
using NetGen.Testing;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Central differences of the whole reference network's loss against its analytic gradient, for every hidden
/// activation, every output activation a loss allows, every loss and both reductions (tiny-dnn's gradient check).
/// </summary>
public class ReferenceGradientCheckTests
{
    private static readonly Activation[] HiddenActivations =
    {
        Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU, Activation.Identity,
        Activation.GELU, Activation.SiLU, Activation.ELU,
    };

    private static readonly (Activation Output, Loss Loss)[] Heads =
    {
        (Activation.Sigmoid, Loss.Square), (Activation.Tanh, Loss.Square), (Activation.ReLU, Loss.Square),
        (Activation.LeakyReLU, Loss.Square), (Activation.Identity, Loss.Square), (Activation.Softmax, Loss.Square),
        (Activation.Softmax, Loss.CrossEntropy), (Activation.Sigmoid, Loss.BinaryCrossEntropy),
        (Activation.GELU, Loss.Square), (Activation.SiLU, Loss.Square), (Activation.ELU, Loss.Square),
    };

    public static IEnumerable<object[]> Cases()
    {
        foreach (Activation hidden in HiddenActivations)
        {
            foreach ((Activation output, Loss loss) in Heads)
            {
                foreach (Reduction reduction in new[] { Reduction.Sum, Reduction.Mean })
                {
                    yield return new object[] { hidden, output, loss, reduction };
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Analytic_gradient_matches_central_differences(Activation hidden, Activation output, Loss loss, Reduction reduction)
    {
        var net = new ReferenceNetwork(new[] { 3, 5, 4, 3 }, new ReferenceOptions
        {
            Hidden = hidden,
            Output = output,
            Loss = loss,
            Reduction = reduction,
            LeakySlope = 0.1,
            Seed = 3,
        });
        string name = $"{hidden} hidden, {output} output, {loss} loss, {reduction}";

        var random = new NormalSampler(17);
        const int n = 4;
        double[] inputs = Equivalence.RandomValues(n * net.InputSize, ref random, 1.5);
        double[] targets = Equivalence.RandomValues(n * net.OutputSize, ref random, 0.5);
        for (int k = 0; k < targets.Length; k++)
        {
            targets[k] += 0.5; // in [0, 1); for the cross-entropy, rows that need not sum to 1
        }

        var p = new double[net.ParameterCount];
        net.GetParameters(p);
        var gradient = new double[net.ParameterCount];
        double loss0 = net.ComputeGradients(inputs, targets, gradient);
        Assert.True(double.IsFinite(loss0));

        var scratch = new double[net.ParameterCount];
        const double h = 1e-5;
        double largest = 0;
        for (int k = 0; k < p.Length; k++)
        {
            double saved = p[k];
            p[k] = saved + h;
            net.SetParameters(p);
            double plus = net.ComputeGradients(inputs, targets, scratch);
            p[k] = saved - h;
            net.SetParameters(p);
            double minus = net.ComputeGradients(inputs, targets, scratch);
            p[k] = saved;
            double numeric = (plus - minus) / (2 * h);
            Equivalence.Close(numeric, gradient[k], $"{name}: ∂L/∂p[{k}]", relative: 1e-6, floor: 1e-8);
            largest = Math.Max(largest, Math.Abs(gradient[k]));
        }

        net.SetParameters(p);
        Assert.True(largest > 1e-3, $"{name}: the gradient is all but zero ({largest}), so the check proves little");
    }

    [Fact]
    public void Mean_reduction_divides_the_whole_network_gradient_by_N_or_by_every_element()
    {
        foreach ((Activation output, Loss loss, double divisor) in new[]
        {
            (Activation.Sigmoid, Loss.Square, 4.0), (Activation.Softmax, Loss.CrossEntropy, 4.0), (Activation.Sigmoid, Loss.BinaryCrossEntropy, 12.0),
        })
        {
            var sum = new ReferenceNetwork(new[] { 2, 3, 3 }, new ReferenceOptions { Output = output, Loss = loss, Reduction = Reduction.Sum });
            var mean = new ReferenceNetwork(new[] { 2, 3, 3 }, new ReferenceOptions { Output = output, Loss = loss, Reduction = Reduction.Mean });
            double[] x = { 0.5, -1.0, 1.5, 0.25, -0.75, 2.0, 0.0, 1.0 };
            double[] t = { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0.2, 0.3, 0.5 };
            var gs = new double[sum.ParameterCount];
            var gm = new double[mean.ParameterCount];
            double ls = sum.ComputeGradients(x, t, gs);
            double lm = mean.ComputeGradients(x, t, gm);
            Equivalence.Close(ls / divisor, lm, $"{loss} mean loss", relative: 1e-15);
            Equivalence.AllClose(Array.ConvertAll(gs, g => g / divisor), gm, $"{loss} mean gradient", relative: 1e-13, floor: 1e-17);
        }
    }
}
