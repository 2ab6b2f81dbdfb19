using System;
using System.ComponentModel;
using System.Globalization;
#if !NETGEN_PORTABLE
using System.Numerics;
#endif

namespace NetGen.Runtime;

/// <summary>
/// Class labels as target rows, in one place for generated networks, the reference network and <c>Fit</c>: label c of a
/// sample stands for the one-hot row with 1 at c and 0 elsewhere, which is what the loss sees. The checks throw before
/// anything changes, with the same words everywhere.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ClassLabels
{
    /// <summary>
    /// Checks that <paramref name="inputsLength"/> holds N ≥ 1 whole samples of <paramref name="inputSize"/>, that there is
    /// one label per sample and that every label is a class in [0, <paramref name="classes"/>); returns N.
    /// </summary>
    /// <exception cref="ArgumentException">One of those is not so; the message names the sample and the sizes.</exception>
    public static int Check(int inputsLength, int inputSize, ReadOnlySpan<int> labels, int classes, string inputsName = "inputs", string labelsName = "labels")
    {
        int samples = inputsLength / inputSize;
        if (samples < 1 || samples * inputSize != inputsLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{inputsName} must hold N * {inputSize} values (N ≥ 1 samples of InputSize {inputSize}); got {inputsLength}."), inputsName);
        }

        if (labels.Length != samples)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{labelsName} must hold one class label for each of the {samples} samples in {inputsName}; got {labels.Length}."), labelsName);
        }

        for (int s = 0; s < samples; s++)
        {
            if ((uint)labels[s] >= (uint)classes)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{labelsName}[{s}] (sample {s}) is {labels[s]}; a class label must be in [0, {classes - 1}] (OutputSize {classes})."), labelsName);
            }
        }

        return samples;
    }

    /// <summary>
    /// The one-hot target rows of <paramref name="labels"/> after <see cref="Check"/>, written into <paramref name="buffer"/>,
    /// which is replaced by a larger array only when it is too short (so repeated calls with batches of one size allocate
    /// nothing).
    /// </summary>
    public static ReadOnlySpan<T> OneHot<T>(int inputsLength, int inputSize, ReadOnlySpan<int> labels, int classes, ref T[] buffer)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        ArgumentNullException.ThrowIfNull(buffer);
        int samples = Check(inputsLength, inputSize, labels, classes);
        int length = samples * classes;
        if (buffer.Length < length)
        {
            buffer = new T[length];
        }

        Span<T> targets = buffer.AsSpan(0, length);
        OneHot(labels, targets, classes);
        return targets;
    }

    /// <summary>Writes the one-hot rows of <paramref name="labels"/> (each already checked) into <paramref name="destination"/>.</summary>
    public static void OneHot<T>(ReadOnlySpan<int> labels, Span<T> destination, int classes)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        destination.Clear();
        for (int s = 0; s < labels.Length; s++)
        {
            destination[(s * classes) + labels[s]] = OptimizerStateLayout.FromDouble<T>(1.0);
        }
    }

    /// <summary>Writes the one-hot rows of <c>labels[rows[i]]</c> (each already checked) into <paramref name="destination"/>.</summary>
    internal static void OneHot<T>(ReadOnlySpan<int> labels, ReadOnlySpan<int> rows, Span<T> destination, int classes)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        destination.Clear();
        for (int i = 0; i < rows.Length; i++)
        {
            destination[(i * classes) + labels[rows[i]]] = OptimizerStateLayout.FromDouble<T>(1.0);
        }
    }
}
