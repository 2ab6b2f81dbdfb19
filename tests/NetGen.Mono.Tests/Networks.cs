using NetGen;

namespace NetGen.MonoCheck
{
    /// <summary>The tutorial's network, as the README declares it: the platform's exp on .NET, NetGen's on Mono.</summary>
    [Network(2, 4, 1)]
    public partial class AndNet
    {
    }

    /// <summary>Softmax, cross-entropy and Adam, in double.</summary>
    [Network(2, 4, 3, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, Deterministic = true)]
    public partial class SoftmaxAdam
    {
    }

    /// <summary>The square loss's lanes (eight samples at a time) in float, plain SGD.</summary>
    [Network(2, 3, 1, Precision = Precision.Single, Deterministic = true)]
    public partial class SingleLanes
    {
    }

    /// <summary>Tanh, mean squared error, Nesterov momentum with weight decay.</summary>
    [Network(3, 6, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Momentum = 0.9, Nesterov = true, WeightDecay = 0.01, LearningRate = 0.05, Deterministic = true)]
    public partial class TanhNesterov
    {
    }

    /// <summary>ReLU, binary cross-entropy, RMSprop with momentum, in float.</summary>
    [Network(4, 8, 1, Hidden = Activation.ReLU, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.RMSprop, Momentum = 0.5, Precision = Precision.Single, Deterministic = true)]
    public partial class ReluRmsprop
    {
    }

    /// <summary>Leaky ReLU, Huber, Adagrad with weight decay.</summary>
    [Network(3, 5, 2, Hidden = Activation.LeakyReLU, Output = Activation.Identity, Loss = Loss.Huber, Optimizer = Optimizer.Adagrad, WeightDecay = 0.001, Deterministic = true)]
    public partial class LeakyAdagrad
    {
    }

    /// <summary>Two sigmoid layers, softmax, AdamW and dropout.</summary>
    [Network(4, 6, 5, 3, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.AdamW, Dropout = 0.25, Deterministic = true)]
    public partial class DropoutAdamW
    {
    }

    /// <summary>L1 loss in float with Adam, tanh hidden layer.</summary>
    [Network(2, 4, 1, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.L1, Optimizer = Optimizer.Adam, Precision = Precision.Single, Deterministic = true)]
    public partial class SingleL1
    {
    }

    /// <summary>The loop shape in float: sigmoid, SiLU, binary cross-entropy.</summary>
    [Network(40, 8, 6, 3, Activations = new[] { Activation.Sigmoid, Activation.SiLU, Activation.Sigmoid }, Loss = Loss.BinaryCrossEntropy, Unroll = UnrollMode.Never, Precision = Precision.Single, Deterministic = true)]
    public partial class SiluLoops
    {
    }

    /// <summary>The loop shape in double: GELU, softmax, Adam and dropout.</summary>
    [Network(40, 8, 6, 3, Hidden = Activation.GELU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, Unroll = UnrollMode.Never, Dropout = 0.25, Deterministic = true)]
    public partial class GeluLoops
    {
    }

    /// <summary>Loops with straight-line layers (the planner's choice), ReLU, square loss, SGD.</summary>
    [Network(40, 6, 3, 1, Hidden = Activation.ReLU, Seed = 11, Deterministic = true)]
    public partial class MixedTail
    {
    }

    /// <summary>ELU unrolled, Huber, RMSprop.</summary>
    [Network(3, 5, 2, Hidden = Activation.ELU, Output = Activation.Identity, Loss = Loss.Huber, Optimizer = Optimizer.RMSprop, Deterministic = true)]
    public partial class EluRmsprop
    {
    }

    /// <summary>A larger loop-shaped network, not deterministic: the platform's exp on .NET, NetGen's on Mono.</summary>
    [Network(64, 32, 4, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam)]
    public partial class TanhLoops
    {
    }
}
