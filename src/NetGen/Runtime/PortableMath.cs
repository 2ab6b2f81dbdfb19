using System;
using System.ComponentModel;
#if !NETGEN_PORTABLE
using System.Numerics;
#endif
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// NetGen's own exp and log, for networks declared <c>Deterministic = true</c>: the same operations in the same order
/// at every vector width and in the scalar code, each multiply-add fused, each constant the same, so a value depends
/// on its argument only, never on the machine, the runtime or the width that computed it. <c>Math.Exp</c> and
/// <c>Math.Log</c> come from the platform's C library, and the runtime's vector exp from its own code, and they differ
/// between systems and versions in the last bit. Both functions are accurate to about one unit in the last place (the
/// tests check within two against <c>Math.Exp</c> and <c>Math.Log</c>); their results are not rounded correctly in every
/// case, but they are rounded the same way everywhere. The other members (<see cref="Abs(double)"/>,
/// <see cref="Max(double, double)"/>, …) are the platform's, which IEEE 754 defines exactly, so that generated code can
/// name this one class for all its arithmetic. The .NET Standard 2.1 build (Unity, Mono) computes the same bits: its
/// exp is the lanes' operations written for one value, its multiply-adds are fused in software
/// (<see cref="Arithmetic.MulAdd(double, double, double)"/>), and its Max follows IEEE 754's maximum as .NET's does
/// (+0 above −0, NaN if either is), where the older Math.Max of Mono returns its second argument on a tie.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PortableMath
{
    // exp(x) = 2^n · e^r with n = round(x / ln 2) and r = x − n · ln 2 in [−ln2/2, ln2/2] (ln 2 in two parts, so n · ln2Hi
    // is exact), e^r by its Taylor series to r^13 (r^7 in float; the coefficients the nearest doubles, or floats, to 1/k!;
    // the terms from r^4 on by Estrin's scheme, the first four by Horner's rule), whose first omitted term is below 0.04
    // (0.1) of the last place, then 2^n in two exact factors so that results down to the subnormals and up to overflow are
    // reached.
    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 0.693147180369123816490;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const float Log2ESingle = 1.44269502f;
    private const float Ln2HiSingle = 0.693145752f;
    private const float Ln2LoSingle = 1.42860677e-6f;

    /// <summary>1.5 · 2^52: a number near 0 added to it is rounded to a whole number (1.5 · 2^23 in float).</summary>
    private const double RoundingShifter = 6755399441055744.0;
    private const float RoundingShifterSingle = 12582912f;

#if !NETGEN_PORTABLE
    /// <summary>e^x of every lane, the same bits at every width (<see cref="Scalar{T}"/> included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TV Exp<TV, TL, T>(TV x)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? ExpSingle<TV, TL, T>(x) : ExpDouble<TV, TL, T>(x);

    // Each precision in a method of its own, and every constant through K, which the JIT folds: the JIT's inlining
    // budget counts a method's whole IL, so one method with both precisions' code would not be inlined into a kernel's
    // loop, and neither would the constants' conversions.

    /// <summary>e^x in double: <see cref="Exp{TV, TL, T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ExpDouble<TV, TL, T>(TV x)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV r = Reduce<TV, TL, T>(x, 710.0, -746.0, RoundingShifter, Log2E, Ln2Hi, Ln2Lo, out TV n);

        // e^r = Σ r^k / k!, k ≤ 13: the terms from r^4 on as Q(r) = Σ r^(k−4) / k! by Estrin's scheme (pairs, then
        // pairs of pairs, so the multiply-adds form a tree four deep rather than a chain ten long), then the first four by
        // Horner's rule, which keeps the accuracy (Q's rounding counts times r^4 ≤ 0.0145).
        TV r2 = TL.Multiply(r, r);
        TV r4 = TL.Multiply(r2, r2);
        TV a0 = TL.MultiplyAdd(TL.Broadcast(K<T>(1.0 / 120.0)), r, TL.Broadcast(K<T>(1.0 / 24.0)));
        TV a1 = TL.MultiplyAdd(TL.Broadcast(K<T>(1.0 / 5040.0)), r, TL.Broadcast(K<T>(1.0 / 720.0)));
        TV a2 = TL.MultiplyAdd(TL.Broadcast(K<T>(1.0 / 362880.0)), r, TL.Broadcast(K<T>(1.0 / 40320.0)));
        TV a3 = TL.MultiplyAdd(TL.Broadcast(K<T>(1.0 / 39916800.0)), r, TL.Broadcast(K<T>(1.0 / 3628800.0)));
        TV a4 = TL.MultiplyAdd(TL.Broadcast(K<T>(1.0 / 6227020800.0)), r, TL.Broadcast(K<T>(1.0 / 479001600.0)));
        TV b0 = TL.MultiplyAdd(a1, r2, a0);
        TV b1 = TL.MultiplyAdd(a3, r2, a2);
        TV q = TL.MultiplyAdd(a4, TL.Multiply(r4, r4), TL.MultiplyAdd(b1, r4, b0));
        TV p = SeriesHead<TV, TL, T>(q, r);
        return Scale<TV, TL, T>(p, n, 1000.0, 100.0, 1.2676506002282294e30, 7.888609052210118e-31);
    }

    /// <summary>e^x in float: <see cref="Exp{TV, TL, T}"/> with float's limits, ln 2 in float parts and the series to r^7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV ExpSingle<TV, TL, T>(TV x)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV r = Reduce<TV, TL, T>(x, 89.0, -104.0, RoundingShifterSingle, Log2ESingle, Ln2HiSingle, Ln2LoSingle, out TV n);
        // Q(r) = 1/4! + r/5! + r²/6! + r³/7! as two pairs, then the first four terms by Horner's rule, as in double.
        TV a0 = TL.MultiplyAdd(TL.Broadcast(K<T>(1.0 / 120.0)), r, TL.Broadcast(K<T>(1.0 / 24.0)));
        TV a1 = TL.MultiplyAdd(TL.Broadcast(K<T>(1.0 / 5040.0)), r, TL.Broadcast(K<T>(1.0 / 720.0)));
        TV p = SeriesHead<TV, TL, T>(TL.MultiplyAdd(a1, TL.Multiply(r, r), a0), r);
        return Scale<TV, TL, T>(p, n, 100.0, 50.0, 1125899906842624.0, 8.881784197001252e-16);
    }

    /// <summary>
    /// x held to [<paramref name="low"/>, <paramref name="high"/>] (past them e^x is 0 or ∞ anyway, and n stays in the range
    /// <see cref="Scale"/> handles; a NaN fails both comparisons and stays NaN to the end), n = round(x / ln 2) by the
    /// shifter, and the remainder r = x − n · ln 2, ln 2 in two parts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Reduce<TV, TL, T>(TV x, double high, double low, double shifter, double log2E, double ln2Hi, double ln2Lo, out TV n)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV highest = TL.Broadcast(K<T>(high));
        TV lowest = TL.Broadcast(K<T>(low));
        x = TL.WhereGreater(x, highest, highest, x);
        x = TL.WhereGreater(lowest, x, lowest, x);
        TV shift = TL.Broadcast(K<T>(shifter));
        n = TL.Subtract(TL.MultiplyAdd(x, TL.Broadcast(K<T>(log2E)), shift), shift);
        TV r = TL.MultiplyAdd(n, TL.Broadcast(K<T>(-ln2Hi)), x);
        return TL.MultiplyAdd(n, TL.Broadcast(K<T>(-ln2Lo)), r);
    }

    /// <summary>1 + r + r²/2 + r³/6 + r⁴ · q by Horner's rule: ((q · r + 1/6) · r + 1/2) · r + 1, then · r + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV SeriesHead<TV, TL, T>(TV q, TV r)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV p = TL.MultiplyAdd(q, r, TL.Broadcast(K<T>(1.0 / 6.0)));
        p = TL.MultiplyAdd(p, r, TL.Broadcast(K<T>(0.5)));
        TV one = TL.Broadcast(K<T>(1.0));
        p = TL.MultiplyAdd(p, r, one);
        return TL.MultiplyAdd(p, r, one);
    }

    /// <summary>
    /// p · 2^n as 2^(n − m) · 2^m, m = ±<paramref name="step"/> where |n| is past <paramref name="limit"/>, else 0: the first
    /// factor is a normal number, so p · 2^(n − m) is exact, and the one rounding is the last product's (into the
    /// subnormals or to ∞ where the result lies there).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Scale<TV, TL, T>(TV p, TV n, double limit, double step, double twoToStep, double twoToMinusStep)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV above = TL.Broadcast(K<T>(limit));
        TV below = TL.Broadcast(K<T>(-limit));
        TV m = TL.WhereGreater(n, above, TL.Broadcast(K<T>(step)), TL.WhereGreater(below, n, TL.Broadcast(K<T>(-step)), TL.Zero));
        TV twoToM = TL.WhereGreater(n, above, TL.Broadcast(K<T>(twoToStep)), TL.WhereGreater(below, n, TL.Broadcast(K<T>(twoToMinusStep)), TL.Broadcast(K<T>(1.0))));
        return TL.Multiply(TL.Multiply(p, TL.PowerOfTwo(TL.Subtract(n, m))), twoToM);
    }

    /// <summary>A constant in <typeparamref name="T"/>: the double itself, or rounded once to float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T K<T>(double value)
        where T : unmanaged
        => typeof(T) == typeof(float) ? (T)(object)(float)value : (T)(object)value;

#endif

    /// <summary>e^x, NetGen's own (see the class); the same bits as every vector lane computes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETGEN_PORTABLE
    public static double Exp(double x) => ExpScalar(x);
#else
    public static double Exp(double x) => Exp<double, Scalar<double>, double>(x);
#endif

    /// <summary>e^x in single precision, NetGen's own, computed in float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETGEN_PORTABLE
    public static float Exp(float x) => ExpScalar(x);
#else
    public static float Exp(float x) => Exp<float, Scalar<float>, float>(x);
#endif

    /// <summary>
    /// <see cref="Exp(double)"/> written for one double, operation for operation as the lanes compute it: the form of the
    /// builds without generic math (.NET Standard 2.1), which the tests hold to the same bits as the lanes'.
    /// </summary>
    internal static double ExpScalar(double x)
    {
        // Reduce: x held to [−746, 710], n = round(x / ln 2), r = x − n · ln 2 (ln 2 in two parts).
        x = x > 710.0 ? 710.0 : x;
        x = -746.0 > x ? -746.0 : x;
        double n = Arithmetic.MulAdd(x, Log2E, RoundingShifter) - RoundingShifter;
        double r = Arithmetic.MulAdd(n, -Ln2Hi, x);
        r = Arithmetic.MulAdd(n, -Ln2Lo, r);

        // The series, as ExpDouble: Estrin's scheme from r^4 on, then Horner's rule.
        double r2 = r * r;
        double r4 = r2 * r2;
        double a0 = Arithmetic.MulAdd(1.0 / 120.0, r, 1.0 / 24.0);
        double a1 = Arithmetic.MulAdd(1.0 / 5040.0, r, 1.0 / 720.0);
        double a2 = Arithmetic.MulAdd(1.0 / 362880.0, r, 1.0 / 40320.0);
        double a3 = Arithmetic.MulAdd(1.0 / 39916800.0, r, 1.0 / 3628800.0);
        double a4 = Arithmetic.MulAdd(1.0 / 6227020800.0, r, 1.0 / 479001600.0);
        double b0 = Arithmetic.MulAdd(a1, r2, a0);
        double b1 = Arithmetic.MulAdd(a3, r2, a2);
        double q = Arithmetic.MulAdd(a4, r4 * r4, Arithmetic.MulAdd(b1, r4, b0));
        double p = Arithmetic.MulAdd(q, r, 1.0 / 6.0);
        p = Arithmetic.MulAdd(p, r, 0.5);
        p = Arithmetic.MulAdd(p, r, 1.0);
        p = Arithmetic.MulAdd(p, r, 1.0);

        // p · 2^(n − m) · 2^m, m = ±100 where |n| > 1000.
        double m = n > 1000.0 ? 100.0 : -1000.0 > n ? -100.0 : 0.0;
        double twoToM = n > 1000.0 ? 1.2676506002282294e30 : -1000.0 > n ? 7.888609052210118e-31 : 1.0;
        return p * PowerOfTwo(n - m) * twoToM;
    }

    /// <summary><see cref="Exp(float)"/> written for one float, operation for operation as the lanes compute it (see <see cref="ExpScalar(double)"/>).</summary>
    internal static float ExpScalar(float x)
    {
        x = x > 89f ? 89f : x;
        x = -104f > x ? -104f : x;
        float n = Arithmetic.MulAdd(x, Log2ESingle, RoundingShifterSingle) - RoundingShifterSingle;
        float r = Arithmetic.MulAdd(n, -Ln2HiSingle, x);
        r = Arithmetic.MulAdd(n, -Ln2LoSingle, r);
        float a0 = Arithmetic.MulAdd((float)(1.0 / 120.0), r, (float)(1.0 / 24.0));
        float a1 = Arithmetic.MulAdd((float)(1.0 / 5040.0), r, (float)(1.0 / 720.0));
        float q = Arithmetic.MulAdd(a1, r * r, a0);
        float p = Arithmetic.MulAdd(q, r, (float)(1.0 / 6.0));
        p = Arithmetic.MulAdd(p, r, 0.5f);
        p = Arithmetic.MulAdd(p, r, 1f);
        p = Arithmetic.MulAdd(p, r, 1f);
        float m = n > 100f ? 50f : -100f > n ? -50f : 0f;
        float twoToM = n > 100f ? 1125899906842624f : -100f > n ? 8.881784197001252e-16f : 1f;
        return p * PowerOfTwo(n - m) * twoToM;
    }

    /// <summary>2^n for a whole n in double's normal range, from its bits (exact, as the lanes' PowerOfTwo).</summary>
    private static double PowerOfTwo(double n) => BitConverter.Int64BitsToDouble((long)(n + 1023.0) << 52);

    /// <summary>2^n for a whole n in float's normal range, from its bits.</summary>
    private static float PowerOfTwo(float n) => BitConverter.Int32BitsToSingle((int)(n + 127f) << 23);

    /// <summary>
    /// The natural logarithm, NetGen's own: <c>x = 2^e · m</c> with m in [√½, √2), <c>ln m = 2 atanh(s)</c> with
    /// <c>s = (m − 1)/(m + 1)</c> by its series to s^21, then <c>e · ln 2</c> added in two parts. 0 gives −∞, +∞ gives +∞,
    /// a negative number or NaN gives NaN.
    /// </summary>
    public static double Log(double x)
    {
        if (!(x > 0.0) || double.IsPositiveInfinity(x))
        {
            return x == 0.0 ? double.NegativeInfinity : x > 0.0 ? x : double.NaN;
        }

        int e = 0;
        if (x < 2.2250738585072014e-308)
        {
            x *= 18014398509481984.0; // 2^54: a subnormal made normal
            e = -54;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        e += (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            e++;
        }

        double f = m - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;

        // ln m = 2s + 2s · (z/3 + z²/5 + … + z^10/21), the sum by Horner's rule from its last term.
        double sum = 1.0 / 21.0;
        for (int k = 9; k >= 1; k--)
        {
            sum = Arithmetic.MulAdd(sum, z, 1.0 / ((2 * k) + 1));
        }

        double t = 2.0 * s;
        double logM = Arithmetic.MulAdd(t, z * sum, t);
        return Arithmetic.MulAdd(e, Ln2Hi, Arithmetic.MulAdd(e, Ln2Lo, logM));
    }

    /// <summary>The natural logarithm in single precision: <see cref="Log(double)"/> of the float, rounded to float.</summary>
    public static float Log(float x) => (float)Log((double)x);

    /// <summary>
    /// <c>x^n</c> for a whole n ≥ 0 by repeated squaring in double-double arithmetic (each product's rounding error kept
    /// by a fused multiply-add), rounded to double once at the end: the same products in the same order everywhere (Adam's
    /// bias corrections <c>1 − β^t</c>), and within a unit in the last place of the exact power.
    /// </summary>
    public static double Pow(double x, long n)
    {
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "PortableMath.Pow takes a whole power of at least 0.");
        }

        double resultHi = 1.0, resultLo = 0.0, baseHi = x, baseLo = 0.0;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                (resultHi, resultLo) = Multiply(resultHi, resultLo, baseHi, baseLo);
            }

            n >>= 1;
            if (n > 0)
            {
                (baseHi, baseLo) = Multiply(baseHi, baseLo, baseHi, baseLo);
            }
        }

        return resultHi + resultLo;
    }

    /// <summary>The product of two double-double numbers, as a double-double.</summary>
    private static (double Hi, double Lo) Multiply(double aHi, double aLo, double bHi, double bLo)
    {
        double p = aHi * bHi;
        if (!double.IsFinite(p) || p == 0.0)
        {
            return (p, 0.0);
        }

        double e = Arithmetic.MulAdd(aHi, bHi, -p);
        e = Arithmetic.MulAdd(aHi, bLo, Arithmetic.MulAdd(aLo, bHi, e));
        double hi = p + e;
        return (hi, e - (hi - p));
    }

    /// <summary>
    /// The cosine, NetGen's own (the cosine learning-rate schedule): x reduced by the nearest multiple n of π/2 (π/2 in
    /// three parts, each product exact or fused), then by the quadrant n mod 4 the Taylor series of ±cos or ±sin of the
    /// remainder r in [−π/4, π/4], to r^18 and r^17. Accurate for |x| up to about 10^9.
    /// </summary>
    public static double Cos(double x)
    {
        if (!double.IsFinite(x))
        {
            return double.NaN;
        }

        // π/2 = PiOver2Hi + PiOver2Mid + PiOver2Lo, the first two with 33 significant bits so that n · them is exact.
        const double PiOver2Hi = 1.57079632673412561417e+00;
        const double PiOver2Mid = 6.07710050630396597660e-11;
        const double PiOver2Lo = 2.02226624879595063154e-21;
        double n = Math.Round(x * (2.0 / Math.PI));
        double r = Arithmetic.MulAdd(-n, PiOver2Lo, (x - (n * PiOver2Hi)) - (n * PiOver2Mid));
        double r2 = r * r;

        // cos r = Σ (−1)^j r^2j / (2j)!, sin r = r · Σ (−1)^j r^2j / (2j + 1)!, j ≤ 9 and 8.
        double c = 1.0 / Factorial(18);
        for (int j = 8; j >= 0; j--)
        {
            c = Arithmetic.MulAdd(-c, r2, 1.0 / Factorial(2 * j));
        }

        double s = 1.0 / Factorial(17);
        for (int j = 7; j >= 0; j--)
        {
            s = Arithmetic.MulAdd(-s, r2, 1.0 / Factorial((2 * j) + 1));
        }

        s *= r;
        return ((long)n & 3) switch
        {
            0 => c,
            1 => -s,
            2 => -c,
            _ => s,
        };
    }

    private static double Factorial(int n)
    {
        double f = 1.0;
        for (int k = 2; k <= n; k++)
        {
            f *= k;
        }

        return f;
    }

    /// <summary>|x|, exactly (the platform's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double x) => Math.Abs(x);

    /// <summary>|x|, exactly (the platform's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float x) => MathF.Abs(x);

    /// <summary>The larger of two numbers, NaN if either is (the platform's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETGEN_PORTABLE
    public static double Max(double x, double y) =>
        x != y ? (double.IsNaN(x) ? x : y < x ? x : y) : (BitConverter.DoubleToInt64Bits(y) < 0 ? x : y);
#else
    public static double Max(double x, double y) => Math.Max(x, y);
#endif

    /// <summary>The larger of two numbers, NaN if either is (the platform's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETGEN_PORTABLE
    public static float Max(float x, float y) =>
        x != y ? (float.IsNaN(x) ? x : y < x ? x : y) : (BitConverter.SingleToInt32Bits(y) < 0 ? x : y);
#else
    public static float Max(float x, float y) => MathF.Max(x, y);
#endif

    /// <summary>The square root, correctly rounded (the platform's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sqrt(double x) => Math.Sqrt(x);

    /// <summary>The square root, correctly rounded (the platform's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float x) => MathF.Sqrt(x);
}
