using System;
using System.Globalization;
#if !NETGEN_PORTABLE
using System.Numerics;
#endif
using System.Runtime.ExceptionServices;
using System.Threading;
using NetGen.Runtime;

namespace NetGen.Training;

// Trainer's steps split across threads (FitOptions.Threads): shards of a fixed size, a gradient buffer per shard, a sum
// in shard order, one update.
public static partial class Trainer
{
    /// <summary>
    /// The samples of a shard: every batch is cut into shards of this many samples from its first on (the last one
    /// shorter), whatever the thread count. 32 is the loop shape's chunk, so a shard reads a layer's weights once, as a
    /// whole batch's chunk does, and a multiple of the unrolled shape's vector lanes (4 doubles, 8 floats); a batch of
    /// 64 already has two shards. Each shard after the first costs a pass over the parameters to add its gradient, which
    /// a larger shard would spread over more samples, at the price of fewer shards to share among threads.
    /// </summary>
    internal const int ShardSize = 32;

    /// <summary>
    /// Below this many parameters, the calling thread sums the shards' gradients alone; from it on, every worker sums
    /// its own part of the parameters (each element's sum is the same either way: the shards in order).
    /// </summary>
    private const int ParallelSumParameters = 16_384;

    /// <summary>
    /// The most the shards' gradient buffers take together, in bytes, unless one per worker needs more: a batch with more
    /// shards than buffers goes in waves, each ending in a sum of its shards.
    /// </summary>
    private const long ShardBufferBytes = 64L << 20;

    /// <summary>
    /// The step <c>Fit</c> takes in shards for <paramref name="network"/>, or null when it takes one
    /// <see cref="INetwork{T}.TrainStep"/> per batch: shards for a <c>Deterministic = true</c> network at every thread
    /// count, and for any network at more than one thread.
    /// </summary>
    private static ShardedSteps<T>? ShardedStepsFor<T>(INetwork<T> network, FitOptions<T> options, int batch)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        var sharded = network as IShardedNetwork<T>;
        if (options.Threads == 1 && sharded is not { Deterministic: true })
        {
            return null;
        }

        if (sharded is null)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"FitOptions.Threads is {options.Threads}, but {network.GetType().Name} cannot split a training step across threads: only networks NetGen generates can (they implement NetGen.Runtime.IShardedNetwork<T>). Give Threads = 1 for this network."),
                nameof(options));
        }

        return new ShardedSteps<T>(sharded, network.ParameterCount, network.InputSize, network.OutputSize, options.Threads, batch);
    }

    /// <summary>
    /// Training steps split into shards of <see cref="ShardSize"/> samples and computed by workers: the calling thread
    /// with the network itself, and up to Threads − 1 threads of its own, each with a worker instance of the network
    /// (<see cref="IShardedNetwork{T}.CreateWorker"/>). Each shard's gradient goes to a buffer of its own (worker k
    /// computes shards k, k + W, k + 2W, ... of W workers), then the workers add the buffers to the step's sum in shard
    /// order, each over its part of the parameters, so the sum is <c>((g0 + g1) + g2) + ...</c> element by element
    /// whatever the number of workers; the network ends the step with it (<see cref="IShardedNetwork{T}.ApplyGradients"/>).
    /// The threads meet at a <see cref="Barrier"/> three times a step: to start, after the shards, after the sum (a batch
    /// with more shards than buffers takes two more per further wave). Nothing is allocated per step.
    /// </summary>
    private sealed unsafe class ShardedSteps<T> : IDisposable
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        private readonly IShardedNetwork<T> _network;
        private readonly IShardedNetwork<T>[] _workers;
        private readonly T[][] _gradients;
        private readonly T[] _sum;
        private readonly T[] _losses;
        private readonly Thread[] _threads;
        private readonly Barrier? _barrier;
        private readonly int _parameterCount;
        private readonly int _inputSize;
        private readonly int _outputSize;
        private ExceptionDispatchInfo? _failure;
        private bool _stopping;

        // The step the workers compute: its batch (pinned by Step while they run) and its sample count.
        private T* _inputs;
        private T* _targets;
        private int _samples;
        private T _loss;

        public ShardedSteps(IShardedNetwork<T> network, int parameterCount, int inputSize, int outputSize, int threads, int batch)
        {
            _network = network;
            _parameterCount = parameterCount;
            _inputSize = inputSize;
            _outputSize = outputSize;

            // No more workers than a batch has shards (the others would have nothing to do), and a gradient buffer for each
            // shard of a batch, within ShardBufferBytes; one worker adds each shard as soon as it has it.
            int shards = (batch + ShardSize - 1) / ShardSize;
            int workers = Math.Min(threads, shards);
            long affordable = ShardBufferBytes / ((long)parameterCount * sizeof(T));
            int buffers = workers == 1 ? 1 : (int)Math.Max(workers, Math.Min(shards, affordable));
            _workers = new IShardedNetwork<T>[workers];
            _gradients = new T[buffers][];
            _losses = new T[buffers];
            _sum = Aligned.Allocate<T>(parameterCount);
            for (int k = 0; k < workers; k++)
            {
                _workers[k] = k == 0 ? network : network.CreateWorker();
            }

            // A step's first shard writes the sum itself: buffer 0 serves only the waves after the first, if a batch has any.
            for (int j = 0; j < buffers; j++)
            {
                _gradients[j] = j == 0 && buffers >= shards ? Array.Empty<T>() : Aligned.Allocate<T>(parameterCount);
            }

            _threads = new Thread[workers - 1];
            if (workers == 1)
            {
                return;
            }

            _barrier = new Barrier(workers);
            for (int k = 1; k < workers; k++)
            {
                _threads[k - 1] = new Thread(Run) { IsBackground = true, Name = "NetGen Fit worker " + k.ToString(CultureInfo.InvariantCulture) };
                _threads[k - 1].Start(k);
            }
        }

        /// <summary>
        /// One training step on a batch of <paramref name="samples"/> samples: the shards' losses and gradients on every
        /// worker, their sums, then the network's update from them.
        /// </summary>
        /// <returns>The step's loss, the sum of its shards' in shard order.</returns>
        /// <exception cref="TrainingDivergedException">The loss or the summed gradient is NaN or infinite; the network has not changed.</exception>
        public T Step(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int samples)
        {
            fixed (T* x = inputs, t = targets)
            {
                _inputs = x;
                _targets = t;
                _samples = samples;
                _barrier?.SignalAndWait();
                Work(0);
                _inputs = null;
                _targets = null;
            }

            if (_failure is { } failure)
            {
                _failure = null;
                failure.Throw();
            }

            _network.ApplyGradients(_loss, Aligned.Span(_sum, _parameterCount), samples);
            return _loss;
        }

        /// <summary>Lets the threads end and waits for them.</summary>
        public void Dispose()
        {
            if (_barrier is null)
            {
                return;
            }

            _stopping = true;
            _barrier.SignalAndWait();
            foreach (Thread thread in _threads)
            {
                thread.Join();
            }

            _barrier.Dispose();
        }

        /// <summary>A worker thread: a step's share whenever the calling thread starts one, until <c>Fit</c> ends.</summary>
        private void Run(object? worker)
        {
            int k = (int)worker!;
            while (true)
            {
                _barrier!.SignalAndWait();
                if (_stopping)
                {
                    return;
                }

                Work(k);
            }
        }

        /// <summary>
        /// Worker <paramref name="k"/>'s share of the step: shards k, k + W, ... of every wave, then its part of the wave's
        /// sums. Every worker meets every barrier, whatever fails: a failure is kept for <see cref="Step"/> to throw.
        /// </summary>
        private void Work(int k)
        {
            IShardedNetwork<T> worker = _workers[k];
            int samples = _samples, workers = _workers.Length, buffers = _gradients.Length;
            int shards = (samples + ShardSize - 1) / ShardSize;
            if (k > 0)
            {
                try
                {
                    worker.Synchronize(_network);
                }
                catch (Exception e)
                {
                    Fail(e);
                }
            }

            for (int wave = 0; wave < shards; wave += buffers)
            {
                int count = Math.Min(buffers, shards - wave);
                for (int j = k; j < count; j += workers)
                {
                    try
                    {
                        int first = (wave + j) * ShardSize, n = Math.Min(ShardSize, samples - first);
                        var x = new ReadOnlySpan<T>(_inputs + ((long)first * _inputSize), n * _inputSize);
                        var t = new ReadOnlySpan<T>(_targets + ((long)first * _outputSize), n * _outputSize);
                        // The step's first shard writes the sum itself, which the others are then added to.
                        T[] gradient = wave == 0 && j == 0 ? _sum : _gradients[j];
                        _losses[j] = worker.ShardGradients(x, t, first, samples, Aligned.Span(gradient, _parameterCount));
                    }
                    catch (Exception e)
                    {
                        Fail(e);
                    }
                }

                _barrier?.SignalAndWait();
                try
                {
                    Sum(k, wave == 0, count);
                }
                catch (Exception e)
                {
                    Fail(e);
                }

                _barrier?.SignalAndWait();
            }
        }

        /// <summary>
        /// Adds a wave's <paramref name="count"/> shard gradients to the step's sum in shard order (the first wave's first
        /// is the sum's start, written there), over worker <paramref name="k"/>'s part of the parameters; worker 0 adds the
        /// losses too.
        /// </summary>
        private void Sum(int k, bool firstWave, int count)
        {
            int parts = _parameterCount >= ParallelSumParameters ? _workers.Length : 1;
            if (k == 0)
            {
                T loss = firstWave ? _losses[0] : OptimizerStateLayout.Add(_loss, _losses[0]);
                for (int j = 1; j < count; j++)
                {
                    loss = OptimizerStateLayout.Add(loss, _losses[j]);
                }

                _loss = loss;
            }

            if (k >= parts)
            {
                return;
            }

            // Parts of whole 64-byte lines, so that no two workers write one cache line.
            int line = Aligned.Bytes / sizeof(T);
            int part = (((_parameterCount + parts - 1) / parts) + line - 1) / line * line;
            int start = Math.Min(k * part, _parameterCount), end = Math.Min(start + part, _parameterCount);
            Span<T> sum = Aligned.Span(_sum, _parameterCount)[start..end];
            for (int j = firstWave ? 1 : 0; j < count; j++)
            {
                Add(sum, Aligned.Span(_gradients[j], _parameterCount)[start..end]);
            }
        }

        /// <summary><c>sum_i += g_i</c>, one rounding each: the same on every vector width.</summary>
        private static void Add(Span<T> sum, ReadOnlySpan<T> gradient)
        {
#if NETGEN_PORTABLE
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] = OptimizerStateLayout.Add(sum[i], gradient[i]);
            }
        }
#else
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; i + Vector<T>.Count <= sum.Length; i += Vector<T>.Count)
                {
                    (new Vector<T>(sum[i..]) + new Vector<T>(gradient[i..])).CopyTo(sum[i..]);
                }
            }

            for (; i < sum.Length; i++)
            {
                sum[i] += gradient[i];
            }
        }
#endif

        private void Fail(Exception e) => Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
    }
}
