using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Reference;
using NetGen.Tests.Networks;
using NetGen.Training;
using Xunit;
using static NetGen.Tests.TrainingTestSupport;

namespace NetGen.Tests;

/// <summary>Trainer.Fit and Trainer.Evaluate over generated and reference networks.</summary>
public class TrainerTests
{
    /// <summary>N samples of the 3-6-5-4-2 network's shape: standard normal inputs, targets in (0, 1), labels in {0, 1}.</summary>
    private static (double[] X, double[] T, int[] Labels) Data(int samples, int seed = 5)
    {
        var random = new NormalSampler(seed);
        var x = new double[samples * 3];
        var t = new double[samples * 2];
        var labels = new int[samples];
        for (int s = 0; s < samples; s++)
        {
            for (int i = 0; i < 3; i++)
            {
                x[s * 3 + i] = random.NextStandardNormal();
            }

            labels[s] = x[s * 3] + 0.5 * x[s * 3 + 1] > 0 ? 1 : 0;
            t[s * 2] = 0.1 + 0.8 * random.NextUniform();
            t[s * 2 + 1] = 0.1 + 0.8 * random.NextUniform();
        }

        return (x, t, labels);
    }

    [Fact]
    public void The_same_seed_gives_the_same_parameters_bit_for_bit_and_another_seed_does_not()
    {
        (double[] x, double[] t, _) = Data(100);
        double[] Train(int? seed)
        {
            var net = new Deep();
            Trainer.Fit(net, x, t, new FitOptions<double> { Epochs = 3, BatchSize = 8, ShuffleSeed = seed });
            return Parameters(net);
        }

        double[] first = Train(7);
        Assert.Equal(first, Train(7));
        Assert.NotEqual(first, Train(8));
        Assert.NotEqual(first, Train(null));
        Assert.NotEqual(Parameters(new Deep()), first);
    }

    [Fact]
    public void Without_a_shuffle_Fit_is_a_loop_of_TrainSteps_over_the_data_in_order_bit_for_bit()
    {
        (double[] x, double[] t, _) = Data(37); // 37 = 4 batches of 8 and one of 5
        var fitted = new Deep();
        TrainingReport report = Trainer.Fit(fitted, x, t, new FitOptions<double> { Epochs = 3, BatchSize = 8, ShuffleSeed = null });

        var looped = new Deep();
        var losses = new List<double>();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            double sum = 0;
            for (int first = 0; first < 37; first += 8)
            {
                int m = Math.Min(8, 37 - first);
                sum += looped.TrainStep(x.AsSpan(first * 3, m * 3), t.AsSpan(first * 2, m * 2));
            }

            losses.Add(sum / 37); // the square loss sums over the batch: per sample, the sum over the epoch over N
        }

        Assert.Equal(Parameters(looped), Parameters(fitted));
        Assert.Equal(losses, report.History.Select(e => e.Loss));
        Assert.Equal(new[] { 1, 2, 3 }, report.History.Select(e => e.Epoch));
        Assert.All(report.History, e => Assert.Equal(5, e.Steps));
        Assert.All(report.History, e => Assert.Equal(37, e.Samples));
        Assert.Null(report.BestEpoch);
        Assert.False(report.StoppedEarly);
    }

    [Fact]
    public void The_default_options_are_one_shuffled_epoch_of_batches_of_32()
    {
        var options = new FitOptions<double>();
        Assert.Equal(1, options.Epochs);
        Assert.Equal(32, options.BatchSize);
        Assert.Equal(0, options.ShuffleSeed);
        Assert.Null(options.EarlyStopping);
        var stopping = new EarlyStopping();
        Assert.Equal(10, stopping.Patience);
        Assert.Equal(0.0, stopping.MinDelta);
        Assert.True(stopping.RestoreBestWeights);

        (double[] x, double[] t, _) = Data(70);
        var net = new Deep();
        TrainingReport report = Trainer.Fit(net, x, t);
        Assert.Equal(1, report.EpochsRun);
        Assert.Equal(3, report.History[0].Steps);

        var same = new Deep();
        Trainer.Fit(same, x, t, new FitOptions<double> { ShuffleSeed = 0 });
        Assert.Equal(Parameters(same), Parameters(net));
    }

    [Fact]
    public void Options_out_of_range_are_refused_when_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions<double> { Epochs = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions<double> { BatchSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping { Patience = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping { MinDelta = -1e-3 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EarlyStopping { MinDelta = double.NaN });
    }

    [Fact]
    public void Early_stopping_restores_the_parameters_of_the_epoch_with_the_lowest_validation_loss()
    {
        // The AND inputs, every target 1: the outputs climb towards 1 epoch after epoch. The validation targets lie
        // halfway between the starting outputs and 1, so the validation loss falls while the outputs approach them and
        // rises once they pass.
        var net = new AndNet();
        double[] x = { 0, 0, 0, 1, 1, 0, 1, 1 };
        double[] t = { 1, 1, 1, 1 };
        var y0 = new double[4];
        net.Predict(x, y0);
        double[] validationTargets = y0.Select(y => (y + 1) / 2).ToArray();

        var snapshots = new Dictionary<int, double[]>();
        var states = new Dictionary<int, double[]>();
        var options = new FitOptions<double>
        {
            Epochs = 500,
            BatchSize = 4,
            ValidationInputs = x,
            ValidationTargets = validationTargets,
            EarlyStopping = new EarlyStopping { Patience = 3 },
            Progress = new SyncProgress<EpochReport>(e =>
            {
                snapshots[e.Epoch] = Parameters(net);
                states[e.Epoch] = State(net);
            }),
        };
        TrainingReport report = Trainer.Fit(net, x, t, options);

        Assert.True(report.StoppedEarly);
        Assert.True(report.RestoredBestWeights);
        int best = Assert.IsType<int>(report.BestEpoch);
        Assert.True(best > 1, "the validation loss first falls");
        Assert.Equal(best + 3, report.EpochsRun);
        double[] losses = report.History.Select(e => e.ValidationLoss!.Value).ToArray();
        Assert.Equal(losses.Min(), losses[best - 1]);
        Assert.Equal(losses[best - 1], report.BestValidationLoss);
        Assert.All(losses.Skip(best), l => Assert.True(l > losses[best - 1]));
        Assert.Equal(snapshots[best], Parameters(net));
        Assert.NotEqual(snapshots[report.EpochsRun], Parameters(net));

        // The optimizer state (here the step count) comes back with the parameters it belongs to.
        Assert.Equal(states[best], State(net));
        Assert.NotEqual(states[report.EpochsRun], State(net));
    }

    [Fact]
    public void Without_RestoreBestWeights_the_last_epoch_parameters_stay()
    {
        var net = new AndNet();
        double[] x = { 0, 0, 0, 1, 1, 0, 1, 1 };
        double[] t = { 1, 1, 1, 1 };
        var y0 = new double[4];
        net.Predict(x, y0);
        double[]? last = null;
        TrainingReport report = Trainer.Fit(net, x, t, new FitOptions<double>
        {
            Epochs = 500,
            BatchSize = 4,
            ValidationInputs = x,
            ValidationTargets = y0.Select(y => (y + 1) / 2).ToArray(),
            EarlyStopping = new EarlyStopping { Patience = 2, RestoreBestWeights = false },
            Progress = new SyncProgress<EpochReport>(_ => last = Parameters(net)),
        });

        Assert.True(report.StoppedEarly);
        Assert.False(report.RestoredBestWeights);
        Assert.Equal(last, Parameters(net));
    }

    [Fact]
    public void MinDelta_counts_only_larger_improvements()
    {
        (double[] x, double[] t, _) = Data(64);
        (double[] vx, double[] vt, _) = Data(32, seed: 9);
        FitOptions<double> Options(double minDelta) => new()
        {
            Epochs = 40,
            BatchSize = 16,
            ValidationInputs = vx,
            ValidationTargets = vt,
            EarlyStopping = new EarlyStopping { Patience = 2, MinDelta = minDelta },
        };

        TrainingReport strict = Trainer.Fit(new Deep(), x, t, Options(1.0));
        Assert.True(strict.StoppedEarly);
        Assert.Equal(1, strict.BestEpoch);
        Assert.Equal(3, strict.EpochsRun);
        Assert.True(strict.RestoredBestWeights);
    }

    [Fact]
    public void Early_stopping_without_a_validation_set_is_refused_before_training()
    {
        (double[] x, double[] t, _) = Data(10);
        var net = new Deep();
        double[] before = Parameters(net);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<double> { EarlyStopping = new EarlyStopping() }));
        Assert.Contains("validation", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Parameters(net));
    }

    [Theory]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    [InlineData(double.NegativeInfinity, true)]
    [InlineData(double.NaN, true)]
    public void A_value_that_is_not_finite_is_refused_naming_the_sample_and_feature_before_anything_changes(double bad, bool inTargets)
    {
        (double[] x, double[] t, int[] labels) = Data(20);
        if (inTargets)
        {
            t[13 * 2 + 1] = bad;
        }
        else
        {
            x[13 * 3 + 2] = bad;
        }

        var net = new Deep();
        double[] before = Parameters(net);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<double> { Epochs = 2 }));
        Assert.Equal(inTargets ? "targets" : "inputs", e.ParamName);
        Assert.Contains(inTargets ? "sample 13, feature 1" : "sample 13, feature 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Parameters(net));

        if (!inTargets)
        {
            e = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, labels));
            Assert.Contains("sample 13, feature 2", e.Message, StringComparison.Ordinal);
            Assert.Equal(before, Parameters(net));
        }
    }

    [Fact]
    public void A_validation_set_that_is_not_finite_or_does_not_fit_is_refused_before_anything_changes()
    {
        (double[] x, double[] t, int[] labels) = Data(20);
        var net = new Deep();
        double[] before = Parameters(net);
        double[] vx = (double[])x.Clone();
        vx[4 * 3] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<double> { ValidationInputs = vx, ValidationTargets = t }));
        Assert.Contains("FitOptions.ValidationInputs", e.Message, StringComparison.Ordinal);
        Assert.Contains("sample 4, feature 0", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<double> { ValidationInputs = x, ValidationTargets = t.AsMemory(2) }));
        Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<double> { ValidationInputs = x }));
        Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<double> { ValidationInputs = x, ValidationTargets = t, ValidationLabels = labels }));
        e = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<double> { ValidationInputs = x, ValidationLabels = labels.Select(l => l + 1).ToArray() }));
        Assert.Contains("sample", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Parameters(net));
    }

    [Fact]
    public void A_label_out_of_range_is_refused_naming_the_sample_and_the_valid_range()
    {
        (double[] x, _, int[] labels) = Data(20);
        labels[11] = 2;
        var net = new Deep();
        double[] before = Parameters(net);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, labels));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("labels[11] (sample 11) is 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("[0, 1] (OutputSize 2)", e.Message, StringComparison.Ordinal);
        labels[11] = -1;
        Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, labels));
        Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, labels.AsSpan(1)));
        Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x.AsSpan(1), labels));
        Assert.Equal(before, Parameters(net));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public void Labels_train_exactly_as_their_one_hot_target_rows(int? seed)
    {
        (double[] x, _, int[] labels) = Data(50);
        double[] oneHot = labels.SelectMany(l => l == 0 ? new[] { 1.0, 0.0 } : new[] { 0.0, 1.0 }).ToArray();
        var byLabel = new Deep();
        var byTarget = new Deep();
        var options = new FitOptions<double> { Epochs = 3, BatchSize = 16, ShuffleSeed = seed, ValidationInputs = x, ValidationTargets = oneHot };
        TrainingReport a = Trainer.Fit(byLabel, x, labels, options);
        TrainingReport b = Trainer.Fit(byTarget, x, oneHot, options);
        Assert.Equal(Parameters(byTarget), Parameters(byLabel));
        Assert.Equal(b.History.Select(e => e.Loss), a.History.Select(e => e.Loss));
        Assert.Equal(b.History.Select(e => e.ValidationLoss), a.History.Select(e => e.ValidationLoss));

        // Validation by labels: the same loss, and an accuracy.
        var third = new Deep();
        TrainingReport c = Trainer.Fit(third, x, oneHot, new FitOptions<double> { Epochs = 3, BatchSize = 16, ShuffleSeed = seed, ValidationInputs = x, ValidationLabels = labels });
        Assert.Equal(b.History.Select(e => e.ValidationLoss), c.History.Select(e => e.ValidationLoss));
        Assert.All(c.History, e => Assert.InRange(e.ValidationAccuracy!.Value, 0.0, 1.0));
        Assert.All(b.History, e => Assert.Null(e.ValidationAccuracy));
        Assert.Equal(Trainer.Evaluate(third, x, labels).Accuracy, c.History[^1].ValidationAccuracy);
    }

    [Fact]
    public void A_diverging_learning_rate_throws_with_step_epoch_and_loss_and_leaves_the_last_finite_epoch()
    {
        // Linear regression (identity activations) with a step size far too large: the loss grows without bound.
        var net = new ReferenceNetwork(new[] { 2, 3, 1 }, new ReferenceOptions { Hidden = Activation.Identity, Output = Activation.Identity, LearningRate = 1e6, Seed = 1 });
        var random = new NormalSampler(2);
        double[] x = Enumerable.Range(0, 20).Select(_ => random.NextStandardNormal()).ToArray();
        double[] t = Enumerable.Range(0, 10).Select(s => x[2 * s] - 2 * x[2 * s + 1]).ToArray();
        var snapshots = new Dictionary<int, double[]> { [0] = Parameters(net) };
        var states = new Dictionary<int, double[]> { [0] = State(net) };
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(net, x, t, new FitOptions<double>
        {
            Epochs = 100,
            BatchSize = 2,
            Progress = new SyncProgress<EpochReport>(r =>
            {
                snapshots[r.Epoch] = Parameters(net);
                states[r.Epoch] = State(net);
            }),
        }));

        Assert.InRange(e.Epoch, 1, 100);
        Assert.InRange(e.Step, 1, 5);
        Assert.False(double.IsFinite(e.Loss));
        Assert.False(e.ParametersNotFinite);
        Assert.True(e.ParametersRestored);
        Assert.Equal(e.Epoch - 1, e.RestoredEpoch);
        Assert.True(e.Epoch > 1 || e.Step > 1, "the first steps still return finite losses");
        Assert.True(double.IsFinite(e.LastFiniteLoss!.Value));
        Assert.Contains($"step {e.Step} of epoch {e.Epoch}", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.LastFiniteLoss.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.Equal(snapshots[e.Epoch - 1], Parameters(net));
        Assert.Equal(states[e.Epoch - 1], State(net)); // the reference network's step count, restored with them
        Assert.All(Parameters(net), p => Assert.True(double.IsFinite(p)));
    }

    /// <summary>A network whose loss stays finite while its parameters do not: the check at the end of each epoch catches it.</summary>
    private sealed class Poisoned(int poisonAtStep) : INetwork
    {
        private readonly double[] _p = { 1, 2, 3 };
        private int _steps;

        public int InputSize => 1;

        public int OutputSize => 1;

        public int ParameterCount => 3;

        public double LearningRate { get; set; } = 0.1;

        public void Forward(ReadOnlySpan<double> input, Span<double> output) => output[0] = input[0];

        public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs) => inputs.CopyTo(outputs);

        public double ComputeGradients(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradients)
        {
            gradients.Clear();
            return inputs.Length;
        }

        public double TrainStep(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets)
        {
            _p[0] += 1;
            if (++_steps == poisonAtStep)
            {
                _p[1] = double.NaN;
            }

            return inputs.Length;
        }

        public void GetParameters(Span<double> destination) => _p.CopyTo(destination);

        public void SetParameters(ReadOnlySpan<double> source) => source.CopyTo(_p);

        public double Train(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int iterations) => throw new NotSupportedException();
    }

    [Fact]
    public void Parameters_that_turn_non_finite_under_finite_losses_are_caught_at_the_end_of_the_epoch()
    {
        var net = new Poisoned(poisonAtStep: 7); // epoch 3 of 3 steps each
        double[] x = { 1, 2, 3, 4, 5, 6 };
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(net, x, x, new FitOptions<double> { Epochs = 5, BatchSize = 2, ShuffleSeed = null }));
        Assert.True(e.ParametersNotFinite);
        Assert.Equal(3, e.Epoch);
        Assert.Equal(3, e.Step);
        Assert.Equal(2, e.RestoredEpoch);
        Assert.Equal(new[] { 1.0 + 6, 2, 3 }, Parameters(net));
        Assert.Contains("epoch 3", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Outputs its inputs; the square loss summed over the batch.</summary>
    private sealed class Echo : INetwork
    {
        public int InputSize => 3;

        public int OutputSize => 3;

        public int ParameterCount => 1;

        public double LearningRate { get; set; } = 0.1;

        public void Forward(ReadOnlySpan<double> input, Span<double> output) => input.CopyTo(output);

        public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs) => inputs.CopyTo(outputs);

        public double ComputeGradients(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradients)
        {
            double sum = 0;
            for (int k = 0; k < inputs.Length; k++)
            {
                sum += 0.5 * (inputs[k] - targets[k]) * (inputs[k] - targets[k]);
            }

            gradients.Clear();
            return sum;
        }

        public double TrainStep(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets) => ComputeGradients(inputs, targets, new double[1]);

        public void GetParameters(Span<double> destination) => destination.Clear();

        public void SetParameters(ReadOnlySpan<double> source)
        {
        }

        public double Train(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int iterations) => throw new NotSupportedException();
    }

    [Fact]
    public void Evaluate_counts_the_first_maximum_and_fills_the_confusion_matrix_by_true_class()
    {
        double[] outputs =
        {
            0.9, 0.1, 0.0, // class 0, predicted 0
            0.2, 0.2, 0.1, // class 1, a tie: the first maximum, 0
            0.0, 0.3, 0.7, // class 2, predicted 2
            0.1, 0.8, 0.1, // class 1, predicted 1
            0.5, 0.1, 0.6, // class 0, predicted 2
        };
        int[] labels = { 0, 1, 2, 1, 0 };
        Evaluation e = Trainer.Evaluate(new Echo(), outputs, labels);
        Assert.Equal(5, e.Samples);
        Assert.Equal(3.0 / 5, e.Accuracy);
        int[,] expected =
        {
            { 1, 0, 1 },
            { 1, 1, 0 },
            { 0, 0, 1 },
        };
        Assert.Equal(expected, e.ConfusionMatrix);

        double total = 0;
        for (int s = 0; s < 5; s++)
        {
            for (int j = 0; j < 3; j++)
            {
                double d = outputs[s * 3 + j] - (labels[s] == j ? 1 : 0);
                total += 0.5 * d * d;
            }
        }

        Assert.Equal(total / 5, e.Loss, 1e-15);

        // Against target rows: the same loss, no accuracy.
        double[] oneHot = labels.SelectMany(l => Enumerable.Range(0, 3).Select(j => j == l ? 1.0 : 0.0)).ToArray();
        Evaluation rows = Trainer.Evaluate(new Echo(), outputs, oneHot);
        Assert.Equal(e.Loss, rows.Loss, 1e-15);
        Assert.Null(rows.Accuracy);
        Assert.Null(rows.ConfusionMatrix);
    }

    [Theory]
    [InlineData(Loss.Square, Activation.Sigmoid)]
    [InlineData(Loss.CrossEntropy, Activation.Softmax)]
    public void Evaluate_gives_the_reference_networks_own_loss_per_sample(Loss loss, Activation output)
    {
        var net = new ReferenceNetwork(new[] { 3, 4, 2 }, new ReferenceOptions { Loss = loss, Output = output, Seed = 4 });
        (double[] x, _, int[] labels) = Data(600); // more than one chunk of 256
        double[] oneHot = labels.SelectMany(l => l == 0 ? new[] { 1.0, 0.0 } : new[] { 0.0, 1.0 }).ToArray();
        double whole = net.ComputeGradients(x, oneHot, new double[net.ParameterCount]);
        double perSample = net.Options.EffectiveReduction == Reduction.Sum ? whole / 600 : whole;
        Assert.Equal(perSample, Trainer.Evaluate(net, x, labels).Loss, 1e-12);
        Assert.Equal(perSample, Trainer.Evaluate(net, x, oneHot).Loss, 1e-12);

        // Fit's epoch loss is on the same per-sample scale, whatever the reduction: one full-batch step's loss.
        TrainingReport report = Trainer.Fit(net, x, labels, new FitOptions<double> { BatchSize = 600 });
        Assert.Equal(perSample, report.History[0].Loss, 1e-12);
    }

    [Fact]
    public void A_reference_network_with_Adam_and_cross_entropy_learns_through_Fit()
    {
        var net = new ReferenceNetwork(new[] { 3, 8, 2 }, new ReferenceOptions { Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01, Seed = 2 });
        (double[] x, _, int[] labels) = Data(400);
        (double[] vx, _, int[] vl) = Data(200, seed: 11);
        TrainingReport report = Trainer.Fit(net, x, labels, new FitOptions<double> { Epochs = 15, ValidationInputs = vx, ValidationLabels = vl });
        Assert.True(report.History[^1].Loss < report.History[0].Loss);
        Assert.True(report.History[^1].ValidationAccuracy > 0.9, $"accuracy {report.History[^1].ValidationAccuracy}");
        Assert.Equal(report.History[^1].ValidationAccuracy, Trainer.Evaluate(net, vx, vl).Accuracy);
    }

    [Fact]
    public void Reports_count_epochs_steps_samples_and_time()
    {
        (double[] x, double[] t, _) = Data(100);
        var reports = new List<EpochReport>();
        TrainingReport report = Trainer.Fit(new Deep(), x, t, new FitOptions<double> { Epochs = 4, BatchSize = 30, Progress = new SyncProgress<EpochReport>(reports.Add) });
        Assert.Equal(reports, report.History);
        Assert.Equal(4, report.EpochsRun);
        Assert.All(reports, r => Assert.Equal(4, r.Epochs));
        Assert.All(reports, r => Assert.Equal(4, r.Steps));
        Assert.All(reports, r => Assert.True(r.SamplesPerSecond > 0));
        Assert.All(reports, r => Assert.True(r.Duration <= r.Elapsed));
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Elapsed <= p.Second.Elapsed));
        Assert.True(report.Elapsed >= reports[^1].Elapsed);
        Assert.All(reports, r => Assert.Null(r.ValidationLoss));
    }

    [Fact]
    public void A_batch_larger_than_the_data_set_is_one_full_batch_step()
    {
        (double[] x, double[] t, _) = Data(10);
        var fitted = new Deep();
        TrainingReport report = Trainer.Fit(fitted, x, t, new FitOptions<double> { BatchSize = 1000, ShuffleSeed = null });
        var stepped = new Deep();
        stepped.TrainStep(x, t);
        Assert.Equal(1, report.History[0].Steps);
        Assert.Equal(Parameters(stepped), Parameters(fitted));
    }

    [Fact]
    public void Single_precision_networks_fit_too()
    {
        var random = new NormalSampler(1);
        float[] x = Enumerable.Range(0, 40 * 2).Select(_ => (float)random.NextUniform()).ToArray();
        int[] labels = Enumerable.Range(0, 40).Select(s => x[2 * s] > x[2 * s + 1] ? 1 : 0).ToArray();
        float[] t = labels.Select(l => (float)l).ToArray();
        var net = new NetGen.Tests.Large.AndSingle();
        TrainingReport report = Trainer.Fit(net, x, t, new FitOptions<float> { Epochs = 5, BatchSize = 8, ValidationInputs = x, ValidationTargets = t });
        Assert.Equal(5, report.EpochsRun);
        Assert.NotNull(report.BestEpoch);
        Assert.True(Trainer.Evaluate(net, x, t).Loss > 0);
    }

    [Theory]
    [InlineData(Loss.MeanSquaredError, Reduction.Mean)]
    [InlineData(Loss.L1, Reduction.Mean)]
    [InlineData(Loss.Huber, Reduction.Mean)]
    [InlineData(Loss.Huber, Reduction.Sum)]
    public void Evaluate_reports_an_element_wise_loss_as_its_description_defines_it(Loss loss, Reduction reduction)
    {
        // 600 samples: three chunks of 256, 256 and 88, whose means must be weighted by their sizes.
        const int N = 600;
        var options = new ReferenceOptions { Hidden = Activation.Tanh, Output = Activation.Identity, Loss = loss, Reduction = reduction, HuberDelta = 0.4 };
        var net = new ReferenceNetwork(new[] { 2, 3, 2 }, options);
        var x = new double[N * 2];
        var t = new double[N * 2];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = Math.Sin(0.37 * k);
            t[k] = 1.5 * Math.Cos(0.91 * k);
        }

        // The loss written out from its definition over the whole set: every element's term, summed, divided by N · 2
        // for the mean, by N for the sum (a sum's report is per sample).
        var y = new double[N * 2];
        net.Predict(x, y);
        double total = 0;
        for (int k = 0; k < y.Length; k++)
        {
            double e = y[k] - t[k], a = Math.Abs(e);
            total += loss switch
            {
                Loss.MeanSquaredError => e * e,
                Loss.L1 => a,
                _ => a < 0.4 ? 0.5 * e * e : 0.4 * (a - 0.2),
            };
        }

        double expected = reduction == Reduction.Mean ? total / (N * 2) : total / N;
        Assert.Equal(expected, Trainer.Evaluate(net, x, t).Loss, 1e-12);
    }
}
