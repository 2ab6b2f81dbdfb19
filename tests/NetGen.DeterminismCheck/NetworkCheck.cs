using System;
using System.Numerics;
using System.Runtime.InteropServices;
using NetGen.Training;

namespace NetGen.DeterminismCheck;

/// <summary>What checking one network gave: its digest and stages, and whether it agrees with the reference network.</summary>
internal sealed record CheckResult(string Name, string Shape, byte[] Digest, (string Stage, byte[] Digest)[] Stages, Agreement Agreement, string Note);

/// <summary>One network of the check, made from a seed.</summary>
internal abstract class NetworkCheck
{
    protected NetworkCheck(string name, int seed, int samples)
    {
        Name = name;
        Seed = seed;
        Samples = samples;
    }

    /// <summary>The network's class name, the row of the table.</summary>
    public string Name { get; }

    /// <summary>The seed of the network's initialisation and dropout masks, and of its data.</summary>
    public int Seed { get; }

    /// <summary>The size of its data set.</summary>
    public int Samples { get; }

    /// <summary>Runs every public entry point on the network, hashing what each gives, then compares it with the reference.</summary>
    public abstract CheckResult Run();
}

/// <summary>One network of the check that computes in <typeparamref name="T"/>.</summary>
internal sealed class NetworkCheck<T> : NetworkCheck
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Func<int, IPersistentNetwork<T>> _create;

    public NetworkCheck(string name, Func<int, IPersistentNetwork<T>> create, int seed, int samples)
        : base(name, seed, samples) => _create = create;

    public override CheckResult Run()
    {
        IPersistentNetwork<T> net = _create(Seed);
        NetworkDescription description = net.Description;
        var data = CheckData<T>.For(description, Samples, 1000 + Seed);
        int n = data.Count, inputs = net.InputSize, outputs = net.OutputSize, p = net.ParameterCount;
        int batch = Math.Min(8, n - 2); // three steps on overlapping batches
        var parameters = new T[p];
        var gradients = new T[p];
        var predictions = new T[n * outputs];
        var state = new T[net.OptimizerStateLength];
        using var print = new Fingerprint();

        print.Begin("initial");
        net.GetParameters(parameters);
        print.Add<T>(parameters);

        print.Begin("forward");
        var one = new T[outputs];
        net.Forward(data.InputRows(0, 1, inputs), one);
        print.Add<T>(one);
        net.Predict(data.Inputs, predictions);
        print.Add<T>(predictions);

        print.Begin("gradients");
        foreach (int rows in new[] { 1, Math.Min(7, n), n })
        {
            print.Add(net.ComputeGradients(data.InputRows(0, rows, inputs), data.TargetRows(0, rows, outputs), gradients));
            print.Add<T>(gradients);
        }

        print.Begin("trainstep");
        for (int step = 0; step < 3; step++)
        {
            print.Add(net.TrainStep(data.InputRows(step, batch, inputs), data.TargetRows(step, batch, outputs)));
        }

        net.GetParameters(parameters);
        print.Add<T>(parameters);
        net.GetOptimizerState(state);
        print.Add<T>(state);

        print.Begin("train");
        print.Add(net.Train(data.Inputs, data.Targets, 4));
        net.GetParameters(parameters);
        print.Add<T>(parameters);

        print.Begin("fit");
        TrainingReport report = Fit(net, data);
        print.Add(report.EpochsRun);
        print.Add(report.BestEpoch ?? -1);
        print.Add(report.StoppedEarly ? 1 : 0);
        print.Add(report.RestoredBestWeights ? 1 : 0);
        foreach (EpochReport epoch in report.History)
        {
            print.Add(epoch.Steps);
            print.Add(epoch.LearningRate);
            print.Add(epoch.Loss);
            print.Add(epoch.ValidationLoss ?? double.NaN);
            print.Add(epoch.ValidationAccuracy ?? double.NaN);
        }

        net.GetParameters(parameters);
        print.Add<T>(parameters);
        net.GetOptimizerState(state);
        print.Add<T>(state);

        // Fit again from the start, the whole training part one batch (two shards of 32 samples or more), on one thread
        // and on three: the thread count must not change a bit.
        print.Begin("threads");
        T[] oneThread = FitOnThreads(data, 1);
        T[] threeThreads = FitOnThreads(data, 3);
        if (!MemoryMarshal.AsBytes(oneThread.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(threeThreads.AsSpan())))
        {
            throw new InvalidOperationException("Fit on three threads gave other parameters than on one thread.");
        }

        print.Add<T>(threeThreads);

        print.Begin("trained");
        net.Predict(data.Inputs, predictions);
        print.Add<T>(predictions);
        print.Add(net.ComputeGradients(data.Inputs, data.Targets, gradients));
        print.Add<T>(gradients);
        Evaluation evaluation = data.Labels is int[] labels
            ? Trainer.Evaluate(net, data.Inputs, labels)
            : Trainer.Evaluate(net, data.Inputs, data.Targets);
        print.Add(evaluation.Loss);
        print.Add(evaluation.Accuracy ?? double.NaN);

        byte[] digest = print.Finish();
        string note = report.StoppedEarly ? $"fit stopped early after epoch {report.EpochsRun}, best {report.BestEpoch}" : $"fit ran {report.EpochsRun} epochs";
        Agreement agreement = ReferenceAgreement.Compare(_create(Seed), Seed, CheckData<T>.For(description, Samples, 1000 + Seed));
        return new CheckResult(Name, Shape(description), digest, [.. print.Stages], agreement, note);
    }

    /// <summary>
    /// Fit with every option that changes the numbers: a shuffle, a validation split, early stopping and a learning-rate
    /// schedule (cosine annealing or step decay, by seed); by label for cross-entropy networks.
    /// </summary>
    private TrainingReport Fit(IPersistentNetwork<T> net, CheckData<T> data)
    {
        bool small = data.Count > 16;
        var options = new FitOptions<T>
        {
            Epochs = small ? 6 : 3,
            BatchSize = small ? 8 : 3,
            ShuffleSeed = Seed,
            ValidationSplit = 0.25,
            EarlyStopping = Seed % 2 == 0
                ? new EarlyStopping { Patience = 1, MinDelta = 0.01 }
                : new EarlyStopping { Patience = 2 },
            LearningRateSchedule = Seed % 2 == 0
                ? LearningRateSchedule.CosineAnnealing(small ? 6 : 3, 0.0)
                : LearningRateSchedule.StepDecay(2, 0.5),
        };
        return data.Labels is int[] labels
            ? Trainer.Fit(net, data.Inputs, labels, options)
            : Trainer.Fit(net, data.Inputs, data.Targets, options);
    }

    /// <summary>A new network fitted for two epochs on <paramref name="threads"/> threads, every training sample in one batch; its parameters.</summary>
    private T[] FitOnThreads(CheckData<T> data, int threads)
    {
        IPersistentNetwork<T> net = _create(Seed);
        var options = new FitOptions<T> { Epochs = 2, BatchSize = data.Count, ShuffleSeed = Seed, ValidationSplit = 0.25, Threads = threads };
        _ = data.Labels is int[] labels
            ? Trainer.Fit(net, data.Inputs, labels, options)
            : Trainer.Fit(net, data.Inputs, data.Targets, options);
        var parameters = new T[net.ParameterCount];
        net.GetParameters(parameters);
        return parameters;
    }

    private static string Shape(NetworkDescription description) =>
        $"{string.Join("-", description.LayerSizes)} {(typeof(T) == typeof(float) ? "float" : "double")}";
}
