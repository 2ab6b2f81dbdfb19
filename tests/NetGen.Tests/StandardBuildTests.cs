using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.Intrinsics;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The arithmetic of NetGen's netstandard2.1 build (Unity, Mono) computes the same bits as the .NET builds: its exp, its
/// activations and its optimizers, written one value at a time (<see cref="PortableMath.ExpScalar(double)"/>,
/// <see cref="ScalarActivations"/>, <see cref="ScalarKernels"/>), compiled here too and held to the vectorised code the
/// .NET builds run, bit for bit, over values that reach every branch: the ranges where exp scales twice, overflows or
/// gives subnormals, tanh's two formulas, signed zeros, NaN and ±∞, and gradients and state that flush to zero.
/// </summary>
public class StandardBuildTests
{
    private static readonly double[] Specials =
    {
        0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 0.625, -0.625, 0.6249999999999999, 1e-300, -1e-300, 5e-324, -5e-324, 1e-10, 20.0, -20.0,
        88.5, -88.5, 103.9, -103.9, 700.0, -700.0, 709.7, 709.8, 710.0, 711.0, -744.0, -745.1, -746.0, -800.0, 1e300, -1e300,
        double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    };

    /// <summary>Specials, then values spread over [−800, 800] with more of them near 0.</summary>
    private static IEnumerable<double> Arguments(int seed, int count)
    {
        var random = new Random(seed);
        foreach (double x in Specials)
        {
            yield return x;
        }

        for (int k = 0; k < count; k++)
        {
            double scale = Math.Pow(10, (random.NextDouble() * 6) - 3);
            yield return (random.NextDouble() - 0.5) * 2 * Math.Min(800, scale);
        }
    }

    [Fact]
    public void ExpScalar_gives_the_bits_of_the_lanes_exp_in_double_and_float()
    {
        foreach (double x in Arguments(1, 200_000))
        {
            AssertSame(PortableMath.Exp(x), PortableMath.ExpScalar(x), x);
            float f = (float)x;
            AssertSame(PortableMath.Exp(f), PortableMath.ExpScalar(f), f);
        }
    }

    [Fact]
    public void ScalarActivations_give_the_bits_of_PortableVectorActivations_one_value_and_every_lane()
    {
        double[] xs = Arguments(2, 50_000).ToArray();
        const double Slope = 0.01;
        foreach (double z in xs)
        {
            AssertSame(PortableVectorActivations.Sigmoid(z), ScalarActivations.Sigmoid(z), z);
            AssertSame(PortableVectorActivations.Tanh(z), ScalarActivations.Tanh(z), z);
            AssertSame(PortableVectorActivations.ReLU(z), ScalarActivations.ReLU(z), z);
            AssertSame(PortableVectorActivations.LeakyReLU(z, Slope), ScalarActivations.LeakyReLU(z, Slope), z);
            float f = (float)z;
            AssertSame(PortableVectorActivations.Sigmoid(f), ScalarActivations.Sigmoid(f), f);
            AssertSame(PortableVectorActivations.Tanh(f), ScalarActivations.Tanh(f), f);
            AssertSame(PortableVectorActivations.ReLU(f), ScalarActivations.ReLU(f), f);
            AssertSame(PortableVectorActivations.LeakyReLU(f, (float)Slope), ScalarActivations.LeakyReLU(f, (float)Slope), f);
        }

        // The lanes of the 256-bit forms, which the unrolled shape calls for groups of units and a deterministic network's lanes.
        for (int k = 0; k + 4 <= xs.Length; k += 4)
        {
            Vector256<double> z = Vector256.Create(xs[k], xs[k + 1], xs[k + 2], xs[k + 3]);
            Vector256<double> a = PortableVectorActivations.Tanh(z);
            Vector256<double> s = PortableVectorActivations.Sigmoid(z);
            Vector256<double> d = PortableVectorActivations.TanhBackward(z, a);
            Vector256<double> l = PortableVectorActivations.LeakyReLUBackward(z, s - Vector256.Create(0.5), Slope);
            for (int lane = 0; lane < 4; lane++)
            {
                double x = xs[k + lane];
                AssertSame(a[lane], ScalarActivations.Tanh(x), x);
                AssertSame(s[lane], ScalarActivations.Sigmoid(x), x);
                AssertSame(d[lane], ScalarActivations.TanhBackward(x, a[lane]), x);
                AssertSame(l[lane], ScalarActivations.LeakyReLUBackward(x, s[lane] - 0.5, Slope), x);
                AssertSame(PortableVectorActivations.SigmoidBackward(x, s[lane]), ScalarActivations.SigmoidBackward(x, s[lane]), x);
                AssertSame(PortableVectorActivations.ReLUBackward(x, a[lane]), ScalarActivations.ReLUBackward(x, a[lane]), x);
            }
        }
    }

    /// <summary>Every optimizer and option the kernels select a copy for, both precisions, lengths that leave every vector width a tail.</summary>
    public static TheoryData<string> Optimizers => new() { "sgd", "sgd-decay", "momentum-first", "momentum", "nesterov-decay", "adam", "adam-decay", "adamw", "adam-big-beta1", "rmsprop", "rmsprop-momentum-decay", "adagrad", "adagrad-decay" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void ScalarKernels_give_the_bits_of_the_vector_kernels(string optimizer)
    {
        foreach (int length in new[] { 1, 3, 7, 8, 17, 64, 67, 259 })
        {
            for (int step = 1; step <= 3; step++)
            {
                Compare<double, DoubleOps>(optimizer, length, step);
                Compare<float, SingleOps>(optimizer, length, step);
            }
        }
    }

    private static void Compare<T, TOps>(string optimizer, int length, int step)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        var random = new Random(length * 31 + step);
        T Draw(int k) => k % 11 == 0 ? T.Zero : k % 13 == 0 ? T.CreateTruncating(1e-39 * random.NextDouble()) : T.CreateTruncating((random.NextDouble() - 0.5) * 4);
        T[] p = Enumerable.Range(0, length).Select(Draw).ToArray();
        T[] g = Enumerable.Range(0, length).Select(k => k % 7 == 0 ? T.Zero : Draw(k + 1)).ToArray();
        T[] s1 = Enumerable.Range(0, length).Select(k => T.Abs(Draw(k + 2))).ToArray();
        T[] s2 = Enumerable.Range(0, length).Select(k => T.Abs(Draw(k + 3))).ToArray();
        T[] vp = (T[])p.Clone(), vs1 = (T[])s1.Clone(), vs2 = (T[])s2.Clone();
        switch (optimizer)
        {
            case "sgd":
            case "sgd-decay":
            case "momentum-first":
            case "momentum":
            case "nesterov-decay":
                double momentum = optimizer.StartsWith("sgd", StringComparison.Ordinal) ? 0 : 0.9;
                double decay = optimizer.EndsWith("decay", StringComparison.Ordinal) ? 1e-2 : 0;
                bool nesterov = optimizer.StartsWith("nesterov", StringComparison.Ordinal), first = optimizer == "momentum-first";
                Dense.Sgd<T>(vp, g, vs1, 0.05, momentum, nesterov, decay, first);
                ScalarKernels.Sgd<T, TOps>(p, g, s1, 0.05, momentum, nesterov, decay, first);
                break;
            case "adam":
            case "adam-decay":
            case "adamw":
            case "adam-big-beta1":
                double beta1 = optimizer == "adam-big-beta1" ? 0.3 : 0.9, wd = optimizer == "adam" || optimizer == "adam-big-beta1" ? 0 : 0.01;
                Dense.Adam<T>(vp, g, vs1, vs2, 1e-3, beta1, 0.999, 1e-8, wd, step, optimizer == "adamw", deterministic: true);
                ScalarKernels.Adam<T, TOps>(p, g, s1, s2, 1e-3, beta1, 0.999, 1e-8, wd, step, optimizer == "adamw", deterministic: true);
                break;
            case "rmsprop":
            case "rmsprop-momentum-decay":
                bool more = optimizer != "rmsprop";
                Dense.RMSprop<T>(vp, g, vs1, vs2, 1e-2, 0.99, 1e-8, more ? 1e-2 : 0, more ? 0.5 : 0);
                ScalarKernels.RMSprop<T, TOps>(p, g, s1, s2, 1e-2, 0.99, 1e-8, more ? 1e-2 : 0, more ? 0.5 : 0);
                break;
            default:
                double adagradDecay = optimizer == "adagrad" ? 0 : 1e-2;
                Dense.Adagrad<T>(vp, g, vs1, 1e-2, 1e-10, adagradDecay);
                ScalarKernels.Adagrad<T, TOps>(p, g, s1, 1e-2, 1e-10, adagradDecay);
                break;
        }

        for (int k = 0; k < length; k++)
        {
            string where = $"{optimizer} {typeof(T).Name} length {length} step {step} element {k}";
            Assert.True(Bits(vp[k]) == Bits(p[k]), $"{where}: parameter {vp[k]} (vector) against {p[k]} (scalar)");
            Assert.True(Bits(vs1[k]) == Bits(s1[k]), $"{where}: first state {vs1[k]} against {s1[k]}");
            Assert.True(Bits(vs2[k]) == Bits(s2[k]), $"{where}: second state {vs2[k]} against {s2[k]}");
        }
    }

    private static long Bits<T>(T value)
        where T : unmanaged => typeof(T) == typeof(double) ? BitConverter.DoubleToInt64Bits((double)(object)value) : BitConverter.SingleToInt32Bits((float)(object)value);

    private static void AssertSame(double expected, double actual, double x) =>
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)),
            $"at {x:R}: {expected:R} from the lanes, {actual:R} from the scalar form");

    private static void AssertSame(float expected, float actual, float x) =>
        Assert.True(
            BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual)),
            $"at {x:R}: {expected:R} from the lanes, {actual:R} from the scalar form");
}
