using System;

namespace NetGen.Reference;

/// <summary>
/// The logistic sigmoid <c>σ(z) = 1 / (1 + e^(−z))</c> (<c>torch.sigmoid</c>), the tutorial's activation, with
/// <c>σ'(z) = σ(z)(1 − σ(z))</c>, written in terms of the output <c>a</c> as <c>a(1 − a)</c>.
/// </summary>
/// <remarks>
/// Evaluated without overflow: <c>1 / (1 + e^(−z))</c> for <c>z ≥ 0</c> and <c>e^z / (1 + e^z)</c> otherwise, so
/// <c>e</c> is only raised to non-positive powers. Generated code must stay in step with this class.
/// </remarks>
public sealed class Sigmoid : ElementwiseActivation
{
    /// <inheritdoc />
    public override Activation Kind => Activation.Sigmoid;

    /// <summary><c>σ(z)</c>, without overflow at any <paramref name="z"/>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>A value in [0, 1].</returns>
    public static double Of(double z)
    {
        if (z >= 0.0)
        {
            return 1.0 / (1.0 + Math.Exp(-z));
        }

        double e = Math.Exp(z);
        return e / (1.0 + e);
    }

    /// <summary><c>σ(z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>A value in [0, 1].</returns>
    public override double Value(double z) => Of(z);

    /// <summary><c>σ'(z) = a(1 − a)</c> where <c>a = σ(z)</c>.</summary>
    /// <param name="z">The pre-activation (not used).</param>
    /// <param name="a">The activation <c>σ(z)</c>.</param>
    /// <returns><c>a(1 − a)</c>.</returns>
    public override double Derivative(double z, double a) => a * (1.0 - a);
}
