using System;
using System.Linq;
using NetGen.Tests.Large;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>After its first epoch, Fit allocates per epoch (its report), never per step.</summary>
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
}
