using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Runtime;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>The order Fit visits samples in, pinned, and ShapeGuard.AllFinite's report of the first bad value.</summary>
public class ShuffleOrderTests
{
    /// <summary>One input, one output; records the first input of every step and learns nothing.</summary>
    private sealed class Recorder : INetwork
    {
        public List<double> Seen { get; } = new();

        public int InputSize => 1;

        public int OutputSize => 1;

        public int ParameterCount => 1;

        public double LearningRate { get; set; } = 0.1;

        public void Forward(ReadOnlySpan<double> input, Span<double> output) => output[0] = 0;

        public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs) => outputs.Clear();

        public double ComputeGradients(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradients)
        {
            gradients.Clear();
            return 0;
        }

        public double TrainStep(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets)
        {
            Assert.Equal(inputs[0], targets[0]);
            Seen.Add(inputs[0]);
            return 0;
        }

        public void GetParameters(Span<double> destination) => destination.Clear();

        public void SetParameters(ReadOnlySpan<double> source)
        {
        }

        public double Train(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int iterations) => throw new NotSupportedException();
    }

    private static int[][] Orders(int? seed, int samples, int epochs)
    {
        var net = new Recorder();
        double[] data = Enumerable.Range(0, samples).Select(s => (double)s).ToArray();
        Trainer.Fit(net, data, data, new FitOptions<double> { Epochs = epochs, BatchSize = 1, ShuffleSeed = seed });
        return net.Seen.Select(v => (int)v).Chunk(samples).ToArray();
    }

    [Fact]
    public void The_shuffle_is_pinned_so_every_runtime_and_platform_visits_the_same_order()
    {
        int[][] orders = Orders(42, 10, 3);
        Assert.All(orders, o => Assert.Equal(Enumerable.Range(0, 10), o.Order()));
        Assert.Equal(Pinned, orders.Select(o => string.Join(",", o)));
        Assert.NotEqual(orders[0], orders[1]);
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Orders(null, 10, 2)[1]);
    }

    /// <summary>
    /// Fit's order for seed 42, ten samples, three epochs, as FitOptions.ShuffleSeed documents it (SplitMix64 from 42,
    /// Fisher–Yates from the last position down, Lemire's bounded integers), computed independently of this library.
    /// </summary>
    private static readonly string[] Pinned = { "8,3,6,5,4,0,9,2,1,7", "1,6,4,8,0,7,2,5,3,9", "4,6,0,3,7,8,9,5,2,1" };

    [Fact]
    public void Every_sample_is_as_likely_at_every_position()
    {
        // 3 samples, 6,000 epochs: each of the 6 permutations about 1,000 times.
        int[][] orders = Orders(1, 3, 6000);
        var counts = orders.GroupBy(o => string.Join(",", o)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 880, 1120));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(99)]
    public void AllFinite_names_the_first_bad_value_by_sample_and_feature(int position)
    {
        var values = new float[100];
        values[position] = float.NaN;
        if (position < 99)
        {
            values[99] = float.PositiveInfinity;
        }

        var e = Assert.Throws<ArgumentException>(() => ShapeGuard.AllFinite<float>(values, 7, "inputs"));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains($"sample {position / 7}, feature {position % 7} (element {position}) is NaN", e.Message, StringComparison.Ordinal);
        values[position] = 0;
        values[99] = 0;
        ShapeGuard.AllFinite<float>(values, 7, "inputs");
        ShapeGuard.AllFinite<double>(ReadOnlySpan<double>.Empty, 7, "inputs");
    }
}
