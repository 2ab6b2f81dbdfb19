using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Proto = NetGen.OnnxSchema;

namespace NetGen.Runtime
{
    /// <summary>
    /// GELU's home; its kernels are <see cref="GELUFunction"/>'s, with NetGen's own erf (<see cref="ErfFunction"/>,
    /// <c>Runtime/Erf.cs</c>), and its derivative is taken from z.
    /// </summary>
    internal readonly struct GELUHome : IElementwiseHome<GELUFunction>
    {
        public static Activation Kind => Activation.GELU;

        public static Reference.IActivation CreateReference(Reference.ReferenceOptions options) => new Reference.GELU();

        /// <summary>
        /// <c>(z · ½) · (1 + erf(z · √½))</c> from <c>Mul</c>, <c>Erf</c> and <c>Add</c>: <c>Gelu</c> is an operator from
        /// operator set 20 on; this is its exact form from <c>Erf</c> (operator set 9).
        /// </summary>
        public static void WriteOnnx(Onnx.Layer onnx)
        {
            (Proto.GraphProto graph, Proto.TensorProto.Types.DataType type, string layer, string what, string z, string a, _) = onnx;
            graph.Node.Add(Onnx.Node("Mul", layer + ".gelu.scale", new[] { z, Onnx.Constant(graph, type, "sqrt_half", Math.Sqrt(0.5)) }, layer + ".gelu.x", $"{what}: z · √½"));
            AddErf(graph, type, layer, what, layer + ".gelu.x", layer + ".gelu.erf");
            graph.Node.Add(Onnx.Node("Add", layer + ".gelu.cdf", new[] { layer + ".gelu.erf", Onnx.Constant(graph, type, "one", 1.0) }, layer + ".gelu.cdf", $"{what}: 1 + erf(z · √½)"));
            graph.Node.Add(Onnx.Node("Mul", layer + ".gelu.half", new[] { z, Onnx.Constant(graph, type, "half", 0.5) }, layer + ".gelu.half", $"{what}: z · ½"));
            graph.Node.Add(Onnx.Node("Mul", layer + ".gelu", new[] { layer + ".gelu.half", layer + ".gelu.cdf" }, a, $"{what}: a = (z · ½) · (1 + erf(z · √½))"));
        }

        /// <summary>
        /// <c>Erf</c> of <paramref name="x"/>. ONNX defines Erf for double, but ONNX Runtime implements it for float only, so
        /// a double network's erf goes through float (Cast, Erf, Cast back): there the exported GELU agrees with NetGen's to
        /// float's precision (about 1e-7 of Φ), not double's.
        /// </summary>
        private static void AddErf(Proto.GraphProto graph, Proto.TensorProto.Types.DataType type, string layer, string what, string x, string erf)
        {
            if (type == Proto.TensorProto.Types.DataType.Float)
            {
                graph.Node.Add(Onnx.Node("Erf", layer + ".gelu.erf", new[] { x }, erf, $"{what}: erf(z · √½)"));
                return;
            }

            string note = $"{what}: erf(z · √½) in float, as ONNX Runtime has no double Erf";
            graph.Node.Add(Onnx.Cast(layer + ".gelu.to_float", x, layer + ".gelu.x_float", Proto.TensorProto.Types.DataType.Float, note));
            graph.Node.Add(Onnx.Node("Erf", layer + ".gelu.erf", new[] { layer + ".gelu.x_float" }, layer + ".gelu.erf_float", note));
            graph.Node.Add(Onnx.Cast(layer + ".gelu.to_double", layer + ".gelu.erf_float", erf, Proto.TensorProto.Types.DataType.Double, note));
        }
    }

    /// <summary>
    /// GELU in its exact form (<c>torch.nn.GELU()</c>), computed as ATen computes it: <c>(z · ½) · (1 + erf(z · √½))</c>
    /// with NetGen's own erf (<see cref="ErfFunction"/>). Its derivative, from z, is ATen's <c>GeluBackward</c>:
    /// <c>δ · (Φ(z) + z · φ(z))</c> with <c>Φ(z) = ½(1 + erf(z · √½))</c> and <c>φ(z) = e^(−z²/2) / √(2π)</c>.
    /// For very negative z, <c>1 + erf</c> cancels as it does in PyTorch (GELU(−10) is 0 there and here).
    /// </summary>
    internal readonly struct GELUFunction : IActivation
    {
        /// <summary>√½, <c>M_SQRT1_2</c>.</summary>
        private const double SqrtHalf = 0.70710678118654752440;

        /// <summary>1/√(2π), ATen's <c>M_2_SQRTPI * M_SQRT1_2 * 0.5</c>.</summary>
        private const double InverseSqrtTwoPi = 0.39894228040143267794;

        public static bool UsesExp => true;

        public static bool DerivativeFromZ => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Apply<TV, TL, T>(TV z, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => TL.Multiply(TL.Multiply(z, TL.Broadcast(T.CreateTruncating(0.5))), OnePlusErf<TV, TL, T>(z));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            TV z = a;
            TV cdf = TL.Multiply(TL.Broadcast(T.CreateTruncating(0.5)), OnePlusErf<TV, TL, T>(z));
            TV pdf = TL.Multiply(TL.Broadcast(T.CreateTruncating(InverseSqrtTwoPi)), TL.Exp(TL.Multiply(TL.Multiply(z, z), TL.Broadcast(T.CreateTruncating(-0.5)))));
            return TL.Multiply(delta, TL.Add(cdf, TL.Multiply(z, pdf)));
        }

        /// <summary><c>1 + erf(z · √½)</c>; one value at a time on the platform's exp evaluates only erf's branch that applies.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TV OnePlusErf<TV, TL, T>(TV z)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            TV x = TL.Multiply(z, TL.Broadcast(T.CreateTruncating(SqrtHalf)));
            // The platform's scalar width (no vector exp) branches; NetGen's own exp (a deterministic network) selects at
            // every width, the scalar one included, so that one value is computed as a vector lane computes it.
            TV erf = typeof(TV) == typeof(T) && !TL.HasVectorExp ? (TV)(object)ErfFunction.Scalar((T)(object)x!) : ErfFunction.Apply<TV, TL, T>(x);
            return TL.Add(TL.Broadcast(T.One), erf);
        }
    }

    public abstract partial class VectorActivationsOf<TExp>
    {
        /// <summary>GELU, <c>(z · ½) · (1 + erf(z · √½))</c>, of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> GELU(Vector256<double> z) => Apply<GELUFunction, double>(z, 0.0);

        /// <summary>GELU of four vectors of units, in place, in a call of its own: the single form's bits (see ApplyFour).</summary>
        public static void GELU(ref Vector256<double> z0, ref Vector256<double> z1, ref Vector256<double> z2, ref Vector256<double> z3) =>
            ApplyFour<GELUFunction>(ref z0, ref z1, ref z2, ref z3, 0.0);

        /// <summary>GELU, <c>(z · ½) · (1 + erf(z · √½))</c>, of each lane, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> GELU(Vector256<float> z) => Apply<GELUFunction, float>(z, 0f);

        /// <summary>GELU, <c>(z · ½) · (1 + erf(z · √½))</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double GELU(double z) => ApplyScalar<GELUFunction, double>(z, 0.0);

        /// <summary>GELU, <c>(z · ½) · (1 + erf(z · √½))</c>, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float GELU(float z) => ApplyScalar<GELUFunction, float>(z, 0f);

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
        public static double GELUBackward(double delta, double z) => BackwardScalar<GELUFunction, double>(delta, z, 0.0);

        /// <summary><c>δ · (Φ(z) + z · φ(z))</c>, from the pre-activation z, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float GELUBackward(float delta, float z) => BackwardScalar<GELUFunction, float>(delta, z, 0f);
    }
}

namespace NetGen.Reference
{
    /// <summary>
    /// The Gaussian error linear unit in its exact form (<c>torch.nn.GELU()</c>, <c>approximate='none'</c>):
    /// <c>a = z · Φ(z) = ½ z (1 + erf(z / √2))</c>, with <c>GELU'(z) = Φ(z) + z · φ(z)</c>, <c>φ(z) = e^(−z²/2) / √(2π)</c>,
    /// written from z as ATen's <c>GeluBackward</c> writes it. erf is NetGen's own (.NET has none; see
    /// NetGen.Runtime.ErfFunction: within 1 ulp of Python's <c>math.erf</c> in double).
    /// </summary>
    /// <remarks>Generated code must stay in step with this class.</remarks>
    public sealed class GELU : ElementwiseActivation
    {
        /// <inheritdoc />
        public override Activation Kind => Activation.GELU;

        /// <summary><c>½ z (1 + erf(z / √2))</c>.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <returns>The activation.</returns>
        public override double Value(double z) => z * 0.5 * (1.0 + Runtime.ErfFunction.Scalar(z / Math.Sqrt(2.0)));

        /// <summary><c>Φ(z) + z · φ(z)</c>.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <param name="a">The activation (not used: GELU's derivative is written from z).</param>
        /// <returns>The derivative at <paramref name="z"/>.</returns>
        public override double Derivative(double z, double a)
        {
            double cdf = 0.5 * (1.0 + Runtime.ErfFunction.Scalar(z / Math.Sqrt(2.0)));
            double pdf = Math.Exp(-0.5 * z * z) / Math.Sqrt(2.0 * Math.PI);
            return cdf + (z * pdf);
        }
    }
}
