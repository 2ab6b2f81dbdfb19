using System;
using System.Collections.Generic;
using NetGen.Reference;
using NetGen.Testing;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Finite differences against the analytic gradient, for generated networks and the reference.</summary>
public class GradientCheckTests
{
    public static IEnumerable<object[]> Networks() => new[]
    {
        new object[] { "generated 2-4-1" }, new object[] { "reference 2-4-1" },
        new object[] { "generated 3-6-5-4-2" }, new object[] { "reference 3-6-5-4-2" },
        new object[] { "generated 5-1-5" }, new object[] { "reference 5-1-5" },
        new object[] { "generated 12-20-3 (loops)" }, new object[] { "reference 12-20-3 (fused)" },
        new object[] { "generated 3-8-20-2 (straight-line layers 1 and 2, loops for 3)" },
    };

    private static INetwork Create(string name) => name switch
    {
        "generated 2-4-1" => new AndNet(),
        "reference 2-4-1" => new ReferenceNetwork(new[] { 2, 4, 1 }),
        "generated 3-6-5-4-2" => new Deep(),
        "reference 3-6-5-4-2" => new ReferenceNetwork(new[] { 3, 6, 5, 4, 2 }),
        "generated 5-1-5" => new Bottleneck(),
        "reference 5-1-5" => new ReferenceNetwork(new[] { 5, 1, 5 }),
        "generated 12-20-3 (loops)" => new NetGen.Tests.Large.GradientLoops(),
        "reference 12-20-3 (fused)" => new ReferenceNetwork(new[] { 12, 20, 3 }, fusedMultiplyAdd: true),
        "generated 3-8-20-2 (straight-line layers 1 and 2, loops for 3)" => new NetGen.Tests.Large.MixedHead(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Analytic_gradient_matches_central_differences(string name)
    {
        INetwork net = Create(name);
        var random = new NormalSampler(11);
        const int n = 4;
        double[] inputs = Equivalence.RandomValues(n * net.InputSize, ref random, 1.5);
        double[] targets = Equivalence.RandomValues(n * net.OutputSize, ref random, 0.5);
        for (int k = 0; k < targets.Length; k++)
        {
            targets[k] += 0.5;
        }

        var p = new double[net.ParameterCount];
        net.GetParameters(p);
        var gradient = new double[net.ParameterCount];
        net.ComputeGradients(inputs, targets, gradient);

        var scratch = new double[net.ParameterCount];
        const double h = 1e-5;
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
            Equivalence.Close(numeric, gradient[k], $"{name} ∂L/∂p[{k}]", relative: 1e-6, floor: 1e-8);
        }

        net.SetParameters(p);
    }

    [Fact]
    public void Bias_gradient_is_per_unit_not_summed_over_units()
    {
        // The tutorial's np.sum(residual_z) gives every unit of a layer the same bias gradient.
        var net = new AndNet();
        double[] x = { 0, 0, 0, 1, 1, 0, 1, 1 };
        double[] t = { 0, 0, 0, 1 };
        var g = new double[17];
        net.ComputeGradients(x, t, g);
        double sum = g[8] + g[9] + g[10] + g[11];
        Assert.NotEqual(g[8], g[9]);
        Assert.NotEqual(sum, g[8]);
    }
}
