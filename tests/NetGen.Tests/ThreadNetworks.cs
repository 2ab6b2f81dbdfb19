namespace NetGen.Tests.ThreadNetworks;

// Networks for ThreadTests: both shapes, both precisions, both reductions, Adam, dropout; each declared with
// Deterministic = true (trained in shards at every thread count) and without (its own TrainStep on one thread).

[Network(4, 6, 3, Hidden = Activation.Tanh, Deterministic = true)]
public partial class UnrolledSumDeterministic { }

[Network(4, 6, 3, Hidden = Activation.Tanh)]
public partial class UnrolledSum { }

[Network(3, 5, 2, Hidden = Activation.GELU, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Precision = Precision.Single, Deterministic = true)]
public partial class UnrolledMeanSingleDeterministic { }

[Network(3, 5, 2, Hidden = Activation.GELU, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Precision = Precision.Single)]
public partial class UnrolledMeanSingle { }

[Network(12, 20, 9, 4, Unroll = UnrollMode.Never, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam,
    Initializer = Initializer.He, Deterministic = true)]
public partial class LoopsAdamDeterministic { }

[Network(12, 20, 9, 4, Unroll = UnrollMode.Never, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam,
    Initializer = Initializer.He)]
public partial class LoopsAdam { }

[Network(17, 24, 3, Unroll = UnrollMode.Never, Precision = Precision.Single, Initializer = Initializer.Xavier, Momentum = 0.9, LearningRate = 0.05, Deterministic = true)]
public partial class LoopsSumSingleDeterministic { }

[Network(17, 24, 3, Unroll = UnrollMode.Never, Precision = Precision.Single, Initializer = Initializer.Xavier, Momentum = 0.9, LearningRate = 0.05)]
public partial class LoopsSumSingle { }

[Network(12, 16, 10, 4, Unroll = UnrollMode.Never, Hidden = Activation.GELU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam,
    Dropout = 0.3, Deterministic = true)]
public partial class DropoutLoopsDeterministic { }

[Network(12, 16, 10, 4, Unroll = UnrollMode.Never, Hidden = Activation.GELU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam,
    Dropout = 0.3)]
public partial class DropoutLoops { }

[Network(4, 6, 5, 3, Dropout = 0.25, Reduction = Reduction.Mean, Deterministic = true)]
public partial class DropoutUnrolledDeterministic { }

[Network(4, 6, 5, 3, Dropout = 0.25, Reduction = Reduction.Mean)]
public partial class DropoutUnrolled { }
