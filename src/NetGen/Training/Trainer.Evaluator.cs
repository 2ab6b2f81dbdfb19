using System;
using System.Buffers;
#if !NETGEN_PORTABLE
using System.Numerics;
#endif
using NetGen.Runtime;

namespace NetGen.Training;

// Trainer's evaluation of a network on a data set, in chunks.
public static partial class Trainer
{
    /// <summary>The samples evaluated per call of the network when measuring a loss or accuracy.</summary>
    private const int EvaluationChunk = 256;

    /// <summary>Measures loss and accuracy in chunks, with buffers allocated once.</summary>
    private sealed class Evaluator<T>
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        private readonly T[] _gradient;
        private readonly T[]? _targets;
        private readonly T[]? _outputs;
        private readonly bool _sums;
        private readonly int _parameterCount;

        public Evaluator(INetwork<T> network, bool byLabel, bool sumsOverBatch)
        {
            _parameterCount = network.ParameterCount;
            _gradient = ArrayPool<T>.Shared.Rent(_parameterCount);
            if (byLabel)
            {
                _targets = ArrayPool<T>.Shared.Rent(EvaluationChunk * network.OutputSize);
                _outputs = ArrayPool<T>.Shared.Rent(EvaluationChunk * network.OutputSize);
            }

            _sums = sumsOverBatch;
        }

        /// <summary>Gives the buffers back to the pool; the evaluator is not used after this.</summary>
        public void Return()
        {
            Trainer.ReturnArray(_outputs);
            Trainer.ReturnArray(_targets);
            ArrayPool<T>.Shared.Return(_gradient);
        }

        /// <summary>The mean loss per sample; with labels also the count of correct predictions, tallied into <paramref name="confusion"/> if given.</summary>
        public double Run(INetwork<T> network, Data<T> data, out int correct, int[,]? confusion)
        {
            int inputSize = network.InputSize, outputSize = network.OutputSize;
            int n = data.Inputs.Length / inputSize;
            double sum = 0.0;
            correct = 0;
            for (int first = 0; first < n; first += EvaluationChunk)
            {
                int m = Math.Min(EvaluationChunk, n - first);
                ReadOnlySpan<T> x = data.Inputs.Slice(first * inputSize, m * inputSize);
                ReadOnlySpan<T> t;
                if (data.ByLabel)
                {
                    ReadOnlySpan<int> labels = data.Labels.Slice(first, m);
                    Span<T> targets = _targets.AsSpan(0, m * outputSize);
                    ClassLabels.OneHot(labels, targets, outputSize);
                    t = targets;
                    Span<T> outputs = _outputs.AsSpan(0, m * outputSize);
                    network.Predict(x, outputs);
                    for (int s = 0; s < m; s++)
                    {
                        int predicted = ArgMax<T>(outputs.Slice(s * outputSize, outputSize));
                        if (predicted == labels[s])
                        {
                            correct++;
                        }

                        if (confusion is not null)
                        {
                            confusion[labels[s], predicted]++;
                        }
                    }
                }
                else
                {
                    t = data.Targets.Slice(first * outputSize, m * outputSize);
                }

                double loss = OptimizerStateLayout.ToDouble(network.ComputeGradients(x, t, _gradient.AsSpan(0, _parameterCount)));
                sum += _sums ? loss : loss * m;
            }

            return sum / n;
        }

        /// <summary>The index of the largest value, the first of equals; NaN values are never the largest unless all are.</summary>
        private static int ArgMax<TValue>(ReadOnlySpan<TValue> values)
            where TValue : unmanaged
        {
            int best = 0;
            for (int j = 1; j < values.Length; j++)
            {
                double value = OptimizerStateLayout.ToDouble(values[j]), largest = OptimizerStateLayout.ToDouble(values[best]);
                if (value > largest || double.IsNaN(largest))
                {
                    best = j;
                }
            }

            return best;
        }
    }
}
