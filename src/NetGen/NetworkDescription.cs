using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NetGen.Reference;
using NetGen.Runtime;

namespace NetGen;

/// <summary>
/// Everything that decides how a network computes and learns, apart from its parameters and optimizer state: the
/// layer sizes, one <see cref="Activation"/> per weight layer, the <see cref="NetGen.Loss"/> with its
/// <see cref="NetGen.Reduction"/>, the <see cref="NetGen.Optimizer"/> with its hyper-parameters, and the
/// <see cref="NetGen.Precision"/>. A saved network carries its description, and a file loads only into a network
/// with the same one.
/// </summary>
/// <remarks>
/// <para>A description is immutable and always valid: the constructor checks every value and combination as the
/// <c>[Network]</c> attribute and <see cref="ReferenceOptions"/> are checked (softmax only on the output layer, a
/// cross-entropy loss only with its output activation, hyper-parameters in range).</para>
/// <para>Equality is by value, over what changes the numbers a network computes: <see cref="LeakySlope"/> counts only
/// when a layer is <see cref="Activation.LeakyReLU"/>, <see cref="HuberDelta"/> only for <see cref="Loss.Huber"/>, and
/// each optimizer hyper-parameter (<see cref="Momentum"/>, <see cref="Nesterov"/>, <see cref="Beta1"/>, <see cref="Beta2"/>,
/// <see cref="Epsilon"/>, <see cref="Alpha"/>) only when both descriptions' optimizers read it. Every other property
/// counts, <see cref="LearningRate"/> included.</para>
/// </remarks>
public sealed class NetworkDescription : IEquatable<NetworkDescription>
{
    private readonly int[] _layerSizes;
    private readonly Activation[] _activations;

    /// <summary>
    /// Describes a network; every argument after <paramref name="activations"/> defaults as <see cref="ReferenceOptions"/>
    /// and PyTorch default it.
    /// </summary>
    /// <param name="layerSizes">Input size, hidden sizes, output size: at least 2 sizes, each at least 1.</param>
    /// <param name="activations">One activation per weight layer (one fewer than the sizes), first hidden layer first.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="reduction">The reduction; null means <see cref="Reduction.Sum"/> for <see cref="Loss.Square"/> and <see cref="Reduction.Mean"/> for every other loss.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="learningRate">The step size; null means 0.1 for SGD, 0.001 for Adam and AdamW, 0.01 for RMSprop and Adagrad.</param>
    /// <param name="momentum">SGD's and RMSprop's momentum factor (0: none).</param>
    /// <param name="nesterov">Whether SGD's momentum is Nesterov's.</param>
    /// <param name="beta1">Adam's β1.</param>
    /// <param name="beta2">Adam's β2.</param>
    /// <param name="epsilon">ε of Adam, AdamW, RMSprop and Adagrad; null means 1e-8, except 1e-10 for Adagrad.</param>
    /// <param name="weightDecay">The weight decay; null means 0, except 0.01 for AdamW.</param>
    /// <param name="leakySlope">The slope of <see cref="Activation.LeakyReLU"/> below 0.</param>
    /// <param name="precision">The floating-point type the network computes in.</param>
    /// <param name="huberDelta">The threshold δ of <see cref="Loss.Huber"/>, finite and greater than 0; ignored by the other losses.</param>
    /// <param name="alpha">RMSprop's smoothing constant α, in [0, 1).</param>
    /// <param name="eluAlpha">The α of <see cref="Activation.ELU"/> (1, PyTorch's default): finite and greater than 0.</param>
    /// <param name="dropout">The probability p that inverted dropout zeroes a hidden unit's output in a training step, in [0, 1); 0: no dropout.</param>
    /// <exception cref="ArgumentException">A value or a combination is invalid; the message names it.</exception>
    public NetworkDescription(
        IReadOnlyList<int> layerSizes,
        IReadOnlyList<Activation> activations,
        Loss loss = Loss.Square,
        Reduction? reduction = null,
        Optimizer optimizer = Optimizer.Sgd,
        double? learningRate = null,
        double momentum = 0.0,
        bool nesterov = false,
        double beta1 = OptionRules.DefaultBeta1,
        double beta2 = OptionRules.DefaultBeta2,
        double? epsilon = null,
        double? weightDecay = null,
        double leakySlope = OptionRules.DefaultLeakySlope,
        Precision precision = Precision.Double,
        double huberDelta = OptionRules.DefaultHuberDelta,
        double alpha = OptionRules.DefaultAlpha,
        double eluAlpha = OptionRules.DefaultEluAlpha,
        double dropout = 0.0)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        ArgumentNullException.ThrowIfNull(activations);
        _layerSizes = layerSizes.ToArray();
        _activations = activations.ToArray();
        Topology.ParameterCount(_layerSizes); // checks the sizes
        long count = 0;
        for (int l = 1; l < _layerSizes.Length && count <= Array.MaxLength; l++)
        {
            count += ((long)_layerSizes[l - 1] * _layerSizes[l]) + _layerSizes[l]; // at most 2^62 + 2^31 each: no overflow
        }

        if (count > Array.MaxLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{count:N0} parameters do not fit one array (at most {Array.MaxLength:N0})."),
                nameof(layerSizes));
        }

        if (!Enum.IsDefined(precision))
        {
            throw new ArgumentException($"{precision} is not a Precision.", nameof(precision));
        }

        var options = new ReferenceOptions
        {
            Activations = _activations,
            Loss = loss,
            Reduction = reduction,
            Optimizer = optimizer,
            LearningRate = learningRate,
            Momentum = momentum,
            Nesterov = nesterov,
            Beta1 = beta1,
            Beta2 = beta2,
            Epsilon = epsilon,
            WeightDecay = weightDecay,
            LeakySlope = leakySlope,
            HuberDelta = huberDelta,
            Alpha = alpha,
            EluAlpha = eluAlpha,
            Dropout = dropout,
        };
        options.Validate(_layerSizes.Length - 1, precision);

        ParameterCount = (int)count;
        LayerSizes = Array.AsReadOnly(_layerSizes);
        Activations = Array.AsReadOnly(_activations);
        Loss = loss;
        Reduction = options.EffectiveReduction;
        Optimizer = optimizer;
        LearningRate = options.EffectiveLearningRate;
        Momentum = momentum + 0.0; // + 0.0 turns −0 into 0, so equal values print alike
        Nesterov = nesterov;
        Beta1 = beta1 + 0.0;
        Beta2 = beta2 + 0.0;
        Epsilon = options.EffectiveEpsilon;
        WeightDecay = options.EffectiveWeightDecay + 0.0;
        LeakySlope = leakySlope + 0.0;
        Precision = precision;
        HuberDelta = huberDelta + 0.0;
        Alpha = alpha + 0.0;
        EluAlpha = eluAlpha + 0.0;
        Dropout = dropout + 0.0;
        long stateLength = OptimizerStateLayout.StepCountLength + ((long)OptimizerRule.For(optimizer).BuffersFor(momentum).Count * count)
            + (dropout > 0.0 ? Runtime.Dropout.StateLength : 0);
        if (stateLength > Array.MaxLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{optimizer}'s state for {count:N0} parameters, {stateLength:N0} values, does not fit one array (at most {Array.MaxLength:N0})."),
                nameof(layerSizes));
        }

        OptimizerStateLength = OptimizerStateLayout.Length(optimizer, momentum, ParameterCount, HasDropout);
    }

    /// <summary>A copy of <paramref name="other"/> with another learning rate, sharing its immutable arrays.</summary>
    private NetworkDescription(NetworkDescription other, double learningRate)
    {
        _layerSizes = other._layerSizes;
        _activations = other._activations;
        LayerSizes = other.LayerSizes;
        Activations = other.Activations;
        Loss = other.Loss;
        Reduction = other.Reduction;
        Optimizer = other.Optimizer;
        LearningRate = learningRate;
        Momentum = other.Momentum;
        Nesterov = other.Nesterov;
        Beta1 = other.Beta1;
        Beta2 = other.Beta2;
        Epsilon = other.Epsilon;
        WeightDecay = other.WeightDecay;
        LeakySlope = other.LeakySlope;
        Precision = other.Precision;
        HuberDelta = other.HuberDelta;
        Alpha = other.Alpha;
        EluAlpha = other.EluAlpha;
        Dropout = other.Dropout;
        ParameterCount = other.ParameterCount;
        OptimizerStateLength = other.OptimizerStateLength;
    }

    /// <summary>Input size, hidden sizes, output size.</summary>
    public IReadOnlyList<int> LayerSizes { get; }

    /// <summary>One activation per weight layer, first hidden layer first.</summary>
    public IReadOnlyList<Activation> Activations { get; }

    /// <summary>The loss.</summary>
    public Loss Loss { get; }

    /// <summary>How the batch's losses are combined (the default filled in).</summary>
    public Reduction Reduction { get; }

    /// <summary>The update rule.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The step size (the default filled in).</summary>
    public double LearningRate { get; }

    /// <summary>SGD's and RMSprop's momentum factor μ (0: none).</summary>
    public double Momentum { get; }

    /// <summary>Whether SGD's momentum is Nesterov's.</summary>
    public bool Nesterov { get; }

    /// <summary>Adam's first-moment decay β1.</summary>
    public double Beta1 { get; }

    /// <summary>Adam's second-moment decay β2.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to the denominator by Adam, AdamW, RMSprop and Adagrad (the default filled in).</summary>
    public double Epsilon { get; }

    /// <summary>The weight decay (the default filled in).</summary>
    public double WeightDecay { get; }

    /// <summary>The slope of <see cref="Activation.LeakyReLU"/> below 0.</summary>
    public double LeakySlope { get; }

    /// <summary>The floating-point type the network computes in.</summary>
    public Precision Precision { get; }

    /// <summary>RMSprop's smoothing constant α.</summary>
    public double Alpha { get; }

    /// <summary>The number of weights and biases.</summary>
    public int ParameterCount { get; }

    /// <summary>The threshold δ of <see cref="Loss.Huber"/> (1.0 unless set); it changes nothing for the other losses.</summary>
    public double HuberDelta { get; }

    /// <summary>
    /// The number of values in the optimizer's flattened state (see <see cref="IPersistentNetwork{T}"/>): 2 for the
    /// step count, then P for each of the optimizer's buffers: SGD's momentum buffer when <see cref="Momentum"/> is not
    /// 0; Adam's and AdamW's first and second moments; RMSprop's square average, and its momentum buffer when
    /// <see cref="Momentum"/> is not 0; Adagrad's sum of squares; then, with <see cref="Dropout"/>, 4 for the position of
    /// the dropout masks' stream.
    /// </summary>
    public int OptimizerStateLength { get; }

    /// <summary>The α of <see cref="Activation.ELU"/> (the value its output tends to, negated, as z → −∞).</summary>
    public double EluAlpha { get; }

    /// <summary>
    /// The probability p that inverted dropout (<c>torch.nn.Dropout(p)</c>) zeroes a hidden layer's output in a training
    /// step, the kept outputs scaled by <c>1 / (1 − p)</c>; 0 (the default) for none. Inference never drops.
    /// </summary>
    public double Dropout { get; }

    /// <summary>Whether the network drops out hidden units in training.</summary>
    internal bool HasDropout => Dropout > 0.0;

    /// <summary>Whether <see cref="LeakySlope"/> changes anything: some layer is <see cref="Activation.LeakyReLU"/>.</summary>
    private bool UsesLeakySlope => _activations.Contains(Activation.LeakyReLU);

    /// <summary>Whether <see cref="EluAlpha"/> changes anything: some layer is <see cref="Activation.ELU"/>.</summary>
    private bool UsesEluAlpha => _activations.Contains(Activation.ELU);

    /// <summary>
    /// This description with another <see cref="LearningRate"/>, everything else the same: this instance itself when
    /// the rate is already <paramref name="learningRate"/>, otherwise one new description that shares this one's layer
    /// sizes and activations (a network whose learning rate changes during training describes itself at the cost of
    /// one small allocation).
    /// </summary>
    /// <param name="learningRate">The step size, finite and greater than 0.</param>
    /// <returns>A description equal to this one but for the learning rate.</returns>
    /// <exception cref="ArgumentException">The learning rate is not finite or not greater than 0.</exception>
    public NetworkDescription WithLearningRate(double learningRate)
    {
        if (OptionRules.Problem(nameof(LearningRate), learningRate, Precision == Precision.Single) is not null)
        {
            throw new ArgumentException(OptionRules.Problem(nameof(LearningRate), learningRate, Precision == Precision.Single), nameof(learningRate));
        }

        return learningRate == LearningRate ? this : new NetworkDescription(this, learningRate);
    }

    /// <summary>Two descriptions are equal when every property that changes the numbers is equal (see the remarks).</summary>
    /// <param name="left">A description, or null.</param>
    /// <param name="right">A description, or null.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(NetworkDescription? left, NetworkDescription? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>The negation of <see cref="op_Equality"/>.</summary>
    /// <param name="left">A description, or null.</param>
    /// <param name="right">A description, or null.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(NetworkDescription? left, NetworkDescription? right) => !(left == right);

    /// <inheritdoc />
    public bool Equals(NetworkDescription? other) => other is not null && Differences(other, compareLearningRate: true).Count == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NetworkDescription);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (int size in _layerSizes)
        {
            hash.Add(size);
        }

        foreach (Activation activation in _activations)
        {
            hash.Add(activation);
        }

        hash.Add(Loss);
        hash.Add(Reduction);
        hash.Add(Optimizer);
        hash.Add(Precision);
        hash.Add(LearningRate);
        hash.Add(WeightDecay);
        hash.Add(Dropout);
        return hash.ToHashCode();
    }

    /// <summary>
    /// The topology, activations, loss, reduction, optimizer and precision on one line, e.g.
    /// <c>784-256-128-10 ReLU, ReLU, Softmax; CrossEntropy (Mean); Adam; Single</c> (a LeakyReLU shows its slope:
    /// <c>LeakyReLU(0.2)</c>), and a network with dropout ends with it: <c>; Dropout 0.5</c>. The other hyper-parameters are left out.
    /// </summary>
    /// <returns>The description's one-line form.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendJoin('-', _layerSizes);
        text.Append(' ');
        for (int l = 0; l < _activations.Length; l++)
        {
            if (l > 0)
            {
                text.Append(", ");
            }

            text.Append(_activations[l]);
            if (Runtime.ActivationRegistry.Find(_activations[l])?.Parameter(this) is double parameter)
            {
                text.Append('(').Append(Number(parameter)).Append(')');
            }
        }

        text.Append("; ").Append(Loss).Append(" (").Append(Reduction).Append("); ").Append(Optimizer).Append("; ").Append(Precision);
        if (HasDropout)
        {
            text.Append("; Dropout ").Append(Number(Dropout));
        }

        return text.ToString();
    }

    /// <summary>
    /// What differs between this description and <paramref name="other"/>, one phrase per property, in the words
    /// "the X is A there, B here" left to the caller: each entry is (property, this value, other value).
    /// </summary>
    internal List<(string Property, string Mine, string Theirs)> Differences(NetworkDescription other, bool compareLearningRate)
    {
        var differences = new List<(string, string, string)>();
        void Compare(string property, string mine, string theirs)
        {
            if (mine != theirs)
            {
                differences.Add((property, mine, theirs));
            }
        }

        Compare(nameof(LayerSizes), string.Join('-', _layerSizes), string.Join('-', other._layerSizes));
        Compare(nameof(Activations), string.Join(", ", _activations), string.Join(", ", other._activations));
        if (UsesLeakySlope || other.UsesLeakySlope)
        {
            Compare(nameof(LeakySlope), Number(LeakySlope), Number(other.LeakySlope));
        }

        if (UsesEluAlpha || other.UsesEluAlpha)
        {
            Compare(nameof(EluAlpha), Number(EluAlpha), Number(other.EluAlpha));
        }

        Compare(nameof(Dropout), Number(Dropout), Number(other.Dropout));
        Compare(nameof(Loss), Loss.ToString(), other.Loss.ToString());
        Compare(nameof(Reduction), Reduction.ToString(), other.Reduction.ToString());
        Compare(nameof(Optimizer), Optimizer.ToString(), other.Optimizer.ToString());
        Compare(nameof(Precision), Precision.ToString(), other.Precision.ToString());
        if (compareLearningRate)
        {
            Compare(nameof(LearningRate), Number(LearningRate), Number(other.LearningRate));
        }

        Compare(nameof(WeightDecay), Number(WeightDecay), Number(other.WeightDecay));
        OptimizerRule mine = OptimizerRule.For(Optimizer), theirs = OptimizerRule.For(other.Optimizer);
        bool Both(HyperParameters option) => mine.Reads(option) && theirs.Reads(option);
        if (Both(HyperParameters.Momentum))
        {
            Compare(nameof(Momentum), Number(Momentum), Number(other.Momentum));
        }

        if (Both(HyperParameters.Nesterov))
        {
            Compare(nameof(Nesterov), Nesterov.ToString(), other.Nesterov.ToString());
        }

        if (Both(HyperParameters.Beta1))
        {
            Compare(nameof(Beta1), Number(Beta1), Number(other.Beta1));
            Compare(nameof(Beta2), Number(Beta2), Number(other.Beta2));
        }

        if (Both(HyperParameters.Epsilon))
        {
            Compare(nameof(Epsilon), Number(Epsilon), Number(other.Epsilon));
        }

        if (Loss == Loss.Huber && other.Loss == Loss.Huber)
        {
            Compare(nameof(HuberDelta), Number(HuberDelta), Number(other.HuberDelta));
        }

        if (Both(HyperParameters.Alpha))
        {
            Compare(nameof(Alpha), Number(Alpha), Number(other.Alpha));
        }

        return differences;
    }

    /// <summary>Where flat parameter <paramref name="index"/> sits: "layer 2's weight from input 3 to unit 1" or "layer 2's bias of unit 1".</summary>
    internal string DescribeParameter(long index)
    {
        for (int l = 1; l < _layerSizes.Length; l++)
        {
            long weights = (long)_layerSizes[l - 1] * _layerSizes[l];
            if (index < weights)
            {
                return string.Create(CultureInfo.InvariantCulture, $"layer {l}'s weight from input {index / _layerSizes[l]} to unit {index % _layerSizes[l]}");
            }

            index -= weights;
            if (index < _layerSizes[l])
            {
                return string.Create(CultureInfo.InvariantCulture, $"layer {l}'s bias of unit {index}");
            }

            index -= _layerSizes[l];
        }

        return "beyond the last parameter";
    }

    /// <summary>A number in its shortest round-trip form, culture-invariant.</summary>
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
