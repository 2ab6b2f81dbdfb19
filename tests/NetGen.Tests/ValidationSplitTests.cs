using System;
using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Training;
using Xunit;
using static NetGen.Tests.TrainingTestSupport;

namespace NetGen.Tests;

/// <summary>FitOptions.ValidationSplit: Keras's validation_split, the last part of the data held out before any shuffle.</summary>
public class ValidationSplitTests
{
    private static (double[] X, double[] T, int[] Labels) Data(int samples)
    {
        var random = new NormalSampler(11);
        double[] x = Enumerable.Range(0, samples * 3).Select(_ => random.NextStandardNormal()).ToArray();
        double[] t = Enumerable.Range(0, samples * 2).Select(_ => 0.1 + 0.8 * random.NextUniform()).ToArray();
        int[] labels = Enumerable.Range(0, samples).Select(s => x[3 * s] > 0 ? 1 : 0).ToArray();
        return (x, t, labels);
    }

    [Theory]
    [InlineData(0.25, 30)] // 40 · 0.75 = 30 exactly
    [InlineData(0.3, 28)]  // ⌊40 · (1 − 0.3)⌋ = 28
    [InlineData(0.33, 26)] // ⌊26.8⌋
    public void A_split_trains_on_the_first_samples_and_validates_on_the_rest_as_a_given_validation_set_would(double split, int trainOn)
    {
        (double[] x, double[] t, _) = Data(40);
        var splitNet = new Deep();
        TrainingReport bySplit = Trainer.Fit(splitNet, x, t, new FitOptions<double> { Epochs = 3, BatchSize = 8, ShuffleSeed = 4, ValidationSplit = split });

        var givenNet = new Deep();
        TrainingReport byGiven = Trainer.Fit(givenNet, x.AsSpan(0, trainOn * 3), t.AsSpan(0, trainOn * 2), new FitOptions<double>
        {
            Epochs = 3,
            BatchSize = 8,
            ShuffleSeed = 4,
            ValidationInputs = x.AsMemory(trainOn * 3),
            ValidationTargets = t.AsMemory(trainOn * 2),
        });

        Assert.Equal(Parameters(givenNet), Parameters(splitNet));
        Assert.Equal(byGiven.History.Select(r => r.ValidationLoss), bySplit.History.Select(r => r.ValidationLoss));
        Assert.All(bySplit.History, r => Assert.Equal(trainOn, r.Samples));
        Assert.All(bySplit.History, r => Assert.NotNull(r.ValidationLoss));
    }

    [Fact]
    public void A_split_of_labelled_data_reports_the_held_out_accuracy_and_serves_early_stopping()
    {
        (double[] x, _, int[] labels) = Data(50);
        var splitNet = new AdamClassifier();
        TrainingReport bySplit = Trainer.Fit(splitNet, x, labels, new FitOptions<double>
        {
            Epochs = 4,
            BatchSize = 10,
            ValidationSplit = 0.2,
            EarlyStopping = new EarlyStopping { Patience = 2 },
        });

        var givenNet = new AdamClassifier();
        TrainingReport byGiven = Trainer.Fit(givenNet, x.AsSpan(0, 120), labels.AsSpan(0, 40), new FitOptions<double>
        {
            Epochs = 4,
            BatchSize = 10,
            ValidationInputs = x.AsMemory(120),
            ValidationLabels = labels.AsMemory(40),
            EarlyStopping = new EarlyStopping { Patience = 2 },
        });

        Assert.Equal(Parameters(givenNet), Parameters(splitNet));
        Assert.Equal(byGiven.History.Select(r => r.ValidationAccuracy), bySplit.History.Select(r => r.ValidationAccuracy));
        Assert.All(bySplit.History, r => Assert.NotNull(r.ValidationAccuracy));
        Assert.Equal(byGiven.BestEpoch, bySplit.BestEpoch);
    }

    [Fact]
    public void A_split_that_leaves_a_part_empty_or_comes_with_a_validation_set_is_refused_before_anything_changes()
    {
        (double[] x, double[] t, _) = Data(4);
        var net = new Deep();
        double[] before = Parameters(net);

        // ⌊4 · (1 − 0.1)⌋ = 3 trains and 1 validates: fine. ⌊1 · 0.5⌋ = 0 trains: refused.
        var empty = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x.AsSpan(0, 3), t.AsSpan(0, 2), new FitOptions<double> { ValidationSplit = 0.5 }));
        Assert.Contains("leaves 0 to train on and 1 to validate", empty.Message, StringComparison.Ordinal);

        var both = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<double>
        {
            ValidationSplit = 0.25,
            ValidationInputs = x,
            ValidationTargets = t,
        }));
        Assert.Contains("not both", both.Message, StringComparison.Ordinal);
        Assert.Equal(before, Parameters(net));

        // ⌊4 · (1 − 1e-17)⌋ = 4 trains and none validates: refused.
        var none = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, x, t, new FitOptions<double> { ValidationSplit = 1e-17 }));
        Assert.Contains("leaves 4 to train on and 0 to validate", none.Message, StringComparison.Ordinal);
        Assert.Equal(before, Parameters(net));

        TrainingReport fine = Trainer.Fit(net, x, t, new FitOptions<double> { ValidationSplit = 0.1 });
        Assert.Equal(3, fine.History[0].Samples);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_split_outside_zero_to_one_is_refused_when_set(double split) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions<double> { ValidationSplit = split });

    [Fact]
    public void Early_stopping_without_a_split_or_a_validation_set_names_both_ways_to_give_one()
    {
        (double[] x, double[] t, _) = Data(8);
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(new Deep(), x, t, new FitOptions<double> { EarlyStopping = new EarlyStopping() }));
        Assert.Contains("ValidationSplit", error.Message, StringComparison.Ordinal);
        Assert.Contains("ValidationInputs", error.Message, StringComparison.Ordinal);
    }
}
