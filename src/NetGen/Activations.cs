using System;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>The tutorial's activation, the logistic sigmoid, as generated code computes it one value at a time.</summary>
public static class Activations
{
    /// <summary>
    /// The logistic sigmoid <c>σ(z) = 1 / (1 + e^(−z))</c>, evaluated without overflow: for <c>z ≥ 0</c> as
    /// <c>1 / (1 + e^(−z))</c>, otherwise as <c>e^z / (1 + e^z)</c>, so <c>e</c> is only ever raised to a
    /// non-positive power and large <c>|z|</c> gives 0 or 1 rather than NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z)
    {
        if (z >= 0.0)
        {
            return 1.0 / (1.0 + Math.Exp(-z));
        }

        double e = Math.Exp(z);
        return e / (1.0 + e);
    }

    /// <summary>The derivative of the sigmoid written in terms of its output: <c>σ'(z) = a (1 − a)</c> where <c>a = σ(z)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SigmoidDerivativeFromOutput(double a) => a * (1.0 - a);

    /// <summary>The logistic sigmoid in single precision, evaluated like <see cref="Sigmoid(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z)
    {
        if (z >= 0f)
        {
            return 1f / (1f + MathF.Exp(-z));
        }

        float e = MathF.Exp(z);
        return e / (1f + e);
    }
}
