using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The loop shape's kernels against plain loops that sum in the same order with the same rounding (fused
/// multiply-adds in the runtime library's net10.0 build, a rounding after the multiply and after the add in its net8.0
/// build; <see cref="RuntimeBuild"/> tells which build is in use): the results must be identical, bit for bit, for every tile and
/// tail the widths leave, for spans on and off 64-byte boundaries. CI runs these with AVX-512 (the machine's
/// default), without AVX-512 (256-bit), without AVX (128-bit) and with no vector hardware (scalar).
/// </summary>
public class DenseKernelTests
{
    /// <summary>Inputs, outputs, samples: around every tile edge (1, 4 and 8 samples; 1, 2 and 8 vectors of 2 to 16 lanes).</summary>
    public static IEnumerable<object[]> Shapes()
    {
        int[][] shapes =
        {
            new[] { 1, 1, 1 }, new[] { 3, 2, 5 }, new[] { 4, 7, 4 }, new[] { 5, 9, 9 }, new[] { 9, 15, 3 },
            new[] { 2, 16, 8 }, new[] { 7, 17, 12 }, new[] { 6, 31, 17 }, new[] { 8, 33, 13 }, new[] { 5, 64, 1 },
            new[] { 3, 65, 16 }, new[] { 10, 128, 2 }, new[] { 13, 130, 11 }, new[] { 4, 10, 32 }, new[] { 17, 5, 3 },
            new[] { 5, 260, 3 }, new[] { 11, 7, 22 },
        };
        return shapes.Select(s => new object[] { s[0], s[1], s[2] });
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_equals_the_plain_loops(int nin, int nout, int samples)
    {
        foreach (int shift in new[] { 0, 1 })
        {
            Forward<double>(nin, nout, samples, shift);
            Forward<float>(nin, nout, samples, shift);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gradients_equal_the_plain_loops(int nin, int nout, int samples)
    {
        foreach (bool accumulate in new[] { false, true })
        {
            Gradients<double>(nin, nout, samples, accumulate, shift: accumulate ? 1 : 0);
            Gradients<float>(nin, nout, samples, accumulate, shift: accumulate ? 0 : 1);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backpropagated_delta_equals_the_plain_loops(int nin, int nout, int samples)
    {
        Backpropagate<double>(nin, nout, samples, shift: 1);
        Backpropagate<float>(nin, nout, samples, shift: 0);
    }

    [Fact]
    public void Descend_equals_the_plain_loop()
    {
        foreach (int length in new[] { 1, 7, 8, 17, 100, 1027 })
        {
            double[] p = Random<double>(length, 1), g = Random<double>(length, 2), expected = (double[])p.Clone();
            for (int k = 0; k < length; k++)
            {
                expected[k] -= 0.37 * g[k];
            }

            Dense.Descend<double>(p, g, 0.37);
            Assert.Equal(expected, p);
        }
    }

    [Fact]
    public void Kernels_reject_spans_that_do_not_fit_a_layer()
    {
        var w = new double[12];
        Assert.Throws<ArgumentException>(() => Dense.Forward<double>(w, new double[4], new double[3], new double[5], 1));
        Assert.Throws<ArgumentException>(() => Dense.AccumulateGradients<double>(w, new double[4], new double[6], new double[8], 3));
        Assert.Throws<ArgumentException>(() => Dense.BackpropagateDelta<double>(w, new double[4], new double[3], new double[4], 1));
        Assert.Throws<ArgumentException>(() => Dense.BackpropagateDeltaTransposed<double>(w, new double[4], new double[3], new double[4], 1));
        Assert.Throws<ArgumentException>(() => Dense.Transpose<double>(w, new double[11], 3));
        Assert.Throws<ArgumentException>(() => Dense.Descend<double>(w, new double[11], 0.1));
        Assert.Throws<NotSupportedException>(() => Dense.Descend<Half>(new Half[2], new Half[2], Half.One));
    }

    [Fact]
    public void Aligned_arrays_start_on_a_cache_line_and_stay_there()
    {
        var blocks = Enumerable.Range(1, 20).Select(n => Aligned.Allocate<double>(n * 13)).ToArray();
        var singles = Enumerable.Range(1, 20).Select(n => Aligned.Allocate<float>(n * 7)).ToArray();
        for (int k = 0; k < blocks.Length; k++)
        {
            Aligned.Span(blocks[k], (k + 1) * 13).Fill(k);
        }

        for (int round = 0; round < 3; round++)
        {
            // Garbage and compacting collections around the blocks: pinned arrays must not move.
            _ = Enumerable.Range(0, 10_000).Select(i => new double[i % 50]).ToArray();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            for (int k = 0; k < blocks.Length; k++)
            {
                Span<double> span = Aligned.Span(blocks[k], (k + 1) * 13);
                Assert.Equal(0, Address(span) % Aligned.Bytes);
                Assert.True(span.ToArray().All(v => v == k), "the data moved relative to the aligned start");
                Assert.Equal(0, Address(Aligned.Span(singles[k], (k + 1) * 7)) % Aligned.Bytes);
            }
        }
    }

    private static void Forward<T>(int nin, int nout, int samples, int shift)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Func<T, T, T, T> multiplyAdd = MultiplyAdd<T>();
        T[] w = Random<T>(nin * nout, 1), b = Random<T>(nout, 2), x = Random<T>((samples * nin) + shift, 3);
        var expected = new T[samples * nout];
        for (int s = 0; s < samples; s++)
        {
            for (int j = 0; j < nout; j++)
            {
                T acc = T.Zero;
                for (int i = 0; i < nin; i++)
                {
                    acc = multiplyAdd(w[(i * nout) + j], x[shift + (s * nin) + i], acc);
                }

                expected[(s * nout) + j] = acc + b[j];
            }
        }

        // The same elementwise sigmoid on both, so any difference is in the sums.
        Dense.Sigmoid<T>(expected);
        var actual = new T[(samples * nout) + shift];
        Dense.Forward<T>(w, b, x.AsSpan(shift), actual.AsSpan(shift), samples);
        AssertIdentical(expected, actual.AsSpan(shift), $"Forward {typeof(T).Name} {nin}-{nout} x{samples} shift {shift}");
    }

    private static void Gradients<T>(int nin, int nout, int samples, bool accumulate, int shift)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Func<T, T, T, T> multiplyAdd = MultiplyAdd<T>();
        T[] x = Random<T>(samples * nin, 4), d = Random<T>(samples * nout, 5);
        T[] gw = Random<T>((nin * nout) + shift, 6), gb = Random<T>(nout, 7);
        var expectedW = new T[nin * nout];
        var expectedB = new T[nout];
        for (int j = 0; j < nout; j++)
        {
            for (int i = 0; i < nin; i++)
            {
                T acc = accumulate ? gw[shift + (i * nout) + j] : T.Zero;
                for (int s = 0; s < samples; s++)
                {
                    acc = multiplyAdd(x[(s * nin) + i], d[(s * nout) + j], acc);
                }

                expectedW[(i * nout) + j] = acc;
            }

            T bias = accumulate ? gb[j] : T.Zero;
            for (int s = 0; s < samples; s++)
            {
                bias += d[(s * nout) + j];
            }

            expectedB[j] = bias;
        }

        Dense.AccumulateGradients<T>(gw.AsSpan(shift), gb, x, d, samples, accumulate);
        string what = $"{typeof(T).Name} {nin}-{nout} x{samples} accumulate {accumulate}";
        AssertIdentical(expectedW, gw.AsSpan(shift), "∂W " + what);
        AssertIdentical(expectedB, gb, "∂b " + what);
    }

    private static void Backpropagate<T>(int nin, int nout, int samples, int shift)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Func<T, T, T, T> multiplyAdd = MultiplyAdd<T>();
        T[] w = Random<T>(nin * nout, 8), d = Random<T>(samples * nout, 9), a = Random<T>(samples * nin, 10);
        for (int k = 0; k < a.Length; k++)
        {
            a[k] = T.Abs(a[k]);
        }

        var expected = new T[samples * nin];
        for (int s = 0; s < samples; s++)
        {
            for (int i = 0; i < nin; i++)
            {
                T sum = T.Zero;
                for (int j = 0; j < nout; j++)
                {
                    sum = multiplyAdd(w[(i * nout) + j], d[(s * nout) + j], sum);
                }

                T ak = a[(s * nin) + i];
                expected[(s * nin) + i] = sum * (ak * (T.One - ak));
            }
        }

        var wt = new T[(nin * nout) + shift];
        Dense.Transpose<T>(w, wt.AsSpan(shift), nin);
        for (int i = 0; i < nin; i++)
        {
            for (int j = 0; j < nout; j++)
            {
                Assert.Equal(w[(i * nout) + j], wt[shift + (j * nin) + i]);
            }
        }

        var actual = new T[samples * nin];
        Dense.BackpropagateDeltaTransposed<T>(wt.AsSpan(shift), d, a, actual, samples);
        AssertIdentical(expected, actual, $"δ below through Wᵀ {typeof(T).Name} {nin}-{nout} x{samples}");
        var byRows = new T[(samples * nin) + shift];
        Dense.BackpropagateDelta<T>(w, d, a, byRows.AsSpan(shift), samples);
        AssertIdentical(expected, byRows.AsSpan(shift), $"δ below along W's rows {typeof(T).Name} {nin}-{nout} x{samples}");
    }

    /// <summary><c>a · b + c</c> rounded as the kernels of the runtime library's build in use round it.</summary>
    private static Func<T, T, T, T> MultiplyAdd<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => RuntimeBuild.FusesMultiplyAdd ? T.FusedMultiplyAdd : (a, b, c) => (a * b) + c;

    private static T[] Random<T>(int length, int seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed * 7919 + length);
        var values = new T[length];
        for (int k = 0; k < length; k++)
        {
            values[k] = T.CreateTruncating((random.NextDouble() * 2.0) - 1.0);
        }

        return values;
    }

    private static void AssertIdentical<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            if (!expected[k].Equals(actual[k]))
            {
                Assert.Fail($"{what}: element {k} is {actual[k]:R}, the plain loop gives {expected[k]:R}");
            }
        }
    }

    private static unsafe long Address<T>(Span<T> span)
        where T : unmanaged
        => (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
}
