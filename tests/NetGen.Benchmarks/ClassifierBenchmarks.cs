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
