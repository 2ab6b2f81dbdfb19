using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    /// <c>a · b + c</c>, fused (one rounding) where <see cref="Arithmetic.FusesMultiplyAdd"/> says so (the net10.0
    /// build of this library, which apps targeting .NET 10 and newer get); two roundings in the net8.0 build (apps on
    /// .NET 8 and 9), as .NET 8 has no portable vector fused multiply-add. Every width rounds the same way, so a unit's result does not depend on which width
    /// computed it. With FMA hardware a fused multiply-add is one instruction where an unfused one is two, which is
    /// what double precision is bound by (784-128-10 training: 15-17 µs a sample unfused, 9-12 µs fused); without
    /// it (x64 before AVX2) the runtime computes it in software, correct but several times slower.
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
#if NETGEN_FUSED_MULTIPLY_ADD
        // As<,> reinterprets in registers; Unsafe.As on a local's address would keep accumulators in memory.
        return typeof(T) == typeof(float)
            ? Vector512.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
            : Vector512.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
#else
        return (a * b) + c;
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
#if NETGEN_FUSED_MULTIPLY_ADD
        return typeof(T) == typeof(float)
            ? Vector256.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
            : Vector256.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
#else
        return (a * b) + c;
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
#if NETGEN_FUSED_MULTIPLY_ADD
        return typeof(T) == typeof(float)
            ? Vector128.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>()
            : Vector128.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
#else
        return (a * b) + c;
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
    public static T MultiplyAdd(T a, T b, T c)
    {
#if NETGEN_FUSED_MULTIPLY_ADD
        return T.FusedMultiplyAdd(a, b, c);
#else
        return (a * b) + c;
#endif
    }

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
}
