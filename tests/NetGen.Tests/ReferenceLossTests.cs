using System;
using NetGen.Reference;
using NetGen.Testing;
using Xunit;
using static NetGen.Tests.ReferenceActivationTests;

namespace NetGen.Tests;

/// <summary>
/// The reference network's losses at points worked out here from the definitions (PyTorch's
/// <c>CrossEntropyLoss</c> with probability targets and <c>BCEWithLogitsLoss</c>), including logits of ±1000, and the
/// ratios between <see cref="Reduction.Sum"/> and <see cref="Reduction.Mean"/>.
/// </summary>
public class ReferenceLossTests
{
    [Fact]
    public void Square_loss_is_half_the_sum_of_squares_and_its_mean_divides_by_the_samples()
    {
        Matrix y = Columns(new[] { 0.2, 0.7 }, new[] { 0.5, 0.1 });
        Matrix t = Columns(new[] { 0.0, 1.0 }, new[] { 1.0, 0.0 });
        double sum = 0.5 * ((0.2 * 0.2) + (0.3 * 0.3) + (0.5 * 0.5) + (0.1 * 0.1)); // 0.195

        var summed = new SquareLoss();
        Equivalence.Close(sum, summed.Forward(y, t), "½ Σ (y − t)²", relative: 1e-15);
        Matrix g = summed.Backward();
        Equivalence.Close(0.2, g[0, 0], "y − t", relative: 1e-15);
        Equivalence.Close(-0.3, g[1, 0], "y − t", relative: 1e-15);
        Equivalence.Close(-0.5, g[0, 1], "y − t", relative: 1e-15);

        var mean = new SquareLoss(Reduction.Mean);
        Equivalence.Close(sum / 2, mean.Forward(y, t), "½ Σ (y − t)² / N", relative: 1e-15);
        Equivalence.Close(-0.25, mean.Backward()[0, 1], "(y − t) / N", relative: 1e-15);
        Assert.Equal(Reduction.Sum, summed.Reduction);
        Assert.False(summed.TakesLogits);
    }

    [Fact]
    public void Cross_entropy_with_a_one_hot_target()
    {
        var loss = new CrossEntropyLoss(Reduction.Sum);
        Matrix z = Columns(new[] { 1.0, 2.0, 3.0 });
        Matrix t = Columns(new[] { 0.0, 0.0, 1.0 });
        double sumExp = Math.E + Math.Exp(2.0) + Math.Exp(3.0);
        Equivalence.Close(Math.Log(sumExp) - 3.0, loss.Forward(z, t), "−log softmax(z)_2", relative: 1e-15);

        // ∂ℓ/∂z = softmax(z) − t for a one-hot target.
        Matrix g = loss.Backward();
        Equivalence.Close(Math.E / sumExp, g[0, 0], "∂ℓ/∂z0", relative: 1e-14);
        Equivalence.Close(Math.Exp(2.0) / sumExp, g[1, 0], "∂ℓ/∂z1", relative: 1e-14);
        Equivalence.Close((Math.Exp(3.0) / sumExp) - 1.0, g[2, 0], "∂ℓ/∂z2", relative: 1e-14);
        Assert.True(loss.TakesLogits);
    }

    [Fact]
    public void Cross_entropy_with_soft_targets_and_targets_that_do_not_sum_to_1()
    {
        var loss = new CrossEntropyLoss(Reduction.Sum);
        Matrix z = Columns(new[] { 0.5, -1.0, 2.0 }, new[] { 0.5, -1.0, 2.0 });
        Matrix t = Columns(new[] { 0.2, 0.3, 0.5 }, new[] { 1.0, 1.0, 0.0 });
        double logSumExp = Math.Log(Math.Exp(0.5) + Math.Exp(-1.0) + Math.Exp(2.0));
        double soft = -((0.2 * (0.5 - logSumExp)) + (0.3 * (-1.0 - logSumExp)) + (0.5 * (2.0 - logSumExp)));
        double doubled = -((0.5 - logSumExp) + (-1.0 - logSumExp));
        Equivalence.Close(soft + doubled, loss.Forward(z, t), "−Σ t log softmax(z)", relative: 1e-14);

        // ∂ℓ/∂z_j = softmax(z)_j · Σ_k t_k − t_j: the second sample's targets sum to 2.
        Matrix g = loss.Backward();
        double[] p = { Math.Exp(0.5 - logSumExp), Math.Exp(-1.0 - logSumExp), Math.Exp(2.0 - logSumExp) };
        for (int j = 0; j < 3; j++)
        {
            Equivalence.Close(p[j] - t[j, 0], g[j, 0], $"soft ∂ℓ/∂z{j}", relative: 1e-13, floor: 1e-16);
            Equivalence.Close((2.0 * p[j]) - t[j, 1], g[j, 1], $"Σt = 2 ∂ℓ/∂z{j}", relative: 1e-13, floor: 1e-16);
        }
    }

    [Fact]
    public void Cross_entropy_at_logits_of_plus_and_minus_1000_is_finite_and_correct()
    {
        var loss = new CrossEntropyLoss(Reduction.Sum);
        Matrix z = Columns(new[] { 1000.0, -1000.0, 0.0 });

        // log Σ_k e^(z_k − 1000) = log(1 + e^(−2000) + e^(−1000)) = 0 in doubles, so −log softmax(z)_j = 1000 − z_j.
        Assert.Equal(0.0, loss.Forward(z, Columns(new[] { 1.0, 0.0, 0.0 })));
        Assert.Equal(2000.0, loss.Forward(z, Columns(new[] { 0.0, 1.0, 0.0 })));
        Matrix g = loss.Backward();
        Assert.Equal(1.0, g[0, 0]);
        Assert.Equal(-1.0, g[1, 0]);
        Assert.Equal(0.0, g[2, 0]);
        Assert.Equal(1000.0, loss.Forward(z, Columns(new[] { 0.0, 0.0, 1.0 })));
        Assert.Equal(1500.0, loss.Forward(z, Columns(new[] { 0.0, 0.5, 0.5 })));

        // Two equal logits at −1000: each has probability ½.
        Equivalence.Close(Math.Log(2.0), loss.Forward(Columns(new[] { -1000.0, -1000.0 }), Columns(new[] { 0.0, 1.0 })), "log 2", relative: 1e-15);
    }

    [Fact]
    public void Binary_cross_entropy_from_logits_at_chosen_points()
    {
        var loss = new BinaryCrossEntropyLoss(Reduction.Sum);

        // z = 0: σ = ½ and ℓ = −t log ½ − (1 − t) log ½ = log 2 whatever t.
        Equivalence.Close(Math.Log(2.0), loss.Forward(Columns(new[] { 0.0 }), Columns(new[] { 0.3 })), "ℓ(0, 0.3)", relative: 1e-15);
        Equivalence.Close(0.5 - 0.3, loss.Backward()[0, 0], "σ(0) − 0.3", relative: 1e-15);

        // z = 2, t = 1: −log σ(2) = log(1 + e^(−2)); z = −2, t = 0: −log(1 − σ(−2)) = log(1 + e^(−2)) as well.
        double sigma2 = 1.0 / (1.0 + Math.Exp(-2.0));
        Equivalence.Close(-Math.Log(sigma2), loss.Forward(Columns(new[] { 2.0 }), Columns(new[] { 1.0 })), "ℓ(2, 1)", relative: 1e-14);
        Equivalence.Close(sigma2 - 1.0, loss.Backward()[0, 0], "σ(2) − 1", relative: 1e-14);
        Equivalence.Close(-Math.Log(1.0 - (1.0 - sigma2)), loss.Forward(Columns(new[] { -2.0 }), Columns(new[] { 0.0 })), "ℓ(−2, 0)", relative: 1e-14);

        // z = 1.5, t = 0.25: the textbook −t log σ − (1 − t) log(1 − σ).
        double s = 1.0 / (1.0 + Math.Exp(-1.5));
        Equivalence.Close((-0.25 * Math.Log(s)) - (0.75 * Math.Log(1.0 - s)), loss.Forward(Columns(new[] { 1.5 }), Columns(new[] { 0.25 })), "ℓ(1.5, 0.25)", relative: 1e-14);
    }

    [Fact]
    public void Binary_cross_entropy_at_large_logits_is_finite_and_keeps_its_precision()
    {
        var loss = new BinaryCrossEntropyLoss(Reduction.Sum);

        // A confident right answer: ℓ = log(1 + e^(−40)) = e^(−40) − e^(−80)/2 + … to relative 1e-35.
        double tiny = Math.Exp(-40.0);
        Equivalence.Close(tiny, loss.Forward(Columns(new[] { 40.0 }), Columns(new[] { 1.0 })), "ℓ(40, 1)", relative: 1e-15, floor: 0);
        Equivalence.Close(tiny, loss.Forward(Columns(new[] { -40.0 }), Columns(new[] { 0.0 })), "ℓ(−40, 0)", relative: 1e-15, floor: 0);

        // Confident wrong answers cost |z|; σ saturates without NaN.
        Assert.Equal(1000.0, loss.Forward(Columns(new[] { 1000.0 }), Columns(new[] { 0.0 })));
        Assert.Equal(1.0, loss.Backward()[0, 0]);
        Assert.Equal(1000.0, loss.Forward(Columns(new[] { -1000.0 }), Columns(new[] { 1.0 })));
        Assert.Equal(-1.0, loss.Backward()[0, 0]);
        Assert.Equal(0.0, loss.Forward(Columns(new[] { 1000.0 }), Columns(new[] { 1.0 })));
        Assert.Equal(0.0, loss.Forward(Columns(new[] { -1000.0 }), Columns(new[] { 0.0 })));
        Assert.Equal(500.0, loss.Forward(Columns(new[] { 1000.0 }), Columns(new[] { 0.5 })));
    }

    [Fact]
    public void Log1P_is_accurate_for_tiny_arguments()
    {
        Assert.Equal(1e-20, BinaryCrossEntropyLoss.Log1P(1e-20));
        Equivalence.Close(1e-10 - 0.5e-20, BinaryCrossEntropyLoss.Log1P(1e-10), "log1p(1e-10)", relative: 3e-15);
        Equivalence.Close(Math.Log(2.0), BinaryCrossEntropyLoss.Log1P(1.0), "log1p(1)", relative: 1e-15);
        Equivalence.Close(Math.Log(1.25), BinaryCrossEntropyLoss.Log1P(0.25), "log1p(0.25)", relative: 1e-15);
    }

    [Fact]
    public void Mean_divides_the_loss_and_its_gradient_by_N_or_by_every_element_as_PyTorch_does()
    {
        // 3 outputs x 4 samples.
        var random = new NormalSampler(5);
        Matrix z = Random(3, 4, ref random, 3.0);
        Matrix t = Random(3, 4, ref random, 0.5);
        for (int k = 0; k < t.AsSpan().Length; k++)
        {
            t.AsSpan()[k] += 0.5;
        }

        Matrix y = new Sigmoid().Forward(z);
        AssertRatio(new SquareLoss(Reduction.Sum), new SquareLoss(Reduction.Mean), y, t, 4.0);
        AssertRatio(new CrossEntropyLoss(Reduction.Sum), new CrossEntropyLoss(Reduction.Mean), z, t, 4.0);
        AssertRatio(new BinaryCrossEntropyLoss(Reduction.Sum), new BinaryCrossEntropyLoss(Reduction.Mean), z, t, 12.0);
    }

    private static void AssertRatio(ILoss sum, ILoss mean, Matrix input, Matrix targets, double divisor)
    {
        double s = sum.Forward(input, targets);
        double m = mean.Forward(input, targets);
        Assert.Equal(Reduction.Sum, sum.Reduction);
        Assert.Equal(Reduction.Mean, mean.Reduction);
        Equivalence.Close(s / divisor, m, $"{sum.Kind} mean", relative: 1e-15);
        Span<double> gs = sum.Backward().AsSpan();
        Span<double> gm = mean.Backward().AsSpan();
        for (int k = 0; k < gs.Length; k++)
        {
            Equivalence.Close(gs[k] / divisor, gm[k], $"{sum.Kind} mean gradient[{k}]", relative: 1e-15, floor: 0);
        }
    }

    private static Matrix Random(int rows, int columns, ref NormalSampler random, double scale)
    {
        var m = new Matrix(rows, columns);
        Equivalence.RandomValues(rows * columns, ref random, scale).CopyTo(m.AsSpan());
        return m;
    }
}
