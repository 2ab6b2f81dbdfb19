using System;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// W5 classifier-train: one TrainStep of <see cref="ClassifierNetwork"/> (784-256-128-10, ReLU, softmax and
/// cross-entropy, Adam, float) on a mini-batch of 64 synthetic MNIST-shaped samples, walking through 20,000 samples.
/// Time is per sample (OperationsPerInvoke = 64). The bar is 49,000 samples/s, ten times scikit-learn's
/// MLPClassifier on this kind of machine.
/// </summary>
[MemoryDiagnoser]
public class ClassifierTrainF32
{
    public const int Batch = 64;
    private const int Samples = 20_000;
    private static readonly int[] Sizes = { 784, 256, 128, 10 };
    private readonly ClassifierNetwork _generated = new();
    private readonly DeterministicClassifierNetwork _deterministic = new();
    private readonly HandWrittenClassifier<float> _handWritten = new(Sizes);
    private float[] _x = Array.Empty<float>();
    private float[] _t = Array.Empty<float>();
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        (_x, _t) = MnistData.Make<float>(Samples);
        var p = new float[ClassifierNetwork.ParameterCount];
        _generated.GetParameters(p);
        _deterministic.SetParameters(p);
        _handWritten.SetParameters(p);
    }

    [Benchmark(Baseline = true, Description = "runtime-sized C#", OperationsPerInvoke = Batch)]
    public float HandWritten() => _handWritten.TrainStep(X(), T());

    [Benchmark(Description = "NetGen generated", OperationsPerInvoke = Batch)]
    public float Generated() => _generated.TrainStep(X(), T());

    [Benchmark(Description = "NetGen deterministic", OperationsPerInvoke = Batch)]
    public float Deterministic() => _deterministic.TrainStep(X(), T());

    private ReadOnlySpan<float> X()
    {
        _next = (_next + Batch) % (Samples - Batch);
        return _x.AsSpan(_next * MnistData.Inputs, Batch * MnistData.Inputs);
    }

    private ReadOnlySpan<float> T() => _t.AsSpan(_next * MnistData.Outputs, Batch * MnistData.Outputs);
}

/// <summary>W5 classifier-infer: Forward of one sample (class probabilities), cycling over the first 64 samples.</summary>
[MemoryDiagnoser]
public class ClassifierInferF32
{
    private const int Pool = 64;
    private static readonly int[] Sizes = { 784, 256, 128, 10 };
    private readonly ClassifierNetwork _generated = new();
    private readonly DeterministicClassifierNetwork _deterministic = new();
    private readonly HandWrittenClassifier<float> _handWritten = new(Sizes);
    private readonly float[] _y = new float[10];
    private float[] _x = Array.Empty<float>();

    [GlobalSetup]
    public void Setup()
    {
        _x = MnistData.Make<float>(Pool).X;
        var p = new float[ClassifierNetwork.ParameterCount];
        _generated.GetParameters(p);
        _deterministic.SetParameters(p);
        _handWritten.SetParameters(p);
    }

    [Benchmark(Baseline = true, Description = "runtime-sized C#", OperationsPerInvoke = Pool)]
    public float HandWritten()
    {
        float sum = 0;
        for (int i = 0; i < Pool; i++)
        {
            _handWritten.Forward(_x.AsSpan(i * 784, 784), _y);
            sum += _y[i % 10];
        }

        return sum;
    }

    [Benchmark(Description = "NetGen generated", OperationsPerInvoke = Pool)]
    public float Generated()
    {
        float sum = 0;
        for (int i = 0; i < Pool; i++)
        {
            _generated.Forward(_x.AsSpan(i * 784, 784), _y);
            sum += _y[i % 10];
        }

        return sum;
    }

    [Benchmark(Description = "NetGen deterministic", OperationsPerInvoke = Pool)]
    public float Deterministic()
    {
        float sum = 0;
        for (int i = 0; i < Pool; i++)
        {
            _deterministic.Forward(_x.AsSpan(i * 784, 784), _y);
            sum += _y[i % 10];
        }

        return sum;
    }
}

/// <summary>
/// W5 over a long run: <see cref="ClassifierNetwork"/>'s training steps 1-1,000 from its initial weights, and steps
/// 2,001-4,000, from the parameters and optimizer state it has after 2,000 steps (taken once, in the setup). Both walk
/// the same batches of 64 as <see cref="ClassifierTrainF32"/>. On these random labels most gradients of the first
/// layer become exactly 0 within a few hundred steps, the case in which an optimizer's moments decay into subnormal
/// numbers; the ratio of the two rows is the steady state's rate against the start's, 1.00 when nothing slows down.
/// Time is per sample.
/// </summary>
[MemoryDiagnoser]
public class ClassifierSteadyF32
{
    private const int Samples = 20_000;
    private const int First = 1_000, Later = 2_000;
    private readonly ClassifierNetwork _network = new();
    private float[] _x = Array.Empty<float>();
    private float[] _t = Array.Empty<float>();
    private float[] _startParameters = Array.Empty<float>(), _startState = Array.Empty<float>();
    private float[] _laterParameters = Array.Empty<float>(), _laterState = Array.Empty<float>();
    private int _next, _laterNext;

    [GlobalSetup]
    public void Setup()
    {
        (_x, _t) = MnistData.Make<float>(Samples);
        (_startParameters, _startState) = Snapshot();
        Steps(Later);
        (_laterParameters, _laterState) = Snapshot();
        _laterNext = _next;
    }

    [Benchmark(Baseline = true, Description = "NetGen steps 1-1,000", OperationsPerInvoke = First * ClassifierTrainF32.Batch)]
    public float Start()
    {
        Restore(_startParameters, _startState, 0);
        return Steps(First);
    }

    [Benchmark(Description = "NetGen steps 2,001-4,000", OperationsPerInvoke = Later * ClassifierTrainF32.Batch)]
    public float Steady()
    {
        Restore(_laterParameters, _laterState, _laterNext);
        return Steps(Later);
    }

    private float Steps(int count)
    {
        float loss = 0;
        for (int step = 0; step < count; step++)
        {
            _next = (_next + ClassifierTrainF32.Batch) % (Samples - ClassifierTrainF32.Batch);
            loss += _network.TrainStep(
                _x.AsSpan(_next * MnistData.Inputs, ClassifierTrainF32.Batch * MnistData.Inputs),
                _t.AsSpan(_next * MnistData.Outputs, ClassifierTrainF32.Batch * MnistData.Outputs));
        }

        return loss;
    }

    private (float[] Parameters, float[] State) Snapshot()
    {
        var parameters = new float[ClassifierNetwork.ParameterCount];
        var state = new float[_network.OptimizerStateLength];
        _network.GetParameters(parameters);
        _network.GetOptimizerState(state);
        return (parameters, state);
    }

    private void Restore(float[] parameters, float[] state, int next)
    {
        _network.SetParameters(parameters);
        _network.SetOptimizerState(state);
        _next = next;
    }
}
