using System;
using System.Runtime.Intrinsics;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// NetGen's own exp, log, powers and cosine (<see cref="PortableMath"/>) against the platform's, and the one property
/// they exist for: every vector width and the scalar code give the same bits.
/// </summary>
public class PortableMathTests
{
    /// <summary>The distance in units in the last place between two finite doubles of the same sign.</summary>
    private static long Ulps(double a, double b) => Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));

    private static int Ulps(float a, float b) => Math.Abs(BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));

    /// <summary>Arguments from −745 to 709.7: evenly spaced, and near 0, where most arguments of exp in a network fall.</summary>
    private static double[] ExpArguments()
    {
        var random = new NormalSampler(3);
        var x = new double[60_000];
        for (int k = 0; k < 30_000; k++)
        {
            x[k] = -745.0 + (1454.7 * k / 30_000);
        }

        for (int k = 30_000; k < x.Length; k++)
        {
            x[k] = 4.0 * random.NextStandardNormal();
        }

        return x;
    }

    [Fact]
    public void Exp_is_within_two_units_in_the_last_place_of_Math_Exp()
    {
        foreach (double x in ExpArguments())
        {
            double expected = Math.Exp(x);
            double actual = PortableMath.Exp(x);
            long ulps = Ulps(expected, actual);
            Assert.True(ulps <= 2, $"exp({x:R}) = {actual:R}, Math.Exp gives {expected:R}: {ulps} ulps apart.");
        }
    }

    [Fact]
    public void Exp_in_single_precision_is_within_two_units_in_the_last_place_of_the_rounded_double_exp()
    {
        for (int k = 0; k <= 200_000; k++)
        {
            float x = -103f + (191.7f * k / 200_000);
            float expected = (float)Math.Exp(x);
            float actual = PortableMath.Exp(x);
            Assert.True(Ulps(expected, actual) <= 2, $"exp({x:R}) = {actual:R}, the rounded double exp is {expected:R}.");
        }
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(double.NegativeInfinity, 0.0)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(710.0, double.PositiveInfinity)]
    [InlineData(-746.0, 0.0)]
    [InlineData(-1e300, 0.0)]
    [InlineData(1e300, double.PositiveInfinity)]
    public void Exp_gives_the_exact_limits(double x, double expected) => Assert.Equal(expected, PortableMath.Exp(x));

    [Fact]
    public void Exp_of_NaN_is_NaN_in_every_lane()
    {
        Assert.True(double.IsNaN(PortableMath.Exp(double.NaN)));
        Assert.True(float.IsNaN(PortableMath.Exp(float.NaN)));
        Vector256<double> v = PortableVectorActivations.Sigmoid(Vector256.Create(double.NaN, 0.0, double.NaN, 1.0));
        Assert.True(double.IsNaN(v[0]) && double.IsNaN(v[2]));
        Assert.Equal(0.5, v[1]);
    }

    [Fact]
    public void Exp_reaches_the_subnormals_and_the_largest_finite_values()
    {
        // e^−740 ≈ 4.2e−322 is subnormal; e^709.7 ≈ 1.65e308 is near the largest double.
        foreach (double x in new[] { -708.5, -720.0, -740.0, -744.4, 709.0, 709.7, 709.78 })
        {
            double expected = Math.Exp(x);
            Assert.True(Ulps(expected, PortableMath.Exp(x)) <= 2, $"exp({x:R}): {PortableMath.Exp(x):R} against {expected:R}.");
        }
    }

    [Fact]
    public void Log_is_within_two_units_in_the_last_place_of_Math_Log()
    {
        var random = new NormalSampler(5);
        for (int k = 0; k < 100_000; k++)
        {
            // Mantissas in [1, 2) over exponents from the subnormals to the largest doubles.
            double x = Math.ScaleB(1.0 + random.NextUniform(), (k % 2098) - 1074);
            double expected = Math.Log(x);
            double actual = PortableMath.Log(x);
            Assert.True(Ulps(expected, actual) <= 2 || Math.Abs(expected - actual) <= 1e-300,
                $"log({x:R}) = {actual:R}, Math.Log gives {expected:R}.");
        }

        for (int k = 1; k <= 10_000; k++)
        {
            double x = 1.0 + (k * 1e-5); // near 1, where log is near 0 and relative error shows first
            Assert.True(Ulps(Math.Log(x), PortableMath.Log(x)) <= 2, $"log({x:R}) = {PortableMath.Log(x):R}, Math.Log gives {Math.Log(x):R}.");
        }
    }

    [Fact]
    public void Log_gives_the_exact_limits()
    {
        Assert.Equal(0.0, PortableMath.Log(1.0));
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(0.0));
        Assert.Equal(double.PositiveInfinity, PortableMath.Log(double.PositiveInfinity));
        Assert.True(double.IsNaN(PortableMath.Log(-1.0)));
        Assert.True(double.IsNaN(PortableMath.Log(double.NaN)));
        Assert.Equal(0f, PortableMath.Log(1f));
        Assert.Equal(MathF.Log(2.5f), PortableMath.Log(2.5f));
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.99)]
    [InlineData(0.999)]
    [InlineData(1.0000001)]
    public void Whole_powers_are_within_a_unit_in_the_last_place_of_Math_Pow(double x)
    {
        foreach (long n in new long[] { 0, 1, 2, 3, 7, 10, 100, 1_000, 12_345, 1_000_000 })
        {
            double expected = Math.Pow(x, n);
            double actual = PortableMath.Pow(x, n);
            Assert.True(Ulps(expected, actual) <= 1, $"{x}^{n} = {actual:R}, Math.Pow gives {expected:R}.");
        }

        Assert.Equal(1.0, PortableMath.Pow(x, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Pow(x, -1));
    }

    [Fact]
    public void Cos_is_within_two_units_in_the_last_place_of_Math_Cos_or_3e_16_of_it_near_0()
    {
        for (int k = 0; k <= 100_000; k++)
        {
            double x = k * (Math.PI / 997.0);
            double expected = Math.Cos(x);
            double actual = PortableMath.Cos(x);
            double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(actual - expected) <= Math.Max(3e-16, 2 * ulp),
                $"cos({x:R}) = {actual:R}, Math.Cos gives {expected:R}.");
        }

        Assert.Equal(1.0, PortableMath.Cos(0.0));
        Assert.Equal(-1.0, PortableMath.Cos(Math.PI));
        Assert.True(double.IsNaN(PortableMath.Cos(double.PositiveInfinity)));
    }

    [Fact]
    public void Powers_of_two_come_out_exact_at_every_width()
    {
        for (int n = -1000; n <= 1000; n++)
        {
            double expected = Math.ScaleB(1.0, n);
            Assert.Equal(expected, Scalar<double>.PowerOfTwo(n));
            Assert.Equal(expected, Lanes128<double>.PowerOfTwo(Vector128.Create((double)n))[1]);
            Assert.Equal(expected, Lanes256<double>.PowerOfTwo(Vector256.Create((double)n))[3]);
            Assert.Equal(expected, Lanes512<double>.PowerOfTwo(Vector512.Create((double)n))[7]);
        }

        for (int n = -100; n <= 100; n++)
        {
            float expected = MathF.ScaleB(1f, n);
            Assert.Equal(expected, Scalar<float>.PowerOfTwo(n));
            Assert.Equal(expected, Lanes256<float>.PowerOfTwo(Vector256.Create((float)n))[5]);
            Assert.Equal(expected, Lanes512<float>.PowerOfTwo(Vector512.Create((float)n))[15]);
        }
    }

    /// <summary>Values for the activations: normal, large, tiny, zeros of both signs and the limits.</summary>
    private static double[] ActivationInputs(int length, int seed)
    {
        var random = new NormalSampler(seed);
        var x = new double[length];
        double[] special = { 0.0, -0.0, 40.0, -40.0, 800.0, -800.0, 1e-310, -1e-310, 0.625, -0.625, 20.0, -20.0 };
        for (int k = 0; k < length; k++)
        {
            x[k] = k < special.Length ? special[k] : 6.0 * random.NextStandardNormal();
        }

        return x;
    }

    public static TheoryData<Activation> ExpActivations => new() { Activation.Sigmoid, Activation.Tanh, Activation.GELU, Activation.SiLU, Activation.ELU };

    private static double Scalar(Activation kind, double z) => kind switch
    {
        Activation.Sigmoid => PortableVectorActivations.Sigmoid(z),
        Activation.Tanh => PortableVectorActivations.Tanh(z),
        Activation.GELU => PortableVectorActivations.GELU(z),
        Activation.SiLU => PortableVectorActivations.SiLU(z),
        _ => PortableVectorActivations.ELU(z, 1.3),
    };

    private static float Scalar(Activation kind, float z) => kind switch
    {
        Activation.Sigmoid => PortableVectorActivations.Sigmoid(z),
        Activation.Tanh => PortableVectorActivations.Tanh(z),
        Activation.GELU => PortableVectorActivations.GELU(z),
        Activation.SiLU => PortableVectorActivations.SiLU(z),
        _ => PortableVectorActivations.ELU(z, 1.3f),
    };

    /// <summary>
    /// The kernels of a deterministic network run each element at the widest width that covers it and the scalar code
    /// for the rest, so a length of 1 to 67 puts every element through every width there is on this machine: each must
    /// give the scalar function's bits (which the platform's vector exp does not promise).
    /// </summary>
    [Theory]
    [MemberData(nameof(ExpActivations))]
    public void Every_width_of_a_deterministic_kernel_gives_the_bits_of_the_scalar_function(Activation kind)
    {
        for (int length = 1; length <= 67; length += 3)
        {
            double[] z = ActivationInputs(length, length);
            var a = (double[])z.Clone();
            Dense.Apply<double>(a, kind, kind == Activation.ELU ? 1.3 : 0.0, deterministic: true);
            float[] zs = Array.ConvertAll(z, v => (float)v);
            var s = (float[])zs.Clone();
            Dense.Apply<float>(s, kind, kind == Activation.ELU ? 1.3f : 0f, deterministic: true);
            for (int k = 0; k < length; k++)
            {
                double expected = Scalar(kind, z[k]);
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(a[k]),
                    $"{kind}({z[k]:R}) at {k} of {length}: the kernel gives {a[k]:R}, the scalar function {expected:R}.");
                float expectedSingle = Scalar(kind, zs[k]);
                Assert.True(BitConverter.SingleToInt32Bits(expectedSingle) == BitConverter.SingleToInt32Bits(s[k]),
                    $"{kind}({zs[k]:R}f) at {k} of {length}: the kernel gives {s[k]:R}, the scalar function {expectedSingle:R}.");
            }
        }
    }

    [Theory]
    [InlineData(Activation.GELU)]
    [InlineData(Activation.SiLU)]
    [InlineData(Activation.ELU)]
    public void Every_width_of_a_deterministic_derivative_from_z_gives_the_bits_of_the_scalar_one(Activation kind)
    {
        for (int length = 1; length <= 67; length += 4)
        {
            double[] z = ActivationInputs(length, 100 + length);
            double[] delta = ActivationInputs(length, 200 + length);
            var d = (double[])delta.Clone();
            Dense.MultiplyByDerivative<double>(d, z, kind, kind == Activation.ELU ? 1.3 : 0.0, deterministic: true);
            for (int k = 0; k < length; k++)
            {
                double expected = kind switch
                {
                    Activation.GELU => PortableVectorActivations.GELUBackward(delta[k], z[k]),
                    Activation.SiLU => PortableVectorActivations.SiLUBackward(delta[k], z[k]),
                    _ => PortableVectorActivations.ELUBackward(delta[k], z[k], 1.3),
                };
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(d[k]),
                    $"{kind}' at z = {z[k]:R}, δ = {delta[k]:R}: the kernel gives {d[k]:R}, the scalar function {expected:R}.");
            }
        }
    }

    [Fact]
    public void The_vector_functions_of_generated_code_give_each_lane_the_bits_of_the_scalar_function()
    {
        double[] z = ActivationInputs(48, 9);
        for (int k = 0; k + 4 <= z.Length; k += 4)
        {
            var v = Vector256.Create(z[k], z[k + 1], z[k + 2], z[k + 3]);
            Vector256<double> sigmoid = PortableVectorActivations.Sigmoid(v), tanh = PortableVectorActivations.Tanh(v);
            Vector256<double> gelu = PortableVectorActivations.GELU(v), silu = PortableVectorActivations.SiLU(v), elu = PortableVectorActivations.ELU(v, 1.3);
            for (int lane = 0; lane < 4; lane++)
            {
                double x = z[k + lane];
                Assert.Equal(BitConverter.DoubleToInt64Bits(PortableVectorActivations.Sigmoid(x)), BitConverter.DoubleToInt64Bits(sigmoid[lane]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(PortableVectorActivations.Tanh(x)), BitConverter.DoubleToInt64Bits(tanh[lane]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(PortableVectorActivations.GELU(x)), BitConverter.DoubleToInt64Bits(gelu[lane]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(PortableVectorActivations.SiLU(x)), BitConverter.DoubleToInt64Bits(silu[lane]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(PortableVectorActivations.ELU(x, 1.3)), BitConverter.DoubleToInt64Bits(elu[lane]));
            }
        }
    }

    [Fact]
    public void Deterministic_softmax_and_losses_use_NetGen_s_exp_and_log_in_every_lane()
    {
        double[] z = ActivationInputs(37, 4);
        var p = (double[])z.Clone();
        Dense.Softmax<double>(p, 1, deterministic: true);
        double m = double.NegativeInfinity;
        foreach (double v in z)
        {
            m = Math.Max(m, v);
        }

        double sum = 0.0;
        foreach (double v in z)
        {
            sum += PortableMath.Exp(v - m);
        }

        for (int j = 0; j < z.Length; j++)
        {
            Assert.Equal(PortableMath.Exp(z[j] - m) / sum, p[j]);
        }

        // Binary cross-entropy: max(z, 0) − z·t + log(1 + e^−|z|), summed in order.
        var t = new double[z.Length];
        for (int k = 0; k < t.Length; k++)
        {
            t[k] = (k % 3) / 2.0;
        }

        double expected = 0.0;
        for (int k = 0; k < z.Length; k++)
        {
            expected += Math.FusedMultiplyAdd(-z[k], t[k], Math.Max(z[k], 0.0)) + PortableMath.Log(1.0 + PortableMath.Exp(-Math.Abs(z[k])));
        }

        Assert.Equal(expected, Dense.BinaryCrossEntropy<double>(z, t, new double[z.Length], 1.0, deterministic: true));
    }
}
