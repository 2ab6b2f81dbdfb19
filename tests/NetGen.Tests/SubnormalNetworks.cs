namespace NetGen.Tests.SubnormalNetworks;

// Networks whose optimizer state decays by ½ a step where the gradient is 0, for SubnormalTests: every value halves
// exactly, into the subnormal range within about 130 steps in float and 1,030 in double.

[Network(3, 4, 2, Optimizer = Optimizer.Adam, Beta1 = 0.5, Beta2 = 0.5, LearningRate = 0.01)]
public partial class HalvingAdamUnrolled { }

[Network(20, 37, 5, Unroll = UnrollMode.Never, Optimizer = Optimizer.RMSprop, Alpha = 0.5, Momentum = 0.5, LearningRate = 0.01)]
public partial class HalvingRMSpropLoops { }

[Network(20, 37, 5, Unroll = UnrollMode.Never, Optimizer = Optimizer.Sgd, Momentum = 0.5, LearningRate = 0.01)]
public partial class HalvingSgdLoops { }

[Network(3, 4, 2, Optimizer = Optimizer.Adam, Beta1 = 0.5, Beta2 = 0.5, LearningRate = 0.01, Precision = Precision.Single)]
public partial class HalvingAdamUnrolledSingle { }

[Network(20, 37, 5, Unroll = UnrollMode.Never, Optimizer = Optimizer.AdamW, Beta1 = 0.5, Beta2 = 0.5, WeightDecay = 0, LearningRate = 0.01, Precision = Precision.Single)]
public partial class HalvingAdamLoopsSingle { }

[Network(3, 4, 2, Optimizer = Optimizer.Sgd, Momentum = 0.5, LearningRate = 0.01, Precision = Precision.Single)]
public partial class HalvingSgdUnrolledSingle { }
