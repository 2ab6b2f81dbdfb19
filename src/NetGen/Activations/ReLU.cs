using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Proto = NetGen.OnnxSchema;

namespace NetGen.Runtime
{
    /// <summary>The rectifier's home; its kernels are <see cref="ReLUFunction"/>'s.</summary>
    internal readonly struct ReLUHome : IElementwiseHome<ReLUFunction>
    {
        public static Activation Kind => Activation.ReLU;

        public static Reference.IActivation CreateReference(Reference.ReferenceOptions options) => new Reference.ReLU();

        /// <summary>ONNX's <c>Relu</c>.</summary>
        public static void WriteOnnx(Onnx.Layer onnx)
        {
            (Proto.GraphProto graph, _, string layer, string what, string z, string a, _) = onnx;
            graph.Node.Add(Onnx.Node("Relu", layer + ".relu", new[] { z }, a, $"{what}: a = max(z, 0)"));
        }
    }

    /// <summary>
    /// <c>max(0, z)</c>, as <c>z &lt; 0 ? 0 : z</c> so a NaN passes through as in <c>torch.relu</c>. Its derivative
    /// is taken as PyTorch takes it (<c>threshold_backward</c> on the output): δ where <c>a &gt; 0</c>, 0 where
    /// <c>a ≤ 0</c> (so 0 at z = 0), selected rather than multiplied.
    /// </summary>
    internal readonly struct ReLUFunction : IActivation
    {
        public static bool UsesExp => false;

        public static bool DerivativeFromZ => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Apply<TV, TL, T>(TV z, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => TL.WhereGreater(TL.Zero, z, TL.Zero, z);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => TL.WhereGreaterOrEqual(TL.Zero, a, TL.Zero, delta);
    }

    public abstract partial class VectorActivationsOf<TExp>
    {
        /// <summary>max(0, z), as <c>z &lt; 0 ? 0 : z</c> (NaN passes), of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> ReLU(Vector256<double> z) => Apply<ReLUFunction, double>(z, 0.0);

        /// <summary>max(0, z), as <c>z &lt; 0 ? 0 : z</c> (NaN passes), of each lane, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> ReLU(Vector256<float> z) => Apply<ReLUFunction, float>(z, 0f);

        /// <summary>max(0, z), as <c>z &lt; 0 ? 0 : z</c> (NaN passes).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double ReLU(double z) => ApplyScalar<ReLUFunction, double>(z, 0.0);

        /// <summary>max(0, z), as <c>z &lt; 0 ? 0 : z</c> (NaN passes), in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReLU(float z) => ApplyScalar<ReLUFunction, float>(z, 0f);

        /// <summary><c>a ≤ 0 ? 0 : δ</c>, lane by lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> ReLUBackward(Vector256<double> delta, Vector256<double> a) =>
            Backward<ReLUFunction, double>(delta, a, 0.0);

        /// <summary><c>a ≤ 0 ? 0 : δ</c>, lane by lane, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> ReLUBackward(Vector256<float> delta, Vector256<float> a) =>
            Backward<ReLUFunction, float>(delta, a, 0f);

        /// <summary><c>a ≤ 0 ? 0 : δ</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double ReLUBackward(double delta, double a) => BackwardScalar<ReLUFunction, double>(delta, a, 0.0);

        /// <summary><c>a ≤ 0 ? 0 : δ</c>, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ReLUBackward(float delta, float a) => BackwardScalar<ReLUFunction, float>(delta, a, 0f);
    }
}

namespace NetGen.Reference
{
    /// <summary>
    /// The rectifier <c>a = max(0, z)</c> (<c>torch.relu</c>), with derivative 1 for <c>z &gt; 0</c> and 0 for
    /// <c>z ≤ 0</c>: at 0 the derivative is taken as 0, as PyTorch takes it.
    /// </summary>
    /// <remarks>Generated code must stay in step with this class.</remarks>
    public sealed class ReLU : ElementwiseActivation
    {
        /// <inheritdoc />
        public override Activation Kind => Activation.ReLU;

        /// <summary><c>z</c> if <c>z &gt; 0</c>, otherwise 0.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <returns><c>max(0, z)</c>.</returns>
        public override double Value(double z) => z > 0.0 ? z : 0.0;

        /// <summary>1 if <c>z &gt; 0</c>, otherwise 0 (so 0 at <c>z = 0</c>).</summary>
        /// <param name="z">The pre-activation.</param>
        /// <param name="a">The activation (not used).</param>
        /// <returns>0 or 1.</returns>
        public override double Derivative(double z, double a) => z > 0.0 ? 1.0 : 0.0;
    }
}
