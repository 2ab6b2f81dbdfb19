using System;
using System.Globalization;

namespace NetGen.Training;

/// <summary>
/// Thrown when training diverges: by a generated network's training step whose loss or gradient is NaN or infinite,
/// which then changes nothing (<see cref="StepChangedNothing"/>), and by <see cref="Trainer"/>'s <c>Fit</c> when a step
/// diverges or an epoch ends with a parameter that is NaN or infinite.
/// </summary>
/// <remarks>
/// <para>What the network holds afterwards: when its own step refused to apply the divergent update (every generated
/// network does; <see cref="StepChangedNothing"/>), the parameters and the optimizer state of before that step, inside
/// <c>Fit</c> too. Otherwise (a network of your own that returned a NaN loss, or parameters or optimizer state that
/// became NaN or infinite under finite losses, as when an update overflows from a finite gradient) <c>Fit</c> sets the
/// parameters back to those at the end of the last epoch that finished with finite ones (<see cref="RestoredEpoch"/>;
/// 0 for those <c>Fit</c> started with), and for an <see cref="IPersistentNetwork{T}"/> (every generated network,
/// <see cref="Reference.ReferenceNetwork"/>) the optimizer state of that moment with them. A plain
/// <see cref="INetwork{T}"/> gives no access to its optimizer's state, which keeps what the diverging steps made of it.</para>
/// <para>The learning rate is not changed; lower it before training again.</para>
/// </remarks>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public TrainingDivergedException()
        : this("Training diverged.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    /// <param name="message">What happened.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a divergence at <paramref name="step"/> of <paramref name="epoch"/>, with a message that states every value.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="step">The step within the epoch, from 1.</param>
    /// <param name="loss">The loss the step returned.</param>
    /// <param name="lastFiniteLoss">The last finite loss a step returned, or null if none did.</param>
    /// <param name="parametersNotFinite">Whether the divergence was found in the parameters at the end of the epoch rather than in the step's loss.</param>
    /// <param name="restoredEpoch">The epoch whose parameters were put back (0: those training started with), or null if none were.</param>
    public TrainingDivergedException(int epoch, int step, double loss, double? lastFiniteLoss, bool parametersNotFinite, int? restoredEpoch)
        : base(Describe(epoch, step, loss, lastFiniteLoss, parametersNotFinite, restoredEpoch))
    {
        Epoch = epoch;
        Step = step;
        Loss = loss;
        LastFiniteLoss = lastFiniteLoss;
        ParametersNotFinite = parametersNotFinite;
        RestoredEpoch = restoredEpoch;
    }

    /// <summary>
    /// Creates the exception a generated network's training step throws when its loss or gradient is not finite, before it
    /// changes anything: <see cref="Epoch"/> is 0 (no <c>Fit</c> is involved) and <see cref="StepChangedNothing"/> is true.
    /// </summary>
    internal TrainingDivergedException(int step, double loss)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Training step {step} diverged: {(double.IsFinite(loss) ? "its gradient holds a NaN or an infinity" : $"its loss is {loss}")}; the step changed nothing, so the parameters and the optimizer state are as they were before it. Lower the learning rate, or scale the inputs."))
    {
        Step = step;
        Loss = loss;
        StepChangedNothing = true;
    }

    /// <summary>
    /// Reports, with <c>Fit</c>'s epoch and step, a step the network itself refused (<paramref name="refused"/>): the
    /// network holds the parameters and the optimizer state of before that step.
    /// </summary>
    internal TrainingDivergedException(int epoch, int step, TrainingDivergedException refused, double? lastFiniteLoss)
        : base(DescribeRefused(epoch, step, refused.Loss, lastFiniteLoss), refused)
    {
        Epoch = epoch;
        Step = step;
        Loss = refused.Loss;
        LastFiniteLoss = lastFiniteLoss;
        StepChangedNothing = true;
    }

    /// <summary>
    /// Reports a step the network refused (<paramref name="refused"/>) after an earlier update of the epoch had overflowed
    /// to an infinity from a finite gradient: <c>Fit</c> put back the parameters and optimizer state of
    /// <paramref name="restoredEpoch"/>.
    /// </summary>
    internal TrainingDivergedException(int epoch, int step, TrainingDivergedException refused, double? lastFiniteLoss, int restoredEpoch)
        : base(DescribeOverflow(epoch, step, refused.Loss, lastFiniteLoss, restoredEpoch), refused)
    {
        Epoch = epoch;
        Step = step;
        Loss = refused.Loss;
        LastFiniteLoss = lastFiniteLoss;
        ParametersNotFinite = true;
        RestoredEpoch = restoredEpoch;
    }

    /// <summary>
    /// True when a network's own training step found the divergence (a NaN or infinite loss or gradient) and refused to
    /// apply it, so the network holds the parameters and optimizer state of before that step. Generated networks do.
    /// </summary>
    public bool StepChangedNothing { get; }

    /// <summary>The epoch in which training diverged, from 1; 0 when a network's own training step reported it outside <c>Fit</c>.</summary>
    public int Epoch { get; }

    /// <summary>
    /// The step within <see cref="Epoch"/>, from 1, that diverged: its loss or gradient was not finite (a step the
    /// network refused, or one that returned a NaN or infinite loss); when the parameters or optimizer state were found
    /// not finite at the end of the epoch, the epoch's last step.
    /// </summary>
    public int Step { get; }

    /// <summary>The loss that step returned, as the network computes it (not divided per sample).</summary>
    public double Loss { get; }

    /// <summary>The last finite loss a step of this <c>Fit</c> returned, as the network computes it; null if none did.</summary>
    public double? LastFiniteLoss { get; }

    /// <summary>
    /// Whether <c>Fit</c> found a parameter or a value of the optimizer state that is NaN or infinite: at the end of
    /// <see cref="Epoch"/>, whose steps' losses were finite, or after a step the network refused, because an earlier
    /// update had overflowed from a finite gradient.
    /// </summary>
    public bool ParametersNotFinite { get; }

    /// <summary>Whether the parameters (and an <see cref="IPersistentNetwork{T}"/>'s optimizer state) were set back to finite ones: those at the end of <see cref="RestoredEpoch"/>.</summary>
    public bool ParametersRestored => RestoredEpoch is not null;

    /// <summary>The epoch whose final parameters the network holds again (0: those <c>Fit</c> started with); null if none were restored.</summary>
    public int? RestoredEpoch { get; }

    private static string DescribeRefused(int epoch, int step, double loss, double? lastFiniteLoss)
    {
        string what = double.IsFinite(loss) ? "its gradient holds a NaN or an infinity" : string.Create(CultureInfo.InvariantCulture, $"its loss is {loss}");
        return string.Create(CultureInfo.InvariantCulture, $"Training diverged at step {step} of epoch {epoch}: {what}. The step changed nothing, so the parameters and the optimizer state are as they were before it.")
            + LastFinite(lastFiniteLoss) + " Lower the learning rate, or scale the inputs.";
    }

    private static string DescribeOverflow(int epoch, int step, double loss, double? lastFiniteLoss, int restoredEpoch)
    {
        string what = double.IsFinite(loss) ? "its gradient held a NaN or an infinity" : string.Create(CultureInfo.InvariantCulture, $"its loss was {loss}");
        return string.Create(CultureInfo.InvariantCulture, $"Training diverged at step {step} of epoch {epoch}: the network refused the step ({what}), but an earlier update of the epoch had already overflowed to an infinity from a finite gradient.")
            + LastFinite(lastFiniteLoss) + Restored(restoredEpoch) + " Lower the learning rate, or scale the inputs.";
    }

    private static string Describe(int epoch, int step, double loss, double? lastFiniteLoss, bool parametersNotFinite, int? restoredEpoch)
    {
        string what = parametersNotFinite
            ? string.Create(CultureInfo.InvariantCulture, $"Training diverged in epoch {epoch}: its steps returned finite losses (the last, step {step}, {loss}), but it ended with parameters or optimizer state that are NaN or infinite.")
            : string.Create(CultureInfo.InvariantCulture, $"Training diverged at step {step} of epoch {epoch}: the step returned the loss {loss}.");
        return what + LastFinite(lastFiniteLoss) + Restored(restoredEpoch) + " Lower the learning rate, or scale the inputs.";
    }

    private static string LastFinite(double? lastFiniteLoss) =>
        lastFiniteLoss is double l
            ? string.Create(CultureInfo.InvariantCulture, $" The last finite loss was {l}.")
            : " No step returned a finite loss.";

    private static string Restored(int? restoredEpoch) => restoredEpoch switch
    {
        null => " The parameters were not restored.",
        0 => " The parameters training started with (and the optimizer state, if the network gives it) were restored.",
        int e => string.Create(CultureInfo.InvariantCulture, $" The parameters at the end of epoch {e} (and the optimizer state, if the network gives it) were restored."),
    };
}
