using System;

namespace NetGen.Reference;

/// <summary>
/// The Gaussian error linear unit in its exact form (<c>torch.nn.GELU()</c>, <c>approximate='none'</c>):
/// <c>a = z · Φ(z) = ½ z (1 + erf(z / √2))</c>, with <c>GELU'(z) = Φ(z) + z · φ(z)</c>, <c>φ(z) = e^(−z²/2) / √(2π)</c>,
/// written from z as ATen's <c>GeluBackward</c> writes it. erf is NetGen's own (.NET has none; see
/// NetGen.Runtime.ErfFunction: within 1 ulp of Python's <c>math.erf</c> in double).
/// </summary>
/// <remarks>Generated code must stay in step with this class.</remarks>
public sealed class GELU : ElementwiseActivation
{
    /// <inheritdoc />
    public override Activation Kind => Activation.GELU;

    /// <summary><c>½ z (1 + erf(z / √2))</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    public override double Value(double z) => z * 0.5 * (1.0 + Runtime.ErfFunction.Scalar(z / Math.Sqrt(2.0)));

    /// <summary><c>Φ(z) + z · φ(z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation (not used: GELU's derivative is written from z).</param>
    /// <returns>The derivative at <paramref name="z"/>.</returns>
    public override double Derivative(double z, double a)
    {
        double cdf = 0.5 * (1.0 + Runtime.ErfFunction.Scalar(z / Math.Sqrt(2.0)));
        double pdf = Math.Exp(-0.5 * z * z) / Math.Sqrt(2.0 * Math.PI);
        return cdf + (z * pdf);
    }
}
