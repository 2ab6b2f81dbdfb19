namespace NetGen.Tests;

// The 3-4-2 networks of Fixtures/Torch/losses.py: a tanh hidden layer, each element-wise loss with both reductions,
// unrolled and loop-shaped in double and unrolled in float.
[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Reduction = Reduction.Sum)]
public partial class TorchMseSum { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError)]
public partial class TorchMseMean { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Loss = Loss.L1, Reduction = Reduction.Sum)]
public partial class TorchL1Sum { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Loss = Loss.L1)]
public partial class TorchL1Mean { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 0.5, Reduction = Reduction.Sum)]
public partial class TorchHuberSum { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 0.5)]
public partial class TorchHuberMean { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Reduction = Reduction.Sum, Unroll = UnrollMode.Never)]
public partial class TorchMseSumLoops { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Unroll = UnrollMode.Never)]
public partial class TorchMseMeanLoops { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Loss = Loss.L1, Reduction = Reduction.Sum, Unroll = UnrollMode.Never)]
public partial class TorchL1SumLoops { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Loss = Loss.L1, Unroll = UnrollMode.Never)]
public partial class TorchL1MeanLoops { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 0.5, Reduction = Reduction.Sum, Unroll = UnrollMode.Never)]
public partial class TorchHuberSumLoops { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 0.5, Unroll = UnrollMode.Never)]
public partial class TorchHuberMeanLoops { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Reduction = Reduction.Sum, Precision = Precision.Single)]
public partial class TorchMseSumSingle { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Precision = Precision.Single)]
public partial class TorchMseMeanSingle { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Loss = Loss.L1, Reduction = Reduction.Sum, Precision = Precision.Single)]
public partial class TorchL1SumSingle { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Loss = Loss.L1, Precision = Precision.Single)]
public partial class TorchL1MeanSingle { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 0.5, Reduction = Reduction.Sum, Precision = Precision.Single)]
public partial class TorchHuberSumSingle { }

[Network(3, 4, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 0.5, Precision = Precision.Single)]
public partial class TorchHuberMeanSingle { }
