using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <summary>
/// The vectorised kernels behind NetGen's loop-shaped networks: fixed-size layers whose weights live in one
/// contiguous parameter block, processed with <see cref="Vector{T}"/> (256-bit on AVX2 machines, 128-bit or
/// scalar elsewhere, so every kernel is correct on hardware without AVX2). Generated code calls them with its
/// sizes as constants. The math is the reference network's (NetGen.Reference.FC); sums run over the same
/// index in the same order per output (fused multiply-adds only in single precision), so double results agree
/// with the reference to rounding.
/// </summary>
/// <remarks>
/// Layouts: <c>W</c> is (inputs x outputs) row-major, index <c>i * outputs + j</c>; a batch of <c>n</c> samples is
/// sample-major, sample <c>s</c> at <c>[s * size, (s + 1) * size)</c>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Dense
{
    /// <summary>
    /// <c>a = σ(Wᵀ · x + b)</c> for <paramref name="samples"/> samples: for each sample and unit j,
    /// <c>Σ_i W[i, j] · x_i</c> in order of i, plus <c>b_j</c>, then the sigmoid.
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int nout = b.Length;
        int nin = x.Length / samples;
        Check(w.Length == nin * nout && x.Length == samples * nin && a.Length == samples * nout, "Forward");
        for (int s = 0; s < samples; s++)
        {
            Affine(w, b, x.Slice(s * nin, nin), a.Slice(s * nout, nout));
        }

        Sigmoid(a);
    }

    /// <summary>
    /// The square loss of a batch and the output layer's δ: <c>e = y − t</c>, <c>L = ½ Σ e²</c>,
    /// <c>δ = e ⊙ y(1 − y)</c>. Returns L.
    /// </summary>
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> t, Span<T> delta)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check(y.Length == t.Length && delta.Length == y.Length, "OutputDelta");
        T half = T.CreateTruncating(0.5);
        T loss = T.Zero;
        for (int k = 0; k < y.Length; k++)
        {
            T e = y[k] - t[k];
            loss += half * (e * e);
            delta[k] = e * (y[k] * (T.One - y[k]));
        }

        return loss;
    }

    /// <summary>
    /// Adds a batch's contribution to a layer's gradient: <c>∂L/∂W[i, j] += Σ_s x_s,i · δ_s,j</c> and
    /// <c>∂L/∂b_j += Σ_s δ_s,j</c>, summing over the samples in order.
    /// </summary>
    public static void AccumulateGradients<T>(Span<T> gw, Span<T> gb, ReadOnlySpan<T> x, ReadOnlySpan<T> delta, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int nout = gb.Length;
        int nin = x.Length / samples;
        Check(gw.Length == nin * nout && x.Length == samples * nin && delta.Length == samples * nout, "AccumulateGradients");
        int vl = Vector<T>.Count;
        ref T g = ref MemoryMarshal.GetReference(gw);
        ref T d = ref MemoryMarshal.GetReference(delta);
        for (int i = 0; i < nin; i++)
        {
            ref T row = ref Unsafe.Add(ref g, i * nout);
            int j = 0;
            for (; j + 4 * vl <= nout; j += 4 * vl)
            {
                Vector<T> acc0 = Vector.LoadUnsafe(ref row, (nuint)j);
                Vector<T> acc1 = Vector.LoadUnsafe(ref row, (nuint)(j + vl));
                Vector<T> acc2 = Vector.LoadUnsafe(ref row, (nuint)(j + 2 * vl));
                Vector<T> acc3 = Vector.LoadUnsafe(ref row, (nuint)(j + 3 * vl));
                for (int s = 0; s < samples; s++)
                {
                    var xs = new Vector<T>(x[s * nin + i]);
                    ref T ds = ref Unsafe.Add(ref d, s * nout + j);
                    acc0 = MultiplyAdd(xs, Vector.LoadUnsafe(ref ds), acc0);
                    acc1 = MultiplyAdd(xs, Vector.LoadUnsafe(ref ds, (nuint)vl), acc1);
                    acc2 = MultiplyAdd(xs, Vector.LoadUnsafe(ref ds, (nuint)(2 * vl)), acc2);
                    acc3 = MultiplyAdd(xs, Vector.LoadUnsafe(ref ds, (nuint)(3 * vl)), acc3);
                }

                acc0.StoreUnsafe(ref row, (nuint)j);
                acc1.StoreUnsafe(ref row, (nuint)(j + vl));
                acc2.StoreUnsafe(ref row, (nuint)(j + 2 * vl));
                acc3.StoreUnsafe(ref row, (nuint)(j + 3 * vl));
            }

            for (; j + vl <= nout; j += vl)
            {
                Vector<T> acc = Vector.LoadUnsafe(ref row, (nuint)j);
                for (int s = 0; s < samples; s++)
                {
                    acc = MultiplyAdd(new Vector<T>(x[s * nin + i]), Vector.LoadUnsafe(ref d, (nuint)(s * nout + j)), acc);
                }

                acc.StoreUnsafe(ref row, (nuint)j);
            }

            for (; j < nout; j++)
            {
                T acc = Unsafe.Add(ref row, j);
                for (int s = 0; s < samples; s++)
                {
                    acc = MultiplyAdd(x[s * nin + i], Unsafe.Add(ref d, s * nout + j), acc);
                }

                Unsafe.Add(ref row, j) = acc;
            }
        }

        for (int s = 0; s < samples; s++)
        {
            Add(gb, delta.Slice(s * nout, nout));
        }
    }

    /// <summary>
    /// The δ of the layer below, from this layer's weights as they are: <c>δ_below,i = (Σ_j W[i, j] · δ_j) · a_i(1 − a_i)</c>
    /// for every sample, where <c>a</c> is the layer below's output.
    /// </summary>
    public static void BackpropagateDelta<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int nin = a.Length / samples;
        int nout = delta.Length / samples;
        Check(w.Length == nin * nout && a.Length == samples * nin && delta.Length == samples * nout && deltaBelow.Length == a.Length, "BackpropagateDelta");
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<T> ds = delta.Slice(s * nout, nout);
            for (int i = 0; i < nin; i++)
            {
                T ai = a[s * nin + i];
                deltaBelow[s * nin + i] = Dot(w.Slice(i * nout, nout), ds) * (ai * (T.One - ai));
            }
        }
    }

    /// <summary>Gradient descent on a parameter block: <c>p -= rate · g</c>, element by element.</summary>
    public static void Descend<T>(Span<T> p, ReadOnlySpan<T> g, T rate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check(p.Length == g.Length, "Descend");
        int vl = Vector<T>.Count;
        var r = new Vector<T>(rate);
        ref T pr = ref MemoryMarshal.GetReference(p);
        ref T gr = ref MemoryMarshal.GetReference(g);
        int k = 0;
        for (; k + vl <= p.Length; k += vl)
        {
            (Vector.LoadUnsafe(ref pr, (nuint)k) - r * Vector.LoadUnsafe(ref gr, (nuint)k)).StoreUnsafe(ref pr, (nuint)k);
        }

        for (; k < p.Length; k++)
        {
            Unsafe.Add(ref pr, k) -= rate * Unsafe.Add(ref gr, k);
        }
    }

    /// <summary>The logistic sigmoid of every element, in place, vectorised where the runtime has a vector exp (net9.0 and newer).</summary>
    public static void Sigmoid<T>(Span<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int k = 0;
#if NET9_0_OR_GREATER
        int vl = Vector<T>.Count;
        ref T v = ref MemoryMarshal.GetReference(values);
        if (Vector.IsHardwareAccelerated)
        {
            for (; k + vl <= values.Length; k += vl)
            {
                Sigmoid(Vector.LoadUnsafe(ref v, (nuint)k)).StoreUnsafe(ref v, (nuint)k);
            }
        }
#endif
        for (; k < values.Length; k++)
        {
            values[k] = ScalarSigmoid(values[k]);
        }
    }

#if NET9_0_OR_GREATER
    /// <summary>σ(z) on a vector, without overflow: <c>e = exp(−|z|)</c>, <c>σ = 1/(1 + e)</c> for z ≥ 0 and <c>e/(1 + e)</c> otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Sigmoid<T>(Vector<T> z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector<T> e = Exp(-Vector.Abs(z));
        Vector<T> s = Vector<T>.One / (Vector<T>.One + e);
        return Vector.ConditionalSelect(Vector.GreaterThanOrEqual(z, Vector<T>.Zero), s, e * s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Exp<T>(Vector<T> v)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            Vector<double> r = Vector.Exp(Unsafe.As<Vector<T>, Vector<double>>(ref v));
            return Unsafe.As<Vector<double>, Vector<T>>(ref r);
        }

        Vector<float> f = Vector.Exp(Unsafe.As<Vector<T>, Vector<float>>(ref v));
        return Unsafe.As<Vector<float>, Vector<T>>(ref f);
    }
#endif

    /// <summary>One unit row: <c>a_j = Σ_i W[i, j] · x_i + b_j</c>, four vectors of units at a time so they stay in registers.</summary>
    private static void Affine<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int nin = x.Length, nout = b.Length, vl = Vector<T>.Count;
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        int j = 0;
        for (; j + 4 * vl <= nout; j += 4 * vl)
        {
            Vector<T> acc0 = Vector<T>.Zero, acc1 = Vector<T>.Zero, acc2 = Vector<T>.Zero, acc3 = Vector<T>.Zero;
            for (int i = 0; i < nin; i++)
            {
                var xi = new Vector<T>(x[i]);
                ref T row = ref Unsafe.Add(ref wr, i * nout + j);
                acc0 = MultiplyAdd(Vector.LoadUnsafe(ref row), xi, acc0);
                acc1 = MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)vl), xi, acc1);
                acc2 = MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(2 * vl)), xi, acc2);
                acc3 = MultiplyAdd(Vector.LoadUnsafe(ref row, (nuint)(3 * vl)), xi, acc3);
            }

            (acc0 + Vector.LoadUnsafe(ref br, (nuint)j)).StoreUnsafe(ref ar, (nuint)j);
            (acc1 + Vector.LoadUnsafe(ref br, (nuint)(j + vl))).StoreUnsafe(ref ar, (nuint)(j + vl));
            (acc2 + Vector.LoadUnsafe(ref br, (nuint)(j + 2 * vl))).StoreUnsafe(ref ar, (nuint)(j + 2 * vl));
            (acc3 + Vector.LoadUnsafe(ref br, (nuint)(j + 3 * vl))).StoreUnsafe(ref ar, (nuint)(j + 3 * vl));
        }

        for (; j + vl <= nout; j += vl)
        {
            Vector<T> acc = Vector<T>.Zero;
            for (int i = 0; i < nin; i++)
            {
                acc = MultiplyAdd(Vector.LoadUnsafe(ref wr, (nuint)(i * nout + j)), new Vector<T>(x[i]), acc);
            }

            (acc + Vector.LoadUnsafe(ref br, (nuint)j)).StoreUnsafe(ref ar, (nuint)j);
        }

        for (; j < nout; j++)
        {
            T acc = T.Zero;
            for (int i = 0; i < nin; i++)
            {
                acc = MultiplyAdd(Unsafe.Add(ref wr, i * nout + j), x[i], acc);
            }

            Unsafe.Add(ref ar, j) = acc + Unsafe.Add(ref br, j);
        }
    }

    /// <summary><c>Σ_k u_k · v_k</c>, vectorised.</summary>
    private static T Dot<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> v)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int vl = Vector<T>.Count, k = 0;
        T sum = T.Zero;
        if (u.Length >= 2 * vl)
        {
            ref T ur = ref MemoryMarshal.GetReference(u);
            ref T vr = ref MemoryMarshal.GetReference(v);
            Vector<T> acc = Vector<T>.Zero;
            for (; k + vl <= u.Length; k += vl)
            {
                acc = MultiplyAdd(Vector.LoadUnsafe(ref ur, (nuint)k), Vector.LoadUnsafe(ref vr, (nuint)k), acc);
            }

            sum = Vector.Sum(acc);
        }

        for (; k < u.Length; k++)
        {
            sum = MultiplyAdd(u[k], v[k], sum);
        }

        return sum;
    }

    private static void Add<T>(Span<T> target, ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int vl = Vector<T>.Count, k = 0;
        ref T tr = ref MemoryMarshal.GetReference(target);
        ref T vr = ref MemoryMarshal.GetReference(values);
        for (; k + vl <= target.Length; k += vl)
        {
            (Vector.LoadUnsafe(ref tr, (nuint)k) + Vector.LoadUnsafe(ref vr, (nuint)k)).StoreUnsafe(ref tr, (nuint)k);
        }

        for (; k < target.Length; k++)
        {
            Unsafe.Add(ref tr, k) += Unsafe.Add(ref vr, k);
        }
    }

    /// <summary>
    /// <c>a · b + c</c>: fused (one rounding) for float on net9.0 and newer, where speed is the point of single
    /// precision; two roundings for double, so double networks follow the reference network's arithmetic
    /// operation for operation (fused multiply-adds made 784-128-10 drift 1.3e-10 from it over 100 steps).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> MultiplyAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(float))
        {
            Vector<float> f = Vector.FusedMultiplyAdd(
                Unsafe.As<Vector<T>, Vector<float>>(ref a), Unsafe.As<Vector<T>, Vector<float>>(ref b), Unsafe.As<Vector<T>, Vector<float>>(ref c));
            return Unsafe.As<Vector<float>, Vector<T>>(ref f);
        }
#endif
        return a * b + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T MultiplyAdd<T>(T a, T b, T c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
#if NET9_0_OR_GREATER
        if (typeof(T) == typeof(float))
        {
            return T.FusedMultiplyAdd(a, b, c);
        }
#endif
        return a * b + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ScalarSigmoid<T>(T z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            double r = Activations.Sigmoid(Unsafe.As<T, double>(ref z));
            return Unsafe.As<double, T>(ref r);
        }

        float f = Activations.Sigmoid(Unsafe.As<T, float>(ref z));
        return Unsafe.As<float, T>(ref f);
    }

    private static void Check(bool condition, string kernel)
    {
        if (!condition)
        {
            throw new ArgumentException($"The spans passed to Dense.{kernel} do not fit one layer.");
        }
    }
}
