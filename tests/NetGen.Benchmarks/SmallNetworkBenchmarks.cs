using System;
using BenchmarkDotNet.Attributes;
using NetGen.Reference;

namespace NetGen.Benchmarks;

/// <summary>
/// W1 and-train: the tutorial's loop body, one full-batch TrainStep of the 2-4-1 network on the AND batch of 4.
/// Each invocation starts from the initial weights and runs 10,000 steps (the tutorial's run, and the C++
/// anchors' workload), so the time is per step and the network never trains into saturated, denormal territory.
/// </summary>
[MemoryDiagnoser]
public class AndTrain
{
    private const int Steps = 10_000;
    private static readonly double[] Inputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
    private static readonly double[] Targets = { 0, 0, 0, 1 };
    private readonly AndNet _generated = new();
    private readonly DeterministicAndNet _deterministic = new();
    private readonly ReferenceNetwork _reference = new(new[] { 2, 4, 1 });
    private readonly double[] _start = new double[AndNet.ParameterCount];
    private HandWrittenNetwork<double> _handWritten = new(new[] { 2, 4, 1 });

    [GlobalSetup]
    public void Setup() => _generated.GetParameters(_start);

    [Benchmark(Baseline = true, Description = "runtime-sized C#", OperationsPerInvoke = Steps)]
    public double HandWritten()
    {
        _handWritten.SetParameters(_start);
        double loss = 0;
        for (int i = 0; i < Steps; i++)
        {
            loss = _handWritten.TrainStep(Inputs, Targets);
        }

        return loss;
    }

    [Benchmark(Description = "NetGen generated", OperationsPerInvoke = Steps)]
    public double Generated()
    {
        _generated.SetParameters(_start);
        double loss = 0;
        for (int i = 0; i < Steps; i++)
        {
            loss = _generated.TrainStep(Inputs, Targets);
        }

        return loss;
    }

    [Benchmark(Description = "NetGen deterministic", OperationsPerInvoke = Steps)]
    public double Deterministic()
    {
        _deterministic.SetParameters(_start);
        double loss = 0;
        for (int i = 0; i < Steps; i++)
        {
            loss = _deterministic.TrainStep(Inputs, Targets);
        }

        return loss;
    }

    [Benchmark(Description = "NetGen reference", OperationsPerInvoke = Steps)]
    public double Reference()
    {
        _reference.SetParameters(_start);
        double loss = 0;
        for (int i = 0; i < Steps; i++)
        {
            loss = _reference.TrainStep(Inputs, Targets);
        }

        return loss;
    }
}

/// <summary>W2 small-infer: Forward of the 2-4-1 network on one sample, cycling over 1,024 input pairs.</summary>
[MemoryDiagnoser]
public class SmallInfer
{
    private const int Pool = 1024;
    private readonly double[] _inputs = new double[2 * Pool];
    private readonly double[] _output = new double[1];
    private readonly AndNet _generated = new();
    private readonly DeterministicAndNet _deterministic = new();
    private readonly ReferenceNetwork _reference = new(new[] { 2, 4, 1 });
    private readonly HandWrittenNetwork<double> _handWritten = new(new[] { 2, 4, 1 });

    [GlobalSetup]
    public void Setup()
    {
        var random = new NormalSampler(7);
        for (int k = 0; k < _inputs.Length; k++)
        {
            _inputs[k] = random.NextUniform();
        }
    }

    [Benchmark(Baseline = true, Description = "runtime-sized C#", OperationsPerInvoke = Pool)]
    public double HandWritten()
    {
        double sum = 0;
        for (int i = 0; i < Pool; i++)
        {
            _handWritten.Forward(_inputs.AsSpan(2 * i, 2), _output);
            sum += _output[0];
        }

        return sum;
    }

    [Benchmark(Description = "NetGen generated", OperationsPerInvoke = Pool)]
    public double Generated()
    {
        double sum = 0;
        for (int i = 0; i < Pool; i++)
        {
            _generated.Forward(_inputs.AsSpan(2 * i, 2), _output);
            sum += _output[0];
        }

        return sum;
    }

    [Benchmark(Description = "NetGen deterministic", OperationsPerInvoke = Pool)]
    public double Deterministic()
    {
        double sum = 0;
        for (int i = 0; i < Pool; i++)
        {
            _deterministic.Forward(_inputs.AsSpan(2 * i, 2), _output);
            sum += _output[0];
        }

        return sum;
    }

    [Benchmark(Description = "NetGen reference", OperationsPerInvoke = Pool)]
    public double Reference()
    {
        double sum = 0;
        for (int i = 0; i < Pool; i++)
        {
            _reference.Forward(_inputs.AsSpan(2 * i, 2), _output);
            sum += _output[0];
        }

        return sum;
    }
}
