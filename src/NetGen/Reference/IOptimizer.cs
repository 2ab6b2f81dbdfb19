using System;

namespace NetGen.Reference;

/// <summary>
/// An update rule for a flat parameter vector, as <c>torch.optim</c> defines it: <see cref="Step"/> applies one update
/// from the gradient, keeping whatever state the rule needs (allocated once, for a fixed parameter count), and
/// <see cref="Reset"/> returns that state to how a new optimizer starts.
/// </summary>
/// <remarks>
/// Every rule works element by element, so updating the flat vector gives the same numbers as PyTorch updating one
/// tensor per layer. Generated code must stay in step with the classes that implement this interface.
/// </remarks>
public interface IOptimizer
{
    /// <summary>Which <see cref="Optimizer"/> this is.</summary>
    Optimizer Kind { get; }

    /// <summary>The step size (<c>lr</c>), used by every following <see cref="Step"/>; finite and greater than 0.</summary>
    double LearningRate { get; set; }

    /// <summary>Updates <paramref name="parameters"/> in place from <paramref name="gradients"/>.</summary>
    /// <param name="parameters">Every parameter, in the network's flat order.</param>
    /// <param name="gradients">∂L/∂p for every parameter, in the same order (not changed).</param>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradients);

    /// <summary>Forgets every step taken: the state becomes that of a new optimizer.</summary>
    void Reset();

    /// <summary>
    /// The number of values <see cref="GetState"/> writes: 2 for the step count t (<c>t mod 2^24</c>, then
    /// <c>⌊t / 2^24⌋</c>, both exact in any precision), then the optimizer's per-parameter buffers in the flat parameter
    /// order: SGD's momentum buffer (only with momentum), or Adam's first moment m followed by its second moment v.
    /// </summary>
    int StateLength { get; }

    /// <summary>Copies the step count and buffers into <paramref name="destination"/>, flattened as <see cref="StateLength"/> describes.</summary>
    /// <param name="destination">Exactly <see cref="StateLength"/> values, overwritten.</param>
    void GetState(Span<double> destination);

    /// <summary>Replaces the step count and buffers from <paramref name="source"/>, after checking every value.</summary>
    /// <param name="source">Exactly <see cref="StateLength"/> values, flattened as <see cref="StateLength"/> describes.</param>
    /// <exception cref="ArgumentException">The length is wrong or a value is invalid; nothing is changed.</exception>
    void SetState(ReadOnlySpan<double> source);
}
