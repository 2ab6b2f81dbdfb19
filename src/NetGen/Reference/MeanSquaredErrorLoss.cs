namespace NetGen.Reference;

/// <summary>
/// The mean squared error of <c>torch.nn.MSELoss</c>: <c>ℓ = (y − t)²</c> per element (no ½), gradient
/// <c>2 (y − t)</c>; <see cref="Reduction.Mean"/>, PyTorch's default, divides the sum and the gradient by every
/// element, outputs × N.
/// </summary>
/// <remarks>Generated code must stay in step with this class.</remarks>
public sealed class MeanSquaredErrorLoss : ILoss
{
    private Matrix? _error; // y − t, kept by Forward for Backward

    /// <summary>The mean squared error with the given reduction.</summary>
    /// <param name="reduction">How the element losses are combined (PyTorch's default is <see cref="Reduction.Mean"/>).</param>
    public MeanSquaredErrorLoss(Reduction reduction)
    {
        Reduction = reduction;
    }

    /// <inheritdoc />
    public Loss Kind => Loss.MeanSquaredError;

    /// <inheritdoc />
    public Reduction Reduction { get; }

    /// <summary>False: the loss is taken of the outputs y.</summary>
    public bool TakesLogits => false;

    /// <summary><c>Σ (y − t)²</c>, divided by outputs × N for <see cref="Reduction.Mean"/>.</summary>
    /// <param name="input">The outputs y, outputs x N.</param>
    /// <param name="targets">The targets t, outputs x N.</param>
    /// <returns>The reduced loss.</returns>
    public double Forward(Matrix input, Matrix targets)
    {
        _error = ElementwiseLoss.Error(input, targets);
        return ElementwiseLoss.Forward(_error, e => e * e, Reduction);
    }

    /// <summary><c>∂L/∂y = 2 (y − t)</c>, divided by outputs × N for <see cref="Reduction.Mean"/>.</summary>
    /// <returns>The gradient, outputs x N.</returns>
    public Matrix Backward() => ElementwiseLoss.Backward(_error, e => e + e, Reduction);
}
