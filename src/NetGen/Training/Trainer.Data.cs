using System;
using System.Buffers;
#if !NETGEN_PORTABLE
using System.Numerics;
#endif
using NetGen.Reference;
using NetGen.Runtime;

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

    /// <summary>
    /// The batches of an epoch, in data order or through a permutation that <see cref="Shuffle"/> draws anew before each
    /// epoch. Rows are gathered into buffers of one batch (rented by <see cref="Rent"/>) when shuffled, and labels are
    /// written out as one-hot rows there; otherwise a batch is a slice of the data itself.
    /// </summary>
    private ref struct Batches<T>
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        private readonly Data<T> _data;
        private readonly int _inputSize;
        private readonly int _outputSize;
        private readonly int _batch;
        private readonly bool _shuffle;
        private int[]? _order;
        private T[]? _inputs;
        private T[]? _targets;

        public Batches(Data<T> data, int inputSize, int outputSize, int batch, bool shuffle)
        {
            _data = data;
            _inputSize = inputSize;
            _outputSize = outputSize;
            _batch = batch;
            _shuffle = shuffle;
        }

        private readonly int Count => _data.Inputs.Length / _inputSize;

        /// <summary>Rents the permutation (the identity to start with) and the batch buffers that this data needs.</summary>
        public void Rent()
        {
            if (_shuffle)
            {
                _order = ArrayPool<int>.Shared.Rent(Count);
                for (int s = 0; s < Count; s++)
                {
                    _order[s] = s;
                }

                _inputs = ArrayPool<T>.Shared.Rent(_batch * _inputSize);
            }

            if (_shuffle || _data.ByLabel)
            {
                _targets = ArrayPool<T>.Shared.Rent(_batch * _outputSize);
            }
        }

        /// <summary>Permutes the order of the samples (nothing in data order).</summary>
        public readonly void Shuffle(ref NormalSampler random)
        {
            if (_order is not null)
            {
                NetGen.Training.Shuffle.Permute(_order.AsSpan(0, Count), ref random);
            }
        }

        /// <summary>The batch of <paramref name="m"/> samples from position <paramref name="first"/> of the epoch's order.</summary>
        public readonly void Get(int first, int m, out ReadOnlySpan<T> inputs, out ReadOnlySpan<T> targets)
        {
            if (_order is not null)
            {
                ReadOnlySpan<int> rows = _order.AsSpan(first, m);
                Span<T> bx = _inputs.AsSpan(0, m * _inputSize);
                GatherRows(_data.Inputs, _inputSize, rows, bx);
                Span<T> bt = _targets.AsSpan(0, m * _outputSize);
                if (_data.ByLabel)
                {
                    ClassLabels.OneHot(_data.Labels, rows, bt, _outputSize);
                }
                else
                {
                    GatherRows(_data.Targets, _outputSize, rows, bt);
                }

                inputs = bx;
                targets = bt;
                return;
            }

            inputs = _data.Inputs.Slice(first * _inputSize, m * _inputSize);
            if (_data.ByLabel)
            {
                Span<T> bt = _targets.AsSpan(0, m * _outputSize);
                ClassLabels.OneHot(_data.Labels.Slice(first, m), bt, _outputSize);
                targets = bt;
            }
            else
            {
                targets = _data.Targets.Slice(first * _outputSize, m * _outputSize);
            }
        }

        /// <summary>Gives the rented arrays back.</summary>
        public void Return()
        {
            ReturnArray(_targets);
            ReturnArray(_inputs);
            ReturnArray(_order);
            (_targets, _inputs, _order) = (null, null, null);
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
