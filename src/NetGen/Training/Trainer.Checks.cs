using System;
using System.Buffers;
using System.Globalization;
#if !NETGEN_PORTABLE
using System.Numerics;
#endif
using NetGen.Runtime;

namespace NetGen.Training;

// Trainer's checks of the options before anything changes: the learning-rate schedule, the validation set, labels.
public static partial class Trainer
{
    /// <summary>
    /// Every epoch's learning rate from <see cref="FitOptions{T}.LearningRateSchedule"/>, in a rented array, each checked
    /// to be finite and greater than 0 once rounded to <typeparamref name="T"/>; null without a schedule.
    /// </summary>
    private static double[]? ScheduledRates<T>(FitOptions<T> options, T initialRate)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        if (options.LearningRateSchedule is not { } schedule)
        {
            return null;
        }

        double[] rates = ArrayPool<double>.Shared.Rent(options.Epochs);
        try
        {
            double initial = OptimizerStateLayout.ToDouble(initialRate);
            schedule.Rates<T>(initial, rates.AsSpan(0, options.Epochs));
            for (int e = 0; e < options.Epochs; e++)
            {
                double rate = rates[e];
                T value = OptimizerStateLayout.FromDouble<T>(rate);
                if (!(OptimizerStateLayout.ToDouble(value) > 0) || !OptimizerStateLayout.IsFinite(value))
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"FitOptions.LearningRateSchedule ({schedule}) gives {rate:R} for epoch {e + 1} (index {e}), starting from {initial:R}; every epoch's learning rate must be finite and greater than 0 as a {typeof(T).Name}. Give fewer Epochs, a longer period or a minimum above 0."),
                        nameof(options));
                }
            }

            return rates;
        }
        catch
        {
            ArrayPool<double>.Shared.Return(rates);
            throw;
        }
    }

    private static Data<T> CheckValidation<T>(INetwork<T> network, FitOptions<T> options)
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        if (!options.HasValidation)
        {
            return default;
        }

        const string name = nameof(options);
        ReadOnlySpan<T> inputs = options.ValidationInputs.Span;
        int inputSize = network.InputSize;
        int n = inputs.Length / inputSize;
        if (n < 1 || n * inputSize != inputs.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"FitOptions.ValidationInputs must hold N * {inputSize} values (N ≥ 1 samples of InputSize {inputSize}); got {inputs.Length}."), name);
        }

        if (options.ValidationTargets.IsEmpty == options.ValidationLabels.IsEmpty)
        {
            throw new ArgumentException("Give the validation samples' FitOptions.ValidationTargets or their FitOptions.ValidationLabels, not both.", name);
        }

        ShapeGuard.AllFinite(inputs, inputSize, "FitOptions.ValidationInputs");
        if (!options.ValidationLabels.IsEmpty)
        {
            CheckLabelled(inputs.Length, inputSize, options.ValidationLabels.Span, network.OutputSize, "FitOptions.ValidationInputs", "FitOptions.ValidationLabels");
            return new Data<T>(inputs, default, options.ValidationLabels.Span, byLabel: true);
        }

        ReadOnlySpan<T> targets = options.ValidationTargets.Span;
        if (targets.Length != (long)n * network.OutputSize)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"FitOptions.ValidationTargets must hold {n} * {network.OutputSize} values (a row of OutputSize {network.OutputSize} for each of the {n} samples in ValidationInputs); got {targets.Length}."), name);
        }

        ShapeGuard.AllFinite(targets, network.OutputSize, "FitOptions.ValidationTargets");
        return new Data<T>(inputs, targets, default, byLabel: false);
    }

    /// <summary>Checks inputs of N whole samples (N ≥ 1) with N labels in [0, classes); returns N.</summary>
    private static int CheckLabelled(int inputsLength, int inputSize, ReadOnlySpan<int> labels, int classes, string inputsName, string labelsName) =>
        ClassLabels.Check(inputsLength, inputSize, labels, classes, inputsName, labelsName);
}
