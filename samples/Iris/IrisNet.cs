using NetGen;

namespace Iris;

/// <summary>4 measurements → 8 tanh units → 3 species: a softmax output trained on cross-entropy with Adam.</summary>
[Network(4, 8, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy,
    Optimizer = Optimizer.Adam, LearningRate = 0.01, Initializer = Initializer.Xavier)]
public partial class IrisNet
{
}
