using System;

namespace NetGen;

/// <summary>
/// <see cref="INetwork"/> for any floating-point type: the same members with <typeparamref name="T"/> in place of
/// <see cref="double"/>. Generated <c>Precision = Precision.Single</c> networks implement <c>INetwork&lt;float&gt;</c>;
/// double networks and <see cref="Reference.ReferenceNetwork"/> implement both <see cref="INetwork"/> and
/// <c>INetwork&lt;double&gt;</c>, so generic code can serve both.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface INetwork<T>
    where T : unmanaged
{
    /// <inheritdoc cref="INetwork.InputSize"/>
    int InputSize { get; }

    /// <inheritdoc cref="INetwork.OutputSize"/>
    int OutputSize { get; }

    /// <inheritdoc cref="INetwork.ParameterCount"/>
    int ParameterCount { get; }

    /// <inheritdoc cref="INetwork.LearningRate"/>
    T LearningRate { get; set; }

    /// <inheritdoc cref="INetwork.Forward"/>
    void Forward(ReadOnlySpan<T> input, Span<T> output);

    /// <inheritdoc cref="INetwork.Predict"/>
    void Predict(ReadOnlySpan<T> inputs, Span<T> outputs);

    /// <inheritdoc cref="INetwork.ComputeGradients"/>
    T ComputeGradients(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, Span<T> gradients);

    /// <inheritdoc cref="INetwork.TrainStep"/>
    T TrainStep(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets);

    /// <inheritdoc cref="INetwork.GetParameters"/>
    void GetParameters(Span<T> destination);

    /// <inheritdoc cref="INetwork.SetParameters"/>
    void SetParameters(ReadOnlySpan<T> source);

    /// <inheritdoc cref="INetwork.Train"/>
    T Train(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int iterations);
}
