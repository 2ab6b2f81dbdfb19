using System;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// <c>a · b + c</c> rounded once, to nearest with ties to even, in plain double arithmetic: IEEE 754's fusedMultiplyAdd
/// for every input (signed zeros, infinities, NaN, subnormal numbers, overflow), bit for bit what
/// <c>Math.FusedMultiplyAdd</c> and <c>MathF.FusedMultiplyAdd</c> return, for the builds of NetGen whose runtime has
/// neither (.NET Standard 2.1, which Unity and Mono run). It uses no hardware intrinsic, only additions,
/// multiplications and the bits of a double.
/// <para>
/// The method is Boldo and Melquiond's ("Emulation of FMA and correctly rounded sums: proved algorithms using rounding to
/// odd", IEEE Transactions on Computers 57(4), 2008). Dekker's product splits <c>a · b</c> into <c>uh + ul</c> exactly
/// (<c>uh</c> the rounded product, <c>ul</c> its rounding error); Knuth's TwoSum splits <c>c + uh</c> into
/// <c>th + tl</c> exactly; <c>v</c> is <c>tl + ul</c> rounded to odd (of the two doubles around the sum, the one whose
/// last bit is 1, unless the sum is a double); and <c>th + v</c> rounded to nearest is the correctly rounded
/// <c>a · b + c</c>. Why: when <c>tl ≠ 0</c>, <c>|th| ≥ |uh| / 2</c>, so <c>|tl + ul| ≤ 1.5 ulp(th)</c> and
/// <c>v</c>'s last place is 2^−52 of <c>th</c>'s or less. The exact sum <c>tl + ul</c> and <c>v</c> then lie strictly
/// inside the same interval between two consecutive multiples of twice <c>v</c>'s last place, which <c>th</c> is a
/// multiple of, so <c>th + v</c> and the exact <c>a · b + c</c> lie inside the same interval too, and no rounding to a
/// coarser grid (53 bits, or fewer for a subnormal result) can tell them apart. (When <c>tl = 0</c>, <c>v = ul</c>
/// exactly.) Rounding <c>tl + ul</c> to nearest instead would lose the information that decides a tie: that is double
/// rounding.
/// </para>
/// <para>
/// All of this holds when nothing overflows and every partial product is a multiple of 2^−1074, the last place of the
/// subnormal doubles. Inputs for which that is so (exponents of <c>a</c> and <c>b</c> from −1022 to 995, of their
/// product from −970 to 1020, of <c>c</c> up to 1021: every value a network trains with) take a short path, which
/// ends by checking that the result is normal. The rest (zeros, infinities and NaN; subnormal <c>a</c> or <c>b</c>;
/// extreme exponents; results that are subnormal) take <see cref="MulAddRare"/>, which computes
/// <c>a · b + c = 2^p · (a' · b' + c')</c> with <c>a'</c> and <c>b'</c> in [1, 2) and <c>c'</c> in
/// [2^−110, 2^61), where nothing overflows or underflows, and scales the result back with a single rounding.
/// </para>
/// <para>
/// Single precision needs no splitting: the product of two floats is exact in double, and their sum rounded to odd in
/// double (53 bits, two more than float's 24 and the 51 that any rounding to float may need) and then to float is the
/// correctly rounded result, subnormal floats included.
/// </para>
/// <para>
/// Like every floating-point algorithm of this kind, it needs each operation rounded to double precision as written: a
/// compiler that fuses <c>x · y + z</c> on its own, or computes doubles in x87's 80-bit registers, breaks it.
/// </para>
/// </summary>
internal static class SoftwareFma
{
    /// <summary>2^27 + 1: <c>x · Splitter</c> splits a double into two halves of 26 significant bits (Veltkamp).</summary>
    private const double Splitter = 134217729.0;

    /// <summary>2^−1022, the smallest positive normal double.</summary>
    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>2^54: a subnormal double times this is normal, exactly.</summary>
    private const double TwoTo54 = 18014398509481984.0;

    private const long SignBit = unchecked((long)0x8000_0000_0000_0000UL);

    private const long ExponentBits = 0x7FF0_0000_0000_0000L;

    /// <summary><c>a · b + c</c> rounded once to the nearest double (ties to even), as IEEE 754 fusedMultiplyAdd.</summary>
    public static double MulAdd(double a, double b, double c)
    {
        // Biased exponents: 1 to 2046 for normal numbers, 0 for zeros and subnormal numbers, 2047 for ±∞ and NaN. The
        // short path takes a and b normal with exponents up to 995 (so x · Splitter does not overflow), their product's
        // exponent from −970 (so its last bit, 2^(−970−104) or above, is not below 2^−1074) to 1020, and c's up to 1021
        // (so c + a · b does not overflow).
        int ea = (int)(BitConverter.DoubleToInt64Bits(a) >> 52) & 0x7FF;
        int eb = (int)(BitConverter.DoubleToInt64Bits(b) >> 52) & 0x7FF;
        int ec = (int)(BitConverter.DoubleToInt64Bits(c) >> 52) & 0x7FF;
        if ((uint)(ea - 1) < 2018u && (uint)(eb - 1) < 2018u && (uint)(ea + eb - 1076) <= 1990u && ec <= 2044)
        {
            double th = SumOfProduct(a, b, c, out double v);
            double result = th + v;

            // A subnormal result (exact cancellation's zero among them) is exact here, as every part is a multiple of
            // 2^−1074, but the proof above assumes no underflow: the rare path settles it.
            if (Math.Abs(result) >= SmallestNormal)
            {
                return result;
            }
        }

        return MulAddRare(a, b, c);
    }

    /// <summary>
    /// <c>a · b + c</c> in single precision rounded once to the nearest float (ties to even), as IEEE 754
    /// fusedMultiplyAdd: the exact product in double, the sum rounded to odd in double, then rounded to float.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MulAdd(float a, float b, float c)
    {
        // The product of two floats has at most 48 significant bits and an exponent from −298 to 255: exact in double.
        // The sum of it and c is then rounded to odd: TwoSum gives its rounding error, and where that is not 0 and the
        // rounded sum's last bit is 0, the rounded sum moves one place towards the error (its other neighbour, whose
        // last bit is 1). Sums of finite floats never overflow nor underflow in double; with ±∞ or NaN the error is
        // NaN, which fails the test, and the sum is IEEE's result already.
        double product = (double)a * b;
        double sum = product + c;
        double z = sum - product;
        double error = (product - (sum - z)) + (c - z);
        if (Math.Abs(error) > 0)
        {
            sum = RoundToOdd(sum, error);
        }

        return (float)sum;
    }

    /// <summary>
    /// <c>th</c> and <paramref name="v"/> (returned) with <c>th + v</c> rounded to nearest equal to <c>a · b + c</c>
    /// rounded to nearest, and rounded the same way to any coarser grid: Boldo and Melquiond's emulation (the class's
    /// remarks), valid when nothing overflows and every partial product of <c>a · b</c> is a multiple of 2^−1074.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SumOfProduct(double a, double b, double c, out double v)
    {
        // Dekker's product: a = aHi + aLo and b = bHi + bLo with halves of at most 26 bits (Veltkamp's splitting), whose
        // four products are exact, so that uh + ul = a · b exactly.
        double t = Splitter * a;
        double aHi = t - (t - a);
        double aLo = a - aHi;
        t = Splitter * b;
        double bHi = t - (t - b);
        double bLo = b - bHi;
        double uh = a * b;
        double ul = (((aHi * bHi) - uh) + (aHi * bLo) + (aLo * bHi)) + (aLo * bLo);

        // TwoSum: th + tl = c + uh exactly.
        double th = c + uh;
        double z = th - c;
        double tl = (c - (th - z)) + (uh - z);

        // v = tl + ul rounded to odd.
        double s = tl + ul;
        z = s - tl;
        double error = (tl - (s - z)) + (ul - z);
        v = error != 0 ? RoundToOdd(s, error) : s;
        return th;
    }

    /// <summary>
    /// The double next to <paramref name="rounded"/> towards <c>rounded + error</c> if <paramref name="rounded"/>'s last
    /// bit is 0, else <paramref name="rounded"/>: the exact sum <c>rounded + error</c> rounded to odd, given that
    /// <paramref name="rounded"/> is that sum rounded to nearest and <paramref name="error"/> ≠ 0 its rounding error.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double RoundToOdd(double rounded, double error)
    {
        // A double's bits, read as an integer, order the magnitudes, so ±1 is the next double away from or towards 0.
        // Towards 0 (error of the other sign) from bits n: n − 1 if n is even, n if it is odd, which is (n − 1) | 1;
        // away from 0: n + 1 if n is even, n if it is odd, which is n | 1.
        long bits = BitConverter.DoubleToInt64Bits(rounded);
        long towardsZero = (long)((ulong)(bits ^ BitConverter.DoubleToInt64Bits(error)) >> 63);
        return BitConverter.Int64BitsToDouble((bits - towardsZero) | 1);
    }

    /// <summary>
    /// <see cref="MulAdd(double, double, double)"/> for what its short path does not take: zeros, infinities and NaN,
    /// subnormal or extreme inputs, and results that are subnormal.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double MulAddRare(double a, double b, double c)
    {
        // Infinities and NaN: a · b is then ±∞ or NaN, and + c gives IEEE's result (∞ − ∞ is NaN). A finite a · b
        // can overflow, so an infinite or NaN c is the result by itself. A zero a or b makes a · b an exact ±0, and a
        // zero c leaves a · b ≠ 0 alone (its rounding to ±0, if it underflows, has a · b's sign), so each sum is
        // rounded once and gives zeros the signs IEEE prescribes (+0 for x + (−x) and +0 + −0, −0 for −0 + −0).
        if (!double.IsFinite(a) || !double.IsFinite(b) || a == 0 || b == 0)
        {
            return (a * b) + c;
        }

        if (!double.IsFinite(c))
        {
            return c;
        }

        if (c == 0)
        {
            return a * b;
        }

        // a · b + c = 2^p · (a' · b' + c'), with a' and b' in [1, 2) and c' = m · 2^d, m in [1, 2).
        double ma = Significand(a, out int ea);
        double mb = Significand(b, out int eb);
        double mc = Significand(c, out int ec);
        int p = ea + eb;
        int d = ec - p;

        // |a · b| < 2^(p + 2) ≤ 2^(ec − 59): below a quarter of c's last place (a subnormal c's included), so the sum
        // rounds to c.
        if (d > 60)
        {
            return c;
        }

        // |c'| < 2^−110 touches a' · b' (a multiple of 2^−104) only through its sign: the result's rounding boundaries
        // (multiples of 2^−54 at least) are not crossed, and a' · b' on a boundary leaves it on c's side. A smaller
        // c' = m · 2^−110 of the same sign gives the same result and keeps every part far from underflow.
        double cs = mc * Power2(d < -110 ? -110 : d);
        double th = SumOfProduct(ma, mb, cs, out double v);

        // The scaled result's parts are multiples of 2^−162 and below 2^63: s = th + v and its error are exact.
        double s = th + v;
        if (s == 0)
        {
            return 0.0; // exact cancellation of nonzero terms: +0
        }

        int es = ((int)(BitConverter.DoubleToInt64Bits(s) >> 52) & 0x7FF) - 1023;

        // A normal result (or an overflow): s is a · b + c rounded to 53 bits, and 2^p · s is exact, or ±∞.
        if (es + p >= -1022)
        {
            return ScaleExactly(s, p);
        }

        // Below half the smallest subnormal: ±0 with the sign of the exact result.
        if (es + p < -1077)
        {
            return s < 0 ? -0.0 : 0.0;
        }

        // A subnormal result: a · b + c rounded to a multiple of 2^−1074, that is, th + v (= s + e exactly) rounded to
        // a multiple of u = 2^(−1074 − p). Scaling s by 2^p would round it to nearest, and rounding s to 53 bits first
        // would be a second rounding, wrong where s is a tie that e decides. So: s + bias, with bias = ±2^52 · u of s's
        // sign, rounds s to a multiple of u (ties to even), exactly as 2^p · s would; where s is a tie and e ≠ 0 points
        // the other way, the result moves one u towards e.
        double e = (th - (s - (s - th))) + (v - (s - th));
        double bias = Power2(-1022 - p);
        if (s < 0)
        {
            bias = -bias;
        }

        double r = (bias + s) - bias; // exact (Sterbenz)
        double g = s - r;             // exact: s's rounding error, a multiple of ulp(s) ≤ u / 2
        double halfUnit = Power2(-1075 - p);
        if ((g == halfUnit && e > 0) || (g == -halfUnit && e < 0))
        {
            r += g + g;
        }

        // 2^p · r is a multiple of 2^−1074 no larger than 2^−1022: exact. A zero takes the exact result's sign.
        double result = ScaleExactly(r, p);
        return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(result) | (BitConverter.DoubleToInt64Bits(s) & SignBit));
    }

    /// <summary>
    /// The significand of a finite nonzero <paramref name="x"/> with its sign, in [1, 2) in magnitude, and its
    /// <paramref name="exponent"/>: <c>x = significand · 2^exponent</c> exactly, subnormal numbers included.
    /// </summary>
    private static double Significand(double x, out int exponent)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)(bits >> 52) & 0x7FF;
        int shift = 0;
        if (biased == 0)
        {
            bits = BitConverter.DoubleToInt64Bits(x * TwoTo54);
            biased = (int)(bits >> 52) & 0x7FF;
            shift = 54;
        }

        exponent = biased - 1023 - shift;
        return BitConverter.Int64BitsToDouble((bits & ~ExponentBits) | (1023L << 52));
    }

    /// <summary>2^n as a double, for n from −1022 to 1023.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Power2(int n) => BitConverter.Int64BitsToDouble((long)(n + 1023) << 52);

    /// <summary>
    /// <c>x · 2^n</c> for n from −1139 to 2046, in two exact multiplications by powers of 2 where n is out of a
    /// double's range: exact when the result is a double (the callers make sure of it), or ±∞ when it overflows. The
    /// first factor never underflows the callers' <paramref name="x"/> (at least 2^−213 in magnitude where n &lt; −1022).
    /// </summary>
    private static double ScaleExactly(double x, int n)
    {
        if (n > 1023)
        {
            x *= Power2(1023);
            n -= 1023;
        }
        else if (n < -1022)
        {
            x *= Power2(-600);
            n += 600;
        }

        return x * Power2(n);
    }
}
