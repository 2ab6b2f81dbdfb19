using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Runtime;

// The register tiles of the product kernels: blocks of samples by vectors of units, each written once over ILanes and
// compiled per width; which block a machine takes is Dense.Product's choice.
public static partial class Dense
{
    /// <summary>
    /// The product's tiles for one block of samples at one width: from unit <c>j</c> on, as far as whole
    /// vectors go; returns the first unit not done. <c>x</c> and <c>y</c> point at the block's first sample.
    /// </summary>
    private interface IProductTiles
    {
        static abstract int Run<TV, TL, T>(ref T w, ref T b, bool hasBias, ref T x, ref T y, int nin, int nout, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>;
    }

    /// <summary>Eight samples by two vectors of units (16 accumulators): each weight vector serves eight samples.</summary>
    private readonly struct EightSamples : IProductTiles
    {
        public static int Run<TV, TL, T>(ref T w, ref T b, bool hasBias, ref T x, ref T y, int nin, int nout, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            for (; j + (2 * vl) <= nout; j += 2 * vl)
            {
                TV c00 = TL.Zero, c01 = TL.Zero, c10 = TL.Zero, c11 = TL.Zero, c20 = TL.Zero, c21 = TL.Zero, c30 = TL.Zero, c31 = TL.Zero;
                TV c40 = TL.Zero, c41 = TL.Zero, c50 = TL.Zero, c51 = TL.Zero, c60 = TL.Zero, c61 = TL.Zero, c70 = TL.Zero, c71 = TL.Zero;
                for (int i = 0; i < nin; i++)
                {
                    ref T row = ref Unsafe.Add(ref w, (i * nout) + j);
                    TV w0 = TL.Load(ref row, 0), w1 = TL.Load(ref row, vl);
                    ref T xi = ref Unsafe.Add(ref x, i);
                    TV xs = TL.Broadcast(xi);
                    c00 = TL.MultiplyAdd(w0, xs, c00);
                    c01 = TL.MultiplyAdd(w1, xs, c01);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, nin));
                    c10 = TL.MultiplyAdd(w0, xs, c10);
                    c11 = TL.MultiplyAdd(w1, xs, c11);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 2 * nin));
                    c20 = TL.MultiplyAdd(w0, xs, c20);
                    c21 = TL.MultiplyAdd(w1, xs, c21);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 3 * nin));
                    c30 = TL.MultiplyAdd(w0, xs, c30);
                    c31 = TL.MultiplyAdd(w1, xs, c31);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 4 * nin));
                    c40 = TL.MultiplyAdd(w0, xs, c40);
                    c41 = TL.MultiplyAdd(w1, xs, c41);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 5 * nin));
                    c50 = TL.MultiplyAdd(w0, xs, c50);
                    c51 = TL.MultiplyAdd(w1, xs, c51);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 6 * nin));
                    c60 = TL.MultiplyAdd(w0, xs, c60);
                    c61 = TL.MultiplyAdd(w1, xs, c61);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 7 * nin));
                    c70 = TL.MultiplyAdd(w0, xs, c70);
                    c71 = TL.MultiplyAdd(w1, xs, c71);
                }

                Put<TV, TL, T>(c00, ref y, j, ref b, j, hasBias);
                Put<TV, TL, T>(c01, ref y, j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c10, ref y, nout + j, ref b, j, hasBias);
                Put<TV, TL, T>(c11, ref y, nout + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c20, ref y, (2 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c21, ref y, (2 * nout) + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c30, ref y, (3 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c31, ref y, (3 * nout) + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c40, ref y, (4 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c41, ref y, (4 * nout) + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c50, ref y, (5 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c51, ref y, (5 * nout) + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c60, ref y, (6 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c61, ref y, (6 * nout) + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c70, ref y, (7 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c71, ref y, (7 * nout) + j + vl, ref b, j + vl, hasBias);
            }

            for (; j + vl <= nout; j += vl)
            {
                TV c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero, c4 = TL.Zero, c5 = TL.Zero, c6 = TL.Zero, c7 = TL.Zero;
                for (int i = 0; i < nin; i++)
                {
                    TV w0 = TL.Load(ref w, (i * nout) + j);
                    ref T xi = ref Unsafe.Add(ref x, i);
                    c0 = TL.MultiplyAdd(w0, TL.Broadcast(xi), c0);
                    c1 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, nin)), c1);
                    c2 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 2 * nin)), c2);
                    c3 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 3 * nin)), c3);
                    c4 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 4 * nin)), c4);
                    c5 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 5 * nin)), c5);
                    c6 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 6 * nin)), c6);
                    c7 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 7 * nin)), c7);
                }

                Put<TV, TL, T>(c0, ref y, j, ref b, j, hasBias);
                Put<TV, TL, T>(c1, ref y, nout + j, ref b, j, hasBias);
                Put<TV, TL, T>(c2, ref y, (2 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c3, ref y, (3 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c4, ref y, (4 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c5, ref y, (5 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c6, ref y, (6 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c7, ref y, (7 * nout) + j, ref b, j, hasBias);
            }

            return j;
        }
    }

    /// <summary>
    /// Six samples by two vectors of units (12 accumulators, two weight vectors and a broadcast: 15 of the 16 vector
    /// registers of x64 without AVX-512), the largest block those registers hold without spilling; each weight vector
    /// serves six samples, where <see cref="FourSamples"/> serves four.
    /// </summary>
    private readonly struct SixSamples : IProductTiles
    {
        public static int Run<TV, TL, T>(ref T w, ref T b, bool hasBias, ref T x, ref T y, int nin, int nout, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            for (; j + (2 * vl) <= nout; j += 2 * vl)
            {
                TV c00 = TL.Zero, c01 = TL.Zero, c10 = TL.Zero, c11 = TL.Zero, c20 = TL.Zero, c21 = TL.Zero;
                TV c30 = TL.Zero, c31 = TL.Zero, c40 = TL.Zero, c41 = TL.Zero, c50 = TL.Zero, c51 = TL.Zero;
                for (int i = 0; i < nin; i++)
                {
                    ref T row = ref Unsafe.Add(ref w, (i * nout) + j);
                    TV w0 = TL.Load(ref row, 0), w1 = TL.Load(ref row, vl);
                    ref T xi = ref Unsafe.Add(ref x, i);
                    TV xs = TL.Broadcast(xi);
                    c00 = TL.MultiplyAdd(w0, xs, c00);
                    c01 = TL.MultiplyAdd(w1, xs, c01);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, nin));
                    c10 = TL.MultiplyAdd(w0, xs, c10);
                    c11 = TL.MultiplyAdd(w1, xs, c11);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 2 * nin));
                    c20 = TL.MultiplyAdd(w0, xs, c20);
                    c21 = TL.MultiplyAdd(w1, xs, c21);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 3 * nin));
                    c30 = TL.MultiplyAdd(w0, xs, c30);
                    c31 = TL.MultiplyAdd(w1, xs, c31);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 4 * nin));
                    c40 = TL.MultiplyAdd(w0, xs, c40);
                    c41 = TL.MultiplyAdd(w1, xs, c41);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 5 * nin));
                    c50 = TL.MultiplyAdd(w0, xs, c50);
                    c51 = TL.MultiplyAdd(w1, xs, c51);
                }

                Put<TV, TL, T>(c00, ref y, j, ref b, j, hasBias);
                Put<TV, TL, T>(c01, ref y, j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c10, ref y, nout + j, ref b, j, hasBias);
                Put<TV, TL, T>(c11, ref y, nout + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c20, ref y, (2 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c21, ref y, (2 * nout) + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c30, ref y, (3 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c31, ref y, (3 * nout) + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c40, ref y, (4 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c41, ref y, (4 * nout) + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c50, ref y, (5 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c51, ref y, (5 * nout) + j + vl, ref b, j + vl, hasBias);
            }

            for (; j + vl <= nout; j += vl)
            {
                TV c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero, c4 = TL.Zero, c5 = TL.Zero;
                for (int i = 0; i < nin; i++)
                {
                    TV w0 = TL.Load(ref w, (i * nout) + j);
                    ref T xi = ref Unsafe.Add(ref x, i);
                    c0 = TL.MultiplyAdd(w0, TL.Broadcast(xi), c0);
                    c1 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, nin)), c1);
                    c2 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 2 * nin)), c2);
                    c3 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 3 * nin)), c3);
                    c4 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 4 * nin)), c4);
                    c5 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 5 * nin)), c5);
                }

                Put<TV, TL, T>(c0, ref y, j, ref b, j, hasBias);
                Put<TV, TL, T>(c1, ref y, nout + j, ref b, j, hasBias);
                Put<TV, TL, T>(c2, ref y, (2 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c3, ref y, (3 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c4, ref y, (4 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c5, ref y, (5 * nout) + j, ref b, j, hasBias);
            }

            return j;
        }
    }

    /// <summary>Four samples by two vectors of units (8 accumulators; fits the 16 registers of AVX2).</summary>
    private readonly struct FourSamples : IProductTiles
    {
        public static int Run<TV, TL, T>(ref T w, ref T b, bool hasBias, ref T x, ref T y, int nin, int nout, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            for (; j + (2 * vl) <= nout; j += 2 * vl)
            {
                TV c00 = TL.Zero, c01 = TL.Zero, c10 = TL.Zero, c11 = TL.Zero, c20 = TL.Zero, c21 = TL.Zero, c30 = TL.Zero, c31 = TL.Zero;
                for (int i = 0; i < nin; i++)
                {
                    ref T row = ref Unsafe.Add(ref w, (i * nout) + j);
                    TV w0 = TL.Load(ref row, 0), w1 = TL.Load(ref row, vl);
                    ref T xi = ref Unsafe.Add(ref x, i);
                    TV xs = TL.Broadcast(xi);
                    c00 = TL.MultiplyAdd(w0, xs, c00);
                    c01 = TL.MultiplyAdd(w1, xs, c01);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, nin));
                    c10 = TL.MultiplyAdd(w0, xs, c10);
                    c11 = TL.MultiplyAdd(w1, xs, c11);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 2 * nin));
                    c20 = TL.MultiplyAdd(w0, xs, c20);
                    c21 = TL.MultiplyAdd(w1, xs, c21);
                    xs = TL.Broadcast(Unsafe.Add(ref xi, 3 * nin));
                    c30 = TL.MultiplyAdd(w0, xs, c30);
                    c31 = TL.MultiplyAdd(w1, xs, c31);
                }

                Put<TV, TL, T>(c00, ref y, j, ref b, j, hasBias);
                Put<TV, TL, T>(c01, ref y, j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c10, ref y, nout + j, ref b, j, hasBias);
                Put<TV, TL, T>(c11, ref y, nout + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c20, ref y, (2 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c21, ref y, (2 * nout) + j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c30, ref y, (3 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c31, ref y, (3 * nout) + j + vl, ref b, j + vl, hasBias);
            }

            for (; j + vl <= nout; j += vl)
            {
                TV c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero;
                for (int i = 0; i < nin; i++)
                {
                    TV w0 = TL.Load(ref w, (i * nout) + j);
                    ref T xi = ref Unsafe.Add(ref x, i);
                    c0 = TL.MultiplyAdd(w0, TL.Broadcast(xi), c0);
                    c1 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, nin)), c1);
                    c2 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 2 * nin)), c2);
                    c3 = TL.MultiplyAdd(w0, TL.Broadcast(Unsafe.Add(ref xi, 3 * nin)), c3);
                }

                Put<TV, TL, T>(c0, ref y, j, ref b, j, hasBias);
                Put<TV, TL, T>(c1, ref y, nout + j, ref b, j, hasBias);
                Put<TV, TL, T>(c2, ref y, (2 * nout) + j, ref b, j, hasBias);
                Put<TV, TL, T>(c3, ref y, (3 * nout) + j, ref b, j, hasBias);
            }

            return j;
        }
    }

    /// <summary>
    /// One sample, eight vectors of units at a time (a 784-128 float layer's whole row of 128 weights in eight
    /// 512-bit registers), so eight independent chains of multiply-adds overlap; then one vector at a time. Where a pass
    /// of units reads its weights is <typeparamref name="TLayout"/>'s: W's rows (<see cref="RowMajor"/>) or a copy in
    /// the passes' order (<see cref="PassOrder"/>); the arithmetic is the same.
    /// </summary>
    private readonly struct OneSample<TLayout> : IProductTiles
        where TLayout : struct, IWeightLayout
    {
        public static int Run<TV, TL, T>(ref T w, ref T b, bool hasBias, ref T x, ref T y, int nin, int nout, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            if (Avx512F.IsSupported)
            {
                // 32 vector registers: sixteen vectors of units in one pass (a 784-128 double layer's whole row), so the
                // weights stream through once in order, where two passes of eight would each read every other half-row.
                for (; j + (16 * vl) <= nout; j += 16 * vl)
                {
                    j = SixteenVectors<TV, TL, T>(ref Unsafe.Add(ref w, TLayout.Pass(j, nin, nout)), ref b, hasBias, ref x, ref y, nin, TLayout.Stride(16 * vl, nout), j);
                }
            }

            for (; j + (8 * vl) <= nout; j += 8 * vl)
            {
                TV c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero, c4 = TL.Zero, c5 = TL.Zero, c6 = TL.Zero, c7 = TL.Zero;
                ref T pass = ref Unsafe.Add(ref w, TLayout.Pass(j, nin, nout));
                int stride = TLayout.Stride(8 * vl, nout);
                for (int i = 0; i < nin; i++)
                {
                    ref T row = ref Unsafe.Add(ref pass, i * stride);
                    TV xi = TL.Broadcast(Unsafe.Add(ref x, i));
                    c0 = TL.MultiplyAdd(TL.Load(ref row, 0), xi, c0);
                    c1 = TL.MultiplyAdd(TL.Load(ref row, vl), xi, c1);
                    c2 = TL.MultiplyAdd(TL.Load(ref row, 2 * vl), xi, c2);
                    c3 = TL.MultiplyAdd(TL.Load(ref row, 3 * vl), xi, c3);
                    c4 = TL.MultiplyAdd(TL.Load(ref row, 4 * vl), xi, c4);
                    c5 = TL.MultiplyAdd(TL.Load(ref row, 5 * vl), xi, c5);
                    c6 = TL.MultiplyAdd(TL.Load(ref row, 6 * vl), xi, c6);
                    c7 = TL.MultiplyAdd(TL.Load(ref row, 7 * vl), xi, c7);
                }

                Put<TV, TL, T>(c0, ref y, j, ref b, j, hasBias);
                Put<TV, TL, T>(c1, ref y, j + vl, ref b, j + vl, hasBias);
                Put<TV, TL, T>(c2, ref y, j + (2 * vl), ref b, j + (2 * vl), hasBias);
                Put<TV, TL, T>(c3, ref y, j + (3 * vl), ref b, j + (3 * vl), hasBias);
                Put<TV, TL, T>(c4, ref y, j + (4 * vl), ref b, j + (4 * vl), hasBias);
                Put<TV, TL, T>(c5, ref y, j + (5 * vl), ref b, j + (5 * vl), hasBias);
                Put<TV, TL, T>(c6, ref y, j + (6 * vl), ref b, j + (6 * vl), hasBias);
                Put<TV, TL, T>(c7, ref y, j + (7 * vl), ref b, j + (7 * vl), hasBias);
            }

            for (; j + vl <= nout; j += vl)
            {
                TV c0 = TL.Zero;
                ref T pass = ref Unsafe.Add(ref w, TLayout.Pass(j, nin, nout));
                int stride = TLayout.Stride(vl, nout);
                for (int i = 0; i < nin; i++)
                {
                    c0 = TL.MultiplyAdd(TL.Load(ref pass, i * stride), TL.Broadcast(Unsafe.Add(ref x, i)), c0);
                }

                Put<TV, TL, T>(c0, ref y, j, ref b, j, hasBias);
            }

            return j;
        }

        /// <summary>
        /// Sixteen vectors of units for one sample, each an independent chain of multiply-adds, their weights from
        /// <paramref name="pass"/> on, <paramref name="stride"/> apart from one input to the next; returns
        /// <paramref name="j"/> (the caller steps it). A method of its own, so the eight-vector loop keeps its registers.
        /// </summary>
        private static int SixteenVectors<TV, TL, T>(ref T pass, ref T b, bool hasBias, ref T x, ref T y, int nin, int stride, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            TV c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero, c4 = TL.Zero, c5 = TL.Zero, c6 = TL.Zero, c7 = TL.Zero;
            TV c8 = TL.Zero, c9 = TL.Zero, c10 = TL.Zero, c11 = TL.Zero, c12 = TL.Zero, c13 = TL.Zero, c14 = TL.Zero, c15 = TL.Zero;
            for (int i = 0; i < nin; i++)
            {
                ref T row = ref Unsafe.Add(ref pass, i * stride);
                TV xi = TL.Broadcast(Unsafe.Add(ref x, i));
                c0 = TL.MultiplyAdd(TL.Load(ref row, 0), xi, c0);
                c1 = TL.MultiplyAdd(TL.Load(ref row, vl), xi, c1);
                c2 = TL.MultiplyAdd(TL.Load(ref row, 2 * vl), xi, c2);
                c3 = TL.MultiplyAdd(TL.Load(ref row, 3 * vl), xi, c3);
                c4 = TL.MultiplyAdd(TL.Load(ref row, 4 * vl), xi, c4);
                c5 = TL.MultiplyAdd(TL.Load(ref row, 5 * vl), xi, c5);
                c6 = TL.MultiplyAdd(TL.Load(ref row, 6 * vl), xi, c6);
                c7 = TL.MultiplyAdd(TL.Load(ref row, 7 * vl), xi, c7);
                c8 = TL.MultiplyAdd(TL.Load(ref row, 8 * vl), xi, c8);
                c9 = TL.MultiplyAdd(TL.Load(ref row, 9 * vl), xi, c9);
                c10 = TL.MultiplyAdd(TL.Load(ref row, 10 * vl), xi, c10);
                c11 = TL.MultiplyAdd(TL.Load(ref row, 11 * vl), xi, c11);
                c12 = TL.MultiplyAdd(TL.Load(ref row, 12 * vl), xi, c12);
                c13 = TL.MultiplyAdd(TL.Load(ref row, 13 * vl), xi, c13);
                c14 = TL.MultiplyAdd(TL.Load(ref row, 14 * vl), xi, c14);
                c15 = TL.MultiplyAdd(TL.Load(ref row, 15 * vl), xi, c15);
            }

            Put<TV, TL, T>(c0, ref y, j, ref b, j, hasBias);
            Put<TV, TL, T>(c1, ref y, j + vl, ref b, j + vl, hasBias);
            Put<TV, TL, T>(c2, ref y, j + (2 * vl), ref b, j + (2 * vl), hasBias);
            Put<TV, TL, T>(c3, ref y, j + (3 * vl), ref b, j + (3 * vl), hasBias);
            Put<TV, TL, T>(c4, ref y, j + (4 * vl), ref b, j + (4 * vl), hasBias);
            Put<TV, TL, T>(c5, ref y, j + (5 * vl), ref b, j + (5 * vl), hasBias);
            Put<TV, TL, T>(c6, ref y, j + (6 * vl), ref b, j + (6 * vl), hasBias);
            Put<TV, TL, T>(c7, ref y, j + (7 * vl), ref b, j + (7 * vl), hasBias);
            Put<TV, TL, T>(c8, ref y, j + (8 * vl), ref b, j + (8 * vl), hasBias);
            Put<TV, TL, T>(c9, ref y, j + (9 * vl), ref b, j + (9 * vl), hasBias);
            Put<TV, TL, T>(c10, ref y, j + (10 * vl), ref b, j + (10 * vl), hasBias);
            Put<TV, TL, T>(c11, ref y, j + (11 * vl), ref b, j + (11 * vl), hasBias);
            Put<TV, TL, T>(c12, ref y, j + (12 * vl), ref b, j + (12 * vl), hasBias);
            Put<TV, TL, T>(c13, ref y, j + (13 * vl), ref b, j + (13 * vl), hasBias);
            Put<TV, TL, T>(c14, ref y, j + (14 * vl), ref b, j + (14 * vl), hasBias);
            Put<TV, TL, T>(c15, ref y, j + (15 * vl), ref b, j + (15 * vl), hasBias);
            return j;
        }
    }

    /// <summary>Where one sample's product finds a pass's weights: the pass's first row, and the distance between rows.</summary>
    private interface IWeightLayout
    {
        /// <summary>The offset of the weight from input 0 to unit <paramref name="j"/>, the first of a pass.</summary>
        static abstract int Pass(int j, int nin, int nout);

        /// <summary>The distance from one input's weights of a pass <paramref name="width"/> units wide to the next input's.</summary>
        static abstract int Stride(int width, int nout);
    }

    /// <summary>W as it is kept: inputs x units, row-major, so a pass reads part of every row.</summary>
    private readonly struct RowMajor : IWeightLayout
    {
        public static int Pass(int j, int nin, int nout) => j;

        public static int Stride(int width, int nout) => nout;
    }

    /// <summary>
    /// A copy of W in the order of one sample's passes (<see cref="PassOrderedWeights{T}"/>): each pass's weights, input
    /// by input, one after the other, so the units before <c>j</c> take <c>nin · j</c> values.
    /// </summary>
    private readonly struct PassOrder : IWeightLayout
    {
        public static int Pass(int j, int nin, int nout) => nin * j;

        public static int Stride(int width, int nout) => width;
    }

    /// <summary>Stores a finished sum, plus the bias where there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TV, TL, T>(TV sum, ref T y, nint offset, ref T b, nint unit, bool hasBias)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.Store(hasBias ? TL.Add(sum, TL.Load(ref b, unit)) : sum, ref y, offset);
}
