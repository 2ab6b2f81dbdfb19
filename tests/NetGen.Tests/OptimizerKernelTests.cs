using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using NetGen.Runtime;
using Xunit;
using static NetGen.Tests.KernelTestMath;

namespace NetGen.Tests;

/// <summary>
/// The optimizer kernels, bit for bit against plain loops in torch.optim's order of operations (fused where this
/// build fuses), and over several steps against the textbook formulas in double; and the non-finite check.
/// </summary>
public class OptimizerKernelTests
{
    private const int Steps = 4;

    public static IEnumerable<object[]> SgdSettings()
    {
        foreach (double momentum in new[] { 0.0, 0.9 })
        {
            foreach (bool nesterov in momentum == 0 ? new[] { false } : new[] { false, true })
            {
                foreach (double weightDecay in new[] { 0.0, 0.01 })
                {
                    yield return new object[] { momentum, nesterov, weightDecay };
                }
            }
        }
    }

    public static IEnumerable<object[]> AdamSettings()
    {
        foreach (double beta1 in new[] { 0.9, 0.3 })
        {
            foreach (double weightDecay in new[] { 0.0, 0.01 })
            {
                foreach (bool decoupled in new[] { false, true })
                {
                    yield return new object[] { beta1, weightDecay, decoupled };
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(SgdSettings))]
    public void Sgd_is_torchs_order_of_operations_bit_for_bit(double momentum, bool nesterov, double weightDecay)
    {
        foreach (int length in Lengths)
        {
            Sgd<double>(length, momentum, nesterov, weightDecay);
            Sgd<float>(length, momentum, nesterov, weightDecay);
        }

        static void Sgd<T>(int length, double momentum, bool nesterov, double weightDecay)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            const double rate = 0.05;
            T[] p = Random<T>(length, 1), expectedP = (T[])p.Clone();
            var buffer = new T[momentum == 0 ? 0 : length];
            var expectedBuffer = new T[length];
            T mu = T.CreateTruncating(momentum), wd = T.CreateTruncating(weightDecay), lr = T.CreateTruncating(-rate);
            for (int step = 0; step < Steps; step++)
            {
                T[] g = Random<T>(length, 2 + step);
                for (int k = 0; k < length; k++)
                {
                    T gk = g[k];
                    if (weightDecay != 0)
                    {
                        gk = MulAdd(wd, expectedP[k], gk);
                    }

                    if (momentum != 0)
                    {
                        expectedBuffer[k] = step == 0 ? gk : MulAdd(mu, expectedBuffer[k], gk);
                        gk = nesterov ? MulAdd(mu, expectedBuffer[k], gk) : expectedBuffer[k];
                    }

                    expectedP[k] = MulAdd(lr, gk, expectedP[k]);
                }

                Dense.Sgd<T>(p, g, buffer, rate, momentum, nesterov, weightDecay, firstStep: step == 0);
                string what = $"SGD μ {momentum} nesterov {nesterov} wd {weightDecay} length {length} step {step + 1}";
                AssertIdentical<T>(expectedP, p, "p, " + what);
                if (momentum != 0)
                {
                    AssertIdentical<T>(expectedBuffer, buffer, "buffer, " + what);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(AdamSettings))]
    public void Adam_is_torchs_order_of_operations_bit_for_bit(double beta1, double weightDecay, bool decoupled)
    {
        foreach (int length in Lengths)
        {
            Adam<double>(length, beta1, weightDecay, decoupled);
            Adam<float>(length, beta1, weightDecay, decoupled);
        }

        static void Adam<T>(int length, double beta1, double weightDecay, bool decoupled)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            const double rate = 0.01, beta2 = 0.999, epsilon = 1e-8;
            T[] p = Random<T>(length, 1), expectedP = (T[])p.Clone();
            T[] m = new T[length], v = new T[length], expectedM = new T[length], expectedV = new T[length];
            T w = T.CreateTruncating(1 - beta1);
            bool small = T.Abs(w) < T.CreateTruncating(0.5);
            for (int step = 1; step <= Steps; step++)
            {
                T[] g = Random<T>(length, 2 + step);
                T stepSize = T.CreateTruncating(-(rate / (1 - Math.Pow(beta1, step))));
                T correction2 = T.CreateTruncating(Math.Sqrt(1 - Math.Pow(beta2, step)));
                for (int k = 0; k < length; k++)
                {
                    T pk = expectedP[k], gk = g[k];
                    if (weightDecay != 0)
                    {
                        if (decoupled)
                        {
                            pk *= T.CreateTruncating(1 - (rate * weightDecay));
                        }
                        else
                        {
                            gk = MulAdd(T.CreateTruncating(weightDecay), pk, gk);
                        }
                    }

                    // ATen's vectorised lerp: m + w·(g − m) for |w| < 0.5, g + (w − 1)·(g − m) otherwise.
                    expectedM[k] = small ? MulAdd(w, gk - expectedM[k], expectedM[k]) : MulAdd(w - T.One, gk - expectedM[k], gk);
                    expectedV[k] = MulAdd(T.CreateTruncating(1 - beta2) * gk, gk, T.CreateTruncating(beta2) * expectedV[k]);
                    T denominator = (T.Sqrt(expectedV[k]) / correction2) + T.CreateTruncating(epsilon);
                    expectedP[k] = MulAdd(stepSize, expectedM[k] / denominator, pk);
                }

                Dense.Adam<T>(p, g, m, v, rate, beta1, beta2, epsilon, weightDecay, step, decoupled);
                string what = $"Adam β1 {beta1} wd {weightDecay} decoupled {decoupled} length {length} step {step}";
                AssertIdentical<T>(expectedM, m, "m, " + what);
                AssertIdentical<T>(expectedV, v, "v, " + what);
                AssertIdentical<T>(expectedP, p, "p, " + what);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SgdSettings))]
    public void Sgd_follows_the_textbook_over_several_steps(double momentum, bool nesterov, double weightDecay)
    {
        const int length = 33;
        const double rate = 0.05;
        double[] p = Parameters(length), expected = (double[])p.Clone();
        var buffer = new double[momentum == 0 ? 0 : length];
        var b = new double[length];
        for (int step = 0; step < 6; step++)
        {
            double[] g = Gradient(length, step);
            for (int k = 0; k < length; k++)
            {
                double d = g[k] + (weightDecay * expected[k]);
                if (momentum != 0)
                {
                    b[k] = step == 0 ? d : (momentum * b[k]) + d;
                    d = nesterov ? d + (momentum * b[k]) : b[k];
                }

                expected[k] -= rate * d;
            }

            Dense.Sgd<double>(p, g, buffer, rate, momentum, nesterov, weightDecay, step == 0);
        }

        Relative(expected, p, "p");
    }

    [Theory]
    [MemberData(nameof(AdamSettings))]
    public void Adam_follows_the_textbook_over_several_steps(double beta1, double weightDecay, bool decoupled)
    {
        const int length = 33;
        const double rate = 0.01, beta2 = 0.999, epsilon = 1e-8;
        double[] p = Parameters(length), expected = (double[])p.Clone();
        double[] m = new double[length], v = new double[length], em = new double[length], ev = new double[length];
        for (int t = 1; t <= 6; t++)
        {
            double[] g = Gradient(length, t);
            for (int k = 0; k < length; k++)
            {
                double gk = decoupled ? g[k] : g[k] + (weightDecay * expected[k]);
                em[k] = (beta1 * em[k]) + ((1 - beta1) * gk);
                ev[k] = (beta2 * ev[k]) + ((1 - beta2) * gk * gk);
                double mHat = em[k] / (1 - Math.Pow(beta1, t));
                double vHat = ev[k] / (1 - Math.Pow(beta2, t));
                double decay = decoupled ? rate * weightDecay * expected[k] : 0;
                expected[k] -= decay + (rate * mHat / (Math.Sqrt(vHat) + epsilon));
            }

            Dense.Adam<double>(p, g, m, v, rate, beta1, beta2, epsilon, weightDecay, t, decoupled);
        }

        Relative(em, m, "m");
        Relative(ev, v, "v");
        Relative(expected, p, "p");
    }

    [Fact]
    public void AllFinite_finds_a_NaN_or_an_infinity_at_every_position()
    {
        // 37 values take the one-by-one loop for short spans, 137 the vectorised kernel at every width.
        foreach (int length in new[] { 37, 137 })
        {
            Find<double>(length);
            Find<float>(length);
        }

        static void Find<T>(int length)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            T[] values = Random<T>(length, 3, -1e3, 1e3);
            T largest = typeof(T) == typeof(double) ? T.CreateTruncating(double.MaxValue) : T.CreateTruncating(float.MaxValue);
            values[1] = largest;
            values[2] = -largest;
            values[3] = T.Epsilon;
            values[4] = T.NegativeZero;
            Assert.True(Dense.AllFinite<T>(values));
            Assert.True(Dense.AllFinite<T>(ReadOnlySpan<T>.Empty));
            foreach (T bad in new[] { T.NaN, T.PositiveInfinity, T.NegativeInfinity })
            {
                for (int k = 0; k < values.Length; k++)
                {
                    var copy = (T[])values.Clone();
                    copy[k] = bad;
                    Assert.False(Dense.AllFinite<T>(copy), $"{bad} at {k} of {values.Length} ({typeof(T).Name}) was not found");
                    Assert.False(Dense.AllFinite<T>(copy.AsSpan(k)), $"{bad} first of {values.Length - k} ({typeof(T).Name}) was not found");
                }
            }
        }
    }

    [Fact]
    public void Optimizers_reject_spans_that_do_not_fit()
    {
        Assert.Throws<ArgumentException>(() => Dense.Sgd<double>(new double[3], new double[3], new double[2], 0.1, 0.9, false, 0, true));
        Assert.Throws<ArgumentException>(() => Dense.Sgd<double>(new double[3], new double[3], Span<double>.Empty, 0.1, 0, true, 0, true));
        Assert.Throws<ArgumentException>(() => Dense.Adam<double>(new double[3], new double[3], new double[3], new double[2], 0.1, 0.9, 0.999, 1e-8, 0, 1, false));
        Assert.Throws<ArgumentException>(() => Dense.Adam<double>(new double[3], new double[3], new double[3], new double[3], 0.1, 0.9, 0.999, 1e-8, 0, 0, false));
    }

    /// <summary>Parameters of magnitude 0.5 to 1, so a few small steps move none of them near 0.</summary>
    private static double[] Parameters(int length) =>
        Random<double>(length, 21, 0.5, 1).Select((x, k) => k % 2 == 0 ? x : -x).ToArray();

    /// <summary>Gradients that keep each element's sign from step to step, so no moment cancels to near 0.</summary>
    private static double[] Gradient(int length, int step) =>
        Random<double>(length, 22, 0.1, 1).Select((x, k) => (k % 3 == 0 ? -x : x) * (1 + (0.1 * step))).ToArray();

    private static void Relative(double[] expected, double[] actual, string what)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            double error = Math.Abs(expected[k] - actual[k]) / Math.Abs(expected[k]);
            Assert.True(error <= 1e-13, $"{what}[{k}] is {actual[k]:R}, the textbook gives {expected[k]:R} (relative error {error:E2})");
        }
    }
}
