namespace NetGen.Reference;

/// <summary>
/// The absolute error of <c>torch.nn.L1Loss</c>: <c>ℓ = |y − t|</c> per element, gradient <c>sign(y − t)</c>, 0 where
/// <c>y = t</c> (as <c>torch.sign</c>; also 0 for a NaN error, whose loss is NaN); <see cref="Reduction.Mean"/>,
/// PyTorch's default, divides the sum and the gradient by every element, outputs × N.
/// </summary>
/// <remarks>Generated code must stay in step with this class.</remarks>
public sealed class L1Loss : ILoss
{
    private Matrix? _error; // y − t, kept by Forward for Backward

    /// <summary>The absolute error with the given reduction.</summary>
    /// <param name="reduction">How the element losses are combined (PyTorch's default is <see cref="Reduction.Mean"/>).</param>
    public L1Loss(Reduction reduction)
    {
        Reduction = reduction;
    }

    /// <inheritdoc />
    public Loss Kind => Loss.L1;

    /// <inheritdoc />
    public Reduction Reduction { get; }

    /// <summary>False: the loss is taken of the outputs y.</summary>
    public bool TakesLogits => false;

    /// <summary><c>Σ |y − t|</c>, divided by outputs × N for <see cref="Reduction.Mean"/>.</summary>
    /// <param name="input">The outputs y, outputs x N.</param>
    /// <param name="targets">The targets t, outputs x N.</param>
    /// <returns>The reduced loss.</returns>
    public double Forward(Matrix input, Matrix targets)
    {
        _error = ElementwiseLoss.Error(input, targets);
        return ElementwiseLoss.Forward(_error, System.Math.Abs, Reduction);
    }

    /// <summary><c>∂L/∂y = sign(y − t)</c> (0 at 0), divided by outputs × N for <see cref="Reduction.Mean"/>.</summary>
    /// <returns>The gradient, outputs x N.</returns>
    public Matrix Backward() => ElementwiseLoss.Backward(_error, Sign, Reduction);

    /// <summary>1 above 0, −1 below, 0 at 0 (and for NaN, where <see cref="System.Math.Sign(double)"/> throws).</summary>
    internal static double Sign(double e) => e > 0.0 ? 1.0 : e < 0.0 ? -1.0 : 0.0;
}
