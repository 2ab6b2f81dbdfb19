using System;
using System.Collections.Generic;
using System.Text;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The portable fused multiply-add (<see cref="SoftwareFma"/>) against the processor's (<c>Math.FusedMultiplyAdd</c>,
/// <c>MathF.FusedMultiplyAdd</c>), bit for bit: random triples over the whole exponent range, steered to where a
/// multiply-add is hard to round (subnormal results, overflow, cancellation, ties), and chosen cases. Every generator
/// has a fixed seed, and a failure names its triple in hex.
/// </summary>
public partial class SoftwareFmaTests
{
    private const int RandomTriples = 2_000_000;

    /// <summary>SplitMix64: a small generator whose sequence is fixed by its seed on every runtime.</summary>
    private sealed class Bits(ulong seed)
    {
        private ulong state = seed;

        public ulong Next()
        {
            ulong z = state += 0x9E37_79B9_7F4A_7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>A whole number from <paramref name="low"/> to <paramref name="high"/>, both included.</summary>
        public int Between(int low, int high) => low + (int)(Next() % (ulong)(high - low + 1));

        public bool Coin() => (Next() & 1) == 0;
    }

    /// <summary>Compares triples and keeps the first failures' descriptions.</summary>
    private sealed class Checker
    {
        private readonly List<string> failures = [];

        public int Count { get; private set; }

        public int Failed { get; private set; }

        /// <summary>Triples whose <c>a · b + c</c> computed with two roundings differs from the fused one.</summary>
        public int HardForTwoRoundings { get; private set; }

        public void Check(double a, double b, double c)
        {
            Count++;
            double expected = Math.FusedMultiplyAdd(a, b, c);
            double actual = SoftwareFma.MulAdd(a, b, c);
            if (!Same(expected, (a * b) + c))
            {
                HardForTwoRoundings++;
            }

            if (!Same(expected, actual))
            {
                Failed++;
                if (failures.Count < 10)
                {
                    failures.Add($"MulAdd({Hex(a)}, {Hex(b)}, {Hex(c)}) = {Hex(actual)}, Math.FusedMultiplyAdd gives {Hex(expected)}");
                }
            }
        }

        public void Check(float a, float b, float c)
        {
            Count++;
            float expected = MathF.FusedMultiplyAdd(a, b, c);
            float actual = SoftwareFma.MulAdd(a, b, c);
            if (!Same(expected, (float)(((double)a * b) + c)))
            {
                HardForTwoRoundings++;
            }

            if (!Same(expected, actual))
            {
                Failed++;
                if (failures.Count < 10)
                {
                    failures.Add($"MulAdd({Hex(a)}, {Hex(b)}, {Hex(c)}) = {Hex(actual)}, MathF.FusedMultiplyAdd gives {Hex(expected)}");
                }
            }
        }

        public void AssertNoFailure()
        {
            var message = new StringBuilder($"{Failed} of {Count} triples differ; the first:");
            foreach (string failure in failures)
            {
                message.Append('\n').Append(failure);
            }

            Assert.True(Failed == 0, message.ToString());
        }
    }

    private static bool Same(double x, double y)
        => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y));

    private static bool Same(float x, float y)
        => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y) || (float.IsNaN(x) && float.IsNaN(y));

    private static string Hex(double x) => $"0x{BitConverter.DoubleToInt64Bits(x):X16} ({x:R})";

    private static string Hex(float x) => $"0x{BitConverter.SingleToInt32Bits(x):X8} ({x:R})";

    /// <summary>The distance from |x| to the next double up (a finite x).</summary>
    private static double Ulp(double x) => Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);

    private static float Ulp(float x) => MathF.BitIncrement(MathF.Abs(x)) - MathF.Abs(x);

    [Fact]
    public void Random_double_triples_match_Math_FusedMultiplyAdd()
    {
        var bits = new Bits(20_240_601);
        var checker = new Checker();
        for (int k = 0; k < RandomTriples; k++)
        {
            (double a, double b, double c) = RandomTriple(bits);
            checker.Check(a, b, c);
        }

        checker.AssertNoFailure();

        // The generator reaches the cases that a multiply-add rounded twice gets wrong, many of them.
        Assert.True(checker.HardForTwoRoundings > RandomTriples / 10, $"Only {checker.HardForTwoRoundings} triples are hard.");
    }

    [Fact]
    public void Random_single_triples_match_MathF_FusedMultiplyAdd()
    {
        var bits = new Bits(19_700_101);
        var checker = new Checker();
        for (int k = 0; k < RandomTriples; k++)
        {
            (float a, float b, float c) = RandomSingleTriple(bits);
            checker.Check(a, b, c);
        }

        checker.AssertNoFailure();

        // Rounding the exact product's sum to nearest in double, then to float, is wrong on some of them.
        Assert.True(checker.HardForTwoRoundings > RandomTriples / 100, $"Only {checker.HardForTwoRoundings} triples are hard.");
    }

    [Fact]
    public void The_result_is_the_products_rounding_error_when_c_cancels_the_rounded_product()
    {
        var bits = new Bits(7);
        var checker = new Checker();
        for (int k = 0; k < 200_000; k++)
        {
            // Products from 2^−1000 to 2^1020, where the error is a normal or a subnormal number.
            int ea = bits.Between(-1000, 1000);
            double a = RandomDouble(bits, ea);
            double b = RandomDouble(bits, bits.Between(-1000, 1020) - ea);
            double p = a * b;
            if (double.IsFinite(p))
            {
                checker.Check(a, b, -p);
                checker.Check(-a, b, p);
                float fa = (float)a, fb = (float)RandomDouble(bits, bits.Between(-75, 60));
                checker.Check(fa, fb, -(fa * fb));
            }
        }

        checker.AssertNoFailure();
    }

    [Fact]
    public void Sums_half_a_unit_from_a_rounding_boundary_round_as_the_products_error_says()
    {
        // a · b = p + e (p rounded); c = ±ulp(p)/2 puts the sum at the midpoint p ± ulp(p)/2, shifted by e: e's sign
        // decides, and an exact product (e = 0) is a tie, to even. Also c = half an ulp of a coarser or finer grid.
        var bits = new Bits(11);
        var checker = new Checker();
        for (int k = 0; k < 200_000; k++)
        {
            int ea = bits.Between(-1074, 1023);
            double a = bits.Coin() ? RandomDouble(bits, ea) : ShortDouble(bits, ea);
            double b = RandomDouble(bits, Math.Clamp(bits.Between(-1130, 1020) - ea, -1074, 1023));
            double p = a * b;
            if (!double.IsFinite(p) || p == 0)
            {
                continue;
            }

            double half = Ulp(p) / 2;
            checker.Check(a, b, half);
            checker.Check(a, b, -half);
            checker.Check(a, b, 3 * half);
            checker.Check(a, b, Math.BitIncrement(half));
            checker.Check(a, b, Math.BitDecrement(-half));
            checker.Check(a, b, half * 1024);
        }

        checker.AssertNoFailure();
    }

    [Fact]
    public void Ties_in_the_subnormal_range_round_to_even_unless_a_lower_bit_decides()
    {
        var bits = new Bits(13);
        var checker = new Checker();
        for (int k = 0; k < 100_000; k++)
        {
            // a · b an odd multiple of 2^−1075 (a tie between two subnormal numbers), plus c a multiple of 2^−1074 or a
            // number that moves the tie by little.
            long m1 = (long)(bits.Next() >> bits.Between(38, 62)) | 1, m2 = (long)(bits.Next() >> bits.Between(38, 62)) | 1;
            int e1 = bits.Between(-1075 - 30, 30);
            double a = Math.ScaleB((double)m1, e1);
            double b = Math.ScaleB((double)m2, -1075 - e1);
            if (Math.ScaleB(a, -e1) != m1 || Math.ScaleB(b, 1075 + e1) != m2)
            {
                continue; // a or b not exact
            }

            double tiny = double.Epsilon * bits.Between(-100, 100);
            checker.Check(a, b, tiny);
            checker.Check(-a, b, tiny);
            checker.Check(a, b, Math.ScaleB(RandomDouble(bits, 0), -1120));
            checker.Check(a, Math.BitIncrement(b), tiny);
            checker.Check(a, Math.BitDecrement(b), -tiny);
        }

        checker.AssertNoFailure();
    }

    [Fact]
    public void Chosen_double_cases_match_Math_FusedMultiplyAdd()
    {
        double max = double.MaxValue, min = double.Epsilon, smallest = Arithmetic.SmallestNormalDouble;
        double inf = double.PositiveInfinity, nan = double.NaN;
        double p600 = Math.ScaleB(1.0, 600), p1000 = Math.ScaleB(1.0, 1000);
        double eps = Math.ScaleB(1.0, -52);
        double[] special = [0.0, -0.0, 1.0, -1.0, 5.0, -5.0, min, -min, smallest, -smallest, max, -max, inf, -inf, nan, 0.5, 3.0, 1 + eps, 1 - (eps / 2)];
        var checker = new Checker();
        foreach (double a in special)
        {
            foreach (double b in special)
            {
                foreach (double c in special)
                {
                    checker.Check(a, b, c);
                }
            }
        }

        (double, double, double)[] cases =
        [
            (0.0, 5.0, -0.0), (-0.0, 5.0, -0.0), (1.0, -1.0, 1.0), (-1.0, 1.0, 1.0), (1.0, 1.0, -1.0), (-0.0, -0.0, -0.0),
            (min, min, -0.0), (-min, min, 0.0), (min, -min, -0.0), (min, 0.5, 0.0), (min, 0.5, -0.0), (-min, 0.5, 0.0),
            (p600, p600, -inf), (p600, p600, inf), (p600, -p600, inf), (p600, p600, nan), (p600, p600, -max), (p600, -p600, max),
            (p1000, 4.0, -Math.ScaleB(1.0, 1002) * (1 - (eps / 2))),
            (p1000, 4.0, -max), (max, 2.0, -max), (max, 1.5, -max), (max, -2.0, max), (max, 1.0, max), (max, 1.0, -max),
            // The overflow threshold, 2^1024 − 2^970: a tie between MaxValue and 2^1024, which rounds up to ∞.
            (max, 1.0, Math.ScaleB(1.0, 970)), (max, 1.0, Math.BitDecrement(Math.ScaleB(1.0, 970))),
            (max, 1.0, Math.BitIncrement(Math.ScaleB(1.0, 970))), (max, -1.0, -Math.ScaleB(1.0, 970)),
            (Math.ScaleB(1.0, 512), Math.ScaleB(1.0, 512), -Math.ScaleB(1.0, 970)), (Math.ScaleB(1.0, 512), Math.ScaleB(1.0, 512), -Math.ScaleB(1.0, 971)),
            (Math.ScaleB(1 + eps, 511), Math.ScaleB(2 - (2 * eps), 512), Math.ScaleB(1.0, 969)),
            // Products below the subnormal numbers, with c zero, subnormal or normal.
            (min, min, 0.0), (min, min, -0.0), (min, -min, 0.0), (min, min, min), (min, -min, min), (-min, min, -min),
            (smallest, smallest, smallest), (smallest, -smallest, smallest), (smallest, 0.5, -smallest),
            (Math.ScaleB(1.0, -537), Math.ScaleB(1.0, -538), -0.0), (Math.ScaleB(1.0, -537), Math.ScaleB(1.5, -538), 0.0),
            (Math.ScaleB(3.0, -540), Math.ScaleB(1.0, -536), min), (Math.ScaleB(3.0, -540), Math.ScaleB(1.0, -536), -min),
            (Math.ScaleB(1 + eps, -537), Math.ScaleB(1.0, -538), -min), (Math.ScaleB(1.0, 1023), Math.ScaleB(1.0, -2097), 0.0),
            (Math.ScaleB(1.0, -1022), Math.ScaleB(1 + eps, -53), 0.0), (Math.ScaleB(1.0, -1022), Math.ScaleB(1 - (eps / 2), 0), -min),
            (Math.ScaleB(1.0, -1074), Math.ScaleB(1.0, 1023), 0.0), (min, max, -max), (max, min, min),
            // Exact cancellation and the product's error.
            (0.1, 10.0, -1.0), (1.0 / 3, 3.0, -1.0), (1 + eps, 1 - eps, -1.0), (1 + eps, 1 + eps, -(1 + (2 * eps))), (1 + eps, 1 + eps, -1.0),
            (Math.ScaleB(1 + eps, -520), Math.ScaleB(1 + eps, -520), -Math.ScaleB(1 + (2 * eps), -1040)),
            (Math.ScaleB(1 + eps, 600), Math.ScaleB(1 + eps, 422), -Math.ScaleB(1 + (2 * eps), 1022)),
            // c far from a · b, and a · b far from c.
            (1.0, 1.0, Math.ScaleB(1.0, 60)), (1.0, 1.0, -Math.ScaleB(1.0, 53)), (1.0, min, 1.0), (1.0, min, -1.0), (min, min, max),
            (1.0, Math.ScaleB(1.0, -54), -1.0), (1.0, Math.ScaleB(1.0, -54), 1.0), (1 + eps, Math.ScaleB(1.0, -54), -1.0),
            (Math.ScaleB(1.0, -30), Math.ScaleB(1.0, -30), 1.0), (Math.ScaleB(1.0, -30), -Math.ScaleB(1.0, -30), 1.0),
        ];
        foreach ((double a, double b, double c) in cases)
        {
            checker.Check(a, b, c);
            checker.Check(b, a, c);
            checker.Check(-a, b, -c);
        }

        checker.AssertNoFailure();
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(SoftwareFma.MulAdd(0.0, 5.0, -0.0)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(SoftwareFma.MulAdd(-0.0, 5.0, -0.0)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(SoftwareFma.MulAdd(1.0, -1.0, 1.0)));
        Assert.Equal(double.NegativeInfinity, SoftwareFma.MulAdd(p600, p600, double.NegativeInfinity));
        Assert.Equal(Math.ScaleB(1.0, 949), SoftwareFma.MulAdd(p1000, 4.0, -Math.ScaleB(1.0, 1002) * (1 - (eps / 2))));
    }

    [Fact]
    public void Chosen_single_cases_match_MathF_FusedMultiplyAdd()
    {
        float max = float.MaxValue, min = float.Epsilon, smallest = Arithmetic.SmallestNormalSingle;
        float inf = float.PositiveInfinity, nan = float.NaN, eps = MathF.ScaleB(1f, -23);
        float[] special = [0f, -0f, 1f, -1f, 5f, -5f, min, -min, smallest, -smallest, max, -max, inf, -inf, nan, 0.5f, 3f, 1 + eps, 1 - (eps / 2)];
        var checker = new Checker();
        foreach (float a in special)
        {
            foreach (float b in special)
            {
                foreach (float c in special)
                {
                    checker.Check(a, b, c);
                }
            }
        }

        float u = 1 + MathF.ScaleB(1f, -12);
        (float, float, float)[] cases =
        [
            (0f, 5f, -0f), (-0f, 5f, -0f), (1f, -1f, 1f), (min, min, -0f), (-min, min, 0f), (min, 0.5f, 0f),
            // (1 + 2^−12)² = 1 + 2^−11 + 2^−24, a tie in float: in double plus 2^−70 it is still the tie, which rounds to
            // even (down), but the exact sum is above it and rounds up. Rounding to odd keeps the 2^−70.
            (u, u, MathF.ScaleB(1f, -70)), (u, u, -MathF.ScaleB(1f, -70)), (-u, u, MathF.ScaleB(1f, -70)),
            (u, u, MathF.ScaleB(1f, -60)), (u, u, MathF.ScaleB(1f, -80)), (u, u, min),
            // The same in the subnormal floats: a · b = (1 + 2^−11 + 2^−24) · 2^−130 is a tie between subnormal floats.
            (MathF.ScaleB(u, -65), MathF.ScaleB(u, -65), MathF.ScaleB(1f, -149)), (MathF.ScaleB(u, -65), MathF.ScaleB(u, -65), 0f),
            (MathF.ScaleB(u, -65), MathF.ScaleB(u, -65), -0f), (MathF.ScaleB(3f, -75), MathF.ScaleB(1f, -75), 0f),
            (MathF.ScaleB(3f, -75), MathF.ScaleB(1f, -75), min), (MathF.ScaleB(3f, -75), MathF.ScaleB(1f, -75), -min),
            // The overflow threshold, 2^128 − 2^103.
            (max, 1f, MathF.ScaleB(1f, 103)), (max, 1f, MathF.BitDecrement(MathF.ScaleB(1f, 103))), (max, 2f, -max), (max, -1f, -MathF.ScaleB(1f, 103)),
            (MathF.ScaleB(1f, 100), MathF.ScaleB(1f, 100), -inf), (MathF.ScaleB(1f, 100), MathF.ScaleB(1f, 100), -max),
            (1 + eps, 1 - eps, -1f), (1 + eps, 1 + eps, -(1 + (2 * eps))), (0.1f, 10f, -1f),
        ];
        foreach ((float a, float b, float c) in cases)
        {
            checker.Check(a, b, c);
            checker.Check(b, a, c);
            checker.Check(-a, b, -c);
        }

        checker.AssertNoFailure();

        // The first case is one a double sum rounded to float gets wrong.
        Assert.NotEqual(MathF.FusedMultiplyAdd(u, u, MathF.ScaleB(1f, -70)), (float)(((double)u * u) + MathF.ScaleB(1f, -70)));
    }
}
