using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
#if !NET9_0_OR_GREATER
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
#endif

namespace NetGen.Runtime;

/// <summary>
/// One width of arithmetic for the <see cref="Dense"/> kernels: 512-, 256- or 128-bit vectors, or a single
/// scalar. Each kernel is written once against this interface; the JIT compiles a copy per width (the widths
/// are structs), so the loops are the same code at every width and the operations are direct instructions.
/// </summary>
/// <typeparam name="TV">The vector type (or <typeparamref name="T"/> itself for the scalar width).</typeparam>
/// <typeparam name="T">float or double.</typeparam>
internal interface ILanes<TV, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Elements per vector.</summary>
    static abstract int Count { get; }

    static abstract TV Zero { get; }

    static abstract TV Load(ref T source, nint offset);

    static abstract void Store(TV value, ref T destination, nint offset);

    static abstract TV Broadcast(T value);

    static abstract TV Add(TV left, TV right);

    static abstract TV Subtract(TV left, TV right);

    static abstract TV Multiply(TV left, TV right);

    /// <summary>
    /// <c>a · b + c</c>, fused (one rounding) at every width and in both builds of this library: through the runtime's
    /// portable vector fused multiply-add in the net10.0 build, through the platform's instruction (x64 FMA and AVX-512,
    /// ARM64 AdvSimd) in the net8.0 build, and where the hardware has none (x64 before AVX2, or with it switched off)
    /// through <c>Math.FusedMultiplyAdd</c> lane by lane, which the runtime computes correctly rounded in software:
    /// the same bits, several times slower. So a unit's result depends neither on the width that computed it nor on the
    /// machine.
    /// </summary>
    static abstract TV MultiplyAdd(TV a, TV b, TV c);

    static abstract TV Divide(TV left, TV right);

    static abstract TV Negate(TV value);

    static abstract TV Abs(TV value);

    static abstract TV Sqrt(TV value);

    /// <summary>Lane by lane, <c>x &gt; y ? ifTrue : otherwise</c> (false where either is NaN).</summary>
    static abstract TV WhereGreater(TV x, TV y, TV ifTrue, TV otherwise);

    /// <summary>Lane by lane, <c>x ≥ y ? ifTrue : otherwise</c> (false where either is NaN).</summary>
    static abstract TV WhereGreaterOrEqual(TV x, TV y, TV ifTrue, TV otherwise);

    /// <summary>The sum of the lanes (in an order of the runtime's choosing; for checks, not for results).</summary>
    static abstract T Sum(TV value);

    /// <summary>
    /// <c>e^x</c> lane by lane: the runtime's vector exp where it has one (.NET 9 and newer, so the net10.0 build),
    /// which may differ from the scalar <c>Math.Exp</c> in the last bit; in the net8.0 build, <c>Math.Exp</c> lane by
    /// lane (kernels that need exp run their vector widths only where <see cref="HasVectorExp"/>, so this is not
    /// reached there, but it is correct).
    /// </summary>
    static abstract TV Exp(TV value);

    /// <summary>True where <see cref="Exp"/> is the runtime's vector exp rather than a lane-by-lane loop.</summary>
    static abstract bool HasVectorExp { get; }

    /// <summary>
    /// <c>2^n</c> lane by lane, exactly, for <paramref name="n"/> a whole number with <c>|n| ≤ 1000</c> in double and
    /// <c>|n| ≤ 100</c> in float (so that 2^n is a normal number): the exponent field written from n's bits. For
    /// <see cref="PortableMath"/>'s exp.
    /// </summary>
    static abstract TV PowerOfTwo(TV n);
}

internal readonly struct Lanes512<T> : ILanes<Vector512<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nint offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> left, Vector512<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> left, Vector512<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        // As<,> reinterprets in registers; Unsafe.As on a local's address would keep accumulators in memory.
#if NET9_0_OR_GREATER
        return typeof(T) == typeof(float)
            ? Vector512.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
            : Vector512.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
#else
        if (Avx512F.IsSupported)
        {
            return typeof(T) == typeof(float)
                ? Avx512F.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
                : Avx512F.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        }

        return Vector512.Create(Lanes256<T>.MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()), Lanes256<T>.MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide(Vector512<T> left, Vector512<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Negate(Vector512<T> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Abs(Vector512<T> value) => Vector512.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sqrt(Vector512<T> value) => Vector512.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> WhereGreater(Vector512<T> x, Vector512<T> y, Vector512<T> ifTrue, Vector512<T> otherwise) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, y), ifTrue, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> WhereGreaterOrEqual(Vector512<T> x, Vector512<T> y, Vector512<T> ifTrue, Vector512<T> otherwise) =>
        Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, y), ifTrue, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> value) => Vector512.Sum(value);

    /// <summary>n + 1.5·2^52 + 1023 (1.5·2^23 + 127 in float) holds the biased exponent in its lowest bits; shifted up, they are 2^n's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> PowerOfTwo(Vector512<T> n) => typeof(T) == typeof(float)
        ? Vector512.ShiftLeft((n.As<T, float>() + Vector512.Create(PowerOfTwoBits.SingleShifter)).AsInt32(), 23).As<int, T>()
        : Vector512.ShiftLeft((n.As<T, double>() + Vector512.Create(PowerOfTwoBits.DoubleShifter)).AsInt64(), 52).As<long, T>();

#if NET9_0_OR_GREATER
    public static bool HasVectorExp => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp(Vector512<T> value) => typeof(T) == typeof(float)
        ? Vector512.Exp(value.As<T, float>()).As<float, T>()
        : Vector512.Exp(value.As<T, double>()).As<double, T>();
#else
    public static bool HasVectorExp => false;

    public static Vector512<T> Exp(Vector512<T> value)
    {
        for (int k = 0; k < Vector512<T>.Count; k++)
        {
            value = value.WithElement(k, T.Exp(value.GetElement(k)));
        }

        return value;
    }
#endif
}

internal readonly struct Lanes256<T> : ILanes<Vector256<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source, nint offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Subtract(Vector256<T> left, Vector256<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> left, Vector256<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
#if NET9_0_OR_GREATER
        return typeof(T) == typeof(float)
            ? Vector256.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
            : Vector256.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
#else
        if (Fma.IsSupported)
        {
            return typeof(T) == typeof(float)
                ? Fma.MultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
                : Fma.MultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        }

        return Vector256.Create(Lanes128<T>.MultiplyAdd(a.GetLower(), b.GetLower(), c.GetLower()), Lanes128<T>.MultiplyAdd(a.GetUpper(), b.GetUpper(), c.GetUpper()));
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Divide(Vector256<T> left, Vector256<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Negate(Vector256<T> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Abs(Vector256<T> value) => Vector256.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sqrt(Vector256<T> value) => Vector256.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> WhereGreater(Vector256<T> x, Vector256<T> y, Vector256<T> ifTrue, Vector256<T> otherwise) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, y), ifTrue, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> WhereGreaterOrEqual(Vector256<T> x, Vector256<T> y, Vector256<T> ifTrue, Vector256<T> otherwise) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, y), ifTrue, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> value) => Vector256.Sum(value);

    /// <summary>n + 1.5·2^52 + 1023 (1.5·2^23 + 127 in float) holds the biased exponent in its lowest bits; shifted up, they are 2^n's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> PowerOfTwo(Vector256<T> n) => typeof(T) == typeof(float)
        ? Vector256.ShiftLeft((n.As<T, float>() + Vector256.Create(PowerOfTwoBits.SingleShifter)).AsInt32(), 23).As<int, T>()
        : Vector256.ShiftLeft((n.As<T, double>() + Vector256.Create(PowerOfTwoBits.DoubleShifter)).AsInt64(), 52).As<long, T>();

#if NET9_0_OR_GREATER
    public static bool HasVectorExp => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp(Vector256<T> value) => typeof(T) == typeof(float)
        ? Vector256.Exp(value.As<T, float>()).As<float, T>()
        : Vector256.Exp(value.As<T, double>()).As<double, T>();
#else
    public static bool HasVectorExp => false;

    public static Vector256<T> Exp(Vector256<T> value)
    {
        for (int k = 0; k < Vector256<T>.Count; k++)
        {
            value = value.WithElement(k, T.Exp(value.GetElement(k)));
        }

        return value;
    }
#endif
}

internal readonly struct Lanes128<T> : ILanes<Vector128<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source, nint offset) => Vector128.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> left, Vector128<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Subtract(Vector128<T> left, Vector128<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> left, Vector128<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c)
    {
#if NET9_0_OR_GREATER
        return typeof(T) == typeof(float)
            ? Vector128.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
            : Vector128.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
#else
        if (Fma.IsSupported)
        {
            return typeof(T) == typeof(float)
                ? Fma.MultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
                : Fma.MultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        }

        // AdvSimd's order is addend first: c + a · b.
        if (typeof(T) == typeof(float) && AdvSimd.IsSupported)
        {
            return AdvSimd.FusedMultiplyAdd(c.As<T, float>(), a.As<T, float>(), b.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double) && AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.FusedMultiplyAdd(c.As<T, double>(), a.As<T, double>(), b.As<T, double>()).As<double, T>();
        }

        for (int k = 0; k < Vector128<T>.Count; k++)
        {
            a = a.WithElement(k, T.FusedMultiplyAdd(a.GetElement(k), b.GetElement(k), c.GetElement(k)));
        }

        return a;
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Divide(Vector128<T> left, Vector128<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Negate(Vector128<T> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Abs(Vector128<T> value) => Vector128.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sqrt(Vector128<T> value) => Vector128.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> WhereGreater(Vector128<T> x, Vector128<T> y, Vector128<T> ifTrue, Vector128<T> otherwise) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(x, y), ifTrue, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> WhereGreaterOrEqual(Vector128<T> x, Vector128<T> y, Vector128<T> ifTrue, Vector128<T> otherwise) =>
        Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, y), ifTrue, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector128<T> value) => Vector128.Sum(value);

    /// <summary>n + 1.5·2^52 + 1023 (1.5·2^23 + 127 in float) holds the biased exponent in its lowest bits; shifted up, they are 2^n's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> PowerOfTwo(Vector128<T> n) => typeof(T) == typeof(float)
        ? Vector128.ShiftLeft((n.As<T, float>() + Vector128.Create(PowerOfTwoBits.SingleShifter)).AsInt32(), 23).As<int, T>()
        : Vector128.ShiftLeft((n.As<T, double>() + Vector128.Create(PowerOfTwoBits.DoubleShifter)).AsInt64(), 52).As<long, T>();

#if NET9_0_OR_GREATER
    public static bool HasVectorExp => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Exp(Vector128<T> value) => typeof(T) == typeof(float)
        ? Vector128.Exp(value.As<T, float>()).As<float, T>()
        : Vector128.Exp(value.As<T, double>()).As<double, T>();
#else
    public static bool HasVectorExp => false;

    public static Vector128<T> Exp(Vector128<T> value)
    {
        for (int k = 0; k < Vector128<T>.Count; k++)
        {
            value = value.WithElement(k, T.Exp(value.GetElement(k)));
        }

        return value;
    }
#endif
}

/// <summary>The scalar width: the tails the vectors leave, and every unit on hardware without vector support.</summary>
internal readonly struct Scalar<T> : ILanes<T, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => 1;

    public static T Zero => T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(ref T source, nint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T destination, nint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Broadcast(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add(T left, T right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Subtract(T left, T right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Multiply(T left, T right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd(T a, T b, T c) => T.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Divide(T left, T right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Negate(T value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Abs(T value) => T.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sqrt(T value) => T.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T WhereGreater(T x, T y, T ifTrue, T otherwise) => x > y ? ifTrue : otherwise;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T WhereGreaterOrEqual(T x, T y, T ifTrue, T otherwise) => x >= y ? ifTrue : otherwise;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(T value) => value;

    /// <summary>Scalar: <c>Math.Exp</c> (<c>MathF.Exp</c>), the exp of the scalar formulas everywhere.</summary>
    public static bool HasVectorExp => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp(T value) => T.Exp(value);

    /// <summary>2^n from n's bits, as the vector widths compute it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T PowerOfTwo(T n)
    {
        if (typeof(T) == typeof(float))
        {
            float shifted = Unsafe.As<T, float>(ref n) + PowerOfTwoBits.SingleShifter;
            float power = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(shifted) << 23);
            return Unsafe.As<float, T>(ref power);
        }

        double wide = Unsafe.As<T, double>(ref n) + PowerOfTwoBits.DoubleShifter;
        double result = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(wide) << 52);
        return Unsafe.As<double, T>(ref result);
    }
}

/// <summary>The constants of <see cref="ILanes{TV, T}.PowerOfTwo"/>.</summary>
internal static class PowerOfTwoBits
{
    /// <summary>1.5·2^52 + 1023: a whole n added to it lands, exactly, with n + 1023 (2^n's biased exponent) in the lowest 11 bits.</summary>
    public const double DoubleShifter = 6755399441055744.0 + 1023.0;

    /// <summary>1.5·2^23 + 127: the same for float, n + 127 in the lowest 8 bits.</summary>
    public const float SingleShifter = 12582912f + 127f;
}
