using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Proto = NetGen.OnnxSchema;

namespace NetGen
{
    /// <summary>The tutorial's activation, the logistic sigmoid, as generated code computes it one value at a time.</summary>
    public static partial class Activations
    {
        /// <summary>
        /// The logistic sigmoid <c>σ(z) = 1 / (1 + e^(−z))</c>, evaluated without overflow: for <c>z ≥ 0</c> as
        /// <c>1 / (1 + e^(−z))</c>, otherwise as <c>e^z / (1 + e^z)</c>, so <c>e</c> is only ever raised to a
        /// non-positive power and large <c>|z|</c> gives 0 or 1 rather than NaN.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Sigmoid(double z)
        {
            if (z >= 0.0)
            {
                return 1.0 / (1.0 + Math.Exp(-z));
            }

            double e = Math.Exp(z);
            return e / (1.0 + e);
        }

        /// <summary>The derivative of the sigmoid written in terms of its output: <c>σ'(z) = a (1 − a)</c> where <c>a = σ(z)</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double SigmoidDerivativeFromOutput(double a) => a * (1.0 - a);

        /// <summary>The logistic sigmoid in single precision, evaluated like <see cref="Sigmoid(double)"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sigmoid(float z)
        {
            if (z >= 0f)
            {
                return 1f / (1f + MathF.Exp(-z));
            }

            float e = MathF.Exp(z);
            return e / (1f + e);
        }
    }
}

namespace NetGen.Runtime
{
    /// <summary>
    /// The logistic sigmoid's home. The kernels' forward pass is <see cref="Dense.Sigmoid{T}(Span{T}, bool)"/>, as it always has
    /// been, so that <c>Dense.Forward(…, Activation.Sigmoid, …)</c> gives the bits of the tutorial's
    /// <see cref="Dense.Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, bool)"/>; its derivative and
    /// loss δ are <see cref="SigmoidFunction"/>'s.
    /// </summary>
    internal readonly struct SigmoidHome : IElementwiseHome<SigmoidFunction>
    {
        public static Activation Kind => Activation.Sigmoid;

        public static Reference.IActivation CreateReference(Reference.ReferenceOptions options) => new Reference.Sigmoid();

        /// <summary>ONNX's <c>Sigmoid</c>.</summary>
        public static void WriteOnnx(Onnx.Layer onnx)
        {
            (Proto.GraphProto graph, _, string layer, string what, string z, string a, _) = onnx;
            graph.Node.Add(Onnx.Node("Sigmoid", layer + ".sigmoid", new[] { z }, a, $"{what}: a = 1 / (1 + e^−z)"));
        }

        public static void Apply<T>(Span<T> values, T slope, bool deterministic)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => Dense.Sigmoid(values, deterministic);

        public static void Forward<T>(Span<T> a, int samples, T slope, bool deterministic)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => Dense.Sigmoid(a, deterministic);
    }

    /// <summary>
    /// <c>σ(z) = 1 / (1 + e^(−z))</c> without overflow: <c>e = exp(−|z|)</c>, then <c>1 / (1 + e)</c> for z ≥ 0 and
    /// <c>e / (1 + e)</c> otherwise (<see cref="Activations.Sigmoid(double)"/>'s formulas); <c>σ' = a(1 − a)</c>.
    /// </summary>
    internal readonly struct SigmoidFunction : IActivation
    {
        public static bool UsesExp => true;

        public static bool DerivativeFromZ => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Apply<TV, TL, T>(TV z, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            TV one = TL.Broadcast(T.One);
            TV e = TL.Exp(TL.Negate(TL.Abs(z)));
            return TL.Divide(TL.WhereGreaterOrEqual(z, TL.Zero, one, e), TL.Add(one, e));
        }

        /// <summary><c>δ · (a · (1 − a))</c>, rounded as <c>Dense.BackpropagateDelta</c> has always rounded it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => TL.Multiply(delta, TL.Multiply(a, TL.Subtract(TL.Broadcast(T.One), a)));
    }

    public abstract partial class VectorActivationsOf<TExp>
    {
        /// <summary>the logistic sigmoid (<see cref="Activations.Sigmoid(double)"/>'s formulas), of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Sigmoid(Vector256<double> z) => Apply<SigmoidFunction, double>(z, 0.0);

        /// <summary>the logistic sigmoid of four vectors of units, in place, in a call of its own: the single form's bits (see ApplyFour).</summary>
        public static void Sigmoid(ref Vector256<double> z0, ref Vector256<double> z1, ref Vector256<double> z2, ref Vector256<double> z3) =>
            ApplyFour<SigmoidFunction>(ref z0, ref z1, ref z2, ref z3, 0.0);

        /// <summary>the logistic sigmoid (<see cref="Activations.Sigmoid(double)"/>'s formulas), of each lane, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Sigmoid(Vector256<float> z) => Apply<SigmoidFunction, float>(z, 0f);

        /// <summary>the logistic sigmoid (<see cref="Activations.Sigmoid(double)"/>'s formulas).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Sigmoid(double z) => ApplyScalar<SigmoidFunction, double>(z, 0.0);

        /// <summary>the logistic sigmoid (<see cref="Activations.Sigmoid(double)"/>'s formulas), in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Sigmoid(float z) => ApplyScalar<SigmoidFunction, float>(z, 0f);

        /// <summary><c>δ · (a · (1 − a))</c>, lane by lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> SigmoidBackward(Vector256<double> delta, Vector256<double> a) =>
            Backward<SigmoidFunction, double>(delta, a, 0.0);

        /// <summary><c>δ · (a · (1 − a))</c>, lane by lane, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> SigmoidBackward(Vector256<float> delta, Vector256<float> a) =>
            Backward<SigmoidFunction, float>(delta, a, 0f);

        /// <summary><c>δ · (a · (1 − a))</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double SigmoidBackward(double delta, double a) => BackwardScalar<SigmoidFunction, double>(delta, a, 0.0);

        /// <summary><c>δ · (a · (1 − a))</c>, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float SigmoidBackward(float delta, float a) => BackwardScalar<SigmoidFunction, float>(delta, a, 0f);
    }

    public static partial class Dense
    {
        /// <summary>
        /// The logistic sigmoid of every element, in place, vectorised in the net10.0 build (apps on .NET 10 and newer),
        /// which has a vector exp; for a deterministic network, <see cref="SigmoidFunction"/> at every width with NetGen's exp.
        /// </summary>
        /// <param name="values">The pre-activations in, the outputs out.</param>
        /// <param name="deterministic">True for a network declared <c>Deterministic = true</c>: exp is NetGen's own (<see cref="PortableMath"/>).</param>
        public static void Sigmoid<T>(Span<T> values, bool deterministic = false)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            if (deterministic)
            {
                RunActivation<SigmoidFunction, T>(values, T.Zero, deterministic: true);
                return;
            }

            int k = 0;
#if NET9_0_OR_GREATER
            int vl = Vector<T>.Count;
            ref T v = ref MemoryMarshal.GetReference(values);
            if (Vector.IsHardwareAccelerated)
            {
                for (; k + vl <= values.Length; k += vl)
                {
                    Sigmoid(Vector.LoadUnsafe(ref v, (nuint)k)).StoreUnsafe(ref v, (nuint)k);
                }
            }
#endif
            for (; k < values.Length; k++)
            {
                values[k] = ScalarSigmoid(values[k]);
            }
        }

#if NET9_0_OR_GREATER
        /// <summary>σ(z) on a vector, without overflow: <c>e = exp(−|z|)</c>, <c>σ = 1/(1 + e)</c> for z ≥ 0 and <c>e/(1 + e)</c> otherwise (the scalar formulas).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<T> Sigmoid<T>(Vector<T> z)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            Vector<T> e = Exp(-Vector.Abs(z));
            Vector<T> numerator = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(z, Vector<T>.Zero), Vector<T>.One, e);
            return numerator / (Vector<T>.One + e);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<T> Exp<T>(Vector<T> v)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            return typeof(T) == typeof(double)
                ? Vector.As<double, T>(Vector.Exp(Vector.As<T, double>(v)))
                : Vector.As<float, T>(Vector.Exp(Vector.As<T, float>(v)));
        }
#endif

        /// <summary><c>δ_k = δ_k · a_k(1 − a_k)</c> for every element.</summary>
        private static void ScaleByDerivative<T>(ref T ar, ref T dr, int length)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => Elementwise<DerivativeStep, T>(ref dr, ref ar, T.One, length);

        /// <summary><c>δ_k = δ_k · a_k(1 − a_k)</c> (target δ, source a, scalar 1).</summary>
        private readonly struct DerivativeStep : IElementwise
        {
            public static int Run<TV, TL, T>(ref T target, ref T source, T scalar, int length, int k)
                where TL : struct, ILanes<TV, T>
                where T : unmanaged, IBinaryFloatingPointIeee754<T>
            {
                int vl = TL.Count;
                TV one = TL.Broadcast(scalar);
                for (; k + vl <= length; k += vl)
                {
                    TV ak = TL.Load(ref source, k);
                    TL.Store(TL.Multiply(TL.Load(ref target, k), TL.Multiply(ak, TL.Subtract(one, ak))), ref target, k);
                }

                return k;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static T ScalarSigmoid<T>(T z)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(double))
            {
                double r = Activations.Sigmoid(Unsafe.As<T, double>(ref z));
                return Unsafe.As<double, T>(ref r);
            }

            float f = Activations.Sigmoid(Unsafe.As<T, float>(ref z));
            return Unsafe.As<float, T>(ref f);
        }
    }
}

namespace NetGen.Reference
{
    /// <summary>
    /// The logistic sigmoid <c>σ(z) = 1 / (1 + e^(−z))</c> (<c>torch.sigmoid</c>), the tutorial's activation, with
    /// <c>σ'(z) = σ(z)(1 − σ(z))</c>, written in terms of the output <c>a</c> as <c>a(1 − a)</c>.
    /// </summary>
    /// <remarks>
    /// Evaluated without overflow: <c>1 / (1 + e^(−z))</c> for <c>z ≥ 0</c> and <c>e^z / (1 + e^z)</c> otherwise, so
    /// <c>e</c> is only raised to non-positive powers. Generated code must stay in step with this class.
    /// </remarks>
    public sealed class Sigmoid : ElementwiseActivation
    {
        /// <inheritdoc />
        public override Activation Kind => Activation.Sigmoid;

        /// <summary><c>σ(z)</c>, without overflow at any <paramref name="z"/>.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <returns>A value in [0, 1].</returns>
        public static double Of(double z)
        {
            if (z >= 0.0)
            {
                return 1.0 / (1.0 + Math.Exp(-z));
            }

            double e = Math.Exp(z);
            return e / (1.0 + e);
        }

        /// <summary><c>σ(z)</c>.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <returns>A value in [0, 1].</returns>
        public override double Value(double z) => Of(z);

        /// <summary><c>σ'(z) = a(1 − a)</c> where <c>a = σ(z)</c>.</summary>
        /// <param name="z">The pre-activation (not used).</param>
        /// <param name="a">The activation <c>σ(z)</c>.</param>
        /// <returns><c>a(1 − a)</c>.</returns>
        public override double Derivative(double z, double a) => a * (1.0 - a);
    }
}
