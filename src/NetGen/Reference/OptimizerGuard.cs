using System;

namespace NetGen.Reference;

/// <summary>The argument checks the optimizers share.</summary>
internal static class OptimizerGuard
{
    public static void LearningRate(double value, string name)
    {
        if (!(value > 0.0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "The learning rate must be finite and greater than 0.");
        }
    }

    public static void NonNegative(double value, string name, string what)
    {
        if (!(value >= 0.0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{what} must be finite and at least 0.");
        }
    }

    public static void Beta(double value, string name)
    {
        if (!(value >= 0.0 && value < 1.0))
        {
            throw new ArgumentOutOfRangeException(name, value, "A beta must be in [0, 1).");
        }
    }

    public static void Positive(double value, string name, string what)
    {
        if (!(value > 0.0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{what} must be finite and greater than 0.");
        }
    }

    public static void Count(int parameterCount)
    {
        if (parameterCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parameterCount), parameterCount, "An optimizer needs at least 1 parameter.");
        }
    }

    public static void Lengths(int expected, Span<double> parameters, ReadOnlySpan<double> gradients)
    {
        if (parameters.Length != expected || gradients.Length != expected)
        {
            throw new ArgumentException(
                $"parameters and gradients must each hold exactly {expected} values (the optimizer's parameter count); got {parameters.Length} and {gradients.Length}.");
        }
    }
}
