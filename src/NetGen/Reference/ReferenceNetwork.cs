using System;
using System.Collections.Generic;
using NetGen.Runtime;

namespace NetGen.Reference;

/// <summary>
/// The runtime-sized network that every generated class is checked against, written the way the classic
/// numpy tutorial writes it: a chain of <see cref="FC"/> layers and a <see cref="SquareLoss"/> over a batch whose
/// samples are the columns of a matrix. Sizes are chosen at run time; clarity comes before speed.
/// </summary>
/// <remarks>
/// Generated code must compute the same numbers: the emitter in NetGen.Generator and this class are kept in
/// step, and the test suite compares them number for number.
/// </remarks>
public sealed class ReferenceNetwork : INetwork
{
    private readonly FC[] _layers;
    private readonly SquareLoss _loss = new();
    private double _learningRate;

    /// <summary>
    /// A network with the given sizes (input, hidden..., output), initialised like a generated class with the same
    /// seed and initializer: by default <c>W ~ N(0, 1)</c> from <see cref="NormalSampler"/>, <c>b = 0</c>
    /// (see <see cref="Initialization.Fill(ReadOnlySpan{int}, int, Initializer, Span{double})"/>).
    /// </summary>
    /// <param name="layerSizes">Input size, hidden sizes, output size.</param>
    /// <param name="learningRate">The gradient-descent step size η.</param>
    /// <param name="seed">The initialisation seed.</param>
    /// <param name="initializer">How the weights are drawn.</param>
    /// <param name="fusedMultiplyAdd">
    /// Round each multiply-add of the matrix products once (<see cref="Math.FusedMultiplyAdd(double, double, double)"/>),
    /// as loop-shaped double networks do for apps on .NET 10 and newer; by default twice, as unrolled networks do.
    /// </param>
    public ReferenceNetwork(int[] layerSizes, double learningRate = 0.1, int seed = 0, Initializer initializer = Initializer.StandardNormal, bool fusedMultiplyAdd = false)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        long count = Topology.ParameterCount(layerSizes);
        if (count > Array.MaxLength)
        {
            throw new ArgumentException($"{count} parameters do not fit one array.", nameof(layerSizes));
        }

        ShapeGuard.LearningRate(learningRate);
        LayerSizes = (int[])layerSizes.Clone();
        _learningRate = learningRate;
        _layers = new FC[layerSizes.Length - 1];
        for (int l = 0; l < _layers.Length; l++)
        {
            _layers[l] = new FC(layerSizes[l], layerSizes[l + 1], fusedMultiplyAdd);
        }

        ParameterCount = (int)count;
        var parameters = new double[ParameterCount];
        Initialization.Fill(layerSizes, seed, initializer, parameters);
        SetParameters(parameters);
    }

    /// <summary>The layer sizes, input first.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>The layers, first hidden layer first.</summary>
    public IReadOnlyList<FC> Layers => _layers;

    /// <inheritdoc />
    public int InputSize => LayerSizes[0];

    /// <inheritdoc />
    public int OutputSize => LayerSizes[^1];

    /// <inheritdoc />
    public int ParameterCount { get; }

    /// <inheritdoc />
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            ShapeGuard.LearningRate(value);
            _learningRate = value;
        }
    }

    /// <inheritdoc />
    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        ShapeGuard.ExactLength(input.Length, InputSize, nameof(input), "InputSize");
        ShapeGuard.ExactLength(output.Length, OutputSize, nameof(output), "OutputSize");
        FromColumns(ForwardBatch(ToColumns(input, InputSize, 1)), output);
    }

    /// <inheritdoc />
    public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs)
    {
        int n = ShapeGuard.BatchSize(inputs.Length, InputSize, outputs.Length, OutputSize, nameof(outputs));
        FromColumns(ForwardBatch(ToColumns(inputs, InputSize, n)), outputs);
    }

    /// <inheritdoc />
    public double ComputeGradients(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradients)
    {
        int n = ShapeGuard.BatchSize(inputs.Length, InputSize, targets.Length, OutputSize, nameof(targets));
        ShapeGuard.ExactLength(gradients.Length, ParameterCount, nameof(gradients), "ParameterCount");
        double loss = Backpropagate(inputs, targets, n);
        int p = 0;
        foreach (FC layer in _layers)
        {
            Copy(layer.GradW, gradients, ref p);
            Copy(layer.GradB, gradients, ref p);
        }

        return loss;
    }

    /// <inheritdoc />
    public double TrainStep(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets)
    {
        int n = ShapeGuard.BatchSize(inputs.Length, InputSize, targets.Length, OutputSize, nameof(targets));
        return Step(inputs, targets, n);
    }

    /// <inheritdoc />
    public double Train(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int iterations)
    {
        int n = ShapeGuard.BatchSize(inputs.Length, InputSize, targets.Length, OutputSize, nameof(targets));
        ShapeGuard.Iterations(iterations);
        double loss = 0.0;
        for (int i = 0; i < iterations; i++)
        {
            loss = Step(inputs, targets, n);
        }

        return loss;
    }

    /// <inheritdoc />
    public void GetParameters(Span<double> destination)
    {
        ShapeGuard.ExactLength(destination.Length, ParameterCount, nameof(destination), "ParameterCount");
        int p = 0;
        foreach (FC layer in _layers)
        {
            Copy(layer.W, destination, ref p);
            Copy(layer.B, destination, ref p);
        }
    }

    /// <inheritdoc />
    public void SetParameters(ReadOnlySpan<double> source)
    {
        ShapeGuard.ExactLength(source.Length, ParameterCount, nameof(source), "ParameterCount");
        int p = 0;
        foreach (FC layer in _layers)
        {
            foreach (Matrix m in new[] { layer.W, layer.B })
            {
                Span<double> data = m.AsSpan();
                source.Slice(p, data.Length).CopyTo(data);
                p += data.Length;
            }
        }
    }

    /// <summary>The tutorial's <c>Net.forward</c>: each layer's output is the next layer's input.</summary>
    private Matrix ForwardBatch(Matrix x)
    {
        foreach (FC layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }

    /// <summary>Forward, loss, and the backward pass from the loss down to the first layer (no update).</summary>
    private double Backpropagate(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int n)
    {
        Matrix y = ForwardBatch(ToColumns(inputs, InputSize, n));
        double loss = _loss.Forward(y, ToColumns(targets, OutputSize, n));
        Matrix residual = _loss.Backward();
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            residual = _layers[l].Backward(residual);
        }

        return loss;
    }

    /// <summary>One gradient step: every gradient from the current weights first, then every update.</summary>
    private double Step(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int n)
    {
        double loss = Backpropagate(inputs, targets, n);
        foreach (FC layer in _layers)
        {
            layer.ApplyGradients(_learningRate);
        }

        return loss;
    }

    /// <summary>Sample-major values (sample s at [s*size, (s+1)*size)) as a size x n matrix whose columns are samples.</summary>
    private static Matrix ToColumns(ReadOnlySpan<double> values, int size, int n)
    {
        var m = new Matrix(size, n);
        for (int s = 0; s < n; s++)
        {
            for (int i = 0; i < size; i++)
            {
                m[i, s] = values[s * size + i];
            }
        }

        return m;
    }

    private static void FromColumns(Matrix m, Span<double> values)
    {
        for (int s = 0; s < m.Columns; s++)
        {
            for (int i = 0; i < m.Rows; i++)
            {
                values[s * m.Rows + i] = m[i, s];
            }
        }
    }

    private static void Copy(Matrix m, Span<double> destination, ref int p)
    {
        Span<double> data = m.AsSpan();
        data.CopyTo(destination.Slice(p, data.Length));
        p += data.Length;
    }
}
