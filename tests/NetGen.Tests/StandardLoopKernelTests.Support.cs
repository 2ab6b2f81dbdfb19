using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests;

/// <summary>The argument checks' comparison, the shapes and values the tests draw, and the bit-for-bit assertions.</summary>
public partial class StandardLoopKernelTests
{
    /// <summary>Calls that every check refuses, each made of the vector kernels and of the scalar ones.</summary>
    private static void Checks<T, TOps>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        T[] six = new T[6], three = new T[3], two = new T[2], none = Array.Empty<T>();
        T zero = T.Zero, one = T.One, negative = T.CreateTruncating(-0.1), nan = T.NaN, infinity = T.PositiveInfinity;
        var unknown = (Activation)42;
        var cases = new List<(string What, Action Vector, Action Scalar)>
        {
            ("Forward, no samples", () => Dense.Forward<T>(six, two, three, six, 0), () => ScalarDense<T, TOps>.Forward(six, two, three, six, 0)),
            ("Forward, W too short", () => Dense.Forward<T>(three, two, three, six, 1), () => ScalarDense<T, TOps>.Forward(three, two, three, six, 1)),
            ("Forward, unknown activation", () => Dense.Forward<T>(six, two, three, two, 1, unknown, zero), () => ScalarDense<T, TOps>.Forward(six, two, three, two, 1, unknown, zero)),
            ("Forward, a too long", () => Dense.Forward<T>(six, two, three, three, 1, Activation.Tanh, zero), () => ScalarDense<T, TOps>.Forward(six, two, three, three, 1, Activation.Tanh, zero)),
            ("Forward keeping z, z too long", () => Dense.Forward<T>(six, two, three, three, two, 1, Activation.GELU, zero), () => ScalarDense<T, TOps>.Forward(six, two, three, three, two, 1, Activation.GELU, zero)),
            ("Forward keeping z, unknown activation", () => Dense.Forward<T>(six, two, three, two, two, 1, unknown, zero), () => ScalarDense<T, TOps>.Forward(six, two, three, two, two, 1, unknown, zero)),
            ("Apply, lengths differ", () => Dense.Apply<T>(three, two, Activation.ReLU, zero), () => ScalarDense<T, TOps>.Apply(three, two, Activation.ReLU, zero)),
            ("Apply, unknown activation", () => Dense.Apply<T>(three, unknown, zero), () => ScalarDense<T, TOps>.Apply(three, unknown, zero)),
            ("Softmax, no samples", () => Dense.Softmax<T>(six, 0), () => ScalarDense<T, TOps>.Softmax(six, 0)),
            ("Softmax, rows do not divide", () => Dense.Softmax<T>(six, 4), () => ScalarDense<T, TOps>.Softmax(six, 4)),
            ("Softmax, empty", () => Dense.Softmax<T>(none, 1), () => ScalarDense<T, TOps>.Softmax(none, 1)),
            ("MultiplyByDerivative, lengths differ", () => Dense.MultiplyByDerivative<T>(three, two, Activation.Tanh, zero), () => ScalarDense<T, TOps>.MultiplyByDerivative(three, two, Activation.Tanh, zero)),
            ("MultiplyByDerivative, softmax", () => Dense.MultiplyByDerivative<T>(three, three, Activation.Softmax, zero), () => ScalarDense<T, TOps>.MultiplyByDerivative(three, three, Activation.Softmax, zero)),
            ("MultiplyByDerivative, negative slope", () => Dense.MultiplyByDerivative<T>(three, three, Activation.LeakyReLU, negative), () => ScalarDense<T, TOps>.MultiplyByDerivative(three, three, Activation.LeakyReLU, negative)),
            ("MultiplyByDerivative, NaN slope", () => Dense.MultiplyByDerivative<T>(three, three, Activation.LeakyReLU, nan), () => ScalarDense<T, TOps>.MultiplyByDerivative(three, three, Activation.LeakyReLU, nan)),
            ("MultiplyByDerivative, unknown activation", () => Dense.MultiplyByDerivative<T>(three, three, unknown, zero), () => ScalarDense<T, TOps>.MultiplyByDerivative(three, three, unknown, zero)),
            ("AccumulateGradients, no samples", () => Dense.AccumulateGradients<T>(six, two, three, two, 0), () => ScalarDense<T, TOps>.AccumulateGradients(six, two, three, two, 0)),
            ("AccumulateGradients, δ too long", () => Dense.AccumulateGradients<T>(six, two, three, three, 1), () => ScalarDense<T, TOps>.AccumulateGradients(six, two, three, three, 1)),
            ("Transpose, no inputs", () => Dense.Transpose<T>(six, six, 0), () => ScalarDense<T, TOps>.Transpose(six, six, 0)),
            ("Transpose, inputs do not divide", () => Dense.Transpose<T>(six, six, 4), () => ScalarDense<T, TOps>.Transpose(six, six, 4)),
            ("Transpose, lengths differ", () => Dense.Transpose<T>(six, three, 3), () => ScalarDense<T, TOps>.Transpose(six, three, 3)),
            ("BackpropagateDelta, no samples", () => Dense.BackpropagateDelta<T>(six, two, three, three, 0), () => ScalarDense<T, TOps>.BackpropagateDelta(six, two, three, three, 0)),
            ("BackpropagateDelta, δ below too short", () => Dense.BackpropagateDelta<T>(six, two, three, two, 1), () => ScalarDense<T, TOps>.BackpropagateDelta(six, two, three, two, 1)),
            ("BackpropagateDelta, softmax", () => Dense.BackpropagateDelta<T>(six, two, three, three, 1, Activation.Softmax, zero), () => ScalarDense<T, TOps>.BackpropagateDelta(six, two, three, three, 1, Activation.Softmax, zero)),
            ("BackpropagateDelta, negative slope", () => Dense.BackpropagateDelta<T>(six, two, three, three, 1, Activation.LeakyReLU, negative), () => ScalarDense<T, TOps>.BackpropagateDelta(six, two, three, three, 1, Activation.LeakyReLU, negative)),
            ("BackpropagateDelta, W too short", () => Dense.BackpropagateDelta<T>(three, two, three, three, 1, Activation.ELU, one), () => ScalarDense<T, TOps>.BackpropagateDelta(three, two, three, three, 1, Activation.ELU, one)),
            ("BackpropagateDeltaTransposed, no samples", () => Dense.BackpropagateDeltaTransposed<T>(six, two, three, three, 0), () => ScalarDense<T, TOps>.BackpropagateDeltaTransposed(six, two, three, three, 0)),
            ("BackpropagateDeltaTransposed, W too short", () => Dense.BackpropagateDeltaTransposed<T>(three, two, three, three, 1), () => ScalarDense<T, TOps>.BackpropagateDeltaTransposed(three, two, three, three, 1)),
            ("BackpropagateDeltaTransposed, unknown activation", () => Dense.BackpropagateDeltaTransposed<T>(six, two, three, three, 1, unknown, zero), () => ScalarDense<T, TOps>.BackpropagateDeltaTransposed(six, two, three, three, 1, unknown, zero)),
            ("Descend, lengths differ", () => Dense.Descend<T>(six, three, one), () => ScalarDense<T, TOps>.Descend(six, three, one)),
            ("OutputDelta, lengths differ", () => Dense.OutputDelta<T>(three, two, three), () => ScalarDense<T, TOps>.OutputDelta(three, two, three)),
            ("OutputDelta, softmax output", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Softmax, zero), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Softmax, zero)),
            ("OutputDelta, unknown activation", () => Dense.OutputDelta<T>(three, three, three, one, unknown, zero), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, unknown, zero)),
            ("OutputDelta, negative slope", () => Dense.OutputDelta<T>(three, three, three, one, Activation.LeakyReLU, negative), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.LeakyReLU, negative)),
            ("OutputDelta, input too short", () => Dense.OutputDelta<T>(three, two, three, three, one, Activation.GELU, zero), () => ScalarDense<T, TOps>.OutputDelta(three, two, three, three, one, Activation.GELU, zero)),
            ("OutputDelta, cross-entropy", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Identity, zero, Loss.CrossEntropy, one), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Identity, zero, Loss.CrossEntropy, one)),
            ("OutputDelta, binary cross-entropy", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Identity, zero, Loss.BinaryCrossEntropy, one), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Identity, zero, Loss.BinaryCrossEntropy, one)),
            ("OutputDelta, unknown loss", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Identity, zero, (Loss)42, one), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Identity, zero, (Loss)42, one)),
            ("OutputDelta, Huber δ 0", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Identity, zero, Loss.Huber, zero), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Identity, zero, Loss.Huber, zero)),
            ("OutputDelta, Huber δ NaN", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Identity, zero, Loss.Huber, nan), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Identity, zero, Loss.Huber, nan)),
            ("OutputDelta, Huber δ ∞", () => Dense.OutputDelta<T>(three, three, three, three, one, Activation.ELU, one, Loss.Huber, infinity), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, three, one, Activation.ELU, one, Loss.Huber, infinity)),
            ("OutputDelta, softmax output of L1", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Softmax, zero, Loss.L1, one), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Softmax, zero, Loss.L1, one)),
            ("SoftmaxCrossEntropy, no samples", () => Dense.SoftmaxCrossEntropy<T>(six, six, none, six, 0, one), () => ScalarDense<T, TOps>.SoftmaxCrossEntropy(six, six, none, six, 0, one)),
            ("SoftmaxCrossEntropy, empty", () => Dense.SoftmaxCrossEntropy<T>(none, none, none, none, 1, one), () => ScalarDense<T, TOps>.SoftmaxCrossEntropy(none, none, none, none, 1, one)),
            ("SoftmaxCrossEntropy, targets too short", () => Dense.SoftmaxCrossEntropy<T>(six, three, none, six, 2, one), () => ScalarDense<T, TOps>.SoftmaxCrossEntropy(six, three, none, six, 2, one)),
            ("SoftmaxCrossEntropy, probabilities too short", () => Dense.SoftmaxCrossEntropy<T>(six, six, three, six, 2, one), () => ScalarDense<T, TOps>.SoftmaxCrossEntropy(six, six, three, six, 2, one)),
            ("BinaryCrossEntropy, lengths differ", () => Dense.BinaryCrossEntropy<T>(three, two, three, one), () => ScalarDense<T, TOps>.BinaryCrossEntropy(three, two, three, one)),
        };

        foreach ((string what, Action vector, Action scalar) in cases)
        {
            Exception? expected = Record.Exception(vector);
            Exception? actual = Record.Exception(scalar);
            Assert.True(expected is not null, $"{what} ({typeof(T).Name}): the vector kernel accepts it");
            Assert.True(actual is not null, $"{what} ({typeof(T).Name}): the scalar kernel accepts it, the vector kernel throws {expected!.GetType().Name}: {expected.Message}");
            Assert.True(expected!.GetType() == actual!.GetType(), $"{what} ({typeof(T).Name}): {actual.GetType().Name} ({actual.Message}), the vector kernel's is {expected.GetType().Name} ({expected.Message})");
            Assert.Equal(expected.Message, actual.Message);
            Assert.Equal((expected as ArgumentException)?.ParamName, (actual as ArgumentException)?.ParamName);
        }
    }

    /// <summary>Every layer shape: inputs and outputs from <see cref="Sizes"/>, samples from <see cref="SampleCounts"/>.</summary>
    private static IEnumerable<(int Nin, int Nout, int Samples)> Shapes() =>
        from nin in Sizes
        from nout in Sizes
        from samples in SampleCounts
        select (nin, nout, samples);

    /// <summary>The activation's parameter as the loop shape passes it: LeakyReLU's slope, ELU's α, 0 for the others.</summary>
    private static T Slope<T>(Activation? activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.CreateTruncating(activation switch
        {
            Activation.LeakyReLU => 0.07,
            Activation.ELU => 1.3,
            _ => 0.0,
        });

    /// <summary>
    /// Values for a kernel's operands: mostly spread over [−scale, scale], with +0 and −0, and every thirteenth of a large
    /// magnitude (up to ±150, so that sums overflow exp and saturate the activations); where they fall depends on the seed,
    /// so the operands of one call have them in different places.
    /// </summary>
    private static T[] Values<T>(int length, int seed, double scale = 2.0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random((seed * 7919) + length);
        var values = new T[length];
        for (int k = 0; k < length; k++)
        {
            double r = random.NextDouble() - 0.5;
            values[k] = T.CreateTruncating(((k + seed) % 11) switch
            {
                3 => 0.0,
                7 => -0.0,
                _ when (k + seed) % 13 == 5 => r * 300,
                _ => r * 2 * scale,
            });
        }

        return values;
    }

    private static readonly double[] Specials =
    {
        0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 0.84375, -0.84375, 0.84375 / 0.7071067811865476, 1.25, -1.25, 1.25 / 0.7071067811865476,
        1.0 / 0.35, -1.0 / 0.35, 6.0, -6.0, 6.0 / 0.7071067811865476, 8.5, -8.5, 1e-300, -1e-300, 5e-324, 1e-10, 20.0, -20.0, 88.5, -88.5,
        103.9, -103.9, 700.0, -700.0, 709.8, 710.0, -745.1, -746.0, -800.0, 1e300, -1e300, double.MaxValue, double.MinValue,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    };

    /// <summary>Specials (erf's and exp's boundaries among them), then values spread over [−800, 800] with more of them near 0.</summary>
    private static IEnumerable<double> Arguments(int seed, int count)
    {
        var random = new Random(seed);
        foreach (double x in Specials)
        {
            yield return x;
            yield return Math.BitIncrement(x);
            yield return Math.BitDecrement(x);
        }

        for (int k = 0; k < count; k++)
        {
            double scale = Math.Pow(10, (random.NextDouble() * 6) - 3);
            yield return (random.NextDouble() - 0.5) * 2 * Math.Min(800, scale);
        }
    }

    /// <summary>The same bits element by element (NaN counts as the same as any NaN), with where and what they are when not.</summary>
    private static void AssertBits<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            if (!Same(expected[k], actual[k]))
            {
                Assert.Fail($"{what}: element {k} of {expected.Length} is {actual[k]:R} in the scalar kernel, {expected[k]:R} in the vector kernel");
            }
        }
    }

    private static bool Same<T>(T x, T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (T.IsNaN(x) || T.IsNaN(y))
        {
            return T.IsNaN(x) && T.IsNaN(y);
        }

        return typeof(T) == typeof(double)
            ? BitConverter.DoubleToInt64Bits(double.CreateTruncating(x)) == BitConverter.DoubleToInt64Bits(double.CreateTruncating(y))
            : BitConverter.SingleToInt32Bits(float.CreateTruncating(x)) == BitConverter.SingleToInt32Bits(float.CreateTruncating(y));
    }

    private static void AssertSame(double expected, double actual, double x) =>
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)),
            $"at {x:R}: {expected:R} from the lanes, {actual:R} from the scalar form");

    private static void AssertSame(float expected, float actual, float x) =>
        Assert.True(
            BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual)),
            $"at {x:R}: {expected:R} from the lanes, {actual:R} from the scalar form");
}
