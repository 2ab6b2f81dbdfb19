using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>
/// The activations for straight-line and unrolled generated code, one value or one <see cref="Vector256{T}"/> of
/// units at a time, computing exactly what the <see cref="Dense"/> kernels compute lane by lane: <c>X(z)</c> the
/// activation, <c>XBackward(δ, a)</c> the δ times its derivative taken from the output <c>a = X(z)</c>, or
/// <c>XBackward(δ, z)</c> from the pre-activation for the activations whose home takes the derivative from z. The
/// exp-based ones use the runtime's vector exp where it has one (the net10.0 build, with 256-bit
/// vectors in hardware) and the scalar formula lane by lane otherwise, so a value differs from the scalar form
/// only where the vector exp rounds differently from <c>Math.Exp</c>; the others are exact everywhere. LeakyReLU's
/// <c>slope</c> must not be negative (its derivative is read from the sign of a). Each activation's functions are in
/// its home (<c>src/NetGen/Activations/&lt;Name&gt;.cs</c>, see <see cref="IActivationHome"/>); this part holds what they share.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class VectorActivations
{
    /// <summary>The vector formula where it is exact or the runtime has a vector exp in hardware; the scalar formula lane by lane otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Apply<TActivation, T>(Vector256<T> z, T slope)
        where TActivation : struct, IActivation
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
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
    /// A backward step that calls exp (those taken from z): the vector formula where the runtime has a vector exp in
    /// hardware, the scalar formula lane by lane otherwise, as <see cref="Apply{TActivation, T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Backward<TActivation, T>(Vector256<T> delta, Vector256<T> z, T alpha)
        where TActivation : struct, IActivation
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Lanes256<T>.HasVectorExp && Vector256.IsHardwareAccelerated)
        {
            return TActivation.Backward<Vector256<T>, Lanes256<T>, T>(delta, z, Vector256.Create(alpha));
        }

        for (int k = 0; k < Vector256<T>.Count; k++)
        {
            delta = delta.WithElement(k, TActivation.Backward<T, Scalar<T>, T>(delta.GetElement(k), z.GetElement(k), alpha));
        }

        return delta;
    }
}
