using System;

namespace NetGen.Reference;

/// <summary>
/// The sigmoid-weighted linear unit (<c>torch.nn.SiLU</c>): <c>a = z · σ(z)</c>, with
/// <c>SiLU'(z) = σ(z) (1 + z (1 − σ(z)))</c>, written from z as ATen's <c>silu_backward</c> writes it.
/// </summary>
/// <remarks>Generated code must stay in step with this class.</remarks>
public sealed class SiLU : ElementwiseActivation
{
    /// <inheritdoc />
    public override Activation Kind => Activation.SiLU;

    /// <summary><c>z · σ(z)</c>, with the sigmoid evaluated without overflow.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    public override double Value(double z) => z * Activations.Sigmoid(z);

    /// <summary><c>σ(z) (1 + z (1 − σ(z)))</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation (not used: SiLU's derivative is written from z).</param>
    /// <returns>The derivative at <paramref name="z"/>.</returns>
    public override double Derivative(double z, double a)
    {
        double s = Activations.Sigmoid(z);
        return s * (1.0 + (z * (1.0 - s)));
    }
}
