using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Runtime;

// The register tiles of the product and gradient kernels: blocks of samples by vectors of units, and rows of the
// gradient, each written once over ILanes and compiled per width.
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
    /// 512-bit registers), so eight independent chains of multiply-adds overlap; then one vector at a time.
    /// </summary>
    private readonly struct OneSample : IProductTiles
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
                    j = SixteenVectors<TV, TL, T>(ref w, ref b, hasBias, ref x, ref y, nin, nout, j);
                }
            }

            for (; j + (8 * vl) <= nout; j += 8 * vl)
            {
                TV c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero, c4 = TL.Zero, c5 = TL.Zero, c6 = TL.Zero, c7 = TL.Zero;
                for (int i = 0; i < nin; i++)
                {
                    ref T row = ref Unsafe.Add(ref w, (i * nout) + j);
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
                for (int i = 0; i < nin; i++)
                {
                    c0 = TL.MultiplyAdd(TL.Load(ref w, (i * nout) + j), TL.Broadcast(Unsafe.Add(ref x, i)), c0);
                }

                Put<TV, TL, T>(c0, ref y, j, ref b, j, hasBias);
            }

            return j;
        }

        /// <summary>
        /// Sixteen vectors of units for one sample, each an independent chain of multiply-adds; returns
        /// <paramref name="j"/> (the caller steps it). A method of its own, so the eight-vector loop keeps its registers.
        /// </summary>
        private static int SixteenVectors<TV, TL, T>(ref T w, ref T b, bool hasBias, ref T x, ref T y, int nin, int nout, int j)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            TV c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero, c4 = TL.Zero, c5 = TL.Zero, c6 = TL.Zero, c7 = TL.Zero;
            TV c8 = TL.Zero, c9 = TL.Zero, c10 = TL.Zero, c11 = TL.Zero, c12 = TL.Zero, c13 = TL.Zero, c14 = TL.Zero, c15 = TL.Zero;
            for (int i = 0; i < nin; i++)
            {
                ref T row = ref Unsafe.Add(ref w, (i * nout) + j);
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

    /// <summary>Stores a finished sum, plus the bias where there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TV, TL, T>(TV sum, ref T y, nint offset, ref T b, nint unit, bool hasBias)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.Store(hasBias ? TL.Add(sum, TL.Load(ref b, unit)) : sum, ref y, offset);
}
