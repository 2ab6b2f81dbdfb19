using System;
using BenchmarkDotNet.Attributes;
using NetGen.Runtime;
using NetGen.Training;

namespace NetGen.Benchmarks;

/// <summary>
/// What <see cref="Trainer.Fit{T}(INetwork{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, FitOptions{T})"/> costs over the loop
/// it runs: one epoch of 2,048 MNIST-shaped samples in batches of 32 (64 TrainSteps of the generated 784-128-10
/// network), written by hand and through Fit, in the data's order and shuffled. Every invocation starts from the same
/// parameters. Fit's share includes its up-front checks (every value finite), its buffers and its end-of-epoch copy
/// of the parameters.
/// </summary>
[MemoryDiagnoser]
public class FitOverheadBenchmarks
{
    private const int Samples = 2048, Batch = 32;
    private readonly MnistNet _network = new();
    private double[] _x = Array.Empty<double>();
    private double[] _t = Array.Empty<double>();
    private double[] _start = Array.Empty<double>();
    private readonly int[] _order = new int[Samples];
    private readonly double[] _batchX = new double[Batch * MnistData.Inputs];
    private readonly double[] _batchT = new double[Batch * MnistData.Outputs];
    private readonly FitOptions<double> _inOrder = new() { Epochs = 1, BatchSize = Batch, ShuffleSeed = null };
    private readonly FitOptions<double> _shuffled = new() { Epochs = 1, BatchSize = Batch, ShuffleSeed = 1 };

    [GlobalSetup]
    public void Setup()
    {
        (_x, _t) = MnistData.Make<double>(Samples);
        _start = MnistData.InitialParameters<double>();
        var random = new NormalSampler(1);
        for (int s = 0; s < Samples; s++)
        {
            _order[s] = s;
        }

        for (int i = Samples - 1; i > 0; i--)
        {
            int j = (int)(random.NextUInt64() % (ulong)(i + 1));
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
    }

    [Benchmark(Baseline = true, Description = "hand loop of TrainStep, in order")]
    public double HandLoop()
    {
        _network.SetParameters(_start);
        double loss = 0;
        for (int first = 0; first < Samples; first += Batch)
        {
            loss += _network.TrainStep(_x.AsSpan(first * MnistData.Inputs, Batch * MnistData.Inputs), _t.AsSpan(first * MnistData.Outputs, Batch * MnistData.Outputs));
        }

        return loss;
    }

    [Benchmark(Description = "Trainer.Fit, in order")]
    public double Fit()
    {
        _network.SetParameters(_start);
        return Trainer.Fit(_network, _x, _t, _inOrder).History[0].Loss;
    }

    [Benchmark(Description = "hand loop of TrainStep, rows gathered by a permutation")]
    public double HandLoopShuffled()
    {
        _network.SetParameters(_start);
        double loss = 0;
        for (int first = 0; first < Samples; first += Batch)
        {
            for (int i = 0; i < Batch; i++)
            {
                int row = _order[first + i];
                _x.AsSpan(row * MnistData.Inputs, MnistData.Inputs).CopyTo(_batchX.AsSpan(i * MnistData.Inputs));
                _t.AsSpan(row * MnistData.Outputs, MnistData.Outputs).CopyTo(_batchT.AsSpan(i * MnistData.Outputs));
            }

            loss += _network.TrainStep(_batchX, _batchT);
        }

        return loss;
    }

    [Benchmark(Description = "Trainer.Fit, shuffled")]
    public double FitShuffled()
    {
        _network.SetParameters(_start);
        return Trainer.Fit(_network, _x, _t, _shuffled).History[0].Loss;
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
