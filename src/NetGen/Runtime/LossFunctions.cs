using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// A loss taken element by element of the outputs y against the targets t, as a function of the error
/// <c>e = y − t</c>: one element's loss term and its derivative <c>∂ℓ/∂y</c>, with <c>p</c> the loss's parameter
/// (Huber's δ; ignored by the others). One struct per loss, compiled into each kernel's copy; the output δ is then
/// <c>scale · ∂ℓ/∂y ⊙ f'</c> through the output activation's own backward code, whatever the loss.
/// </summary>
internal interface IElementwiseLoss
{
    /// <summary>One element's loss from its error <paramref name="e"/> = y − t, in scalar code (summed in order).</summary>
    static abstract T Term<T>(T e, T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary><c>∂ℓ/∂y</c> from the error <paramref name="e"/> = y − t.</summary>
    static abstract TV Gradient<TV, TL, T>(TV e, TV p)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;
}

/// <summary>The tutorial's square loss: <c>ℓ = ½ e²</c>, <c>∂ℓ/∂y = e</c>.</summary>
internal readonly struct SquareError : IElementwiseLoss
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Term<T>(T e, T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.CreateTruncating(0.5) * (e * e);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Gradient<TV, TL, T>(TV e, TV p)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => e;
}

/// <summary><c>torch.nn.MSELoss</c>'s element: <c>ℓ = e²</c>, <c>∂ℓ/∂y = 2e</c> (as <c>e + e</c>, exact).</summary>
internal readonly struct MeanSquaredError : IElementwiseLoss
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Term<T>(T e, T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => e * e;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Gradient<TV, TL, T>(TV e, TV p)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.Add(e, e);
}

/// <summary><c>torch.nn.L1Loss</c>'s element: <c>ℓ = |e|</c>, <c>∂ℓ/∂y = sign(e)</c>, 0 at 0 as <c>torch.sign</c>.</summary>
internal readonly struct AbsoluteError : IElementwiseLoss
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Term<T>(T e, T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Abs(e);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Gradient<TV, TL, T>(TV e, TV p)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV one = TL.Broadcast(T.One);
        return TL.WhereGreater(e, TL.Zero, one, TL.WhereGreater(TL.Zero, e, TL.Negate(one), TL.Zero));
    }
}

/// <summary>
/// <c>torch.nn.HuberLoss</c>'s element with δ = <c>p</c>: <c>ℓ = ½ e²</c> for <c>|e| &lt; δ</c>, <c>δ (|e| − ½ δ)</c>
/// otherwise; <c>∂ℓ/∂y = e</c> clamped to [−δ, δ], as ATen's <c>huber_loss_backward</c>.
/// </summary>
internal readonly struct HuberError : IElementwiseLoss
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Term<T>(T e, T p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T half = T.CreateTruncating(0.5);
        T a = T.Abs(e);
        return a < p ? half * (a * a) : p * (a - (half * p));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Gradient<TV, TL, T>(TV e, TV p)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV minus = TL.Negate(p);
        return TL.WhereGreaterOrEqual(e, p, p, TL.WhereGreaterOrEqual(minus, e, minus, e));
    }
}
