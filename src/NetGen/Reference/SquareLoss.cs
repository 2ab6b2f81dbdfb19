using System;

namespace NetGen.Reference;

/// <summary>
/// The square loss <c>L = ½ Σ (y − t)²</c> over every output of every sample, and its gradient <c>y − t</c>;
/// with <see cref="Reduction.Mean"/>, <c>L = ½ Σ (y − t)² / N</c> and gradient <c>(y − t) / N</c> for N samples.
/// </summary>
/// <remarks>
/// <para>The tutorial's <c>SquareLoss.forward</c> prints this sum divided by the batch size, while its backward pass
/// returns <c>y − t</c>, the gradient of the undivided sum. NetGen returns the undivided sum by default, so the loss
/// and the gradient belong together.</para>
/// <para>PyTorch has no twin of this loss: <c>torch.nn.MSELoss</c> has no ½, and its <c>'mean'</c> divides by every
/// element (N · outputs), not by N. <c>MSELoss(reduction='sum')</c> is twice <see cref="Reduction.Sum"/>'s value.</para>
/// <para>Generated code must stay in step with this class.</para>
/// </remarks>
public sealed class SquareLoss : ILoss
{
    private Matrix? _difference; // y − t, kept by Forward for Backward

    /// <summary>The tutorial's loss, summed over the batch.</summary>
    public SquareLoss()
        : this(Reduction.Sum)
    {
    }

    /// <summary>The square loss with the given reduction.</summary>
    /// <param name="reduction"><see cref="Reduction.Sum"/>, or <see cref="Reduction.Mean"/> to divide by the number of samples N.</param>
    public SquareLoss(Reduction reduction)
    {
        Reduction = reduction;
    }

    /// <inheritdoc />
    public Loss Kind => Loss.Square;

    /// <inheritdoc />
    public Reduction Reduction { get; }

    /// <summary>False: the square loss is taken of the outputs y.</summary>
    public bool TakesLogits => false;

    /// <summary><c>½ Σ (y − t)²</c>, divided by N for <see cref="Reduction.Mean"/>.</summary>
    /// <param name="input">The outputs y, outputs x N.</param>
    /// <param name="targets">The targets t, outputs x N.</param>
    /// <returns>The reduced loss.</returns>
    public double Forward(Matrix input, Matrix targets)
    {
        ArgumentNullException.ThrowIfNull(input);
        _difference = Matrix.Zip(input, targets, (a, b) => a - b);
        double sum = 0.5 * _difference.Map(d => d * d).Sum();
        return Reduction == Reduction.Mean ? sum / input.Columns : sum;
    }

    /// <summary><c>∂L/∂y = y − t</c>, divided by N for <see cref="Reduction.Mean"/>.</summary>
    /// <returns>The gradient, outputs x N.</returns>
    public Matrix Backward()
    {
        Matrix difference = _difference ?? throw new InvalidOperationException("Backward needs a Forward first.");
        int n = difference.Columns;
        return Reduction == Reduction.Mean ? difference.Map(d => d / n) : difference;
    }
}
