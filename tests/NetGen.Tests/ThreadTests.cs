using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using NetGen.Reference;
using NetGen.Runtime;
using NetGen.Tests.Networks;
using NetGen.Tests.ThreadNetworks;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// FitOptions.Threads: a step split into shards of 32 samples whose gradients are summed in shard order. A
/// Deterministic = true network gives the same bits at every thread count; another network trains as before on one
/// thread and gives the same bits at every count above one.
/// </summary>
public class ThreadTests
{
    /// <summary>The networks of ThreadNetworks.cs by the name they share with and without Deterministic = true.</summary>
    public static TheoryData<string> Names => new()
    {
        nameof(UnrolledSum), nameof(UnrolledMeanSingle), nameof(LoopsAdam), nameof(LoopsSumSingle), nameof(DropoutLoops), nameof(DropoutUnrolled),
    };

    /// <summary>The double networks, for comparisons within double rounding.</summary>
    public static TheoryData<string> DoubleNames => new() { nameof(UnrolledSum), nameof(LoopsAdam), nameof(DropoutLoops), nameof(DropoutUnrolled) };

    private static object Make(string name, bool deterministic) => (name, deterministic) switch
    {
        (nameof(UnrolledSum), true) => new UnrolledSumDeterministic(),
        (nameof(UnrolledSum), false) => new UnrolledSum(),
        (nameof(UnrolledMeanSingle), true) => new UnrolledMeanSingleDeterministic(),
        (nameof(UnrolledMeanSingle), false) => new UnrolledMeanSingle(),
        (nameof(LoopsAdam), true) => new LoopsAdamDeterministic(),
        (nameof(LoopsAdam), false) => new LoopsAdam(),
        (nameof(LoopsSumSingle), true) => new LoopsSumSingleDeterministic(),
        (nameof(LoopsSumSingle), false) => new LoopsSumSingle(),
        (nameof(DropoutLoops), true) => new DropoutLoopsDeterministic(),
        (nameof(DropoutLoops), false) => new DropoutLoops(),
        (nameof(DropoutUnrolled), true) => new DropoutUnrolledDeterministic(),
        (nameof(DropoutUnrolled), false) => new DropoutUnrolled(),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_deterministic_network_gives_the_same_bits_on_1_2_3_7_and_16_threads(string name)
    {
        if (Make(name, deterministic: true) is INetwork<double>)
        {
            SameOnEveryCount<double>(() => (INetwork<double>)Make(name, deterministic: true), new[] { 1, 2, 3, 7, 16 });
        }
        else
        {
            SameOnEveryCount<float>(() => (INetwork<float>)Make(name, deterministic: true), new[] { 1, 2, 3, 7, 16 });
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Another_network_gives_the_same_bits_on_2_3_and_7_threads(string name)
    {
        if (Make(name, deterministic: false) is INetwork<double>)
        {
            SameOnEveryCount<double>(() => (INetwork<double>)Make(name, deterministic: false), new[] { 2, 3, 7 });
        }
        else
        {
            SameOnEveryCount<float>(() => (INetwork<float>)Make(name, deterministic: false), new[] { 2, 3, 7 });
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Another_network_on_one_thread_takes_its_own_TrainStep_per_batch(string name)
    {
        if (Make(name, deterministic: false) is INetwork<double>)
        {
            OneThreadIsTrainStep<double>(() => (INetwork<double>)Make(name, deterministic: false));
        }
        else
        {
            OneThreadIsTrainStep<float>(() => (INetwork<float>)Make(name, deterministic: false));
        }
    }

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Threads_train_a_double_network_as_one_thread_does_within_rounding(string name)
    {
        Data<double> data = MakeData<double>((INetwork<double>)Make(name, false), 250, seed: 8);
        FitOptions<double> Options(int threads) => new() { Epochs = 3, BatchSize = 150, ShuffleSeed = 2, Threads = threads };
        var one = (INetwork<double>)Make(name, false);
        var two = (INetwork<double>)Make(name, false);
        Fit(one, data, Options(1));
        Fit(two, data, Options(2));
        double[] p1 = TrainingTestSupport.Parameters(one), p2 = TrainingTestSupport.Parameters(two);
        double scale = p1.Max(Math.Abs);
        double worst = p1.Zip(p2, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst <= 1e-9 * scale, $"{worst:R} apart, of parameters up to {scale:R}");
    }

    [Theory]
    [InlineData(nameof(UnrolledSum))]
    [InlineData(nameof(LoopsAdam))]
    [InlineData(nameof(DropoutLoops))]
    [InlineData(nameof(DropoutUnrolled))]
    public void Shard_gradients_sum_to_the_whole_batch_s_within_1e_12(string name)
    {
        foreach (bool deterministic in new[] { false, true })
        {
            var net = (INetwork<double>)Make(name, deterministic);
            var sharded = (IShardedNetwork<double>)net;
            Data<double> data = MakeData(net, 100, seed: 3);
            double[] x = data.Inputs, t = data.Targets;
            int p = net.ParameterCount, inputs = net.InputSize, outputs = net.OutputSize;

            // The whole batch: ComputeGradients, or for dropout (which ComputeGradients never draws) one shard of 100.
            var whole = new double[p];
            bool dropout = ((IPersistentNetwork<double>)net).Description.Dropout > 0;
            double wholeLoss = dropout ? sharded.ShardGradients(x, t, 0, 100, whole) : net.ComputeGradients(x, t, whole);

            // Shards of 32, 32, 32 and 4, summed left to right here.
            var sum = new double[p];
            var g = new double[p];
            double loss = 0;
            foreach ((int first, int n) in new[] { (0, 32), (32, 32), (64, 32), (96, 4) })
            {
                loss += sharded.ShardGradients(x.AsSpan(first * inputs, n * inputs), t.AsSpan(first * outputs, n * outputs), first, 100, g);
                for (int k = 0; k < p; k++)
                {
                    sum[k] += g[k];
                }
            }

            double largest = whole.Max(Math.Abs);
            Assert.True(largest > 0);
            for (int k = 0; k < p; k++)
            {
                Assert.True(Math.Abs(sum[k] - whole[k]) <= 1e-12 * largest, $"{name}: parameter {k}: {sum[k]:R} from shards, {whole[k]:R} whole");
            }

            Assert.Equal(wholeLoss, loss, 1e-12 * Math.Abs(wholeLoss));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_worker_computes_a_shard_as_its_network_does(string name)
    {
        if (Make(name, deterministic: true) is INetwork<double>)
        {
            WorkerAgrees<double>((INetwork<double>)Make(name, deterministic: true));
        }
        else
        {
            WorkerAgrees<float>((INetwork<float>)Make(name, deterministic: true));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_step_from_one_shard_of_the_whole_batch_is_TrainStep(string name)
    {
        if (Make(name, deterministic: false) is INetwork<double>)
        {
            OneShardIsTrainStep<double>(() => (INetwork<double>)Make(name, deterministic: false));
        }
        else
        {
            OneShardIsTrainStep<float>(() => (INetwork<float>)Make(name, deterministic: false));
        }
    }

    [Fact]
    public void ApplyGradients_refuses_a_gradient_that_is_not_finite_and_changes_nothing()
    {
        var net = new DropoutLoopsDeterministic();
        var sharded = (IShardedNetwork<double>)net;
        Data<double> data = MakeData<double>(net, 40, seed: 4);
        var g = new double[DropoutLoopsDeterministic.ParameterCount];
        double loss = sharded.ShardGradients(data.Inputs, data.Targets, 0, 40, g);
        sharded.ApplyGradients(loss, g, 40); // one good step, so the optimizer state is not all zero
        double[] parameters = TrainingTestSupport.Parameters(net), state = TrainingTestSupport.State(net);

        g[5] = double.NaN;
        TrainingDivergedException e = Assert.Throws<TrainingDivergedException>(() => sharded.ApplyGradients(loss, g, 40));
        Assert.True(e.StepChangedNothing);
        g[5] = 0;
        Assert.Throws<TrainingDivergedException>(() => sharded.ApplyGradients(double.PositiveInfinity, g, 40));
        Assert.Equal(parameters, TrainingTestSupport.Parameters(net));
        Assert.Equal(state, TrainingTestSupport.State(net)); // the dropout stream's position is part of it
    }

    [Fact]
    public void Fit_on_two_threads_stops_at_a_diverging_step_with_the_parameters_and_state_of_before_it()
    {
        // LinearNet (unrolled, momentum) with a learning rate that drives it to infinity, 128 samples in batches of 64:
        // two shards a step, on two threads.
        var random = new NormalSampler(6);
        double[] x = Enumerable.Range(0, 128 * 2).Select(_ => random.NextStandardNormal()).ToArray();
        double[] t = Enumerable.Range(0, 128).Select(_ => random.NextStandardNormal()).ToArray();
        var net = new LinearNet { LearningRate = 5 };
        TrainingDivergedException e = Assert.Throws<TrainingDivergedException>(
            () => Trainer.Fit(net, x, t, new FitOptions<double> { Epochs = 1_000, BatchSize = 64, ShuffleSeed = null, Threads = 2 }));

        // The same steps by hand through the shard members, the shards' gradients summed here in order.
        var twin = new LinearNet { LearningRate = 5 };
        var sharded = (IShardedNetwork<double>)twin;
        var g0 = new double[LinearNet.ParameterCount];
        var g1 = new double[LinearNet.ParameterCount];
        var sum = new double[LinearNet.ParameterCount];
        TrainingDivergedException? refused = null;
        int epoch = 0, step = 0;
        while (refused is null && epoch < 1_000)
        {
            epoch++;
            for (step = 1; step <= 2; step++)
            {
                int first = (step - 1) * 64;
                double l0 = sharded.ShardGradients(x.AsSpan(first * 2, 64), t.AsSpan(first, 32), 0, 64, g0);
                double l1 = sharded.ShardGradients(x.AsSpan((first + 32) * 2, 64), t.AsSpan(first + 32, 32), 32, 64, g1);
                for (int k = 0; k < sum.Length; k++)
                {
                    sum[k] = g0[k] + g1[k];
                }

                try
                {
                    sharded.ApplyGradients(l0 + l1, sum, 64);
                }
                catch (TrainingDivergedException r)
                {
                    refused = r;
                    break;
                }
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(epoch, e.Epoch);
        Assert.Equal(step, e.Step);
        Assert.True(e.Epoch > 1, "some epochs trained before the divergence");
        Assert.True(e.StepChangedNothing);
        Assert.False(e.ParametersRestored);
        Assert.Equal(TrainingTestSupport.Parameters(twin), TrainingTestSupport.Parameters(net));
        Assert.Equal(TrainingTestSupport.State(twin), TrainingTestSupport.State(net));
        Assert.All(TrainingTestSupport.Parameters(net), p => Assert.True(double.IsFinite(p)));
    }

    [Fact]
    public void A_diverging_first_step_on_three_threads_leaves_a_loop_shaped_network_as_it_was()
    {
        // LinearLoops (Adam, learning rate 1e300): targets of 1e200 make the square loss overflow on the first step.
        var random = new NormalSampler(7);
        double[] x = Enumerable.Range(0, 100 * LinearLoops.InputSize).Select(_ => random.NextStandardNormal()).ToArray();
        double[] t = Enumerable.Range(0, 100).Select(_ => 1e200).ToArray();
        var net = new LinearLoops();
        double[] parameters = TrainingTestSupport.Parameters(net), state = TrainingTestSupport.State(net);
        TrainingDivergedException e = Assert.Throws<TrainingDivergedException>(
            () => Trainer.Fit(net, x, t, new FitOptions<double> { Epochs = 2, BatchSize = 100, Threads = 3 }));
        Assert.Equal(1, e.Epoch);
        Assert.Equal(1, e.Step);
        Assert.True(e.StepChangedNothing);
        Assert.Equal(parameters, TrainingTestSupport.Parameters(net));
        Assert.Equal(state, TrainingTestSupport.State(net));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Threads_below_1_are_refused_naming_the_allowed_values(int threads)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions<double> { Threads = threads });
        Assert.Equal("Threads", e.ParamName);
        Assert.Contains("at least 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_above_1_are_refused_for_a_network_NetGen_did_not_generate_before_anything_changes()
    {
        var net = new ReferenceNetwork(new[] { 2, 3, 1 });
        double[] x = { 0, 1, 1, 0, 1, 1 }, t = { 1, 1, 0 };
        double[] before = TrainingTestSupport.Parameters(net);
        ArgumentException e = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<double> { Threads = 2 }));
        Assert.Contains("Threads = 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, TrainingTestSupport.Parameters(net));

        // One thread trains it as before.
        Trainer.Fit(net, x, t, new FitOptions<double> { Threads = 1 });
        Assert.NotEqual(before, TrainingTestSupport.Parameters(net));
    }

    [Fact]
    public void Synchronize_refuses_a_network_that_did_not_create_the_worker()
    {
        var network = (IShardedNetwork<double>)new LoopsAdam();
        IShardedNetwork<double> worker = network.CreateWorker();
        worker.Synchronize(network);
        Assert.Throws<ArgumentException>(() => worker.Synchronize((IShardedNetwork<double>)new LoopsAdam()));
        Assert.Throws<ArgumentException>(() => worker.Synchronize((IShardedNetwork<double>)new UnrolledSum()));
    }

    [Fact]
    public void A_shard_outside_its_step_is_refused()
    {
        var net = new UnrolledSum();
        var sharded = (IShardedNetwork<double>)net;
        var g = new double[UnrolledSum.ParameterCount];
        var x = new double[4 * UnrolledSum.InputSize];
        var t = new double[4 * UnrolledSum.OutputSize];
        Assert.Throws<ArgumentOutOfRangeException>(() => sharded.ShardGradients(x, t, 8, 10, g));
        Assert.Throws<ArgumentOutOfRangeException>(() => sharded.ShardGradients(x, t, -1, 10, g));
        Assert.Throws<ArgumentOutOfRangeException>(() => sharded.ApplyGradients(0, g, 0));
        Assert.Throws<ArgumentException>(() => sharded.ShardGradients(x, t, 0, 10, new double[3]));
    }

    /// <summary>Fit with every thread count in <paramref name="counts"/> gives the same parameters, state and reports, bit for bit.</summary>
    private static void SameOnEveryCount<T>(Func<INetwork<T>> make, int[] counts)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // 250 samples, the last fifth held out: 200 train in batches of 150 and 50, so steps of five shards and two.
        Data<T> data = MakeData(make(), 250, seed: 5);
        FitOptions<T> Options(int threads) => new()
        {
            Epochs = 4,
            BatchSize = 150,
            ShuffleSeed = 11,
            ValidationSplit = 0.2,
            EarlyStopping = new EarlyStopping { Patience = 10, RestoreBestWeights = true },
            LearningRateSchedule = LearningRateSchedule.CosineAnnealing(4),
            Threads = threads,
        };

        Outcome? first = null;
        foreach (int threads in counts)
        {
            INetwork<T> net = make();
            double[] start = TrainingTestSupport.Parameters(net);
            TrainingReport report = Fit(net, data, Options(threads));
            var outcome = new Outcome(net, report);
            Assert.NotEqual(start, outcome.Parameters);
            if (first is null)
            {
                first = outcome;
                continue;
            }

            Assert.True(first.Parameters.SequenceEqual(outcome.Parameters, BitEquality.Instance), $"parameters on {threads} threads differ from {counts[0]}'s");
            Assert.True(first.State.SequenceEqual(outcome.State, BitEquality.Instance), $"optimizer state on {threads} threads differs from {counts[0]}'s");
            Assert.True(first.Reports.SequenceEqual(outcome.Reports, BitEquality.Instance), $"reports on {threads} threads differ from {counts[0]}'s");
            Assert.Equal(first.BestEpoch, outcome.BestEpoch);
        }
    }

    /// <summary>Fit on one thread (the option set and unset) takes the network's own TrainStep per batch, bit for bit.</summary>
    private static void OneThreadIsTrainStep<T>(Func<INetwork<T>> make)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Data<T> data = MakeData(make(), 250, seed: 9);
        INetwork<T> byHand = make(), unset = make(), one = make();
        int inputs = byHand.InputSize, outputs = byHand.OutputSize;
        for (int epoch = 0; epoch < 3; epoch++)
        {
            foreach ((int first, int n) in new[] { (0, 150), (150, 100) })
            {
                byHand.TrainStep(data.Inputs.AsSpan(first * inputs, n * inputs), data.Targets.AsSpan(first * outputs, n * outputs));
            }
        }

        Fit(unset, data, new FitOptions<T> { Epochs = 3, BatchSize = 150, ShuffleSeed = null });
        Fit(one, data, new FitOptions<T> { Epochs = 3, BatchSize = 150, ShuffleSeed = null, Threads = 1 });
        Assert.True(TrainingTestSupport.Parameters(byHand).SequenceEqual(TrainingTestSupport.Parameters(unset), BitEquality.Instance));
        Assert.True(TrainingTestSupport.Parameters(byHand).SequenceEqual(TrainingTestSupport.Parameters(one), BitEquality.Instance));
        Assert.Equal(TrainingTestSupport.State((IPersistentNetwork<T>)byHand), TrainingTestSupport.State((IPersistentNetwork<T>)one));
    }

    /// <summary>A worker's shard (after a step has moved the network on) is its network's, bit for bit.</summary>
    private static void WorkerAgrees<T>(INetwork<T> net)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var sharded = (IShardedNetwork<T>)net;
        Data<T> data = MakeData(net, 64, seed: 10);
        net.TrainStep(data.Inputs, data.Targets); // parameters, state and dropout stream no longer the constructor's
        IShardedNetwork<T> worker = sharded.CreateWorker();
        worker.Synchronize(sharded);
        int inputs = net.InputSize, outputs = net.OutputSize;
        ReadOnlySpan<T> x = data.Inputs.AsSpan(32 * inputs, 32 * inputs), t = data.Targets.AsSpan(32 * outputs, 32 * outputs);
        T[] mine = new T[net.ParameterCount], its = new T[net.ParameterCount];
        T loss = sharded.ShardGradients(x, t, 32, 64, mine);
        T workerLoss = worker.ShardGradients(x, t, 32, 64, its);
        Assert.Equal(loss, workerLoss);
        Assert.Equal(mine, its);

        // After another step the worker follows once synchronized.
        net.TrainStep(data.Inputs, data.Targets);
        worker.Synchronize(sharded);
        sharded.ShardGradients(x, t, 32, 64, mine);
        worker.ShardGradients(x, t, 32, 64, its);
        Assert.Equal(mine, its);
    }

    /// <summary>ShardGradients over the whole batch, then ApplyGradients, is TrainStep, bit for bit.</summary>
    private static void OneShardIsTrainStep<T>(Func<INetwork<T>> make)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        INetwork<T> stepped = make(), applied = make();
        Data<T> data = MakeData(stepped, 40, seed: 12);
        var g = new T[applied.ParameterCount];
        for (int step = 0; step < 3; step++)
        {
            T loss = stepped.TrainStep(data.Inputs, data.Targets);
            var sharded = (IShardedNetwork<T>)applied;
            T shardLoss = sharded.ShardGradients(data.Inputs, data.Targets, 0, 40, g);
            sharded.ApplyGradients(shardLoss, g, 40);
            Assert.Equal(loss, shardLoss);
        }

        Assert.Equal(TrainingTestSupport.Parameters(stepped), TrainingTestSupport.Parameters(applied));
        Assert.Equal(TrainingTestSupport.State((IPersistentNetwork<T>)stepped), TrainingTestSupport.State((IPersistentNetwork<T>)applied));
    }

    private static TrainingReport Fit<T>(INetwork<T> net, Data<T> data, FitOptions<T> options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        data.Labels is { } labels ? Trainer.Fit(net, data.Inputs, labels, options) : Trainer.Fit(net, data.Inputs, data.Targets, options);

    /// <summary>Inputs uniform in [−1, 1); for a cross-entropy network class labels (and their one-hot rows), else targets uniform in [0, 1).</summary>
    private static Data<T> MakeData<T>(INetwork<T> net, int samples, int seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new NormalSampler(seed);
        T[] x = Enumerable.Range(0, samples * net.InputSize).Select(_ => T.CreateTruncating((2 * random.NextUniform()) - 1)).ToArray();
        var t = new T[samples * net.OutputSize];
        if (((IPersistentNetwork<T>)net).Description.Loss != Loss.CrossEntropy)
        {
            for (int k = 0; k < t.Length; k++)
            {
                t[k] = T.CreateTruncating(random.NextUniform());
            }

            return new Data<T>(x, t, null);
        }

        int[] labels = Enumerable.Range(0, samples).Select(_ => (int)(random.NextUInt64() % (ulong)net.OutputSize)).ToArray();
        for (int s = 0; s < samples; s++)
        {
            t[(s * net.OutputSize) + labels[s]] = T.One;
        }

        return new Data<T>(x, t, labels);
    }

    private sealed record Data<T>(T[] Inputs, T[] Targets, int[]? Labels);

    /// <summary>What Fit left: the parameters, the optimizer state and every number of every epoch's report.</summary>
    private sealed class Outcome
    {
        public Outcome(object network, TrainingReport report)
        {
            Parameters = network switch
            {
                INetwork<double> d => TrainingTestSupport.Parameters(d),
                INetwork<float> f => TrainingTestSupport.Parameters(f),
                _ => throw new ArgumentException("not a network", nameof(network)),
            };
            State = network switch
            {
                IPersistentNetwork<double> d => TrainingTestSupport.State(d),
                IPersistentNetwork<float> f => TrainingTestSupport.State(f),
                _ => throw new ArgumentException("not a network", nameof(network)),
            };
            Reports = report.History
                .SelectMany(r => new[] { r.Epoch, r.Steps, r.Samples, r.LearningRate, r.Loss, r.ValidationLoss ?? double.NaN, r.ValidationAccuracy ?? double.NaN })
                .Append(report.StoppedEarly ? 1 : 0)
                .Append(report.RestoredBestWeights ? 1 : 0)
                .ToArray();
            BestEpoch = report.BestEpoch;
        }

        public double[] Parameters { get; }

        public double[] State { get; }

        public double[] Reports { get; }

        public int? BestEpoch { get; }
    }

    /// <summary>Equal bits (so 0 and −0 differ, and a NaN equals only the same NaN).</summary>
    private sealed class BitEquality : IEqualityComparer<double>
    {
        public static readonly BitEquality Instance = new();

        public bool Equals(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);

        public int GetHashCode(double obj) => obj.GetHashCode();
    }
}
