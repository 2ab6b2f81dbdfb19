using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Runtime;

/// <summary>
/// The fold of the unrolled shape's lanes into the gradient, four parameters at a time: the sums of four vectors, each
/// the sum <c>Vector256.Sum</c> gives, written to four consecutive places.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LaneSums
{
    /// <summary>
    /// <c>gradient[offset + k] = Vector256.Sum(vₖ)</c> for k = 0 … 3. Where the processor has AVX, the four vectors are
    /// transposed pairwise and added as four sums side by side, <c>(v₀ + v₁) + (v₂ + v₃)</c> in every lane, the order in
    /// which <c>Vector256.Sum</c> adds four doubles on x64: the same bits in a third of the instructions. Elsewhere it
    /// is <c>Vector256.Sum</c> itself.
    /// </summary>
    /// <param name="gradient">The gradient; must hold <paramref name="offset"/> + 4 values.</param>
    /// <param name="offset">Where the first sum goes.</param>
    /// <param name="v0">The lanes of the first parameter's gradient.</param>
    /// <param name="v1">The second's.</param>
    /// <param name="v2">The third's.</param>
    /// <param name="v3">The fourth's.</param>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than <paramref name="offset"/> + 4 places.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fold(Span<double> gradient, int offset, Vector256<double> v0, Vector256<double> v1, Vector256<double> v2, Vector256<double> v3)
    {
        Span<double> four = gradient.Slice(offset, 4);
        if (Avx.IsSupported)
        {
            // pairs01 = [v0₀ + v0₁, v1₀ + v1₁, v0₂ + v0₃, v1₂ + v1₃], pairs23 the same of v2 and v3; then the low
            // halves of both meet the high halves: [(v0₀ + v0₁) + (v0₂ + v0₃), … for v1, v2, v3].
            Vector256<double> pairs01 = Avx.UnpackLow(v0, v1) + Avx.UnpackHigh(v0, v1);
            Vector256<double> pairs23 = Avx.UnpackLow(v2, v3) + Avx.UnpackHigh(v2, v3);
            Vector256<double> sums = Avx.Permute2x128(pairs01, pairs23, 0x20) + Avx.Permute2x128(pairs01, pairs23, 0x31);
            sums.StoreUnsafe(ref MemoryMarshal.GetReference(four));
            return;
        }

        four[0] = Vector256.Sum(v0);
        four[1] = Vector256.Sum(v1);
        four[2] = Vector256.Sum(v2);
        four[3] = Vector256.Sum(v3);
    }
}
