using NetGen;

namespace FashionMnist;

/// <summary>784 pixels → 256 → 128 → 10 classes: ReLU hidden layers, a softmax output trained on cross-entropy with Adam, in float.</summary>
[Network(784, 256, 128, 10,
    Hidden = Activation.ReLU, Output = Activation.Softmax,
    Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.001,
    Precision = Precision.Single, Initializer = Initializer.He)]
public partial class FashionNet
{
}
