using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <summary>
/// Arrays whose usable part starts on a 64-byte boundary, for the parameter blocks and work buffers of
/// loop-shaped networks. A 512-bit load that straddles two cache lines costs about twice one that does not:
/// a 784-128 float layer's single-sample product took 6.7 µs from a plain array and 3.3 µs from an aligned
/// one on the Xeon the benchmarks ran on. The arrays live on the pinned object heap, where the garbage
/// collector never moves them, so an offset that aligns the start once aligns it for good.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Aligned
{
    /// <summary>The alignment, in bytes: one cache line, one 512-bit vector.</summary>
    public const int Bytes = 64;

    /// <summary>A pinned array with room for <paramref name="length"/> elements from a 64-byte boundary on; read it through <see cref="Span{T}(T[], int)"/>.</summary>
    public static T[] Allocate<T>(int length)
        where T : unmanaged
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The length cannot be negative.");
        }

#if NETGEN_PORTABLE
        // .NET Standard cannot pin an array for its lifetime, and an array the collector moves would move its origin:
        // the block starts at index 0, aligned or not.
        return new T[length];
#else
        return GC.AllocateArray<T>(length + (Bytes / Unsafe.SizeOf<T>()), pinned: true);
#endif
    }

    /// <summary>
    /// The first <paramref name="length"/> elements of <paramref name="block"/> from its first 64-byte boundary on.
    /// <paramref name="block"/> must come from <see cref="Allocate{T}(int)"/>: the start is computed from the array's
    /// address, which only a pinned array keeps.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> Span<T>(T[] block, int length)
        where T : unmanaged
        => new(block, Origin(block), length);

    /// <summary>The index of the first element of <paramref name="block"/> that sits on a 64-byte boundary (0 if none does within the padding).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int Origin<T>(T[] block)
        where T : unmanaged
    {
#if NETGEN_PORTABLE
        _ = block;
        return 0;
#else
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(block));
        int misalignment = (int)(address % Bytes);
        return misalignment == 0 || misalignment % sizeof(T) != 0 ? 0 : (Bytes - misalignment) / sizeof(T);
#endif
    }
}
