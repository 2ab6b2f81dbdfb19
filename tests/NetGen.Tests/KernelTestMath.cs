using System;
using System.Numerics;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests;

/// <summary>Helpers for the kernel tests: the build's multiply-add, random data, ulp distances, exact comparisons.</summary>
internal static class KernelTestMath
{
    /// <summary>Lengths that leave every vector width (16, 8, 4, 2 lanes) and the scalar tail something to do.</summary>
    public static readonly int[] Lengths = { 1, 3, 7, 17, 33, 100 };

    /// <summary><c>a · b + c</c>, fused where this build of NetGen fuses (so the expectations hold for either build).</summary>
    public static T MulAdd<T>(T a, T b, T c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Arithmetic.FusesMultiplyAdd ? T.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    public static T[] Random<T>(int length, int seed, double low = -1.0, double high = 1.0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random((seed * 7919) + length);
        var values = new T[length];
        for (int k = 0; k < length; k++)
        {
            values[k] = T.CreateTruncating(low + (random.NextDouble() * (high - low)));
        }

        return values;
    }

    /// <summary>Units in the last place between two values of the same type (0 for equal values, +0 and −0 included).</summary>
    public static long Ulps<T>(T x, T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (T.IsNaN(x) || T.IsNaN(y))
        {
            return T.IsNaN(x) && T.IsNaN(y) ? 0 : long.MaxValue;
        }

        return typeof(T) == typeof(double)
            ? Math.Abs(Ordered(double.CreateTruncating(x)) - Ordered(double.CreateTruncating(y)))
            : Math.Abs(Ordered(float.CreateTruncating(x)) - Ordered(float.CreateTruncating(y)));
    }

    public static void AssertIdentical<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            if (!expected[k].Equals(actual[k]))
            {
                Assert.Fail($"{what} {typeof(T).Name}: element {k} of {expected.Length} is {actual[k]:R}, the plain loop gives {expected[k]:R}");
            }
        }
    }

    public static void AssertWithinUlps<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, long ulps, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            long d = Ulps(expected[k], actual[k]);
            if (d > ulps)
            {
                Assert.Fail($"{what} {typeof(T).Name}: element {k} of {expected.Length} is {actual[k]:R}, expected {expected[k]:R} ({d} ulps apart, {ulps} allowed)");
            }
        }
    }

    private static long Ordered(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        return bits < 0 ? long.MinValue - bits : bits;
    }

    private static long Ordered(float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value);
        return bits < 0 ? int.MinValue - (long)bits : bits;
    }
}
