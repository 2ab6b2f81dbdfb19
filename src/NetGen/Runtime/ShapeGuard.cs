using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
#if !NETGEN_PORTABLE
using System.Numerics;
#endif
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// The argument checks every <see cref="INetwork"/> makes before it changes anything, shared by generated code
/// and the reference network so their messages agree. Each message names the expected and the actual size.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ShapeGuard
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ExactLength(int actual, int expected, string parameterName, string sizeName)
    {
        if (actual != expected)
        {
            ThrowExactLength(actual, expected, parameterName, sizeName);
        }
    }

    /// <summary>
    /// Checks a sample-major batch pair and returns its sample count N: <paramref name="inputsLength"/> must be
    /// N * <paramref name="inputSize"/> with N ≥ 1 and <paramref name="secondLength"/> must be N * <paramref name="secondSize"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BatchSize(int inputsLength, int inputSize, int secondLength, int secondSize, string secondName)
    {
        int n = inputsLength / inputSize;
        if (n < 1 || n * inputSize != inputsLength)
        {
            ThrowInputs(inputsLength, inputSize);
        }

        if (secondLength != (long)n * secondSize)
        {
            ThrowSecond(secondLength, n, secondSize, secondName);
        }

        return n;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="iterations"/> is at least 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Iterations(int iterations)
    {
        if (iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "Train needs at least 1 iteration.");
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> unless a shard of <paramref name="samples"/> samples from
    /// <paramref name="firstSample"/> on lies within a step of <paramref name="batchSamples"/> samples.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Shard(int firstSample, int samples, int batchSamples)
    {
        if (firstSample < 0 || (long)firstSample + samples > batchSamples)
        {
            ThrowShard(firstSample, samples, batchSamples);
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless a step's sample count is at least 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StepSamples(int batchSamples)
    {
        if (batchSamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSamples), batchSamples, "A training step has at least 1 sample.");
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless the learning rate is finite and greater than 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LearningRate(double value)
    {
        if (!(value > 0.0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException("value", value, "The learning rate must be finite and greater than 0.");
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless every value is finite (no NaN, no ±∞), naming the first bad value by
    /// its sample (row) and feature (column): one vectorised pass, and a second, scalar one only to find the position.
    /// </summary>
    /// <param name="values">Sample-major rows of <paramref name="rowLength"/> values.</param>
    /// <param name="rowLength">The values per sample, at least 1.</param>
    /// <param name="parameterName">The argument's name, used in the message and as <see cref="ArgumentException.ParamName"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AllFinite<T>(ReadOnlySpan<T> values, int rowLength, string parameterName)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        if (!Dense.AllFinite(values))
        {
            ThrowNotFinite(values, rowLength, parameterName);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotFinite<T>(ReadOnlySpan<T> values, int rowLength, string parameterName)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        int k = 0;
        while (k < values.Length - 1 && OptimizerStateLayout.IsFinite(values[k]))
        {
            k++;
        }

        int row = Math.Max(1, rowLength);
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"{parameterName} must hold finite values only; sample {k / row}, feature {k % row} (element {k}) is {values[k]}."),
            parameterName);
    }

    /// <summary>
    /// The exception a training step throws, before it changes anything, when its <paramref name="loss"/> or its gradient is
    /// not finite; <paramref name="step"/> counts the network's steps from 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception StepDiverged<T>(int step, T loss)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        new NetGen.Training.TrainingDivergedException(step, OptimizerStateLayout.ToDouble(loss));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowExactLength(int actual, int expected, string parameterName, string sizeName) =>
        throw new ArgumentException(
            $"{parameterName} must hold exactly {Values(expected)} ({sizeName}); got {actual}.", parameterName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShard(int firstSample, int samples, int batchSamples) =>
        throw new ArgumentOutOfRangeException(
            nameof(firstSample),
            firstSample,
            $"A shard of {samples} samples from sample {firstSample} on must lie within the step's {batchSamples} samples (0 ≤ firstSample, firstSample + {samples} ≤ {batchSamples}).");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInputs(int inputsLength, int inputSize) =>
        throw new ArgumentException(
            $"inputs must hold N * {inputSize} values (N ≥ 1 samples of InputSize {inputSize}); got {inputsLength}.", "inputs");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSecond(int actual, int samples, int size, string name) =>
        throw new ArgumentException(
            $"{name} must hold {samples} * {size} = {Values((long)samples * size)} (one row of OutputSize {size} for "
            + (samples == 1 ? "the one sample" : $"each of the {samples} samples") + $" in inputs); got {actual}.", name);

    /// <summary><c>1 value</c>, <c>2 values</c>: a count with its noun in agreement.</summary>
    private static string Values(long count) => count == 1 ? "1 value" : $"{count} values";
}
