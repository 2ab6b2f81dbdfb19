using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Runtime;

// One sample's product on a copy of the weights in the order its passes read them (PassOrderedWeights), and the copy.
public static partial class Dense
{
    /// <summary>
    /// One sample, <c>a = f(Wᵀ · x + b)</c>, the same bits as
    /// <see cref="Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, Activation, T, bool)"/> with one
    /// sample, its sums read from <paramref name="order"/>'s copy of <paramref name="w"/> where this machine uses one
    /// (<see cref="PassOrderedWeights{T}.InUse"/>), made again first if <paramref name="w"/> has changed since.
    /// </summary>
    public static void Forward<T>(PassOrderedWeights<T> order, ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!order.InUse)
        {
            Forward(w, b, x, a, 1, activation, slope, deterministic);
            return;
        }

        int nin = order.Inputs, nout = order.Units;
        Check<T>(w.Length == nin * nout && b.Length == nout && x.Length == nin && a.Length == nout, "Forward");
        CheckActivation(activation);
        ReadOnlySpan<T> copy = order.Current(w);
        Across<OneSample<PassOrder>, T>(
            ref MemoryMarshal.GetReference(copy), ref MemoryMarshal.GetReference(b), true, ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(a), nin, nout);
        Activate(a, 1, activation, slope, deterministic);
    }

    /// <summary>How many passes one sample's product makes over the rows of a layer of <paramref name="units"/> units on this machine.</summary>
    internal static int PassCount<T>(int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int passes = 0;
        for (var cursor = new Passes<T>(units); cursor.Next(out _, out _);)
        {
            passes++;
        }

        return passes;
    }

    /// <summary>
    /// <paramref name="w"/> (<paramref name="nin"/> x <paramref name="nout"/>, row-major) into <paramref name="copy"/> in the
    /// order of one sample's passes: for each pass of units <c>[j, j + width)</c>, from <c>nin · j</c> on, input by input.
    /// </summary>
    internal static void CopyInPassOrder<T>(ReadOnlySpan<T> w, Span<T> copy, int nin, int nout)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(w.Length == nin * nout && copy.Length == w.Length, "CopyInPassOrder");
        for (var cursor = new Passes<T>(nout); cursor.Next(out int j, out int width);)
        {
            Span<T> pass = copy.Slice(nin * j, nin * width);
            for (int i = 0; i < nin; i++)
            {
                w.Slice((i * nout) + j, width).CopyTo(pass.Slice(i * width, width));
            }
        }
    }

    /// <summary>
    /// The passes of one sample's product over a layer of units, in order, each as its first unit and width: what
    /// <see cref="Across{TTiles, T}(ref T, ref T, bool, ref T, ref T, int, int)"/> and <see cref="OneSample{TLayout}"/> do,
    /// widest vectors first, at each width sixteen vectors at a time with AVX-512, then eight, then one. The tests hold
    /// the two to each other: a copy in this order must give the row-major product's bits for every layer width.
    /// </summary>
    private struct Passes<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly int _units;
        private int _next;

        // Which loop is running: width (512, 256, 128 bits, then scalars) times three, then 16, 8 or 1 vectors.
        private int _stage;

        public Passes(int units) => _units = units;

        public bool Next(out int j, out int width)
        {
            for (; _stage < 12; _stage++)
            {
                int lanes = (_stage / 3) switch
                {
                    0 => Vector512.IsHardwareAccelerated ? Vector512<T>.Count : 0,
                    1 => Vector256.IsHardwareAccelerated ? Vector256<T>.Count : 0,
                    2 => Vector128.IsHardwareAccelerated ? Vector128<T>.Count : 0,
                    _ => 1,
                };
                int vectors = (_stage % 3) switch
                {
                    0 => Avx512F.IsSupported ? 16 : 0,
                    1 => 8,
                    _ => 1,
                };
                if (lanes > 0 && vectors > 0 && _next + (vectors * lanes) <= _units)
                {
                    j = _next;
                    width = vectors * lanes;
                    _next += width;
                    return true;
                }
            }

            j = width = 0;
            return false;
        }
    }
}
