using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

// The finiteness check of a training step's loss and gradient, and of the data Fit is given.
public static partial class Dense
{
    /// <summary>True when no element is NaN or ±∞: one vectorised pass (<c>x − x</c> is 0 exactly for finite x, NaN otherwise, and sums stay NaN).</summary>
    public static bool AllFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (values.Length <= ShortFiniteCheck)
        {
            // A few values (a small network's inputs, targets or gradient): a plain loop costs less than choosing a width.
            foreach (T value in values)
            {
                if (!T.IsFinite(value))
                {
                    return false;
                }
            }

            return true;
        }

        Check<T>(true, "AllFinite");
        var o = new Operands<T> { A = ref MemoryMarshal.GetReference(values), Length = values.Length };
        Run<FiniteKernel, T>(ref o);
        return !T.IsNaN(o.S0);
    }

    /// <summary>
    /// Up to this many values <see cref="AllFinite{T}"/> checks one by one: the checks of a 2-4-1 network's step (8 inputs,
    /// 4 targets, 17 gradients) through the width dispatch made its training step 43% slower (96.6 to 138.4 ns, W1 in
    /// tests/NetGen.Benchmarks), one by one 8% (104.4 ns); 256-bit vectors without the dispatch measured the same as one
    /// by one, within the machine's noise (1.07 and 0.96 of the time with and without AVX-512).
    /// </summary>
    private const int ShortFiniteCheck = 64;

    /// <summary>Adds the sum of <c>A_k − A_k</c> over the elements to S0: 0 while every element is finite, NaN otherwise.</summary>
    private readonly struct FiniteKernel : IKernel
    {
        public static bool UsesExp => false;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T a = ref o.A;
            TV s0 = TL.Zero, s1 = TL.Zero, s2 = TL.Zero, s3 = TL.Zero;
            for (; k + (4 * vl) <= n; k += 4 * vl)
            {
                TV a0 = TL.Load(ref a, k), a1 = TL.Load(ref a, k + vl), a2 = TL.Load(ref a, k + (2 * vl)), a3 = TL.Load(ref a, k + (3 * vl));
                s0 = TL.Add(s0, TL.Subtract(a0, a0));
                s1 = TL.Add(s1, TL.Subtract(a1, a1));
                s2 = TL.Add(s2, TL.Subtract(a2, a2));
                s3 = TL.Add(s3, TL.Subtract(a3, a3));
            }

            for (; k + vl <= n; k += vl)
            {
                TV ak = TL.Load(ref a, k);
                s0 = TL.Add(s0, TL.Subtract(ak, ak));
            }

            o.S0 += TL.Sum(TL.Add(TL.Add(s0, s1), TL.Add(s2, s3)));
            return k;
        }
    }
}
