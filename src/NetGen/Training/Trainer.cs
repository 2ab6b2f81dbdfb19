using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
#if !NETGEN_PORTABLE
using System.Numerics;
#endif
using NetGen.Reference;
using NetGen.Runtime;

namespace NetGen.Training;

/// <summary>
/// Trains any <see cref="INetwork{T}"/> on a data set in mini-batches over epochs, and measures how well it does: the
/// loop of Keras's <c>Model.fit</c> and <c>Model.evaluate</c>, over spans of sample-major rows.
/// </summary>
/// <remarks>
/// <para><b>Data.</b> Sample <c>s</c> occupies <c>inputs[s * InputSize .. (s + 1) * InputSize)</c>, and either the
/// target row <c>targets[s * OutputSize .. (s + 1) * OutputSize)</c> or the class <c>labels[s]</c>, which stands for the
/// one-hot row with 1 at <c>labels[s]</c> and 0 elsewhere (what the network's loss then sees).</para>
/// <para><b>Checks first.</b> Every size, label and value of the training and validation sets is checked before the
/// network is touched: a wrong size, a label outside [0, OutputSize) or a value that is NaN or infinite throws
/// <see cref="ArgumentException"/> naming the sample (and the feature), and the parameters stay as they were. So does a
/// network whose own parameters or optimizer state are not finite when <c>Fit</c> begins.</para>
/// <para><b>Memory.</b> <c>Fit</c> needs memory in proportion to a batch and to the parameters, not to the data set
/// (apart from the shuffle's index permutation, 4 bytes per sample): one batch of gathered inputs and targets, and up
/// to three checkpoints of the parameters and, for an <see cref="IPersistentNetwork{T}"/>, the optimizer state (the
/// last finished epoch's, the best epoch's and the next epoch's; with Adam about seven times the parameters), plus for a
/// validation set a scratch gradient and a chunk of outputs, and for a learning-rate schedule one rate per epoch. It
/// rents these arrays from <see cref="ArrayPool{T}.Shared"/> and returns them when it ends, so repeated calls do not
/// allocate them again.
/// Within <c>Fit</c>, a step allocates nothing beyond what the network's own <see cref="INetwork{T}.TrainStep"/> does
/// (generated networks: nothing), and an epoch allocates its <see cref="EpochReport"/>. A step in shards
/// (<see cref="FitOptions{T}.Threads"/>) allocates nothing either; such a <c>Fit</c> allocates, once, a gradient
/// buffer per shard of a batch (within 64 MB) and one for their sum, and per further thread a worker instance of the
/// network (its scratch buffers; a loop-shaped network's parameters are shared) and the thread.</para>
/// <para><b>Losses.</b> Reported losses are means per sample (see <see cref="EpochReport"/>): the network's loss for a
/// batch is divided by the batch's sample count, since <see cref="INetwork{T}.ComputeGradients"/> sums over the batch,
/// except for a network whose <see cref="IPersistentNetwork{T}.Description"/> says <see cref="Reduction.Mean"/>
/// (a generated network or a <see cref="ReferenceNetwork"/> with that reduction), whose loss is already a mean.</para>
/// </remarks>
public static partial class Trainer
{
    /// <summary>
    /// Trains <paramref name="network"/> on inputs and their target rows for <see cref="FitOptions{T}.Epochs"/> epochs of
    /// mini-batch steps (<see cref="INetwork{T}.TrainStep"/>, or the step split across <see cref="FitOptions{T}.Threads"/>),
    /// shuffling before every epoch, evaluating the validation set after it, and stopping early if asked.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network to train; its parameters (and optimizer state) change.</param>
    /// <param name="inputs">N * InputSize values, sample-major, N ≥ 1, all finite.</param>
    /// <param name="targets">N * OutputSize values, sample-major, all finite.</param>
    /// <param name="options">Epochs, batch size, shuffle, validation set or split, early stopping, learning-rate schedule and progress; null for the defaults (one shuffled epoch of batches of 32).</param>
    /// <returns>Every epoch's report, the best epoch and whether training stopped early.</returns>
    /// <exception cref="ArgumentException">A size does not fit the network, a value is not finite (the message names the sample and feature), the network's own parameters or optimizer state are not finite, early stopping was asked for without validation data, the validation split leaves a part empty or comes with a validation set, the learning-rate schedule gives a rate that is not finite and positive, or more than one thread was asked for a network NetGen did not generate; nothing was changed.</exception>
    /// <exception cref="TrainingDivergedException">A step's loss or gradient, or the parameters or optimizer state, became NaN or infinite. A network that refused such a step itself (every generated one does) holds the parameters and optimizer state of before that step, unless an earlier update had overflowed to an infinity; then, as for any other divergence, the last finished epoch's parameters (and an <see cref="IPersistentNetwork{T}"/>'s optimizer state) were restored (see <see cref="TrainingDivergedException"/>).</exception>
    public static TrainingReport Fit<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, FitOptions<T>? options = null)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        ArgumentNullException.ThrowIfNull(network);
        ShapeGuard.BatchSize(inputs.Length, network.InputSize, targets.Length, network.OutputSize, nameof(targets));
        return Run(network, new Data<T>(inputs, targets, default, byLabel: false), options ?? new FitOptions<T>(), nameof(inputs), nameof(targets));
    }

    /// <summary>
    /// Trains a classifier on inputs and their class labels, each standing for a one-hot target row: otherwise the same
    /// as <see cref="Fit{T}(INetwork{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, FitOptions{T})"/>. The one-hot rows of a batch
    /// are written into a buffer of one batch, allocated once.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network to train; its parameters (and optimizer state) change.</param>
    /// <param name="inputs">N * InputSize values, sample-major, N ≥ 1, all finite.</param>
    /// <param name="labels">N classes, each in [0, OutputSize).</param>
    /// <param name="options">Epochs, batch size, shuffle, validation set or split, early stopping, learning-rate schedule and progress; null for the defaults (one shuffled epoch of batches of 32).</param>
    /// <returns>Every epoch's report, the best epoch and whether training stopped early.</returns>
    /// <exception cref="ArgumentException">A size does not fit the network, a label is out of range or a value is not finite (the message names the sample), the network's own parameters or optimizer state are not finite, early stopping was asked for without validation data, the validation split leaves a part empty or comes with a validation set, the learning-rate schedule gives a rate that is not finite and positive, or more than one thread was asked for a network NetGen did not generate; nothing was changed.</exception>
    /// <exception cref="TrainingDivergedException">A step's loss or gradient, or the parameters or optimizer state, became NaN or infinite. A network that refused such a step itself (every generated one does) holds the parameters and optimizer state of before that step, unless an earlier update had overflowed to an infinity; then, as for any other divergence, the last finished epoch's parameters (and an <see cref="IPersistentNetwork{T}"/>'s optimizer state) were restored (see <see cref="TrainingDivergedException"/>).</exception>
    public static TrainingReport Fit<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels, FitOptions<T>? options = null)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        ArgumentNullException.ThrowIfNull(network);
        CheckLabelled(inputs.Length, network.InputSize, labels, network.OutputSize, nameof(inputs), nameof(labels));
        return Run(network, new Data<T>(inputs, default, labels, byLabel: true), options ?? new FitOptions<T>(), nameof(inputs), nameof(labels));
    }

    /// <summary>The mean loss per sample of <paramref name="network"/> on inputs and their target rows; the parameters are not changed.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network to evaluate.</param>
    /// <param name="inputs">N * InputSize values, sample-major, N ≥ 1.</param>
    /// <param name="targets">N * OutputSize values, sample-major.</param>
    /// <returns>The loss (<see cref="Evaluation.Accuracy"/> and <see cref="Evaluation.ConfusionMatrix"/> are null).</returns>
    /// <exception cref="ArgumentException">A size does not fit the network.</exception>
    public static Evaluation Evaluate<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        ArgumentNullException.ThrowIfNull(network);
        int n = ShapeGuard.BatchSize(inputs.Length, network.InputSize, targets.Length, network.OutputSize, nameof(targets));
        var data = new Data<T>(inputs, targets, default, byLabel: false);
        var evaluator = new Evaluator<T>(network, byLabel: false, SumsOverBatch(network));
        try
        {
            double loss = evaluator.Run(network, data, out _, null);
            return new Evaluation(n, loss, 0, null);
        }
        finally
        {
            evaluator.Return();
        }
    }

    /// <summary>
    /// The mean loss per sample of a classifier on inputs and their class labels (as one-hot target rows), its
    /// accuracy (the largest output, the first of equals, is the predicted class) and its confusion matrix; the
    /// parameters are not changed.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network to evaluate.</param>
    /// <param name="inputs">N * InputSize values, sample-major, N ≥ 1.</param>
    /// <param name="labels">N classes, each in [0, OutputSize).</param>
    /// <returns>The loss, accuracy and confusion matrix.</returns>
    /// <exception cref="ArgumentException">A size does not fit the network, or a label is out of range (the message names the sample).</exception>
    public static Evaluation Evaluate<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        ArgumentNullException.ThrowIfNull(network);
        int n = CheckLabelled(inputs.Length, network.InputSize, labels, network.OutputSize, nameof(inputs), nameof(labels));
        var data = new Data<T>(inputs, default, labels, byLabel: true);
        var evaluator = new Evaluator<T>(network, byLabel: true, SumsOverBatch(network));
        try
        {
            var confusion = new int[network.OutputSize, network.OutputSize];
            double loss = evaluator.Run(network, data, out int correct, confusion);
            return new Evaluation(n, loss, correct, confusion);
        }
        finally
        {
            evaluator.Return();
        }
    }

    private static TrainingReport Run<T>(INetwork<T> network, Data<T> data, FitOptions<T> options, string inputsName, string targetsName)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        // Every check before anything changes.
        int inputSize = network.InputSize, outputSize = network.OutputSize;
        ShapeGuard.AllFinite(data.Inputs, inputSize, inputsName);
        if (!data.ByLabel)
        {
            ShapeGuard.AllFinite(data.Targets, outputSize, targetsName);
        }

        Data<T> validation = SplitValidation(network, options, ref data, out bool validate);
        int n = data.Inputs.Length / inputSize;
        T initialRate = network.LearningRate;
        long started = Stopwatch.GetTimestamp();
        int batch = Math.Min(options.BatchSize, n);
        int stepsPerEpoch = (n + batch - 1) / batch;
        double[]? rates = null;
        var batches = new Batches<T>(data, inputSize, outputSize, batch, shuffle: options.ShuffleSeed is not null);
        Checkpoint<T>? lastEpoch = null, next = null, best = null;
        Evaluator<T>? evaluator = null;
        ShardedSteps<T>? sharded = null;
        try
        {
            rates = ScheduledRates(options, initialRate);
            sharded = ShardedStepsFor(network, options, batch);

            // The fallback on divergence: the network as it starts, which must itself be finite.
            lastEpoch = new Checkpoint<T>(network);
            lastEpoch.Capture(network);
            if (!lastEpoch.IsFinite())
            {
                throw new ArgumentException(
                    "The network's parameters or optimizer state hold a NaN or an infinity before training, so Fit would have nothing finite to fall back on. Give it finite parameters (SetParameters, Load, or a new network); if its optimizer state is at fault, call ResetOptimizer().",
                    nameof(network));
            }

            next = new Checkpoint<T>(network);
            best = options.EarlyStopping is { RestoreBestWeights: true } ? new Checkpoint<T>(network) : null;
            batches.Rent();
            evaluator = validate ? new Evaluator<T>(network, validation.ByLabel, SumsOverBatch(network)) : null;
            var random = new NormalSampler(options.ShuffleSeed ?? 0);
            bool sums = SumsOverBatch(network);
            var history = new List<EpochReport>(options.Epochs);
            var watch = new ValidationWatch(options.EarlyStopping);
            double? lastFinite = null;
            bool stoppedEarly = false;

            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                long epochStarted = Stopwatch.GetTimestamp();
                if (rates is not null)
                {
                    network.LearningRate = OptimizerStateLayout.FromDouble<T>(rates[epoch - 1]);
                }

                batches.Shuffle(ref random);
                double lossSum = 0.0;
                int step = 0;
                for (int first = 0; first < n; first += batch)
                {
                    int m = Math.Min(batch, n - first);
                    step++;
                    batches.Get(first, m, out ReadOnlySpan<T> x, out ReadOnlySpan<T> t);
                    double loss = Step(network, sharded, x, t, epoch, step, lastFinite, lastEpoch, next);
                    lastFinite = loss;
                    lossSum += sums ? loss : loss * m;
                }

                long trained = Stopwatch.GetTimestamp();

                // The epoch's parameters and optimizer state: finite ones become the new fallback, the others mean
                // divergence (an Adam second moment that overflowed would stop its parameter without a NaN loss).
                next.Capture(network);
                if (!next.IsFinite())
                {
                    lastEpoch.Restore(network);
                    throw new TrainingDivergedException(epoch, step, lastFinite ?? double.NaN, lastFinite, parametersNotFinite: true, restoredEpoch: epoch - 1);
                }

                (lastEpoch, next) = (next, lastEpoch);

                double? validationLoss = null, accuracy = null;
                bool stop = false;
                if (evaluator is not null)
                {
                    double vl = evaluator.Run(network, validation, out int correct, null);
                    validationLoss = vl;
                    accuracy = validation.ByLabel ? (double)correct / validation.Labels.Length : null;
                    if (watch.Observe(epoch, vl, out stop) && best is not null)
                    {
                        lastEpoch.CopyTo(best);
                    }
                }

                long ended = Stopwatch.GetTimestamp();
                var report = new EpochReport(
                    epoch,
                    options.Epochs,
                    stepsPerEpoch,
                    n,
                    OptimizerStateLayout.ToDouble(network.LearningRate),
                    lossSum / n,
                    validationLoss,
                    accuracy,
                    Stopwatch.GetElapsedTime(epochStarted, ended),
                    Stopwatch.GetElapsedTime(epochStarted, trained),
                    Stopwatch.GetElapsedTime(started, ended));
                history.Add(report);
                options.Progress?.Report(report);
                if (stop)
                {
                    stoppedEarly = epoch < options.Epochs;
                    break;
                }
            }

            bool restored = false;
            if (best is not null && watch.BestEpoch is int b && b != history.Count)
            {
                best.Restore(network);
                restored = true;
            }

            return new TrainingReport(history, watch.BestEpoch, stoppedEarly, restored, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            if (rates is not null)
            {
                network.LearningRate = initialRate;
                ArrayPool<double>.Shared.Return(rates);
            }

            sharded?.Dispose();
            evaluator?.Return();
            best?.Return();
            next?.Return();
            lastEpoch?.Return();
            batches.Return();
        }
    }

    /// <summary>
    /// The validation data <c>Fit</c> evaluates after each epoch: the options' validation set, or the last part of
    /// <paramref name="data"/> (which then shrinks to the part that trains) under <see cref="FitOptions{T}.ValidationSplit"/>,
    /// Keras's split. Refuses a split beside a validation set, a split that leaves a part empty, and early stopping with
    /// nothing to validate on.
    /// </summary>
    private static Data<T> SplitValidation<T>(INetwork<T> network, FitOptions<T> options, ref Data<T> data, out bool validate)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        int inputSize = network.InputSize, outputSize = network.OutputSize;
        int n = data.Inputs.Length / inputSize;
        Data<T> validation = CheckValidation(network, options);
        validate = options.HasValidation;
        if (options.ValidationSplit > 0.0)
        {
            if (validate)
            {
                throw new ArgumentException(
                    "Give either FitOptions.ValidationSplit or a validation set (ValidationInputs with ValidationTargets or ValidationLabels), not both.", nameof(options));
            }

            // Keras's split: the first ⌊N (1 − split)⌋ samples train, the rest validate.
            int trainOn = (int)Math.Floor(n * (1.0 - options.ValidationSplit));
            if (trainOn < 1 || trainOn >= n)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"FitOptions.ValidationSplit {options.ValidationSplit:R} of {n} samples leaves {trainOn} to train on and {n - trainOn} to validate; each part needs at least one sample."),
                    nameof(options));
            }

            validation = data.Skip(trainOn, inputSize, outputSize);
            data = data.Take(trainOn, inputSize, outputSize);
            validate = true;
        }

        if (options.EarlyStopping is not null && !validate)
        {
            throw new ArgumentException(
                "Early stopping watches the validation loss: give FitOptions.ValidationSplit, or ValidationInputs with ValidationTargets or ValidationLabels.", nameof(options));
        }

        return validation;
    }

    /// <summary>
    /// One training step on a batch, the network's own or in <paramref name="sharded"/> shards, with the fallback on
    /// divergence: a step the network refused, or a loss that is not finite, ends <c>Fit</c> with a
    /// <see cref="TrainingDivergedException"/> after putting back what must be put back.
    /// </summary>
    /// <returns>The step's loss, finite.</returns>
    private static double Step<T>(
        INetwork<T> network, ShardedSteps<T>? sharded, ReadOnlySpan<T> x, ReadOnlySpan<T> t, int epoch, int step, double? lastFinite, Checkpoint<T> lastEpoch, Checkpoint<T> scratch)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        T loss;
        try
        {
            loss = sharded is null ? network.TrainStep(x, t) : sharded.Step(x, t, x.Length / network.InputSize);
        }
        catch (TrainingDivergedException diverged) when (diverged.StepChangedNothing)
        {
            // A generated network refused the step (its loss or gradient was not finite) and holds the parameters and
            // the optimizer state of before it, which agree with each other: leave them, and report the step with its
            // epoch. Unless an earlier update overflowed from a finite gradient (p − η·g, or Adam's g², beyond the
            // largest T) and left an infinity: then put back the last epoch.
            scratch.Capture(network);
            if (scratch.IsFinite())
            {
                throw new TrainingDivergedException(epoch, step, diverged, lastFinite);
            }

            lastEpoch.Restore(network);
            throw new TrainingDivergedException(epoch, step, diverged, lastFinite, restoredEpoch: epoch - 1);
        }

        if (!OptimizerStateLayout.IsFinite(loss))
        {
            lastEpoch.Restore(network);
            throw new TrainingDivergedException(epoch, step, OptimizerStateLayout.ToDouble(loss), lastFinite, parametersNotFinite: false, restoredEpoch: epoch - 1);
        }

        return OptimizerStateLayout.ToDouble(loss);
    }

    /// <summary>
    /// The validation loss over the epochs, as Keras's <c>EarlyStopping</c> watches it: the best epoch (the first whose
    /// loss is not NaN, then any that improves on the best by more than <see cref="EarlyStopping.MinDelta"/>) and the
    /// epochs since, which stop training once they reach <see cref="EarlyStopping.Patience"/>.
    /// </summary>
    private struct ValidationWatch
    {
        private readonly EarlyStopping? _stopping;
        private double _bestLoss;
        private int _sinceImprovement;

        public ValidationWatch(EarlyStopping? stopping)
        {
            _stopping = stopping;
            _bestLoss = double.NaN;
            _sinceImprovement = 0;
            BestEpoch = null;
        }

        /// <summary>The epoch with the best validation loss so far, or null before a loss that is not NaN.</summary>
        public int? BestEpoch { get; private set; }

        /// <summary>Takes epoch <paramref name="epoch"/>'s validation loss; true when it is the new best.</summary>
        public bool Observe(int epoch, double loss, out bool stop)
        {
            double minDelta = _stopping?.MinDelta ?? 0.0;
            if (BestEpoch is null ? !double.IsNaN(loss) : loss < _bestLoss - minDelta)
            {
                BestEpoch = epoch;
                _bestLoss = loss;
                _sinceImprovement = 0;
                stop = false;
                return true;
            }

            _sinceImprovement++;
            stop = _stopping is not null && _sinceImprovement >= _stopping.Patience;
            return false;
        }
    }

    private static void ReturnArray<TItem>(TItem[]? array)
    {
        if (array is not null)
        {
            ArrayPool<TItem>.Shared.Return(array);
        }
    }
}
