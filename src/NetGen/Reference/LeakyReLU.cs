using System;

namespace NetGen.Reference;

/// <summary>
/// The leaky rectifier (<c>torch.nn.LeakyReLU(negative_slope)</c>): <c>a = z</c> for <c>z &gt; 0</c> and
/// <c>a = slope · z</c> otherwise; its derivative is 1 for <c>z &gt; 0</c> and <c>slope</c> for <c>z ≤ 0</c> (at 0 it
/// is <c>slope</c>, as PyTorch's <c>leaky_relu_backward</c> takes it).
/// </summary>
/// <remarks>Generated code must stay in step with this class.</remarks>
public sealed class LeakyReLU : ElementwiseActivation
{
    /// <summary>A leaky rectifier with the given negative slope (PyTorch's default is 0.01).</summary>
    /// <param name="slope">The slope for <c>z ≤ 0</c>: finite and at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slope"/> is negative, NaN or infinite.</exception>
    public LeakyReLU(double slope = 0.01)
    {
        if (!(slope >= 0.0) || double.IsInfinity(slope))
        {
            throw new ArgumentOutOfRangeException(nameof(slope), slope, "The LeakyReLU slope must be finite and at least 0.");
        }

        Slope = slope;
    }

    /// <summary>The slope for <c>z ≤ 0</c>.</summary>
    public double Slope { get; }

    /// <inheritdoc />
    public override Activation Kind => Activation.LeakyReLU;

    /// <summary><c>z</c> if <c>z &gt; 0</c>, otherwise <c>slope · z</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The activation.</returns>
    public override double Value(double z) => z > 0.0 ? z : Slope * z;

    /// <summary>1 if <c>z &gt; 0</c>, otherwise <c>slope</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation (not used).</param>
    /// <returns>1 or <see cref="Slope"/>.</returns>
    public override double Derivative(double z, double a) => z > 0.0 ? 1.0 : Slope;
}
