using System;

namespace NetGen.Training;

/// <summary>How well a network does on a data set: its mean loss, and for labelled data its accuracy and confusion matrix.</summary>
public sealed class Evaluation
{
    internal Evaluation(int samples, double loss, int correct, int[,]? confusionMatrix)
    {
        Samples = samples;
        Loss = loss;
        ConfusionMatrix = confusionMatrix;
        Accuracy = confusionMatrix is null ? null : (double)correct / samples;
    }

    /// <summary>The number of samples evaluated.</summary>
    public int Samples { get; }

    /// <summary>
    /// The mean loss per sample, by the network's own loss: the losses <see cref="INetwork{T}.ComputeGradients"/> returns
    /// for the data in chunks of 256 samples, summed and divided by the sample count (or, for a network whose loss is
    /// already a mean, averaged weighted by chunk size, so the element-wise losses' mean over every element of the set;
    /// see <see cref="EpochReport"/>).
    /// </summary>
    public double Loss { get; }

    /// <summary>The fraction of samples whose largest output (the first, if several are equal) is at their label; null when evaluated against target rows.</summary>
    public double? Accuracy { get; }

    /// <summary>
    /// <c>ConfusionMatrix[c, p]</c> counts the samples of true class <c>c</c> (rows) predicted as class <c>p</c>
    /// (columns), an <see cref="INetwork{T}.OutputSize"/>-square matrix whose diagonal holds the correct predictions;
    /// null when evaluated against target rows.
    /// </summary>
    public int[,]? ConfusionMatrix { get; }
}
