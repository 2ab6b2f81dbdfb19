using System;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using NetGen.Runtime;
using NetGen.Testing;
using Xunit;
using static NetGen.Tests.KernelTestMath;

namespace NetGen.Tests;

/// <summary>
/// The kernels of GELU, SiLU and ELU, whose derivative is taken from z, at every vector width (the lengths leave each
/// width and the scalar tail something to do) against the scalar formulas lane by lane (within the vector exp's
/// rounding), and the kernels that keep z: <c>Forward(…, z, a, …)</c>, <c>Apply(z, a, …)</c>, <c>OutputDelta(y, z, t, …)</c>.
/// </summary>
public class PreActivationKernelTests
{
    /// <summary>The vector exp and <c>Math.Exp</c> may differ in the last bit; through the formulas, a few ulps of the result.</summary>
    private const long ExpRounding = 8;

    private const double Alpha = 0.8;

    public static TheoryData<Activation> Kinds() => new() { Activation.GELU, Activation.SiLU, Activation.ELU };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Apply_and_the_derivative_at_every_width_are_the_scalar_formulas(Activation activation)
    {
        foreach (int length in Lengths)
        {
            Check<double>(activation, length);
            Check<float>(activation, length);
        }

        static void Check<T>(Activation activation, int length)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T alpha = T.CreateTruncating(Alpha);
            T[] z = Random<T>(length, 3, -9, 9);
            z[0] = T.Zero;
            T[] delta = Random<T>(length, 4, -2, 2);
            var a = (T[])z.Clone();
            Dense.Apply<T>(a, activation, alpha);
            var d = (T[])delta.Clone();
            Dense.MultiplyByDerivative<T>(d, z, activation, alpha);
            T[] expectedA = z.Select(v => ScalarValue(activation, v, alpha)).ToArray();
            T[] expectedD = z.Select((v, k) => ScalarBackward(activation, delta[k], v, alpha)).ToArray();
            for (int k = 0; k < length; k++)
            {
                AssertNear(expectedA[k], a[k], T.One, $"{activation}({z[k]}), length {length}");
                AssertNear(expectedD[k], d[k], T.Abs(delta[k]), $"{activation}'({z[k]}), length {length}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_values_are_the_definitions(Activation activation)
    {
        foreach (double z in new[] { -6.0, -2.5, -1.0, -0.3, 0.0, 0.2, 1.0, 3.7 })
        {
            double sigma = 1.0 / (1.0 + Math.Exp(-z));
            double phi = 0.5 * (1.0 + ErfFunction.Scalar(z / Math.Sqrt(2.0)));
            (double value, double derivative) = activation switch
            {
                Activation.GELU => (z * phi, phi + (z * Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI))),
                Activation.SiLU => (z * sigma, sigma * (1 + (z * (1 - sigma)))),
                _ => (z > 0 ? z : Alpha * (Math.Exp(z) - 1), z > 0 ? 1.0 : Alpha * Math.Exp(z)),
            };
            Equivalence.Close(value, ScalarValue(activation, z, Alpha), $"{activation}({z})", relative: 1e-14, floor: 1e-15);
            Equivalence.Close(derivative, ScalarBackward(activation, 1.0, z, Alpha), $"{activation}'({z})", relative: 1e-14, floor: 1e-15);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Forward_keeping_z_gives_the_in_place_bits_and_z_itself(Activation activation)
    {
        const int samples = 7, nin = 5, nout = 11;
        double[] w = Random<double>(nin * nout, 1, -1, 1), b = Random<double>(nout, 2, -1, 1), x = Random<double>(samples * nin, 5, -2, 2);
        var a = new double[samples * nout];
        var z = new double[a.Length];
        var inPlace = new double[a.Length];
        var logits = new double[a.Length];
        Dense.Forward<double>(w, b, x, z, a, samples, activation, Alpha);
        Dense.Forward<double>(w, b, x, inPlace, samples, activation, Alpha);
        Dense.Forward<double>(w, b, x, logits, samples, Activation.Identity, 0.0);
        AssertIdentical<double>(inPlace, a, "a");
        AssertIdentical<double>(logits, z, "z");
        var applied = new double[a.Length];
        Dense.Apply<double>(z, applied, activation, Alpha);
        AssertIdentical<double>(a, applied, "Apply(z, a)");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_square_loss_s_delta_takes_the_derivative_from_z(Activation activation)
    {
        foreach (int length in Lengths)
        {
            double[] z = Random<double>(length, 6, -4, 4), t = Random<double>(length, 7, -1, 1);
            double[] y = z.Select(v => ScalarValue(activation, v, Alpha)).ToArray();
            var delta = new double[length];
            double loss = Dense.OutputDelta<double>(y, z, t, delta, 0.25, activation, Alpha);
            double expectedLoss = 0;
            for (int k = 0; k < length; k++)
            {
                double e = y[k] - t[k];
                expectedLoss += 0.5 * (e * e);
                AssertNear(ScalarBackward(activation, 0.25 * e, z[k], Alpha), delta[k], Math.Abs(0.25 * e), $"{activation} δ[{k}]");
            }

            Equivalence.Close(0.25 * expectedLoss, loss, "loss", relative: 1e-14);
        }
    }

    [Fact]
    public void The_vector_forms_are_the_scalar_forms_lane_by_lane()
    {
        var z = Vector256.Create(-3.0, -0.5, 0.25, 2.0);
        var d = Vector256.Create(1.0, -2.0, 0.5, 3.0);
        Vector256<double>[] values = { VectorActivations.GELU(z), VectorActivations.SiLU(z), VectorActivations.ELU(z, Alpha) };
        Vector256<double>[] backward = { VectorActivations.GELUBackward(d, z), VectorActivations.SiLUBackward(d, z), VectorActivations.ELUBackward(d, z, Alpha) };
        Activation[] kinds = { Activation.GELU, Activation.SiLU, Activation.ELU };
        for (int i = 0; i < kinds.Length; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                AssertNear(ScalarValue(kinds[i], z[k], Alpha), values[i][k], 1.0, $"{kinds[i]} lane {k}");
                AssertNear(ScalarBackward(kinds[i], d[k], z[k], Alpha), backward[i][k], Math.Abs(d[k]), $"{kinds[i]}' lane {k}");
            }
        }
    }

    [Fact]
    public void Large_and_special_inputs_give_no_overflow()
    {
        foreach (double z in new[] { -1e300, -750.0, -40.0, 40.0, 750.0, 1e300 })
        {
            Assert.True(double.IsFinite(VectorActivations.GELU(z)), $"GELU({z})");
            Assert.True(double.IsFinite(VectorActivations.SiLU(z)), $"SiLU({z})");
            Assert.True(double.IsFinite(VectorActivations.ELU(z, Alpha)), $"ELU({z})");
            Assert.True(double.IsFinite(VectorActivations.GELUBackward(1.0, z)), $"GELU'({z})");
            Assert.True(double.IsFinite(VectorActivations.SiLUBackward(1.0, z)), $"SiLU'({z})");
            Assert.True(double.IsFinite(VectorActivations.ELUBackward(1.0, z, Alpha)), $"ELU'({z})");
        }

        Assert.Equal(-Alpha, VectorActivations.ELU(-1e300, Alpha));
        Assert.True(double.IsNaN(VectorActivations.GELU(double.NaN)));
        Assert.True(double.IsNaN(VectorActivations.SiLU(double.NaN)));
        Assert.True(double.IsNaN(VectorActivations.ELU(double.NaN, Alpha)));
    }

    /// <summary>
    /// Within <see cref="ExpRounding"/> ulps, or within a few ε of <paramref name="scale"/> where the result is much
    /// smaller than its terms (e^z − 1 near 0, 1 + erf near −1): there one ulp of exp is many ulps of the result, for
    /// the vector exp and <c>Math.Exp</c> alike.
    /// </summary>
    private static void AssertNear<T>(T expected, T actual, T scale, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T epsilon = T.CreateTruncating(typeof(T) == typeof(double) ? 2.220446049250313e-16 : 1.1920929e-7);
        bool near = Ulps(expected, actual) <= ExpRounding || T.Abs(expected - actual) <= T.CreateTruncating(4) * epsilon * T.Max(scale, T.One);
        Assert.True(near, $"{what} {typeof(T).Name}: {actual:R}, the scalar formula gives {expected:R}");
    }

    private static T ScalarValue<T>(Activation activation, T z, T alpha)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => activation switch
        {
            Activation.GELU => GELUFunction.Apply<T, Scalar<T>, T>(z, alpha),
            Activation.SiLU => SiLUFunction.Apply<T, Scalar<T>, T>(z, alpha),
            _ => ELUFunction.Apply<T, Scalar<T>, T>(z, alpha),
        };

    private static T ScalarBackward<T>(Activation activation, T delta, T z, T alpha)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => activation switch
        {
            Activation.GELU => GELUFunction.Backward<T, Scalar<T>, T>(delta, z, alpha),
            Activation.SiLU => SiLUFunction.Backward<T, Scalar<T>, T>(delta, z, alpha),
            _ => ELUFunction.Backward<T, Scalar<T>, T>(delta, z, alpha),
        };
}
