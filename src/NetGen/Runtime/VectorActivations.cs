using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>Which exp the activations of <see cref="VectorActivationsOf{TExp}"/> use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IExpChoice
{
    /// <summary>True for NetGen's own exp (<see cref="PortableMath"/>), false for the platform's.</summary>
    static abstract bool Portable { get; }
}

/// <summary>The platform's exp: <c>Math.Exp</c>, and the runtime's vector exp where it has one.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct PlatformExp : IExpChoice
{
    /// <inheritdoc />
    public static bool Portable => false;
}

/// <summary>NetGen's own exp (<see cref="PortableMath"/>), the same bits at every width and on every machine.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct PortableExp : IExpChoice
{
    /// <inheritdoc />
    public static bool Portable => true;
}

/// <summary>
/// The activations for straight-line and unrolled generated code, one value or one <see cref="Vector256{T}"/> of
/// units at a time, computing exactly what the <see cref="Dense"/> kernels compute lane by lane: <c>X(z)</c> the
/// activation, <c>XBackward(δ, a)</c> the δ times its derivative taken from the output <c>a = X(z)</c>, or
/// <c>XBackward(δ, z)</c> from the pre-activation for the activations whose home takes the derivative from z. Each
/// activation's functions are in its home (<c>src/NetGen/Activations/&lt;Name&gt;.cs</c>, see <see cref="IActivationHome"/>);
/// this part holds what they share. Generated code names <see cref="VectorActivations"/> or, for a network declared
/// <c>Deterministic = true</c>, <see cref="PortableVectorActivations"/>.
/// </summary>
/// <typeparam name="TExp">
/// <see cref="PlatformExp"/>: the exp-based activations use the runtime's vector exp where it has one (the net10.0
/// build, with 256-bit vectors in hardware) and <c>Math.Exp</c> lane by lane otherwise, so a value differs from the
/// scalar form only where the two round differently. <see cref="PortableExp"/>: NetGen's own exp in the vectors and
/// the scalars alike, so a value is the same in both and on every machine. The others are exact everywhere.
/// LeakyReLU's <c>slope</c> must not be negative (its derivative is read from the sign of a).
/// </typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract partial class VectorActivationsOf<TExp>
    where TExp : struct, IExpChoice
{
    /// <summary>Only <see cref="VectorActivations"/> and <see cref="PortableVectorActivations"/>: the members are static.</summary>
    private protected VectorActivationsOf()
    {
    }

    /// <summary>
    /// The vector formula on NetGen's exp, or where it is exact or the runtime has a vector exp in hardware; the scalar
    /// formula lane by lane otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Apply<TActivation, T>(Vector256<T> z, T slope)
        where TActivation : struct, IActivation
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (TExp.Portable)
        {
            return TActivation.Apply<Vector256<T>, PortableLanes<Vector256<T>, Lanes256<T>, T>, T>(z, Vector256.Create(slope));
        }

        if (!TActivation.UsesExp || (Lanes256<T>.HasVectorExp && Vector256.IsHardwareAccelerated))
        {
            return TActivation.Apply<Vector256<T>, Lanes256<T>, T>(z, Vector256.Create(slope));
        }

        for (int k = 0; k < Vector256<T>.Count; k++)
        {
            z = z.WithElement(k, TActivation.Apply<T, Scalar<T>, T>(z.GetElement(k), slope));
        }

        return z;
    }

    /// <summary>
    /// <see cref="Apply{TActivation, T}"/> of four vectors of doubles in place, in a call of its own (never inlined), for
    /// the exp-based activations of the unrolled shape's lanes: there, inlined into the whole backward pass, each exp is a
    /// call that spills every live vector, and the runtime's exp computed inline would exceed what the JIT inlines into one
    /// method. Here it is inline (<c>InlineExp</c>, in the net10.0 build where the processor has AVX2 and FMA), and the
    /// pass spills its vectors once for four units: the same bits as four calls of the single form.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ApplyFour<TActivation>(
        ref Vector256<double> z0, ref Vector256<double> z1, ref Vector256<double> z2, ref Vector256<double> z3, double slope)
        where TActivation : struct, IActivation
    {
#if NET9_0_OR_GREATER
        if (!TExp.Portable && InlineExp.IsInlined)
        {
            Vector256<double> s = Vector256.Create(slope);
            z0 = TActivation.Apply<Vector256<double>, InlineExpLanes256, double>(z0, s);
            z1 = TActivation.Apply<Vector256<double>, InlineExpLanes256, double>(z1, s);
            z2 = TActivation.Apply<Vector256<double>, InlineExpLanes256, double>(z2, s);
            z3 = TActivation.Apply<Vector256<double>, InlineExpLanes256, double>(z3, s);
            return;
        }
#endif
        z0 = Apply<TActivation, double>(z0, slope);
        z1 = Apply<TActivation, double>(z1, slope);
        z2 = Apply<TActivation, double>(z2, slope);
        z3 = Apply<TActivation, double>(z3, slope);
    }

    /// <summary>
    /// A backward step: the vector formula on NetGen's exp, or where it calls no exp (those taken from a) or the runtime
    /// has a vector exp in hardware; the scalar formula lane by lane otherwise, as <see cref="Apply{TActivation, T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Backward<TActivation, T>(Vector256<T> delta, Vector256<T> input, T slope)
        where TActivation : struct, IActivation
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (TExp.Portable)
        {
            return TActivation.Backward<Vector256<T>, PortableLanes<Vector256<T>, Lanes256<T>, T>, T>(delta, input, Vector256.Create(slope));
        }

        if (!(TActivation.UsesExp && TActivation.DerivativeFromZ) || (Lanes256<T>.HasVectorExp && Vector256.IsHardwareAccelerated))
        {
            return TActivation.Backward<Vector256<T>, Lanes256<T>, T>(delta, input, Vector256.Create(slope));
        }

        for (int k = 0; k < Vector256<T>.Count; k++)
        {
            delta = delta.WithElement(k, TActivation.Backward<T, Scalar<T>, T>(delta.GetElement(k), input.GetElement(k), slope));
        }

        return delta;
    }

    /// <summary>The activation of one value: the scalar formula, on NetGen's exp where <typeparamref name="TExp"/> says so.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ApplyScalar<TActivation, T>(T z, T slope)
        where TActivation : struct, IActivation
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TExp.Portable
            ? TActivation.Apply<T, PortableLanes<T, Scalar<T>, T>, T>(z, slope)
            : TActivation.Apply<T, Scalar<T>, T>(z, slope);

    /// <summary>The backward step of one value, on NetGen's exp where <typeparamref name="TExp"/> says so.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T BackwardScalar<TActivation, T>(T delta, T input, T slope)
        where TActivation : struct, IActivation
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TExp.Portable
            ? TActivation.Backward<T, PortableLanes<T, Scalar<T>, T>, T>(delta, input, slope)
            : TActivation.Backward<T, Scalar<T>, T>(delta, input, slope);
}

/// <summary>The activations of generated code on the platform's exp (see <see cref="VectorActivationsOf{TExp}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class VectorActivations : VectorActivationsOf<PlatformExp>
{
    private VectorActivations()
    {
    }
}

/// <summary>The activations of a generated network declared <c>Deterministic = true</c>, on NetGen's own exp (see <see cref="VectorActivationsOf{TExp}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PortableVectorActivations : VectorActivationsOf<PortableExp>
{
    private PortableVectorActivations()
    {
    }
}
