using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// A width <typeparamref name="TL"/> whose exp is NetGen's own (<see cref="PortableMath"/>), for networks declared
/// <c>Deterministic = true</c>: every other operation is <typeparamref name="TL"/>'s, and negation multiplies by −1, which
/// gives the same sign of zero as the scalar <c>−x</c> at every width. With it a kernel computes the same bits at every
/// width, the scalar one included, on every machine.
/// </summary>
internal readonly struct PortableLanes<TV, TL, T> : ILanes<TV, T>
    where TL : struct, ILanes<TV, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => TL.Count;

    public static TV Zero => TL.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Load(ref T source, nint offset) => TL.Load(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(TV value, ref T destination, nint offset) => TL.Store(value, ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Broadcast(T value) => TL.Broadcast(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Add(TV left, TV right) => TL.Add(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Subtract(TV left, TV right) => TL.Subtract(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Multiply(TV left, TV right) => TL.Multiply(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV MultiplyAdd(TV a, TV b, TV c) => TL.MultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Divide(TV left, TV right) => TL.Divide(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Negate(TV value) => TL.Multiply(value, TL.Broadcast(T.NegativeOne));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Abs(TV value) => TL.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Sqrt(TV value) => TL.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV WhereGreater(TV x, TV y, TV ifTrue, TV otherwise) => TL.WhereGreater(x, y, ifTrue, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV WhereGreaterOrEqual(TV x, TV y, TV ifTrue, TV otherwise) => TL.WhereGreaterOrEqual(x, y, ifTrue, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(TV value) => TL.Sum(value);

    /// <summary>True: NetGen's exp is vectorised at every width, in both builds.</summary>
    public static bool HasVectorExp => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Exp(TV value) => PortableMath.Exp<TV, TL, T>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV PowerOfTwo(TV n) => TL.PowerOfTwo(n);
}
