using System;
using System.Linq;
using System.Numerics;
using System.Threading.Tasks;
using NetGen.Runtime;
using NetGen.Training;
using NetGen.Testing;
using NetGen.Tests.Large;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// One sample's product on a copy of the weights in the order of its passes (<see cref="PassOrderedWeights{T}"/>)
/// against the product on W's rows: the same bits for every layer width, the copy made again after
/// <see cref="PassOrderedWeights{T}.Invalidate"/> and only then, and generated networks that keep such copies giving the
/// row-major bits after every way their parameters change. CI runs these with AVX-512, without it, without AVX and
/// with no vector hardware, where the passes differ.
/// </summary>
public class PassOrderDenseKernelTests
{
    private static readonly Activation[] Activations = { Activation.Identity, Activation.Sigmoid, Activation.ReLU, Activation.Softmax };

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(33)]
    public void The_copy_gives_the_row_major_bits_for_every_width(int inputs)
    {
        for (int units = 1; units <= 300; units++)
        {
            SameBits<double>(inputs, units, seed: units);
            SameBits<float>(inputs, units, seed: units);
        }
    }

    [Fact]
    public void A_wide_layer_is_read_in_more_than_one_pass_everywhere()
    {
        // 300 units are more than one pass at every width (at most 16 vectors of 8 doubles or 16 floats: 128 or 256).
        Assert.True(new PassOrderedWeights<double>(3, 300).InUse);
        Assert.True(new PassOrderedWeights<float>(3, 300).InUse);
        // One unit is one pass everywhere: nothing to copy.
        Assert.False(new PassOrderedWeights<double>(3, 1).InUse);
    }

    [Fact]
    public void The_copy_is_made_again_after_Invalidate_and_only_then()
    {
        const int inputs = 7, units = 300;
        var random = new Random(5);
        double[] w = Values(inputs * units, random), b = Values(units, random), x = Values(inputs, random);
        var order = new PassOrderedWeights<double>(inputs, units);
        var first = new double[units];
        Dense.Forward(order, w, b, x, first, Activation.Identity, 0.0);

        w[(3 * units) + 250] += 1.0;
        var stale = new double[units];
        Dense.Forward(order, w, b, x, stale, Activation.Identity, 0.0);
        Assert.Equal(first, stale); // the copy is what the product read, so the change is not seen yet

        order.Invalidate();
        var fresh = new double[units];
        var rows = new double[units];
        Dense.Forward(order, w, b, x, fresh, Activation.Identity, 0.0);
        Dense.Forward<double>(w, b, x, rows, 1, Activation.Identity, 0.0);
        Assert.Equal(rows, fresh);
        Assert.NotEqual(first[250], fresh[250]);
    }

    [Fact]
    public void Wrong_lengths_are_refused_before_anything_is_written()
    {
        var order = new PassOrderedWeights<double>(4, 300);
        var a = new double[300];
        Array.Fill(a, 7.0);
        Assert.ThrowsAny<ArgumentException>(() => Dense.Forward(order, new double[4 * 299], new double[300], new double[4], a, Activation.Identity, 0.0));
        Assert.ThrowsAny<ArgumentException>(() => Dense.Forward(order, new double[4 * 300], new double[300], new double[5], a, Activation.Identity, 0.0));
        Assert.All(a, v => Assert.Equal(7.0, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PassOrderedWeights<float>(0, 4));
    }

    [Fact]
    public void Threads_that_meet_on_a_fresh_copy_all_get_the_row_major_bits()
    {
        const int inputs = 64, units = 300, threads = 8;
        var random = new Random(9);
        double[] w = Values(inputs * units, random), b = Values(units, random), x = Values(inputs, random);
        var expected = new double[units];
        Dense.Forward<double>(w, b, x, expected, 1, Activation.Sigmoid, 0.0);
        for (int round = 0; round < 20; round++)
        {
            var order = new PassOrderedWeights<double>(inputs, units);
            var results = new double[threads][];
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                results[t] = new double[units];
                Dense.Forward(order, w, b, x, results[t], Activation.Sigmoid, 0.0);
            });
            Assert.All(results, r => Assert.Equal(expected, r));
        }
    }

    [Fact]
    public void A_generated_network_reads_its_new_weights_after_every_change()
    {
        // 784-128-10 keeps W1 in pass order (double: 128 units, more than one 8-vector pass of 256 bits).
        Assert.Contains("__w1InPassOrder", typeof(Mnist).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic).Select(f => f.Name));
        var net = new Mnist();
        var random = new NormalSampler(13);
        double[] x = Equivalence.RandomValues(8 * 784, ref random, 1.0);
        double[] t = Equivalence.RandomValues(8 * 10, ref random, 0.5);
        AssertRowMajor(net, x);                                   // after construction
        net.TrainStep(x, t);
        AssertRowMajor(net, x);                                   // after a training step
        net.Train(x, t, 3);
        AssertRowMajor(net, x);                                   // after several
        var p = new double[Mnist.ParameterCount];
        net.GetParameters(p);
        p[784 * 128 / 2] += 0.5;
        net.SetParameters(p);
        AssertRowMajor(net, x);                                   // after SetParameters
        net.Fit(x, t, new FitOptions<double> { Epochs = 2, BatchSize = 4, Threads = 2 });
        AssertRowMajor(net, x);                                   // after Fit on two threads
        Assert.Throws<TrainingDivergedException>(() => net.TrainStep(x, t.Select(_ => double.MaxValue).ToArray()));
        AssertRowMajor(net, x);                                   // after a refused step (nothing changed)
    }

    /// <summary>Forward and Predict of <paramref name="net"/> against its parameters through the row-major kernels.</summary>
    private static void AssertRowMajor(Mnist net, double[] x)
    {
        var p = new double[Mnist.ParameterCount];
        net.GetParameters(p);
        ReadOnlySpan<double> w1 = p.AsSpan(0, 784 * 128), b1 = p.AsSpan(784 * 128, 128);
        ReadOnlySpan<double> w2 = p.AsSpan((784 * 128) + 128, 1280), b2 = p.AsSpan((784 * 128) + 128 + 1280, 10);
        int samples = x.Length / 784;
        var a1 = new double[128];
        var expected = new double[10];
        var y = new double[10];
        var predicted = new double[samples * 10];
        net.Predict(x, predicted);
        for (int s = 0; s < samples; s++)
        {
            Dense.Forward<double>(w1, b1, x.AsSpan(s * 784, 784), a1, 1);
            Dense.Forward<double>(w2, b2, a1, expected, 1);
            net.Forward(x.AsSpan(s * 784, 784), y);
            Assert.Equal(expected, y);
            Assert.Equal(expected, predicted.AsSpan(s * 10, 10).ToArray());
        }
    }

    private static void SameBits<T>(int inputs, int units, int seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        T[] w = Values(inputs * units, random).Select(T.CreateTruncating).ToArray();
        T[] b = Values(units, random).Select(T.CreateTruncating).ToArray();
        T[] x = Values(inputs, random).Select(T.CreateTruncating).ToArray();
        var order = new PassOrderedWeights<T>(inputs, units);
        Assert.Equal(Dense.PassCount<T>(units) > 1, order.InUse);
        foreach (Activation activation in Activations)
        {
            var rows = new T[units];
            var copy = new T[units];
            Dense.Forward<T>(w, b, x, rows, 1, activation, T.Zero);
            Dense.Forward(order, w, b, x, copy, activation, T.Zero);
            if (!rows.AsSpan().SequenceEqual(copy))
            {
                int k = Enumerable.Range(0, units).First(i => !rows[i].Equals(copy[i]));
                Assert.Fail($"{typeof(T).Name} {inputs} x {units}, {activation}: unit {k} is {copy[k]} from the copy and {rows[k]} from the rows.");
            }
        }
    }

    private static double[] Values(int count, Random random) => Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 2.0) - 1.0).ToArray();
}
