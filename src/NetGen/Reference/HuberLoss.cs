using System;

namespace NetGen.Reference;

/// <summary>
/// The Huber loss of <c>torch.nn.HuberLoss</c> with threshold δ: with <c>x = y − t</c>, <c>ℓ = ½ x²</c> for
/// <c>|x| &lt; δ</c> and <c>δ (|x| − ½ δ)</c> otherwise, per element; gradient x clamped to [−δ, δ] (ATen's
/// <c>huber_loss_backward</c>). <see cref="Reduction.Mean"/>, PyTorch's default, divides the sum and the gradient by
/// every element, outputs × N.
/// </summary>
/// <remarks>Generated code must stay in step with this class.</remarks>
public sealed class HuberLoss : ILoss
{
    private Matrix? _error; // y − t, kept by Forward for Backward

    /// <summary>The Huber loss with the given reduction and threshold.</summary>
    /// <param name="reduction">How the element losses are combined (PyTorch's default is <see cref="Reduction.Mean"/>).</param>
    /// <param name="delta">The threshold δ between the quadratic and the linear part (PyTorch's default 1), finite and greater than 0.</param>
    /// <exception cref="ArgumentException"><paramref name="delta"/> is not finite and greater than 0.</exception>
    public HuberLoss(Reduction reduction, double delta)
    {
        if (!(delta > 0.0) || double.IsInfinity(delta))
        {
            throw new ArgumentException($"HuberDelta must be finite and greater than 0; got {delta}.", nameof(delta));
        }

        Reduction = reduction;
        Delta = delta;
    }

    /// <inheritdoc />
    public Loss Kind => Loss.Huber;

    /// <inheritdoc />
    public Reduction Reduction { get; }

    /// <summary>The threshold δ.</summary>
    public double Delta { get; }

    /// <summary>False: the loss is taken of the outputs y.</summary>
    public bool TakesLogits => false;

    /// <summary><c>Σ ℓ(y − t)</c>, divided by outputs × N for <see cref="Reduction.Mean"/>.</summary>
    /// <param name="input">The outputs y, outputs x N.</param>
    /// <param name="targets">The targets t, outputs x N.</param>
    /// <returns>The reduced loss.</returns>
    public double Forward(Matrix input, Matrix targets)
    {
        _error = ElementwiseLoss.Error(input, targets);
        double delta = Delta;
        return ElementwiseLoss.Forward(_error, x => Math.Abs(x) < delta ? 0.5 * (x * x) : delta * (Math.Abs(x) - (0.5 * delta)), Reduction);
    }

    /// <summary><c>∂L/∂y = clamp(y − t, −δ, δ)</c>, divided by outputs × N for <see cref="Reduction.Mean"/>.</summary>
    /// <returns>The gradient, outputs x N.</returns>
    public Matrix Backward()
    {
        double delta = Delta;
        return ElementwiseLoss.Backward(_error, x => x >= delta ? delta : x <= -delta ? -delta : x, Reduction);
    }
}
