using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// The error function <c>erf(x) = 2/√π ∫₀ˣ e^(−t²) dt</c>, which .NET does not have, written once over
/// <see cref="ILanes{TV, T}"/> for every width and both precisions. The rational approximations are fdlibm's
/// (<c>s_erf.c</c>, Sun Microsystems 1993, freely distributable), on its four intervals of <c>|x|</c>:
/// <list type="bullet">
/// <item>below 0.84375, <c>x + x · P(x²)/Q(x²)</c>;</item>
/// <item>up to 1.25, <c>erx + P(s)/Q(s)</c> with <c>s = |x| − 1</c> and <c>erx = erf(1)</c> rounded to 24 bits;</item>
/// <item>up to 6, <c>1 − e^(−x² − 0.5625 + R(s)/S(s)) / |x|</c> with <c>s = 1/x²</c> (two sets of R/S, split at 1/0.35),
/// through the same exp the other activations use (the runtime's vector exp, or <c>Math.Exp</c>); fdlibm splits x²
/// to compute this exponent more exactly, which erfc needs but erf does not (the exp's term is at most 0.077 of the
/// result here, so its rounding is damped that much);</item>
/// <item>from 6 on, ±1 (1 − erf(6) is below 2⁻⁵⁴).</item>
/// </list>
/// Odd: the sign of x is put back last. Infinities give ±1, a NaN passes through (every comparison with it is false,
/// which selects the exp branch, and exp of NaN is NaN), and no branch overflows into the result (the vector forms
/// compute every branch and select; a huge |x| makes the unused ones inf or NaN, never the selected one). In single
/// precision the same coefficients are rounded to float, as fdlibm's original <c>s_erff.c</c> has them.
/// Measured against Python's <c>math.erf</c> over 4,001 points of [−7, 7] and tiny magnitudes (the fixture
/// <c>Fixtures/Torch/erf.json</c>, ErfTests): at most 1 ulp in double and 1 ulp in single precision (the single
/// precision result against <c>math.erf</c> of the same float, rounded to float), at every width.
/// </summary>
internal static class ErfFunction
{
    private const double Erx = 8.45062911510467529297e-01;

    /// <summary>erf of each lane: every interval's formula, then the one that applies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TL, T>(TV x)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV m = TL.Abs(x);
        TV tail = TL.WhereGreaterOrEqual(m, C<TV, TL, T>(6.0), TL.Broadcast(T.One), Tail<TV, TL, T>(m));
        TV magnitude = TL.WhereGreater(C<TV, TL, T>(1.25), m, Middle<TV, TL, T>(m), tail);
        TV positive = TL.WhereGreater(C<TV, TL, T>(0.84375), m, Small<TV, TL, T>(m), magnitude);
        return TL.WhereGreater(TL.Zero, x, TL.Negate(positive), positive);
    }

    /// <summary>erf of one value: the same formulas as the vectors, only the one that applies evaluated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Scalar<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T m = T.Abs(x);
        T positive = T.CreateTruncating(0.84375) > m ? Small<T, Scalar<T>, T>(m)
            : T.CreateTruncating(1.25) > m ? Middle<T, Scalar<T>, T>(m)
            : m >= T.CreateTruncating(6.0) ? T.One
            : Tail<T, Scalar<T>, T>(m);
        return T.Zero > x ? -positive : positive;
    }

    /// <summary><c>m + m · P(m²)/Q(m²)</c> for <c>m &lt; 0.84375</c> (m itself at 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Small<TV, TL, T>(TV m)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV z = TL.Multiply(m, m);
        TV r = TL.MultiplyAdd(C<TV, TL, T>(-2.37630166566501626084e-05), z, C<TV, TL, T>(-5.77027029648944159157e-03));
        r = TL.MultiplyAdd(r, z, C<TV, TL, T>(-2.84817495755985104766e-02));
        r = TL.MultiplyAdd(r, z, C<TV, TL, T>(-3.25042107247001499370e-01));
        r = TL.MultiplyAdd(r, z, C<TV, TL, T>(1.28379167095512558561e-01));
        TV s = TL.MultiplyAdd(C<TV, TL, T>(-3.96022827877536812320e-06), z, C<TV, TL, T>(1.32494738004321644526e-04));
        s = TL.MultiplyAdd(s, z, C<TV, TL, T>(5.08130628187576562776e-03));
        s = TL.MultiplyAdd(s, z, C<TV, TL, T>(6.50222499887672944485e-02));
        s = TL.MultiplyAdd(s, z, C<TV, TL, T>(3.97917223959155352819e-01));
        s = TL.MultiplyAdd(s, z, TL.Broadcast(T.One));
        return TL.MultiplyAdd(m, TL.Divide(r, s), m);
    }

    /// <summary><c>erx + P(s)/Q(s)</c>, <c>s = m − 1</c>, for <c>0.84375 ≤ m &lt; 1.25</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Middle<TV, TL, T>(TV m)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV s = TL.Subtract(m, TL.Broadcast(T.One));
        TV p = TL.MultiplyAdd(C<TV, TL, T>(-2.16637559486879084300e-03), s, C<TV, TL, T>(3.54783043256182359371e-02));
        p = TL.MultiplyAdd(p, s, C<TV, TL, T>(-1.10894694282396677476e-01));
        p = TL.MultiplyAdd(p, s, C<TV, TL, T>(3.18346619901161753674e-01));
        p = TL.MultiplyAdd(p, s, C<TV, TL, T>(-3.72207876035701323847e-01));
        p = TL.MultiplyAdd(p, s, C<TV, TL, T>(4.14856118683748331666e-01));
        p = TL.MultiplyAdd(p, s, C<TV, TL, T>(-2.36211856075265944077e-03));
        TV q = TL.MultiplyAdd(C<TV, TL, T>(1.19844998467991074170e-02), s, C<TV, TL, T>(1.36370839120290507362e-02));
        q = TL.MultiplyAdd(q, s, C<TV, TL, T>(1.26171219808761642112e-01));
        q = TL.MultiplyAdd(q, s, C<TV, TL, T>(7.18286544141962662868e-02));
        q = TL.MultiplyAdd(q, s, C<TV, TL, T>(5.40397917702171048937e-01));
        q = TL.MultiplyAdd(q, s, C<TV, TL, T>(1.06420880400844228286e-01));
        q = TL.MultiplyAdd(q, s, TL.Broadcast(T.One));
        return TL.Add(C<TV, TL, T>(Erx), TL.Divide(p, q));
    }

    /// <summary><c>1 − e^(−m² − 0.5625 + R(s)/S(s)) / m</c>, <c>s = 1/m²</c>, for <c>1.25 ≤ m &lt; 6</c> (and NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Tail<TV, TL, T>(TV m)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV one = TL.Broadcast(T.One);
        TV m2 = TL.Multiply(m, m);
        TV s = TL.Divide(one, m2);

        // Below 1/0.35.
        TV ra = TL.MultiplyAdd(C<TV, TL, T>(-9.81432934416914548592e+00), s, C<TV, TL, T>(-8.12874355063065934246e+01));
        ra = TL.MultiplyAdd(ra, s, C<TV, TL, T>(-1.84605092906711035994e+02));
        ra = TL.MultiplyAdd(ra, s, C<TV, TL, T>(-1.62396669462573470355e+02));
        ra = TL.MultiplyAdd(ra, s, C<TV, TL, T>(-6.23753324503260060396e+01));
        ra = TL.MultiplyAdd(ra, s, C<TV, TL, T>(-1.05586262253232909814e+01));
        ra = TL.MultiplyAdd(ra, s, C<TV, TL, T>(-6.93858572707181764372e-01));
        ra = TL.MultiplyAdd(ra, s, C<TV, TL, T>(-9.86494403484714822705e-03));
        TV sa = TL.MultiplyAdd(C<TV, TL, T>(-6.04244152148580987438e-02), s, C<TV, TL, T>(6.57024977031928170135e+00));
        sa = TL.MultiplyAdd(sa, s, C<TV, TL, T>(1.08635005541779435134e+02));
        sa = TL.MultiplyAdd(sa, s, C<TV, TL, T>(4.29008140027567833386e+02));
        sa = TL.MultiplyAdd(sa, s, C<TV, TL, T>(6.45387271733267880336e+02));
        sa = TL.MultiplyAdd(sa, s, C<TV, TL, T>(4.34565877475229228821e+02));
        sa = TL.MultiplyAdd(sa, s, C<TV, TL, T>(1.37657754143519042600e+02));
        sa = TL.MultiplyAdd(sa, s, C<TV, TL, T>(1.96512716674392571292e+01));
        sa = TL.MultiplyAdd(sa, s, one);

        // From 1/0.35 on.
        TV rb = TL.MultiplyAdd(C<TV, TL, T>(-4.83519191608651397019e+02), s, C<TV, TL, T>(-1.02509513161107724954e+03));
        rb = TL.MultiplyAdd(rb, s, C<TV, TL, T>(-6.37566443368389627722e+02));
        rb = TL.MultiplyAdd(rb, s, C<TV, TL, T>(-1.60636384855821916062e+02));
        rb = TL.MultiplyAdd(rb, s, C<TV, TL, T>(-1.77579549177547519889e+01));
        rb = TL.MultiplyAdd(rb, s, C<TV, TL, T>(-7.99283237680523006574e-01));
        rb = TL.MultiplyAdd(rb, s, C<TV, TL, T>(-9.86494292470009928597e-03));
        TV sb = TL.MultiplyAdd(C<TV, TL, T>(-2.24409524465858183362e+01), s, C<TV, TL, T>(4.74528541206955367215e+02));
        sb = TL.MultiplyAdd(sb, s, C<TV, TL, T>(2.55305040643316442583e+03));
        sb = TL.MultiplyAdd(sb, s, C<TV, TL, T>(3.19985821950859553908e+03));
        sb = TL.MultiplyAdd(sb, s, C<TV, TL, T>(1.53672958608443695994e+03));
        sb = TL.MultiplyAdd(sb, s, C<TV, TL, T>(3.25792512996573918826e+02));
        sb = TL.MultiplyAdd(sb, s, C<TV, TL, T>(3.03380607434824582924e+01));
        sb = TL.MultiplyAdd(sb, s, one);

        TV ratio = TL.WhereGreater(C<TV, TL, T>(1.0 / 0.35), m, TL.Divide(ra, sa), TL.Divide(rb, sb));
        TV r = TL.Exp(TL.Add(TL.Subtract(TL.Negate(m2), C<TV, TL, T>(0.5625)), ratio));
        return TL.Subtract(one, TL.Divide(r, m));
    }

    /// <summary>A constant of the number type (rounded to float in single precision).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV C<TV, TL, T>(double value)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.Broadcast(T.CreateTruncating(value));
}
