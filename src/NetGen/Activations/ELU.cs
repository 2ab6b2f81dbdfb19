using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Proto = NetGen.OnnxSchema;

namespace NetGen.Runtime
{
    /// <summary>
    /// ELU's home; its kernels are <see cref="ELUFunction"/>'s, its parameter α (<see cref="NetworkDescription.EluAlpha"/>),
    /// and its derivative is taken from z.
    /// </summary>
    internal readonly struct ELUHome : IElementwiseHome<ELUFunction>
    {
        public static Activation Kind => Activation.ELU;

        public static double? Parameter(NetworkDescription description) => description.EluAlpha;

        public static Reference.IActivation CreateReference(Reference.ReferenceOptions options) => new Reference.ELU(options.EluAlpha);

        /// <summary>
        /// <c>Elu</c> with <c>alpha</c> = α in a float model; in a double model <c>Where(z &gt; 0, z, α · (e^z − 1))</c> with α a
        /// double constant, since <c>Elu</c>'s <c>alpha</c> is a 32-bit float attribute, which would round it.
        /// </summary>
        public static void WriteOnnx(Onnx.Layer onnx)
        {
            (Proto.GraphProto graph, Proto.TensorProto.Types.DataType type, string layer, string what, string z, string a, NetworkDescription description) = onnx;
            if (type == Proto.TensorProto.Types.DataType.Float)
            {
                Proto.NodeProto elu = Onnx.Node("Elu", layer + ".elu", new[] { z }, a, $"{what}: a = z if z > 0, else alpha · (e^z − 1)");
                elu.Attribute.Add(new Proto.AttributeProto { Name = "alpha", Type = Proto.AttributeProto.Types.AttributeType.Float, F = (float)description.EluAlpha });
                graph.Node.Add(elu);
                return;
            }

            string note = $"{what}: ELU as Where(z > 0, z, alpha · (e^z − 1)), since Elu's alpha is a float";
            graph.Node.Add(Onnx.Node("Greater", layer + ".elu.positive", new[] { z, Onnx.Constant(graph, type, "zero", 0.0) }, layer + ".elu.positive", note + "; z > 0"));
            graph.Node.Add(Onnx.Node("Exp", layer + ".elu.exp", new[] { z }, layer + ".elu.exp", note + "; e^z"));
            graph.Node.Add(Onnx.Node("Sub", layer + ".elu.expm1", new[] { layer + ".elu.exp", Onnx.Constant(graph, type, "one", 1.0) }, layer + ".elu.expm1", note + "; e^z − 1"));
            graph.Node.Add(Onnx.Node("Mul", layer + ".elu.scale", new[] { layer + ".elu.expm1", Onnx.Constant(graph, type, "elu.alpha", description.EluAlpha) }, layer + ".elu.negative", note + "; alpha · (e^z − 1)"));
            graph.Node.Add(Onnx.Node("Where", layer + ".elu", new[] { layer + ".elu.positive", z, layer + ".elu.negative" }, a, note));
        }
    }

    /// <summary>
    /// ELU (<c>torch.nn.ELU(alpha)</c>): <c>z ≥ 0 ? z : α · (e^z − 1)</c>, α the <c>slope</c> argument (z itself at 0, which
    /// is α(e^0 − 1) = 0 without asking a vector exp for e^0 exactly; PyTorch 1.13's kernel is this <c>exp − 1</c>). Its derivative is
    /// taken from z, as ATen's <c>elu_backward</c> takes it when it is not given the result: <c>z &gt; 0 ? δ : (δ · α) · e^z</c>
    /// (so <c>δ · α</c> at z = 0). A NaN passes through.
    /// </summary>
    internal readonly struct ELUFunction : IActivation
    {
        public static bool UsesExp => true;

        public static bool DerivativeFromZ => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Apply<TV, TL, T>(TV z, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => TL.WhereGreaterOrEqual(z, TL.Zero, z, TL.Multiply(slope, TL.Subtract(TL.Exp(z), TL.Broadcast(T.One))));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => TL.WhereGreater(a, TL.Zero, delta, TL.Multiply(TL.Multiply(delta, slope), TL.Exp(a)));
    }

    public abstract partial class VectorActivationsOf<TExp>
    {
        /// <summary>ELU, <c>z &gt; 0 ? z : α · (e^z − 1)</c>, of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> ELU(Vector256<double> z, double alpha) => Apply<ELUFunction, double>(z, alpha);

        /// <summary>ELU of four vectors of units, in place, in a call of its own: the single form's bits (see ApplyFour).</summary>
        public static void ELU(ref Vector256<double> z0, ref Vector256<double> z1, ref Vector256<double> z2, ref Vector256<double> z3, double alpha) =>
            ApplyFour<ELUFunction>(ref z0, ref z1, ref z2, ref z3, alpha);

        /// <summary>ELU, <c>z &gt; 0 ? z : α · (e^z − 1)</c>, of each lane, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> ELU(Vector256<float> z, float alpha) => Apply<ELUFunction, float>(z, alpha);

        /// <summary>ELU, <c>z &gt; 0 ? z : α · (e^z − 1)</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double ELU(double z, double alpha) => ApplyScalar<ELUFunction, double>(z, alpha);

        /// <summary>ELU, <c>z &gt; 0 ? z : α · (e^z − 1)</c>, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ELU(float z, float alpha) => ApplyScalar<ELUFunction, float>(z, alpha);

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
        public static double ELUBackward(double delta, double z, double alpha) => BackwardScalar<ELUFunction, double>(delta, z, alpha);

        /// <summary><c>z &gt; 0 ? δ : (δ · α) · e^z</c>, from the pre-activation z, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float ELUBackward(float delta, float z, float alpha) => BackwardScalar<ELUFunction, float>(delta, z, alpha);
    }
}

namespace NetGen.Reference
{
    /// <summary>
    /// The exponential linear unit (<c>torch.nn.ELU(alpha)</c>): <c>a = z</c> for <c>z &gt; 0</c> and <c>a = α (e^z − 1)</c>
    /// otherwise; its derivative is 1 for <c>z &gt; 0</c> and <c>α e^z</c> for <c>z ≤ 0</c>, from z, as PyTorch's
    /// <c>elu_backward</c> takes it when not given the result (so α at z = 0).
    /// </summary>
    /// <remarks>Generated code must stay in step with this class.</remarks>
    public sealed class ELU : ElementwiseActivation
    {
        /// <summary>An ELU with the given α (PyTorch's default is 1).</summary>
        /// <param name="alpha">α: finite and greater than 0.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not greater than 0, NaN or infinite.</exception>
        public ELU(double alpha = 1.0)
        {
            if (!(alpha > 0.0) || double.IsInfinity(alpha))
            {
                throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The ELU alpha must be finite and greater than 0.");
            }

            Alpha = alpha;
        }

        /// <summary>α, the value <c>a</c> tends to, negated, as z → −∞.</summary>
        public double Alpha { get; }

        /// <inheritdoc />
        public override Activation Kind => Activation.ELU;

        /// <summary><c>z</c> if <c>z &gt; 0</c>, otherwise <c>α (e^z − 1)</c>.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <returns>The activation.</returns>
        public override double Value(double z) => z > 0.0 ? z : Alpha * (Math.Exp(z) - 1.0);

        /// <summary>1 if <c>z &gt; 0</c>, otherwise <c>α e^z</c>.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <param name="a">The activation (not used: the derivative is written from z).</param>
        /// <returns>The derivative at <paramref name="z"/>.</returns>
        public override double Derivative(double z, double a) => z > 0.0 ? 1.0 : Alpha * Math.Exp(z);
    }
}
