using System;
using System.Globalization;
#if !NETGEN_PORTABLE
#endif
using NetGen.Runtime;

namespace NetGen.Training;

/// <summary>
/// The learning rate of each epoch of <see cref="Trainer"/>'s <c>Fit</c>, from the rate the network had when <c>Fit</c>
/// began: PyTorch's epoch-wise <c>torch.optim.lr_scheduler</c> classes in closed form, or, as Keras's
/// <c>LearningRateScheduler(schedule)</c>, a function of your own from the epoch and the current rate. The closed forms
/// use NetGen's own cosine and powers (<see cref="PortableMath"/>), so a schedule gives the same rates on every machine.
/// </summary>
/// <remarks>
/// <para><c>Fit</c> asks for every epoch's rate before its first step and sets <see cref="INetwork{T}.LearningRate"/> at
/// the start of each epoch; the rates used appear as <see cref="EpochReport.LearningRate"/>. Every rate must be finite
/// and greater than 0 in the network's number type, or <c>Fit</c> throws <see cref="ArgumentException"/> naming the
/// epoch before it changes anything.</para>
/// <para>When <c>Fit</c> ends, however it ends, the network's learning rate is the one it began with, so a second
/// <c>Fit</c> starts the schedule again from the same rate (a warm restart), and <c>TrainStep</c> calls after it use the
/// rate you set. A schedule changes only the learning rate: the optimizer's state (Adam's moments, the momentum buffer,
/// the step count) carries on across epochs as it does without one.</para>
/// </remarks>
public abstract class LearningRateSchedule
{
    /// <summary>Only the schedules of this library derive from this class; use <see cref="FromFunction"/> for your own.</summary>
    private protected LearningRateSchedule()
    {
    }

    /// <summary>
    /// The learning rate of the epoch with index <paramref name="epochIndex"/>: the number of epochs finished before it,
    /// 0 for the first (PyTorch's <c>last_epoch</c> after as many <c>scheduler.step()</c> calls, Keras's <c>epoch</c>).
    /// </summary>
    /// <param name="epochIndex">0 for the first epoch of <c>Fit</c>, 1 for the second, and so on.</param>
    /// <param name="initialRate">The network's learning rate when <c>Fit</c> began (PyTorch's <c>base_lr</c>).</param>
    /// <returns>The learning rate for that epoch's steps, before it is rounded to the network's number type.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochIndex"/> is negative.</exception>
    public double RateAt(int epochIndex, double initialRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochIndex);
        double rate = initialRate;
        for (int e = 0; e <= epochIndex; e++)
        {
            rate = Next(e, initialRate, rate);
        }

        return rate;
    }

    /// <summary>
    /// The rate of epoch <paramref name="epochIndex"/> from the initial rate and the rate of the epoch before it
    /// (<paramref name="initialRate"/> again for the first epoch).
    /// </summary>
    private protected abstract double Next(int epochIndex, double initialRate, double currentRate);

    /// <summary>
    /// The rates of the first <c>destination.Length</c> epochs, in order, for a network of number type
    /// <typeparamref name="T"/>: each epoch's current rate is the previous one as the network held it, rounded to
    /// <typeparamref name="T"/>.
    /// </summary>
    internal void Rates<T>(double initialRate, Span<double> destination)
        where T : unmanaged
    {
        double current = initialRate;
        for (int e = 0; e < destination.Length; e++)
        {
            double rate = Next(e, initialRate, current);
            destination[e] = rate;
            current = OptimizerStateLayout.ToDouble(OptimizerStateLayout.FromDouble<T>(rate));
        }
    }

    /// <summary>
    /// Cosine annealing without restarts, PyTorch's <c>CosineAnnealingLR(optimizer, T_max=period, eta_min=minimum)</c>:
    /// <c>η(e) = η_min + ½ (η₀ − η_min) (1 + cos(π e / T_max))</c> for epoch index <c>e</c>. It starts at the initial
    /// rate and falls along half a cosine to <paramref name="minimum"/> at <c>e = T_max</c> (and would rise again after).
    /// </summary>
    /// <param name="period">T_max, the epochs from the initial rate to the minimum; at least 1. With <c>period = Epochs</c>
    /// the minimum itself is never used (the last epoch has index <c>T_max − 1</c>), so a minimum of 0 is allowed.</param>
    /// <param name="minimum">η_min (default 0), at least 0 and finite.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1, or <paramref name="minimum"/> is negative, NaN or infinite.</exception>
    /// <remarks>
    /// Computed as <c>η₀ − ½ (η₀ − η_min)(1 − cos(π e / T_max))</c>, the same value, so that the first epoch's rate is
    /// exactly η₀ and, with a minimum of 0, the rate at <c>e = T_max</c> exactly 0. PyTorch's own <c>step()</c> applies a
    /// recursive form of the formula, which agrees with it up to rounding.
    /// </remarks>
    public static LearningRateSchedule CosineAnnealing(int period, double minimum = 0.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (!(minimum >= 0.0) || double.IsPositiveInfinity(minimum))
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum learning rate must be finite and at least 0.");
        }

        return new Cosine(period, minimum);
    }

    /// <summary>
    /// Step decay, PyTorch's <c>StepLR(optimizer, step_size=stepEpochs, gamma=factor)</c>:
    /// <c>η(e) = η₀ · factor^⌊e / stepEpochs⌋</c>, the rate multiplied by <paramref name="factor"/> every
    /// <paramref name="stepEpochs"/> epochs.
    /// </summary>
    /// <param name="stepEpochs">The epochs between two decays; at least 1.</param>
    /// <param name="factor">The multiplier, PyTorch's <c>gamma</c> (default 0.1); greater than 0 and finite.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepEpochs"/> is less than 1, or <paramref name="factor"/> is not greater than 0 or not finite.</exception>
    public static LearningRateSchedule StepDecay(int stepEpochs, double factor = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepEpochs, 1);
        if (!(factor > 0.0) || double.IsPositiveInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The decay factor must be finite and greater than 0.");
        }

        return new Step(stepEpochs, factor);
    }

    /// <summary>
    /// A schedule of your own, as Keras's <c>LearningRateScheduler(schedule)</c>: <paramref name="rate"/> receives the
    /// epoch index (0 for the first epoch) and the current rate (the previous epoch's as the network held it, so
    /// rounded to <see cref="float"/> for a single-precision network, or the network's rate when <c>Fit</c> began for
    /// the first epoch), and returns the epoch's rate; so <c>(e, lr) =&gt; e &lt; 10 ? lr : lr * 0.9</c>
    /// keeps the rate for ten epochs and then lowers it by 10 % every epoch. <c>Fit</c> calls it once per epoch, in
    /// order, before training starts.
    /// </summary>
    /// <param name="rate">The epoch's learning rate from its index and the current rate.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rate"/> is null.</exception>
    public static LearningRateSchedule FromFunction(Func<int, double, double> rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return new Function(rate);
    }

    private sealed class Cosine(int period, double minimum) : LearningRateSchedule
    {
        private protected override double Next(int epochIndex, double initialRate, double currentRate) =>
            initialRate - 0.5 * (initialRate - minimum) * (1.0 - PortableMath.Cos(Math.PI * epochIndex / period));

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"cosine annealing over {period} epochs to {minimum:R}");
    }

    private sealed class Step(int stepEpochs, double factor) : LearningRateSchedule
    {
        private protected override double Next(int epochIndex, double initialRate, double currentRate) =>
            initialRate * PortableMath.Pow(factor, epochIndex / stepEpochs);

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"times {factor:R} every {stepEpochs} epochs");
    }

    private sealed class Function(Func<int, double, double> rate) : LearningRateSchedule
    {
        private protected override double Next(int epochIndex, double initialRate, double currentRate) => rate(epochIndex, currentRate);

        public override string ToString() => "a function of the epoch";
    }
}
