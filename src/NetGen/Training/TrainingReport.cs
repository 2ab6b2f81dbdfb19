using System;
using System.Collections.Generic;

namespace NetGen.Training;

/// <summary>What <see cref="Trainer"/>'s <c>Fit</c> did: every epoch's report, the best epoch, and whether it stopped early and restored the best parameters.</summary>
public sealed class TrainingReport
{
    internal TrainingReport(IReadOnlyList<EpochReport> history, int? bestEpoch, bool stoppedEarly, bool restoredBestWeights, TimeSpan elapsed)
    {
        History = history;
        BestEpoch = bestEpoch;
        StoppedEarly = stoppedEarly;
        RestoredBestWeights = restoredBestWeights;
        Elapsed = elapsed;
    }

    /// <summary>One report per epoch run, first epoch first (Keras's <c>History</c>; <c>History[i].Loss</c> is scikit-learn's <c>loss_curve_</c>).</summary>
    public IReadOnlyList<EpochReport> History { get; }

    /// <summary>The number of epochs run: <c>History.Count</c>.</summary>
    public int EpochsRun => History.Count;

    /// <summary>The epoch (from 1) with the lowest validation loss, the first of equals (with early stopping: the last that improved by more than <see cref="EarlyStopping.MinDelta"/>); null without a validation set.</summary>
    public int? BestEpoch { get; }

    /// <summary>The lowest validation loss, that of <see cref="BestEpoch"/>; null without a validation set.</summary>
    public double? BestValidationLoss => BestEpoch is int best ? History[best - 1].ValidationLoss : null;

    /// <summary>Whether <see cref="EarlyStopping"/> ended training before <see cref="FitOptions{T}.Epochs"/> epochs.</summary>
    public bool StoppedEarly { get; }

    /// <summary>
    /// Whether the network's parameters were set back to those at the end of <see cref="BestEpoch"/>
    /// (<see cref="EarlyStopping.RestoreBestWeights"/>); false when the best epoch was the last one run, since the
    /// parameters already are the best.
    /// </summary>
    public bool RestoredBestWeights { get; }

    /// <summary>The wall-clock time of the whole <c>Fit</c>.</summary>
    public TimeSpan Elapsed { get; }
}
