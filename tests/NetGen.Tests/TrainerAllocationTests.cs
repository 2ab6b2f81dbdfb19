using System;
using System.Linq;
using NetGen.Tests.Large;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>After its first epoch, Fit allocates per epoch (its report), never per step.</summary>
[Collection(nameof(AllocationCollection))]
public class TrainerAllocationTests
{
    /// <summary>Records the thread's allocation count at every report, into an array allocated beforehand.</summary>
    private sealed class AllocationProbe(int epochs) : IProgress<EpochReport>
    {
        public long[] Bytes { get; } = new long[epochs + 1];

        public void Report(EpochReport value) => Bytes[value.Epoch] = GC.GetAllocatedBytesForCurrentThread();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Epochs_after_the_first_allocate_only_their_report(bool shuffle, bool labels)
    {
        const int Samples = 1000, Batch = 10, Epochs = 11; // 100 steps per epoch
        var random = new NormalSampler(4);
        var x = new double[Samples * OddLoops.InputSize];
        var t = new double[Samples * OddLoops.OutputSize];
        var y = new int[Samples];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = random.NextUniform();
        }

        for (int s = 0; s < Samples; s++)
        {
            y[s] = (int)(random.NextUInt64() % OddLoops.OutputSize);
            t[s * OddLoops.OutputSize + y[s]] = 1;
        }

        var net = new OddLoops();
        var probe = new AllocationProbe(Epochs);
        var options = new FitOptions<double>
        {
            Epochs = Epochs,
            BatchSize = Batch,
            ShuffleSeed = shuffle ? 1 : null,
            ValidationInputs = x.AsMemory(0, 300 * OddLoops.InputSize),
            ValidationTargets = labels ? default : t.AsMemory(0, 300 * OddLoops.OutputSize),
            ValidationLabels = labels ? y.AsMemory(0, 300) : default,
            EarlyStopping = new EarlyStopping { Patience = Epochs },
            Progress = probe,
        };

        Trainer.Fit(net, x, t, options); // warm up: compiles every path
        if (labels)
        {
            Trainer.Fit(net, x, y, options);
        }
        else
        {
            Trainer.Fit(net, x, t, options);
        }

        // Each of epochs 3 to 11 (100 steps, shuffle, validation and early stopping), between the reports before and after
        // it. The median epoch is the steady state: the runtime itself may allocate once in a while on this thread (a
        // method compiled again at a higher tier, say), which is no allocation per step.
        long[] perEpoch = Enumerable.Range(3, Epochs - 2).Select(e => probe.Bytes[e] - probe.Bytes[e - 1]).Order().ToArray();
        long median = perEpoch[perEpoch.Length / 2];
        Assert.True(median <= 160, $"{median} bytes in the median epoch of 100 steps (all: {string.Join(", ", perEpoch)}): more than one EpochReport");
        Assert.True(perEpoch.Count(b => b > 160) <= 2, $"epochs of 100 steps allocated {string.Join(", ", perEpoch)} bytes: more than one EpochReport in more than two");
    }

    /// <summary>Records the calling thread's and every thread's allocations at every report, into arrays allocated beforehand.</summary>
    private sealed class ProcessAllocationProbe(int epochs) : IProgress<EpochReport>
    {
        public long[] Thread { get; } = new long[epochs + 1];

        public long[] Process { get; } = new long[epochs + 1];

        public void Report(EpochReport value)
        {
            Thread[value.Epoch] = GC.GetAllocatedBytesForCurrentThread();
            Process[value.Epoch] = GC.GetTotalAllocatedBytes(precise: true);
        }
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    public void Epochs_on_several_threads_allocate_only_their_report(bool loops, int threads)
    {
        // 5,000 samples, a fifth held out, in batches of 64: 63 steps an epoch of two shards, computed on the calling thread
        // and, with two threads, on Fit's worker thread (a Deterministic = true network takes its steps in shards at one
        // thread too). The calling thread allocates only the report; the process as a whole is counted too (the worker
        // allocates on its own thread), in a collection that runs alone. The runtime and the test runner still allocate
        // there, about 1.7 KB a second whatever the test does, so the network is the smallest there is (2-4-1, in either
        // shape): its epochs take milliseconds, where an allocation per step is 63 of them in every epoch.
        const int Samples = 5000, Batch = 64, Epochs = 11, Steps = 63;
        INetwork<double> net = loops ? new TinyLoopsDeterministic() : new DeterministicNetworks.DeterministicAnd();
        var random = new NormalSampler(5);
        var x = new double[Samples * net.InputSize];
        var t = new double[Samples];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = random.NextUniform();
        }

        for (int s = 0; s < Samples; s++)
        {
            t[s] = x[2 * s] > 0.5 && x[2 * s + 1] > 0.5 ? 1 : 0;
        }

        var probe = new ProcessAllocationProbe(Epochs);
        var options = new FitOptions<double>
        {
            Epochs = Epochs,
            BatchSize = Batch,
            ShuffleSeed = 1,
            ValidationSplit = 0.2,
            EarlyStopping = new EarlyStopping { Patience = Epochs },
            Threads = threads,
            Progress = probe,
        };

        Trainer.Fit(net, x, t, options); // warm up: compiles every path
        Trainer.Fit(net, x, t, options);

        long[] thread = Enumerable.Range(3, Epochs - 2).Select(e => probe.Thread[e] - probe.Thread[e - 1]).Order().ToArray();
        long[] process = Enumerable.Range(3, Epochs - 2).Select(e => probe.Process[e] - probe.Process[e - 1]).Order().ToArray();
        Assert.True(thread[thread.Length / 2] <= 160, $"the calling thread allocated {string.Join(", ", thread)} bytes in epochs of {Steps} steps: more than one EpochReport");
        // The smallest object is 24 bytes, so an allocation per step is 63 · 24 = 1,512 bytes or more in every epoch.
        Assert.True(process[0] < Steps * 24, $"the process allocated {string.Join(", ", process)} bytes in epochs of {Steps} steps on {threads} threads");
    }
}

/// <summary>The tutorial's network in the loop shape, taking its steps in shards at every thread count.</summary>
[Network(2, 4, 1, Unroll = UnrollMode.Never, Deterministic = true)]
public partial class TinyLoopsDeterministic { }

/// <summary>Tests that count the whole process's allocations, so run with no other test beside them.</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection
{
}
