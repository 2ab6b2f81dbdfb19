using System;
using BenchmarkDotNet.Attributes;
using NetGen.Runtime;
using NetGen.Training;

namespace NetGen.Benchmarks;

/// <summary>
/// What <see cref="Trainer.Fit{T}(INetwork{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, FitOptions{T})"/> costs over the loop
/// it runs: epochs of 2,048 MNIST-shaped samples in batches of 32 (64 TrainSteps of the generated 784-128-10 network
/// each), written by hand and through Fit, in the data's order and shuffled anew every epoch. Every invocation starts
/// from the same parameters. Fit's share includes its up-front check (every value finite, once per call), its
/// buffers and its end-of-epoch copies and checks of the parameters and optimizer state. One epoch is its worst case;
/// five show how the once-per-call part spreads.
/// </summary>
[MemoryDiagnoser]
public class FitOverheadBenchmarks
{
    private const int Samples = 2048, Batch = 32;
    private readonly MnistNet _network = new();
    private double[] _x = Array.Empty<double>();
    private double[] _t = Array.Empty<double>();
    private double[] _start = Array.Empty<double>();
    private int[][] _orders = Array.Empty<int[]>();
    private readonly double[] _batchX = new double[Batch * MnistData.Inputs];
    private readonly double[] _batchT = new double[Batch * MnistData.Outputs];
    private FitOptions<double> _inOrder = new();
    private FitOptions<double> _shuffled = new();

    /// <summary>Epochs per invocation.</summary>
    [Params(1, 5)]
    public int Epochs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_x, _t) = MnistData.Make<double>(Samples);
        _start = MnistData.InitialParameters<double>();
        _inOrder = new() { Epochs = Epochs, BatchSize = Batch, ShuffleSeed = null };
        _shuffled = new() { Epochs = Epochs, BatchSize = Batch, ShuffleSeed = 1 };

        // The hand loop's own permutation for every epoch, each continuing from the one before.
        var random = new NormalSampler(1);
        var order = new int[Samples];
        for (int s = 0; s < Samples; s++)
        {
            order[s] = s;
        }

        _orders = new int[Epochs][];
        for (int e = 0; e < Epochs; e++)
        {
            for (int i = Samples - 1; i > 0; i--)
            {
                int j = (int)(random.NextUInt64() % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }

            _orders[e] = (int[])order.Clone();
        }
    }

    [Benchmark(Baseline = true, Description = "hand loop of TrainStep, in order")]
    public double HandLoop()
    {
        _network.SetParameters(_start);
        double loss = 0;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            for (int first = 0; first < Samples; first += Batch)
            {
                loss += _network.TrainStep(_x.AsSpan(first * MnistData.Inputs, Batch * MnistData.Inputs), _t.AsSpan(first * MnistData.Outputs, Batch * MnistData.Outputs));
            }
        }

        return loss;
    }

    [Benchmark(Description = "Trainer.Fit, in order")]
    public double Fit()
    {
        _network.SetParameters(_start);
        return Trainer.Fit(_network, _x, _t, _inOrder).History[^1].Loss;
    }

    [Benchmark(Description = "hand loop of TrainStep, rows gathered by a permutation")]
    public double HandLoopShuffled()
    {
        _network.SetParameters(_start);
        double loss = 0;
        foreach (int[] order in _orders)
        {
            for (int first = 0; first < Samples; first += Batch)
            {
                for (int i = 0; i < Batch; i++)
                {
                    int row = order[first + i];
                    _x.AsSpan(row * MnistData.Inputs, MnistData.Inputs).CopyTo(_batchX.AsSpan(i * MnistData.Inputs));
                    _t.AsSpan(row * MnistData.Outputs, MnistData.Outputs).CopyTo(_batchT.AsSpan(i * MnistData.Outputs));
                }

                loss += _network.TrainStep(_batchX, _batchT);
            }
        }

        return loss;
    }

    [Benchmark(Description = "Trainer.Fit, shuffled")]
    public double FitShuffled()
    {
        _network.SetParameters(_start);
        return Trainer.Fit(_network, _x, _t, _shuffled).History[^1].Loss;
    }

    /// <summary>The part of Fit's cost that does not depend on the epochs: its check that every input and target is finite.</summary>
    [Benchmark(Description = "Fit's up-front finiteness check of the data alone")]
    public double FinitenessCheck()
    {
        ShapeGuard.AllFinite<double>(_x, MnistData.Inputs, "inputs");
        ShapeGuard.AllFinite<double>(_t, MnistData.Outputs, "targets");
        return 0;
    }
}
