using System;

namespace NetGen.Training;

/// <summary>
/// How <see cref="Trainer.Fit{T}(INetwork{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, FitOptions{T})"/> trains: the number of
/// epochs, the mini-batch size, the shuffle, a validation set or split, early stopping, a learning-rate schedule, a progress
/// callback and the number of threads a step runs on. The names and defaults are Keras's <c>Model.fit</c> (<c>epochs=1</c>, <c>batch_size=32</c>, shuffled every epoch).
/// </summary>
/// <typeparam name="T">The network's number type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class FitOptions<T>
    where T : unmanaged
{
    private readonly int _epochs = 1;
    private readonly int _batchSize = 32;
    private readonly double _validationSplit;
    private readonly int _threads = 1;

    /// <summary>How many passes over the training set (default 1); at least 1. Early stopping may end training sooner.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Epochs
    {
        get => _epochs;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Epochs));
            _epochs = value;
        }
    }

    /// <summary>
    /// The samples per training step (default 32); at least 1. Each epoch runs <c>⌈N / BatchSize⌉</c> steps, the last
    /// one on the samples left over (fewer when <c>BatchSize</c> does not divide N). A value above N means one full-batch
    /// step per epoch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int BatchSize
    {
        get => _batchSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(BatchSize));
            _batchSize = value;
        }
    }

    /// <summary>
    /// The seed of the shuffle that orders the training samples anew before every epoch (default 0); <c>null</c> keeps
    /// the data's order in every epoch.
    /// </summary>
    /// <remarks>
    /// The permutation is the same on every runtime, framework and operating system: <see cref="NormalSampler"/>'s
    /// SplitMix64 generator, started once per <c>Fit</c> at this seed, drives a Fisher–Yates shuffle (for i from N − 1
    /// down to 1, swap position i with a position drawn uniformly from [0, i] by Lemire's multiply-and-reject method)
    /// that continues from the previous epoch's order. The same seed, data and starting parameters give the same
    /// parameters, bit for bit.
    /// </remarks>
    public int? ShuffleSeed { get; init; } = 0;

    /// <summary>
    /// The fraction of the training data held out for validation (default 0, none), Keras's <c>validation_split</c>:
    /// the last <c>N − ⌊N · (1 − ValidationSplit)⌋</c> samples, in the data's order before any shuffle, are not trained
    /// on and are evaluated after every epoch as if given as <see cref="ValidationInputs"/> with their targets or
    /// labels. In [0, 1). Unlike Keras, where <c>validation_data</c> overrides <c>validation_split</c>, giving both is
    /// an error.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN, or 1 or more.</exception>
    public double ValidationSplit
    {
        get => _validationSplit;
        init
        {
            if (!(value >= 0.0 && value < 1.0))
            {
                throw new ArgumentOutOfRangeException(nameof(ValidationSplit), value, "ValidationSplit must be at least 0 and less than 1.");
            }

            _validationSplit = value;
        }
    }

    /// <summary>
    /// The validation samples, sample-major rows of <see cref="INetwork{T}.InputSize"/> values, evaluated after every
    /// epoch (Keras's <c>validation_data</c>); empty (the default) for none. Give their expected outputs as
    /// <see cref="ValidationTargets"/> or their classes as <see cref="ValidationLabels"/>.
    /// </summary>
    public ReadOnlyMemory<T> ValidationInputs { get; init; }

    /// <summary>The validation samples' target rows of <see cref="INetwork{T}.OutputSize"/> values; not with <see cref="ValidationLabels"/>.</summary>
    public ReadOnlyMemory<T> ValidationTargets { get; init; }

    /// <summary>
    /// The validation samples' classes, each in [0, <see cref="INetwork{T}.OutputSize"/>), standing for one-hot target
    /// rows; with them every epoch also reports the validation accuracy. Not with <see cref="ValidationTargets"/>.
    /// </summary>
    public ReadOnlyMemory<int> ValidationLabels { get; init; }

    /// <summary>Stops training when the validation loss stops improving, and restores the best parameters; null (the default) trains every epoch. Needs a validation set or <see cref="ValidationSplit"/>.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// The learning rate of each epoch, from the network's <see cref="INetwork{T}.LearningRate"/> when <c>Fit</c> begins
    /// (for example <see cref="LearningRateSchedule.CosineAnnealing"/>); null (the default) keeps that rate throughout.
    /// <c>Fit</c> puts the initial rate back when it ends.
    /// </summary>
    public LearningRateSchedule? LearningRateSchedule { get; init; }

    /// <summary>Receives an <see cref="EpochReport"/> after every epoch, on the thread that runs <c>Fit</c>; null for none.</summary>
    public IProgress<EpochReport>? Progress { get; init; }

    /// <summary>
    /// How many threads compute each training step (default 1); at least 1. With more than one, every batch is cut into
    /// shards of 32 samples (the last one shorter), each shard's loss and gradient is computed on one of the threads into
    /// a buffer of its own, the shards' gradients are summed in shard order, and the network takes one optimizer step
    /// from the sum. The thread count only decides which thread computes which shard, so the parameters after
    /// <c>Fit</c> are the same, bit for bit, for 2, 3 or 16 threads.
    /// </summary>
    /// <remarks>
    /// <para>A network declared with <c>Deterministic = true</c> is trained in shards at every thread count, 1 included,
    /// so that 1 and 16 threads agree bit for bit too. Any other network trains as before on 1 thread (one
    /// <see cref="INetwork{T}.TrainStep"/> per batch); in shards, the sum of a batch's gradient is taken in another
    /// order, so its parameters differ from the one-thread run's in the last bits.</para>
    /// <para>Everything else <c>Fit</c> does is the same at any thread count: the shuffle, the validation set or split
    /// (evaluated on the calling thread), early stopping, learning-rate schedules, reports, dropout's masks (each sample
    /// keeps its place in the step) and the handling of divergence: a step whose summed loss or gradient is not finite
    /// changes nothing. Only networks NetGen generates can split a step; <c>Threads</c> above 1 with another
    /// <see cref="INetwork{T}"/> is refused. The threads are started by <c>Fit</c> and end with it; each has a second
    /// instance of the network for its scratch buffers (sharing the parameter block of a loop-shaped network) and a
    /// gradient buffer of its own.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Threads
    {
        get => _threads;
        init
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(Threads), value, "Threads must be at least 1: 1 trains on the calling thread, 2 or more split every step across that many threads.");
            }

            _threads = value;
        }
    }

    /// <summary>Whether a validation set was given (not counting <see cref="ValidationSplit"/>).</summary>
    internal bool HasValidation => !ValidationInputs.IsEmpty || !ValidationTargets.IsEmpty || !ValidationLabels.IsEmpty;
}
