using System;
using System.Runtime.Intrinsics;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The four-at-a-time forms of the unrolled shape's lanes (the exp-based activations of four vectors in one call, and
/// the fold of four gradients' lanes) against the single forms that generated code called before them, bit for bit: a
/// network's numbers must not change with the grouping. CI runs these with AVX-512, with it off, and with AVX off, so
/// each path (inline exp, its fallback, the transposed fold, its fallback) is compared on every run.
/// </summary>
public class GroupedLanesTests
{
    private delegate void Four(ref Vector256<double> z0, ref Vector256<double> z1, ref Vector256<double> z2, ref Vector256<double> z3);

    /// <summary>Arguments that reach every branch: the polynomial range, its edges (±708), overflow and underflow, subnormal results, NaN and the infinities.</summary>
    private static double[] Arguments(int count, int seed)
    {
        var random = new Random(seed);
        double[] special =
        {
            0.0, -0.0, 1.0, -1.0, 707.99, -707.99, 708.0, -708.0, 709.7, -745.0, -740.0, 710.0, -1000.0, 1000.0,
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, 1e-300, -1e-300,
            0.34657359027997264, -0.34657359027997264, 0.6931471805599453, 36.7368005696771, -36.7368005696771,
        };
        var values = new double[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = k < special.Length ? special[k] : (k % 3) switch
            {
                0 => (random.NextDouble() - 0.5) * 40.0,
                1 => (random.NextDouble() - 0.5) * 1500.0,
                _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 3)),
            };
        }

        return values;
    }

    private static void AssertFourIsSingle(Four four, Func<Vector256<double>, Vector256<double>> single, string name)
    {
        // Each argument is tried in every position of every vector, among neighbours from other ranges, so a vector
        // that leaves the polynomial for its fallback is seen with and without such a neighbour.
        double[] values = Arguments(20_000, 7);
        for (int start = 0; start + 16 <= values.Length; start += 5)
        {
            var v = new Vector256<double>[4];
            for (int k = 0; k < 4; k++)
            {
                v[k] = Vector256.Create(values[start + 4 * k], values[start + 4 * k + 1], values[start + 4 * k + 2], values[start + 4 * k + 3]);
            }

            Vector256<double> z0 = v[0], z1 = v[1], z2 = v[2], z3 = v[3];
            four(ref z0, ref z1, ref z2, ref z3);
            Vector256<double>[] grouped = { z0, z1, z2, z3 };
            for (int k = 0; k < 4; k++)
            {
                Vector256<double> expected = single(v[k]);
                for (int lane = 0; lane < 4; lane++)
                {
                    long want = BitConverter.DoubleToInt64Bits(expected[lane]);
                    long got = BitConverter.DoubleToInt64Bits(grouped[k][lane]);
                    Assert.True(want == got || (double.IsNaN(expected[lane]) && double.IsNaN(grouped[k][lane])),
                        $"{name}({v[k][lane]:R}): four at a time gave {grouped[k][lane]:R}, one vector at a time {expected[lane]:R}");
                }
            }
        }
    }

    [Fact]
    public void The_platform_exp_activations_give_the_single_forms_bits_four_at_a_time() => AssertFourAreSingle<PlatformExp>(0.7);

    [Fact]
    public void NetGens_exp_activations_give_the_single_forms_bits_four_at_a_time() => AssertFourAreSingle<PortableExp>(1.5);

    private static void AssertFourAreSingle<TExp>(double alpha)
        where TExp : struct, IExpChoice
    {
        AssertFourIsSingle(VectorActivationsOf<TExp>.Sigmoid, VectorActivationsOf<TExp>.Sigmoid, "sigmoid");
        AssertFourIsSingle(VectorActivationsOf<TExp>.Tanh, VectorActivationsOf<TExp>.Tanh, "tanh");
        AssertFourIsSingle(VectorActivationsOf<TExp>.SiLU, VectorActivationsOf<TExp>.SiLU, "SiLU");
        AssertFourIsSingle(VectorActivationsOf<TExp>.GELU, VectorActivationsOf<TExp>.GELU, "GELU");
        AssertFourIsSingle(
            (ref Vector256<double> a, ref Vector256<double> b, ref Vector256<double> c, ref Vector256<double> d) => VectorActivationsOf<TExp>.ELU(ref a, ref b, ref c, ref d, alpha),
            z => VectorActivationsOf<TExp>.ELU(z, alpha),
            "ELU");
    }

#if NET9_0_OR_GREATER
    [Fact]
    public void The_inline_exp_gives_the_runtimes_bits()
    {
        // A million arguments across the polynomial's range and beyond, in vectors of mixed ranges.
        var random = new Random(11);
        int checkedLanes = 0;
        for (int k = 0; k < 250_000; k++)
        {
            Vector256<double> x = Vector256.Create(
                (random.NextDouble() - 0.5) * 1420.0,
                (random.NextDouble() - 0.5) * 60.0,
                (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-15, 2)),
                -random.NextDouble() * 708.0);
            Vector256<double> expected = Vector256.Exp(x);
            Vector256<double> actual = InlineExp.Exp(x);
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.True(
                    BitConverter.DoubleToInt64Bits(expected[lane]) == BitConverter.DoubleToInt64Bits(actual[lane]),
                    $"exp({x[lane]:R}): inline {actual[lane]:R}, runtime {expected[lane]:R}");
                checkedLanes++;
            }
        }

        Assert.Equal(1_000_000, checkedLanes);
    }
#endif

    [Fact]
    public void The_fold_of_four_gives_each_vectors_own_sum()
    {
        // Among them, sums whose value depends on the order of the additions (2⁵³ + 1 loses the 1, 1 − 2⁵³ does not).
        double[] values = Arguments(4_000, 3);
        double big = Math.Pow(2, 53);
        values[40] = big; values[41] = 1.0; values[42] = 1.0; values[43] = -big;
        values[44] = 1.0; values[45] = big; values[46] = -big; values[47] = 1.0;
        for (int start = 0; start + 16 <= values.Length; start += 4)
        {
            var v = new Vector256<double>[4];
            for (int k = 0; k < 4; k++)
            {
                v[k] = Vector256.Create(values[start + 4 * k], values[start + 4 * k + 1], values[start + 4 * k + 2], values[start + 4 * k + 3]);
            }

            var gradient = new double[7];
            gradient[0] = 42.0;
            gradient[6] = 43.0;
            LaneSums.Fold(gradient, 2, v[0], v[1], v[2], v[3]);
            for (int k = 0; k < 4; k++)
            {
                double expected = Vector256.Sum(v[k]);
                Assert.True(
                    BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(gradient[2 + k]) || (double.IsNaN(expected) && double.IsNaN(gradient[2 + k])),
                    $"lanes {v[k]}: folded {gradient[2 + k]:R}, Vector256.Sum {expected:R}");
            }

            Assert.Equal(42.0, gradient[0]);
            Assert.Equal(0.0, gradient[1]);
            Assert.Equal(43.0, gradient[6]);
        }
    }

    [Fact]
    public void The_fold_of_four_adds_pairs_then_the_pairs()
    {
        // (2⁵³ + 1) + (1 − 2⁵³) = 2⁵³ − (2⁵³ − 1) = 1 (the first 1 is lost to rounding, the second is not), where a
        // left-to-right sum loses both and gives 0.
        double big = Math.Pow(2, 53);
        var v = Vector256.Create(big, 1.0, 1.0, -big);
        var gradient = new double[4];
        LaneSums.Fold(gradient, 0, v, v, v, Vector256.Create(1.0, 2.0, 3.0, 4.0));
        Assert.Equal(new[] { 1.0, 1.0, 1.0, 10.0 }, gradient);
    }

    [Fact]
    public void The_fold_of_four_refuses_a_gradient_too_short_and_writes_nothing()
    {
        var gradient = new double[5];
        Vector256<double> one = Vector256<double>.One;
        Assert.Throws<ArgumentOutOfRangeException>(() => LaneSums.Fold(gradient, 2, one, one, one, one));
        Assert.Equal(new double[5], gradient);
    }
}
