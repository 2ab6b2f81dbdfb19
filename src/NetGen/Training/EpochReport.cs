using System;

namespace NetGen.Training;

/// <summary>What one epoch of <see cref="Trainer"/>'s <c>Fit</c> did: its losses, its validation accuracy and its speed.</summary>
/// <remarks>
/// <para>Every loss here is a mean per sample, so training and validation losses compare whatever the batch size: the
/// loss a network returns for a batch is divided by the batch's sample count, since
/// <see cref="INetwork{T}.ComputeGradients"/> sums over the batch (the square loss <c>½ Σ (y − t)²</c> of generated
/// networks), and taken as it is from a <see cref="Reference.ReferenceNetwork"/> whose
/// <see cref="Reference.ReferenceOptions.EffectiveReduction"/> is <see cref="Reduction.Mean"/> (PyTorch's
/// <c>reduction="mean"</c>, the default of every loss but the square loss). A mean is then the loss as the
/// network's description defines it over the whole set: per sample for <see cref="Loss.Square"/> and
/// <see cref="Loss.CrossEntropy"/>, per element (sample × output) for <see cref="Loss.MeanSquaredError"/>,
/// <see cref="Loss.L1"/>, <see cref="Loss.Huber"/> and <see cref="Loss.BinaryCrossEntropy"/>, as PyTorch's mean over
/// the whole set would give it.</para>
/// </remarks>
public sealed class EpochReport
{
    internal EpochReport(int epoch, int epochs, int steps, int samples, double learningRate, double loss, double? validationLoss, double? validationAccuracy, TimeSpan duration, TimeSpan trainingTime, TimeSpan elapsed)
    {
        Epoch = epoch;
        Epochs = epochs;
        Steps = steps;
        Samples = samples;
        LearningRate = learningRate;
        Loss = loss;
        ValidationLoss = validationLoss;
        ValidationAccuracy = validationAccuracy;
        Duration = duration;
        Elapsed = elapsed;
        SamplesPerSecond = trainingTime > TimeSpan.Zero ? samples / trainingTime.TotalSeconds : double.PositiveInfinity;
    }

    /// <summary>The epoch, counted from 1.</summary>
    public int Epoch { get; }

    /// <summary>The number of epochs <see cref="FitOptions{T}.Epochs"/> asked for (early stopping may end sooner).</summary>
    public int Epochs { get; }

    /// <summary>The training steps of this epoch: <c>⌈N / BatchSize⌉</c>.</summary>
    public int Steps { get; }

    /// <summary>The training samples this epoch went through: N.</summary>
    public int Samples { get; }

    /// <summary>The learning rate of this epoch's steps: the network's own, or the one <see cref="FitOptions{T}.LearningRateSchedule"/> gave for the epoch, as the network holds it (rounded to <see cref="float"/> for a single-precision network).</summary>
    public double LearningRate { get; }

    /// <summary>
    /// The training loss: the mean per sample of the losses the epoch's steps returned, each computed before its own
    /// update, weighted by the step's sample count (scikit-learn's <c>loss_curve_</c>; Keras's running <c>loss</c>).
    /// The parameters change during the epoch, so this is not the loss of the final parameters on the training set;
    /// <see cref="Trainer.Evaluate{T}(INetwork{T}, ReadOnlySpan{T}, ReadOnlySpan{T})"/> gives that.
    /// </summary>
    public double Loss { get; }

    /// <summary>The mean loss per sample of the validation set with the parameters at the end of the epoch; null without a validation set.</summary>
    public double? ValidationLoss { get; }

    /// <summary>The fraction of validation samples whose largest output is at their label (first maximum on ties); null unless the validation set has labels.</summary>
    public double? ValidationAccuracy { get; }

    /// <summary>Training samples per second, over the epoch's training steps only (the shuffle and batch gathering included, validation not).</summary>
    public double SamplesPerSecond { get; }

    /// <summary>The epoch's wall-clock time, validation included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The wall-clock time since <c>Fit</c> began, up to the end of this epoch.</summary>
    public TimeSpan Elapsed { get; }
}
