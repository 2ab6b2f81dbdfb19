#if NET9_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Runtime;

/// <summary>
/// The runtime's own vector exp of doubles (<c>Vector256.Exp</c>, .NET 9 and later), computed by the same steps in code
/// the JIT can inline. The runtime's is a call, and the x64 calling convention preserves no vector register, so code
/// that calls it spills every live vector around each call; the grouped activations
/// (<see cref="VectorActivationsOf{TExp}"/>, four vectors of units in a call of their own) compute it inline instead. It
/// gives the runtime's bits, not NetGen's: a network without <c>Deterministic</c> keeps the platform's exp, and this is
/// that exp.
/// <para>
/// The steps, those of AMD's AOCL-LibM exp that the runtime took: <c>n = round(x / ln 2)</c> by adding 1.5·2⁵² (the
/// sum's low bits are n), <c>r = x − n·ln 2</c> with ln 2 in two parts, <c>e^r</c> by its Taylor polynomial to r¹¹
/// summed in Estrin's scheme (pairs, then r², r⁴ and r⁸), and the scaling by 2ⁿ built from n's bits. Every
/// multiply-add is fused, as the runtime's is where the processor has FMA. Where any lane is out of that range
/// (|x| ≥ 708, or NaN), the whole vector goes to <c>Vector256.Exp</c> itself, which handles it one value at a time.
/// </para>
/// <para>
/// It is used only where the processor has AVX2 and FMA, the only place its bits have been held equal to the
/// runtime's (<c>GroupedLanesTests</c> compares them on a million arguments, in CI with and without AVX-512): elsewhere
/// <see cref="Exp"/> calls <c>Vector256.Exp</c>.
/// </para>
/// </summary>
internal static class InlineExp
{
    /// <summary>|x| from which the runtime's exp leaves its polynomial (708.0's bits; NaN's are above).</summary>
    private const ulong PolynomialLimit = 0x4086200000000000;

    /// <summary>Where the steps above are used; elsewhere <see cref="Exp"/> is <c>Vector256.Exp</c>.</summary>
    public static bool IsInlined => Avx2.IsSupported && Fma.IsSupported;

    /// <summary><c>e^x</c> of each lane, with <c>Vector256.Exp</c>'s bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        if (!IsInlined || Vector256.GreaterThanOrEqualAny(Vector256.Abs(x).AsUInt64(), Vector256.Create(PolynomialLimit)))
        {
            return Vector256.Exp(x);
        }

        // n = round(x / ln 2): 1.5·2⁵² added to x / ln 2 leaves n in the sum's lowest bits (round to nearest).
        Vector256<double> shifter = Constant(0x4338000000000000);
        Vector256<double> shifted = Fma.MultiplyAdd(x, Constant(0x3FF71547652B82FE), shifter);
        Vector256<double> n = shifted - shifter;

        // r = x − n·ln 2, with ln 2 = 0.693359375 − 2.12194440e-4 (the first part exact in a few bits, so n·it is exact).
        Vector256<double> r = Fma.MultiplyAdd(n, Constant(0xBFE6300000000000), x);
        r = Fma.MultiplyAdd(n, Constant(0x3F2BD0105C610CA8), r);

        // e^r ≈ 1 + r + c2·r² + … + c11·r¹¹ (cₖ ≈ 1/k!), in pairs (cₖ + cₖ₊₁·r), then by r², r⁴ and r⁸.
        Vector256<double> r2 = r * r;
        Vector256<double> r4 = r2 * r2;
        Vector256<double> r8 = r4 * r4;
        Vector256<double> c10to11 = Fma.MultiplyAdd(r, Constant(0x3E5AD661CE7AF3E3), Constant(0x3E928B311C80E499));
        Vector256<double> c8to9 = Fma.MultiplyAdd(r, Constant(0x3EC71DF4520705A4), Constant(0x3EFA01992D0FE581));
        Vector256<double> c8to11 = Fma.MultiplyAdd(r2, c10to11, c8to9);
        Vector256<double> c6to7 = Fma.MultiplyAdd(r, Constant(0x3F2A01A011057479), Constant(0x3F56C16C1878111D));
        Vector256<double> c4to5 = Fma.MultiplyAdd(r, Constant(0x3F81111111130DD6), Constant(0x3FA555555554F370));
        Vector256<double> c4to7 = Fma.MultiplyAdd(r2, c6to7, c4to5);
        Vector256<double> c2to3 = Fma.MultiplyAdd(r, Constant(0x3FC55555555554A2), Constant(0x3FE0000000000010));
        Vector256<double> c0to3 = Fma.MultiplyAdd(r2, c2to3, r + Vector256<double>.One);
        Vector256<double> c0to7 = Fma.MultiplyAdd(r4, c4to7, c0to3);
        Vector256<double> polynomial = Fma.MultiplyAdd(r8, c8to11, c0to7);

        // 2ⁿ: n + 1023 in the exponent's bits (the shifter's low bits hold n, so its bits plus 1023, shifted up by 52).
        Vector256<double> scale = Vector256.ShiftLeft(shifted.AsUInt64() + Vector256.Create(1023UL), 52).AsDouble();
        return scale * polynomial;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Constant(ulong bits) => Vector256.Create(bits).AsDouble();
}

/// <summary>
/// <see cref="Lanes256{T}"/> of doubles with <see cref="InlineExp.Exp"/> for its exp: the same arithmetic and the same
/// bits, the exp inline. For the grouped activations, where <see cref="InlineExp.IsInlined"/>.
/// </summary>
internal readonly struct InlineExpLanes256 : ILanes<Vector256<double>, double>
{
    public static int Count => Lanes256<double>.Count;

    public static Vector256<double> Zero => Lanes256<double>.Zero;

    public static bool HasVectorExp => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> value) => InlineExp.Exp(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double source, nint offset) => Lanes256<double>.Load(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<double> value, ref double destination, nint offset) => Lanes256<double>.Store(value, ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Broadcast(double value) => Lanes256<double>.Broadcast(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> left, Vector256<double> right) => Lanes256<double>.Add(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> left, Vector256<double> right) => Lanes256<double>.Subtract(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> left, Vector256<double> right) => Lanes256<double>.Multiply(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Lanes256<double>.MultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Divide(Vector256<double> left, Vector256<double> right) => Lanes256<double>.Divide(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Negate(Vector256<double> value) => Lanes256<double>.Negate(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Abs(Vector256<double> value) => Lanes256<double>.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sqrt(Vector256<double> value) => Lanes256<double>.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> WhereGreater(Vector256<double> x, Vector256<double> y, Vector256<double> ifTrue, Vector256<double> otherwise) =>
        Lanes256<double>.WhereGreater(x, y, ifTrue, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> WhereGreaterOrEqual(Vector256<double> x, Vector256<double> y, Vector256<double> ifTrue, Vector256<double> otherwise) =>
        Lanes256<double>.WhereGreaterOrEqual(x, y, ifTrue, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector256<double> value) => Lanes256<double>.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> PowerOfTwo(Vector256<double> n) => Lanes256<double>.PowerOfTwo(n);
}
#endif
