using System;

namespace NetGen;

/// <summary>
/// A fully connected network computing in <typeparamref name="T"/>, trained on a batch's loss by its optimizer: the
/// activations, loss and update rule are those its declaration names (unset, the tutorial's sigmoid layers, square
/// loss <c>L = ½ Σ_samples Σ_outputs (y − t)²</c> and plain gradient descent). Generated
/// <c>Precision = Precision.Single</c> networks implement <c>INetwork&lt;float&gt;</c>; double networks and
/// <see cref="Reference.ReferenceNetwork"/> implement <see cref="INetwork"/>, which is <c>INetwork&lt;double&gt;</c>.
/// </summary>
/// <remarks>
/// <para>Batches are sample-major: sample <c>s</c> occupies <c>inputs[s * InputSize .. (s + 1) * InputSize)</c>
/// and <c>targets[s * OutputSize .. (s + 1) * OutputSize)</c>.</para>
/// <para>The flat parameter order (used by <see cref="GetParameters"/>, <see cref="SetParameters"/> and
/// <see cref="ComputeGradients"/>) is layer by layer: the weight matrix <c>W_l</c> (inputs x outputs) row-major,
/// so index <c>i * outputs + j</c> is the weight from input <c>i</c> to unit <c>j</c>, then the biases <c>b_l</c>.</para>
/// <para>A span of the wrong length throws <see cref="ArgumentException"/> naming the expected and actual
/// sizes, and nothing is changed.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface INetwork<T>
    where T : unmanaged
{
    /// <summary>The number of inputs of one sample.</summary>
    int InputSize { get; }

    /// <summary>The number of outputs of one sample.</summary>
    int OutputSize { get; }

    /// <summary>The number of weights and biases.</summary>
    int ParameterCount { get; }

    /// <summary>The step size used by <see cref="TrainStep"/> and <see cref="Train"/>; finite and greater than 0.</summary>
    T LearningRate { get; set; }

    /// <summary>Computes the outputs of one sample.</summary>
    /// <param name="input">Exactly <see cref="InputSize"/> values.</param>
    /// <param name="output">Exactly <see cref="OutputSize"/> values, overwritten.</param>
    void Forward(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>Computes the outputs of a batch of N ≥ 1 samples.</summary>
    /// <param name="inputs">N * <see cref="InputSize"/> values, sample-major.</param>
    /// <param name="outputs">N * <see cref="OutputSize"/> values, overwritten.</param>
    void Predict(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <summary>Computes the loss of a batch and its exact gradient with respect to every parameter.</summary>
    /// <param name="inputs">N * <see cref="InputSize"/> values, sample-major, N ≥ 1.</param>
    /// <param name="targets">N * <see cref="OutputSize"/> values, sample-major.</param>
    /// <param name="gradients">Exactly <see cref="ParameterCount"/> values in the flat parameter order, overwritten.</param>
    /// <returns>The batch's loss, reduced as the network's loss and reduction define it (the tutorial's: <c>½ Σ (y − t)²</c> summed over the batch).</returns>
    T ComputeGradients(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradients);

    /// <summary>
    /// One full-batch step: computes the loss and exact gradient with the current parameters, then updates every parameter
    /// by the network's optimizer with <see cref="LearningRate"/> (the tutorial's plain gradient descent: <c>p -= LearningRate * grad</c>).
    /// </summary>
    /// <param name="inputs">N * <see cref="InputSize"/> values, sample-major, N ≥ 1.</param>
    /// <param name="targets">N * <see cref="OutputSize"/> values, sample-major.</param>
    /// <returns>The loss before the update.</returns>
    T TrainStep(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets);

    /// <summary>Copies every parameter, in the flat order, into <paramref name="destination"/> (exactly <see cref="ParameterCount"/> values).</summary>
    void GetParameters(Span<T> destination);

    /// <summary>Replaces every parameter, in the flat order, from <paramref name="source"/> (exactly <see cref="ParameterCount"/> values).</summary>
    void SetParameters(ReadOnlySpan<T> source);

    /// <summary>Runs <paramref name="iterations"/> (at least 1) full-batch <see cref="TrainStep"/>s.</summary>
    /// <param name="inputs">N * <see cref="InputSize"/> values, sample-major, N ≥ 1.</param>
    /// <param name="targets">N * <see cref="OutputSize"/> values, sample-major.</param>
    /// <param name="iterations">How many steps, at least 1.</param>
    /// <returns>The loss the last step returned.</returns>
    T Train(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int iterations);
}
