using System;
using System.Linq;

namespace NetGen.Reference;

/// <summary>
/// How a <see cref="ReferenceNetwork"/> computes and learns: activations, loss, reduction and optimizer, each as
/// PyTorch defines it, with PyTorch's defaults. The defaults (sigmoid layers, the square loss summed over the batch,
/// plain gradient descent with step 0.1) are the tutorial's network.
/// </summary>
/// <remarks>
/// The options mirror the <c>[Network]</c> attribute's and are checked the same way: an invalid value or
/// combination throws <see cref="ArgumentException"/> naming the option and what to change, when the network is built.
/// </remarks>
public sealed class ReferenceOptions
{
    private readonly Activation? _hidden;
    private readonly Activation? _output;

    /// <summary>The activation of every hidden layer (default <see cref="Activation.Sigmoid"/>); not with <see cref="Activations"/>.</summary>
    public Activation Hidden
    {
        get => _hidden ?? Activation.Sigmoid;
        init => _hidden = value;
    }

    /// <summary>The activation of the output layer (default <see cref="Activation.Sigmoid"/>); not with <see cref="Activations"/>.</summary>
    public Activation Output
    {
        get => _output ?? Activation.Sigmoid;
        init => _output = value;
    }

    /// <summary>
    /// One activation per weight layer, first hidden layer first (null: <see cref="Hidden"/> for every hidden layer and
    /// <see cref="Output"/> for the last). Cannot be combined with <see cref="Hidden"/> or <see cref="Output"/>.
    /// </summary>
    public Activation[]? Activations { get; init; }

    /// <summary>The slope of <see cref="Activation.LeakyReLU"/> for <c>z ≤ 0</c>: 0.01 (PyTorch's <c>negative_slope</c>), finite and at least 0.</summary>
    public double LeakySlope { get; init; } = OptionRules.DefaultLeakySlope;

    /// <summary>The loss (default <see cref="Loss.Square"/>).</summary>
    public Loss Loss { get; init; } = Loss.Square;

    /// <summary>
    /// How the batch's losses are combined; null means <see cref="Reduction.Sum"/> for <see cref="Loss.Square"/> (the
    /// tutorial's) and <see cref="Reduction.Mean"/> for every other loss (PyTorch's default).
    /// </summary>
    public Reduction? Reduction { get; init; }

    /// <summary>The update rule (default <see cref="Optimizer.Sgd"/>).</summary>
    public Optimizer Optimizer { get; init; } = Optimizer.Sgd;

    /// <summary>
    /// The step size; null means 0.1 for <see cref="Optimizer.Sgd"/> (the tutorial's), 0.001 for Adam and AdamW and 0.01
    /// for RMSprop and Adagrad (PyTorch's). Finite and greater than 0.
    /// </summary>
    public double? LearningRate { get; init; }

    /// <summary>The momentum factor μ (default 0, none); finite and at least 0. Only with <see cref="Optimizer.Sgd"/> and <see cref="Optimizer.RMSprop"/>.</summary>
    public double Momentum { get; init; }

    /// <summary>Whether SGD's momentum is Nesterov's (default false); needs <see cref="Momentum"/> greater than 0.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam's first-moment decay β1 (default 0.9), in [0, 1).</summary>
    public double Beta1 { get; init; } = OptionRules.DefaultBeta1;

    /// <summary>Adam's second-moment decay β2 (default 0.999), in [0, 1).</summary>
    public double Beta2 { get; init; } = OptionRules.DefaultBeta2;

    /// <summary>
    /// ε, added to the denominator by Adam, AdamW, RMSprop and Adagrad; null means 1e-8, except 1e-10 for
    /// <see cref="Optimizer.Adagrad"/> (PyTorch's defaults). Finite and greater than 0.
    /// </summary>
    public double? Epsilon { get; init; }

    /// <summary>
    /// The weight decay; null means 0, except 0.01 for <see cref="Optimizer.AdamW"/> (PyTorch's defaults). Added to
    /// the gradient as <c>wd · p</c> by SGD and Adam, applied as <c>p · (1 − lr · wd)</c> by AdamW. Finite and at least 0.
    /// </summary>
    public double? WeightDecay { get; init; }

    /// <summary>The initialisation seed (default 0).</summary>
    public int Seed { get; init; }

    /// <summary>How the weights are drawn (default <see cref="Initializer.StandardNormal"/>).</summary>
    public Initializer Initializer { get; init; } = Initializer.StandardNormal;

    /// <summary>Whether the matrix products round each multiply-add once (see <see cref="Matrix.Dot(Matrix, Matrix, bool)"/>).</summary>
    public bool FusedMultiplyAdd { get; init; }

    /// <summary>
    /// The threshold δ of <see cref="Loss.Huber"/> (default 1.0, PyTorch's <c>delta</c>), finite and greater than 0;
    /// ignored by the other losses.
    /// </summary>
    public double HuberDelta { get; init; } = OptionRules.DefaultHuberDelta;

    /// <summary>RMSprop's smoothing constant α of the running mean of the squared gradient (default 0.99), in [0, 1).</summary>
    public double Alpha { get; init; } = OptionRules.DefaultAlpha;

    /// <summary>The α of <see cref="Activation.ELU"/>: 1 (PyTorch's <c>alpha</c>), finite and greater than 0.</summary>
    public double EluAlpha { get; init; } = OptionRules.DefaultEluAlpha;

    /// <summary>
    /// The probability p that inverted dropout (<c>torch.nn.Dropout(p)</c>) zeroes a hidden layer's output in a training
    /// step, the kept ones scaled by <c>1 / (1 − p)</c> (default 0: none), in [0, 1). The masks come from the network's
    /// own stream (<see cref="Runtime.Dropout"/>), the same as generated code draws.
    /// </summary>
    public double Dropout { get; init; }

    /// <summary><see cref="Reduction"/> with its default filled in.</summary>
    public Reduction EffectiveReduction => Reduction ?? OptionRules.DefaultReduction(Loss);

    /// <summary><see cref="LearningRate"/> with its default filled in.</summary>
    public double EffectiveLearningRate => LearningRate ?? Rule.DefaultLearningRate;

    /// <summary><see cref="WeightDecay"/> with its default filled in.</summary>
    public double EffectiveWeightDecay => WeightDecay ?? Rule.DefaultWeightDecay;

    /// <summary><see cref="Epsilon"/> with its default filled in.</summary>
    public double EffectiveEpsilon => Epsilon ?? Rule.DefaultEpsilon;

    /// <summary>The optimizer's rule (SGD's while the optimizer is not one, which <see cref="Validate(int)"/> reports).</summary>
    private OptimizerRule Rule => OptimizerRule.Find(Optimizer) ?? OptimizerRule.For(Optimizer.Sgd);

    /// <summary>The activation of weight layer <paramref name="layer"/> (0 = first hidden layer) of <paramref name="layerCount"/>.</summary>
    /// <param name="layer">The weight layer, from 0.</param>
    /// <param name="layerCount">The number of weight layers (layer sizes − 1).</param>
    /// <returns>The layer's activation.</returns>
    public Activation ActivationOf(int layer, int layerCount) =>
        Activations is { } each ? each[layer] : layer == layerCount - 1 ? Output : Hidden;

    /// <summary>
    /// Checks every option and their combinations for a network of <paramref name="layerCount"/> weight layers, as the
    /// generator checks the attribute.
    /// </summary>
    /// <param name="layerCount">The number of weight layers (layer sizes − 1).</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and says what to change.</exception>
    public void Validate(int layerCount) => Validate(layerCount, Precision.Double);

    /// <summary>
    /// <see cref="Validate(int)"/> for a network that computes in <paramref name="precision"/>: under
    /// <see cref="Precision.Single"/> each value must hold after rounding to float, as the generator checks it.
    /// </summary>
    internal void Validate(int layerCount, Precision precision)
    {
        bool single = precision == Precision.Single;
        void Check(string option, double value)
        {
            if (OptionRules.Problem(option, value, single) is { } problem)
            {
                throw Invalid(option, problem);
            }
        }

        if (Activations is { } each)
        {
            if (_hidden.HasValue || _output.HasValue)
            {
                throw Invalid(nameof(Activations), "Activations gives every layer's activation and cannot be combined with Hidden or Output; set either Activations or Hidden/Output.");
            }

            if (each.Length != layerCount)
            {
                throw Invalid(nameof(Activations), $"Activations must give one activation per weight layer: this network has {layerCount}, got {each.Length}.");
            }
        }

        for (int l = 0; l < layerCount; l++)
        {
            Activation activation = ActivationOf(l, layerCount);
            if (Runtime.ActivationRegistry.Find(activation) is not { } home)
            {
                throw Invalid(Activations is null ? (l == layerCount - 1 ? nameof(Output) : nameof(Hidden)) : nameof(Activations), $"{activation} is not an Activation.");
            }

            if (home.OutputOnly && l != layerCount - 1)
            {
                string option = Activations is null ? nameof(Hidden) : nameof(Activations);
                throw Invalid(option, $"{activation} normalises a whole layer into probabilities and is allowed on the output layer only; layer {l + 1} of {layerCount} is hidden. Choose {HiddenActivations()} for it.");
            }
        }

        Activation output = ActivationOf(layerCount - 1, layerCount);
        string outputOption = Activations is null ? nameof(Output) : nameof(Activations);
        if (Loss == Loss.CrossEntropy && output != Activation.Softmax)
        {
            throw Invalid(outputOption, $"Loss.CrossEntropy needs a Softmax output layer; the output is {output}. Set the output activation to Softmax, or use Loss.BinaryCrossEntropy with Sigmoid.");
        }

        if (Loss == Loss.BinaryCrossEntropy && output != Activation.Sigmoid)
        {
            throw Invalid(outputOption, $"Loss.BinaryCrossEntropy needs a Sigmoid output layer; the output is {output}. Set the output activation to Sigmoid, or use Loss.CrossEntropy with Softmax.");
        }

        if (!Enum.IsDefined(Loss))
        {
            throw Invalid(nameof(Loss), $"{Loss} is not a Loss.");
        }

        if (Reduction is { } reduction && !Enum.IsDefined(reduction))
        {
            throw Invalid(nameof(Reduction), $"{reduction} is not a Reduction.");
        }

        if (!Enum.IsDefined(Optimizer))
        {
            throw Invalid(nameof(Optimizer), $"{Optimizer} is not an Optimizer.");
        }

        Check(nameof(LeakySlope), LeakySlope);

        Check(nameof(EluAlpha), EluAlpha);

        if (LearningRate is { } lr)
        {
            Check(nameof(LearningRate), lr);
        }

        Check(nameof(Momentum), Momentum);

        if (Nesterov && !Rule.Reads(HyperParameters.Nesterov))
        {
            throw Invalid(nameof(Nesterov), OptimizerRule.MomentumMessage(Optimizer, nameof(Nesterov)));
        }

        if (Momentum != 0.0 && !Rule.Reads(HyperParameters.Momentum))
        {
            throw Invalid(nameof(Momentum), OptimizerRule.MomentumMessage(Optimizer, nameof(Momentum)));
        }

        if (Nesterov && Momentum == 0.0)
        {
            throw Invalid(nameof(Nesterov), "Nesterov momentum needs Momentum greater than 0 (and no dampening, which NetGen never applies); set Momentum, e.g. 0.9.");
        }

        Check(nameof(Beta1), Beta1);
        Check(nameof(Beta2), Beta2);
        if (Epsilon is { } eps)
        {
            Check(nameof(Epsilon), eps);
        }

        Check(nameof(Alpha), Alpha);
        if (WeightDecay is { } wd)
        {
            Check(nameof(WeightDecay), wd);
        }

        Check(nameof(HuberDelta), HuberDelta);

        if (OptionRules.DropoutProblem(Dropout, layerCount - 1) is { } dropoutProblem)
        {
            throw Invalid(nameof(Dropout), dropoutProblem);
        }

        if (!Enum.IsDefined(Initializer))
        {
            throw Invalid(nameof(Initializer), $"{Initializer} is not an Initializer.");
        }
    }

    private static ArgumentException Invalid(string option, string message) => new(message, option);

    /// <summary>The activations a hidden layer may have, in words: <c>Sigmoid, Tanh, … or ELU</c>.</summary>
    private static string HiddenActivations()
    {
        string[] names = Runtime.ActivationRegistry.All.Where(home => !home.OutputOnly).Select(home => home.Kind.ToString()).ToArray();
        return names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}
