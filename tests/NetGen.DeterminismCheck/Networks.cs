using NetGen;

// The deterministic networks the check runs. Together they take every option: each activation in both code shapes
// and both precisions, every loss, every optimizer (SGD plain, with momentum, Nesterov momentum and weight decay; Adam,
// AdamW, RMSprop with and without momentum, Adagrad), the three initializers, dropout, straight-line layers inside
// a loop-shaped network, and the two MNIST-shaped float networks. Sizes of the loop-shaped networks are no multiple
// of any vector width, so every kernel also runs its remainder and scalar tail.
namespace NetGen.DeterminismCheck.Networks
{
    // Unrolled, double: straight-line code with a field per weight.

    /// <summary>The tutorial's network: sigmoid layers, the square loss, plain gradient descent.</summary>
    [Network(2, 4, 1, Deterministic = true)]
    public partial class Tutorial { }

    [Network(3, 5, 4, 2, Activations = new[] { Activation.Tanh, Activation.ReLU, Activation.Identity }, Loss = Loss.MeanSquaredError,
        Momentum = 0.9, Nesterov = true, WeightDecay = 0.001, LearningRate = 0.05, Unroll = UnrollMode.Always, Deterministic = true)]
    public partial class UnrolledNesterov { }

    [Network(4, 6, 5, 3, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.Softmax }, Loss = Loss.CrossEntropy,
        Optimizer = Optimizer.Adam, LearningRate = 0.01, Initializer = Initializer.Xavier, Unroll = UnrollMode.Always, Deterministic = true)]
    public partial class UnrolledSoftmaxAdam { }

    [Network(3, 5, 4, 2, Activations = new[] { Activation.ELU, Activation.LeakyReLU, Activation.Sigmoid }, Loss = Loss.BinaryCrossEntropy,
        Optimizer = Optimizer.AdamW, LearningRate = 0.01, EluAlpha = 0.7, LeakySlope = 0.05, Initializer = Initializer.He,
        Unroll = UnrollMode.Always, Deterministic = true)]
    public partial class UnrolledBceAdamW { }

    [Network(4, 7, 5, 2, Activations = new[] { Activation.LeakyReLU, Activation.Tanh, Activation.Identity }, Loss = Loss.L1,
        Optimizer = Optimizer.RMSprop, Momentum = 0.5, Dropout = 0.25, Unroll = UnrollMode.Always, Deterministic = true)]
    public partial class UnrolledL1Dropout { }

    [Network(3, 6, 2, Activations = new[] { Activation.SiLU, Activation.ELU }, Loss = Loss.Huber, HuberDelta = 0.5,
        Optimizer = Optimizer.Adagrad, WeightDecay = 0.0001, Unroll = UnrollMode.Always, Deterministic = true)]
    public partial class UnrolledHuberAdagrad { }

    // Unrolled, single precision.

    [Network(4, 6, 5, 3, Activations = new[] { Activation.ELU, Activation.GELU, Activation.Softmax }, Loss = Loss.CrossEntropy,
        Optimizer = Optimizer.RMSprop, Precision = Precision.Single, Unroll = UnrollMode.Always, Deterministic = true)]
    public partial class FloatUnrolledSoftmax { }

    [Network(3, 5, 4, 2, Activations = new[] { Activation.SiLU, Activation.ReLU, Activation.Sigmoid }, Loss = Loss.BinaryCrossEntropy,
        Momentum = 0.8, WeightDecay = 0.001, Dropout = 0.2, Precision = Precision.Single, Unroll = UnrollMode.Always, Deterministic = true)]
    public partial class FloatUnrolledBce { }

    [Network(3, 5, 4, 2, Activations = new[] { Activation.Tanh, Activation.LeakyReLU, Activation.Identity }, Loss = Loss.Huber,
        Optimizer = Optimizer.AdamW, LearningRate = 0.01, Precision = Precision.Single, Unroll = UnrollMode.Always, Deterministic = true)]
    public partial class FloatUnrolledHuber { }

    [Network(2, 4, 1, Optimizer = Optimizer.Adagrad, Precision = Precision.Single, Initializer = Initializer.Xavier, Deterministic = true)]
    public partial class FloatUnrolledSquare { }

    // Loop-shaped, double: vectorised kernels over one parameter block.

    [Network(13, 37, 19, 5, Activations = new[] { Activation.Tanh, Activation.ReLU, Activation.Identity }, Loss = Loss.MeanSquaredError,
        Momentum = 0.9, Nesterov = true, WeightDecay = 0.001, LearningRate = 0.02, Initializer = Initializer.Xavier,
        Unroll = UnrollMode.Never, Deterministic = true)]
    public partial class LoopsNesterov { }

    [Network(13, 37, 19, 6, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.Softmax }, Loss = Loss.CrossEntropy,
        Optimizer = Optimizer.Adam, LearningRate = 0.005, Dropout = 0.2, Initializer = Initializer.He, Unroll = UnrollMode.Never, Deterministic = true)]
    public partial class LoopsSoftmaxDropout { }

    [Network(11, 29, 17, 3, Activations = new[] { Activation.ELU, Activation.LeakyReLU, Activation.Sigmoid }, Loss = Loss.BinaryCrossEntropy,
        Optimizer = Optimizer.AdamW, LearningRate = 0.005, EluAlpha = 1.3, LeakySlope = 0.1, Initializer = Initializer.Xavier,
        Unroll = UnrollMode.Never, Deterministic = true)]
    public partial class LoopsBceAdamW { }

    [Network(9, 33, 7, Activations = new[] { Activation.Sigmoid, Activation.Identity }, Loss = Loss.L1, Optimizer = Optimizer.RMSprop,
        Momentum = 0.3, Alpha = 0.9, Unroll = UnrollMode.Never, Deterministic = true)]
    public partial class LoopsL1RMSprop { }

    [Network(10, 21, 18, 4, Activations = new[] { Activation.ReLU, Activation.ELU, Activation.Tanh }, Loss = Loss.Huber,
        Optimizer = Optimizer.Adagrad, Initializer = Initializer.He, Unroll = UnrollMode.Never, Deterministic = true)]
    public partial class LoopsHuberAdagrad { }

    [Network(12, 20, 3, LearningRate = 0.01, Unroll = UnrollMode.Never, Deterministic = true)]
    public partial class LoopsSquare { }

    // Loop-shaped, single precision.

    [Network(13, 37, 19, 6, Activations = new[] { Activation.ELU, Activation.GELU, Activation.Softmax }, Loss = Loss.CrossEntropy,
        Optimizer = Optimizer.AdamW, LearningRate = 0.005, Precision = Precision.Single, Initializer = Initializer.Xavier,
        Unroll = UnrollMode.Never, Deterministic = true)]
    public partial class FloatLoopsSoftmax { }

    [Network(11, 29, 17, 3, Activations = new[] { Activation.SiLU, Activation.LeakyReLU, Activation.Sigmoid }, Loss = Loss.BinaryCrossEntropy,
        Optimizer = Optimizer.RMSprop, LearningRate = 0.005, Dropout = 0.3, Precision = Precision.Single, Unroll = UnrollMode.Never, Deterministic = true)]
    public partial class FloatLoopsBceDropout { }

    [Network(10, 21, 18, 4, Activations = new[] { Activation.Tanh, Activation.ReLU, Activation.Identity }, Loss = Loss.Huber,
        Momentum = 0.9, Nesterov = true, LearningRate = 0.02, Precision = Precision.Single, Initializer = Initializer.He,
        Unroll = UnrollMode.Never, Deterministic = true)]
    public partial class FloatLoopsHuberNesterov { }

    [Network(9, 33, 7, Activations = new[] { Activation.Sigmoid, Activation.ELU }, Loss = Loss.L1, Optimizer = Optimizer.Adagrad,
        WeightDecay = 0.001, Precision = Precision.Single, Unroll = UnrollMode.Never, Deterministic = true)]
    public partial class FloatLoopsL1Adagrad { }

    // Straight-line layers inside loop-shaped networks: the planner's (Auto) and listed ones.

    /// <summary>Loops for the 40-input layer; the planner gives Forward the two small layers after it in straight-line code.</summary>
    [Network(40, 6, 3, 1, Seed = 11, Deterministic = true)]
    public partial class MixedAuto { }

    [Network(20, 12, 4, 3, UnrolledLayers = new[] { 2, 3 }, Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Identity },
        Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01, Deterministic = true)]
    public partial class MixedLayers { }

    [Network(20, 12, 4, 3, UnrolledLayers = new[] { 2, 3 }, Activations = new[] { Activation.GELU, Activation.SiLU, Activation.Sigmoid },
        Loss = Loss.BinaryCrossEntropy, Momentum = 0.5, Precision = Precision.Single, Deterministic = true)]
    public partial class FloatMixedLayers { }

    // The MNIST-shaped float networks.

    [Network(784, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam,
        Precision = Precision.Single, Initializer = Initializer.He, Deterministic = true)]
    public partial class Mnist128Adam { }

    [Network(784, 64, 10, Precision = Precision.Single, Initializer = Initializer.Xavier, Deterministic = true)]
    public partial class Mnist64Sigmoid { }
}
