using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <remarks>
/// Optimizers: each update is one vectorised pass over a parameter block (the parameters, their gradient and the
/// optimizer's state for them, element by element), in the order of operations of <c>torch.optim</c>'s
/// single-tensor implementations, with every multiply-add fused where the kernels fuse
/// (<see cref="Arithmetic.FusesMultiplyAdd"/>). Hyperparameters come in double, as PyTorch's Python floats do;
/// scalars derived from them (bias corrections, <c>1 − lr · wd</c>, <c>1 − β</c>) are computed in double, once per
/// call, and rounded to T where PyTorch hands them to a kernel. The choices fixed per call (weight decay or not,
/// momentum, Nesterov, which form of lerp) select a copy of the kernel compiled for them, so the loop tests none.
/// <para>
/// What an update stores, its state and the parameters, is flushed to +0 where its magnitude is below the smallest
/// normal number (<see cref="Arithmetic.FlushSubnormal(double)"/>): a parameter whose gradient stays 0 would otherwise
/// see its moments decay into subnormal numbers and stay there, and every later step would compute on them in the
/// processor's microcode. Plain gradient descent (no momentum, no weight decay) keeps no state and nothing in it
/// decays, so it stores its result as computed. The reference optimizers (NetGen.Reference) flush alike.
/// </para>
/// </remarks>
public static partial class Dense
{
    /// <summary>
    /// One step of <c>torch.optim.SGD</c> (no dampening): <c>g ← g + wd · p</c> where <paramref name="weightDecay"/>
    /// is not 0; with a <paramref name="momentum"/> μ ≠ 0, <c>b ← g</c> on the <paramref name="firstStep"/> and
    /// <c>b ← μ · b + g</c> after it, then <c>g ← g + μ · b</c> (<paramref name="nesterov"/>) or <c>g ← b</c>; finally
    /// <c>p ← p − lr · g</c>. <paramref name="buffer"/> (b) may be empty without momentum.
    /// </summary>
    public static void Sgd<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> buffer, double learningRate, double momentum, bool nesterov, double weightDecay, bool firstStep)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(p.Length == g.Length && (momentum == 0 || buffer.Length == p.Length), "Sgd");
        if (nesterov && momentum == 0)
        {
            throw new ArgumentException("Nesterov momentum needs a momentum.", nameof(nesterov));
        }

        var o = new Operands<T>
        {
            A = ref MemoryMarshal.GetReference(p),
            B = ref MemoryMarshal.GetReference(g),
            C = ref MemoryMarshal.GetReference(buffer),
            S0 = T.CreateTruncating(-learningRate),
            S1 = T.CreateTruncating(momentum),
            S2 = T.CreateTruncating(weightDecay),
            Length = p.Length,
        };
        if (weightDecay != 0)
        {
            Sgd<Yes, T>(ref o, momentum != 0, nesterov, firstStep);
        }
        else
        {
            Sgd<No, T>(ref o, momentum != 0, nesterov, firstStep);
        }
    }

    /// <summary>
    /// One step of <c>torch.optim.Adam</c> (<paramref name="decoupled"/> false) or <c>torch.optim.AdamW</c> (true),
    /// without AMSGrad, at <paramref name="step"/> t (1 for the first). Weight decay, where not 0: AdamW
    /// <c>p ← p · (1 − lr · wd)</c> first, Adam <c>g ← g + wd · p</c>. Then <c>m ← lerp(m, g, 1 − β1)</c>,
    /// <c>v ← β2 · v + (1 − β2) · g · g</c>, <c>denom = √v / √(1 − β2^t) + ε</c>,
    /// <c>p ← p − (lr / (1 − β1^t)) · (m / denom)</c>.
    /// </summary>
    /// <remarks>
    /// The lerp is ATen's vectorised CPU lerp with weight <c>w = 1 − β1</c>: <c>m + w · (g − m)</c> for
    /// <c>|w| &lt; 0.5</c>, <c>g + (w − 1) · (g − m)</c> otherwise (exact at both ends), each one multiply-add.
    /// <c>v</c> is PyTorch's <c>mul_(β2).addcmul_(g, g, value: 1 − β2)</c> with the addcmul fused:
    /// <c>((1 − β2) · g) · g + β2 · v</c>. PyTorch's final <c>addcdiv_</c> computes <c>(−step · m) / denom + p</c>;
    /// this fuses it as <c>−step · (m / denom) + p</c>, the update as the algorithm states it, one rounding fewer.
    /// </remarks>
    /// <param name="p">The parameters, updated.</param>
    /// <param name="g">The gradient.</param>
    /// <param name="m">The first moment, updated.</param>
    /// <param name="v">The second moment, updated.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="beta1">β1.</param>
    /// <param name="beta2">β2.</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="weightDecay">wd.</param>
    /// <param name="step">t, 1 for the first step.</param>
    /// <param name="decoupled">True for AdamW's decoupled weight decay.</param>
    /// <param name="deterministic">
    /// True for a network declared <c>Deterministic = true</c>: β^t by repeated squaring (<see cref="PortableMath.Pow"/>),
    /// the same everywhere, rather than the platform's <c>Math.Pow</c>.
    /// </param>
    public static void Adam<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, double learningRate, double beta1, double beta2, double epsilon, double weightDecay, int step, bool decoupled, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(p.Length == g.Length && m.Length == p.Length && v.Length == p.Length && step >= 1, "Adam");
        double correction1 = 1 - (deterministic ? PortableMath.Pow(beta1, step) : Math.Pow(beta1, step));
        double correction2 = 1 - (deterministic ? PortableMath.Pow(beta2, step) : Math.Pow(beta2, step));
        T weight = T.CreateTruncating(1 - beta1);
        bool small = T.Abs(weight) < Of<T>(0.5);
        var o = new Operands<T>
        {
            A = ref MemoryMarshal.GetReference(p),
            B = ref MemoryMarshal.GetReference(g),
            C = ref MemoryMarshal.GetReference(m),
            D = ref MemoryMarshal.GetReference(v),
            S0 = T.CreateTruncating(decoupled ? 1 - (learningRate * weightDecay) : weightDecay),
            S1 = small ? weight : weight - T.One,
            S2 = T.CreateTruncating(beta2),
            S3 = T.CreateTruncating(1 - beta2),
            S4 = T.CreateTruncating(-(learningRate / correction1)),
            S5 = T.CreateTruncating(Math.Sqrt(correction2)),
            S6 = T.CreateTruncating(epsilon),
            Length = p.Length,
        };
        if (weightDecay == 0)
        {
            Adam<No, No, T>(ref o, small);
        }
        else if (decoupled)
        {
            Adam<Yes, Yes, T>(ref o, small);
        }
        else
        {
            Adam<Yes, No, T>(ref o, small);
        }
    }

    /// <summary>
    /// One step of <c>torch.optim.RMSprop</c> (not centered): <c>g ← g + wd · p</c> where <paramref name="weightDecay"/>
    /// is not 0; <c>s ← α · s + (1 − α) · g · g</c>; <c>avg = √s + ε</c>; with a <paramref name="momentum"/> μ ≠ 0,
    /// <c>b ← μ · b + g / avg</c> and <c>p ← p − lr · b</c>, otherwise <c>p ← p − lr · (g / avg)</c>.
    /// <paramref name="buffer"/> (b) may be empty without momentum.
    /// </summary>
    /// <remarks>
    /// <c>s</c> is PyTorch's <c>mul_(α).addcmul_(g, g, value: 1 − α)</c> with the addcmul fused, as Adam's second moment;
    /// <c>b</c> is <c>mul_(μ).addcdiv_(g, avg)</c>, the product rounded, then the quotient added. The final
    /// <c>addcdiv_</c> without momentum is fused as <c>−lr · (g / avg) + p</c>, as Adam's.
    /// </remarks>
    public static void RMSprop<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> squareAverage, Span<T> buffer, double learningRate, double alpha, double epsilon, double weightDecay, double momentum)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(p.Length == g.Length && squareAverage.Length == p.Length && (momentum == 0 || buffer.Length == p.Length), "RMSprop");
        var o = new Operands<T>
        {
            A = ref MemoryMarshal.GetReference(p),
            B = ref MemoryMarshal.GetReference(g),
            C = ref MemoryMarshal.GetReference(squareAverage),
            D = ref MemoryMarshal.GetReference(buffer),
            S0 = T.CreateTruncating(weightDecay),
            S1 = T.CreateTruncating(alpha),
            S2 = T.CreateTruncating(1 - alpha),
            S3 = T.CreateTruncating(epsilon),
            S4 = T.CreateTruncating(-learningRate),
            S5 = T.CreateTruncating(momentum),
            Length = p.Length,
        };
        bool decay = weightDecay != 0;
        if (momentum != 0)
        {
            if (decay)
            {
                Run<RMSpropKernel<Yes, Yes>, T>(ref o);
            }
            else
            {
                Run<RMSpropKernel<No, Yes>, T>(ref o);
            }
        }
        else if (decay)
        {
            Run<RMSpropKernel<Yes, No>, T>(ref o);
        }
        else
        {
            Run<RMSpropKernel<No, No>, T>(ref o);
        }
    }

    /// <summary>
    /// One step of <c>torch.optim.Adagrad</c> with no learning-rate decay (so <c>clr = lr</c>) and a zero initial
    /// accumulator: <c>g ← g + wd · p</c> where <paramref name="weightDecay"/> is not 0; <c>s ← s + g · g</c>;
    /// <c>p ← p − lr · (g / (√s + ε))</c>.
    /// </summary>
    /// <remarks>
    /// <c>s</c> is PyTorch's <c>addcmul_(g, g, value: 1)</c>, fused; the final <c>addcdiv_</c> is fused as
    /// <c>−lr · (g / std) + p</c>, as Adam's.
    /// </remarks>
    public static void Adagrad<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> sum, double learningRate, double epsilon, double weightDecay)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(p.Length == g.Length && sum.Length == p.Length, "Adagrad");
        var o = new Operands<T>
        {
            A = ref MemoryMarshal.GetReference(p),
            B = ref MemoryMarshal.GetReference(g),
            C = ref MemoryMarshal.GetReference(sum),
            S0 = T.CreateTruncating(weightDecay),
            S1 = T.CreateTruncating(epsilon),
            S2 = T.CreateTruncating(-learningRate),
            Length = p.Length,
        };
        if (weightDecay != 0)
        {
            Run<AdagradKernel<Yes>, T>(ref o);
        }
        else
        {
            Run<AdagradKernel<No>, T>(ref o);
        }
    }

    /// <summary>
    /// The smallest positive normal number of T (<see cref="Arithmetic.SmallestNormalSingle"/> or
    /// <see cref="Arithmetic.SmallestNormalDouble"/>), a constant once the JIT specialises T.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T SmallestNormal<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? (T)(object)Arithmetic.SmallestNormalSingle : (T)(object)Arithmetic.SmallestNormalDouble;

    /// <summary>
    /// <see cref="Arithmetic.FlushSubnormal(double)"/> lane by lane: +0 where <c>|x|</c> is below <paramref name="normal"/>
    /// (the smallest normal number), x elsewhere, NaN included. One compare and one blend; what the optimizers store.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Flush<TV, TL, T>(TV x, TV normal)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        TL.WhereGreater(normal, TL.Abs(x), TL.Zero, x);

    private static void Sgd<TDecay, T>(ref Operands<T> o, bool momentum, bool nesterov, bool firstStep)
        where TDecay : struct, IFlag
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!momentum)
        {
            Run<SgdKernel<TDecay, No, No, No>, T>(ref o);
        }
        else if (firstStep)
        {
            if (nesterov)
            {
                Run<SgdKernel<TDecay, Yes, Yes, Yes>, T>(ref o);
            }
            else
            {
                Run<SgdKernel<TDecay, Yes, Yes, No>, T>(ref o);
            }
        }
        else if (nesterov)
        {
            Run<SgdKernel<TDecay, Yes, No, Yes>, T>(ref o);
        }
        else
        {
            Run<SgdKernel<TDecay, Yes, No, No>, T>(ref o);
        }
    }

    private static void Adam<TDecay, TDecoupled, T>(ref Operands<T> o, bool small)
        where TDecay : struct, IFlag
        where TDecoupled : struct, IFlag
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (small)
        {
            Run<AdamKernel<TDecay, TDecoupled, Yes>, T>(ref o);
        }
        else
        {
            Run<AdamKernel<TDecay, TDecoupled, No>, T>(ref o);
        }
    }

    /// <summary>
    /// SGD: A the parameters, B the gradient, C the momentum buffer; S0 = −lr, S1 = μ, S2 = wd. The flags: weight
    /// decay, momentum, first step (the buffer starts as the gradient), Nesterov.
    /// </summary>
    private readonly struct SgdKernel<TDecay, TMomentum, TFirst, TNesterov> : IKernel
        where TDecay : struct, IFlag
        where TMomentum : struct, IFlag
        where TFirst : struct, IFlag
        where TNesterov : struct, IFlag
    {
        public static bool UsesExp => false;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T p = ref o.A;
            ref T g = ref o.B;
            ref T b = ref o.C;
            TV rate = TL.Broadcast(o.S0);
            TV mu = TL.Broadcast(o.S1);
            TV decay = TL.Broadcast(o.S2);
            TV normal = TL.Broadcast(SmallestNormal<T>());
            for (; k + vl <= n; k += vl)
            {
                TV pk = TL.Load(ref p, k);
                TV gk = TL.Load(ref g, k);
                if (TDecay.On)
                {
                    gk = TL.MultiplyAdd(decay, pk, gk);
                }

                if (TMomentum.On)
                {
                    TV bk = Flush<TV, TL, T>(TFirst.On ? gk : TL.MultiplyAdd(mu, TL.Load(ref b, k), gk), normal);
                    TL.Store(bk, ref b, k);
                    gk = TNesterov.On ? TL.MultiplyAdd(mu, bk, gk) : bk;
                }

                TV updated = TL.MultiplyAdd(rate, gk, pk);
                TL.Store(TDecay.On || TMomentum.On ? Flush<TV, TL, T>(updated, normal) : updated, ref p, k);
            }

            return k;
        }
    }

    /// <summary>
    /// Adam: A the parameters, B the gradient, C the first moment m, D the second moment v; S0 the decay (wd, or
    /// 1 − lr · wd where decoupled), S1 the lerp coefficient (w, or w − 1), S2 = β2, S3 = 1 − β2, S4 = −step size,
    /// S5 = √(1 − β2^t), S6 = ε. The flags: weight decay, decoupled, small lerp weight (|w| &lt; 0.5).
    /// </summary>
    private readonly struct AdamKernel<TDecay, TDecoupled, TSmall> : IKernel
        where TDecay : struct, IFlag
        where TDecoupled : struct, IFlag
        where TSmall : struct, IFlag
    {
        public static bool UsesExp => false;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T p = ref o.A;
            ref T g = ref o.B;
            ref T m = ref o.C;
            ref T v = ref o.D;
            TV decay = TL.Broadcast(o.S0);
            TV coefficient = TL.Broadcast(o.S1);
            TV beta2 = TL.Broadcast(o.S2);
            TV oneMinusBeta2 = TL.Broadcast(o.S3);
            TV step = TL.Broadcast(o.S4);
            TV correction2 = TL.Broadcast(o.S5);
            TV epsilon = TL.Broadcast(o.S6);
            TV normal = TL.Broadcast(SmallestNormal<T>());
            for (; k + vl <= n; k += vl)
            {
                TV pk = TL.Load(ref p, k);
                TV gk = TL.Load(ref g, k);
                if (TDecay.On)
                {
                    if (TDecoupled.On)
                    {
                        pk = TL.Multiply(pk, decay);
                    }
                    else
                    {
                        gk = TL.MultiplyAdd(decay, pk, gk);
                    }
                }

                TV mk = TL.Load(ref m, k);
                mk = Flush<TV, TL, T>(TL.MultiplyAdd(coefficient, TL.Subtract(gk, mk), TSmall.On ? mk : gk), normal);
                TL.Store(mk, ref m, k);
                TV vk = Flush<TV, TL, T>(TL.MultiplyAdd(TL.Multiply(oneMinusBeta2, gk), gk, TL.Multiply(beta2, TL.Load(ref v, k))), normal);
                TL.Store(vk, ref v, k);
                TV denominator = TL.Add(TL.Divide(TL.Sqrt(vk), correction2), epsilon);
                TL.Store(Flush<TV, TL, T>(TL.MultiplyAdd(step, TL.Divide(mk, denominator), pk), normal), ref p, k);
            }

            return k;
        }
    }

    /// <summary>
    /// RMSprop: A the parameters, B the gradient, C the square average s, D the momentum buffer b; S0 = wd, S1 = α,
    /// S2 = 1 − α, S3 = ε, S4 = −lr, S5 = μ. The flags: weight decay, momentum.
    /// </summary>
    private readonly struct RMSpropKernel<TDecay, TMomentum> : IKernel
        where TDecay : struct, IFlag
        where TMomentum : struct, IFlag
    {
        public static bool UsesExp => false;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T p = ref o.A;
            ref T g = ref o.B;
            ref T s = ref o.C;
            ref T b = ref o.D;
            TV decay = TL.Broadcast(o.S0);
            TV alpha = TL.Broadcast(o.S1);
            TV oneMinusAlpha = TL.Broadcast(o.S2);
            TV epsilon = TL.Broadcast(o.S3);
            TV rate = TL.Broadcast(o.S4);
            TV mu = TL.Broadcast(o.S5);
            TV normal = TL.Broadcast(SmallestNormal<T>());
            for (; k + vl <= n; k += vl)
            {
                TV pk = TL.Load(ref p, k);
                TV gk = TL.Load(ref g, k);
                if (TDecay.On)
                {
                    gk = TL.MultiplyAdd(decay, pk, gk);
                }

                TV sk = Flush<TV, TL, T>(TL.MultiplyAdd(TL.Multiply(oneMinusAlpha, gk), gk, TL.Multiply(alpha, TL.Load(ref s, k))), normal);
                TL.Store(sk, ref s, k);
                TV average = TL.Add(TL.Sqrt(sk), epsilon);
                if (TMomentum.On)
                {
                    TV bk = Flush<TV, TL, T>(TL.Add(TL.Multiply(mu, TL.Load(ref b, k)), TL.Divide(gk, average)), normal);
                    TL.Store(bk, ref b, k);
                    TL.Store(Flush<TV, TL, T>(TL.MultiplyAdd(rate, bk, pk), normal), ref p, k);
                }
                else
                {
                    TL.Store(Flush<TV, TL, T>(TL.MultiplyAdd(rate, TL.Divide(gk, average), pk), normal), ref p, k);
                }
            }

            return k;
        }
    }

    /// <summary>Adagrad: A the parameters, B the gradient, C the sum of squares s; S0 = wd, S1 = ε, S2 = −lr. The flag: weight decay.</summary>
    private readonly struct AdagradKernel<TDecay> : IKernel
        where TDecay : struct, IFlag
    {
        public static bool UsesExp => false;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T p = ref o.A;
            ref T g = ref o.B;
            ref T s = ref o.C;
            TV decay = TL.Broadcast(o.S0);
            TV epsilon = TL.Broadcast(o.S1);
            TV rate = TL.Broadcast(o.S2);
            TV normal = TL.Broadcast(SmallestNormal<T>());
            for (; k + vl <= n; k += vl)
            {
                TV pk = TL.Load(ref p, k);
                TV gk = TL.Load(ref g, k);
                if (TDecay.On)
                {
                    gk = TL.MultiplyAdd(decay, pk, gk);
                }

                TV sk = Flush<TV, TL, T>(TL.MultiplyAdd(gk, gk, TL.Load(ref s, k)), normal);
                TL.Store(sk, ref s, k);
                TV std = TL.Add(TL.Sqrt(sk), epsilon);
                TL.Store(Flush<TV, TL, T>(TL.MultiplyAdd(rate, TL.Divide(gk, std), pk), normal), ref p, k);
            }

            return k;
        }
    }
}
