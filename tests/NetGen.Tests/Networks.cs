using NetGen;

// Networks compiled into this test project by the generator, exactly as a user's project would.
namespace NetGen.Tests.Networks
{
    /// <summary>The smallest network: one input, one output.</summary>
    [Network(1, 1)]
    public partial class OneOne { }

    /// <summary>The tutorial's AND network.</summary>
    [Network(2, 4, 1)]
    public partial class AndNet { }

    /// <summary>The step-by-step example's 2-2-2 network (Mazur 2015).</summary>
    [Network(2, 2, 2, LearningRate = 0.5)]
    public partial class MazurNet { }

    [Network(3, 5, 2)]
    internal partial class ThreeFiveTwo { }

    // GELU, SiLU and ELU in both layers, for PyTorch's numbers (Fixtures/Torch/activations.json): unrolled, loops, float.
    [Network(3, 4, 2, Hidden = Activation.GELU, Output = Activation.GELU)]
    public partial class TorchGelu { }

    [Network(3, 4, 2, Hidden = Activation.GELU, Output = Activation.GELU, Unroll = UnrollMode.Never)]
    public partial class TorchGeluLoops { }

    [Network(3, 4, 2, Hidden = Activation.GELU, Output = Activation.GELU, Precision = Precision.Single)]
    public partial class TorchGeluSingle { }

    [Network(3, 4, 2, Hidden = Activation.SiLU, Output = Activation.SiLU)]
    public partial class TorchSilu { }

    [Network(3, 4, 2, Hidden = Activation.SiLU, Output = Activation.SiLU, Unroll = UnrollMode.Never)]
    public partial class TorchSiluLoops { }

    [Network(3, 4, 2, Hidden = Activation.SiLU, Output = Activation.SiLU, Precision = Precision.Single)]
    public partial class TorchSiluSingle { }

    [Network(3, 4, 2, Hidden = Activation.ELU, Output = Activation.ELU, EluAlpha = 0.8)]
    public partial class TorchElu { }

    [Network(3, 4, 2, Hidden = Activation.ELU, Output = Activation.ELU, EluAlpha = 0.8, Unroll = UnrollMode.Never)]
    public partial class TorchEluLoops { }

    [Network(3, 4, 2, Hidden = Activation.ELU, Output = Activation.ELU, EluAlpha = 0.8, Precision = Precision.Single)]
    public partial class TorchEluSingle { }

    /// <summary>Deep: four weight layers.</summary>
    [Network(3, 6, 5, 4, 2)]
    public partial class Deep { }

    /// <summary>Deeper and narrow: six weight layers.</summary>
    [Network(2, 3, 3, 3, 3, 3, 1)]
    public partial class Deeper { }

    /// <summary>Wide: a hidden layer of 40 units.</summary>
    [Network(4, 40, 3)]
    public partial class Wide { }

    /// <summary>33 inputs, so every unit's sum spans several lines of generated code.</summary>
    [Network(33, 2)]
    public partial class WideInput { }

    [Network(5, 1, 5, Seed = 7)]
    public partial class Bottleneck { }

    [Network(1, 7, 1, LearningRate = 2, Seed = -42)]
    public partial class OneSevenOne { }

    [Network(8, 8, 8)]
    public partial class Square { }

    /// <summary>A partial container around a network.</summary>
    public static partial class Container
    {
        [Network(2, 3, 1)]
        internal partial class Nested { }
    }

    // Networks with the optimizers that keep state, in both shapes, for saving and resuming.
    [Network(3, 6, 4, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam)]
    public partial class AdamClassifier { }

    [Network(2, 4, 1, Hidden = Activation.Tanh, Momentum = 0.9, Nesterov = true, WeightDecay = 0.001)]
    public partial class NesterovNet { }

    [Network(20, 16, 3, Hidden = Activation.LeakyReLU, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.AdamW, Precision = Precision.Single)]
    public partial class AdamWLoops { }

    [Network(20, 16, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Momentum = 0.5, Unroll = UnrollMode.Never)]
    public partial class MomentumLoops { }

    // Linear networks that a large learning rate drives to infinity, for the training-step guard.
    [Network(2, 4, 1, Activations = new[] { Activation.Identity, Activation.Identity }, Momentum = 0.9, LearningRate = 0.5)]
    public partial class LinearNet { }

    [Network(20, 16, 1, Hidden = Activation.Identity, Output = Activation.Identity, Optimizer = Optimizer.Adam, LearningRate = 1e300)]
    public partial class LinearLoops { }
}
