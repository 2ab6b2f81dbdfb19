namespace NetGen.Reference;

/// <summary>
/// A loss over a batch (one column per sample) and its gradient, reduced over the batch by <see cref="Reduction"/>:
/// <see cref="Forward"/> returns the reduced loss and <see cref="Backward"/> the gradient of that reduced loss.
/// </summary>
/// <remarks>Generated code must stay in step with the classes that implement this interface.</remarks>
public interface ILoss
{
    /// <summary>Which <see cref="Loss"/> this is.</summary>
    Loss Kind { get; }

    /// <summary>How the per-sample losses are combined.</summary>
    Reduction Reduction { get; }

    /// <summary>
    /// Whether the loss is computed from the output layer's pre-activations (logits) z rather than its outputs a:
    /// then <see cref="Forward"/> takes z, <see cref="Backward"/> returns <c>∂L/∂z</c>, and the output activation's own
    /// backward pass is folded into the loss.
    /// </summary>
    bool TakesLogits { get; }

    /// <summary>The reduced loss of a batch.</summary>
    /// <param name="input">The output layer's activations a, or its logits z when <see cref="TakesLogits"/>; outputs x N.</param>
    /// <param name="targets">The targets, outputs x N.</param>
    /// <returns>The loss, reduced over the batch.</returns>
    double Forward(Matrix input, Matrix targets);

    /// <summary>The gradient of the reduced loss with respect to <see cref="Forward"/>'s input (a, or z when <see cref="TakesLogits"/>).</summary>
    /// <returns>A matrix shaped like the input, outputs x N.</returns>
    Matrix Backward();
}
