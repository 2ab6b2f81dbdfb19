using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Proto = NetGen.OnnxSchema;

namespace NetGen.Runtime
{
    /// <summary>The hyperbolic tangent's home; its kernels are <see cref="TanhFunction"/>'s.</summary>
    internal readonly struct TanhHome : IElementwiseHome<TanhFunction>
    {
        public static Activation Kind => Activation.Tanh;

        public static Reference.IActivation CreateReference(Reference.ReferenceOptions options) => new Reference.Tanh();

        /// <summary>ONNX's <c>Tanh</c>.</summary>
        public static void WriteOnnx(Onnx.Layer onnx)
        {
            (Proto.GraphProto graph, _, string layer, string what, string z, string a, _) = onnx;
            graph.Node.Add(Onnx.Node("Tanh", layer + ".tanh", new[] { z }, a, $"{what}: a = tanh z"));
        }
    }

    /// <summary>
    /// <c>tanh(z)</c> from exp (the runtime has no vector tanh, .NET 10 included). For <c>|z| &lt; 0.625</c> an odd
    /// rational approximation <c>z + z·z²·P(z²)/Q(z²)</c> (the classic Cephes <c>tanh</c> coefficients in double, its
    /// <c>tanhf</c> polynomial in single precision), since <c>1 − e^(−2|z|)</c> would cancel there; elsewhere
    /// <c>sign(z) · (1 − 2e / (1 + e))</c>, which is <c>(1 − e) / (1 + e)</c>, with <c>e = exp(−2|z|)</c>: it cannot
    /// overflow, gives ±1 for large |z|, and (the subtracted term being below ½) loses less to rounding than the
    /// quotient. Measured against <c>Math.Tanh</c> over a sweep of ±20 and of tiny magnitudes (ActivationKernelTests):
    /// at most 2 ulps in double, with the runtime's vector exp or <c>Math.Exp</c>, and 1 ulp in single precision.
    /// <c>tanh' = 1 − a²</c>.
    /// </summary>
    internal readonly struct TanhFunction : IActivation
    {
        /// <summary>Below this |z| the rational approximation is used.</summary>
        private const double Threshold = 0.625;

        public static bool UsesExp => true;

        public static bool DerivativeFromZ => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Apply<TV, TL, T>(TV z, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            TV magnitude = TL.Abs(z);
            TV large = Large<TV, TL, T>(z, magnitude);
            return TL.WhereGreater(TL.Broadcast(T.CreateTruncating(Threshold)), magnitude, Small<TV, TL, T>(z, magnitude), large);
        }

        /// <summary><c>δ · (1 − a²)</c>, with <c>1 − a·a</c> as one multiply-add (exact near a = ±1, where tanh saturates).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => TL.Multiply(delta, TL.MultiplyAdd(TL.Negate(a), a, TL.Broadcast(T.One)));

        /// <summary>The scalar tanh: the same two formulas as the vectors, only the one that applies evaluated.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Scalar<T>(T z)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T magnitude = T.Abs(z);
            return T.CreateTruncating(Threshold) > magnitude
                ? Small<T, Scalar<T>, T>(z, magnitude)
                : Large<T, Scalar<T>, T>(z, magnitude);
        }

        /// <summary><c>z + z · s · P(s) / Q(s)</c>, <c>s = z²</c>: for |z| &lt; 0.625 (z itself at ±0, keeping the sign of −0).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV Small<TV, TL, T>(TV z, TV magnitude)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            TV s = TL.Multiply(z, z);
            TV zs = TL.Multiply(z, s);
            if (typeof(T) == typeof(double))
            {
                TV p = TL.MultiplyAdd(TL.Broadcast(T.CreateTruncating(-9.64399179425052238628E-1)), s, TL.Broadcast(T.CreateTruncating(-9.92877231001918586564E1)));
                p = TL.MultiplyAdd(p, s, TL.Broadcast(T.CreateTruncating(-1.61468768441708447952E3)));
                TV q = TL.Add(s, TL.Broadcast(T.CreateTruncating(1.12811678491632931402E2)));
                q = TL.MultiplyAdd(q, s, TL.Broadcast(T.CreateTruncating(2.23548839060100448583E3)));
                q = TL.MultiplyAdd(q, s, TL.Broadcast(T.CreateTruncating(4.84406305325125486048E3)));
                return TL.WhereGreater(magnitude, TL.Zero, TL.MultiplyAdd(zs, TL.Divide(p, q), z), z);
            }

            TV r = TL.MultiplyAdd(TL.Broadcast(T.CreateTruncating(-5.70498872745E-3)), s, TL.Broadcast(T.CreateTruncating(2.06390887954E-2)));
            r = TL.MultiplyAdd(r, s, TL.Broadcast(T.CreateTruncating(-5.37397155531E-2)));
            r = TL.MultiplyAdd(r, s, TL.Broadcast(T.CreateTruncating(1.33314422036E-1)));
            r = TL.MultiplyAdd(r, s, TL.Broadcast(T.CreateTruncating(-3.33332819422E-1)));
            return TL.WhereGreater(magnitude, TL.Zero, TL.MultiplyAdd(r, zs, z), z);
        }

        /// <summary><c>sign(z) · (1 − 2e / (1 + e))</c>, <c>e = exp(−2|z|)</c>: for |z| ≥ 0.625 (and NaN).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV Large<TV, TL, T>(TV z, TV magnitude)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            TV one = TL.Broadcast(T.One);
            TV e = TL.Exp(TL.Negate(TL.Add(magnitude, magnitude)));
            TV t = TL.Subtract(one, TL.Divide(TL.Add(e, e), TL.Add(one, e)));
            return TL.WhereGreater(TL.Zero, z, TL.Negate(t), t);
        }
    }

    public abstract partial class VectorActivationsOf<TExp>
    {
        /// <summary>tanh (see <see cref="Dense.Apply{T}(System.Span{T}, Activation, T, bool)"/>), of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Tanh(Vector256<double> z) => Apply<TanhFunction, double>(z, 0.0);

        /// <summary>tanh of four vectors of units, in place, in a call of its own: the single form's bits (see ApplyFour).</summary>
        public static void Tanh(ref Vector256<double> z0, ref Vector256<double> z1, ref Vector256<double> z2, ref Vector256<double> z3) =>
            ApplyFour<TanhFunction>(ref z0, ref z1, ref z2, ref z3, 0.0);

        /// <summary>tanh (see <see cref="Dense.Apply{T}(System.Span{T}, Activation, T, bool)"/>), of each lane, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Tanh(Vector256<float> z) => Apply<TanhFunction, float>(z, 0f);

        /// <summary>tanh (see <see cref="Dense.Apply{T}(System.Span{T}, Activation, T, bool)"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Tanh(double z) => TExp.Portable ? ApplyScalar<TanhFunction, double>(z, 0.0) : TanhFunction.Scalar(z);

        /// <summary>tanh (see <see cref="Dense.Apply{T}(System.Span{T}, Activation, T, bool)"/>), in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Tanh(float z) => TExp.Portable ? ApplyScalar<TanhFunction, float>(z, 0f) : TanhFunction.Scalar(z);

        /// <summary><c>δ · (1 − a²), with 1 − a·a one multiply-add</c>, lane by lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> TanhBackward(Vector256<double> delta, Vector256<double> a) =>
            Backward<TanhFunction, double>(delta, a, 0.0);

        /// <summary><c>δ · (1 − a²), with 1 − a·a one multiply-add</c>, lane by lane, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> TanhBackward(Vector256<float> delta, Vector256<float> a) =>
            Backward<TanhFunction, float>(delta, a, 0f);

        /// <summary><c>δ · (1 − a²), with 1 − a·a one multiply-add</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double TanhBackward(double delta, double a) => BackwardScalar<TanhFunction, double>(delta, a, 0.0);

        /// <summary><c>δ · (1 − a²), with 1 − a·a one multiply-add</c>, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float TanhBackward(float delta, float a) => BackwardScalar<TanhFunction, float>(delta, a, 0f);
    }
}

namespace NetGen.Reference
{
    /// <summary>
    /// The hyperbolic tangent <c>a = tanh(z)</c> (<c>torch.tanh</c>), with <c>tanh'(z) = 1 − a²</c> written in terms of the
    /// output, as PyTorch's <c>tanh_backward</c> computes it.
    /// </summary>
    /// <remarks>Generated code must stay in step with this class.</remarks>
    public sealed class Tanh : ElementwiseActivation
    {
        /// <inheritdoc />
        public override Activation Kind => Activation.Tanh;

        /// <summary><c>tanh(z)</c>.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <returns>A value in [−1, 1].</returns>
        public override double Value(double z) => Math.Tanh(z);

        /// <summary><c>1 − a²</c> where <c>a = tanh(z)</c>.</summary>
        /// <param name="z">The pre-activation (not used).</param>
        /// <param name="a">The activation <c>tanh(z)</c>.</param>
        /// <returns><c>1 − a · a</c>.</returns>
        public override double Derivative(double z, double a) => 1.0 - (a * a);
    }
}
