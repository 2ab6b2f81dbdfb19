using System;
using System.Buffers.Binary;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Proto = NetGen.OnnxSchema;

namespace NetGen.Runtime
{
    /// <summary>
    /// The leaky rectifier's home; its kernels are <see cref="LeakyReLUFunction"/>'s, its parameter the slope
    /// (<see cref="NetworkDescription.LeakySlope"/>), which must not be negative where the derivative is taken.
    /// </summary>
    internal readonly struct LeakyReLUHome : IElementwiseHome<LeakyReLUFunction>
    {
        public static Activation Kind => Activation.LeakyReLU;

        public static double? Parameter(NetworkDescription description) => description.LeakySlope;

        public static Reference.IActivation CreateReference(Reference.ReferenceOptions options) => new Reference.LeakyReLU(options.LeakySlope);

        /// <summary>
        /// The derivative is taken from the output, which needs a slope that is not negative: only then does <c>a &gt; 0</c>
        /// tell that <c>z &gt; 0</c>.
        /// </summary>
        public static void CheckBackward<T>(T slope)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            if (!(slope >= T.Zero))
            {
                throw new ArgumentOutOfRangeException(nameof(slope), slope, "LeakyReLU's derivative is taken from its output, which needs a slope of 0 or more.");
            }
        }

        /// <summary>
        /// <c>LeakyRelu</c> with <c>alpha</c> = <see cref="NetworkDescription.LeakySlope"/> in a float model. A double model
        /// computes it as <c>Where(Greater(z, 0), z, Mul(z, slope))</c> with the slope a double constant, which is exactly
        /// NetGen's <c>z &gt; 0 ? z : slope · z</c>: <c>LeakyRelu</c>'s <c>alpha</c> is a 32-bit float attribute, which would
        /// round the slope (the default 0.01 becomes 0.009999999776482582), and the double model would no longer compute what
        /// the network does.
        /// </summary>
        public static void WriteOnnx(Onnx.Layer onnx)
        {
            (Proto.GraphProto graph, Proto.TensorProto.Types.DataType type, string layer, string what, string z, string a, NetworkDescription description) = onnx;
            if (type == Proto.TensorProto.Types.DataType.Float)
            {
                Proto.NodeProto leaky = Onnx.Node("LeakyRelu", layer + ".leaky_relu", new[] { z }, a, $"{what}: a = z if z ≥ 0, else alpha · z");
                leaky.Attribute.Add(new Proto.AttributeProto { Name = "alpha", Type = Proto.AttributeProto.Types.AttributeType.Float, F = (float)description.LeakySlope });
                graph.Node.Add(leaky);
                return;
            }

            AddDoubleLeakyReLU(graph, layer, what, z, a, description.LeakySlope);
        }

        /// <summary>LeakyReLU in double, exactly as NetGen computes it: <c>Where(z &gt; 0, z, slope · z)</c>, the slope a double scalar.</summary>
        private static void AddDoubleLeakyReLU(Proto.GraphProto graph, string layer, string what, string z, string a, double slope)
        {
            const string Slope = "leaky_relu.slope";
            const string Zero = "leaky_relu.zero";
            if (!graph.Initializer.Any(t => t.Name == Slope))
            {
                var bytes = new byte[sizeof(double)];
                BinaryPrimitives.WriteDoubleLittleEndian(bytes, slope);
                graph.Initializer.Add(Onnx.Tensor(Slope, Proto.TensorProto.Types.DataType.Double, Array.Empty<long>(), bytes, "LeakyReLU's slope below 0, a double scalar."));
                graph.Initializer.Add(Onnx.Tensor(Zero, Proto.TensorProto.Types.DataType.Double, Array.Empty<long>(), new byte[sizeof(double)], "0, a double scalar."));
            }

            string note = $"{what}: LeakyReLU as Where(z > 0, z, slope · z), since LeakyRelu's alpha is a float";
            graph.Node.Add(Onnx.Node("Greater", layer + ".leaky_relu.positive", new[] { z, Zero }, layer + ".positive", note + "; z > 0"));
            graph.Node.Add(Onnx.Node("Mul", layer + ".leaky_relu.scale", new[] { z, Slope }, layer + ".scaled", note + "; slope · z"));
            graph.Node.Add(Onnx.Node("Where", layer + ".leaky_relu", new[] { layer + ".positive", z, layer + ".scaled" }, a, note));
        }
    }

    /// <summary>
    /// <c>z &gt; 0 ? z : slope · z</c> (<c>torch.nn.functional.leaky_relu</c>). PyTorch's backward,
    /// <c>leaky_relu_backward</c>, is <c>z &gt; 0 ? δ : δ · slope</c>; from the output, <c>a &gt; 0</c> exactly when
    /// <c>z &gt; 0</c> as long as the slope is not negative (PyTorch likewise refuses a negative slope when it
    /// differentiates from the result), so this computes <c>a &gt; 0 ? δ : δ · slope</c>: at z = 0 the slope, as there.
    /// </summary>
    internal readonly struct LeakyReLUFunction : IActivation
    {
        public static bool UsesExp => false;

        public static bool DerivativeFromZ => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Apply<TV, TL, T>(TV z, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => TL.WhereGreater(z, TL.Zero, z, TL.Multiply(z, slope));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => TL.WhereGreater(a, TL.Zero, delta, TL.Multiply(delta, slope));
    }

    public abstract partial class VectorActivationsOf<TExp>
    {
        /// <summary><c>z &gt; 0 ? z : slope · z</c>, of each lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> LeakyReLU(Vector256<double> z, double slope) => Apply<LeakyReLUFunction, double>(z, slope);

        /// <summary><c>z &gt; 0 ? z : slope · z</c>, of each lane, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> LeakyReLU(Vector256<float> z, float slope) => Apply<LeakyReLUFunction, float>(z, slope);

        /// <summary><c>z &gt; 0 ? z : slope · z</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double LeakyReLU(double z, double slope) => ApplyScalar<LeakyReLUFunction, double>(z, slope);

        /// <summary><c>z &gt; 0 ? z : slope · z</c>, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float LeakyReLU(float z, float slope) => ApplyScalar<LeakyReLUFunction, float>(z, slope);

        /// <summary><c>a &gt; 0 ? δ : δ · slope</c>, lane by lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> LeakyReLUBackward(Vector256<double> delta, Vector256<double> a, double slope) =>
            Backward<LeakyReLUFunction, double>(delta, a, slope);

        /// <summary><c>a &gt; 0 ? δ : δ · slope</c>, lane by lane, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> LeakyReLUBackward(Vector256<float> delta, Vector256<float> a, float slope) =>
            Backward<LeakyReLUFunction, float>(delta, a, slope);

        /// <summary><c>a &gt; 0 ? δ : δ · slope</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double LeakyReLUBackward(double delta, double a, double slope) => BackwardScalar<LeakyReLUFunction, double>(delta, a, slope);

        /// <summary><c>a &gt; 0 ? δ : δ · slope</c>, in single precision.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float LeakyReLUBackward(float delta, float a, float slope) => BackwardScalar<LeakyReLUFunction, float>(delta, a, slope);
    }
}

namespace NetGen.Reference
{
    /// <summary>
    /// The leaky rectifier (<c>torch.nn.LeakyReLU(negative_slope)</c>): <c>a = z</c> for <c>z &gt; 0</c> and
    /// <c>a = slope · z</c> otherwise; its derivative is 1 for <c>z &gt; 0</c> and <c>slope</c> for <c>z ≤ 0</c> (at 0 it
    /// is <c>slope</c>, as PyTorch's <c>leaky_relu_backward</c> takes it).
    /// </summary>
    /// <remarks>Generated code must stay in step with this class.</remarks>
    public sealed class LeakyReLU : ElementwiseActivation
    {
        /// <summary>A leaky rectifier with the given negative slope (PyTorch's default is 0.01).</summary>
        /// <param name="slope">The slope for <c>z ≤ 0</c>: finite and at least 0.</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="slope"/> is negative, NaN or infinite.</exception>
        public LeakyReLU(double slope = 0.01)
        {
            if (!(slope >= 0.0) || double.IsInfinity(slope))
            {
                throw new ArgumentOutOfRangeException(nameof(slope), slope, "The LeakyReLU slope must be finite and at least 0.");
            }

            Slope = slope;
        }

        /// <summary>The slope for <c>z ≤ 0</c>.</summary>
        public double Slope { get; }

        /// <inheritdoc />
        public override Activation Kind => Activation.LeakyReLU;

        /// <summary><c>z</c> if <c>z &gt; 0</c>, otherwise <c>slope · z</c>.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <returns>The activation.</returns>
        public override double Value(double z) => z > 0.0 ? z : Slope * z;

        /// <summary>1 if <c>z &gt; 0</c>, otherwise <c>slope</c>.</summary>
        /// <param name="z">The pre-activation.</param>
        /// <param name="a">The activation (not used).</param>
        /// <returns>1 or <see cref="Slope"/>.</returns>
        public override double Derivative(double z, double a) => z > 0.0 ? 1.0 : Slope;
    }
}
