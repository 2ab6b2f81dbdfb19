namespace NetGen.Reference;

/// <summary>
/// The rectifier <c>a = max(0, z)</c> (<c>torch.relu</c>), with derivative 1 for <c>z &gt; 0</c> and 0 for
/// <c>z ≤ 0</c>: at 0 the derivative is taken as 0, as PyTorch takes it.
/// </summary>
/// <remarks>Generated code must stay in step with this class.</remarks>
public sealed class ReLU : ElementwiseActivation
{
    /// <inheritdoc />
    public override Activation Kind => Activation.ReLU;

    /// <summary><c>z</c> if <c>z &gt; 0</c>, otherwise 0.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns><c>max(0, z)</c>.</returns>
    public override double Value(double z) => z > 0.0 ? z : 0.0;

    /// <summary>1 if <c>z &gt; 0</c>, otherwise 0 (so 0 at <c>z = 0</c>).</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="a">The activation (not used).</param>
    /// <returns>0 or 1.</returns>
    public override double Derivative(double z, double a) => z > 0.0 ? 1.0 : 0.0;
}
