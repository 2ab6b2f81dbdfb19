using System;

namespace NetGen.Training;

/// <summary>
/// Stops training once the validation loss has not improved for <see cref="Patience"/> epochs in a row, and then puts
/// back the parameters of the epoch with the lowest validation loss: Keras's <c>EarlyStopping(monitor="val_loss",
/// restore_best_weights=True)</c>, scikit-learn's <c>n_iter_no_change</c>.
/// </summary>
/// <remarks>
/// An epoch improves when its validation loss is lower than the best so far by more than <see cref="MinDelta"/>
/// (<c>loss &lt; best − MinDelta</c>); the first epoch always does. A NaN validation loss never improves.
/// </remarks>
public sealed class EarlyStopping
{
    private readonly int _patience = 10;
    private readonly double _minDelta;

    /// <summary>
    /// How many epochs in a row without improvement end training (default 10, scikit-learn's <c>n_iter_no_change</c>);
    /// at least 1. With 1, training stops at the first epoch that does not improve.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Patience
    {
        get => _patience;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(Patience));
            _patience = value;
        }
    }

    /// <summary>How much lower than the best validation loss so far a loss must be to count as an improvement (default 0, Keras's <c>min_delta</c>); finite and at least 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public double MinDelta
    {
        get => _minDelta;
        init
        {
            if (!(value >= 0.0) || double.IsPositiveInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(MinDelta), value, "MinDelta must be finite and at least 0.");
            }

            _minDelta = value;
        }
    }

    /// <summary>
    /// Whether training ends with the parameters of the epoch with the lowest validation loss (default true, as
    /// Keras's <c>restore_best_weights=True</c>), whether it stopped early or ran every epoch; false keeps the last
    /// epoch's. A network that gives its optimizer state (<see cref="IPersistentNetwork{T}"/>: every generated network)
    /// gets that epoch's state back with them, where Keras keeps the optimizer's latest, so that a saved network resumes
    /// from parameters and state that belong together.
    /// </summary>
    public bool RestoreBestWeights { get; init; } = true;
}
