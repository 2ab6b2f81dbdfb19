using System;
using System.Collections.Generic;
using System.Numerics;
using NetGen.Reference;
using NetGen.Runtime;
using Xunit;
using static NetGen.Tests.KernelTestMath;

namespace NetGen.Tests;

/// <summary>
/// The RMSprop and Adagrad kernels at every vector width and the scalar tail: bit for bit against plain loops in
/// torch.optim's order of operations (fused where the kernels fuse), and over several steps against the reference
/// optimizers (which round every operation as written) in double.
/// </summary>
public class RMSpropAdagradKernelTests
{
    private const int Steps = 4;

    public static IEnumerable<object[]> RMSpropSettings()
    {
        foreach (double momentum in new[] { 0.0, 0.9 })
        {
            foreach (double weightDecay in new[] { 0.0, 0.01 })
            {
                foreach (double alpha in new[] { 0.99, 0.5 })
                {
                    yield return new object[] { momentum, weightDecay, alpha };
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(RMSpropSettings))]
    public void RMSprop_is_torchs_order_of_operations_bit_for_bit(double momentum, double weightDecay, double alpha)
    {
        foreach (int length in Lengths)
        {
            Run<double>(length, momentum, weightDecay, alpha);
            Run<float>(length, momentum, weightDecay, alpha);
        }

        static void Run<T>(int length, double momentum, double weightDecay, double alpha)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            const double rate = 0.01, epsilon = 1e-8;
            T[] p = Random<T>(length, 1), expectedP = (T[])p.Clone();
            T[] s = new T[length], expectedS = new T[length];
            T[] b = new T[momentum == 0 ? 0 : length], expectedB = new T[length];
            T a = T.CreateTruncating(alpha), oneMinusA = T.CreateTruncating(1 - alpha), eps = T.CreateTruncating(epsilon);
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

                    expectedS[k] = MulAdd(oneMinusA * gk, gk, a * expectedS[k]);
                    T avg = T.Sqrt(expectedS[k]) + eps;
                    if (momentum != 0)
                    {
                        expectedB[k] = (mu * expectedB[k]) + (gk / avg);
                        expectedP[k] = MulAdd(lr, expectedB[k], expectedP[k]);
                    }
                    else
                    {
                        expectedP[k] = MulAdd(lr, gk / avg, expectedP[k]);
                    }
                }

                Dense.RMSprop<T>(p, g, s, b, rate, alpha, epsilon, weightDecay, momentum);
                string what = $"RMSprop μ {momentum} wd {weightDecay} α {alpha} length {length} step {step + 1}";
                AssertIdentical<T>(expectedS, s, "s, " + what);
                if (momentum != 0)
                {
                    AssertIdentical<T>(expectedB, b, "b, " + what);
                }

                AssertIdentical<T>(expectedP, p, "p, " + what);
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void Adagrad_is_torchs_order_of_operations_bit_for_bit(double weightDecay)
    {
        foreach (int length in Lengths)
        {
            Run<double>(length, weightDecay);
            Run<float>(length, weightDecay);
        }

        static void Run<T>(int length, double weightDecay)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            const double rate = 0.01, epsilon = 1e-10;
            T[] p = Random<T>(length, 1), expectedP = (T[])p.Clone();
            T[] s = new T[length], expectedS = new T[length];
            T wd = T.CreateTruncating(weightDecay), lr = T.CreateTruncating(-rate), eps = T.CreateTruncating(epsilon);
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

                    expectedS[k] = MulAdd(gk, gk, expectedS[k]);
                    expectedP[k] = MulAdd(lr, gk / (T.Sqrt(expectedS[k]) + eps), expectedP[k]);
                }

                Dense.Adagrad<T>(p, g, s, rate, epsilon, weightDecay);
                string what = $"Adagrad wd {weightDecay} length {length} step {step + 1}";
                AssertIdentical<T>(expectedS, s, "s, " + what);
                AssertIdentical<T>(expectedP, p, "p, " + what);
            }
        }
    }

    [Theory]
    [MemberData(nameof(RMSpropSettings))]
    public void RMSprop_kernel_follows_the_reference_optimizer_over_several_steps(double momentum, double weightDecay, double alpha)
    {
        foreach (int length in Lengths)
        {
            double[] p = Random<double>(length, 1), q = (double[])p.Clone();
            var s = new double[length];
            var b = new double[momentum == 0 ? 0 : length];
            var reference = new RMSprop(length, 0.01, alpha, 1e-8, weightDecay, momentum);
            for (int step = 0; step < Steps; step++)
            {
                double[] g = Random<double>(length, 2 + step);
                Dense.RMSprop<double>(p, g, s, b, 0.01, alpha, 1e-8, weightDecay, momentum);
                reference.Step(q, g);
            }

            for (int k = 0; k < length; k++)
            {
                Assert.Equal(q[k], p[k], 1e-12);
                Assert.Equal(reference.SquareAverage[k], s[k], 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void Adagrad_kernel_follows_the_reference_optimizer_over_several_steps(double weightDecay)
    {
        foreach (int length in Lengths)
        {
            double[] p = Random<double>(length, 1), q = (double[])p.Clone();
            var s = new double[length];
            var reference = new Adagrad(length, 0.01, 1e-10, weightDecay);
            for (int step = 0; step < Steps; step++)
            {
                double[] g = Random<double>(length, 2 + step);
                Dense.Adagrad<double>(p, g, s, 0.01, 1e-10, weightDecay);
                reference.Step(q, g);
            }

            for (int k = 0; k < length; k++)
            {
                Assert.Equal(q[k], p[k], 1e-12);
                Assert.Equal(reference.Sum[k], s[k], 1e-12);
            }
        }
    }

    [Fact]
    public void The_kernels_reject_spans_that_do_not_fit()
    {
        var p = new double[4];
        Assert.ThrowsAny<ArgumentException>(() => Dense.RMSprop<double>(p, new double[3], new double[4], Span<double>.Empty, 0.01, 0.99, 1e-8, 0, 0));
        Assert.ThrowsAny<ArgumentException>(() => Dense.RMSprop<double>(p, new double[4], new double[4], Span<double>.Empty, 0.01, 0.99, 1e-8, 0, 0.9));
        Assert.ThrowsAny<ArgumentException>(() => Dense.Adagrad<double>(p, new double[4], new double[3], 0.01, 1e-10, 0));
    }
}
