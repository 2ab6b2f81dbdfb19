using System.Globalization;

namespace NetGen;

/// <summary>
/// The range of every numeric option of a network, with its words, shared by the generator (a diagnostic at the
/// attribute's argument: NG0005, NG0031, NG0032, NG0033, NG0038, NG0041, NG0044, NG0046, NG0047) and by
/// <see cref="Reference.ReferenceOptions"/> and <see cref="NetworkDescription"/> (an <see cref="System.ArgumentException"/>),
/// so both say the same. This file is compiled into the generator as well.
/// </summary>
internal static class OptionRules
{
    // The defaults of the options that are not an optimizer's (OptimizerRule holds those: learning rate, ε, weight
    // decay), read by NetworkAttribute, ReferenceOptions, NetworkDescription, the file format and the generator alike.

    /// <summary>LeakyReLU's negative slope (PyTorch's).</summary>
    public const double DefaultLeakySlope = 0.01;

    /// <summary>ELU's α (PyTorch's).</summary>
    public const double DefaultEluAlpha = 1.0;

    /// <summary>The Huber loss's δ (PyTorch's).</summary>
    public const double DefaultHuberDelta = 1.0;

    /// <summary>Adam's and AdamW's β1 and β2 (PyTorch's).</summary>
    public const double DefaultBeta1 = 0.9, DefaultBeta2 = 0.999;

    /// <summary>RMSprop's smoothing constant α (PyTorch's).</summary>
    public const double DefaultAlpha = 0.99;

    /// <summary>The reduction a loss has unless set: the tutorial's sum for <see cref="Loss.Square"/>, PyTorch's mean for every other.</summary>
    public static Reduction DefaultReduction(Loss loss) => loss == Loss.Square ? Reduction.Sum : Reduction.Mean;

    private enum Range
    {
        GreaterThanZero,
        AtLeastZero,
        ZeroToOne,
    }

    /// <summary>What is wrong with <paramref name="value"/> for the numeric option <paramref name="option"/>, or null.</summary>
    /// <param name="option">LearningRate, Momentum, WeightDecay, LeakySlope, Beta1, Beta2, Epsilon, Alpha, HuberDelta or EluAlpha.</param>
    /// <param name="value">The value as given.</param>
    /// <param name="single">Whether the network computes in float, where the value must hold after rounding to float.</param>
    public static string? Problem(string option, double value, bool single = false)
    {
        (Range range, string example, string what) = option switch
        {
            "LearningRate" => (Range.GreaterThanZero, "0.1", string.Empty),
            "Momentum" => (Range.AtLeastZero, "0.9", string.Empty),
            "WeightDecay" => (Range.AtLeastZero, "0.01", string.Empty),
            "LeakySlope" => (Range.AtLeastZero, "0.01", string.Empty),
            "Beta1" => (Range.ZeroToOne, "0.9", string.Empty),
            "Beta2" => (Range.ZeroToOne, "0.999", string.Empty),
            "Epsilon" => (Range.GreaterThanZero, "1e-08", string.Empty),
            "Alpha" => (Range.ZeroToOne, "0.99", ", RMSprop's smoothing constant,"),
            "HuberDelta" => (Range.GreaterThanZero, "1.0 (PyTorch's default)", string.Empty),
            "EluAlpha" => (Range.GreaterThanZero, "1.0 (PyTorch's default)", string.Empty),
            _ => throw new System.ArgumentOutOfRangeException(nameof(option), option, "not a numeric option"),
        };

        double inType = single ? (float)value : value;
        bool valid = range switch
        {
            Range.GreaterThanZero => inType > 0.0 && !double.IsInfinity(inType),
            Range.AtLeastZero => inType >= 0.0 && !double.IsInfinity(inType),
            _ => inType >= 0.0 && inType < 1.0,
        };
        if (valid)
        {
            return null;
        }

        string rule = range switch
        {
            Range.GreaterThanZero => "must be finite and greater than 0",
            Range.AtLeastZero => "must be finite and at least 0",
            _ => "must be in [0, 1)",
        };
        string got = Text(value) + (single && !inType.Equals(value) ? ", which is " + Text(inType) + " in float (Precision.Single)" : string.Empty);
        return option + what + " " + rule + "; got " + got + ". Use a value such as " + example + ".";
    }

    /// <summary>What is wrong with <paramref name="dropout"/> for a network of <paramref name="hiddenLayers"/> hidden layers, or null.</summary>
    public static string? DropoutProblem(double dropout, int hiddenLayers)
    {
        if (DropoutOutOfRange(dropout))
        {
            return "Dropout, the probability of zeroing a hidden unit's output in a training step, must be at least 0 and below 1; got "
                + Text(dropout) + ". Use a value such as 0.5, or 0 for none.";
        }

        if (dropout > 0.0 && hiddenLayers == 0)
        {
            return "Dropout acts on the hidden layers' outputs, and this network has no hidden layer. Remove Dropout, or add a hidden layer size.";
        }

        return null;
    }

    /// <summary>True when <paramref name="dropout"/> is out of range (as opposed to set on a network without hidden layers).</summary>
    public static bool DropoutOutOfRange(double dropout) => !(dropout >= 0.0 && dropout < 1.0);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
