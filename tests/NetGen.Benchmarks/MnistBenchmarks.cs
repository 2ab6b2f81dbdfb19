using System;
using BenchmarkDotNet.Attributes;
using NetGen.Reference;

namespace NetGen.Benchmarks;

/// <summary>784-128-10 in double, with the anchors' learning rate.</summary>
[Network(784, 128, 10, LearningRate = 0.01)]
public partial class MnistNet
{
}

/// <summary>784-128-10 in double, declared <c>Deterministic = true</c>: Fit trains it in shards on any number of threads.</summary>
[Network(784, 128, 10, LearningRate = 0.01, Deterministic = true)]
public partial class MnistNetDeterministic
{
}

/// <summary>784-128-10 in single precision.</summary>
[Network(784, 128, 10, LearningRate = 0.01, Precision = Precision.Single)]
public partial class MnistNetSingle
{
}

/// <summary>
/// W3 mnist-train: one TrainStep on a mini-batch of 32 synthetic samples, walking through 20,000 samples as the
/// anchors do. Time is per sample (OperationsPerInvoke = 32).
/// </summary>
[MemoryDiagnoser]
public class MnistTrainF64
{
    private const int Samples = 20_000;
    private readonly MnistNet _generated = new();
    private readonly ReferenceNetwork _reference = new(new[] { 784, 128, 10 }, MnistData.LearningRate);
    private readonly HandWrittenNetwork<double> _handWritten = new(new[] { 784, 128, 10 }, MnistData.LearningRate);
    private double[] _x = Array.Empty<double>();
    private double[] _t = Array.Empty<double>();
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        (_x, _t) = MnistData.Make<double>(Samples);
        double[] p = MnistData.InitialParameters<double>();
        _generated.SetParameters(p);
        _reference.SetParameters(p);
        _handWritten.SetParameters(p);
    }

    [Benchmark(Baseline = true, Description = "runtime-sized C#", OperationsPerInvoke = MnistData.Batch)]
    public double HandWritten() => _handWritten.TrainStep(X(), T());

    [Benchmark(Description = "NetGen generated", OperationsPerInvoke = MnistData.Batch)]
    public double Generated() => _generated.TrainStep(X(), T());

    [Benchmark(Description = "NetGen reference", OperationsPerInvoke = MnistData.Batch)]
    public double Reference() => _reference.TrainStep(X(), T());

    private ReadOnlySpan<double> X()
    {
        _next = (_next + MnistData.Batch) % (Samples - MnistData.Batch);
        return _x.AsSpan(_next * MnistData.Inputs, MnistData.Batch * MnistData.Inputs);
    }

    private ReadOnlySpan<double> T() => _t.AsSpan(_next * MnistData.Outputs, MnistData.Batch * MnistData.Outputs);
}

/// <summary>W3 in single precision (the reference network computes in double only, so it has no row here).</summary>
[MemoryDiagnoser]
public class MnistTrainF32
{
    private const int Samples = 20_000;
    private readonly MnistNetSingle _generated = new();
    private readonly HandWrittenNetwork<float> _handWritten = new(new[] { 784, 128, 10 }, MnistData.LearningRate);
    private float[] _x = Array.Empty<float>();
    private float[] _t = Array.Empty<float>();
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        (_x, _t) = MnistData.Make<float>(Samples);
        float[] p = MnistData.InitialParameters<float>();
        _generated.SetParameters(p);
        _handWritten.SetParameters(p);
    }

    [Benchmark(Baseline = true, Description = "runtime-sized C#", OperationsPerInvoke = MnistData.Batch)]
    public float HandWritten() => _handWritten.TrainStep(X(), T());

    [Benchmark(Description = "NetGen generated", OperationsPerInvoke = MnistData.Batch)]
    public float Generated() => _generated.TrainStep(X(), T());

    private ReadOnlySpan<float> X()
    {
        _next = (_next + MnistData.Batch) % (Samples - MnistData.Batch);
        return _x.AsSpan(_next * MnistData.Inputs, MnistData.Batch * MnistData.Inputs);
    }

    private ReadOnlySpan<float> T() => _t.AsSpan(_next * MnistData.Outputs, MnistData.Batch * MnistData.Outputs);
}

/// <summary>W4 mnist-infer: Forward of one sample, cycling over the first 64 samples.</summary>
[MemoryDiagnoser]
public class MnistInferF64
{
    private const int Pool = 64;
    private readonly MnistNet _generated = new();
    private readonly ReferenceNetwork _reference = new(new[] { 784, 128, 10 });
    private readonly HandWrittenNetwork<double> _handWritten = new(new[] { 784, 128, 10 });
    private readonly double[] _y = new double[10];
    private double[] _x = Array.Empty<double>();

    [GlobalSetup]
    public void Setup()
    {
        _x = MnistData.Make<double>(Pool).X;
        double[] p = MnistData.InitialParameters<double>();
        _generated.SetParameters(p);
        _reference.SetParameters(p);
        _handWritten.SetParameters(p);
    }

    [Benchmark(Baseline = true, Description = "runtime-sized C#", OperationsPerInvoke = Pool)]
    public double HandWritten()
    {
        double sum = 0;
        for (int i = 0; i < Pool; i++)
        {
            _handWritten.Forward(_x.AsSpan(i * 784, 784), _y);
            sum += _y[i % 10];
        }

        return sum;
    }

    [Benchmark(Description = "NetGen generated", OperationsPerInvoke = Pool)]
    public double Generated()
    {
        double sum = 0;
        for (int i = 0; i < Pool; i++)
        {
            _generated.Forward(_x.AsSpan(i * 784, 784), _y);
            sum += _y[i % 10];
        }

        return sum;
    }

    [Benchmark(Description = "NetGen reference", OperationsPerInvoke = Pool)]
    public double Reference()
    {
        double sum = 0;
        for (int i = 0; i < Pool; i++)
        {
            _reference.Forward(_x.AsSpan(i * 784, 784), _y);
            sum += _y[i % 10];
        }

        return sum;
    }
}

/// <summary>W4 in single precision.</summary>
[MemoryDiagnoser]
public class MnistInferF32
{
    private const int Pool = 64;
    private readonly MnistNetSingle _generated = new();
    private readonly HandWrittenNetwork<float> _handWritten = new(new[] { 784, 128, 10 });
    private readonly float[] _y = new float[10];
    private float[] _x = Array.Empty<float>();

    [GlobalSetup]
    public void Setup()
    {
        _x = MnistData.Make<float>(Pool).X;
        float[] p = MnistData.InitialParameters<float>();
        _generated.SetParameters(p);
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
}
