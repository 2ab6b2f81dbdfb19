using System.Globalization;

namespace NetGen;

/// <summary>
/// Checks of options that do not belong to one optimizer, with their words, shared by the generator (a diagnostic at
/// the attribute's argument) and by <see cref="Reference.ReferenceOptions"/> and <see cref="NetworkDescription"/> (an
/// exception), so both say the same. This file is compiled into the generator as well.
/// </summary>
internal static class OptionRules
{
    /// <summary>What is wrong with <paramref name="dropout"/> for a network of <paramref name="hiddenLayers"/> hidden layers, or null.</summary>
    public static string? DropoutProblem(double dropout, int hiddenLayers)
    {
        if (!(dropout >= 0.0 && dropout < 1.0))
        {
            return "Dropout, the probability of zeroing a hidden unit's output in a training step, must be at least 0 and below 1; got "
                + dropout.ToString("R", CultureInfo.InvariantCulture) + ". Use a value such as 0.5, or 0 for none.";
        }

        if (dropout > 0.0 && hiddenLayers == 0)
        {
            return "Dropout acts on the hidden layers' outputs, and this network has no hidden layer. Remove Dropout, or add a hidden layer size.";
        }

        return null;
    }

    /// <summary>True when <paramref name="dropout"/> is out of range (as opposed to set on a network without hidden layers).</summary>
    public static bool DropoutOutOfRange(double dropout) => !(dropout >= 0.0 && dropout < 1.0);
}
