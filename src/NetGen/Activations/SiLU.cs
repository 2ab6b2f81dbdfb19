using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Proto = NetGen.OnnxSchema;

namespace NetGen.Runtime
{
    /// <summary>SiLU's home; its kernels are <see cref="SiLUFunction"/>'s, and its derivative is taken from z.</summary>
    internal readonly struct SiLUHome : IElementwiseHome<SiLUFunction>
    {
        public static Activation Kind => Activation.SiLU;

        public static Reference.IActivation CreateReference(Reference.ReferenceOptions options) => new Reference.SiLU();

        /// <summary><c>z · σ(z)</c> from ONNX's <c>Sigmoid</c> and <c>Mul</c>.</summary>
        public static void WriteOnnx(Onnx.Layer onnx)
        {
            (Proto.GraphProto graph, _, string layer, string what, string z, string a, _) = onnx;
            graph.Node.Add(Onnx.Node("Sigmoid", layer + ".silu.sigmoid", new[] { z }, layer + ".silu.sigmoid", $"{what}: σ(z)"));
            graph.Node.Add(Onnx.Node("Mul", layer + ".silu", new[] { z, layer + ".silu.sigmoid" }, a, $"{what}: a = z · σ(z)"));
        }
    }

    /// <summary>
    /// SiLU, <c>z · σ(z)</c> (<c>torch.nn.SiLU</c>), with the sigmoid of <see cref="SigmoidFunction"/> (no overflow). Its
    /// derivative, from z, is ATen's <c>silu_backward</c>: <c>(δ · σ(z)) · (1 + z · (1 − σ(z)))</c>.
    /// </summary>
    internal readonly struct SiLUFunction : IActivation
    {
        public static bool UsesExp => true;

        public static bool DerivativeFromZ => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Apply<TV, TL, T>(TV z, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => TL.Multiply(z, SigmoidFunction.Apply<TV, TL, T>(z, slope));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            TV z = a;
            TV one = TL.Broadcast(T.One);
            TV s = SigmoidFunction.Apply<TV, TL, T>(z, slope);
            return TL.Multiply(TL.Multiply(delta, s), TL.MultiplyAdd(z, TL.Subtract(one, s), one));
        }
    }

    public abstract partial class VectorActivationsOf<TExp>
    {
        /// <summary>SiLU, <c>z · σ(z)</c>, of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> SiLU(Vector256<double> z) => Apply<SiLUFunction, double>(z, 0.0);

        /// <summary>SiLU of four vectors of units, in place, in a call of its own: the single form's bits (see ApplyFour).</summary>
        public static void SiLU(ref Vector256<double> z0, ref Vector256<double> z1, ref Vector256<double> z2, ref Vector256<double> z3) =>
            ApplyFour<SiLUFunction>(ref z0, ref z1, ref z2, ref z3, 0.0);

        /// <summary>SiLU, <c>z · σ(z)</c>, of each lane, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> SiLU(Vector256<float> z) => Apply<SiLUFunction, float>(z, 0f);

        /// <summary>SiLU, <c>z · σ(z)</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double SiLU(double z) => ApplyScalar<SiLUFunction, double>(z, 0.0);

        /// <summary>SiLU, <c>z · σ(z)</c>, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float SiLU(float z) => ApplyScalar<SiLUFunction, float>(z, 0f);

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
        public static double SiLUBackward(double delta, double z) => BackwardScalar<SiLUFunction, double>(delta, z, 0.0);

        /// <summary><c>(δ · σ(z)) · (1 + z · (1 − σ(z)))</c>, from the pre-activation z, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float SiLUBackward(float delta, float z) => BackwardScalar<SiLUFunction, float>(delta, z, 0f);
    }
}

namespace NetGen.Reference
{
    /// <summary>
    /// The sigmoid-weighted linear unit (<c>torch.nn.SiLU</c>): <c>a = z · σ(z)</c>, with
    /// <c>SiLU'(z) = σ(z) (1 + z (1 − σ(z)))</c>, written from z as ATen's <c>silu_backward</c> writes it.
    /// </summary>
    /// <remarks>Generated code must stay in step with this class.</remarks>
    public sealed class SiLU : ElementwiseActivation
    {
        /// <inheritdoc />
        public override Activation Kind => Activation.SiLU;

        /// <summary><c>z · σ(z)</c>, with the sigmoid evaluated without overflow.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <returns>The activation.</returns>
        public override double Value(double z) => z * Activations.Sigmoid(z);

        /// <summary><c>σ(z) (1 + z (1 − σ(z)))</c>.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <param name="a">The activation (not used: SiLU's derivative is written from z).</param>
        /// <returns>The derivative at <paramref name="z"/>.</returns>
        public override double Derivative(double z, double a)
        {
            double s = Activations.Sigmoid(z);
            return s * (1.0 + (z * (1.0 - s)));
        }
    }
}
