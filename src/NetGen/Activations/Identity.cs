using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using Proto = NetGen.OnnxSchema;

namespace NetGen.Runtime
{
    /// <summary>
    /// The identity's home: its forward pass leaves the values as they are and its derivative leaves δ as it is (no
    /// kernel runs), an element-wise loss's δ goes through <see cref="IdentityFunction"/>'s kernel, and it is no ONNX node.
    /// </summary>
    internal readonly struct IdentityHome : IElementwiseHome<IdentityFunction>
    {
        public static Activation Kind => Activation.Identity;

        public static bool HasOnnxNode => false;

        public static Reference.IActivation CreateReference(Reference.ReferenceOptions options) => new Reference.Identity();

        /// <summary>No node: the layer's <c>Gemm</c> writes its output (<see cref="HasOnnxNode"/>).</summary>
        public static void WriteOnnx(Onnx.Layer onnx)
        {
        }

        public static void Apply<T>(Span<T> values, T slope, bool deterministic)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
        }

        public static void Forward<T>(Span<T> a, int samples, T slope, bool deterministic)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
        }

        public static void MultiplyByDerivative<T>(ref Dense.Operands<T> o)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
        }
    }

    /// <summary><c>z</c> unchanged; δ unchanged.</summary>
    internal readonly struct IdentityFunction : IActivation
    {
        public static bool UsesExp => false;

        public static bool DerivativeFromZ => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Apply<TV, TL, T>(TV z, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => z;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => delta;
    }
}

namespace NetGen.Reference
{
    /// <summary>The identity <c>a = z</c> (a linear layer, <c>torch.nn.Identity</c>), with derivative 1.</summary>
    /// <remarks>Generated code must stay in step with this class.</remarks>
    public sealed class Identity : ElementwiseActivation
    {
        /// <inheritdoc />
        public override Activation Kind => Activation.Identity;

        /// <summary><c>z</c>.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <returns><paramref name="z"/>.</returns>
        public override double Value(double z) => z;

        /// <summary>1.</summary>
        /// <param name="z">The pre-activation (not used).</param>
        /// <param name="a">The activation (not used).</param>
        /// <returns>1.</returns>
        public override double Derivative(double z, double a) => 1.0;
    }
}
