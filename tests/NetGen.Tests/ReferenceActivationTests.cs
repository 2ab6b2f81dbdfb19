using System;
using System.Collections.Generic;
using NetGen.Reference;
using NetGen.Testing;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The reference network's activations: values and derivatives at chosen points, worked out here from each definition
/// (PyTorch's), and the softmax's rows, Jacobian and behaviour at logits of ±1000.
/// </summary>
public class ReferenceActivationTests
{
    [Fact]
    public void Sigmoid_values_and_derivatives()
    {
        var f = new Sigmoid();
        Assert.Equal(0.5, f.Value(0.0));
        Assert.Equal(0.25, f.Derivative(0.0, 0.5));
        Equivalence.Close(1.0 / (1.0 + Math.Exp(-2.0)), f.Value(2.0), "σ(2)", relative: 1e-15);
        Equivalence.Close(Math.Exp(-3.0) / (1.0 + Math.Exp(-3.0)), f.Value(-3.0), "σ(−3)", relative: 1e-15);
        double a = 1.0 / (1.0 + Math.Exp(-2.0));
        Equivalence.Close(Math.Exp(-2.0) / ((1.0 + Math.Exp(-2.0)) * (1.0 + Math.Exp(-2.0))), f.Derivative(2.0, a), "σ'(2)", relative: 1e-14);

        // No overflow: e is never raised to a positive power.
        Assert.Equal(1.0, f.Value(800.0));
        Assert.Equal(0.0, f.Value(-800.0));
        Assert.Equal(Activation.Sigmoid, f.Kind);
    }

    [Fact]
    public void Tanh_values_and_derivatives()
    {
        var f = new Tanh();
        Assert.Equal(0.0, f.Value(0.0));
        Assert.Equal(1.0, f.Derivative(0.0, 0.0));
        double e = Math.Exp(0.5), ie = Math.Exp(-0.5);
        double tanh = (e - ie) / (e + ie);
        Equivalence.Close(tanh, f.Value(0.5), "tanh(0.5)", relative: 1e-15);
        double sech = 2.0 / (e + ie); // tanh' = sech²
        Equivalence.Close(sech * sech, f.Derivative(0.5, f.Value(0.5)), "tanh'(0.5)", relative: 1e-14);
        Equivalence.Close(-tanh, f.Value(-0.5), "tanh(−0.5)", relative: 1e-15);
        Assert.Equal(1.0, f.Value(1000.0));
        Assert.Equal(-1.0, f.Value(-1000.0));
        Assert.Equal(Activation.Tanh, f.Kind);
    }

    [Fact]
    public void ReLU_values_and_derivatives_with_zero_slope_at_zero()
    {
        var f = new ReLU();
        Assert.Equal(0.0, f.Value(-2.0));
        Assert.Equal(0.0, f.Value(0.0));
        Assert.Equal(3.0, f.Value(3.0));
        Assert.Equal(0.0, f.Derivative(-2.0, 0.0));
        Assert.Equal(0.0, f.Derivative(0.0, 0.0)); // PyTorch: threshold_backward gives 0 at 0
        Assert.Equal(1.0, f.Derivative(3.0, 3.0));
        Assert.Equal(1.0, f.Derivative(1e-300, 1e-300));
        Assert.Equal(Activation.ReLU, f.Kind);
    }

    [Fact]
    public void LeakyReLU_values_and_derivatives_at_negative_z()
    {
        var f = new LeakyReLU();
        Assert.Equal(0.01, f.Slope);
        Assert.Equal(-0.02, f.Value(-2.0));
        Assert.Equal(0.01, f.Derivative(-2.0, -0.02));
        Assert.Equal(3.0, f.Value(3.0));
        Assert.Equal(1.0, f.Derivative(3.0, 3.0));
        Assert.Equal(0.0, f.Value(0.0));
        Assert.Equal(0.01, f.Derivative(0.0, 0.0)); // PyTorch: leaky_relu_backward takes the slope for z ≤ 0

        var steep = new LeakyReLU(0.25);
        Assert.Equal(-0.5, steep.Value(-2.0));
        Assert.Equal(0.25, steep.Derivative(-2.0, -0.5));
        Assert.Equal(Activation.LeakyReLU, steep.Kind);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyReLU(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyReLU(double.NaN));
    }

    [Fact]
    public void Identity_values_and_derivatives()
    {
        var f = new Identity();
        Assert.Equal(-1.5, f.Value(-1.5));
        Assert.Equal(1000.0, f.Value(1000.0));
        Assert.Equal(1.0, f.Derivative(-1.5, -1.5));
        Assert.Equal(Activation.Identity, f.Kind);
    }

    public static IEnumerable<object[]> Elementwise() => new[]
    {
        new object[] { "sigmoid" }, new object[] { "tanh" }, new object[] { "relu" },
        new object[] { "leaky relu 0.01" }, new object[] { "leaky relu 0.3" }, new object[] { "identity" },
    };

    private static ElementwiseActivation Create(string name) => name switch
    {
        "sigmoid" => new Sigmoid(),
        "tanh" => new Tanh(),
        "relu" => new ReLU(),
        "leaky relu 0.01" => new LeakyReLU(),
        "leaky relu 0.3" => new LeakyReLU(0.3),
        "identity" => new Identity(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void Derivative_matches_central_differences_away_from_kinks(string name)
    {
        ElementwiseActivation f = Create(name);
        const double h = 1e-6;
        foreach (double z in new[] { -3.1, -0.7, -0.01, 0.02, 0.4, 2.5 })
        {
            double numeric = (f.Value(z + h) - f.Value(z - h)) / (2 * h);
            Equivalence.Close(numeric, f.Derivative(z, f.Value(z)), $"{name}'({z})", relative: 1e-7, floor: 1e-9);
        }
    }

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void Backward_multiplies_the_upstream_gradient_by_the_derivative_element_by_element(string name)
    {
        ElementwiseActivation f = Create(name);
        Matrix z = Columns(new[] { -1.2, 0.3 }, new[] { 2.0, -0.4 });
        Matrix upstream = Columns(new[] { 0.5, -2.0 }, new[] { 3.0, 0.25 });
        Matrix a = f.Forward(z);
        Matrix dz = f.Backward(z, a, upstream);
        for (int i = 0; i < 2; i++)
        {
            for (int s = 0; s < 2; s++)
            {
                Assert.Equal(f.Value(z[i, s]), a[i, s]);
                Assert.Equal(upstream[i, s] * f.Derivative(z[i, s], a[i, s]), dz[i, s]);
            }
        }
    }

    [Fact]
    public void Softmax_matches_a_hand_computation_and_each_column_sums_to_1()
    {
        var f = new Softmax();
        Matrix z = Columns(new[] { 1.0, 2.0, 3.0 }, new[] { -0.5, 0.0, 4.0 });
        Matrix a = f.Forward(z);
        double sum0 = Math.E + Math.Exp(2.0) + Math.Exp(3.0);
        double sum1 = Math.Exp(-0.5) + 1.0 + Math.Exp(4.0);
        double[] expected0 = { Math.E / sum0, Math.Exp(2.0) / sum0, Math.Exp(3.0) / sum0 };
        double[] expected1 = { Math.Exp(-0.5) / sum1, 1.0 / sum1, Math.Exp(4.0) / sum1 };
        for (int j = 0; j < 3; j++)
        {
            Equivalence.Close(expected0[j], a[j, 0], $"softmax(1, 2, 3)[{j}]", relative: 1e-15);
            Equivalence.Close(expected1[j], a[j, 1], $"softmax(−0.5, 0, 4)[{j}]", relative: 1e-15);
        }

        for (int s = 0; s < 2; s++)
        {
            Equivalence.Close(1.0, a[0, s] + a[1, s] + a[2, s], $"column {s} sum", relative: 1e-15);
        }

        Assert.Equal(Activation.Softmax, f.Kind);
    }

    [Fact]
    public void Softmax_at_logits_of_plus_and_minus_1000_is_finite_and_correct()
    {
        var f = new Softmax();
        Matrix z = Columns(new[] { 1000.0, -1000.0, 0.0 }, new[] { -1000.0, -1000.0, -1000.0 }, new[] { 1000.0, 1000.0, -1000.0 });
        Matrix a = f.Forward(z);
        foreach (double value in a.AsSpan())
        {
            Assert.True(double.IsFinite(value), a.ToString());
        }

        // e^(−1000) and e^(−2000) are below the smallest double: the largest logit takes everything.
        Assert.Equal(1.0, a[0, 0]);
        Assert.Equal(0.0, a[1, 0]);
        Assert.Equal(0.0, a[2, 0]);
        Assert.Equal(1.0 / 3.0, a[0, 1]);
        Assert.Equal(1.0 / 3.0, a[2, 1]);
        Assert.Equal(0.5, a[0, 2]);
        Assert.Equal(0.5, a[1, 2]);
        Assert.Equal(0.0, a[2, 2]);
    }

    [Fact]
    public void Softmax_backward_is_the_transposed_Jacobian_times_the_upstream_gradient()
    {
        var f = new Softmax();
        Matrix z = Columns(new[] { 0.3, -1.1, 2.0, 0.7 });
        Matrix g = Columns(new[] { 1.5, -0.25, 0.5, 2.0 });
        Matrix a = f.Forward(z);
        Matrix dz = f.Backward(z, a, g);
        for (int i = 0; i < 4; i++)
        {
            // ∂L/∂z_i = Σ_j ∂a_j/∂z_i · g_j, with ∂a_j/∂z_i = a_j (δ_ij − a_i).
            double expected = 0.0;
            for (int j = 0; j < 4; j++)
            {
                expected += a[j, 0] * ((i == j ? 1.0 : 0.0) - a[i, 0]) * g[j, 0];
            }

            Equivalence.Close(expected, dz[i, 0], $"∂L/∂z[{i}]", relative: 1e-13, floor: 1e-16);
        }

        // And the Jacobian itself by central differences of the forward pass.
        const double h = 1e-6;
        for (int i = 0; i < 4; i++)
        {
            Matrix plus = Columns(new[] { 0.3, -1.1, 2.0, 0.7 });
            Matrix minus = Columns(new[] { 0.3, -1.1, 2.0, 0.7 });
            plus[i, 0] += h;
            minus[i, 0] -= h;
            Matrix ap = f.Forward(plus), am = f.Forward(minus);
            double numeric = 0.0;
            for (int j = 0; j < 4; j++)
            {
                numeric += (ap[j, 0] - am[j, 0]) / (2 * h) * g[j, 0];
            }

            Equivalence.Close(numeric, dz[i, 0], $"numeric ∂L/∂z[{i}]", relative: 1e-7, floor: 1e-9);
        }
    }

    /// <summary>A matrix whose columns (samples) are the given arrays.</summary>
    internal static Matrix Columns(params double[][] columns)
    {
        var m = new Matrix(columns[0].Length, columns.Length);
        for (int s = 0; s < columns.Length; s++)
        {
            for (int i = 0; i < columns[s].Length; i++)
            {
                m[i, s] = columns[s][i];
            }
        }

        return m;
    }
}
