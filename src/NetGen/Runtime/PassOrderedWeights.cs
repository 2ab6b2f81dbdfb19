using System;
using System.ComponentModel;
using System.Numerics;
using System.Threading;

namespace NetGen.Runtime;

/// <summary>
/// A copy of one layer's weights in the order one sample's product reads them on this machine, for
/// <see cref="Dense.Forward{T}(PassOrderedWeights{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Activation, T, bool)"/>.
/// </summary>
/// <remarks>
/// <para>
/// W is kept as inputs x units, row-major. One sample's product sums each unit's inputs in order with a tile of vectors
/// of units held in registers; where a row is wider than the tile (x64 without AVX-512: 8 vectors of 256 bits, 32
/// doubles or 64 floats; with it: 16 of 512 bits), each pass reads a part of every row, a whole row apart, and the
/// weights arrive more slowly than as one stream. The copy holds each pass's weights one after the other. The
/// arithmetic is the same, so the outputs are the same to the bit.
/// </para>
/// <para>
/// A generated network keeps one for each large layer of the loop shape and calls <see cref="Invalidate"/> wherever its
/// parameters change (<c>SetParameters</c>, every training step; a new copy is out of date from the start); the next
/// one-sample <c>Forward</c> copies the layer again. The copy is made only where this machine reads the rows in more than one
/// pass (<see cref="InUse"/>), when first needed; it costs as much memory as the layer's weights. Forward may run on any
/// number of threads at once, as before: they copy the same values, and the copy counts as done only once whole.
/// </para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PassOrderedWeights<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private T[]? _block;

    // The number of changes to the parameters so far, and the number the copy was made after (-1: none yet).
    private long _changes;
    private long _copied = -1;

    /// <summary>A layer of <paramref name="inputs"/> x <paramref name="units"/> weights.</summary>
    public PassOrderedWeights(int inputs, int units)
    {
        if (inputs <= 0 || units <= 0)
        {
            throw new ArgumentOutOfRangeException(inputs <= 0 ? nameof(inputs) : nameof(units), "A layer has at least one input and one unit.");
        }

        Inputs = inputs;
        Units = units;
        InUse = Dense.PassCount<T>(units) > 1;
    }

    /// <summary>The layer's inputs.</summary>
    public int Inputs { get; }

    /// <summary>The layer's units.</summary>
    public int Units { get; }

    /// <summary>Whether this machine's one-sample product reads the layer's rows in more than one pass, so the copy is used.</summary>
    public bool InUse { get; }

    /// <summary>Marks the copy out of date: the layer's weights have changed, or may have.</summary>
    public void Invalidate() => Interlocked.Increment(ref _changes);

    /// <summary>The copy of <paramref name="w"/>, made again first if the weights have changed since the last one.</summary>
    internal ReadOnlySpan<T> Current(ReadOnlySpan<T> w)
    {
        int length = Inputs * Units;
        T[] block = _block ?? Interlocked.CompareExchange(ref _block, Aligned.Allocate<T>(length), null) ?? _block!;
        Span<T> copy = Aligned.Span(block, length);
        long changes = Volatile.Read(ref _changes);
        if (Volatile.Read(ref _copied) != changes)
        {
            Dense.CopyInPassOrder(w, copy, Inputs, Units);
            Volatile.Write(ref _copied, changes);
        }

        return copy;
    }
}
