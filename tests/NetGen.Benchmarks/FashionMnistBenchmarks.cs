using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using NetGen.Data;
using NetGen.Training;

namespace NetGen.Benchmarks;

/// <summary>The Fashion-MNIST sample's network: 784-256-128-10, ReLU, softmax and cross-entropy, Adam at 0.001, He initialisation, float.</summary>
[Network(784, 256, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam,
    LearningRate = 0.001, Precision = Precision.Single, Initializer = Initializer.He)]
public partial class FashionEpochNetwork
{
}

/// <summary>
/// One epoch of the Fashion-MNIST sample's training on the real data (the 60,000 training images of
/// <c>/usr/share/datasets/fashion-mnist</c>, Debian's <c>dataset-fashion-mnist</c>): <c>Trainer.Fit</c> with batches
/// of 64, shuffled, from the parameters and optimizer state the sample's run has when the <see cref="Epoch"/> begins
/// (the epochs before it are trained once in the setup, on the sample's cosine schedule). Time is per sample, so the
/// operations/s column is the epoch's samples/s; the rows of epochs 1, 8 and 15 should be the same.
/// </summary>
[MemoryDiagnoser]
public class FashionMnistEpochF32
{
    private const string Data = "/usr/share/datasets/fashion-mnist";
    private const int Epochs = 15, Samples = 60_000;
    private readonly FashionEpochNetwork _network = new(seed: 1);
    private float[] _x = Array.Empty<float>();
    private int[] _y = Array.Empty<int>();
    private float[] _parameters = Array.Empty<float>(), _state = Array.Empty<float>();

    /// <summary>The epoch measured, 1 for the first.</summary>
    [Params(1, 8, 15)]
    public int Epoch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string images = Path.Combine(Data, "train-images-idx3-ubyte.gz"), labels = Path.Combine(Data, "train-labels-idx1-ubyte.gz");
        if (!File.Exists(images) || !File.Exists(labels))
        {
            throw new InvalidOperationException($"The Fashion-MNIST training files are not in {Data}: apt-get install dataset-fashion-mnist.");
        }

        _x = Idx.ReadSamples<float>(images, 1.0 / 255, out _);
        _y = Idx.ReadLabels(labels);
        if (Epoch > 1)
        {
            Trainer.Fit(_network, _x, _y, Options(Epoch - 1, LearningRateSchedule.CosineAnnealing(Epochs)));
        }

        _network.LearningRate = (float)(0.001 * 0.5 * (1 + Math.Cos(Math.PI * (Epoch - 1) / Epochs)));
        _parameters = new float[FashionEpochNetwork.ParameterCount];
        _state = new float[_network.OptimizerStateLength];
        _network.GetParameters(_parameters);
        _network.GetOptimizerState(_state);
    }

    [Benchmark(Description = "NetGen Fit, one epoch", OperationsPerInvoke = Samples)]
    public double OneEpoch()
    {
        _network.SetParameters(_parameters);
        _network.SetOptimizerState(_state);
        return Trainer.Fit(_network, _x, _y, Options(1, schedule: null)).History[0].Loss;
    }

    private FitOptions<float> Options(int epochs, LearningRateSchedule? schedule) => new()
    {
        Epochs = epochs,
        BatchSize = 64,
        ShuffleSeed = Epoch,
        LearningRateSchedule = schedule,
    };
}
