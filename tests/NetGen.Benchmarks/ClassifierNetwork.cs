namespace NetGen.Benchmarks;

/// <summary>
/// W5's network: 784-256-128-10, ReLU hidden layers, a softmax output trained on the cross-entropy averaged over the
/// batch, Adam with PyTorch's defaults (learning rate 0.001), He initialisation, float. Its generated part is
/// Generated/ClassifierNetwork.g.cs, the emitter's text for that model, written by
/// tests/NetGen.Generator.Tests/BenchmarkSourceTests.cs until the attribute takes these options; then this becomes
/// <c>[Network(784, 256, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy,
/// Optimizer = Optimizer.Adam, Initializer = Initializer.He, Precision = Precision.Single, Seed = 3)]</c> and both
/// files go.
/// </summary>
public partial class ClassifierNetwork
{
    // Until the generator writes the optimizer's state and __Update with the shared members: Adam's moments and step
    // count, and one call of the runtime's Adam per step (what the generated update will do).
    private readonly float[] __m = global::NetGen.Runtime.Aligned.Allocate<float>(ParameterCount);
    private readonly float[] __v = global::NetGen.Runtime.Aligned.Allocate<float>(ParameterCount);
    private int __step;

    private void __Update(global::System.Span<float> parameters, global::System.ReadOnlySpan<float> gradient)
    {
        __step++;
        global::NetGen.Runtime.Dense.Adam<float>(
            parameters,
            gradient,
            global::NetGen.Runtime.Aligned.Span(__m, ParameterCount),
            global::NetGen.Runtime.Aligned.Span(__v, ParameterCount),
            __learningRate,
            0.9,
            0.999,
            1e-8,
            0.0,
            __step,
            decoupled: false);
    }
}
