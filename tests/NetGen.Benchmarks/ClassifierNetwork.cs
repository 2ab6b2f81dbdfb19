namespace NetGen.Benchmarks;

/// <summary>
/// W5's network: 784-256-128-10, ReLU hidden layers, a softmax output trained on the cross-entropy averaged over the
/// batch, Adam with PyTorch's defaults (learning rate 0.001), He initialisation, float.
/// </summary>
[Network(784, 256, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy,
    Optimizer = Optimizer.Adam, Initializer = Initializer.He, Precision = Precision.Single, Seed = 3)]
public partial class ClassifierNetwork
{
}

/// <summary>W5's network declared <c>Deterministic = true</c>: Fit trains it in shards on any number of threads.</summary>
[Network(784, 256, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy,
    Optimizer = Optimizer.Adam, Initializer = Initializer.He, Precision = Precision.Single, Seed = 3, Deterministic = true)]
public partial class ClassifierNetworkDeterministic
{
}
