namespace NetGen.Tests.DropoutNetworks;

// Networks with dropout in both shapes and precisions, for DropoutTests.

[Network(2, 4, 3, 1, Dropout = 0.5)]
public partial class DropUnrolled { }

[Network(6, 12, 8, 3, Unroll = UnrollMode.Never, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, Dropout = 0.3)]
public partial class DropLoops { }

// DropLoops without dropout: the same weights, and the same numbers wherever nothing is dropped.
[Network(6, 12, 8, 3, Unroll = UnrollMode.Never, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam)]
public partial class NoDropLoops { }

[Network(6, 12, 8, 3, Unroll = UnrollMode.Never, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, Dropout = 0.3, Precision = Precision.Single)]
public partial class DropLoopsSingle { }

// GELU keeps z for its derivative: dropout must leave z and a as they are and mask only what the layer above takes.
[Network(5, 7, 6, 2, Unroll = UnrollMode.Never, Hidden = Activation.GELU, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.RMSprop, Dropout = 0.2)]
public partial class DropGeluLoops { }

[Network(3, 5, 4, 2, Hidden = Activation.GELU, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Dropout = 0.2)]
public partial class DropGeluUnrolled { }

[Network(3, 5, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Dropout = 0.25, Precision = Precision.Single)]
public partial class DropUnrolledSingle { }

// Straight-line layers in a loop-shaped network: under dropout only layer 1 trains in straight-line code.
[Network(4, 3, 3, 2, Unroll = UnrollMode.Never, UnrolledLayers = new[] { 1, 2, 3 }, Dropout = 0.5, Optimizer = Optimizer.Sgd, Momentum = 0.9)]
public partial class DropStraightLoops { }

// The definition probes: identity layers, so that a step's gradient shows each hidden output's mask.
[Network(1, 1200, 1, Hidden = Activation.Identity, Output = Activation.Identity, Dropout = 0.25)]
public partial class DropProbe { }

[Network(1, 8, 1, Hidden = Activation.Identity, Output = Activation.Identity, Dropout = 0.5)]
public partial class DropProbeUnrolledDefinition { }
