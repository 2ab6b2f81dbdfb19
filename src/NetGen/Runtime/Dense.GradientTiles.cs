using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

// The register tiles of the gradient kernels: blocks of gradient rows by vectors of columns, each written once over
// ILanes and compiled per width; which block a machine takes is Dense.AccumulateGradients' choice.
public static partial class Dense
{
    /// <summary>
    /// Gradient tiles for one block of rows at one width: from column <c>j</c> on, as far as whole vectors go;
    /// returns the first column not done. <c>g</c> points at the block's first row, <c>x</c> at its input in the
    /// first sample, <c>d</c> at the first sample's δ.
    /// </summary>
    private interface IGradientTiles
    {
        static abstract int Run<TV, TL, T>(ref T g, ref T x, ref T d, int samples, int nin, int nout, bool accumulate, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>;
    }

    /// <summary>Four gradient rows by two vectors of columns (8 accumulators): each δ vector serves four rows.</summary>
    private readonly struct FourRows : IGradientTiles
    {
        public static int Run<TV, TL, T>(ref T g, ref T x, ref T d, int samples, int nin, int nout, bool accumulate, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            if (Vector512.IsHardwareAccelerated)
            {
                // 32 vector registers: four rows by four vectors (16 accumulators), each broadcast serving four.
                for (; j + (4 * vl) <= nout; j += 4 * vl)
                {
                    ref T r = ref Unsafe.Add(ref g, j);
                    TV p00 = Start<TV, TL, T>(ref r, 0, accumulate), p01 = Start<TV, TL, T>(ref r, vl, accumulate);
                    TV p02 = Start<TV, TL, T>(ref r, 2 * vl, accumulate), p03 = Start<TV, TL, T>(ref r, 3 * vl, accumulate);
                    TV p10 = Start<TV, TL, T>(ref r, nout, accumulate), p11 = Start<TV, TL, T>(ref r, nout + vl, accumulate);
                    TV p12 = Start<TV, TL, T>(ref r, nout + (2 * vl), accumulate), p13 = Start<TV, TL, T>(ref r, nout + (3 * vl), accumulate);
                    TV p20 = Start<TV, TL, T>(ref r, 2 * nout, accumulate), p21 = Start<TV, TL, T>(ref r, (2 * nout) + vl, accumulate);
                    TV p22 = Start<TV, TL, T>(ref r, (2 * nout) + (2 * vl), accumulate), p23 = Start<TV, TL, T>(ref r, (2 * nout) + (3 * vl), accumulate);
                    TV p30 = Start<TV, TL, T>(ref r, 3 * nout, accumulate), p31 = Start<TV, TL, T>(ref r, (3 * nout) + vl, accumulate);
                    TV p32 = Start<TV, TL, T>(ref r, (3 * nout) + (2 * vl), accumulate), p33 = Start<TV, TL, T>(ref r, (3 * nout) + (3 * vl), accumulate);
                    for (int s = 0; s < samples; s++)
                    {
                        ref T ds = ref Unsafe.Add(ref d, (s * nout) + j);
                        TV d0 = TL.Load(ref ds, 0), d1 = TL.Load(ref ds, vl), d2 = TL.Load(ref ds, 2 * vl), d3 = TL.Load(ref ds, 3 * vl);
                        ref T xs = ref Unsafe.Add(ref x, s * nin);
                        TV xi = TL.Broadcast(xs);
                        p00 = TL.MultiplyAdd(xi, d0, p00);
                        p01 = TL.MultiplyAdd(xi, d1, p01);
                        p02 = TL.MultiplyAdd(xi, d2, p02);
                        p03 = TL.MultiplyAdd(xi, d3, p03);
                        xi = TL.Broadcast(Unsafe.Add(ref xs, 1));
                        p10 = TL.MultiplyAdd(xi, d0, p10);
                        p11 = TL.MultiplyAdd(xi, d1, p11);
                        p12 = TL.MultiplyAdd(xi, d2, p12);
                        p13 = TL.MultiplyAdd(xi, d3, p13);
                        xi = TL.Broadcast(Unsafe.Add(ref xs, 2));
                        p20 = TL.MultiplyAdd(xi, d0, p20);
                        p21 = TL.MultiplyAdd(xi, d1, p21);
                        p22 = TL.MultiplyAdd(xi, d2, p22);
                        p23 = TL.MultiplyAdd(xi, d3, p23);
                        xi = TL.Broadcast(Unsafe.Add(ref xs, 3));
                        p30 = TL.MultiplyAdd(xi, d0, p30);
                        p31 = TL.MultiplyAdd(xi, d1, p31);
                        p32 = TL.MultiplyAdd(xi, d2, p32);
                        p33 = TL.MultiplyAdd(xi, d3, p33);
                    }

                    TL.Store(p00, ref r, 0);
                    TL.Store(p01, ref r, vl);
                    TL.Store(p02, ref r, 2 * vl);
                    TL.Store(p03, ref r, 3 * vl);
                    TL.Store(p10, ref r, nout);
                    TL.Store(p11, ref r, nout + vl);
                    TL.Store(p12, ref r, nout + (2 * vl));
                    TL.Store(p13, ref r, nout + (3 * vl));
                    TL.Store(p20, ref r, 2 * nout);
                    TL.Store(p21, ref r, (2 * nout) + vl);
                    TL.Store(p22, ref r, (2 * nout) + (2 * vl));
                    TL.Store(p23, ref r, (2 * nout) + (3 * vl));
                    TL.Store(p30, ref r, 3 * nout);
                    TL.Store(p31, ref r, (3 * nout) + vl);
                    TL.Store(p32, ref r, (3 * nout) + (2 * vl));
                    TL.Store(p33, ref r, (3 * nout) + (3 * vl));
                }
            }

            for (; j + (2 * vl) <= nout; j += 2 * vl)
            {
                ref T r = ref Unsafe.Add(ref g, j);
                TV p00 = Start<TV, TL, T>(ref r, 0, accumulate), p01 = Start<TV, TL, T>(ref r, vl, accumulate);
                TV p10 = Start<TV, TL, T>(ref r, nout, accumulate), p11 = Start<TV, TL, T>(ref r, nout + vl, accumulate);
                TV p20 = Start<TV, TL, T>(ref r, 2 * nout, accumulate), p21 = Start<TV, TL, T>(ref r, (2 * nout) + vl, accumulate);
                TV p30 = Start<TV, TL, T>(ref r, 3 * nout, accumulate), p31 = Start<TV, TL, T>(ref r, (3 * nout) + vl, accumulate);
                for (int s = 0; s < samples; s++)
                {
                    ref T ds = ref Unsafe.Add(ref d, (s * nout) + j);
                    TV d0 = TL.Load(ref ds, 0), d1 = TL.Load(ref ds, vl);
                    ref T xs = ref Unsafe.Add(ref x, s * nin);
                    TV xi = TL.Broadcast(xs);
                    p00 = TL.MultiplyAdd(xi, d0, p00);
                    p01 = TL.MultiplyAdd(xi, d1, p01);
                    xi = TL.Broadcast(Unsafe.Add(ref xs, 1));
                    p10 = TL.MultiplyAdd(xi, d0, p10);
                    p11 = TL.MultiplyAdd(xi, d1, p11);
                    xi = TL.Broadcast(Unsafe.Add(ref xs, 2));
                    p20 = TL.MultiplyAdd(xi, d0, p20);
                    p21 = TL.MultiplyAdd(xi, d1, p21);
                    xi = TL.Broadcast(Unsafe.Add(ref xs, 3));
                    p30 = TL.MultiplyAdd(xi, d0, p30);
                    p31 = TL.MultiplyAdd(xi, d1, p31);
                }

                TL.Store(p00, ref r, 0);
                TL.Store(p01, ref r, vl);
                TL.Store(p10, ref r, nout);
                TL.Store(p11, ref r, nout + vl);
                TL.Store(p20, ref r, 2 * nout);
                TL.Store(p21, ref r, (2 * nout) + vl);
                TL.Store(p30, ref r, 3 * nout);
                TL.Store(p31, ref r, (3 * nout) + vl);
            }

            for (; j + vl <= nout; j += vl)
            {
                ref T r = ref Unsafe.Add(ref g, j);
                TV p0 = Start<TV, TL, T>(ref r, 0, accumulate), p1 = Start<TV, TL, T>(ref r, nout, accumulate);
                TV p2 = Start<TV, TL, T>(ref r, 2 * nout, accumulate), p3 = Start<TV, TL, T>(ref r, 3 * nout, accumulate);
                for (int s = 0; s < samples; s++)
                {
                    TV d0 = TL.Load(ref d, (s * nout) + j);
                    ref T xs = ref Unsafe.Add(ref x, s * nin);
                    p0 = TL.MultiplyAdd(TL.Broadcast(xs), d0, p0);
                    p1 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref xs, 1)), d0, p1);
                    p2 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref xs, 2)), d0, p2);
                    p3 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref xs, 3)), d0, p3);
                }

                TL.Store(p0, ref r, 0);
                TL.Store(p1, ref r, nout);
                TL.Store(p2, ref r, 2 * nout);
                TL.Store(p3, ref r, 3 * nout);
            }

            return j;
        }
    }

    /// <summary>
    /// Six gradient rows by two vectors of columns (12 accumulators, two δ vectors and a broadcast: 15 of the 16 vector
    /// registers of x64 without AVX-512); each δ vector serves six rows, where <see cref="FourRows"/> serves four there.
    /// </summary>
    private readonly struct SixRows : IGradientTiles
    {
        public static int Run<TV, TL, T>(ref T g, ref T x, ref T d, int samples, int nin, int nout, bool accumulate, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            for (; j + (2 * vl) <= nout; j += 2 * vl)
            {
                ref T r = ref Unsafe.Add(ref g, j);
                TV p00 = Start<TV, TL, T>(ref r, 0, accumulate), p01 = Start<TV, TL, T>(ref r, vl, accumulate);
                TV p10 = Start<TV, TL, T>(ref r, nout, accumulate), p11 = Start<TV, TL, T>(ref r, nout + vl, accumulate);
                TV p20 = Start<TV, TL, T>(ref r, 2 * nout, accumulate), p21 = Start<TV, TL, T>(ref r, (2 * nout) + vl, accumulate);
                TV p30 = Start<TV, TL, T>(ref r, 3 * nout, accumulate), p31 = Start<TV, TL, T>(ref r, (3 * nout) + vl, accumulate);
                TV p40 = Start<TV, TL, T>(ref r, 4 * nout, accumulate), p41 = Start<TV, TL, T>(ref r, (4 * nout) + vl, accumulate);
                TV p50 = Start<TV, TL, T>(ref r, 5 * nout, accumulate), p51 = Start<TV, TL, T>(ref r, (5 * nout) + vl, accumulate);
                for (int s = 0; s < samples; s++)
                {
                    ref T ds = ref Unsafe.Add(ref d, (s * nout) + j);
                    TV d0 = TL.Load(ref ds, 0), d1 = TL.Load(ref ds, vl);
                    ref T xs = ref Unsafe.Add(ref x, s * nin);
                    TV xi = TL.Broadcast(xs);
                    p00 = TL.MultiplyAdd(xi, d0, p00);
                    p01 = TL.MultiplyAdd(xi, d1, p01);
                    xi = TL.Broadcast(Unsafe.Add(ref xs, 1));
                    p10 = TL.MultiplyAdd(xi, d0, p10);
                    p11 = TL.MultiplyAdd(xi, d1, p11);
                    xi = TL.Broadcast(Unsafe.Add(ref xs, 2));
                    p20 = TL.MultiplyAdd(xi, d0, p20);
                    p21 = TL.MultiplyAdd(xi, d1, p21);
                    xi = TL.Broadcast(Unsafe.Add(ref xs, 3));
                    p30 = TL.MultiplyAdd(xi, d0, p30);
                    p31 = TL.MultiplyAdd(xi, d1, p31);
                    xi = TL.Broadcast(Unsafe.Add(ref xs, 4));
                    p40 = TL.MultiplyAdd(xi, d0, p40);
                    p41 = TL.MultiplyAdd(xi, d1, p41);
                    xi = TL.Broadcast(Unsafe.Add(ref xs, 5));
                    p50 = TL.MultiplyAdd(xi, d0, p50);
                    p51 = TL.MultiplyAdd(xi, d1, p51);
                }

                TL.Store(p00, ref r, 0);
                TL.Store(p01, ref r, vl);
                TL.Store(p10, ref r, nout);
                TL.Store(p11, ref r, nout + vl);
                TL.Store(p20, ref r, 2 * nout);
                TL.Store(p21, ref r, (2 * nout) + vl);
                TL.Store(p30, ref r, 3 * nout);
                TL.Store(p31, ref r, (3 * nout) + vl);
                TL.Store(p40, ref r, 4 * nout);
                TL.Store(p41, ref r, (4 * nout) + vl);
                TL.Store(p50, ref r, 5 * nout);
                TL.Store(p51, ref r, (5 * nout) + vl);
            }

            // The columns a pair of vectors leaves: the four-row tile's single-vector loop, for the first four rows and the last two.
            int first = j;
            first = FourRows.Run<TV, TL, T>(ref g, ref x, ref d, samples, nin, nout, accumulate, first);
            OneRow.Run<TV, TL, T>(ref Unsafe.Add(ref g, 4 * nout), ref Unsafe.Add(ref x, 4), ref d, samples, nin, nout, accumulate, j);
            OneRow.Run<TV, TL, T>(ref Unsafe.Add(ref g, 5 * nout), ref Unsafe.Add(ref x, 5), ref d, samples, nin, nout, accumulate, j);
            return first;
        }
    }

    /// <summary>One gradient row (the rows a block of four leaves), one vector of columns at a time.</summary>
    private readonly struct OneRow : IGradientTiles
    {
        public static int Run<TV, TL, T>(ref T g, ref T x, ref T d, int samples, int nin, int nout, bool accumulate, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            for (; j + vl <= nout; j += vl)
            {
                TV p0 = Start<TV, TL, T>(ref g, j, accumulate);
                for (int s = 0; s < samples; s++)
                {
                    p0 = TL.MultiplyAdd(TL.Broadcast(Unsafe.Add(ref x, s * nin)), TL.Load(ref d, (s * nout) + j), p0);
                }

                TL.Store(p0, ref g, j);
            }

            return j;
        }
    }

    /// <summary>The bias gradient: <c>Σ_s δ_s,j</c>, in order of s.</summary>
    private readonly struct BiasRow : IGradientTiles
    {
        public static int Run<TV, TL, T>(ref T g, ref T x, ref T d, int samples, int nin, int nout, bool accumulate, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            for (; j + vl <= nout; j += vl)
            {
                TV p0 = Start<TV, TL, T>(ref g, j, accumulate);
                for (int s = 0; s < samples; s++)
                {
                    p0 = TL.Add(p0, TL.Load(ref d, (s * nout) + j));
                }

                TL.Store(p0, ref g, j);
            }

            return j;
        }
    }

    /// <summary>Where a gradient sum starts: what the gradient holds (accumulating) or zero (overwriting).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Start<TV, TL, T>(ref T g, nint offset, bool accumulate)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => accumulate ? TL.Load(ref g, offset) : TL.Zero;
}
