using System;
using System.Numerics;
using System.Runtime.InteropServices;
using Proto = NetGen.OnnxSchema;

namespace NetGen.Runtime
{
    /// <summary>
    /// The softmax's home: an activation of the whole layer, on the output layer only, computed by
    /// <see cref="Dense.Softmax{T}(Span{T}, int, bool)"/> over each sample's units. It has no derivative of its own: its δ comes
    /// with the cross-entropy (<see cref="Dense.SoftmaxCrossEntropy{T}"/>), so the kernels refuse it backward and as the
    /// output of an element-wise loss.
    /// </summary>
    internal readonly struct SoftmaxHome : IActivationHome
    {
        private const string NoDerivative = "Softmax is an output activation: its δ comes from Dense.SoftmaxCrossEntropy, not from a derivative.";

        private const string CrossEntropyOnly = "A softmax output is trained on the cross-entropy: Dense.SoftmaxCrossEntropy.";

        public static Activation Kind => Activation.Softmax;

        public static bool OutputOnly => true;

        public static Reference.IActivation CreateReference(Reference.ReferenceOptions options) => new Reference.Softmax();

        /// <summary>ONNX's <c>Softmax</c> with <c>axis</c> = −1: over each sample's outputs.</summary>
        public static void WriteOnnx(Onnx.Layer onnx)
        {
            (Proto.GraphProto graph, _, string layer, string what, string z, string a, _) = onnx;
            Proto.NodeProto softmax = Onnx.Node("Softmax", layer + ".softmax", new[] { z }, a, $"{what}: a = e^z / Σ e^z over each sample's outputs");
            softmax.Attribute.Add(new Proto.AttributeProto { Name = "axis", Type = Proto.AttributeProto.Types.AttributeType.Int, I = -1 });
            graph.Node.Add(softmax);
        }

        /// <summary>The whole span as one sample's units; an empty span is left as it is.</summary>
        public static void Apply<T>(Span<T> values, T slope, bool deterministic)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            if (!values.IsEmpty)
            {
                Dense.Softmax(values, 1, deterministic);
            }
        }

        public static void Forward<T>(Span<T> a, int samples, T slope, bool deterministic)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => Dense.Softmax(a, samples, deterministic);

        public static void CheckBackward<T>(T slope)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => throw new ArgumentException(NoDerivative, "activation");

        public static void CheckLossOutput() => throw new ArgumentException(CrossEntropyOnly, "activation");

        public static void MultiplyByDerivative<T>(ref Dense.Operands<T> o)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => throw new ArgumentException(NoDerivative, "activation");

        public static void LossDelta<TLoss, T>(ref Dense.Operands<T> o)
            where TLoss : struct, IElementwiseLoss
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => throw new ArgumentException(CrossEntropyOnly, "activation");
    }

    public static partial class Dense
    {
        /// <summary>
        /// Softmax of each of <paramref name="samples"/> rows of <paramref name="values"/>, in place, as in
        /// <see cref="SoftmaxCrossEntropy{T}"/>: <c>e_j = exp(z_j − m)</c>, <c>p_j = e_j / Σ e</c>. For inference.
        /// </summary>
        /// <param name="values">Each sample's logits in, its probabilities out.</param>
        /// <param name="samples">The number of samples (rows).</param>
        /// <param name="deterministic">True for a network declared <c>Deterministic = true</c>: exp is NetGen's own (<see cref="PortableMath"/>).</param>
        public static void Softmax<T>(Span<T> values, int samples, bool deterministic = false)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            Check<T>(samples > 0 && values.Length % samples == 0 && !values.IsEmpty, "Softmax");
            int n = values.Length / samples;
            for (int s = 0; s < samples; s++)
            {
                Span<T> row = values.Slice(s * n, n);
                T sum = ExpShifted(row, row, Max<T>(row), deterministic);
                var o = new Operands<T> { A = ref MemoryMarshal.GetReference(row), S0 = sum, Length = n, Deterministic = deterministic };
                Run<DivideKernel, T>(ref o);
            }
        }

        /// <summary><c>A_k = A_k / S0</c>.</summary>
        private readonly struct DivideKernel : IKernel
        {
            public static bool UsesExp => false;

            public static int Run<TV, TL, T>(ref Operands<T> o, int k)
                where TL : struct, ILanes<TV, T>
                where T : unmanaged, IBinaryFloatingPointIeee754<T>
            {
                int vl = TL.Count;
                int n = o.Length;
                ref T a = ref o.A;
                TV divisor = TL.Broadcast(o.S0);
                for (; k + vl <= n; k += vl)
                {
                    TL.Store(TL.Divide(TL.Load(ref a, k), divisor), ref a, k);
                }

                return k;
            }
        }
    }
}

namespace NetGen.Reference
{
    /// <summary>
    /// The softmax over a layer's units, sample by sample (<c>torch.softmax(z, dim)</c> over the units):
    /// <c>a_j = e^(z_j − m) / Σ_k e^(z_k − m)</c> with <c>m = max_k z_k</c>, so no exponent is positive and logits of
    /// any size (±1000 included) give finite outputs that sum to 1. Output layer only.
    /// </summary>
    /// <remarks>
    /// <para>Backward (<c>torch</c>'s <c>_softmax_backward_data</c>): the Jacobian is <c>∂a_j/∂z_i = a_j(δ_ij − a_i)</c>, so
    /// <c>∂L/∂z_i = a_i (g_i − Σ_k g_k a_k)</c> for <c>g = ∂L/∂a</c>. With <see cref="Loss.CrossEntropy"/> the network
    /// never calls it: the loss gives <c>∂L/∂z</c> straight from the logits.</para>
    /// <para>Generated code must stay in step with this class.</para>
    /// </remarks>
    public sealed class Softmax : IActivation
    {
        /// <inheritdoc />
        public Activation Kind => Activation.Softmax;

        /// <summary>The softmax of every column (sample) of <paramref name="z"/>.</summary>
        /// <param name="z">The logits, units x N.</param>
        /// <returns>The probabilities, units x N; each column sums to 1.</returns>
        public Matrix Forward(Matrix z)
        {
            ArgumentNullException.ThrowIfNull(z);
            var a = new Matrix(z.Rows, z.Columns);
            for (int s = 0; s < z.Columns; s++)
            {
                double m = ColumnMax(z, s);
                double sum = 0.0;
                for (int j = 0; j < z.Rows; j++)
                {
                    sum += Math.Exp(z[j, s] - m);
                }

                for (int j = 0; j < z.Rows; j++)
                {
                    a[j, s] = Math.Exp(z[j, s] - m) / sum;
                }
            }

            return a;
        }

        /// <summary><c>∂L/∂z_i = a_i (g_i − Σ_k g_k a_k)</c> for every column, where <c>g</c> is <paramref name="upstream"/>.</summary>
        /// <param name="z">The logits (not used: the formula needs only the outputs).</param>
        /// <param name="a">The softmax outputs, units x N.</param>
        /// <param name="upstream"><c>∂L/∂a</c>, units x N.</param>
        /// <returns><c>∂L/∂z</c>, units x N.</returns>
        public Matrix Backward(Matrix z, Matrix a, Matrix upstream)
        {
            ArgumentNullException.ThrowIfNull(a);
            ArgumentNullException.ThrowIfNull(upstream);
            var gradient = new Matrix(a.Rows, a.Columns);
            for (int s = 0; s < a.Columns; s++)
            {
                double dot = 0.0;
                for (int k = 0; k < a.Rows; k++)
                {
                    dot += upstream[k, s] * a[k, s];
                }

                for (int i = 0; i < a.Rows; i++)
                {
                    gradient[i, s] = a[i, s] * (upstream[i, s] - dot);
                }
            }

            return gradient;
        }

        /// <summary><c>max_k z[k, s]</c>: the largest logit of sample <paramref name="s"/>.</summary>
        /// <param name="z">The logits, units x N.</param>
        /// <param name="s">The sample (column).</param>
        /// <returns>The column's maximum.</returns>
        public static double ColumnMax(Matrix z, int s)
        {
            ArgumentNullException.ThrowIfNull(z);
            double m = z[0, s];
            for (int k = 1; k < z.Rows; k++)
            {
                m = Math.Max(m, z[k, s]);
            }

            return m;
        }
    }
}
