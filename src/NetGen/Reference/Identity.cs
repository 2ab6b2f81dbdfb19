namespace NetGen.Reference;

/// <summary>The identity <c>a = z</c> (a linear layer, <c>torch.nn.Identity</c>), with derivative 1.</summary>
/// <remarks>Generated code must stay in step with this class.</remarks>
public sealed class Identity : ElementwiseActivation
{
    /// <inheritdoc />
    public override Activation Kind => Activation.Identity;

    /// <summary><c>z</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns><paramref name="z"/>.</returns>
    public override double Value(double z) => z;

    /// <summary>1.</summary>
    /// <param name="z">The pre-activation (not used).</param>
    /// <param name="a">The activation (not used).</param>
    /// <returns>1.</returns>
    public override double Derivative(double z, double a) => 1.0;
}
