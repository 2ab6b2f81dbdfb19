using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

/// <summary>
/// The vectorised kernels behind NetGen's loop-shaped networks: fixed-size layers whose weights live in one
/// contiguous parameter block, processed with <see cref="Vector{T}"/> (256-bit on AVX2 machines, 128-bit or
/// scalar elsewhere, so every kernel is correct on hardware without AVX2). Generated code calls them with its
/// sizes as constants. The math is the reference network's (NetGen.Reference.FC); sums run over the same
/// index in the same order per output (fused multiply-adds only in single precision on net9.0 and newer; dot
/// products of long rows and the vector exp round differently), so double results agree with the reference
/// within rounding (1e-12 relative in the tests).
/// </summary>
/// <remarks>
/// Layouts: <c>W</c> is (inputs x outputs) row-major, index <c>i * outputs + j</c>; a batch of <c>n</c> samples is
/// sample-major, sample <c>s</c> at <c>[s * size, (s + 1) * size)</c>. T is float or double; other types throw.
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
        Check<T>(samples > 0, "Forward");
        int nout = b.Length;
        int nin = x.Length / samples;
        Check<T>(w.Length == nin * nout && x.Length == samples * nin && a.Length == samples * nout, "Forward");
        int s = 0;
        for (; s + 4 <= samples; s += 4)
        {
            int wide = Wide.AffineFour(w, b, x.Slice(s * nin, 4 * nin), a.Slice(s * nout, 4 * nout));
            int done = AffineFour(w, b, x.Slice(s * nin, 4 * nin), a.Slice(s * nout, 4 * nout), wide);
            for (int k = 0; k < 4; k++)
            {
                Affine(w, b, x.Slice((s + k) * nin, nin), a.Slice((s + k) * nout, nout), done);
            }
        }

        for (; s < samples; s++)
        {
            int wide = Wide.Affine(w, b, x.Slice(s * nin, nin), a.Slice(s * nout, nout));
            Affine(w, b, x.Slice(s * nin, nin), a.Slice(s * nout, nout), wide);
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
        Check<T>(y.Length == t.Length && delta.Length == y.Length, "OutputDelta");
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
        Check<T>(samples > 0, "AccumulateGradients");
        int nout = gb.Length;
        int nin = x.Length / samples;
        Check<T>(gw.Length == nin * nout && x.Length == samples * nin && delta.Length == samples * nout, "AccumulateGradients");
        int vl = Vector<T>.Count;
        ref T g = ref MemoryMarshal.GetReference(gw);
        ref T d = ref MemoryMarshal.GetReference(delta);
        ref T xr = ref MemoryMarshal.GetReference(x);
        int i = 0;
        for (; i + 2 <= nin; i += 2)
        {
            // Two rows of the gradient at a time: each δ vector is loaded once for both.
            ref T row0 = ref Unsafe.Add(ref g, i * nout);
            ref T row1 = ref Unsafe.Add(ref g, (i + 1) * nout);
            int j = Wide.AccumulateRowPair(ref row0, ref row1, ref Unsafe.Add(ref xr, i), ref d, samples, nin, nout);
            for (; j + 4 * vl <= nout; j += 4 * vl)
            {
                Vector<T> p0 = Vector.LoadUnsafe(ref row0, (nuint)j), p1 = Vector.LoadUnsafe(ref row0, (nuint)(j + vl));
                Vector<T> p2 = Vector.LoadUnsafe(ref row0, (nuint)(j + 2 * vl)), p3 = Vector.LoadUnsafe(ref row0, (nuint)(j + 3 * vl));
                Vector<T> q0 = Vector.LoadUnsafe(ref row1, (nuint)j), q1 = Vector.LoadUnsafe(ref row1, (nuint)(j + vl));
                Vector<T> q2 = Vector.LoadUnsafe(ref row1, (nuint)(j + 2 * vl)), q3 = Vector.LoadUnsafe(ref row1, (nuint)(j + 3 * vl));
                for (int s = 0; s < samples; s++)
                {
                    var x0 = new Vector<T>(Unsafe.Add(ref xr, s * nin + i));
                    var x1 = new Vector<T>(Unsafe.Add(ref xr, s * nin + i + 1));
                    ref T ds = ref Unsafe.Add(ref d, s * nout + j);
                    Vector<T> d0 = Vector.LoadUnsafe(ref ds), d1 = Vector.LoadUnsafe(ref ds, (nuint)vl);
                    Vector<T> d2 = Vector.LoadUnsafe(ref ds, (nuint)(2 * vl)), d3 = Vector.LoadUnsafe(ref ds, (nuint)(3 * vl));
                    p0 = MultiplyAdd(x0, d0, p0);
                    p1 = MultiplyAdd(x0, d1, p1);
                    p2 = MultiplyAdd(x0, d2, p2);
                    p3 = MultiplyAdd(x0, d3, p3);
                    q0 = MultiplyAdd(x1, d0, q0);
                    q1 = MultiplyAdd(x1, d1, q1);
                    q2 = MultiplyAdd(x1, d2, q2);
                    q3 = MultiplyAdd(x1, d3, q3);
                }

                p0.StoreUnsafe(ref row0, (nuint)j);
                p1.StoreUnsafe(ref row0, (nuint)(j + vl));
                p2.StoreUnsafe(ref row0, (nuint)(j + 2 * vl));
                p3.StoreUnsafe(ref row0, (nuint)(j + 3 * vl));
                q0.StoreUnsafe(ref row1, (nuint)j);
                q1.StoreUnsafe(ref row1, (nuint)(j + vl));
                q2.StoreUnsafe(ref row1, (nuint)(j + 2 * vl));
                q3.StoreUnsafe(ref row1, (nuint)(j + 3 * vl));
            }

            // The rest of both rows, one vector and then one element at a time; the two rows' chains overlap.
            for (; j + vl <= nout; j += vl)
            {
                Vector<T> p0 = Vector.LoadUnsafe(ref row0, (nuint)j), q0 = Vector.LoadUnsafe(ref row1, (nuint)j);
                for (int s = 0; s < samples; s++)
                {
                    Vector<T> ds = Vector.LoadUnsafe(ref d, (nuint)(s * nout + j));
                    p0 = MultiplyAdd(new Vector<T>(Unsafe.Add(ref xr, s * nin + i)), ds, p0);
                    q0 = MultiplyAdd(new Vector<T>(Unsafe.Add(ref xr, s * nin + i + 1)), ds, q0);
                }

                p0.StoreUnsafe(ref row0, (nuint)j);
                q0.StoreUnsafe(ref row1, (nuint)j);
            }

            for (; j < nout; j++)
            {
                T p0 = Unsafe.Add(ref row0, j), q0 = Unsafe.Add(ref row1, j);
                for (int s = 0; s < samples; s++)
                {
                    T ds = Unsafe.Add(ref d, s * nout + j);
                    p0 = MultiplyAdd(Unsafe.Add(ref xr, s * nin + i), ds, p0);
                    q0 = MultiplyAdd(Unsafe.Add(ref xr, s * nin + i + 1), ds, q0);
                }

                Unsafe.Add(ref row0, j) = p0;
                Unsafe.Add(ref row1, j) = q0;
            }
        }

        for (; i < nin; i++)
        {
            AccumulateRowTail(ref Unsafe.Add(ref g, i * nout), x, delta, samples, nin, nout, i, 0);
        }

        for (int s = 0; s < samples; s++)
        {
            Add(gb, delta.Slice(s * nout, nout));
        }
    }

    /// <summary>Row i of a weight gradient from unit <paramref name="from"/> on: one vector, then one element, at a time.</summary>
    private static void AccumulateRowTail<T>(ref T row, ReadOnlySpan<T> x, ReadOnlySpan<T> delta, int samples, int nin, int nout, int i, int from)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int vl = Vector<T>.Count;
        ref T d = ref MemoryMarshal.GetReference(delta);
        int j = from;
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

    /// <summary>
    /// The δ of the layer below, from this layer's weights as they are: <c>δ_below,i = (Σ_j W[i, j] · δ_j) · a_i(1 − a_i)</c>
    /// for every sample, where <c>a</c> is the layer below's output.
    /// </summary>
    public static void BackpropagateDelta<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(samples > 0, "BackpropagateDelta");
        int nin = a.Length / samples;
        int nout = delta.Length / samples;
        Check<T>(w.Length == nin * nout && a.Length == samples * nin && delta.Length == samples * nout && deltaBelow.Length == a.Length, "BackpropagateDelta");
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T dr = ref MemoryMarshal.GetReference(delta);
        for (int s = 0; s < samples; s++)
        {
            ref T ds = ref Unsafe.Add(ref dr, s * nout);
            int i = 0;
            if (nout < 2 * Vector<T>.Count)
            {
                // Short rows: four rows at a time, so four independent chains of multiply-adds overlap.
                for (; i + 4 <= nin; i += 4)
                {
                    ref T r0 = ref Unsafe.Add(ref wr, i * nout);
                    T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
                    for (int j = 0; j < nout; j++)
                    {
                        T dj = Unsafe.Add(ref ds, j);
                        s0 = MultiplyAdd(Unsafe.Add(ref r0, j), dj, s0);
                        s1 = MultiplyAdd(Unsafe.Add(ref r0, nout + j), dj, s1);
                        s2 = MultiplyAdd(Unsafe.Add(ref r0, 2 * nout + j), dj, s2);
                        s3 = MultiplyAdd(Unsafe.Add(ref r0, 3 * nout + j), dj, s3);
                    }

                    deltaBelow[s * nin + i] = s0 * Derivative(a[s * nin + i]);
                    deltaBelow[s * nin + i + 1] = s1 * Derivative(a[s * nin + i + 1]);
                    deltaBelow[s * nin + i + 2] = s2 * Derivative(a[s * nin + i + 2]);
                    deltaBelow[s * nin + i + 3] = s3 * Derivative(a[s * nin + i + 3]);
                }
            }

            for (; i < nin; i++)
            {
                deltaBelow[s * nin + i] = Dot(ref Unsafe.Add(ref wr, i * nout), ref ds, nout) * Derivative(a[s * nin + i]);
            }
        }
    }

    /// <summary>Gradient descent on a parameter block: <c>p -= rate · g</c>, element by element.</summary>
    public static void Descend<T>(Span<T> p, ReadOnlySpan<T> g, T rate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(p.Length == g.Length, "Descend");
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
    /// <summary>σ(z) on a vector, without overflow: <c>e = exp(−|z|)</c>, <c>σ = 1/(1 + e)</c> for z ≥ 0 and <c>e/(1 + e)</c> otherwise (the scalar formulas).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Sigmoid<T>(Vector<T> z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector<T> e = Exp(-Vector.Abs(z));
        Vector<T> numerator = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(z, Vector<T>.Zero), Vector<T>.One, e);
        return numerator / (Vector<T>.One + e);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Exp<T>(Vector<T> v)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        return typeof(T) == typeof(double)
            ? Vector.As<double, T>(Vector.Exp(Vector.As<T, double>(v)))
            : Vector.As<float, T>(Vector.Exp(Vector.As<T, float>(v)));
    }
#endif

    /// <summary>
    /// Four samples at once, two vectors of units at a time: each weight row is loaded once for four samples
    /// (eight accumulators in registers). Covers the units up to the last whole pair of vectors and returns where
    /// it stopped; <see cref="Affine"/> does the rest. Per unit the sum runs over i in order, as in Affine.
    /// </summary>
    private static int AffineFour<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a, int from)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int nout = b.Length, nin = x.Length / 4, vl = Vector<T>.Count;
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        int j = from;
        for (; j + 2 * vl <= nout; j += 2 * vl)
        {
            Vector<T> a00 = Vector<T>.Zero, a01 = Vector<T>.Zero, a10 = Vector<T>.Zero, a11 = Vector<T>.Zero;
            Vector<T> a20 = Vector<T>.Zero, a21 = Vector<T>.Zero, a30 = Vector<T>.Zero, a31 = Vector<T>.Zero;
            for (int i = 0; i < nin; i++)
            {
                ref T row = ref Unsafe.Add(ref wr, i * nout + j);
                Vector<T> w0 = Vector.LoadUnsafe(ref row);
                Vector<T> w1 = Vector.LoadUnsafe(ref row, (nuint)vl);
                var x0 = new Vector<T>(Unsafe.Add(ref xr, i));
                var x1 = new Vector<T>(Unsafe.Add(ref xr, nin + i));
                var x2 = new Vector<T>(Unsafe.Add(ref xr, 2 * nin + i));
                var x3 = new Vector<T>(Unsafe.Add(ref xr, 3 * nin + i));
                a00 = MultiplyAdd(w0, x0, a00);
                a01 = MultiplyAdd(w1, x0, a01);
                a10 = MultiplyAdd(w0, x1, a10);
                a11 = MultiplyAdd(w1, x1, a11);
                a20 = MultiplyAdd(w0, x2, a20);
                a21 = MultiplyAdd(w1, x2, a21);
                a30 = MultiplyAdd(w0, x3, a30);
                a31 = MultiplyAdd(w1, x3, a31);
            }

            Vector<T> b0 = Vector.LoadUnsafe(ref br, (nuint)j);
            Vector<T> b1 = Vector.LoadUnsafe(ref br, (nuint)(j + vl));
            (a00 + b0).StoreUnsafe(ref ar, (nuint)j);
            (a01 + b1).StoreUnsafe(ref ar, (nuint)(j + vl));
            (a10 + b0).StoreUnsafe(ref ar, (nuint)(nout + j));
            (a11 + b1).StoreUnsafe(ref ar, (nuint)(nout + j + vl));
            (a20 + b0).StoreUnsafe(ref ar, (nuint)(2 * nout + j));
            (a21 + b1).StoreUnsafe(ref ar, (nuint)(2 * nout + j + vl));
            (a30 + b0).StoreUnsafe(ref ar, (nuint)(3 * nout + j));
            (a31 + b1).StoreUnsafe(ref ar, (nuint)(3 * nout + j + vl));
        }

        return j;
    }

    /// <summary>One sample: <c>a_j = Σ_i W[i, j] · x_i + b_j</c> for units from <paramref name="from"/> on, four vectors of units at a time so they stay in registers.</summary>
    private static void Affine<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a, int from)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int nin = x.Length, nout = b.Length, vl = Vector<T>.Count;
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T ar = ref MemoryMarshal.GetReference(a);
        ref T br = ref MemoryMarshal.GetReference(b);
        int j = from;
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

    /// <summary>σ'(z) from σ's output a: <c>a(1 − a)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Derivative<T>(T a)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => a * (T.One - a);

    /// <summary><c>Σ_k u_k · v_k</c> over <paramref name="length"/> elements, vectorised when long enough.</summary>
    private static T Dot<T>(ref T u, ref T v, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int vl = Vector<T>.Count, k = 0;
        T sum = T.Zero;
        if (length >= 2 * vl)
        {
            Vector<T> acc = Vector<T>.Zero;
            for (; k + vl <= length; k += vl)
            {
                acc = MultiplyAdd(Vector.LoadUnsafe(ref u, (nuint)k), Vector.LoadUnsafe(ref v, (nuint)k), acc);
            }

            sum = Vector.Sum(acc);
        }

        for (; k < length; k++)
        {
            sum = MultiplyAdd(Unsafe.Add(ref u, k), Unsafe.Add(ref v, k), sum);
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
            // Vector.As reinterprets in registers; Unsafe.As on a local's address would keep the accumulators in memory.
            return Vector.As<float, T>(Vector.FusedMultiplyAdd(Vector.As<T, float>(a), Vector.As<T, float>(b), Vector.As<T, float>(c)));
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

    private static void Check<T>(bool condition, string kernel)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"Dense.{kernel} computes in float or double.");
        }

        if (!condition)
        {
            throw new ArgumentException($"The spans passed to Dense.{kernel} do not fit one layer.");
        }
    }

    /// <summary>
    /// The same loops on 512-bit vectors, for the units they cover, where the hardware has them (AVX-512): each
    /// returns the first unit it did not do, and the <see cref="Vector{T}"/> loops go on from there. Per unit the
    /// sums run over the same index in the same order, so results do not depend on which loop did a unit.
    /// </summary>
    private static class Wide
    {
        public static int AffineFour<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int nout = b.Length, nin = x.Length / 4, vl = Vector512<T>.Count;
            int j = 0;
            if (!Vector512.IsHardwareAccelerated)
            {
                return j;
            }

            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T ar = ref MemoryMarshal.GetReference(a);
            ref T br = ref MemoryMarshal.GetReference(b);
            for (; j + 2 * vl <= nout; j += 2 * vl)
            {
                Vector512<T> a00 = Vector512<T>.Zero, a01 = Vector512<T>.Zero, a10 = Vector512<T>.Zero, a11 = Vector512<T>.Zero;
                Vector512<T> a20 = Vector512<T>.Zero, a21 = Vector512<T>.Zero, a30 = Vector512<T>.Zero, a31 = Vector512<T>.Zero;
                for (int i = 0; i < nin; i++)
                {
                    ref T row = ref Unsafe.Add(ref wr, i * nout + j);
                    Vector512<T> w0 = Vector512.LoadUnsafe(ref row);
                    Vector512<T> w1 = Vector512.LoadUnsafe(ref row, (nuint)vl);
                    Vector512<T> x0 = Vector512.Create(Unsafe.Add(ref xr, i));
                    Vector512<T> x1 = Vector512.Create(Unsafe.Add(ref xr, nin + i));
                    Vector512<T> x2 = Vector512.Create(Unsafe.Add(ref xr, 2 * nin + i));
                    Vector512<T> x3 = Vector512.Create(Unsafe.Add(ref xr, 3 * nin + i));
                    a00 = MultiplyAdd(w0, x0, a00);
                    a01 = MultiplyAdd(w1, x0, a01);
                    a10 = MultiplyAdd(w0, x1, a10);
                    a11 = MultiplyAdd(w1, x1, a11);
                    a20 = MultiplyAdd(w0, x2, a20);
                    a21 = MultiplyAdd(w1, x2, a21);
                    a30 = MultiplyAdd(w0, x3, a30);
                    a31 = MultiplyAdd(w1, x3, a31);
                }

                Vector512<T> b0 = Vector512.LoadUnsafe(ref br, (nuint)j);
                Vector512<T> b1 = Vector512.LoadUnsafe(ref br, (nuint)(j + vl));
                (a00 + b0).StoreUnsafe(ref ar, (nuint)j);
                (a01 + b1).StoreUnsafe(ref ar, (nuint)(j + vl));
                (a10 + b0).StoreUnsafe(ref ar, (nuint)(nout + j));
                (a11 + b1).StoreUnsafe(ref ar, (nuint)(nout + j + vl));
                (a20 + b0).StoreUnsafe(ref ar, (nuint)(2 * nout + j));
                (a21 + b1).StoreUnsafe(ref ar, (nuint)(2 * nout + j + vl));
                (a30 + b0).StoreUnsafe(ref ar, (nuint)(3 * nout + j));
                (a31 + b1).StoreUnsafe(ref ar, (nuint)(3 * nout + j + vl));
            }

            return j;
        }

        public static int Affine<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int nin = x.Length, nout = b.Length, vl = Vector512<T>.Count;
            int j = 0;
            if (!Vector512.IsHardwareAccelerated)
            {
                return j;
            }

            ref T wr = ref MemoryMarshal.GetReference(w);
            ref T ar = ref MemoryMarshal.GetReference(a);
            ref T br = ref MemoryMarshal.GetReference(b);
            for (; j + 4 * vl <= nout; j += 4 * vl)
            {
                Vector512<T> acc0 = Vector512<T>.Zero, acc1 = Vector512<T>.Zero, acc2 = Vector512<T>.Zero, acc3 = Vector512<T>.Zero;
                for (int i = 0; i < nin; i++)
                {
                    Vector512<T> xi = Vector512.Create(x[i]);
                    ref T row = ref Unsafe.Add(ref wr, i * nout + j);
                    acc0 = MultiplyAdd(Vector512.LoadUnsafe(ref row), xi, acc0);
                    acc1 = MultiplyAdd(Vector512.LoadUnsafe(ref row, (nuint)vl), xi, acc1);
                    acc2 = MultiplyAdd(Vector512.LoadUnsafe(ref row, (nuint)(2 * vl)), xi, acc2);
                    acc3 = MultiplyAdd(Vector512.LoadUnsafe(ref row, (nuint)(3 * vl)), xi, acc3);
                }

                (acc0 + Vector512.LoadUnsafe(ref br, (nuint)j)).StoreUnsafe(ref ar, (nuint)j);
                (acc1 + Vector512.LoadUnsafe(ref br, (nuint)(j + vl))).StoreUnsafe(ref ar, (nuint)(j + vl));
                (acc2 + Vector512.LoadUnsafe(ref br, (nuint)(j + 2 * vl))).StoreUnsafe(ref ar, (nuint)(j + 2 * vl));
                (acc3 + Vector512.LoadUnsafe(ref br, (nuint)(j + 3 * vl))).StoreUnsafe(ref ar, (nuint)(j + 3 * vl));
            }

            return j;
        }

        /// <summary>Rows i and i + 1 of a weight gradient; <paramref name="x"/> points at input i of the first sample.</summary>
        public static int AccumulateRowPair<T>(ref T row0, ref T row1, ref T x, ref T d, int samples, int nin, int nout)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = Vector512<T>.Count;
            int j = 0;
            if (!Vector512.IsHardwareAccelerated)
            {
                return j;
            }

            for (; j + 2 * vl <= nout; j += 2 * vl)
            {
                Vector512<T> p0 = Vector512.LoadUnsafe(ref row0, (nuint)j), p1 = Vector512.LoadUnsafe(ref row0, (nuint)(j + vl));
                Vector512<T> q0 = Vector512.LoadUnsafe(ref row1, (nuint)j), q1 = Vector512.LoadUnsafe(ref row1, (nuint)(j + vl));
                for (int s = 0; s < samples; s++)
                {
                    Vector512<T> x0 = Vector512.Create(Unsafe.Add(ref x, s * nin));
                    Vector512<T> x1 = Vector512.Create(Unsafe.Add(ref x, s * nin + 1));
                    ref T ds = ref Unsafe.Add(ref d, s * nout + j);
                    Vector512<T> d0 = Vector512.LoadUnsafe(ref ds), d1 = Vector512.LoadUnsafe(ref ds, (nuint)vl);
                    p0 = MultiplyAdd(x0, d0, p0);
                    p1 = MultiplyAdd(x0, d1, p1);
                    q0 = MultiplyAdd(x1, d0, q0);
                    q1 = MultiplyAdd(x1, d1, q1);
                }

                p0.StoreUnsafe(ref row0, (nuint)j);
                p1.StoreUnsafe(ref row0, (nuint)(j + vl));
                q0.StoreUnsafe(ref row1, (nuint)j);
                q1.StoreUnsafe(ref row1, (nuint)(j + vl));
            }

            return j;
        }

        /// <summary><c>a · b + c</c> on 512-bit vectors, fused for float only, as <see cref="Dense.MultiplyAdd{T}(Vector{T}, Vector{T}, Vector{T})"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
#if NET9_0_OR_GREATER
            if (typeof(T) == typeof(float))
            {
                return Vector512.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
            }
#endif
            return a * b + c;
        }
    }
}
