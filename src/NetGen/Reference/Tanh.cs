using System;

namespace NetGen.Reference;

/// <summary>
/// The hyperbolic tangent <c>a = tanh(z)</c> (<c>torch.tanh</c>), with <c>tanh'(z) = 1 − a²</c> written in terms of the
/// output, as PyTorch's <c>tanh_backward</c> computes it.
/// </summary>
/// <remarks>Generated code must stay in step with this class.</remarks>
public sealed class Tanh : ElementwiseActivation
{
    /// <inheritdoc />
    public override Activation Kind => Activation.Tanh;

    /// <summary><c>tanh(z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>A value in [−1, 1].</returns>
    public override double Value(double z) => Math.Tanh(z);

    /// <summary><c>1 − a²</c> where <c>a = tanh(z)</c>.</summary>
    /// <param name="z">The pre-activation (not used).</param>
    /// <param name="a">The activation <c>tanh(z)</c>.</param>
    /// <returns><c>1 − a · a</c>.</returns>
    public override double Derivative(double z, double a) => 1.0 - (a * a);
}
