using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>
/// The activations for straight-line and unrolled generated code, one value or one <see cref="Vector256{T}"/> of
/// units at a time, computing exactly what the <see cref="Dense"/> kernels compute lane by lane: <c>X(z)</c> the
/// activation, <c>XBackward(δ, a)</c> the δ times its derivative taken from the output <c>a = X(z)</c>, or
/// <c>XBackward(δ, z)</c> from the pre-activation for GELU, SiLU and ELU. The
/// exp-based ones (sigmoid, tanh, GELU, SiLU, ELU) use the runtime's vector exp where it has one (the net10.0 build, with 256-bit
/// vectors in hardware) and the scalar formula lane by lane otherwise, so a value differs from the scalar form
/// only where the vector exp rounds differently from <c>Math.Exp</c>; the others are exact everywhere. LeakyReLU's
/// <c>slope</c> must not be negative (its derivative is read from the sign of a).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorActivations
{
    /// <summary>the logistic sigmoid (<see cref="Activations.Sigmoid(double)"/>'s formulas), of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sigmoid(Vector256<double> z) => Apply<SigmoidFunction, double>(z, 0.0);

    /// <summary>the logistic sigmoid (<see cref="Activations.Sigmoid(double)"/>'s formulas), of each lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z) => Apply<SigmoidFunction, float>(z, 0f);

    /// <summary>the logistic sigmoid (<see cref="Activations.Sigmoid(double)"/>'s formulas).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z) => SigmoidFunction.Apply<double, Scalar<double>, double>(z, 0.0);

    /// <summary>the logistic sigmoid (<see cref="Activations.Sigmoid(double)"/>'s formulas), in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => SigmoidFunction.Apply<float, Scalar<float>, float>(z, 0f);

    /// <summary><c>δ · (a · (1 − a))</c>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> SigmoidBackward(Vector256<double> delta, Vector256<double> a) =>
        SigmoidFunction.Backward<Vector256<double>, Lanes256<double>, double>(delta, a, Vector256.Create(0.0));

    /// <summary><c>δ · (a · (1 − a))</c>, lane by lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SigmoidBackward(Vector256<float> delta, Vector256<float> a) =>
        SigmoidFunction.Backward<Vector256<float>, Lanes256<float>, float>(delta, a, Vector256.Create(0f));

    /// <summary><c>δ · (a · (1 − a))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SigmoidBackward(double delta, double a) => SigmoidFunction.Backward<double, Scalar<double>, double>(delta, a, 0.0);

    /// <summary><c>δ · (a · (1 − a))</c>, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidBackward(float delta, float a) => SigmoidFunction.Backward<float, Scalar<float>, float>(delta, a, 0f);

    /// <summary>tanh (see <see cref="Dense.Apply{T}(System.Span{T}, Activation, T)"/>), of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Tanh(Vector256<double> z) => Apply<TanhFunction, double>(z, 0.0);

    /// <summary>tanh (see <see cref="Dense.Apply{T}(System.Span{T}, Activation, T)"/>), of each lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> z) => Apply<TanhFunction, float>(z, 0f);

    /// <summary>tanh (see <see cref="Dense.Apply{T}(System.Span{T}, Activation, T)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double z) => TanhFunction.Scalar(z);

    /// <summary>tanh (see <see cref="Dense.Apply{T}(System.Span{T}, Activation, T)"/>), in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z) => TanhFunction.Scalar(z);

    /// <summary><c>δ · (1 − a²), with 1 − a·a one multiply-add</c>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> TanhBackward(Vector256<double> delta, Vector256<double> a) =>
        TanhFunction.Backward<Vector256<double>, Lanes256<double>, double>(delta, a, Vector256.Create(0.0));

    /// <summary><c>δ · (1 − a²), with 1 − a·a one multiply-add</c>, lane by lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TanhBackward(Vector256<float> delta, Vector256<float> a) =>
        TanhFunction.Backward<Vector256<float>, Lanes256<float>, float>(delta, a, Vector256.Create(0f));

    /// <summary><c>δ · (1 − a²), with 1 − a·a one multiply-add</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TanhBackward(double delta, double a) => TanhFunction.Backward<double, Scalar<double>, double>(delta, a, 0.0);

    /// <summary><c>δ · (1 − a²), with 1 − a·a one multiply-add</c>, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhBackward(float delta, float a) => TanhFunction.Backward<float, Scalar<float>, float>(delta, a, 0f);

    /// <summary>max(0, z), as <c>z &lt; 0 ? 0 : z</c> (NaN passes), of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ReLU(Vector256<double> z) => Apply<ReLUFunction, double>(z, 0.0);

    /// <summary>max(0, z), as <c>z &lt; 0 ? 0 : z</c> (NaN passes), of each lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReLU(Vector256<float> z) => Apply<ReLUFunction, float>(z, 0f);

    /// <summary>max(0, z), as <c>z &lt; 0 ? 0 : z</c> (NaN passes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReLU(double z) => ReLUFunction.Apply<double, Scalar<double>, double>(z, 0.0);

    /// <summary>max(0, z), as <c>z &lt; 0 ? 0 : z</c> (NaN passes), in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float z) => ReLUFunction.Apply<float, Scalar<float>, float>(z, 0f);

    /// <summary><c>a ≤ 0 ? 0 : δ</c>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ReLUBackward(Vector256<double> delta, Vector256<double> a) =>
        ReLUFunction.Backward<Vector256<double>, Lanes256<double>, double>(delta, a, Vector256.Create(0.0));

    /// <summary><c>a ≤ 0 ? 0 : δ</c>, lane by lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ReLUBackward(Vector256<float> delta, Vector256<float> a) =>
        ReLUFunction.Backward<Vector256<float>, Lanes256<float>, float>(delta, a, Vector256.Create(0f));

    /// <summary><c>a ≤ 0 ? 0 : δ</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReLUBackward(double delta, double a) => ReLUFunction.Backward<double, Scalar<double>, double>(delta, a, 0.0);

    /// <summary><c>a ≤ 0 ? 0 : δ</c>, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLUBackward(float delta, float a) => ReLUFunction.Backward<float, Scalar<float>, float>(delta, a, 0f);

    /// <summary><c>z &gt; 0 ? z : slope · z</c>, of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LeakyReLU(Vector256<double> z, double slope) => Apply<LeakyReLUFunction, double>(z, slope);

    /// <summary><c>z &gt; 0 ? z : slope · z</c>, of each lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyReLU(Vector256<float> z, float slope) => Apply<LeakyReLUFunction, float>(z, slope);

    /// <summary><c>z &gt; 0 ? z : slope · z</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LeakyReLU(double z, double slope) => LeakyReLUFunction.Apply<double, Scalar<double>, double>(z, slope);

    /// <summary><c>z &gt; 0 ? z : slope · z</c>, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z, float slope) => LeakyReLUFunction.Apply<float, Scalar<float>, float>(z, slope);

    /// <summary><c>a &gt; 0 ? δ : δ · slope</c>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LeakyReLUBackward(Vector256<double> delta, Vector256<double> a, double slope) =>
        LeakyReLUFunction.Backward<Vector256<double>, Lanes256<double>, double>(delta, a, Vector256.Create(slope));

    /// <summary><c>a &gt; 0 ? δ : δ · slope</c>, lane by lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LeakyReLUBackward(Vector256<float> delta, Vector256<float> a, float slope) =>
        LeakyReLUFunction.Backward<Vector256<float>, Lanes256<float>, float>(delta, a, Vector256.Create(slope));

    /// <summary><c>a &gt; 0 ? δ : δ · slope</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LeakyReLUBackward(double delta, double a, double slope) => LeakyReLUFunction.Backward<double, Scalar<double>, double>(delta, a, slope);

    /// <summary><c>a &gt; 0 ? δ : δ · slope</c>, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLUBackward(float delta, float a, float slope) => LeakyReLUFunction.Backward<float, Scalar<float>, float>(delta, a, slope);

    /// <summary>GELU, <c>(z · ½) · (1 + erf(z · √½))</c>, of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> GELU(Vector256<double> z) => Apply<GELUFunction, double>(z, 0.0);

    /// <summary>GELU, <c>(z · ½) · (1 + erf(z · √½))</c>, of each lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GELU(Vector256<float> z) => Apply<GELUFunction, float>(z, 0f);

    /// <summary>GELU, <c>(z · ½) · (1 + erf(z · √½))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GELU(double z) => GELUFunction.Apply<double, Scalar<double>, double>(z, 0.0);

    /// <summary>GELU, <c>(z · ½) · (1 + erf(z · √½))</c>, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELU(float z) => GELUFunction.Apply<float, Scalar<float>, float>(z, 0f);

    /// <summary><c>δ · (Φ(z) + z · φ(z))</c>, from the pre-activation z, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> GELUBackward(Vector256<double> delta, Vector256<double> z) =>
        Backward<GELUFunction, double>(delta, z, 0.0);

    /// <summary><c>δ · (Φ(z) + z · φ(z))</c>, from the pre-activation z, lane by lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GELUBackward(Vector256<float> delta, Vector256<float> z) =>
        Backward<GELUFunction, float>(delta, z, 0f);

    /// <summary><c>δ · (Φ(z) + z · φ(z))</c>, from the pre-activation z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GELUBackward(double delta, double z) => GELUFunction.Backward<double, Scalar<double>, double>(delta, z, 0.0);

    /// <summary><c>δ · (Φ(z) + z · φ(z))</c>, from the pre-activation z, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELUBackward(float delta, float z) => GELUFunction.Backward<float, Scalar<float>, float>(delta, z, 0f);

    /// <summary>SiLU, <c>z · σ(z)</c>, of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> SiLU(Vector256<double> z) => Apply<SiLUFunction, double>(z, 0.0);

    /// <summary>SiLU, <c>z · σ(z)</c>, of each lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SiLU(Vector256<float> z) => Apply<SiLUFunction, float>(z, 0f);

    /// <summary>SiLU, <c>z · σ(z)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SiLU(double z) => SiLUFunction.Apply<double, Scalar<double>, double>(z, 0.0);

    /// <summary>SiLU, <c>z · σ(z)</c>, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLU(float z) => SiLUFunction.Apply<float, Scalar<float>, float>(z, 0f);

    /// <summary><c>(δ · σ(z)) · (1 + z · (1 − σ(z)))</c>, from the pre-activation z, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> SiLUBackward(Vector256<double> delta, Vector256<double> z) =>
        Backward<SiLUFunction, double>(delta, z, 0.0);

    /// <summary><c>(δ · σ(z)) · (1 + z · (1 − σ(z)))</c>, from the pre-activation z, lane by lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SiLUBackward(Vector256<float> delta, Vector256<float> z) =>
        Backward<SiLUFunction, float>(delta, z, 0f);

    /// <summary><c>(δ · σ(z)) · (1 + z · (1 − σ(z)))</c>, from the pre-activation z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SiLUBackward(double delta, double z) => SiLUFunction.Backward<double, Scalar<double>, double>(delta, z, 0.0);

    /// <summary><c>(δ · σ(z)) · (1 + z · (1 − σ(z)))</c>, from the pre-activation z, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLUBackward(float delta, float z) => SiLUFunction.Backward<float, Scalar<float>, float>(delta, z, 0f);

    /// <summary>ELU, <c>z &gt; 0 ? z : α · (e^z − 1)</c>, of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ELU(Vector256<double> z, double alpha) => Apply<ELUFunction, double>(z, alpha);

    /// <summary>ELU, <c>z &gt; 0 ? z : α · (e^z − 1)</c>, of each lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ELU(Vector256<float> z, float alpha) => Apply<ELUFunction, float>(z, alpha);

    /// <summary>ELU, <c>z &gt; 0 ? z : α · (e^z − 1)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ELU(double z, double alpha) => ELUFunction.Apply<double, Scalar<double>, double>(z, alpha);

    /// <summary>ELU, <c>z &gt; 0 ? z : α · (e^z − 1)</c>, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ELU(float z, float alpha) => ELUFunction.Apply<float, Scalar<float>, float>(z, alpha);

    /// <summary><c>z &gt; 0 ? δ : (δ · α) · e^z</c>, from the pre-activation z, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ELUBackward(Vector256<double> delta, Vector256<double> z, double alpha) =>
        Backward<ELUFunction, double>(delta, z, alpha);

    /// <summary><c>z &gt; 0 ? δ : (δ · α) · e^z</c>, from the pre-activation z, lane by lane, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ELUBackward(Vector256<float> delta, Vector256<float> z, float alpha) =>
        Backward<ELUFunction, float>(delta, z, alpha);

    /// <summary><c>z &gt; 0 ? δ : (δ · α) · e^z</c>, from the pre-activation z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ELUBackward(double delta, double z, double alpha) => ELUFunction.Backward<double, Scalar<double>, double>(delta, z, alpha);

    /// <summary><c>z &gt; 0 ? δ : (δ · α) · e^z</c>, from the pre-activation z, in single precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ELUBackward(float delta, float z, float alpha) => ELUFunction.Backward<float, Scalar<float>, float>(delta, z, alpha);

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
