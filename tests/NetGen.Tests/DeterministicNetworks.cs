namespace NetGen.Tests.DeterministicNetworks;

// Networks declared Deterministic = true, in both shapes and precisions and with every exp-based activation and loss,
// for DeterministicNetworkTests. Each is also declared without it where the tests compare the two.

[Network(2, 4, 1, Deterministic = true)]
public partial class DeterministicAnd { }

[Network(4, 6, 3, Hidden = Activation.GELU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, Deterministic = true)]
public partial class DeterministicGeluSoftmaxUnrolled { }

[Network(3, 5, 4, 2, Activations = new[] { Activation.Tanh, Activation.ELU, Activation.Sigmoid }, Loss = Loss.BinaryCrossEntropy, Deterministic = true)]
public partial class DeterministicTanhEluUnrolled { }

[Network(3, 5, 4, 2, Activations = new[] { Activation.Tanh, Activation.ELU, Activation.Sigmoid }, Loss = Loss.BinaryCrossEntropy)]
public partial class PlatformTanhEluUnrolled { }

[Network(20, 37, 5, Hidden = Activation.SiLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.AdamW, Deterministic = true)]
public partial class DeterministicSiluLoops { }

[Network(20, 37, 5, Hidden = Activation.SiLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.AdamW)]
public partial class PlatformSiluLoops { }

[Network(20, 37, 19, 3, Activations = new[] { Activation.GELU, Activation.Tanh, Activation.Sigmoid }, Loss = Loss.BinaryCrossEntropy,
    Optimizer = Optimizer.Sgd, Momentum = 0.9, Deterministic = true)]
public partial class DeterministicGeluTanhLoops { }

[Network(20, 37, 19, 3, Activations = new[] { Activation.ELU, Activation.SiLU, Activation.GELU }, Loss = Loss.Huber,
    Optimizer = Optimizer.Adam, Precision = Precision.Single, Deterministic = true)]
public partial class DeterministicEluSiluGeluLoopsSingle { }

[Network(4, 3, 3, 2, Unroll = UnrollMode.Never, UnrolledLayers = new[] { 1, 2, 3 }, Activations = new[] { Activation.GELU, Activation.Tanh, Activation.Sigmoid },
    Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, Deterministic = true)]
public partial class DeterministicStraightLoops { }

[Network(3, 5, 4, 2, Hidden = Activation.SiLU, Output = Activation.Sigmoid, Precision = Precision.Single, Deterministic = true)]
public partial class DeterministicSiluUnrolledSingle { }

