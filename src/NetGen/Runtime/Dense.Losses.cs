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
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => OutputDelta<SquareError, T>(y, y, t, delta, scale, activation, slope, T.One, deterministic);

    /// <summary>
    /// <see cref="OutputDelta{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, T, Activation, T, bool)"/> with the derivative
    /// taken from <paramref name="input"/>: the output layer's pre-activations z for the activations whose derivative is
    /// written from z (its home says so), its output y for the others (which is the other overload). The δ is
    /// <c>(∂L/∂y) ⊙ f'</c>: the loss gives ∂L/∂y, the activation its derivative from its own input.
    /// </summary>
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> input, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => OutputDelta<SquareError, T>(y, input, t, delta, scale, activation, slope, T.One, deterministic);

    /// <summary>
    /// An element-wise loss of a batch and the output layer's δ for any output activation but softmax, with
    /// <c>e = y − t</c>: returns <c>scale · Σ ℓ(e)</c> and writes <c>δ = f' ⊙ (scale · ∂ℓ/∂y)</c>, f' from the output
    /// y as in <see cref="MultiplyByDerivative{T}"/>. <see cref="Loss.Square"/>: <c>ℓ = ½ e²</c>, <c>∂ℓ/∂y = e</c> (the
    /// overload without a loss); <see cref="Loss.MeanSquaredError"/>: <c>e²</c>, <c>2e</c>; <see cref="Loss.L1"/>:
    /// <c>|e|</c>, <c>sign(e)</c> (0 at 0); <see cref="Loss.Huber"/> with δ = <paramref name="huberDelta"/>:
    /// <c>½ e²</c> for <c>|e| &lt; δ</c>, else <c>δ (|e| − ½ δ)</c>, and e clamped to [−δ, δ]. The scale is 1 for a sum,
    /// and one over every element (samples × outputs) for PyTorch's mean of these three.
    /// </summary>
    /// <exception cref="ArgumentException">A cross-entropy (computed from the logits), a softmax output, or a Huber δ that is not finite and greater than 0.</exception>
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, Loss loss, T huberDelta, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => OutputDelta(y, y, t, delta, scale, activation, slope, loss, huberDelta, deterministic);

    /// <summary>
    /// <see cref="OutputDelta{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, T, Activation, T, Loss, T, bool)"/> with the
    /// derivative taken from <paramref name="input"/> (z where the activation's home takes the derivative from z, y for the others).
    /// </summary>
    /// <exception cref="ArgumentException">A cross-entropy (computed from the logits), a softmax output, or a Huber δ that is not finite and greater than 0.</exception>
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> input, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, Loss loss, T huberDelta, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (loss == Loss.Huber && !(huberDelta > T.Zero && T.IsFinite(huberDelta)))
        {
            throw new ArgumentException("The Huber loss's delta must be finite and greater than 0.", nameof(huberDelta));
        }

        return loss switch
        {
            Loss.Square => OutputDelta<SquareError, T>(y, input, t, delta, scale, activation, slope, huberDelta, deterministic),
            Loss.MeanSquaredError => OutputDelta<MeanSquaredError, T>(y, input, t, delta, scale, activation, slope, huberDelta, deterministic),
            Loss.L1 => OutputDelta<AbsoluteError, T>(y, input, t, delta, scale, activation, slope, huberDelta, deterministic),
            Loss.Huber => OutputDelta<HuberError, T>(y, input, t, delta, scale, activation, slope, huberDelta, deterministic),
            Loss.CrossEntropy or Loss.BinaryCrossEntropy => throw new ArgumentException(
                $"Loss.{loss} is computed from the logits: Dense.SoftmaxCrossEntropy or Dense.BinaryCrossEntropy.", nameof(loss)),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
        };
    }

    /// <summary>
    /// The element-wise loss <typeparamref name="TLoss"/> of a batch and the output δ, the output activation found
    /// once (<see cref="ActivationRegistry"/>): <c>δ = f' ⊙ (scale · ∂ℓ/∂y)</c> through the activation's backward code
    /// (f' from <paramref name="input"/>), the loss summed in order.
    /// </summary>
    private static T OutputDelta<TLoss, T>(ReadOnlySpan<T> y, ReadOnlySpan<T> input, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, T parameter, bool deterministic)
        where TLoss : struct, IElementwiseLoss
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(y.Length == t.Length && delta.Length == y.Length && input.Length == y.Length, "OutputDelta");
        var o = new Operands<T>
        {
            A = ref MemoryMarshal.GetReference(delta),
            B = ref MemoryMarshal.GetReference(y),
            C = ref MemoryMarshal.GetReference(t),
            D = ref MemoryMarshal.GetReference(input),
            S0 = slope,
            S1 = scale,
            S2 = parameter,
            Length = y.Length,
            Deterministic = deterministic,
        };
        ActivationRegistry.Visit<LossDeltaVisit<TLoss>, bool, T>(activation, ref o);

        T loss = T.Zero;
        for (int k = 0; k < y.Length; k++)
        {
            loss += TLoss.Term(y[k] - t[k], parameter);
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
    public static T SoftmaxCrossEntropy<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> t, Span<T> probabilities, Span<T> delta, int samples, T scale, bool deterministic = false)
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
            T sum = ExpShifted(zs, ps, m, deterministic);
            T lse = Log(sum, deterministic);
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
                Deterministic = deterministic,
            };
            Run<SoftmaxDeltaKernel, T>(ref o);
        }

        return scale * total;
    }

    /// <summary>
    /// Binary cross-entropy from the logits <paramref name="z"/> against targets in [0, 1]
    /// (<c>torch.nn.BCEWithLogitsLoss</c>), element by element: loss <c>max(z, 0) − z · t + log(1 + e)</c> and
    /// <c>δ = scale · (σ(z) − t)</c>, with <c>e = exp(−|z|)</c> and σ from e as in <see cref="Activations.Sigmoid(double)"/>,
    /// so no exponent is positive and logits of ±1000 give finite results. Returns <c>scale · Σ loss</c>.
    /// </summary>
    public static T BinaryCrossEntropy<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> t, Span<T> delta, T scale, bool deterministic = false)
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
            Deterministic = deterministic,
        };

        // e = exp(−|z|) into δ (vectorised); the loss from it in order; then δ from it (vectorised).
        Run<NegativeAbsExpKernel, T>(ref o);
        T loss = T.Zero;
        for (int k = 0; k < z.Length; k++)
        {
            T zk = z[k];
            T positive = zk > T.Zero ? zk : T.Zero;
            loss += Scalar<T>.MultiplyAdd(-zk, t[k], positive) + Log(T.One + delta[k], deterministic);
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
    private static T ExpShifted<T>(ReadOnlySpan<T> z, Span<T> e, T m, bool deterministic)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var o = new Operands<T>
        {
            A = ref MemoryMarshal.GetReference(e),
            B = ref MemoryMarshal.GetReference(z),
            S0 = m,
            Length = z.Length,
            Deterministic = deterministic,
        };
        Run<ExpShiftedKernel, T>(ref o);
        T sum = T.Zero;
        for (int j = 0; j < e.Length; j++)
        {
            sum += e[j];
        }

        return sum;
    }

    /// <summary>An element-wise loss's output δ through an element-wise activation (<see cref="LossDeltaKernel{TLoss, TActivation}"/>'s operands).</summary>
    internal static void RunLossDelta<TLoss, TActivation, T>(ref Operands<T> o)
        where TLoss : struct, IElementwiseLoss
        where TActivation : struct, IActivation
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Run<LossDeltaKernel<TLoss, TActivation>, T>(ref o);

    /// <summary>
    /// The output δ of <typeparamref name="TLoss"/> through the home's activation, after its refusals: as the output of
    /// an element-wise loss (<see cref="IActivationHome.CheckLossOutput"/>), then of a derivative with the slope S0.
    /// </summary>
    private readonly struct LossDeltaVisit<TLoss> : IActivationVisitor<bool>
        where TLoss : struct, IElementwiseLoss
    {
        public static bool Visit<THome, T>(ref Operands<T> o)
            where THome : struct, IActivationHome
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            THome.CheckLossOutput();
            THome.CheckBackward(o.S0);
            THome.LossDelta<TLoss, T>(ref o);
            return true;
        }

        public static bool Unknown(Activation kind) => throw UnknownActivation(kind);
    }

    /// <summary>
    /// <c>A_k = f'(D_k) · (S1 · ∂ℓ/∂y(B_k − C_k))</c>: A δ, B the output y, C the target, D the derivative's input (y,
    /// or z); S0 the slope, S2 the loss's parameter.
    /// </summary>
    private readonly struct LossDeltaKernel<TLoss, TActivation> : IKernel
        where TLoss : struct, IElementwiseLoss
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
            TV parameter = TL.Broadcast(o.S2);
            for (; k + vl <= n; k += vl)
            {
                TV e = TL.Multiply(scale, TLoss.Gradient<TV, TL, T>(TL.Subtract(TL.Load(ref y, k), TL.Load(ref t, k)), parameter));
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
