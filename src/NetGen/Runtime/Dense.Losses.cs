using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <remarks>
/// Losses: each returns the batch's loss and writes the output layer's δ, both multiplied by <c>scale</c>: 1 for
/// <see cref="Reduction.Sum"/>, 1 / N for <see cref="Reduction.Mean"/> (N as PyTorch counts it for that loss; the
/// caller knows it, and a batch computed in chunks passes the whole batch's N to every chunk). Sums run in order
/// of the elements, in scalar code, so the loss does not depend on the vector width; the element-by-element parts
/// (exp, δ) are vectorised.
/// </remarks>
public static partial class Dense
{
    /// <summary>
    /// The square loss of a batch and the output layer's δ for any output activation but softmax:
    /// <c>e = y − t</c>, returns <c>scale · ½ Σ e²</c>, <c>δ = f'(z) ⊙ (scale · e)</c>, f' from the output y as in
    /// <see cref="MultiplyByDerivative{T}"/>. With <see cref="Activation.Sigmoid"/> and a scale of 1, exactly
    /// <see cref="OutputDelta{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.
    /// </summary>
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => OutputDelta(y, y, t, delta, scale, activation, slope);

    /// <summary>
    /// <see cref="OutputDelta{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, T, Activation, T)"/> with the derivative
    /// taken from <paramref name="input"/>: the output layer's pre-activations z for the activations whose derivative is
    /// written from z (GELU, SiLU, ELU), its output y for the others (which is the other overload). The δ is
    /// <c>(∂L/∂y) ⊙ f'</c>: the loss gives ∂L/∂y, the activation its derivative from its own input.
    /// </summary>
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> input, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(y.Length == t.Length && delta.Length == y.Length && input.Length == y.Length, "OutputDelta");
        if (activation == Activation.Softmax)
        {
            throw new ArgumentException("A softmax output is trained on the cross-entropy: Dense.SoftmaxCrossEntropy.", nameof(activation));
        }

        CheckBackward(activation, slope);
        var o = new Operands<T>
        {
            A = ref MemoryMarshal.GetReference(delta),
            B = ref MemoryMarshal.GetReference(y),
            C = ref MemoryMarshal.GetReference(t),
            D = ref MemoryMarshal.GetReference(input),
            S0 = slope,
            S1 = scale,
            Length = y.Length,
        };
        switch (activation)
        {
            case Activation.Sigmoid:
                Run<SquareDeltaKernel<SigmoidFunction>, T>(ref o);
                break;
            case Activation.Tanh:
                Run<SquareDeltaKernel<TanhFunction>, T>(ref o);
                break;
            case Activation.ReLU:
                Run<SquareDeltaKernel<ReLUFunction>, T>(ref o);
                break;
            case Activation.LeakyReLU:
                Run<SquareDeltaKernel<LeakyReLUFunction>, T>(ref o);
                break;
            case Activation.Identity:
                Run<SquareDeltaKernel<IdentityFunction>, T>(ref o);
                break;
            case Activation.GELU:
                Run<SquareDeltaKernel<GELUFunction>, T>(ref o);
                break;
            case Activation.SiLU:
                Run<SquareDeltaKernel<SiLUFunction>, T>(ref o);
                break;
            case Activation.ELU:
                Run<SquareDeltaKernel<ELUFunction>, T>(ref o);
                break;
            case Activation.Softmax:
                throw new ArgumentException("A softmax output is trained on the cross-entropy: Dense.SoftmaxCrossEntropy.", nameof(activation));
            default:
                throw UnknownActivation(activation);
        }

        T half = Of<T>(0.5);
        T loss = T.Zero;
        for (int k = 0; k < y.Length; k++)
        {
            T e = y[k] - t[k];
            loss += half * (e * e);
        }

        return scale * loss;
    }

    /// <summary>
    /// Softmax and cross-entropy from the logits <paramref name="z"/> of <paramref name="samples"/> samples
    /// (<c>torch.nn.CrossEntropyLoss</c> with probability targets; a one-hot row for a class index). Per sample:
    /// <c>m = max_j z_j</c>, <c>e_j = exp(z_j − m)</c>, <c>S = Σ_j e_j</c>, <c>lse = log S</c>, <c>p_j = e_j / S</c>,
    /// loss <c>−Σ_j t_j · ((z_j − m) − lse)</c>, <c>δ_j = scale · (p_j · Σ_k t_k − t_j)</c>. Every exponent is ≤ 0
    /// and S ≥ 1, so logits of ±1000 give finite results and no log(0). Writes the probabilities to
    /// <paramref name="probabilities"/> unless it is empty; returns <c>scale · Σ_samples loss</c>.
    /// </summary>
    public static T SoftmaxCrossEntropy<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> t, Span<T> probabilities, Span<T> delta, int samples, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(samples > 0 && z.Length % samples == 0 && z.Length > 0, "SoftmaxCrossEntropy");
        Check<T>(t.Length == z.Length && delta.Length == z.Length && (probabilities.IsEmpty || probabilities.Length == z.Length), "SoftmaxCrossEntropy");
        int n = z.Length / samples;

        // Without a span for them, the probabilities pass through δ, which the same kernel then overwrites.
        Span<T> p = probabilities.IsEmpty ? delta : probabilities;
        T total = T.Zero;
        for (int s = 0; s < samples; s++)
        {
            int start = s * n;
            ReadOnlySpan<T> zs = z.Slice(start, n);
            ReadOnlySpan<T> ts = t.Slice(start, n);
            Span<T> ps = p.Slice(start, n);
            T m = Max(zs);
            T sum = ExpShifted(zs, ps, m);
            T lse = T.Log(sum);
            T dot = T.Zero;
            T mass = T.Zero;
            for (int j = 0; j < n; j++)
            {
                dot = Scalar<T>.MultiplyAdd(ts[j], (zs[j] - m) - lse, dot);
                mass += ts[j];
            }

            total -= dot;
            var o = new Operands<T>
            {
                A = ref MemoryMarshal.GetReference(delta.Slice(start, n)),
                B = ref MemoryMarshal.GetReference(ps),
                C = ref MemoryMarshal.GetReference(ts),
                S0 = mass,
                S1 = scale,
                S2 = sum,
                Length = n,
            };
            Run<SoftmaxDeltaKernel, T>(ref o);
        }

        return scale * total;
    }

    /// <summary>
    /// Softmax of each of <paramref name="samples"/> rows of <paramref name="values"/>, in place, as in
    /// <see cref="SoftmaxCrossEntropy{T}"/>: <c>e_j = exp(z_j − m)</c>, <c>p_j = e_j / Σ e</c>. For inference.
    /// </summary>
    public static void Softmax<T>(Span<T> values, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(samples > 0 && values.Length % samples == 0 && !values.IsEmpty, "Softmax");
        int n = values.Length / samples;
        for (int s = 0; s < samples; s++)
        {
            Span<T> row = values.Slice(s * n, n);
            T sum = ExpShifted(row, row, Max<T>(row));
            var o = new Operands<T> { A = ref MemoryMarshal.GetReference(row), S0 = sum, Length = n };
            Run<DivideKernel, T>(ref o);
        }
    }

    /// <summary>
    /// Binary cross-entropy from the logits <paramref name="z"/> against targets in [0, 1]
    /// (<c>torch.nn.BCEWithLogitsLoss</c>), element by element: loss <c>max(z, 0) − z · t + log(1 + e)</c> and
    /// <c>δ = scale · (σ(z) − t)</c>, with <c>e = exp(−|z|)</c> and σ from e as in <see cref="Activations.Sigmoid(double)"/>,
    /// so no exponent is positive and logits of ±1000 give finite results. Returns <c>scale · Σ loss</c>.
    /// </summary>
    public static T BinaryCrossEntropy<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> t, Span<T> delta, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(t.Length == z.Length && delta.Length == z.Length, "BinaryCrossEntropy");
        var o = new Operands<T>
        {
            A = ref MemoryMarshal.GetReference(delta),
            B = ref MemoryMarshal.GetReference(z),
            C = ref MemoryMarshal.GetReference(t),
            S0 = scale,
            Length = z.Length,
        };

        // e = exp(−|z|) into δ (vectorised); the loss from it in order; then δ from it (vectorised).
        Run<NegativeAbsExpKernel, T>(ref o);
        T loss = T.Zero;
        for (int k = 0; k < z.Length; k++)
        {
            T zk = z[k];
            T positive = zk > T.Zero ? zk : T.Zero;
            loss += Scalar<T>.MultiplyAdd(-zk, t[k], positive) + T.Log(T.One + delta[k]);
        }

        Run<BinaryDeltaKernel, T>(ref o);
        return scale * loss;
    }

    /// <summary>The largest element, in order (a NaN later in the row is passed over here and reaches the result through exp).</summary>
    private static T Max<T>(ReadOnlySpan<T> row)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T m = row[0];
        for (int j = 1; j < row.Length; j++)
        {
            if (row[j] > m)
            {
                m = row[j];
            }
        }

        return m;
    }

    /// <summary><c>e_j = exp(z_j − m)</c> into <paramref name="e"/> (vectorised); returns <c>Σ_j e_j</c>, summed in order.</summary>
    private static T ExpShifted<T>(ReadOnlySpan<T> z, Span<T> e, T m)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var o = new Operands<T>
        {
            A = ref MemoryMarshal.GetReference(e),
            B = ref MemoryMarshal.GetReference(z),
            S0 = m,
            Length = z.Length,
        };
        Run<ExpShiftedKernel, T>(ref o);
        T sum = T.Zero;
        for (int j = 0; j < e.Length; j++)
        {
            sum += e[j];
        }

        return sum;
    }

    /// <summary>
    /// <c>A_k = f'(D_k) · (S1 · (B_k − C_k))</c>: A δ, B the output y, C the target, D the derivative's input (y, or z);
    /// S0 the slope.
    /// </summary>
    private readonly struct SquareDeltaKernel<TActivation> : IKernel
        where TActivation : struct, IActivation
    {
        public static bool UsesExp => TActivation.DerivativeFromZ && TActivation.UsesExp;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T d = ref o.A;
            ref T y = ref o.B;
            ref T t = ref o.C;
            ref T input = ref o.D;
            TV slope = TL.Broadcast(o.S0);
            TV scale = TL.Broadcast(o.S1);
            for (; k + vl <= n; k += vl)
            {
                TV e = TL.Multiply(scale, TL.Subtract(TL.Load(ref y, k), TL.Load(ref t, k)));
                TL.Store(TActivation.Backward<TV, TL, T>(e, TL.Load(ref input, k), slope), ref d, k);
            }

            return k;
        }
    }

    /// <summary><c>A_k = exp(B_k − S0)</c>.</summary>
    private readonly struct ExpShiftedKernel : IKernel
    {
        public static bool UsesExp => true;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T e = ref o.A;
            ref T z = ref o.B;
            TV m = TL.Broadcast(o.S0);
            for (; k + vl <= n; k += vl)
            {
                TL.Store(TL.Exp(TL.Subtract(TL.Load(ref z, k), m)), ref e, k);
            }

            return k;
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

    /// <summary>
    /// <c>p = B_k / S2</c> stored to B, then <c>A_k = S1 · (p · S0 − C_k)</c> (A δ, B e then p, C the target; S0 the
    /// target's mass, S1 the scale, S2 the sum of e).
    /// </summary>
    private readonly struct SoftmaxDeltaKernel : IKernel
    {
        public static bool UsesExp => false;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T d = ref o.A;
            ref T p = ref o.B;
            ref T t = ref o.C;
            TV mass = TL.Broadcast(o.S0);
            TV scale = TL.Broadcast(o.S1);
            TV sum = TL.Broadcast(o.S2);
            for (; k + vl <= n; k += vl)
            {
                TV pk = TL.Divide(TL.Load(ref p, k), sum);
                TL.Store(pk, ref p, k);
                TL.Store(TL.Multiply(scale, TL.MultiplyAdd(pk, mass, TL.Negate(TL.Load(ref t, k)))), ref d, k);
            }

            return k;
        }
    }

    /// <summary><c>A_k = exp(−|B_k|)</c>.</summary>
    private readonly struct NegativeAbsExpKernel : IKernel
    {
        public static bool UsesExp => true;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T e = ref o.A;
            ref T z = ref o.B;
            for (; k + vl <= n; k += vl)
            {
                TL.Store(TL.Exp(TL.Negate(TL.Abs(TL.Load(ref z, k)))), ref e, k);
            }

            return k;
        }
    }

    /// <summary><c>A_k = S0 · (σ − C_k)</c>, σ from <c>e = A_k</c> and the sign of <c>z = B_k</c>.</summary>
    private readonly struct BinaryDeltaKernel : IKernel
    {
        public static bool UsesExp => false;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T d = ref o.A;
            ref T z = ref o.B;
            ref T t = ref o.C;
            TV scale = TL.Broadcast(o.S0);
            TV one = TL.Broadcast(T.One);
            for (; k + vl <= n; k += vl)
            {
                TV e = TL.Load(ref d, k);
                TV sigma = TL.Divide(TL.WhereGreaterOrEqual(TL.Load(ref z, k), TL.Zero, one, e), TL.Add(one, e));
                TL.Store(TL.Multiply(scale, TL.Subtract(sigma, TL.Load(ref t, k))), ref d, k);
            }

            return k;
        }
    }
}
