using System;
using System.Numerics;
using NetGen.Reference;

namespace NetGen.Training;

// Trainer's view of a data set: inputs with target rows or labels, and how batches are gathered from it.
public static partial class Trainer
{
    /// <summary>
    /// Whether the network's loss sums over its batch, as <see cref="INetwork{T}.ComputeGradients"/> defines it, rather
    /// than averaging: a network that describes itself (<see cref="IPersistentNetwork{T}"/>: generated networks and
    /// <see cref="ReferenceNetwork"/>) averages when its <see cref="NetworkDescription.Reduction"/> is
    /// <see cref="Reduction.Mean"/>; any other network is taken to sum.
    /// </summary>
    private static bool SumsOverBatch<T>(INetwork<T> network)
        where T : unmanaged =>
        network is not IPersistentNetwork<T> { Description.Reduction: Reduction.Mean };

    private static void GatherRows<T>(ReadOnlySpan<T> source, int rowLength, ReadOnlySpan<int> rows, Span<T> destination)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            source.Slice(rows[i] * rowLength, rowLength).CopyTo(destination.Slice(i * rowLength, rowLength));
        }
    }

    /// <summary>One-hot rows for <c>labels[rows[i]]</c>.</summary>
    private static void OneHot<T>(ReadOnlySpan<int> labels, ReadOnlySpan<int> rows, Span<T> destination, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        destination.Clear();
        for (int i = 0; i < rows.Length; i++)
        {
            destination[i * classes + labels[rows[i]]] = T.One;
        }
    }

    /// <summary>One-hot rows for <c>labels[i]</c>.</summary>
    private static void OneHot<T>(ReadOnlySpan<int> labels, Span<T> destination, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        destination.Clear();
        for (int i = 0; i < labels.Length; i++)
        {
            destination[i * classes + labels[i]] = T.One;
        }
    }

    /// <summary>A data set: inputs with either target rows or labels.</summary>
    private readonly ref struct Data<T>
    {
        public Data(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, bool byLabel)
        {
            Inputs = inputs;
            Targets = targets;
            Labels = labels;
            ByLabel = byLabel;
        }

        public ReadOnlySpan<T> Inputs { get; }

        public ReadOnlySpan<T> Targets { get; }

        public ReadOnlySpan<int> Labels { get; }

        public bool ByLabel { get; }

        /// <summary>The first <paramref name="count"/> samples.</summary>
        public Data<T> Take(int count, int inputSize, int outputSize) =>
            ByLabel
                ? new Data<T>(Inputs[..(count * inputSize)], default, Labels[..count], byLabel: true)
                : new Data<T>(Inputs[..(count * inputSize)], Targets[..(count * outputSize)], default, byLabel: false);

        /// <summary>The samples after the first <paramref name="count"/>.</summary>
        public Data<T> Skip(int count, int inputSize, int outputSize) =>
            ByLabel
                ? new Data<T>(Inputs[(count * inputSize)..], default, Labels[count..], byLabel: true)
                : new Data<T>(Inputs[(count * inputSize)..], Targets[(count * outputSize)..], default, byLabel: false);
    }
}
