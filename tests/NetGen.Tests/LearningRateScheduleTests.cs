using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Reference;
using NetGen.Tests.Networks;
using NetGen.Training;
using Xunit;
using static NetGen.Tests.TrainingTestSupport;

namespace NetGen.Tests;

/// <summary>Learning-rate schedules: their values from PyTorch's definitions, and how Fit applies them.</summary>
public class LearningRateScheduleTests
{
    private static (double[] X, double[] T) Data(int samples, int inputs, int outputs, int seed)
    {
        var random = new NormalSampler(seed);
        double[] x = Enumerable.Range(0, samples * inputs).Select(_ => random.NextStandardNormal()).ToArray();
        double[] t = Enumerable.Range(0, samples * outputs).Select(_ => 0.1 + 0.8 * random.NextUniform()).ToArray();
        return (x, t);
    }

    [Fact]
    public void Cosine_annealing_follows_the_closed_form_of_PyTorchs_CosineAnnealingLR()
    {
        // η(e) = η_min + ½ (η₀ − η_min)(1 + cos(π e / T_max)), worked by hand for T_max = 4, η₀ = 0.1:
        // cos(π/4) = √2/2, cos(π/2) = 0, cos(3π/4) = −√2/2, cos(π) = −1.
        LearningRateSchedule cosine = LearningRateSchedule.CosineAnnealing(4);
        double half = Math.Sqrt(2) / 2;
        double[] expected = { 0.1, 0.05 * (1 + half), 0.05, 0.05 * (1 - half), 0.0 };
        for (int e = 0; e < expected.Length; e++)
        {
            Assert.Equal(expected[e], cosine.RateAt(e, 0.1), 1e-15);
        }

        // With a minimum of 0.01 the midpoint is halfway between the two rates.
        Assert.Equal(0.055, LearningRateSchedule.CosineAnnealing(4, 0.01).RateAt(2, 0.1), 1e-15);

        // Past T_max the cosine rises again (PyTorch's closed form has no restart): T_max = 2 from 0.1 gives
        // 0.1, 0.05, 0, 0.05, 0.1, the sequence PyTorch's scheduler prints for this setting.
        LearningRateSchedule short2 = LearningRateSchedule.CosineAnnealing(2);
        Assert.Equal(new[] { 0.1, 0.05, 0.0, 0.05, 0.1 }, Enumerable.Range(0, 5).Select(e => Math.Round(short2.RateAt(e, 0.1), 15)));
    }

    [Fact]
    public void Step_decay_multiplies_by_the_factor_every_step_of_epochs_as_PyTorchs_StepLR()
    {
        // η(e) = η₀ · γ^⌊e / step⌋ with η₀ = 0.8, γ = 0.5, step = 2: powers of two, exact in binary.
        LearningRateSchedule step = LearningRateSchedule.StepDecay(2, 0.5);
        Assert.Equal(new[] { 0.8, 0.8, 0.4, 0.4, 0.2, 0.2, 0.1 }, Enumerable.Range(0, 7).Select(e => step.RateAt(e, 0.8)));
        Assert.Equal(0.1 * 0.1, LearningRateSchedule.StepDecay(3).RateAt(6, 1.0), 1e-18);
    }

    [Fact]
    public void A_function_gets_the_current_rate_so_its_changes_compound_as_with_Keras_LearningRateScheduler()
    {
        // Keras's documented example keeps the rate for some epochs, then multiplies the current rate every epoch.
        LearningRateSchedule halving = LearningRateSchedule.FromFunction((e, lr) => e < 2 ? lr : lr * 0.5);
        Assert.Equal(new[] { 0.8, 0.8, 0.4, 0.2, 0.1 }, Enumerable.Range(0, 5).Select(e => halving.RateAt(e, 0.8)));

        (double[] x, double[] t) = Data(16, 3, 2, seed: 4);
        TrainingReport report = Trainer.Fit(new Deep { LearningRate = 0.8 }, x, t, new FitOptions<double> { Epochs = 5, LearningRateSchedule = halving });
        Assert.Equal(new[] { 0.8, 0.8, 0.4, 0.2, 0.1 }, report.History.Select(r => r.LearningRate));
    }

    [Fact]
    public void Cosine_annealing_starts_exactly_at_the_initial_rate_and_ends_exactly_at_a_minimum_of_0()
    {
        var random = new NormalSampler(21);
        for (int i = 0; i < 1000; i++)
        {
            double initial = 1e-4 + random.NextUniform();
            double minimum = initial * random.NextUniform();
            int period = 1 + (int)(random.NextUniform() * 50);
            Assert.Equal(initial, LearningRateSchedule.CosineAnnealing(period, minimum).RateAt(0, initial));
            Assert.Equal(0.0, LearningRateSchedule.CosineAnnealing(period).RateAt(period, initial));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.CosineAnnealing(3).RateAt(-1, 0.1));
    }

    [Fact]
    public void A_single_precision_network_reports_its_rate_rounded_to_float_and_gets_its_initial_rate_back()
    {
        var random = new NormalSampler(1);
        float[] x = Enumerable.Range(0, 8 * 2).Select(_ => (float)random.NextUniform()).ToArray();
        float[] t = Enumerable.Range(0, 8).Select(_ => (float)random.NextUniform()).ToArray();
        var net = new NetGen.Tests.Large.AndSingle { LearningRate = 0.3f };
        var given = new List<double>();
        TrainingReport report = Trainer.Fit(net, x, t, new FitOptions<float>
        {
            Epochs = 3,
            LearningRateSchedule = LearningRateSchedule.FromFunction((e, lr) =>
            {
                given.Add(lr);
                return lr / 3;
            }),
        });

        // The function gets each previous rate as the network held it, rounded to float (as Keras passes its float32 rate).
        Assert.Equal(new[] { 0.30000001192092896, report.History[0].LearningRate, report.History[1].LearningRate }, given);

        float first = (float)(0.30000001192092896 / 3); // 0.3f, as a double, divided by 3, rounded to float
        Assert.Equal((double)first, report.History[0].LearningRate);
        Assert.NotEqual(0.30000001192092896 / 3, report.History[0].LearningRate);
        Assert.Equal(0.3f, net.LearningRate);
    }

    [Fact]
    public void The_initial_rate_comes_back_when_a_progress_callback_throws()
    {
        (double[] x, double[] t) = Data(16, 3, 2, seed: 6);
        var net = new Deep { LearningRate = 0.4 };
        Assert.Throws<InvalidOperationException>(() => Trainer.Fit(net, x, t, new FitOptions<double>
        {
            Epochs = 3,
            LearningRateSchedule = LearningRateSchedule.StepDecay(1, 0.5),
            Progress = new SyncProgress<EpochReport>(r =>
            {
                if (r.Epoch == 2)
                {
                    Assert.Equal(0.2, net.LearningRate);
                    throw new InvalidOperationException("stop");
                }
            }),
        }));
        Assert.Equal(0.4, net.LearningRate);
    }

    [Fact]
    public void Schedules_out_of_range_are_refused_when_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.CosineAnnealing(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.CosineAnnealing(5, -1e-4));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.CosineAnnealing(5, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(2, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.StepDecay(2, double.PositiveInfinity));
        Assert.Throws<ArgumentNullException>(() => LearningRateSchedule.FromFunction(null!));
    }

    [Fact]
    public void Fit_with_a_schedule_is_a_loop_of_TrainSteps_that_sets_each_epochs_rate_bit_for_bit()
    {
        (double[] x, double[] t) = Data(37, 3, 2, seed: 5); // 37 = 4 batches of 8 and one of 5
        var fitted = new Deep { LearningRate = 0.5 };
        TrainingReport report = Trainer.Fit(fitted, x, t, new FitOptions<double>
        {
            Epochs = 4,
            BatchSize = 8,
            ShuffleSeed = null,
            LearningRateSchedule = LearningRateSchedule.FromFunction((e, rate) => rate / (e + 1)),
        });

        // As Keras's LearningRateScheduler: each epoch's rate from the previous one, 0.5 / 1, then / 2, / 3, / 4.
        var looped = new Deep { LearningRate = 0.5 };
        double rate = 0.5;
        for (int epoch = 0; epoch < 4; epoch++)
        {
            rate /= epoch + 1;
            looped.LearningRate = rate;
            for (int first = 0; first < 37; first += 8)
            {
                int m = Math.Min(8, 37 - first);
                looped.TrainStep(x.AsSpan(first * 3, m * 3), t.AsSpan(first * 2, m * 2));
            }
        }

        Assert.Equal(Parameters(looped), Parameters(fitted));
        Assert.Equal(new[] { 0.5, 0.25, 0.25 / 3, 0.25 / 3 / 4 }, report.History.Select(r => r.LearningRate));
        Assert.Equal(0.5, fitted.LearningRate);

        // Without a schedule, the rate is reported as it is.
        TrainingReport plain = Trainer.Fit(new Deep { LearningRate = 0.3 }, x, t, new FitOptions<double> { Epochs = 2 });
        Assert.All(plain.History, r => Assert.Equal(0.3, r.LearningRate));
    }

    [Fact]
    public void Adams_state_carries_on_across_epochs_of_a_cosine_schedule()
    {
        (double[] x, _) = Data(24, 3, 4, seed: 9);
        var random = new NormalSampler(3);
        int[] labels = Enumerable.Range(0, 24).Select(_ => (int)(random.NextUniform() * 4) % 4).ToArray();
        double[] oneHot = labels.SelectMany(l => Enumerable.Range(0, 4).Select(c => c == l ? 1.0 : 0.0)).ToArray();
        var fitted = new AdamClassifier();
        double initial = fitted.LearningRate;
        Trainer.Fit(fitted, x, labels, new FitOptions<double>
        {
            Epochs = 3,
            BatchSize = 6,
            ShuffleSeed = null,
            LearningRateSchedule = LearningRateSchedule.CosineAnnealing(3),
        });

        // The rates themselves are pinned by the hand-worked cosine test; here they come from the schedule.
        var looped = new AdamClassifier();
        LearningRateSchedule cosine = LearningRateSchedule.CosineAnnealing(3);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            looped.LearningRate = cosine.RateAt(epoch, initial);
            for (int first = 0; first < 24; first += 6)
            {
                looped.TrainStep(x.AsSpan(first * 3, 18), oneHot.AsSpan(first * 4, 24));
            }
        }

        Assert.Equal(Parameters(looped), Parameters(fitted));
        Assert.Equal(initial, fitted.LearningRate);
    }

    [Theory]
    [InlineData(0)] // cosine reaches its minimum of 0 at T_max
    [InlineData(1)] // NaN from a function
    [InlineData(2)] // a negative rate
    public void A_schedule_that_gives_a_rate_that_is_not_positive_and_finite_is_refused_naming_the_epoch_before_anything_changes(int kind)
    {
        (double[] x, double[] t) = Data(16, 3, 2, seed: 2);
        LearningRateSchedule schedule = kind switch
        {
            0 => LearningRateSchedule.CosineAnnealing(2),
            1 => LearningRateSchedule.FromFunction((e, r) => e == 2 ? double.NaN : r),
            _ => LearningRateSchedule.FromFunction((e, r) => e == 2 ? -r : r),
        };
        var net = new Deep { LearningRate = 0.2 };
        double[] before = Parameters(net);
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<double> { Epochs = 3, LearningRateSchedule = schedule }));
        Assert.Contains("epoch 3 (index 2)", error.Message, StringComparison.Ordinal);
        Assert.Equal("options", error.ParamName);
        Assert.Equal(before, Parameters(net));

        // Two epochs of the same cosine never reach index 2, so they are fine.
        Trainer.Fit(net, x, t, new FitOptions<double> { Epochs = 2, LearningRateSchedule = LearningRateSchedule.CosineAnnealing(2) });
        Assert.NotEqual(before, Parameters(net));
    }

    [Fact]
    public void A_rate_that_underflows_in_single_precision_is_refused()
    {
        var random = new NormalSampler(1);
        float[] x = Enumerable.Range(0, 8 * 2).Select(_ => (float)random.NextUniform()).ToArray();
        float[] t = Enumerable.Range(0, 8).Select(_ => (float)random.NextUniform()).ToArray();
        var net = new NetGen.Tests.Large.AndSingle();
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<float>
        {
            LearningRateSchedule = LearningRateSchedule.FromFunction((_, _) => 1e-50),
        }));
        Assert.Contains("1E-50", error.Message, StringComparison.Ordinal);
        Assert.Contains("Single", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_initial_rate_comes_back_when_training_diverges_under_a_schedule()
    {
        // Linear regression whose second epoch's rate is far too large: the loss grows without bound.
        var net = new ReferenceNetwork(new[] { 2, 3, 1 }, new ReferenceOptions { Hidden = Activation.Identity, Output = Activation.Identity, LearningRate = 0.01, Seed = 1 });
        var random = new NormalSampler(2);
        double[] x = Enumerable.Range(0, 20).Select(_ => random.NextStandardNormal()).ToArray();
        double[] t = Enumerable.Range(0, 10).Select(s => x[2 * s] - 2 * x[2 * s + 1]).ToArray();
        var seen = new List<double>();
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(net, x, t, new FitOptions<double>
        {
            Epochs = 100,
            BatchSize = 2,
            LearningRateSchedule = LearningRateSchedule.FromFunction((epoch, rate) => epoch == 0 ? rate : 1e6),
            Progress = new SyncProgress<EpochReport>(r => seen.Add(net.LearningRate)),
        }));

        Assert.True(e.Epoch >= 2);
        Assert.Equal(0.01, seen[0]);
        Assert.Equal(0.01, net.LearningRate);
    }
}
