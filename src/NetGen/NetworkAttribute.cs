using System;

namespace NetGen;

/// <summary>
/// Marks a <c>partial</c> class as a fully connected network whose trainer NetGen generates at compile time. The
/// sizes are the input size, then each hidden layer's size, then the output size. Unset, every option is the
/// tutorial's: sigmoid layers, the square loss summed over the batch, plain gradient descent with a learning rate
/// of 0.1. A combination NetGen cannot train (a Softmax hidden layer, cross-entropy without a Softmax output,
/// Adam with momentum...) is a compiler error that says what to change.
/// </summary>
/// <example>
/// <code>
/// [Network(2, 4, 1)]                 // 2 inputs, one hidden layer of 4 units, 1 output: the tutorial's network
/// public partial class AndNet { }
///
/// [Network(784, 256, 128, 10,
///     Hidden = Activation.ReLU, Output = Activation.Softmax,
///     Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.001,
///     Precision = Precision.Single, Initializer = Initializer.He)]
/// public partial class FashionNet { }
///
/// [Network(2, 8, 8, 1, Activations = new[] { Activation.Tanh, Activation.LeakyReLU, Activation.Identity })]
/// public partial class Regressor { }   // one activation per weight layer
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares the topology: input size, hidden sizes..., output size (at least two sizes, each at least 1).</summary>
    /// <param name="layerSizes">The size of every layer, input first and output last.</param>
    public NetworkAttribute(params int[] layerSizes)
    {
        LayerSizes = layerSizes ?? Array.Empty<int>();
    }

    /// <summary>The layer sizes as written on the attribute, input first and output last.</summary>
    public int[] LayerSizes { get; }

    /// <summary>
    /// The step size used by <c>TrainStep</c> and <c>Train</c>; finite and greater than 0. Unset, it is the optimizer's
    /// default: 0.1 for <see cref="NetGen.Optimizer.Sgd"/> (the tutorial's value), 0.001 for
    /// <see cref="NetGen.Optimizer.Adam"/> and <see cref="NetGen.Optimizer.AdamW"/>, 0.01 for
    /// <see cref="NetGen.Optimizer.RMSprop"/> and <see cref="NetGen.Optimizer.Adagrad"/> (PyTorch's). The generator reads
    /// whether it is set from the attribute as written, so the 0.1 this property returns when unset is not what an
    /// Adam network uses.
    /// </summary>
    public double LearningRate { get; set; } = 0.1;

    /// <summary>The seed of the weight initialisation used by the parameterless constructor; 0 unless set.</summary>
    public int Seed { get; set; }

    /// <summary>Straight-line code or vectorised loops; <see cref="UnrollMode.Auto"/> unless set.</summary>
    public UnrollMode Unroll { get; set; }

    /// <summary>
    /// The layers, by number (1 is the first layer of weights, the last is the output layer), whose forward and
    /// backward passes are straight-line code in a network whose parameters are one vectorised block; the other
    /// layers keep the vectorised loops. A listed layer may have at most 256 weights (inputs x units). Unset (or
    /// null), the planner chooses per layer and pass (see the README's thresholds); setting it, even to an empty
    /// list, takes that choice over and puts the network in one parameter block, as <see cref="UnrollMode.Never"/>
    /// does, even a network small enough to unroll. It cannot be combined with <see cref="UnrollMode.Always"/>.
    /// </summary>
    /// <example><c>[Network(64, 8, 1, UnrolledLayers = new[] { 2 })]</c>: the 8-to-1 output layer as straight-line code.</example>
    public int[]? UnrolledLayers { get; set; }

    /// <summary>The floating-point type of the network; <see cref="Precision.Double"/> unless set.</summary>
    public Precision Precision { get; set; }

    /// <summary>How the initial weights are drawn; <see cref="Initializer.StandardNormal"/> (the tutorial's) unless set.</summary>
    public Initializer Initializer { get; set; }

    /// <summary>
    /// The activation of every hidden layer; <see cref="Activation.Sigmoid"/> (the tutorial's) unless set. Not
    /// <see cref="Activation.Softmax"/>, which is for the output layer only. Cannot be combined with <see cref="Activations"/>.
    /// </summary>
    public Activation Hidden { get; set; }

    /// <summary>
    /// The activation of the output layer; <see cref="Activation.Sigmoid"/> (the tutorial's) unless set. A
    /// <see cref="Activation.Softmax"/> output is trained on <see cref="Loss.CrossEntropy"/>. Cannot be combined with
    /// <see cref="Activations"/>.
    /// </summary>
    public Activation Output { get; set; }

    /// <summary>
    /// The activation of each weight layer, layer 1 first and the output layer last: one per size after the input.
    /// Unset (or null), <see cref="Hidden"/> and <see cref="Output"/> set them; setting it as well as either of those is
    /// an error.
    /// </summary>
    /// <example><c>[Network(2, 8, 8, 1, Activations = new[] { Activation.Tanh, Activation.LeakyReLU, Activation.Identity })]</c></example>
    public Activation[]? Activations { get; set; }

    /// <summary>The slope of <see cref="Activation.LeakyReLU"/> layers for negative inputs; 0.01 (PyTorch's) unless set; finite and at least 0.</summary>
    public double LeakySlope { get; set; } = OptionRules.DefaultLeakySlope;

    /// <summary>
    /// The loss the network is trained on; <see cref="Loss.Square"/> (the tutorial's) unless set.
    /// <see cref="Loss.CrossEntropy"/> needs a <see cref="Activation.Softmax"/> output layer and
    /// <see cref="Loss.BinaryCrossEntropy"/> a <see cref="Activation.Sigmoid"/> one; <see cref="Loss.MeanSquaredError"/>,
    /// <see cref="Loss.L1"/> and <see cref="Loss.Huber"/> take any output activation but Softmax.
    /// </summary>
    public Loss Loss { get; set; }

    /// <summary>
    /// How the losses of a batch combine. Unset, it is the loss's default: <see cref="Reduction.Sum"/> for
    /// <see cref="Loss.Square"/> (the tutorial's) and <see cref="Reduction.Mean"/> for every other loss (PyTorch's; for
    /// MeanSquaredError, L1, Huber and BinaryCrossEntropy the mean over every element, samples × outputs).
    /// The generator reads whether it is set from the attribute as written; this property returns Sum when unset.
    /// </summary>
    public Reduction Reduction { get; set; }

    /// <summary>The update rule; <see cref="NetGen.Optimizer.Sgd"/> (plain gradient descent, the tutorial's) unless set.</summary>
    public Optimizer Optimizer { get; set; }

    /// <summary>
    /// The momentum μ (<c>torch.optim.SGD</c>'s and <c>torch.optim.RMSprop</c>'s <c>momentum</c>); 0 (none) unless set;
    /// finite and at least 0. For <see cref="NetGen.Optimizer.Sgd"/> and <see cref="NetGen.Optimizer.RMSprop"/> only:
    /// Adam's counterpart is <see cref="Beta1"/>.
    /// </summary>
    public double Momentum { get; set; }

    /// <summary>SGD's Nesterov momentum; false unless set. Needs <see cref="Momentum"/> greater than 0; for <see cref="NetGen.Optimizer.Sgd"/> only.</summary>
    public bool Nesterov { get; set; }

    /// <summary>Adam's and AdamW's β1, the decay of the running mean of the gradient; 0.9 unless set; in [0, 1).</summary>
    public double Beta1 { get; set; } = OptionRules.DefaultBeta1;

    /// <summary>Adam's and AdamW's β2, the decay of the running mean of the squared gradient; 0.999 unless set; in [0, 1).</summary>
    public double Beta2 { get; set; } = OptionRules.DefaultBeta2;

    /// <summary>
    /// ε of Adam, AdamW, RMSprop and Adagrad, added to the square root in the denominator; unless set, 1e-8, or 1e-10 for
    /// <see cref="NetGen.Optimizer.Adagrad"/> (PyTorch's defaults; the generator reads whether it is set from the
    /// attribute as written); finite and greater than 0.
    /// </summary>
    public double Epsilon { get; set; } = 1e-8;

    /// <summary>
    /// The weight decay λ, finite and at least 0: added to the gradient as <c>λ · p</c> for <see cref="NetGen.Optimizer.Sgd"/>
    /// and <see cref="NetGen.Optimizer.Adam"/>, decoupled (<c>p -= η · λ · p</c>) for <see cref="NetGen.Optimizer.AdamW"/>.
    /// Unset, it is 0, or 0.01 for AdamW (PyTorch's defaults); the generator reads whether it is set from the attribute
    /// as written.
    /// </summary>
    public double WeightDecay { get; set; }

    /// <summary>
    /// The threshold δ of <see cref="Loss.Huber"/> (<c>torch.nn.HuberLoss</c>'s <c>delta</c>): quadratic below it,
    /// linear above; 1.0 unless set; finite and greater than 0. For <see cref="Loss.Huber"/> only.
    /// </summary>
    public double HuberDelta { get; set; } = OptionRules.DefaultHuberDelta;

    /// <summary>
    /// RMSprop's smoothing constant α (<c>torch.optim.RMSprop</c>'s <c>alpha</c>), the decay of the running mean of the
    /// squared gradient; 0.99 unless set; in [0, 1). For <see cref="NetGen.Optimizer.RMSprop"/> only.
    /// </summary>
    public double Alpha { get; set; } = OptionRules.DefaultAlpha;

    /// <summary>
    /// The α of <see cref="Activation.ELU"/> layers (<c>torch.nn.ELU(alpha)</c>): their output for <c>z ≤ 0</c> is
    /// <c>α (e^z − 1)</c>; 1.0 (PyTorch's) unless set; finite and greater than 0.
    /// </summary>
    public double EluAlpha { get; set; } = OptionRules.DefaultEluAlpha;

    /// <summary>
    /// The probability p of inverted dropout (<c>torch.nn.Dropout(p)</c>) on the output of every hidden layer in
    /// training steps (<c>TrainStep</c>, <c>Train</c>, <c>Fit</c>): each output is zeroed with probability p and the others
    /// are scaled by <c>1 / (1 − p)</c>. <c>Forward</c>, <c>Predict</c> and <c>ComputeGradients</c> never drop, and ONNX
    /// export leaves it out. The masks come from the network's own stream, started from its seed and saved with the
    /// optimizer's state. 0 (none) unless set; in [0, 1), and only on a network with a hidden layer.
    /// </summary>
    public double Dropout { get; set; }

    /// <summary>
    /// True for the same bits on every machine: parameters, outputs, losses and gradients that do not depend on the
    /// instruction set (AVX-512, AVX2, SSE, none, ARM64 NEON), the runtime (.NET 8, .NET 10, NativeAOT) or the number of
    /// threads, for the same declaration, seed, data and options. Such a network computes exp and log with NetGen's own
    /// functions, written once for every vector width and the scalar code, instead of the platform's, so its results
    /// differ from a network without it in the last bits where those round differently. False unless set, so the
    /// tutorial's network keeps the platform's exp (see docs/determinism.md for what each choice costs).
    /// </summary>
    public bool Deterministic { get; set; }
}
