using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using NetGen.Runtime;
using Xunit;
using Xunit.Abstractions;
using static NetGen.Tests.KernelTestMath;

namespace NetGen.Tests;

/// <summary>
/// The activation kernels against plain loops written from each activation's definition: exact for ReLU,
/// LeakyReLU, identity and every derivative; for the exp-based sigmoid and tanh, within the rounding of the
/// vector exp of the scalar formula, and tanh within a measured bound of <c>Math.Tanh</c>.
/// </summary>
public class ActivationKernelTests
{
    private const double Slope = 0.01;

    /// <summary>
    /// The vector exp of .NET 9 and newer and <c>Math.Exp</c> may differ in the last bit; through the sigmoid's and
    /// tanh's divisions that is at most a few ulps of the result.
    /// </summary>
    private const long ExpRounding = 4;

    private readonly ITestOutputHelper output;

    public ActivationKernelTests(ITestOutputHelper output) => this.output = output;

    public static IEnumerable<object[]> Elementwise() =>
        new[] { Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU, Activation.Identity }.Select(a => new object[] { a });

    [Fact]
    public void ReLU_LeakyReLU_and_identity_are_exactly_their_definitions()
    {
        foreach (int length in Lengths)
        {
            Exact<double>(length);
            Exact<float>(length);
        }

        static void Exact<T>(int length)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T slope = T.CreateTruncating(Slope);
            T[] z = WithZeros(Random<T>(length, 1, -3, 3));
            var relu = (T[])z.Clone();
            var leaky = (T[])z.Clone();
            var identity = (T[])z.Clone();
            Dense.Apply<T>(relu, Activation.ReLU, slope);
            Dense.Apply<T>(leaky, Activation.LeakyReLU, slope);
            Dense.Apply<T>(identity, Activation.Identity, slope);
            AssertIdentical<T>(z.Select(v => v < T.Zero ? T.Zero : v).ToArray(), relu, $"ReLU, length {length},");
            AssertIdentical<T>(z.Select(v => v > T.Zero ? v : slope * v).ToArray(), leaky, $"LeakyReLU, length {length},");
            AssertIdentical<T>(z, identity, $"identity, length {length},");
        }
    }

    [Fact]
    public void ReLU_passes_NaN_through_as_torch_relu_does()
    {
        double[] z = { double.NaN, -1, 0, 2, double.NaN, -3, 4, double.NaN, 5 };
        Dense.Apply<double>(z, Activation.ReLU, 0.0);
        Assert.True(double.IsNaN(z[0]) && double.IsNaN(z[4]) && double.IsNaN(z[7]));
        Assert.Equal(new[] { 0.0, 0.0, 2.0, 0.0, 4.0, 5.0 }, new[] { z[1], z[2], z[3], z[5], z[6], z[8] });
    }

    [Fact]
    public void Sigmoid_and_tanh_are_the_scalar_formulas_within_the_rounding_of_the_vector_exp()
    {
        foreach (int length in Lengths)
        {
            Compare<double>(length);
            Compare<float>(length);
        }

        static void Compare<T>(int length)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T[] z = WithZeros(Random<T>(length, 2, -8, 8));
            var sigmoid = (T[])z.Clone();
            var tanh = (T[])z.Clone();
            Dense.Apply(sigmoid, Activation.Sigmoid, T.Zero);
            Dense.Apply(tanh, Activation.Tanh, T.Zero);
            AssertWithinUlps<T>(z.Select(v => ScalarSigmoid(v)).ToArray(), sigmoid, ExpRounding, $"sigmoid, length {length},");
            AssertWithinUlps<T>(z.Select(v => ScalarTanh(v)).ToArray(), tanh, ExpRounding, $"tanh, length {length},");
        }
    }

    /// <summary>
    /// The tanh's accuracy against <c>Math.Tanh</c> (single precision: against <c>Math.Tanh</c> in double rounded
    /// to float) over a sweep of ±20 and of magnitudes from 1e-300 (1e-30) to 1, scalar and vector, with the
    /// bound asserted; the measured maxima are written to the test output.
    /// </summary>
    [Fact]
    public void Tanh_is_within_a_few_ulps_of_Math_Tanh()
    {
        var zs = new List<double>();
        for (double z = -20; z <= 20; z += 1.0 / 4096)
        {
            zs.Add(z + (z * 1e-7));
        }

        for (double m = 1e-300; m < 1; m *= 1.01)
        {
            zs.Add(m);
            zs.Add(-m);
        }

        zs.AddRange(new[] { 0.625, -0.625, Math.BitDecrement(0.625), 0.0, -0.0, 1000, -1000, double.PositiveInfinity, double.NegativeInfinity });

        long scalarDouble = 0, vectorDouble = 0, scalarFloat = 0, vectorFloat = 0;
        double worstScalar = 0, worstVector = 0;
        for (int k = 0; k + 8 <= zs.Count; k += 8)
        {
            for (int i = 0; i < 8; i++)
            {
                double z = zs[k + i];
                long d = Ulps(Math.Tanh(z), VectorActivations.Tanh(z));
                if (d > scalarDouble)
                {
                    (scalarDouble, worstScalar) = (d, z);
                }

                float f = (float)z;
                scalarFloat = Math.Max(scalarFloat, Ulps((float)Math.Tanh(f), VectorActivations.Tanh(f)));
            }

            for (int h = 0; h < 8; h += 4)
            {
                Vector256<double> v = VectorActivations.Tanh(Vector256.Create(zs[k + h], zs[k + h + 1], zs[k + h + 2], zs[k + h + 3]));
                for (int i = 0; i < 4; i++)
                {
                    long d = Ulps(Math.Tanh(zs[k + h + i]), v[i]);
                    if (d > vectorDouble)
                    {
                        (vectorDouble, worstVector) = (d, zs[k + h + i]);
                    }
                }
            }

            var fz = Vector256.Create(zs.Skip(k).Take(8).Select(z => (float)z).ToArray());
            Vector256<float> fv = VectorActivations.Tanh(fz);
            for (int i = 0; i < 8; i++)
            {
                vectorFloat = Math.Max(vectorFloat, Ulps((float)Math.Tanh(fz[i]), fv[i]));
            }
        }

        output.WriteLine($"tanh over {zs.Count} points, max ulps from Math.Tanh: double scalar {scalarDouble} (at {worstScalar:R}), double Vector256 {vectorDouble} (at {worstVector:R}), float scalar {scalarFloat}, float Vector256 {vectorFloat}");
        Assert.True(scalarDouble <= 2 && vectorDouble <= 2, $"double tanh {scalarDouble} / {vectorDouble} ulps from Math.Tanh");
        Assert.True(scalarFloat <= 2 && vectorFloat <= 2, $"float tanh {scalarFloat} / {vectorFloat} ulps from Math.Tanh");
        Assert.Equal(1.0, VectorActivations.Tanh(1000.0));
        Assert.Equal(-1.0f, VectorActivations.Tanh(-1000f));
        Assert.True(double.IsNaN(VectorActivations.Tanh(double.NaN)));
        Assert.True(double.IsNegative(VectorActivations.Tanh(-0.0)));
    }

    [Fact]
    public void The_Vector256_forms_are_the_scalar_forms_lane_by_lane()
    {
        double[] z = WithZeros(Random<double>(16, 3, -6, 6));
        double[] a = Random<double>(16, 4, -1, 1);
        double[] d = Random<double>(16, 5);
        for (int k = 0; k < 16; k += 4)
        {
            var zv = Vector256.Create(z, k);
            var av = Vector256.Create(a, k);
            var dv = Vector256.Create(d, k);
            for (int i = 0; i < 4; i++)
            {
                Assert.True(Ulps(VectorActivations.Sigmoid(z[k + i]), VectorActivations.Sigmoid(zv)[i]) <= ExpRounding);
                Assert.True(Ulps(VectorActivations.Tanh(z[k + i]), VectorActivations.Tanh(zv)[i]) <= ExpRounding);
                Assert.Equal(VectorActivations.ReLU(z[k + i]), VectorActivations.ReLU(zv)[i]);
                Assert.Equal(VectorActivations.LeakyReLU(z[k + i], Slope), VectorActivations.LeakyReLU(zv, Slope)[i]);
                Assert.Equal(VectorActivations.SigmoidBackward(d[k + i], a[k + i]), VectorActivations.SigmoidBackward(dv, av)[i]);
                Assert.Equal(VectorActivations.TanhBackward(d[k + i], a[k + i]), VectorActivations.TanhBackward(dv, av)[i]);
                Assert.Equal(VectorActivations.ReLUBackward(d[k + i], a[k + i]), VectorActivations.ReLUBackward(dv, av)[i]);
                Assert.Equal(VectorActivations.LeakyReLUBackward(d[k + i], a[k + i], Slope), VectorActivations.LeakyReLUBackward(dv, av, Slope)[i]);
            }

        }

        float[] zf = WithZeros(Random<float>(16, 6, -6, 6));
        for (int k = 0; k < 16; k += 8)
        {
            var zv = Vector256.Create(zf, k);
            for (int i = 0; i < 8; i++)
            {
                Assert.Equal(Activations.Sigmoid(zf[k + i]), VectorActivations.Sigmoid(zf[k + i]));
                Assert.True(Ulps(VectorActivations.Tanh(zf[k + i]), VectorActivations.Tanh(zv)[i]) <= ExpRounding);
                Assert.Equal(VectorActivations.LeakyReLU(zf[k + i], 0.2f), VectorActivations.LeakyReLU(zv, 0.2f)[i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void Derivatives_from_the_output_are_exactly_their_definitions(Activation activation)
    {
        foreach (int length in Lengths)
        {
            Derivative<double>(activation, length);
            Derivative<float>(activation, length);
        }

        static void Derivative<T>(Activation activation, int length)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T slope = T.CreateTruncating(Slope);
            T[] a = WithZeros(Random<T>(length, 7, -4, 4));
            Dense.Apply<T>(a, activation, slope);
            T[] delta = Random<T>(length, 8);
            T[] expected = delta.Select((d, k) => Backward(activation, d, a[k], slope)).ToArray();
            var actual = (T[])delta.Clone();
            Dense.MultiplyByDerivative<T>(actual, a, activation, slope);
            AssertIdentical<T>(expected, actual, $"δ · {activation}' length {length}");
            if (typeof(T) == typeof(double))
            {
                for (int k = 0; k < length; k++)
                {
                    double d = double.CreateTruncating(delta[k]), ak = double.CreateTruncating(a[k]);
                    double scalar = activation switch
                    {
                        Activation.Sigmoid => VectorActivations.SigmoidBackward(d, ak),
                        Activation.Tanh => VectorActivations.TanhBackward(d, ak),
                        Activation.ReLU => VectorActivations.ReLUBackward(d, ak),
                        Activation.LeakyReLU => VectorActivations.LeakyReLUBackward(d, ak, Slope),
                        _ => d,
                    };
                    Assert.Equal(double.CreateTruncating(expected[k]), scalar);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void Forward_with_an_activation_equals_the_plain_loops(Activation activation)
    {
        foreach (int[] s in new[] { new[] { 3, 7, 1 }, new[] { 5, 17, 4 }, new[] { 9, 33, 9 }, new[] { 4, 100, 3 } })
        {
            Forward<double>(activation, s[0], s[1], s[2]);
            Forward<float>(activation, s[0], s[1], s[2]);
        }

        static void Forward<T>(Activation activation, int nin, int nout, int samples)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T slope = T.CreateTruncating(Slope);
            T[] w = Random<T>(nin * nout, 1), b = Random<T>(nout, 2), x = Random<T>(samples * nin, 3);
            T[] expected = Product(w, b, x, samples, nin, nout);

            // The same elementwise activation on both (checked above), so any difference is in the sums.
            Dense.Apply<T>(expected, activation, slope);
            var actual = new T[samples * nout];
            Dense.Forward<T>(w, b, x, actual, samples, activation, slope);
            AssertIdentical<T>(expected, actual, $"Forward {activation} {nin}-{nout} x{samples}");
            if (activation == Activation.Sigmoid)
            {
                var sigmoid = new T[samples * nout];
                Dense.Forward<T>(w, b, x, sigmoid, samples);
                AssertIdentical<T>(sigmoid, actual, "Forward with Activation.Sigmoid against the sigmoid Forward");
            }
        }
    }

    [Fact]
    public void Forward_with_softmax_gives_each_samples_softmax()
    {
        const int nin = 6, nout = 11, samples = 5;
        double[] w = Random<double>(nin * nout, 1), b = Random<double>(nout, 2), x = Random<double>(samples * nin, 3);
        double[] expected = Product(w, b, x, samples, nin, nout);
        Dense.Softmax<double>(expected, samples);
        var actual = new double[samples * nout];
        Dense.Forward<double>(w, b, x, actual, samples, Activation.Softmax, 0.0);
        AssertIdentical<double>(expected, actual, "Forward softmax");
        for (int s = 0; s < samples; s++)
        {
            Assert.Equal(1.0, actual.Skip(s * nout).Take(nout).Sum(), 14);
        }
    }

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void Backpropagated_delta_with_an_activation_equals_the_plain_loops(Activation activation)
    {
        foreach (int[] s in new[] { new[] { 1, 3, 1 }, new[] { 7, 5, 4 }, new[] { 17, 9, 3 }, new[] { 33, 4, 2 }, new[] { 100, 10, 1 } })
        {
            Backpropagate<double>(activation, s[0], s[1], s[2]);
            Backpropagate<float>(activation, s[0], s[1], s[2]);
        }

        static void Backpropagate<T>(Activation activation, int nin, int nout, int samples)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T slope = T.CreateTruncating(Slope);
            T[] w = Random<T>(nin * nout, 8), d = Random<T>(samples * nout, 9), a = WithZeros(Random<T>(samples * nin, 10, -3, 3));
            Dense.Apply<T>(a, activation, slope);
            var expected = new T[samples * nin];
            for (int s = 0; s < samples; s++)
            {
                for (int i = 0; i < nin; i++)
                {
                    T sum = T.Zero;
                    for (int j = 0; j < nout; j++)
                    {
                        sum = MulAdd(w[(i * nout) + j], d[(s * nout) + j], sum);
                    }

                    expected[(s * nin) + i] = Backward(activation, sum, a[(s * nin) + i], slope);
                }
            }

            var byRows = new T[samples * nin];
            Dense.BackpropagateDelta<T>(w, d, a, byRows, samples, activation, slope);
            AssertIdentical<T>(expected, byRows, $"δ below along W's rows, {activation} {nin}-{nout} x{samples}");
            var wt = new T[nin * nout];
            Dense.Transpose<T>(w, wt, nin);
            var transposed = new T[samples * nin];
            Dense.BackpropagateDeltaTransposed<T>(wt, d, a, transposed, samples, activation, slope);
            AssertIdentical<T>(expected, transposed, $"δ below through Wᵀ, {activation} {nin}-{nout} x{samples}");
        }
    }

    [Fact]
    public void Kernels_reject_softmax_below_the_output_and_unknown_activations()
    {
        var w = new double[12];
        Assert.Throws<ArgumentException>(() => Dense.BackpropagateDelta<double>(w, new double[4], new double[3], new double[3], 1, Activation.Softmax, 0.0));
        Assert.Throws<ArgumentException>(() => Dense.MultiplyByDerivative<double>(new double[3], new double[3], Activation.Softmax, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dense.Apply<double>(new double[3], (Activation)42, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dense.Forward<double>(w, new double[4], new double[3], new double[4], 1, (Activation)(-1), 0.0));
        Assert.Throws<ArgumentException>(() => Dense.MultiplyByDerivative<double>(new double[3], new double[4], Activation.Tanh, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dense.MultiplyByDerivative<double>(new double[3], new double[3], Activation.LeakyReLU, -0.1));
        var untouched = new double[3];
        Assert.Throws<ArgumentException>(() => Dense.BackpropagateDeltaTransposed<double>(w, new double[4], new double[3], untouched, 1, Activation.Softmax, 0.0));
    }

    /// <summary>δ times the derivative, from the output a, written from the definitions.</summary>
    private static T Backward<T>(Activation activation, T delta, T a, T slope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => activation switch
        {
            Activation.Sigmoid => delta * (a * (T.One - a)),
            Activation.Tanh => delta * MulAdd(-a, a, T.One),
            Activation.ReLU => a > T.Zero ? delta : T.Zero,
            Activation.LeakyReLU => a > T.Zero ? delta : delta * slope,
            _ => delta,
        };

    private static T[] Product<T>(T[] w, T[] b, T[] x, int samples, int nin, int nout)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var y = new T[samples * nout];
        for (int s = 0; s < samples; s++)
        {
            for (int j = 0; j < nout; j++)
            {
                T acc = T.Zero;
                for (int i = 0; i < nin; i++)
                {
                    acc = MulAdd(w[(i * nout) + j], x[(s * nin) + i], acc);
                }

                y[(s * nout) + j] = acc + b[j];
            }
        }

        return y;
    }

    /// <summary>Every fifth element exactly 0 (where ReLU's and LeakyReLU's derivatives are decided).</summary>
    private static T[] WithZeros<T>(T[] values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int k = 0; k < values.Length; k += 5)
        {
            values[k] = T.Zero;
        }

        return values;
    }

    private static T ScalarSigmoid<T>(T z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(double)
            ? T.CreateTruncating(VectorActivations.Sigmoid(double.CreateTruncating(z)))
            : T.CreateTruncating(VectorActivations.Sigmoid(float.CreateTruncating(z)));

    private static T ScalarTanh<T>(T z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(double)
            ? T.CreateTruncating(VectorActivations.Tanh(double.CreateTruncating(z)))
            : T.CreateTruncating(VectorActivations.Tanh(float.CreateTruncating(z)));
}
