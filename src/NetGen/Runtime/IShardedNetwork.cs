using System;
using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// What <see cref="Training.Trainer"/>'s <c>Fit</c> needs to split a training step across threads: a step's batch is
/// cut into shards of a fixed size, each shard's loss and gradient is computed by a worker (a second instance with
/// scratch buffers of its own), the shards' gradients are summed in shard order, and the network takes one update from
/// the sum. Every generated network implements it, explicitly; <see cref="INetwork{T}"/> does not need it.
/// </summary>
/// <remarks>
/// <para>The members are for <c>Fit</c>, not for code that trains a network by hand. A worker computes with the
/// parameters of the network that created it, and with its dropout stream's position as <see cref="Synchronize"/>
/// last copied it; it never changes them. Nothing here is safe to call on one instance from two threads at once: each
/// thread has its own worker.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IShardedNetwork<T>
    where T : unmanaged
{
    /// <summary>
    /// True for a network declared with <c>Deterministic = true</c>: <c>Fit</c> then trains it in shards at every
    /// thread count, one included, so that its parameters do not depend on the count.
    /// </summary>
    bool Deterministic { get; }

    /// <summary>
    /// A new worker for this network: an instance with scratch buffers of its own that computes
    /// <see cref="ShardGradients"/> with this network's parameters (sharing them where the network keeps them in one
    /// block, else copying them at <see cref="Synchronize"/>). It is not a network to train or use otherwise.
    /// </summary>
    IShardedNetwork<T> CreateWorker();

    /// <summary>
    /// Brings this worker up to date with <paramref name="network"/>, the network that created it, before a step:
    /// its parameters (where the worker holds a copy) and the position of its dropout stream. Call it while
    /// <paramref name="network"/> does not change.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="network"/> did not create this worker.</exception>
    void Synchronize(IShardedNetwork<T> network);

    /// <summary>
    /// The loss and gradient of samples <paramref name="firstSample"/> to <paramref name="firstSample"/> + N − 1 of a
    /// training step on <paramref name="batchSamples"/> samples, N the shard's: the sums over the shard's samples with
    /// the reduction's factor of the whole step (for a mean, 1 / <paramref name="batchSamples"/>), so that the shards'
    /// losses and gradients add up to the step's. Dropout draws the masks of the step's samples at those indices. The
    /// parameters are not changed.
    /// </summary>
    /// <param name="inputs">The shard's N * InputSize values, sample-major, N ≥ 1.</param>
    /// <param name="targets">The shard's N * OutputSize values, sample-major.</param>
    /// <param name="firstSample">The index of the shard's first sample in the step, at least 0.</param>
    /// <param name="batchSamples">The step's sample count, at least <paramref name="firstSample"/> + N.</param>
    /// <param name="gradient">Exactly ParameterCount values in the flat parameter order, overwritten.</param>
    /// <returns>The shard's share of the step's loss.</returns>
    /// <exception cref="ArgumentException">A length does not fit, or the shard does not lie within the step.</exception>
    T ShardGradients(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int firstSample, int batchSamples, Span<T> gradient);

    /// <summary>
    /// Ends a training step on <paramref name="batchSamples"/> samples from its loss and its gradient (the shards'
    /// sums): the same check as <see cref="INetwork{T}.TrainStep"/>'s, then the optimizer's update of every parameter,
    /// and the step count and the dropout stream move on. A loss or gradient that is NaN or infinite throws
    /// <see cref="Training.TrainingDivergedException"/> before anything changes.
    /// </summary>
    /// <param name="loss">The step's loss.</param>
    /// <param name="gradient">Exactly ParameterCount values in the flat parameter order.</param>
    /// <param name="batchSamples">The step's sample count, at least 1.</param>
    void ApplyGradients(T loss, ReadOnlySpan<T> gradient, int batchSamples);
}
