using System;
using NetGen.Reference;
using Xunit;

namespace NetGen.Tests;

public class NormalSamplerTests
{
    [Fact]
    public void Uniform_bits_are_SplitMix64()
    {
        // The published first outputs of SplitMix64 from state 0 (Vigna's splitmix64.c).
        var sampler = new NormalSampler(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, sampler.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, sampler.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, sampler.NextUInt64());
        Assert.Equal(0xF88BB8A8724C81ECUL, sampler.NextUInt64());
    }

    [Fact]
    public void Uniforms_are_the_top_53_bits()
    {
        var sampler = new NormalSampler(0);
        Assert.Equal((0xE220A8397B1DCDAFUL >> 11) / 9007199254740992.0, sampler.NextUniform());
    }

    [Fact]
    public void Log_agrees_with_the_platform_to_within_two_ulps()
    {
        var sampler = new NormalSampler(5);
        double[] specials = { 1.0, 0.5, 2.0, Math.E, 1e-300, 1e300, double.MaxValue, 0.9999999999, 1.0000000001, 1.4142135623730951, 0.7071067811865476 };
        foreach (double x in specials)
        {
            AssertUlps(x);
        }

        for (int k = 0; k < 100_000; k++)
        {
            AssertUlps(sampler.NextUniform() + 1e-300);
        }

        static void AssertUlps(double x)
        {
            double expected = Math.Log(x);
            double actual = NormalSampler.Log(x);
            double ulp = Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);
            Assert.True(Math.Abs(actual - expected) <= 2 * ulp, $"Log({x:R}) = {actual:R}, Math.Log = {expected:R}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.Epsilon)]
    public void Log_rejects_what_it_does_not_serve(double x)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalSampler.Log(x));
    }

    [Fact]
    public void Normals_have_mean_0_and_variance_1()
    {
        var sampler = new NormalSampler(2024);
        const int n = 400_000;
        double sum = 0, sumSquares = 0, sumFourth = 0;
        for (int k = 0; k < n; k++)
        {
            double z = sampler.NextStandardNormal();
            sum += z;
            sumSquares += z * z;
            sumFourth += z * z * z * z;
        }

        double mean = sum / n;
        double variance = sumSquares / n - mean * mean;
        // Standard errors: mean 1/√n ≈ 0.0016, variance √(2/n) ≈ 0.0022, fourth moment √(96/n) ≈ 0.015.
        Assert.InRange(mean, -0.008, 0.008);
        Assert.InRange(variance, 0.99, 1.01);
        Assert.InRange(sumFourth / n, 2.92, 3.08);
    }

    [Fact]
    public void Same_seed_same_sequence_other_seed_other_sequence()
    {
        var a = new NormalSampler(99);
        var b = new NormalSampler(99);
        var c = new NormalSampler(100);
        bool differs = false;
        for (int k = 0; k < 1000; k++)
        {
            double x = a.NextStandardNormal();
            Assert.Equal(x, b.NextStandardNormal());
            differs |= x != c.NextStandardNormal();
        }

        Assert.True(differs);
    }

    [Fact]
    public void Initialisation_draws_weights_in_flat_order_and_zero_biases()
    {
        int[] sizes = { 2, 3, 2 };
        var parameters = new double[17];
        Initialization.FillStandardNormal(sizes, 8, parameters);
        var sampler = new NormalSampler(8);
        int[] weightIndices = { 0, 1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 14 };
        foreach (int k in weightIndices)
        {
            Assert.Equal(sampler.NextStandardNormal(), parameters[k]);
        }

        Assert.Equal(new double[] { 0, 0, 0 }, parameters[6..9]);
        Assert.Equal(new double[] { 0, 0 }, parameters[15..17]);
        var reference = new ReferenceNetwork(sizes, seed: 8);
        var p = new double[17];
        reference.GetParameters(p);
        Assert.Equal(parameters, p);
    }

    [Fact]
    public void Initialisation_rejects_a_wrong_length()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Initialization.FillStandardNormal(new[] { 2, 3, 2 }, 0, new double[16]));
        Assert.Contains("17", e.Message, StringComparison.Ordinal);
        Assert.Contains("16", e.Message, StringComparison.Ordinal);
    }
}
