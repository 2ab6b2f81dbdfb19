using System;
using System.Globalization;
using System.Linq;
using NetGen;
using NetGen.Reference;
using Xunit;
using Xunit.Sdk;

namespace NetGen.Testing;

/// <summary>Number-for-number comparison of two networks, the way llm.c's test compares against its reference.</summary>
internal static class Equivalence
{
    public const double Relative = 1e-12;
    public const double AbsoluteFloor = 1e-14;
    public const double ParameterTolerance = 1e-10;

    /// <summary>Asserts |actual − expected| ≤ max(floor, relative · max(|actual|, |expected|)).</summary>
    public static void Close(double expected, double actual, string what, double relative = Relative, double floor = AbsoluteFloor)
    {
        double tolerance = Math.Max(floor, relative * Math.Max(Math.Abs(expected), Math.Abs(actual)));
        if (!(Math.Abs(actual - expected) <= tolerance))
        {
            throw new NotCloseException(string.Format(
                CultureInfo.InvariantCulture,
                "{0}: expected {1:R}, got {2:R} (difference {3:E3}, tolerance {4:E3}).",
                what, expected, actual, Math.Abs(actual - expected), tolerance));
        }
    }

    public static void AllClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what, double relative = Relative, double floor = AbsoluteFloor)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Close(expected[k], actual[k], $"{what}[{k}]", relative, floor);
        }
    }

    /// <summary>
    /// Asserts every element of <paramref name="actual"/> is within <paramref name="relative"/> of the largest
    /// magnitude in <paramref name="expected"/>: the right measure for a vector computed in lower precision, whose
    /// small elements carry the rounding error of the large ones.
    /// </summary>
    public static void VectorClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 0;
        foreach (double e in expected)
        {
            scale = Math.Max(scale, Math.Abs(e));
        }

        for (int k = 0; k < expected.Length; k++)
        {
            Close(expected[k], actual[k], $"{what}[{k}] (vector scale {scale:E3})", relative: 0, floor: relative * Math.Max(scale, 1e-30));
        }
    }

    /// <summary>Asserts both networks hold the same parameters, to the bit (same seed, same initialisation).</summary>
    public static void AssertSameParameters(INetwork expected, INetwork actual)
    {
        var p0 = new double[expected.ParameterCount];
        var p1 = new double[actual.ParameterCount];
        expected.GetParameters(p0);
        actual.GetParameters(p1);
        Assert.Equal(p0, p1);
    }

    /// <summary>Random values in [-scale, scale) from a seeded sampler.</summary>
    public static double[] RandomValues(int count, ref NormalSampler random, double scale = 1.0)
    {
        var values = new double[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = scale * (2.0 * random.NextUniform() - 1.0);
        }

        return values;
    }

    /// <summary>
    /// Gives both networks the same random parameters, then compares Forward, Predict, the loss and every
    /// gradient on random batches, then the parameters after 100 TrainSteps at <paramref name="learningRate"/>.
    /// </summary>
    public static void AssertEquivalent(INetwork expected, INetwork actual, int seed, double learningRate = 0.3)
    {
        Assert.Equal(expected.InputSize, actual.InputSize);
        Assert.Equal(expected.OutputSize, actual.OutputSize);
        Assert.Equal(expected.ParameterCount, actual.ParameterCount);
        int p = expected.ParameterCount;
        var random = new NormalSampler(seed);

        double[] parameters = RandomValues(p, ref random, 1.5);
        expected.SetParameters(parameters);
        actual.SetParameters(parameters);
        var roundTrip = new double[p];
        actual.GetParameters(roundTrip);
        Assert.Equal(parameters, roundTrip);

        // One sample.
        double[] x = RandomValues(expected.InputSize, ref random, 2.0);
        var y0 = new double[expected.OutputSize];
        var y1 = new double[expected.OutputSize];
        expected.Forward(x, y0);
        actual.Forward(x, y1);
        AllClose(y0, y1, "Forward output");

        foreach (int n in new[] { 1, 3, 7, 40 }) // 40: two chunks of a loop-shaped network (32 + 8)
        {
            double[] inputs = RandomValues(n * expected.InputSize, ref random, 2.0);
            double[] targets = RandomValues(n * expected.OutputSize, ref random, 0.5);
            for (int k = 0; k < targets.Length; k++)
            {
                targets[k] += 0.5; // targets in [0, 1), where a sigmoid can reach
            }

            var out0 = new double[n * expected.OutputSize];
            var out1 = new double[n * expected.OutputSize];
            expected.Predict(inputs, out0);
            actual.Predict(inputs, out1);
            AllClose(out0, out1, $"Predict output (N={n})");

            var g0 = new double[p];
            var g1 = new double[p];
            Array.Fill(g1, double.NaN); // ComputeGradients must overwrite
            double l0 = expected.ComputeGradients(inputs, targets, g0);
            double l1 = actual.ComputeGradients(inputs, targets, g1);
            Close(l0, l1, $"loss (N={n})");
            AllClose(g0, g1, $"gradient (N={n})");
        }

        // 100 training steps on one batch.
        double[] batchInputs = RandomValues(5 * expected.InputSize, ref random, 2.0);
        double[] batchTargets = RandomValues(5 * expected.OutputSize, ref random, 0.5);
        for (int k = 0; k < batchTargets.Length; k++)
        {
            batchTargets[k] += 0.5;
        }

        expected.LearningRate = learningRate;
        actual.LearningRate = learningRate;
        for (int step = 0; step < 100; step++)
        {
            double l0 = expected.TrainStep(batchInputs, batchTargets);
            double l1 = actual.TrainStep(batchInputs, batchTargets);
            Close(l0, l1, $"loss of step {step}", relative: 1e-9, floor: 1e-14); // a trace; the contract is the parameters below
        }

        var p0 = new double[p];
        var p1 = new double[p];
        expected.GetParameters(p0);
        actual.GetParameters(p1);
        AllClose(p0, p1, "parameters after 100 steps", relative: ParameterTolerance, floor: ParameterTolerance);
    }

    /// <summary>
    /// A single-precision network against the double reference given the same (float-representable) parameters:
    /// outputs and loss within <paramref name="relative"/>, the gradient within <paramref name="relative"/> of its
    /// largest element, and the parameters after 20 steps within <paramref name="relative"/> of their largest.
    /// </summary>
    public static void AssertSingleClose(ReferenceNetwork expected, INetwork<float> actual, int seed, double relative, double learningRate = 0.1)
    {
        Assert.Equal(expected.ParameterCount, actual.ParameterCount);
        int p = expected.ParameterCount;
        var random = new NormalSampler(seed);
        double[] parameters = RandomValues(p, ref random, 0.3);
        float[] single = ToSingle(parameters);
        double[] rounded = ToDouble(single);
        expected.SetParameters(rounded);
        actual.SetParameters(single);

        int n = 5;
        double[] inputs = ToDouble(ToSingle(RandomValues(n * expected.InputSize, ref random, 1.0)));
        double[] targets = ToDouble(ToSingle(RandomValues(n * expected.OutputSize, ref random, 0.5)));
        for (int k = 0; k < targets.Length; k++)
        {
            targets[k] = (float)(targets[k] + 0.5);
        }

        var y0 = new double[n * expected.OutputSize];
        var y1 = new float[y0.Length];
        expected.Predict(inputs, y0);
        actual.Predict(ToSingle(inputs), y1);
        AllClose(y0, ToDouble(y1), "float Predict", relative, relative);

        var g0 = new double[p];
        var g1 = new float[p];
        double l0 = expected.ComputeGradients(inputs, targets, g0);
        float l1 = actual.ComputeGradients(ToSingle(inputs), ToSingle(targets), g1);
        Close(l0, l1, "float loss", relative, relative);
        VectorClose(g0, ToDouble(g1), "float gradient", relative);

        expected.LearningRate = learningRate;
        actual.LearningRate = (float)learningRate;
        for (int step = 0; step < 20; step++)
        {
            expected.TrainStep(inputs, targets);
            actual.TrainStep(ToSingle(inputs), ToSingle(targets));
        }

        var p0 = new double[p];
        var p1 = new float[p];
        expected.GetParameters(p0);
        actual.GetParameters(p1);
        VectorClose(p0, ToDouble(p1), "float parameters after 20 steps", relative);
    }

    /// <summary>
    /// Two networks of one topology and start give the same bits: Predict and gradients on batches of 1, 3, 7 and 40
    /// samples (every δ path and two chunks of a loop-shaped network), then the losses of 20 training steps and the
    /// parameters after them.
    /// </summary>
    public static void AssertSameBits<T>(INetwork<T> straight, INetwork<T> kernels)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var random = new NormalSampler(17);
        T[] Values(int count, double scale) => Enumerable.Range(0, count).Select(_ => T.CreateTruncating(scale * random.NextStandardNormal())).ToArray();
        T[] Parameters(INetwork<T> net)
        {
            var p = new T[net.ParameterCount];
            net.GetParameters(p);
            return p;
        }

        Assert.Equal(Parameters(kernels), Parameters(straight));
        foreach (int n in new[] { 1, 3, 7, 40 })
        {
            T[] x = Values(n * straight.InputSize, 1.5), t = Values(n * straight.OutputSize, 0.4);
            var y0 = new T[n * straight.OutputSize];
            var y1 = new T[n * straight.OutputSize];
            straight.Predict(x, y0);
            kernels.Predict(x, y1);
            Assert.Equal(y1, y0);

            var g0 = new T[straight.ParameterCount];
            var g1 = new T[straight.ParameterCount];
            Assert.Equal(kernels.ComputeGradients(x, t, g1), straight.ComputeGradients(x, t, g0));
            Assert.Equal(g1, g0);
        }

        T[] xs = Values(40 * straight.InputSize, 1.5), ts = Values(40 * straight.OutputSize, 0.4);
        for (int step = 0; step < 20; step++)
        {
            int n = step % 2 == 0 ? 40 : 3;
            Assert.Equal(
                kernels.TrainStep(xs.AsSpan(0, n * straight.InputSize), ts.AsSpan(0, n * straight.OutputSize)),
                straight.TrainStep(xs.AsSpan(0, n * straight.InputSize), ts.AsSpan(0, n * straight.OutputSize)));
        }

        Assert.Equal(Parameters(kernels), Parameters(straight));
    }

    public static float[] ToSingle(double[] values) => Array.ConvertAll(values, v => (float)v);

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);
}

/// <summary>The failure <see cref="Equivalence"/> reports when two values differ by more than the tolerance.</summary>
internal sealed class NotCloseException : XunitException
{
    public NotCloseException(string message)
        : base(message)
    {
    }
}
