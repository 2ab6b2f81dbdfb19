using System;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <summary>
/// Inverted dropout (<c>torch.nn.Dropout(p)</c>) for the training steps of generated networks and the reference
/// network: a hidden layer's output <c>a</c> becomes <c>h = a ⊙ m</c>, where each <c>m</c> is 0 with probability p and
/// <c>1 / (1 − p)</c> otherwise, and the δ sent down through it is multiplied by the same <c>m</c>.
/// </summary>
/// <remarks>
/// <para><b>The masks' stream.</b> Every mask value of a training step is its own SplitMix64 output, so it can be
/// computed in any order and both code shapes and the reference network draw the same masks: value i of a step
/// (<c>i = s · H + u</c> for sample s of the batch and hidden unit u, counting the hidden layers' units from layer 1's
/// first, H of them in all) is the top 53 bits of <c>mix(position + (i + 1) · γ)</c> times 2^−53, with γ =
/// 0x9E3779B97F4A7C15 and SplitMix64's mix function (as in <see cref="NormalSampler"/>), and the unit is dropped when
/// that uniform is below p. After a step on N samples the position moves on by <c>N · H · γ</c>, so the next step's
/// draws continue the same SplitMix64 sequence; a step that throws does not move it.</para>
/// <para><b>The start.</b> A network built with seed s starts at <c>mix(s ^ 0x6A09E667F3BCC908)</c> (s sign-extended
/// to 64 bits; the constant is the first 64 bits of the fraction of √2), a stream apart from the one that drew the
/// initial weights. The position is saved as four whole numbers below 2^16 (low part first) after the optimizer's
/// state, so a resumed run draws the masks an unbroken one would.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Dropout
{
    /// <summary>The number of values that hold the stream's position in the optimizer state.</summary>
    public const int StateLength = 4;

    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private const ulong StreamKey = 0x6A09E667F3BCC908UL;
    private const double TwoPowMinus53 = 1.0 / 9007199254740992.0;

    /// <summary>The stream's position for a network built with <paramref name="seed"/>.</summary>
    public static ulong Start(int seed) => Mix(unchecked((ulong)(long)seed) ^ StreamKey);

    /// <summary>The position after a step on <paramref name="samples"/> samples with <paramref name="hiddenUnits"/> hidden units in all.</summary>
    public static ulong Advance(ulong position, int samples, int hiddenUnits) =>
        unchecked(position + ((ulong)samples * (ulong)hiddenUnits * Gamma));

    /// <summary>The kept units' factor <c>1 / (1 − p)</c>, rounded once to <typeparamref name="T"/>.</summary>
    public static T KeepScale<T>(double rate)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        OptimizerStateLayout.FromDouble<T>(1.0 / (1.0 - rate));

    /// <summary>Mask value <paramref name="index"/> of the step at <paramref name="position"/>: 0 with probability <paramref name="rate"/>, else <paramref name="keepScale"/>.</summary>
    public static T Mask<T>(ulong position, long index, double rate, T keepScale)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Uniform(position, index) < rate ? default : keepScale;

    /// <summary>
    /// One hidden layer's masks for samples <paramref name="firstSample"/> to <paramref name="firstSample"/> +
    /// <paramref name="samples"/> − 1 of the step, sample-major (<paramref name="units"/> values a sample), for the layer
    /// whose first unit is unit <paramref name="unitOffset"/> of the <paramref name="hiddenUnits"/> hidden units.
    /// </summary>
    public static void Fill<T>(ulong position, int firstSample, int samples, int hiddenUnits, int unitOffset, int units, double rate, T keepScale, Span<T> mask)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        if (mask.Length < samples * units)
        {
            throw new ArgumentException(Invariant($"the mask needs {samples * units} values ({samples} samples of {units} units); got {mask.Length}."), nameof(mask));
        }

        for (int s = 0; s < samples; s++)
        {
            long first = ((long)(firstSample + s) * hiddenUnits) + unitOffset;
            Span<T> row = mask.Slice(s * units, units);
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = Mask(position, first + j, rate, keepScale);
            }
        }
    }

    /// <summary><c>h = a ⊙ m</c>, element by element (one rounding each, the same on every vector width).</summary>
    public static void Apply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> mask, Span<T> h)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        if (mask.Length != a.Length || h.Length != a.Length)
        {
            throw new ArgumentException(Invariant($"a, the mask and h must have one length; got {a.Length}, {mask.Length} and {h.Length}."), nameof(h));
        }

        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<Vector<T>> va = MemoryMarshal.Cast<T, Vector<T>>(a), vm = MemoryMarshal.Cast<T, Vector<T>>(mask);
            Span<Vector<T>> vh = MemoryMarshal.Cast<T, Vector<T>>(h);
            for (int v = 0; v < vh.Length; v++)
            {
                vh[v] = va[v] * vm[v];
            }

            k = vh.Length * Vector<T>.Count;
        }

#if NETGEN_PORTABLE
        if (typeof(T) == typeof(double))
        {
            MultiplyTail(MemoryMarshal.Cast<T, double>(a), MemoryMarshal.Cast<T, double>(mask), MemoryMarshal.Cast<T, double>(h), k);
        }
        else
        {
            MultiplyTail(MemoryMarshal.Cast<T, float>(a), MemoryMarshal.Cast<T, float>(mask), MemoryMarshal.Cast<T, float>(h), k);
        }
    }

    private static void MultiplyTail(ReadOnlySpan<double> a, ReadOnlySpan<double> mask, Span<double> h, int k)
    {
        for (; k < h.Length; k++)
        {
            h[k] = a[k] * mask[k];
        }
    }

    private static void MultiplyTail(ReadOnlySpan<float> a, ReadOnlySpan<float> mask, Span<float> h, int k)
    {
        for (; k < h.Length; k++)
        {
            h[k] = a[k] * mask[k];
        }
    }
#else
        for (; k < h.Length; k++)
        {
            h[k] = a[k] * mask[k];
        }
    }
#endif

    /// <summary><c>d ← d ⊙ m</c> in place: the δ sent down through a dropped layer.</summary>
    public static void Multiply<T>(Span<T> d, ReadOnlySpan<T> mask)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Apply(d, mask, d);

    /// <summary>Writes <paramref name="position"/> as four whole numbers below 2^16, low part first.</summary>
    public static void WriteState<T>(Span<T> destination, ulong position)
        where T : unmanaged
    {
        for (int k = 0; k < StateLength; k++)
        {
            destination[k] = OptimizerStateLayout.FromDouble<T>((position >> (16 * k)) & 0xFFFF);
        }
    }

    /// <summary>The position <see cref="WriteState{T}"/> wrote, from a state <see cref="Check{T}"/> accepted.</summary>
    public static ulong ReadState<T>(ReadOnlySpan<T> source)
        where T : unmanaged
    {
        ulong position = 0;
        for (int k = 0; k < StateLength; k++)
        {
            position |= (ulong)OptimizerStateLayout.ToDouble(source[k]) << (16 * k);
        }

        return position;
    }

    /// <summary>What is wrong with a saved position (four whole numbers in [0, 2^16)), or null if nothing is.</summary>
    internal static string? Check<T>(ReadOnlySpan<T> source)
        where T : unmanaged
    {
        if (source.Length != StateLength)
        {
            return Invariant($"the dropout stream's position must be {StateLength} values; got {source.Length}.");
        }

        for (int k = 0; k < StateLength; k++)
        {
            double value = OptimizerStateLayout.ToDouble(source[k]);
            if (!(value >= 0.0 && value < 65536.0) || value != Math.Floor(value))
            {
                return Invariant($"the dropout stream's position (the state's last {StateLength} values) must be whole numbers in [0, 65536); part {k} is {OptimizerStateLayout.Text(value)}.");
            }
        }

        return null;
    }

    private static double Uniform(ulong position, long index) =>
        (Mix(unchecked(position + ((ulong)(index + 1) * Gamma))) >> 11) * TwoPowMinus53;

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
