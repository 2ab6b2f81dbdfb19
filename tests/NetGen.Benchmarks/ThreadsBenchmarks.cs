using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NetGen.Training;

namespace NetGen.Benchmarks;

/// <summary>
/// <see cref="FitOptions{T}.Threads"/>: one epoch of <see cref="Trainer.Fit{T}(INetwork{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, FitOptions{T})"/>
/// over 4,096 MNIST-shaped samples in the data's order, on one thread (the network's own TrainStep per batch) and on
/// two (every batch in shards of 32 samples, their gradients summed in shard order), for W3 (784-128-10 sigmoid,
/// double) and W5 (784-256-128-10 ReLU, softmax, Adam, float); and the same declarations with
/// <c>Deterministic = true</c> on one thread, which Fit trains in shards too: what the shards cost without a second
/// thread. Every invocation starts from the same parameters and a new optimizer. Time is per sample; each network's
/// one-thread run is the baseline of the others.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class FitThreads
{
    private const int Samples = 4096;
    private readonly MnistNet _w3 = new();
    private readonly ClassifierNetwork _w5 = new();
    private readonly DeterministicMnistNet _w3Deterministic = new();
    private readonly DeterministicClassifierNetwork _w5Deterministic = new();
    private double[] _x3 = Array.Empty<double>();
    private double[] _t3 = Array.Empty<double>();
    private float[] _x5 = Array.Empty<float>();
    private float[] _t5 = Array.Empty<float>();
    private double[] _start3 = Array.Empty<double>();
    private float[] _start5 = Array.Empty<float>();
    private FitOptions<double> _one3 = new();
    private FitOptions<double> _two3 = new();
    private FitOptions<float> _one5 = new();
    private FitOptions<float> _two5 = new();

    [Params(64, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_x3, _t3) = MnistData.Make<double>(Samples);
        (_x5, _t5) = MnistData.Make<float>(Samples);
        _start3 = MnistData.InitialParameters<double>();
        _start5 = new float[ClassifierNetwork.ParameterCount];
        _w5.GetParameters(_start5);
        _one3 = new() { BatchSize = Batch, ShuffleSeed = null, Threads = 1 };
        _two3 = new() { BatchSize = Batch, ShuffleSeed = null, Threads = 2 };
        _one5 = new() { BatchSize = Batch, ShuffleSeed = null, Threads = 1 };
        _two5 = new() { BatchSize = Batch, ShuffleSeed = null, Threads = 2 };
    }

    [BenchmarkCategory("W3"), Benchmark(Baseline = true, Description = "W3, 1 thread", OperationsPerInvoke = Samples)]
    public double W3OneThread() => FitW3(_one3);

    [BenchmarkCategory("W3"), Benchmark(Description = "W3, 2 threads", OperationsPerInvoke = Samples)]
    public double W3TwoThreads() => FitW3(_two3);

    [BenchmarkCategory("W3"), Benchmark(Description = "W3, 1 thread in shards (Deterministic)", OperationsPerInvoke = Samples)]
    public double W3OneThreadInShards() => FitW3(_one3, deterministic: true);

    [BenchmarkCategory("W5"), Benchmark(Baseline = true, Description = "W5, 1 thread", OperationsPerInvoke = Samples)]
    public double W5OneThread() => FitW5(_one5);

    [BenchmarkCategory("W5"), Benchmark(Description = "W5, 2 threads", OperationsPerInvoke = Samples)]
    public double W5TwoThreads() => FitW5(_two5);

    [BenchmarkCategory("W5"), Benchmark(Description = "W5, 1 thread in shards (Deterministic)", OperationsPerInvoke = Samples)]
    public double W5OneThreadInShards() => FitW5(_one5, deterministic: true);

    private double FitW3(FitOptions<double> options, bool deterministic = false)
    {
        INetwork<double> network = deterministic ? _w3Deterministic : _w3;
        network.SetParameters(_start3);
        if (deterministic)
        {
            _w3Deterministic.ResetOptimizer();
        }
        else
        {
            _w3.ResetOptimizer();
        }

        return Trainer.Fit(network, _x3, _t3, options).History[0].Loss;
    }

    private double FitW5(FitOptions<float> options, bool deterministic = false)
    {
        INetwork<float> network = deterministic ? _w5Deterministic : _w5;
        network.SetParameters(_start5);
        if (deterministic)
        {
            _w5Deterministic.ResetOptimizer();
        }
        else
        {
            _w5.ResetOptimizer();
        }

        return Trainer.Fit(network, _x5, _t5, options).History[0].Loss;
    }
}

/// <summary>
/// What handing a step to a second thread costs, and what two threads can gain on this machine: two parts of work
/// (square roots over <see cref="Length"/> values each, about 10 µs or 0.7 ms) on one thread, as a
/// <see cref="Parallel.For(int, int, Action{int})"/> over the two parts, or with a long-lived thread that meets the
/// caller at a <see cref="Barrier"/> before and after its part (what <c>Fit</c> does).
/// </summary>
[MemoryDiagnoser]
public class StepDispatch
{
    private double[] _work = Array.Empty<double>();
    private readonly double[] _sums = new double[2];
    private Barrier? _barrier;
    private Thread? _thread;
    private volatile bool _stopping;

    /// <summary>The values of each part.</summary>
    [Params(4_096, 262_144)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _work = new double[2 * Length];
        for (int i = 0; i < _work.Length; i++)
        {
            _work[i] = i * 1e-3;
        }

        _barrier = new Barrier(2);
        _thread = new Thread(() =>
        {
            while (true)
            {
                _barrier.SignalAndWait();
                if (_stopping)
                {
                    return;
                }

                Part(1);
                _barrier.SignalAndWait();
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stopping = true;
        _barrier?.SignalAndWait();
        _thread?.Join();
        _barrier?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "one thread, both parts")]
    public double OneThread()
    {
        Part(0);
        Part(1);
        return _sums[0] + _sums[1];
    }

    [Benchmark(Description = "Parallel.For, two parts")]
    public double ParallelFor()
    {
        Parallel.For(0, 2, Part);
        return _sums[0] + _sums[1];
    }

    [Benchmark(Description = "worker thread and Barrier")]
    public double WorkerAndBarrier()
    {
        _barrier!.SignalAndWait();
        Part(0);
        _barrier.SignalAndWait();
        return _sums[0] + _sums[1];
    }

    private void Part(int k)
    {
        double sum = 0;
        for (int i = k * Length; i < (k + 1) * Length; i++)
        {
            sum += Math.Sqrt(_work[i]);
        }

        _sums[k] = sum;
    }
}
