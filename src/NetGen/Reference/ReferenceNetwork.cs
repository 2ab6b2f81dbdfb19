using System;
using System.Collections.Generic;
using NetGen.Runtime;

namespace NetGen.Reference;

/// <summary>
/// The runtime-sized network that every generated class is checked against, written the way the classic
/// numpy tutorial writes it: a chain of <see cref="FC"/> layers, a loss over a batch whose samples are the columns
/// of a matrix, and an optimizer. Sizes are chosen at run time; clarity comes before speed.
/// </summary>
/// <remarks>
/// <para>By default it is the tutorial's network: sigmoid layers, the square loss <c>½ Σ (y − t)²</c> summed over the
/// batch, and plain gradient descent. <see cref="ReferenceOptions"/> chooses any <see cref="Activation"/> per layer
/// (<see cref="Sigmoid"/>, <see cref="Tanh"/>, <see cref="ReLU"/>, <see cref="LeakyReLU"/>, <see cref="Identity"/>,
/// and <see cref="Softmax"/> on the output), any <see cref="Loss"/> (<see cref="SquareLoss"/>,
/// <see cref="CrossEntropyLoss"/>, <see cref="BinaryCrossEntropyLoss"/>) with its <see cref="Reduction"/>, and any
/// <see cref="Optimizer"/> (<see cref="Sgd"/>, <see cref="Adam"/>, <see cref="AdamW"/>, <see cref="RMSprop"/>, <see cref="Adagrad"/>), each as PyTorch defines it.</para>
/// <para>With a cross-entropy loss the loss is computed from the output layer's logits z and gives <c>∂L/∂z</c>
/// itself, so the output activation's backward pass is folded into the loss, while <see cref="Forward"/> and
/// <see cref="Predict"/> still return the softmax or sigmoid outputs.</para>
/// <para>With <see cref="ReferenceOptions.Dropout"/>, a training step multiplies every hidden layer's output by its
/// mask from <see cref="Runtime.Dropout"/>'s stream (0, or <c>1 / (1 − p)</c>) before the next layer takes it, and the
/// gradient flowing back into that output by the same mask, as <c>torch.nn.Dropout</c> in training mode does;
/// <see cref="Forward"/>, <see cref="Predict"/> and <see cref="ComputeGradients(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
/// never drop. The stream's position follows the optimizer's state.</para>
/// <para>Generated code must compute the same numbers: the emitter in NetGen.Generator and this class are kept in
/// step, and the test suite compares them number for number.</para>
/// </remarks>
public sealed class ReferenceNetwork : INetwork, IPersistentNetwork<double>
{
    private readonly FC[] _layers;
    private readonly ILoss _loss;
    private readonly IOptimizer _optimizer;
    private readonly double[] _parameters; // the flat parameters the optimizer updates, allocated once
    private readonly double[] _gradients;  // the flat gradient the optimizer reads, allocated once
    private readonly Matrix?[] _masks;     // each hidden layer's dropout mask (units x N) in a training step, null elsewhere
    private readonly int _hiddenUnits;     // the number of hidden units, the masks' stride per sample
    private ulong _dropoutPosition;        // the dropout stream's position (Runtime.Dropout)

    /// <summary>
    /// The tutorial's network with the given sizes (input, hidden..., output): sigmoid layers, the square loss summed
    /// over the batch, plain gradient descent; initialised like a generated class with the same seed and initializer:
    /// by default <c>W ~ N(0, 1)</c> from <see cref="NormalSampler"/>, <c>b = 0</c>
    /// (see <see cref="Initialization.Fill(ReadOnlySpan{int}, int, Initializer, Span{double})"/>).
    /// </summary>
    /// <param name="layerSizes">Input size, hidden sizes, output size.</param>
    /// <param name="learningRate">The gradient-descent step size η.</param>
    /// <param name="seed">The initialisation seed.</param>
    /// <param name="initializer">How the weights are drawn.</param>
    /// <param name="fusedMultiplyAdd">
    /// Round each multiply-add of the matrix products once (<see cref="Math.FusedMultiplyAdd(double, double, double)"/>),
    /// as loop-shaped networks do; by default twice, as unrolled networks do.
    /// </param>
    public ReferenceNetwork(int[] layerSizes, double learningRate = 0.1, int seed = 0, Initializer initializer = Initializer.StandardNormal, bool fusedMultiplyAdd = false)
        : this(layerSizes, TutorialOptions(learningRate, seed, initializer, fusedMultiplyAdd))
    {
    }

    /// <summary>
    /// The reference for the network <paramref name="description"/> describes (a generated class's
    /// <c>Description</c>, or a file's), initialised as a generated class built with <paramref name="seed"/> and
    /// <paramref name="initializer"/>. It computes in double whatever the description's precision.
    /// </summary>
    /// <param name="description">The topology, activations, loss, optimizer and every hyper-parameter.</param>
    /// <param name="seed">The initialisation seed (also the start of the dropout masks' stream).</param>
    /// <param name="initializer">How the weights are drawn.</param>
    /// <param name="fusedMultiplyAdd">Round each multiply-add of the matrix products once, as loop-shaped double networks do on .NET 10.</param>
    public ReferenceNetwork(NetworkDescription description, int seed = 0, Initializer initializer = Initializer.StandardNormal, bool fusedMultiplyAdd = false)
        : this(Sizes(description), OptionsOf(description, seed, initializer, fusedMultiplyAdd))
    {
    }

    /// <summary>
    /// A network with the given sizes (input, hidden..., output) that computes and learns as <paramref name="options"/>
    /// say, initialised like a generated class with the same seed and initializer.
    /// </summary>
    /// <param name="layerSizes">Input size, hidden sizes, output size.</param>
    /// <param name="options">Activations, loss, reduction, optimizer and initialisation.</param>
    /// <exception cref="ArgumentException">The sizes are invalid, or an option is (the message names it).</exception>
    public ReferenceNetwork(int[] layerSizes, ReferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        ArgumentNullException.ThrowIfNull(options);
        long count = Topology.ParameterCount(layerSizes);
        if (count > Array.MaxLength)
        {
            throw new ArgumentException($"{count} parameters do not fit one array.", nameof(layerSizes));
        }

        int layerCount = layerSizes.Length - 1;
        options.Validate(layerCount);
        Options = options;
        LayerSizes = (int[])layerSizes.Clone();
        _layers = new FC[layerCount];
        for (int l = 0; l < layerCount; l++)
        {
            IActivation activation = CreateActivation(options.ActivationOf(l, layerCount), options);
            _layers[l] = new FC(layerSizes[l], layerSizes[l + 1], activation, options.FusedMultiplyAdd);
        }

        ParameterCount = (int)count;
        _loss = CreateLoss(options.Loss, options.EffectiveReduction, options.HuberDelta);
        _optimizer = CreateOptimizer(options, ParameterCount);
        _parameters = new double[ParameterCount];
        _gradients = new double[ParameterCount];
        Initialization.Fill(layerSizes, options.Seed, options.Initializer, _parameters);
        SetParameters(_parameters);
        _masks = new Matrix?[layerCount];
        for (int l = 1; l < layerCount; l++)
        {
            _hiddenUnits += layerSizes[l];
        }

        _dropoutPosition = Dropout.Start(options.Seed);
    }

    /// <summary>The options the network was built with.</summary>
    public ReferenceOptions Options { get; }

    /// <summary>The layer sizes, input first.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>The layers, first hidden layer first.</summary>
    public IReadOnlyList<FC> Layers => _layers;

    /// <summary>The loss the network is trained on, with its reduction.</summary>
    public ILoss LossFunction => _loss;

    /// <summary>The optimizer <see cref="TrainStep(ReadOnlySpan{double}, ReadOnlySpan{double})"/> applies, with its state.</summary>
    public IOptimizer OptimizerState => _optimizer;

    /// <inheritdoc />
    public int InputSize => LayerSizes[0];

    /// <inheritdoc />
    public int OutputSize => LayerSizes[^1];

    /// <inheritdoc />
    public int ParameterCount { get; }

    /// <summary>The optimizer's step size <c>lr</c>, used by every following step; finite and greater than 0.</summary>
    public double LearningRate
    {
        get => _optimizer.LearningRate;
        set
        {
            ShapeGuard.LearningRate(value);
            _optimizer.LearningRate = value;
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

    /// <summary>The class of one sample: the index of its largest output (the first, if several are equal).</summary>
    /// <param name="input">Exactly <see cref="InputSize"/> values.</param>
    /// <returns>An index in [0, <see cref="OutputSize"/>).</returns>
    public int Classify(ReadOnlySpan<double> input)
    {
        var output = new double[OutputSize];
        Forward(input, output);
        int best = 0;
        for (int j = 1; j < output.Length; j++)
        {
            if (output[j] > output[best])
            {
                best = j;
            }
        }

        return best;
    }

    /// <summary>Computes the loss of a batch and its exact gradient with respect to every parameter; the optimizer's state is not touched.</summary>
    /// <param name="inputs">N * <see cref="InputSize"/> values, sample-major, N ≥ 1.</param>
    /// <param name="targets">N * <see cref="OutputSize"/> values, sample-major.</param>
    /// <param name="gradients">Exactly <see cref="ParameterCount"/> values in the flat parameter order, overwritten.</param>
    /// <returns>The loss, reduced over the batch as <see cref="LossFunction"/> says (by default <c>½ Σ (y − t)²</c>).</returns>
    public double ComputeGradients(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradients)
    {
        int n = ShapeGuard.BatchSize(inputs.Length, InputSize, targets.Length, OutputSize, nameof(targets));
        ShapeGuard.ExactLength(gradients.Length, ParameterCount, nameof(gradients), "ParameterCount");
        double loss = Backpropagate(inputs, targets, n);
        CopyGradients(gradients);
        return loss;
    }

    /// <summary>
    /// <see cref="ComputeGradients(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/> with class labels:
    /// label c of a sample is the one-hot target row with 1 at c. Only for <see cref="Loss.CrossEntropy"/> networks.
    /// </summary>
    /// <param name="inputs">N * <see cref="InputSize"/> values, sample-major, N ≥ 1.</param>
    /// <param name="labels">N class labels, each in [0, <see cref="OutputSize"/>).</param>
    /// <param name="gradients">Exactly <see cref="ParameterCount"/> values in the flat parameter order, overwritten.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="InvalidOperationException">The network's loss is not <see cref="Loss.CrossEntropy"/>.</exception>
    /// <exception cref="ArgumentException">A label is out of range (the message names the sample), or the counts differ.</exception>
    public double ComputeGradients(ReadOnlySpan<double> inputs, ReadOnlySpan<int> labels, Span<double> gradients) =>
        ComputeGradients(inputs, OneHot(inputs.Length, labels), gradients);

    /// <summary>
    /// One full-batch step: computes the loss and exact gradient with the current parameters, then lets the optimizer
    /// update every parameter (by default <c>p = p − lr · ∂L/∂p</c>).
    /// </summary>
    /// <param name="inputs">N * <see cref="InputSize"/> values, sample-major, N ≥ 1.</param>
    /// <param name="targets">N * <see cref="OutputSize"/> values, sample-major.</param>
    /// <returns>The loss before the update.</returns>
    public double TrainStep(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets)
    {
        int n = ShapeGuard.BatchSize(inputs.Length, InputSize, targets.Length, OutputSize, nameof(targets));
        return Step(inputs, targets, n);
    }

    /// <summary><see cref="TrainStep(ReadOnlySpan{double}, ReadOnlySpan{double})"/> with class labels (one-hot targets); only for <see cref="Loss.CrossEntropy"/> networks.</summary>
    /// <param name="inputs">N * <see cref="InputSize"/> values, sample-major, N ≥ 1.</param>
    /// <param name="labels">N class labels, each in [0, <see cref="OutputSize"/>).</param>
    /// <returns>The loss before the update.</returns>
    /// <exception cref="InvalidOperationException">The network's loss is not <see cref="Loss.CrossEntropy"/>.</exception>
    /// <exception cref="ArgumentException">A label is out of range (the message names the sample), or the counts differ.</exception>
    public double TrainStep(ReadOnlySpan<double> inputs, ReadOnlySpan<int> labels) =>
        TrainStep(inputs, OneHot(inputs.Length, labels));

    /// <summary>Runs <paramref name="iterations"/> (at least 1) full-batch steps.</summary>
    /// <param name="inputs">N * <see cref="InputSize"/> values, sample-major, N ≥ 1.</param>
    /// <param name="targets">N * <see cref="OutputSize"/> values, sample-major.</param>
    /// <param name="iterations">How many steps, at least 1.</param>
    /// <returns>The loss the last step returned.</returns>
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

    /// <summary><see cref="Train(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/> with class labels (one-hot targets); only for <see cref="Loss.CrossEntropy"/> networks.</summary>
    /// <param name="inputs">N * <see cref="InputSize"/> values, sample-major, N ≥ 1.</param>
    /// <param name="labels">N class labels, each in [0, <see cref="OutputSize"/>).</param>
    /// <param name="iterations">How many steps, at least 1.</param>
    /// <returns>The loss the last step returned.</returns>
    /// <exception cref="InvalidOperationException">The network's loss is not <see cref="Loss.CrossEntropy"/>.</exception>
    /// <exception cref="ArgumentException">A label is out of range (the message names the sample), or the counts differ.</exception>
    public double Train(ReadOnlySpan<double> inputs, ReadOnlySpan<int> labels, int iterations) =>
        Train(inputs, OneHot(inputs.Length, labels), iterations);

    /// <summary>Forgets the optimizer's state (momentum buffer, moments, step count), as if the optimizer were new; the parameters are kept.</summary>
    public void ResetOptimizer() => _optimizer.Reset();

    /// <summary>The network's topology, activations, loss, optimizer with its current learning rate, and <see cref="Precision.Double"/>.</summary>
    public NetworkDescription Description
    {
        get
        {
            ReferenceOptions o = Options;
            var activations = new Activation[_layers.Length];
            for (int l = 0; l < activations.Length; l++)
            {
                activations[l] = o.ActivationOf(l, activations.Length);
            }

            return new NetworkDescription(
                LayerSizes, activations, o.Loss, o.EffectiveReduction, o.Optimizer, LearningRate, o.Momentum, o.Nesterov,
                o.Beta1, o.Beta2, o.EffectiveEpsilon, o.EffectiveWeightDecay, o.LeakySlope, Precision.Double, huberDelta: o.HuberDelta, alpha: o.Alpha, eluAlpha: o.EluAlpha,
                dropout: o.Dropout);
        }
    }

    /// <inheritdoc />
    public int OptimizerStateLength => _optimizer.StateLength + DropoutStateLength;

    /// <inheritdoc />
    public void GetOptimizerState(Span<double> destination)
    {
        ShapeGuard.ExactLength(destination.Length, OptimizerStateLength, nameof(destination), "OptimizerStateLength");
        _optimizer.GetState(destination[.._optimizer.StateLength]);
        if (DropoutStateLength > 0)
        {
            Dropout.WriteState(destination[_optimizer.StateLength..], _dropoutPosition);
        }
    }

    /// <inheritdoc />
    public void SetOptimizerState(ReadOnlySpan<double> source)
    {
        ShapeGuard.ExactLength(source.Length, OptimizerStateLength, nameof(source), "OptimizerStateLength");
        ReadOnlySpan<double> stream = source[_optimizer.StateLength..];
        if (DropoutStateLength > 0 && Dropout.Check(stream) is { } problem)
        {
            throw new ArgumentException(problem, nameof(source));
        }

        _optimizer.SetState(source[.._optimizer.StateLength]);
        if (DropoutStateLength > 0)
        {
            _dropoutPosition = Dropout.ReadState(stream);
        }
    }

    /// <summary>The dropout stream's share of the optimizer state: 4 values with dropout, none without.</summary>
    private int DropoutStateLength => Options.Dropout > 0.0 ? Dropout.StateLength : 0;

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

    private static int[] Sizes(NetworkDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return [.. description.LayerSizes];
    }

    /// <summary>The options that say what <paramref name="d"/> says, every default already filled in by it.</summary>
    private static ReferenceOptions OptionsOf(NetworkDescription d, int seed, Initializer initializer, bool fusedMultiplyAdd) => new()
    {
        Activations = [.. d.Activations],
        Loss = d.Loss,
        Reduction = d.Reduction,
        Optimizer = d.Optimizer,
        LearningRate = d.LearningRate,
        Momentum = d.Momentum,
        Nesterov = d.Nesterov,
        Beta1 = d.Beta1,
        Beta2 = d.Beta2,
        Epsilon = d.Epsilon,
        WeightDecay = d.WeightDecay,
        LeakySlope = d.LeakySlope,
        HuberDelta = d.HuberDelta,
        Alpha = d.Alpha,
        EluAlpha = d.EluAlpha,
        Dropout = d.Dropout,
        Seed = seed,
        Initializer = initializer,
        FusedMultiplyAdd = fusedMultiplyAdd,
    };

    private static ReferenceOptions TutorialOptions(double learningRate, int seed, Initializer initializer, bool fusedMultiplyAdd)
    {
        ShapeGuard.LearningRate(learningRate);
        return new ReferenceOptions { LearningRate = learningRate, Seed = seed, Initializer = initializer, FusedMultiplyAdd = fusedMultiplyAdd };
    }

    private static IActivation CreateActivation(Activation activation, ReferenceOptions options) =>
        Runtime.ActivationRegistry.Find(activation)?.CreateReference(options)
        ?? throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");

    private static ILoss CreateLoss(Loss loss, Reduction reduction, double huberDelta) => loss switch
    {
        Loss.Square => new SquareLoss(reduction),
        Loss.CrossEntropy => new CrossEntropyLoss(reduction),
        Loss.BinaryCrossEntropy => new BinaryCrossEntropyLoss(reduction),
        Loss.MeanSquaredError => new MeanSquaredErrorLoss(reduction),
        Loss.L1 => new L1Loss(reduction),
        Loss.Huber => new HuberLoss(reduction, huberDelta),
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
    };

    private static IOptimizer CreateOptimizer(ReferenceOptions o, int parameterCount) => o.Optimizer switch
    {
        Optimizer.Sgd => new Sgd(parameterCount, o.EffectiveLearningRate, o.Momentum, o.Nesterov, o.EffectiveWeightDecay),
        Optimizer.Adam => new Adam(parameterCount, o.EffectiveLearningRate, o.Beta1, o.Beta2, o.EffectiveEpsilon, o.EffectiveWeightDecay),
        Optimizer.AdamW => new AdamW(parameterCount, o.EffectiveLearningRate, o.Beta1, o.Beta2, o.EffectiveEpsilon, o.EffectiveWeightDecay),
        Optimizer.RMSprop => new RMSprop(parameterCount, o.EffectiveLearningRate, o.Alpha, o.EffectiveEpsilon, o.EffectiveWeightDecay, o.Momentum),
        Optimizer.Adagrad => new Adagrad(parameterCount, o.EffectiveLearningRate, o.EffectiveEpsilon, o.EffectiveWeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(o), o.Optimizer, "Unknown optimizer."),
    };

    /// <summary>The tutorial's <c>Net.forward</c>: each layer's output is the next layer's input.</summary>
    private Matrix ForwardBatch(Matrix x)
    {
        Array.Clear(_masks);
        foreach (FC layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }

    /// <summary>
    /// A training step's forward pass: as <see cref="ForwardBatch"/>, but each hidden layer's output is multiplied by
    /// its dropout mask before the next layer takes it (the masks are kept for the backward pass).
    /// </summary>
    private Matrix ForwardDropping(Matrix x)
    {
        int offset = 0;
        for (int l = 0; l < _layers.Length; l++)
        {
            x = _layers[l].Forward(x);
            if (l == _layers.Length - 1)
            {
                break;
            }

            var mask = new Matrix(x.Rows, x.Columns);
            double scale = Dropout.KeepScale<double>(Options.Dropout);
            for (int s = 0; s < x.Columns; s++)
            {
                for (int j = 0; j < x.Rows; j++)
                {
                    mask[j, s] = Dropout.Mask(_dropoutPosition, ((long)s * _hiddenUnits) + offset + j, Options.Dropout, scale);
                }
            }

            offset += x.Rows;
            _masks[l] = mask;
            x = Matrix.Zip(x, mask, static (a, m) => a * m);
        }

        return x;
    }

    /// <summary>
    /// Forward, loss, and the backward pass from the loss down to the first layer (no update). A loss taken from the
    /// logits gives <c>∂L/∂z</c> of the output layer directly; otherwise the output activation turns <c>∂L/∂a</c> into it.
    /// </summary>
    private double Backpropagate(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int n, bool dropout = false)
    {
        Matrix x = ToColumns(inputs, InputSize, n);
        Matrix y = dropout ? ForwardDropping(x) : ForwardBatch(x);
        FC output = _layers[^1];
        Matrix t = ToColumns(targets, OutputSize, n);
        double loss;
        Matrix residual;
        if (_loss.TakesLogits)
        {
            loss = _loss.Forward(output.PreActivations, t);
            residual = output.BackwardFromPreActivations(_loss.Backward());
        }
        else
        {
            loss = _loss.Forward(y, t);
            residual = output.Backward(_loss.Backward());
        }

        for (int l = _layers.Length - 2; l >= 0; l--)
        {
            // Through a dropped output first: ∂L/∂a = ∂L/∂h ⊙ m.
            residual = _layers[l].Backward(_masks[l] is { } mask ? Matrix.Zip(residual, mask, static (g, m) => g * m) : residual);
        }

        return loss;
    }

    /// <summary>One step: every gradient from the current weights first, then the optimizer updates every parameter.</summary>
    private double Step(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int n)
    {
        bool dropout = Options.Dropout > 0.0;
        double loss = Backpropagate(inputs, targets, n, dropout);
        CopyGradients(_gradients);
        GetParameters(_parameters);
        _optimizer.Step(_parameters, _gradients);
        SetParameters(_parameters);
        if (dropout)
        {
            _dropoutPosition = Dropout.Advance(_dropoutPosition, n, _hiddenUnits);
        }

        return loss;
    }

    private void CopyGradients(Span<double> gradients)
    {
        int p = 0;
        foreach (FC layer in _layers)
        {
            Copy(layer.GradW, gradients, ref p);
            Copy(layer.GradB, gradients, ref p);
        }
    }

    /// <summary>
    /// The one-hot target rows of <paramref name="labels"/> (sample s has 1 at <c>labels[s]</c>, 0 elsewhere), after
    /// checking that the network's loss is the cross-entropy, that there is one label per sample in the inputs, and
    /// that every label is a valid class.
    /// </summary>
    private double[] OneHot(int inputsLength, ReadOnlySpan<int> labels)
    {
        if (_loss.Kind != Loss.CrossEntropy)
        {
            throw new InvalidOperationException(
                $"Class labels need a network trained on Loss.CrossEntropy; this one uses Loss.{_loss.Kind}. Pass target rows instead.");
        }

        double[] targets = Array.Empty<double>();
        ClassLabels.OneHot(inputsLength, InputSize, labels, OutputSize, ref targets);
        return targets;
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
