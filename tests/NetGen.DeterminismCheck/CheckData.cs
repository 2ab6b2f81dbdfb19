using System;
using System.Numerics;

namespace NetGen.DeterminismCheck;

/// <summary>
/// A network's fixed data set: inputs drawn from a seeded <see cref="NormalSampler"/> (integer arithmetic, NetGen's
/// own logarithm and a correctly rounded square root, so the same values on every machine) and targets its loss can
/// take: class labels with their one-hot rows for cross-entropy, 0 and 1 for binary cross-entropy, values inside the
/// output activation's range for the others.
/// </summary>
/// <typeparam name="T">The network's number type.</typeparam>
internal sealed class CheckData<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private CheckData(int count, T[] inputs, T[] targets, int[]? labels)
    {
        Count = count;
        Inputs = inputs;
        Targets = targets;
        Labels = labels;
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>Count × InputSize values, sample-major.</summary>
    public T[] Inputs { get; }

    /// <summary>Count × OutputSize values, sample-major (one-hot rows for cross-entropy).</summary>
    public T[] Targets { get; }

    /// <summary>Each sample's class, for cross-entropy networks; null for the others.</summary>
    public int[]? Labels { get; }

    /// <summary>Makes <paramref name="count"/> samples for the network <paramref name="description"/> describes.</summary>
    public static CheckData<T> For(NetworkDescription description, int count, int seed)
    {
        int inputSize = description.LayerSizes[0];
        int outputSize = description.LayerSizes[^1];
        var random = new NormalSampler(seed);
        var inputs = new T[count * inputSize];
        for (int k = 0; k < inputs.Length; k++)
        {
            inputs[k] = T.CreateTruncating(random.NextStandardNormal());
        }

        var targets = new T[count * outputSize];
        int[]? labels = null;
        Activation output = description.Activations[^1];
        switch (description.Loss)
        {
            case Loss.CrossEntropy:
                labels = new int[count];
                for (int s = 0; s < count; s++)
                {
                    labels[s] = (int)(random.NextUInt64() % (ulong)outputSize);
                    targets[(s * outputSize) + labels[s]] = T.One;
                }

                break;
            case Loss.BinaryCrossEntropy:
                for (int k = 0; k < targets.Length; k++)
                {
                    targets[k] = (random.NextUInt64() & 1) == 0 ? T.Zero : T.One;
                }

                break;
            default:
                (double low, double high) = output switch
                {
                    Activation.Sigmoid => (0.05, 0.95),
                    Activation.Tanh => (-0.9, 0.9),
                    Activation.ReLU => (0.0, 1.5),
                    _ => (-1.0, 1.0),
                };
                for (int k = 0; k < targets.Length; k++)
                {
                    targets[k] = T.CreateTruncating(low + ((high - low) * random.NextUniform()));
                }

                break;
        }

        return new CheckData<T>(count, inputs, targets, labels);
    }

    /// <summary>The inputs of samples [first, first + n).</summary>
    public ReadOnlySpan<T> InputRows(int first, int n, int inputSize) => Inputs.AsSpan(first * inputSize, n * inputSize);

    /// <summary>The targets of samples [first, first + n).</summary>
    public ReadOnlySpan<T> TargetRows(int first, int n, int outputSize) => Targets.AsSpan(first * outputSize, n * outputSize);

    /// <summary>Every value as a double (exact for both number types).</summary>
    public static double[] ToDouble(ReadOnlySpan<T> values)
    {
        var result = new double[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            result[k] = double.CreateTruncating(values[k]);
        }

        return result;
    }
}
