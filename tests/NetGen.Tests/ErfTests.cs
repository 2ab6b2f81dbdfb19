using System;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text.Json;
using NetGen.Runtime;
using Xunit;
using Xunit.Abstractions;
using static NetGen.Tests.KernelTestMath;

namespace NetGen.Tests;

/// <summary>
/// NetGen's own erf (.NET has none) against Python's <c>math.erf</c> over the sweep in <c>Fixtures/Torch/erf.json</c>
/// (written by <c>activations.py</c>): in double and in single precision, at the scalar width and at every vector
/// width; the special values; and no overflow for large |x|.
/// </summary>
public class ErfTests
{
    /// <summary>The bounds ErfFunction's summary states (measured: see the test output).</summary>
    private const long DoubleUlps = 1;

    private const long SingleUlps = 1;

    private readonly ITestOutputHelper _output;

    public ErfTests(ITestOutputHelper output) => _output = output;

    private static JsonElement Fixture()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Torch", "erf.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    private static double[] Doubles(JsonElement root, string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    [Fact]
    public void Double_erf_is_within_one_ulp_of_Python_at_every_width()
    {
        JsonElement root = Fixture();
        double[] x = Doubles(root, "x"), expected = Doubles(root, "erf");
        Assert.True(x.Length > 4000);
        long worst = 0;
        for (int k = 0; k < x.Length; k++)
        {
            worst = Math.Max(worst, Ulps(expected[k], ErfFunction.Scalar(x[k])));
        }

        long vectors = Widths(x, expected);
        _output.WriteLine($"double: at most {worst} ulps (scalar), {vectors} ulps (vectors)");
        Assert.True(worst <= DoubleUlps, $"erf is {worst} ulps from math.erf");
        Assert.True(vectors <= DoubleUlps, $"erf's vectors are {vectors} ulps from math.erf");
    }

    [Fact]
    public void Single_erf_is_within_one_ulp_of_Python_rounded_to_float_at_every_width()
    {
        JsonElement root = Fixture();
        float[] x = Doubles(root, "xSingle").Select(v => (float)v).ToArray();
        float[] expected = Doubles(root, "erfSingle").Select(v => (float)v).ToArray();
        long worst = 0;
        for (int k = 0; k < x.Length; k++)
        {
            worst = Math.Max(worst, Ulps(expected[k], ErfFunction.Scalar(x[k])));
        }

        long vectors = Widths(x, expected);
        _output.WriteLine($"single: at most {worst} ulps (scalar), {vectors} ulps (vectors)");
        Assert.True(worst <= SingleUlps, $"erf is {worst} ulps from math.erf");
        Assert.True(vectors <= SingleUlps, $"erf's vectors are {vectors} ulps from math.erf");
    }

    [Fact]
    public void Erf_is_odd_saturates_without_overflow_and_passes_NaN()
    {
        foreach (double x in new[] { 6.0, 27.0, 1e10, 1e300, double.MaxValue, double.PositiveInfinity })
        {
            Assert.Equal(1.0, ErfFunction.Scalar(x));
            Assert.Equal(-1.0, ErfFunction.Scalar(-x));
            Assert.Equal(1f, ErfFunction.Scalar((float)Math.Min(x, float.MaxValue)));
            Vector256<double> v = ErfFunction.Apply<Vector256<double>, Lanes256<double>, double>(Vector256.Create(x, -x, 0.5, double.NaN));
            Assert.Equal(1.0, v[0]);
            Assert.Equal(-1.0, v[1]);
            Assert.Equal(ErfFunction.Scalar(0.5), v[2]);
            Assert.True(double.IsNaN(v[3]));
        }

        Assert.True(double.IsNaN(ErfFunction.Scalar(double.NaN)));
        Assert.True(float.IsNaN(ErfFunction.Scalar(float.NaN)));
        Assert.Equal(0.0, ErfFunction.Scalar(0.0));
        for (double x = 0.01; x < 7; x += 0.37)
        {
            Assert.Equal(-ErfFunction.Scalar(x), ErfFunction.Scalar(-x));
        }
    }

    /// <summary>The worst ulps of every vector width (512, 256, 128 bits, where the hardware has them) against <paramref name="expected"/>.</summary>
    private static long Widths<T>(T[] x, T[] expected)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        long worst = 0;
        for (int k = 0; k < x.Length; k++)
        {
            T[] lane = Enumerable.Repeat(x[k], Vector512<T>.Count).ToArray();
            if (Vector512.IsHardwareAccelerated)
            {
                worst = Math.Max(worst, Ulps(expected[k], ErfFunction.Apply<Vector512<T>, Lanes512<T>, T>(Vector512.Create(lane))[0]));
            }

            if (Vector256.IsHardwareAccelerated)
            {
                worst = Math.Max(worst, Ulps(expected[k], ErfFunction.Apply<Vector256<T>, Lanes256<T>, T>(Vector256.Create(lane.AsSpan(0, Vector256<T>.Count)))[0]));
            }

            if (Vector128.IsHardwareAccelerated)
            {
                worst = Math.Max(worst, Ulps(expected[k], ErfFunction.Apply<Vector128<T>, Lanes128<T>, T>(Vector128.Create(lane.AsSpan(0, Vector128<T>.Count)))[0]));
            }

            worst = Math.Max(worst, Ulps(expected[k], ErfFunction.Apply<T, Scalar<T>, T>(x[k])));
        }

        return worst;
    }
}
