using System;

namespace NetGen.Reference;

/// <summary>
/// The exponential linear unit (<c>torch.nn.ELU(alpha)</c>): <c>a = z</c> for <c>z &gt; 0</c> and <c>a = α (e^z − 1)</c>
/// otherwise; its derivative is 1 for <c>z &gt; 0</c> and <c>α e^z</c> for <c>z ≤ 0</c>, from z, as PyTorch's
/// <c>elu_backward</c> takes it when not given the result (so α at z = 0).
/// </summary>
/// <remarks>Generated code must stay in step with this class.</remarks>
public sealed class ELU : ElementwiseActivation
{
    /// <summary>An ELU with the given α (PyTorch's default is 1).</summary>
    /// <param name="alpha">α: finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not greater than 0, NaN or infinite.</exception>
    public ELU(double alpha = 1.0)
    {
        if (!(alpha > 0.0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The ELU alpha must be finite and greater than 0.");
        }

        Alpha = alpha;
    }

    /// <summary>α, the value <c>a</c> tends to, negated, as z → −∞.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public override Activation Kind => Activation.ELU;

    /// <summary><c>z</c> if <c>z &gt; 0</c>, otherwise <c>α (e^z − 1)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    public override double Value(double z) => z > 0.0 ? z : Alpha * (Math.Exp(z) - 1.0);

    /// <summary>1 if <c>z &gt; 0</c>, otherwise <c>α e^z</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation (not used: the derivative is written from z).</param>
    /// <returns>The derivative at <paramref name="z"/>.</returns>
    public override double Derivative(double z, double a) => z > 0.0 ? 1.0 : Alpha * Math.Exp(z);
}
