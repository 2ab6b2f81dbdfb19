using System;

namespace NetGen.Runtime;

/// <summary>
/// The layer kernels of loop-shaped networks one value at a time: the kernels of the .NET Standard 2.1 build (Unity,
/// Mono), which has no generic math, no static abstract members and no <c>Vector128/256/512</c>. Each method has the
/// parameters of the <see cref="Dense"/> kernel of its name and computes every element by the operations the vector
/// kernels apply to its lane, in the same order: each sum over the same index in the same order, from +0, every
/// multiply-add fused (<see cref="IScalarOps{T}.MulAdd"/>), the bias added after a unit's sum, and exp and log NetGen's own
/// (<see cref="PortableMath"/>), so the results are the bits the .NET builds compute for a network declared
/// <c>Deterministic = true</c>. The tests hold every method to its <see cref="Dense"/> kernel's bits on .NET.
/// </summary>
/// <remarks>
/// <para>
/// The vector kernels' tiles are a matter of speed: each element's operations do not depend on the tile or width that
/// computes it. Here the loops run in the order that reads memory in sequence (a weight row at a time), keeping each
/// unit's running sum in its output element; every sum still takes its terms in the order of the <see cref="Dense"/>
/// kernel's.
/// </para>
/// <para>
/// <c>deterministic</c> is taken for the signatures' sake and changes nothing: this code has one exp and one log, NetGen's,
/// so a network not declared deterministic computes a deterministic network's bits in the .NET Standard build, as its
/// unrolled networks do with <c>PortableVectorActivations</c>. The argument checks throw what <see cref="Dense"/>'s throw,
/// with the same messages; <typeparamref name="T"/> is float or double by <typeparamref name="TOps"/>.
/// </para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TOps">Its arithmetic: <see cref="DoubleOps"/> or <see cref="SingleOps"/>.</typeparam>
internal static partial class ScalarDense<T, TOps>
    where T : unmanaged
    where TOps : struct, IScalarOps<T>
{
    /// <summary>
    /// <c>a = σ(Wᵀ · x + b)</c> for <paramref name="samples"/> samples: for each sample and unit j, <c>Σ_i W[i, j] · x_i</c>
    /// in order of i, plus <c>b_j</c>, then the sigmoid (<see cref="Dense"/>'s Forward without an activation).
    /// </summary>
    public static void Forward(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a, int samples, bool deterministic = false)
    {
        Check(samples > 0, "Forward");
        int nout = b.Length;
        int nin = x.Length / samples;
        Check(w.Length == nin * nout && x.Length == samples * nin && a.Length == samples * nout, "Forward");
        Product(w, b, hasBias: true, x, a, samples, nin, nout);
        Sigmoid(a, deterministic);
    }

    /// <summary>
    /// A batch's contribution to a layer's gradient: <c>∂L/∂W[i, j] = Σ_s x_s,i · δ_s,j</c> and <c>∂L/∂b_j = Σ_s δ_s,j</c>,
    /// over the samples in order, added to what the gradient holds where <paramref name="accumulate"/>, from +0 otherwise.
    /// </summary>
    public static void AccumulateGradients(Span<T> gw, Span<T> gb, ReadOnlySpan<T> x, ReadOnlySpan<T> delta, int samples, bool accumulate = true)
    {
        Check(samples > 0, "AccumulateGradients");
        int nout = gb.Length;
        int nin = x.Length / samples;
        Check(gw.Length == nin * nout && x.Length == samples * nin && delta.Length == samples * nout, "AccumulateGradients");
        TOps o = default;
        if (!accumulate)
        {
            gw.Fill(o.Of(0.0));
            gb.Fill(o.Of(0.0));
        }

        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<T> ds = delta.Slice(s * nout, nout);
            for (int i = 0; i < nin; i++)
            {
                T xi = x[(s * nin) + i];
                Span<T> row = gw.Slice(i * nout, nout);
                for (int j = 0; j < nout; j++)
                {
                    row[j] = o.MulAdd(xi, ds[j], row[j]);
                }
            }

            // ∂L/∂b is the gradient row of an input that is always 1: the δ added, not multiplied.
            for (int j = 0; j < nout; j++)
            {
                gb[j] = o.Add(gb[j], ds[j]);
            }
        }
    }

    /// <summary><c>wt = Wᵀ</c>: the (inputs x outputs) weights as (outputs x inputs).</summary>
    public static void Transpose(ReadOnlySpan<T> w, Span<T> wt, int inputs)
    {
        Check(inputs > 0 && w.Length % inputs == 0 && wt.Length == w.Length, "Transpose");
        int nout = w.Length / inputs;
        for (int i = 0; i < inputs; i++)
        {
            for (int j = 0; j < nout; j++)
            {
                wt[(j * inputs) + i] = w[(i * nout) + j];
            }
        }
    }

    /// <summary>
    /// The δ of the layer below from this layer's weights: <c>δ_below,i = (Σ_j W[i, j] · δ_j) · a_i(1 − a_i)</c> for every
    /// sample, the sum in order of j.
    /// </summary>
    public static void BackpropagateDelta(ReadOnlySpan<T> w, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
    {
        SumsAlongRows(w, delta, a, deltaBelow, samples);
        ScaleByDerivative(a, deltaBelow);
    }

    /// <summary><see cref="BackpropagateDelta(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int)"/> from the weights transposed (<see cref="Transpose"/>).</summary>
    public static void BackpropagateDeltaTransposed(ReadOnlySpan<T> wt, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
    {
        SumsThroughTransposed(wt, delta, a, deltaBelow, samples);
        ScaleByDerivative(a, deltaBelow);
    }

    /// <summary>
    /// <see cref="BackpropagateDelta(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int)"/> for a layer below
    /// with any activation: the sums, then δ times the derivative, taken from <paramref name="a"/> (the output, or z where
    /// the activation's derivative is written from z).
    /// </summary>
    public static void BackpropagateDelta(ReadOnlySpan<T> w, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples, Activation activation, T slope, bool deterministic = false)
    {
        CheckBackward(activation, slope);
        SumsAlongRows(w, delta, a, deltaBelow, samples);
        Derivative(deltaBelow, a, activation, slope);
    }

    /// <summary>The activation overload of <see cref="BackpropagateDeltaTransposed(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int)"/>.</summary>
    public static void BackpropagateDeltaTransposed(ReadOnlySpan<T> wt, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples, Activation activation, T slope, bool deterministic = false)
    {
        CheckBackward(activation, slope);
        SumsThroughTransposed(wt, delta, a, deltaBelow, samples);
        Derivative(deltaBelow, a, activation, slope);
    }

    /// <summary>Gradient descent on a parameter block: <c>p_k − rate · g_k</c>, the product rounded before the difference.</summary>
    public static void Descend(Span<T> p, ReadOnlySpan<T> g, T rate)
    {
        Check(p.Length == g.Length, "Descend");
        TOps o = default;
        for (int k = 0; k < p.Length; k++)
        {
            p[k] = o.Subtract(p[k], o.Multiply(rate, g[k]));
        }
    }

    /// <summary><c>δ_below,i = Σ_j W[i, j] · δ_j</c> along W's rows, in order of j, from +0.</summary>
    private static void SumsAlongRows(ReadOnlySpan<T> w, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
    {
        Check(samples > 0, "BackpropagateDelta");
        int nin = a.Length / samples;
        int nout = delta.Length / samples;
        Check(w.Length == nin * nout && a.Length == samples * nin && delta.Length == samples * nout && deltaBelow.Length == a.Length, "BackpropagateDelta");
        TOps o = default;
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<T> ds = delta.Slice(s * nout, nout);
            for (int i = 0; i < nin; i++)
            {
                ReadOnlySpan<T> row = w.Slice(i * nout, nout);
                T sum = o.Of(0.0);
                for (int j = 0; j < nout; j++)
                {
                    sum = o.MulAdd(row[j], ds[j], sum);
                }

                deltaBelow[(s * nin) + i] = sum;
            }
        }
    }

    /// <summary><c>δ_below,i = Σ_j Wᵀ[j, i] · δ_j</c>: a product through Wᵀ with δ as its input and no bias.</summary>
    private static void SumsThroughTransposed(ReadOnlySpan<T> wt, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
    {
        Check(samples > 0, "BackpropagateDeltaTransposed");
        int nin = a.Length / samples;
        int nout = delta.Length / samples;
        Check(wt.Length == nin * nout && a.Length == samples * nin && delta.Length == samples * nout && deltaBelow.Length == a.Length, "BackpropagateDeltaTransposed");
        Product(wt, ReadOnlySpan<T>.Empty, hasBias: false, delta, deltaBelow, samples, nout, nin);
    }

    /// <summary><c>δ_k = δ_k · (a_k · (1 − a_k))</c>, the sigmoid's derivative from its output.</summary>
    private static void ScaleByDerivative(ReadOnlySpan<T> a, Span<T> delta)
    {
        TOps o = default;
        for (int k = 0; k < a.Length; k++)
        {
            delta[k] = o.SigmoidBackward(delta[k], a[k]);
        }
    }

    /// <summary>
    /// <c>y_s = Wᵀ · x_s (+ b)</c> for every sample, W (inputs x outputs): each unit's sum from +0 over i in order, one
    /// fused multiply-add per term, kept in its output element while W's rows stream through, then plus its bias.
    /// </summary>
    private static void Product(ReadOnlySpan<T> w, ReadOnlySpan<T> b, bool hasBias, ReadOnlySpan<T> x, Span<T> y, int samples, int nin, int nout)
    {
        TOps o = default;
        for (int s = 0; s < samples; s++)
        {
            Span<T> ys = y.Slice(s * nout, nout);
            ys.Fill(o.Of(0.0));
            for (int i = 0; i < nin; i++)
            {
                T xi = x[(s * nin) + i];
                ReadOnlySpan<T> row = w.Slice(i * nout, nout);
                for (int j = 0; j < nout; j++)
                {
                    ys[j] = o.MulAdd(row[j], xi, ys[j]);
                }
            }

            if (hasBias)
            {
                for (int j = 0; j < nout; j++)
                {
                    ys[j] = o.Add(ys[j], b[j]);
                }
            }
        }
    }

    /// <summary>Throws <see cref="Dense"/>'s exception for spans that do not fit the kernel.</summary>
    private static void Check(bool condition, string kernel)
    {
        if (!condition)
        {
            throw new ArgumentException($"The spans passed to Dense.{kernel} do not fit one layer.");
        }
    }
}
