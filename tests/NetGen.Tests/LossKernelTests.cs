using System;
using System.Linq;
using System.Numerics;
using NetGen.Runtime;
using Xunit;
using static NetGen.Tests.KernelTestMath;

namespace NetGen.Tests;

/// <summary>
/// The loss kernels against plain loops written from the definitions, in double: within a few ulps where a
/// vector exp is involved, exact elsewhere; finite at logits of ±1000.
/// </summary>
public class LossKernelTests
{
    [Fact]
    public void Softmax_cross_entropy_is_its_definition()
    {
        foreach (int outputs in Lengths)
        {
            foreach (int samples in new[] { 1, 3 })
            {
                foreach (bool oneHot in new[] { true, false })
                {
                    SoftmaxCrossEntropy<double>(outputs, samples, oneHot, 1e-14);
                    SoftmaxCrossEntropy<float>(outputs, samples, oneHot, 1e-5);
                }
            }
        }

        static void SoftmaxCrossEntropy<T>(int n, int samples, bool oneHot, double tolerance)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T[] z = Random<T>(samples * n, 11, -6, 6);
            T[] t = Targets<T>(samples, n, oneHot);
            foreach (double scale in new[] { 1.0, 1.0 / samples })
            {
                double expectedLoss = 0;
                var expectedP = new double[z.Length];
                var expectedDelta = new double[z.Length];
                for (int s = 0; s < samples; s++)
                {
                    double[] zs = z.Skip(s * n).Take(n).Select(double.CreateTruncating).ToArray();
                    double[] ts = t.Skip(s * n).Take(n).Select(double.CreateTruncating).ToArray();
                    double m = zs.Max();
                    double sum = zs.Sum(v => Math.Exp(v - m));
                    double lse = m + Math.Log(sum);
                    for (int j = 0; j < n; j++)
                    {
                        expectedLoss -= ts[j] * (zs[j] - lse);
                        expectedP[(s * n) + j] = Math.Exp(zs[j] - m) / sum;
                        expectedDelta[(s * n) + j] = scale * ((expectedP[(s * n) + j] * ts.Sum()) - ts[j]);
                    }
                }

                var p = new T[z.Length];
                var delta = new T[z.Length];
                T loss = Dense.SoftmaxCrossEntropy<T>(z, t, p, delta, samples, T.CreateTruncating(scale));
                string what = $"{typeof(T).Name} {samples} x {n} one-hot {oneHot} scale {scale}";
                Close(scale * expectedLoss, double.CreateTruncating(loss), tolerance, "loss " + what);
                for (int k = 0; k < z.Length; k++)
                {
                    Close(expectedP[k], double.CreateTruncating(p[k]), tolerance, $"p[{k}] " + what);
                    Close(expectedDelta[k], double.CreateTruncating(delta[k]), tolerance, $"δ[{k}] " + what);
                }

                // Without a span for the probabilities: the same δ and loss.
                var alone = new T[z.Length];
                Assert.Equal(loss, Dense.SoftmaxCrossEntropy<T>(z, t, Span<T>.Empty, alone, samples, T.CreateTruncating(scale)));
                AssertIdentical<T>(delta, alone, "δ without probabilities " + what);

                // The inference softmax is the same computation.
                var rows = (T[])z.Clone();
                Dense.Softmax<T>(rows, samples);
                AssertIdentical<T>(p, rows, "Softmax rows " + what);
            }
        }
    }

    [Fact]
    public void Softmax_cross_entropy_is_finite_at_logits_of_a_thousand()
    {
        double[] z = { 1000, -1000, 0, -1000, 1000, 1000 };
        double[] t = { 0, 1, 0, 1, 0, 0 };
        var p = new double[6];
        var delta = new double[6];
        double loss = Dense.SoftmaxCrossEntropy<double>(z, t, p, delta, 2, 1.0);

        // Sample 1: the target's logit is 2000 below the largest, so its loss is 2000; sample 2: log 2 + 2000.
        Assert.Equal(2000 + (Math.Log(2) + 2000), loss, 9);
        Assert.Equal(new[] { 1.0, 0.0, 0.0, 0.0, 0.5, 0.5 }, p);
        Assert.Equal(new[] { 1.0, -1.0, 0.0, -1.0, 0.5, 0.5 }, delta);

        float[] zf = { 1000f, -1000f, 0f };
        float[] tf = { 1f, 0f, 0f };
        var df = new float[3];
        Assert.Equal(0f, Dense.SoftmaxCrossEntropy<float>(zf, tf, Span<float>.Empty, df, 1, 1f));
        Assert.Equal(new[] { 0f, 0f, 0f }, df);
    }

    [Fact]
    public void Binary_cross_entropy_is_its_definition()
    {
        foreach (int length in Lengths)
        {
            Binary<double>(length, 1e-14);
            Binary<float>(length, 1e-5);
        }

        static void Binary<T>(int length, double tolerance)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T[] z = Random<T>(length, 12, -10, 10);
            T[] t = Random<T>(length, 13, 0, 1);
            z[0] = T.Zero;
            foreach (double scale in new[] { 1.0, 1.0 / length })
            {
                double expectedLoss = 0;
                var delta = new T[length];
                T loss = Dense.BinaryCrossEntropy<T>(z, t, delta, T.CreateTruncating(scale));
                for (int k = 0; k < length; k++)
                {
                    double zk = double.CreateTruncating(z[k]), tk = double.CreateTruncating(t[k]);
                    expectedLoss += Math.Max(zk, 0) - (zk * tk) + Math.Log(1 + Math.Exp(-Math.Abs(zk)));
                    Close(scale * (Activations.Sigmoid(zk) - tk), double.CreateTruncating(delta[k]), tolerance, $"δ[{k}] {typeof(T).Name} length {length} scale {scale}");
                }

                Close(scale * expectedLoss, double.CreateTruncating(loss), tolerance, $"loss {typeof(T).Name} length {length} scale {scale}");
            }
        }
    }

    [Fact]
    public void Binary_cross_entropy_is_finite_at_logits_of_a_thousand()
    {
        double[] z = { 1000, -1000, 1000, -1000 };
        double[] t = { 0, 1, 1, 0 };
        var delta = new double[4];
        Assert.Equal(2000.0, Dense.BinaryCrossEntropy<double>(z, t, delta, 1.0));
        Assert.Equal(new[] { 1.0, -1.0, 0.0, 0.0 }, delta);
        var df = new float[2];
        Assert.Equal(500f, Dense.BinaryCrossEntropy<float>(new[] { -1000f, 1000f }, new[] { 1f, 1f }, df, 0.5f));
        Assert.Equal(new[] { -0.5f, 0f }, df);
    }

    [Fact]
    public void Square_loss_with_a_scale_and_an_output_activation_is_its_definition()
    {
        foreach (int length in Lengths)
        {
            Square<double>(length);
            Square<float>(length);
        }

        static void Square<T>(int length)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T slope = T.CreateTruncating(0.01);
            T[] t = Random<T>(length, 14);
            foreach (Activation activation in new[] { Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU, Activation.Identity })
            {
                T[] y = Random<T>(length, 15, -2, 2);
                y[0] = T.Zero;
                Dense.Apply<T>(y, activation, slope);
                foreach (T scale in new[] { T.One, T.CreateTruncating(1.0 / 3) })
                {
                    var delta = new T[length];
                    T loss = Dense.OutputDelta<T>(y, t, delta, scale, activation, slope);
                    T expectedLoss = T.Zero;
                    var expected = new T[length];
                    for (int k = 0; k < length; k++)
                    {
                        T e = y[k] - t[k];
                        expectedLoss += T.CreateTruncating(0.5) * (e * e);
                        T se = scale * e;
                        expected[k] = activation switch
                        {
                            Activation.Sigmoid => se * (y[k] * (T.One - y[k])),
                            Activation.Tanh => se * MulAdd(-y[k], y[k], T.One),
                            Activation.ReLU => y[k] > T.Zero ? se : T.Zero,
                            Activation.LeakyReLU => y[k] > T.Zero ? se : se * slope,
                            _ => se,
                        };
                    }

                    Assert.Equal(scale * expectedLoss, loss);
                    AssertIdentical<T>(expected, delta, $"square-loss δ, {activation} length {length} scale {scale}");
                    if (activation == Activation.Sigmoid && scale == T.One)
                    {
                        var old = new T[length];
                        Assert.Equal(Dense.OutputDelta<T>(y, t, old), loss);
                        AssertIdentical<T>(old, delta, "the sigmoid square-loss δ against OutputDelta");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(Loss.MeanSquaredError)]
    [InlineData(Loss.L1)]
    [InlineData(Loss.Huber)]
    public void Element_wise_losses_with_a_scale_and_an_output_activation_are_their_definitions(Loss kind)
    {
        foreach (int length in Lengths)
        {
            Elementwise<double>(kind, length);
            Elementwise<float>(kind, length);
        }

        static void Elementwise<T>(Loss kind, int length)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T slope = T.CreateTruncating(0.01);
            T huberDelta = T.CreateTruncating(0.375); // exact in binary, so |e| = δ can be set exactly below
            T[] t = Random<T>(length, 14);
            foreach (Activation activation in new[] { Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU, Activation.Identity })
            {
                T[] y = Random<T>(length, 15, -2, 2);
                Dense.Apply<T>(y, activation, slope);

                // The corners: y = t (L1's gradient is 0 there), and for Huber |e| = δ on both sides (the linear piece's).
                t[0] = y[0];
                if (length > 2)
                {
                    t[1] = y[1] - huberDelta;
                    t[2] = y[2] + huberDelta;
                }

                foreach (T scale in new[] { T.One, T.CreateTruncating(1.0 / 3) })
                {
                    var delta = new T[length];
                    T loss = Dense.OutputDelta<T>(y, t, delta, scale, activation, slope, kind, huberDelta);
                    T expectedLoss = T.Zero;
                    var expected = new T[length];
                    for (int k = 0; k < length; k++)
                    {
                        T e = y[k] - t[k];
                        T a = T.Abs(e);
                        T half = T.CreateTruncating(0.5);
                        (T term, T gradient) = kind switch
                        {
                            Loss.MeanSquaredError => (e * e, T.CreateTruncating(2) * e),
                            Loss.L1 => (a, e > T.Zero ? T.One : e < T.Zero ? -T.One : T.Zero),
                            _ => (a < huberDelta ? half * (e * e) : huberDelta * (a - (half * huberDelta)), T.Clamp(e, -huberDelta, huberDelta)),
                        };
                        expectedLoss += term;
                        T se = scale * gradient;
                        expected[k] = activation switch
                        {
                            Activation.Sigmoid => se * (y[k] * (T.One - y[k])),
                            Activation.Tanh => se * MulAdd(-y[k], y[k], T.One),
                            Activation.ReLU => y[k] > T.Zero ? se : T.Zero,
                            Activation.LeakyReLU => y[k] > T.Zero ? se : se * slope,
                            _ => se,
                        };
                    }

                    Assert.Equal(scale * expectedLoss, loss);
                    AssertIdentical<T>(expected, delta, $"{kind} δ, {activation} length {length} scale {scale}");
                }
            }

            if (kind == Loss.L1)
            {
                var d = new T[1];
                Assert.Equal(T.Zero, Dense.OutputDelta<T>(new[] { T.One }, new[] { T.One }, d, T.One, Activation.Identity, slope, kind, huberDelta));
                Assert.Equal(T.Zero, d[0]);
            }
        }
    }

    [Fact]
    public void The_square_loss_through_the_element_wise_overload_is_the_square_loss_s_kernel()
    {
        double[] y = Random<double>(37, 3, -2, 2), t = Random<double>(37, 4);
        double[] d0 = new double[37], d1 = new double[37];
        Assert.Equal(
            Dense.OutputDelta<double>(y, t, d0, 0.25, Activation.Tanh, 0.01),
            Dense.OutputDelta<double>(y, t, d1, 0.25, Activation.Tanh, 0.01, Loss.Square, 1.0));
        Assert.Equal(d0, d1);
    }

    [Fact]
    public void Loss_kernels_reject_spans_that_do_not_fit()
    {
        Assert.Throws<ArgumentException>(() => Dense.SoftmaxCrossEntropy<double>(new double[6], new double[6], new double[5], new double[6], 2, 1.0));
        Assert.Throws<ArgumentException>(() => Dense.SoftmaxCrossEntropy<double>(new double[6], new double[6], new double[6], new double[6], 4, 1.0));
        Assert.Throws<ArgumentException>(() => Dense.BinaryCrossEntropy<double>(new double[3], new double[2], new double[3], 1.0));
        Assert.Throws<ArgumentException>(() => Dense.Softmax<double>(new double[5], 2));
        Assert.Throws<ArgumentException>(() => Dense.OutputDelta<double>(new double[3], new double[3], new double[3], 1.0, Activation.Softmax, 0.0));
        Assert.Throws<ArgumentException>(() => Dense.OutputDelta<double>(new double[3], new double[2], new double[3], 1.0, Activation.Identity, 0.0, Loss.L1, 1.0));
        Assert.Throws<ArgumentException>(() => Dense.OutputDelta<double>(new double[3], new double[3], new double[3], 1.0, Activation.Softmax, 0.0, Loss.MeanSquaredError, 1.0));
        Assert.Throws<ArgumentException>(() => Dense.OutputDelta<double>(new double[3], new double[3], new double[3], 1.0, Activation.Identity, 0.0, Loss.Huber, 0.0));
        Assert.Throws<ArgumentException>(() => Dense.OutputDelta<double>(new double[3], new double[3], new double[3], 1.0, Activation.Identity, 0.0, Loss.Huber, double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => Dense.OutputDelta<double>(new double[3], new double[3], new double[3], 1.0, Activation.Identity, 0.0, Loss.CrossEntropy, 1.0));
    }

    private static T[] Targets<T>(int samples, int n, bool oneHot)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var t = new T[samples * n];
        var random = new Random((samples * 31) + n);
        for (int s = 0; s < samples; s++)
        {
            if (oneHot)
            {
                t[(s * n) + random.Next(n)] = T.One;
                continue;
            }

            double[] w = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            for (int j = 0; j < n; j++)
            {
                t[(s * n) + j] = T.CreateTruncating(w[j] / w.Sum());
            }
        }

        return t;
    }

    private static void Close(double expected, double actual, double tolerance, string what)
    {
        double bound = tolerance * Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= bound, $"{what}: {actual:R}, the definition gives {expected:R} (difference {Math.Abs(expected - actual):E2}, allowed {bound:E2})");
    }
}
