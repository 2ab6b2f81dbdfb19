using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Runtime;

/// <summary>
/// The vectorised kernels behind NetGen's loop-shaped networks: fixed-size layers whose weights live in one
/// contiguous parameter block. Generated code calls them with its sizes as constants. The math is the reference
/// network's (NetGen.Reference.FC): every sum runs over the same index in the same order as there, with one
/// rounding per multiply-add in both builds (<see cref="ILanes{TV, T}.MultiplyAdd"/>), so double results
/// agree with <c>new ReferenceNetwork(..., fusedMultiplyAdd: true)</c> within the rounding of the vector exp, and
/// do not depend on the vector width.
/// </summary>
/// <remarks>
/// <para>
/// Layouts: <c>W</c> is (inputs x outputs) row-major, index <c>i * outputs + j</c>; a batch of <c>n</c> samples is
/// sample-major, sample <c>s</c> at <c>[s * size, (s + 1) * size)</c>. T is float or double; other types throw.
/// </para>
/// <para>
/// Each kernel is written once over <see cref="ILanes{TV, T}"/> and run at every width the hardware accelerates,
/// widest first: 512-bit vectors where AVX-512 is in use, then 256, then 128, then scalar for what is left. Each
/// width takes the units (or gradient columns) its vectors cover and returns where it stopped. Results are
/// register tiles chosen for the machine's vector registers (8, 6 or 4 samples by 2 vectors of units, one sample by
/// 16 or 8 vectors, 4 gradient rows by 4 or 2 vectors or 6 by 2), so that every weight (or δ) loaded is used several
/// times and enough independent multiply-add chains run to keep the units busy.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Dense
{
    /// <summary>
    /// <c>a = σ(Wᵀ · x + b)</c> for <paramref name="samples"/> samples: for each sample and unit j,
    /// <c>Σ_i W[i, j] · x_i</c> in order of i, plus <c>b_j</c>, then the sigmoid (on NetGen's own exp,
    /// <see cref="PortableMath"/>, where <paramref name="deterministic"/>: a network declared <c>Deterministic = true</c>).
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a, int samples, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(samples > 0, "Forward");
        int nout = b.Length;
        int nin = x.Length / samples;
        Check<T>(w.Length == nin * nout && x.Length == samples * nin && a.Length == samples * nout, "Forward");
        Product(w, b, hasBias: true, x, a, samples, nin, nout);
        Sigmoid(a, deterministic);
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
    /// A batch's contribution to a layer's gradient: <c>∂L/∂W[i, j] = Σ_s x_s,i · δ_s,j</c> and
    /// <c>∂L/∂b_j = Σ_s δ_s,j</c>, summing over the samples in order. With <paramref name="accumulate"/> the sums
    /// are added to what <paramref name="gw"/> and <paramref name="gb"/> hold (a later chunk of a batch); without,
    /// they overwrite it (the first chunk), which saves clearing the gradient.
    /// </summary>
    public static void AccumulateGradients<T>(Span<T> gw, Span<T> gb, ReadOnlySpan<T> x, ReadOnlySpan<T> delta, int samples, bool accumulate = true)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(samples > 0, "AccumulateGradients");
        int nout = gb.Length;
        int nin = x.Length / samples;
        Check<T>(gw.Length == nin * nout && x.Length == samples * nin && delta.Length == samples * nout, "AccumulateGradients");
        ref T g = ref MemoryMarshal.GetReference(gw);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T d = ref MemoryMarshal.GetReference(delta);
        int i = 0;
        if (SixteenRegisters)
        {
            for (; TakeSix(nin - i); i += 6)
            {
                Across<SixRows, T>(ref Unsafe.Add(ref g, i * nout), ref Unsafe.Add(ref xr, i), ref d, samples, nin, nout, accumulate);
            }
        }

        for (; i + 4 <= nin; i += 4)
        {
            Across<FourRows, T>(ref Unsafe.Add(ref g, i * nout), ref Unsafe.Add(ref xr, i), ref d, samples, nin, nout, accumulate);
        }

        for (; i < nin; i++)
        {
            Across<OneRow, T>(ref Unsafe.Add(ref g, i * nout), ref Unsafe.Add(ref xr, i), ref d, samples, nin, nout, accumulate);
        }

        // ∂L/∂b is the gradient "row" of an input that is always 1.
        Across<BiasRow, T>(ref MemoryMarshal.GetReference(gb), ref xr, ref d, samples, nin, nout, accumulate);
    }

    /// <summary>
    /// <c>wt = Wᵀ</c>: the (inputs x outputs) weights as (outputs x inputs), so that
    /// <see cref="BackpropagateDeltaTransposed{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int)"/> reads them along its own sums.
    /// </summary>
    public static void Transpose<T>(ReadOnlySpan<T> w, Span<T> wt, int inputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(inputs > 0 && w.Length % inputs == 0 && wt.Length == w.Length, "Transpose");
        int nout = w.Length / inputs;
        const int Block = 16;
        for (int i0 = 0; i0 < inputs; i0 += Block)
        {
            int i1 = Math.Min(i0 + Block, inputs);
            for (int j = 0; j < nout; j++)
            {
                for (int i = i0; i < i1; i++)
                {
                    wt[j * inputs + i] = w[i * nout + j];
                }
            }
        }
    }

    /// <summary>
    /// The δ of the layer below, from this layer's weights as they are: <c>δ_below,i = (Σ_j W[i, j] · δ_j) · a_i(1 − a_i)</c>
    /// for every sample, the sum in order of j, where <c>a</c> is the layer below's output. Reads W along its rows,
    /// eight rows at a time in scalar chains (a sum in order of j cannot be split across vector lanes): for a few
    /// samples, where transposing W first (<see cref="BackpropagateDeltaTransposed{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int)"/>) would cost more than it saves.
    /// </summary>
    public static void BackpropagateDelta<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SumsAlongRows(w, delta, a, deltaBelow, samples);
        ScaleByDerivative(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(deltaBelow), a.Length);
    }

    /// <summary><c>δ_below,i = Σ_j W[i, j] · δ_j</c> (before the derivative) along W's rows; see <see cref="BackpropagateDelta{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int)"/>.</summary>
    private static void SumsAlongRows<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(samples > 0, "BackpropagateDelta");
        int nin = a.Length / samples;
        int nout = delta.Length / samples;
        Check<T>(w.Length == nin * nout && a.Length == samples * nin && delta.Length == samples * nout && deltaBelow.Length == a.Length, "BackpropagateDelta");
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T br = ref MemoryMarshal.GetReference(deltaBelow);
        for (int s = 0; s < samples; s++)
        {
            ref T ds = ref Unsafe.Add(ref MemoryMarshal.GetReference(delta), s * nout);
            ref T below = ref Unsafe.Add(ref br, s * nin);
            int i = 0;
            for (; i + 8 <= nin; i += 8)
            {
                ref T r = ref Unsafe.Add(ref wr, i * nout);
                T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero, s4 = T.Zero, s5 = T.Zero, s6 = T.Zero, s7 = T.Zero;
                for (int j = 0; j < nout; j++)
                {
                    T dj = Unsafe.Add(ref ds, j);
                    ref T c = ref Unsafe.Add(ref r, j);
                    s0 = Scalar<T>.MultiplyAdd(c, dj, s0);
                    s1 = Scalar<T>.MultiplyAdd(Unsafe.Add(ref c, nout), dj, s1);
                    s2 = Scalar<T>.MultiplyAdd(Unsafe.Add(ref c, 2 * nout), dj, s2);
                    s3 = Scalar<T>.MultiplyAdd(Unsafe.Add(ref c, 3 * nout), dj, s3);
                    s4 = Scalar<T>.MultiplyAdd(Unsafe.Add(ref c, 4 * nout), dj, s4);
                    s5 = Scalar<T>.MultiplyAdd(Unsafe.Add(ref c, 5 * nout), dj, s5);
                    s6 = Scalar<T>.MultiplyAdd(Unsafe.Add(ref c, 6 * nout), dj, s6);
                    s7 = Scalar<T>.MultiplyAdd(Unsafe.Add(ref c, 7 * nout), dj, s7);
                }

                Unsafe.Add(ref below, i) = s0;
                Unsafe.Add(ref below, i + 1) = s1;
                Unsafe.Add(ref below, i + 2) = s2;
                Unsafe.Add(ref below, i + 3) = s3;
                Unsafe.Add(ref below, i + 4) = s4;
                Unsafe.Add(ref below, i + 5) = s5;
                Unsafe.Add(ref below, i + 6) = s6;
                Unsafe.Add(ref below, i + 7) = s7;
            }

            for (; i < nin; i++)
            {
                ref T r = ref Unsafe.Add(ref wr, i * nout);
                T sum = T.Zero;
                for (int j = 0; j < nout; j++)
                {
                    sum = Scalar<T>.MultiplyAdd(Unsafe.Add(ref r, j), Unsafe.Add(ref ds, j), sum);
                }

                Unsafe.Add(ref below, i) = sum;
            }
        }
    }

    /// <summary>
    /// <see cref="BackpropagateDelta{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int)"/> from the weights transposed (<see cref="Transpose{T}"/>): <paramref name="wt"/>
    /// is (outputs x inputs), so the sums over j become a vectorised product with the same order and rounding. For
    /// batches, where one transposition serves every sample.
    /// </summary>
    public static void BackpropagateDeltaTransposed<T>(ReadOnlySpan<T> wt, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SumsThroughTransposed(wt, delta, a, deltaBelow, samples);
        ScaleByDerivative(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(deltaBelow), a.Length);
    }

    /// <summary><c>δ_below,i = Σ_j Wᵀ[j, i] · δ_j</c> (before the derivative); see <see cref="BackpropagateDeltaTransposed{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int)"/>.</summary>
    private static void SumsThroughTransposed<T>(ReadOnlySpan<T> wt, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(samples > 0, "BackpropagateDeltaTransposed");
        int nin = a.Length / samples;
        int nout = delta.Length / samples;
        Check<T>(wt.Length == nin * nout && a.Length == samples * nin && delta.Length == samples * nout && deltaBelow.Length == a.Length, "BackpropagateDeltaTransposed");
        // Σ_j Wᵀ[j, i] · δ_j is a forward product through Wᵀ with δ as its input and no bias.
        Product(wt, ReadOnlySpan<T>.Empty, hasBias: false, delta, deltaBelow, samples, nout, nin);
    }

    /// <summary>Runs an element-by-element operation over <paramref name="length"/> elements at every accelerated width, widest first.</summary>
    private static void Elementwise<TStep, T>(ref T target, ref T source, T scalar, int length)
        where TStep : struct, IElementwise
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            k = TStep.Run<Vector512<T>, Lanes512<T>, T>(ref target, ref source, scalar, length, k);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            k = TStep.Run<Vector256<T>, Lanes256<T>, T>(ref target, ref source, scalar, length, k);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            k = TStep.Run<Vector128<T>, Lanes128<T>, T>(ref target, ref source, scalar, length, k);
        }

        TStep.Run<T, Scalar<T>, T>(ref target, ref source, scalar, length, k);
    }

    /// <summary>Gradient descent on a parameter block: <c>p -= rate · g</c>, element by element.</summary>
    public static void Descend<T>(Span<T> p, ReadOnlySpan<T> g, T rate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(p.Length == g.Length, "Descend");
        Elementwise<DescendStep, T>(ref MemoryMarshal.GetReference(p), ref MemoryMarshal.GetReference(g), rate, p.Length);
    }

    /// <summary>
    /// <c>y_s = Wᵀ · x_s (+ b)</c> for every sample, W (inputs x outputs). Samples go in blocks of eight where
    /// 512-bit vectors are in use (32 vector registers hold a block's 16 accumulators), of six on x64 without AVX-512
    /// (16 registers, 12 accumulators), then four, then one.
    /// </summary>
    private static void Product<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, bool hasBias, ReadOnlySpan<T> x, Span<T> y, int samples, int nin, int nout)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T wr = ref MemoryMarshal.GetReference(w);
        ref T br = ref MemoryMarshal.GetReference(b);
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int s = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; s + 8 <= samples; s += 8)
            {
                Across<EightSamples, T>(ref wr, ref br, hasBias, ref Unsafe.Add(ref xr, s * nin), ref Unsafe.Add(ref yr, s * nout), nin, nout);
            }
        }
        else if (SixteenRegisters)
        {
            for (; TakeSix(samples - s); s += 6)
            {
                Across<SixSamples, T>(ref wr, ref br, hasBias, ref Unsafe.Add(ref xr, s * nin), ref Unsafe.Add(ref yr, s * nout), nin, nout);
            }
        }

        for (; s + 4 <= samples; s += 4)
        {
            Across<FourSamples, T>(ref wr, ref br, hasBias, ref Unsafe.Add(ref xr, s * nin), ref Unsafe.Add(ref yr, s * nout), nin, nout);
        }

        for (; s < samples; s++)
        {
            Across<OneSample<RowMajor>, T>(ref wr, ref br, hasBias, ref Unsafe.Add(ref xr, s * nin), ref Unsafe.Add(ref yr, s * nout), nin, nout);
        }
    }

    /// <summary>
    /// True on x64 with 256-bit vectors and without AVX-512, whose 16 vector registers take tiles of six samples (or
    /// gradient rows) by two vectors; with AVX-512 (32 registers) the product takes eight, elsewhere four.
    /// </summary>
    private static bool SixteenRegisters => Vector256.IsHardwareAccelerated && !Avx512F.IsSupported && !AdvSimd.IsSupported;

    /// <summary>
    /// Whether a block of six goes next, with <paramref name="left"/> samples or rows to do: blocks of four and single
    /// ones take the rest, so 8 and 9 go as fours (two or three passes over the weights rather than three or four).
    /// </summary>
    private static bool TakeSix(int left) => left >= 10 || left == 6 || left == 7;

    /// <summary>Runs a block of samples through the product at every accelerated width, widest first.</summary>
    private static void Across<TTiles, T>(ref T w, ref T b, bool hasBias, ref T x, ref T y, int nin, int nout)
        where TTiles : struct, IProductTiles
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            j = TTiles.Run<Vector512<T>, Lanes512<T>, T>(ref w, ref b, hasBias, ref x, ref y, nin, nout, j);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            j = TTiles.Run<Vector256<T>, Lanes256<T>, T>(ref w, ref b, hasBias, ref x, ref y, nin, nout, j);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            j = TTiles.Run<Vector128<T>, Lanes128<T>, T>(ref w, ref b, hasBias, ref x, ref y, nin, nout, j);
        }

        TTiles.Run<T, Scalar<T>, T>(ref w, ref b, hasBias, ref x, ref y, nin, nout, j);
    }

    /// <summary>Runs a block of gradient rows at every accelerated width, widest first.</summary>
    private static void Across<TTiles, T>(ref T g, ref T x, ref T d, int samples, int nin, int nout, bool accumulate)
        where TTiles : struct, IGradientTiles
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            j = TTiles.Run<Vector512<T>, Lanes512<T>, T>(ref g, ref x, ref d, samples, nin, nout, accumulate, j);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            j = TTiles.Run<Vector256<T>, Lanes256<T>, T>(ref g, ref x, ref d, samples, nin, nout, accumulate, j);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            j = TTiles.Run<Vector128<T>, Lanes128<T>, T>(ref g, ref x, ref d, samples, nin, nout, accumulate, j);
        }

        TTiles.Run<T, Scalar<T>, T>(ref g, ref x, ref d, samples, nin, nout, accumulate, j);
    }

    /// <summary>
    /// An element-by-element operation at one width: <c>target_k</c> from <c>target_k</c>, <c>source_k</c> and a
    /// scalar, from element <c>k</c> on as far as whole vectors go; returns the first element not done.
    /// </summary>
    private interface IElementwise
    {
        static abstract int Run<TV, TL, T>(ref T target, ref T source, T scalar, int length, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>;
    }

    /// <summary><c>p_k -= rate · g_k</c> (target p, source g, scalar the rate).</summary>
    private readonly struct DescendStep : IElementwise
    {
        public static int Run<TV, TL, T>(ref T target, ref T source, T scalar, int length, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            TV r = TL.Broadcast(scalar);
            for (; k + vl <= length; k += vl)
            {
                TL.Store(TL.Subtract(TL.Load(ref target, k), TL.Multiply(r, TL.Load(ref source, k))), ref target, k);
            }

            return k;
        }
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
}
