namespace NetGen.Reference;

/// <summary>
/// The square loss <c>L = ½ Σ (y − t)²</c> over every output of every sample, and its gradient <c>y − t</c>.
/// </summary>
/// <remarks>
/// The tutorial's <c>SquareLoss.forward</c> prints this sum divided by the batch size, while its backward pass
/// returns <c>y − t</c>, the gradient of the undivided sum. NetGen returns the undivided sum, so the loss and
/// the gradient belong together.
/// </remarks>
public sealed class SquareLoss
{
    private Matrix? _difference; // y − t, kept by Forward for Backward

    /// <summary><c>½ Σ (y − t)²</c>.</summary>
    public double Forward(Matrix y, Matrix t)
    {
        _difference = Matrix.Zip(y, t, (a, b) => a - b);
        return 0.5 * _difference.Map(d => d * d).Sum();
    }

    /// <summary><c>∂L/∂y = y − t</c>.</summary>
    public Matrix Backward() => _difference ?? throw new System.InvalidOperationException("Backward needs a Forward first.");
}
