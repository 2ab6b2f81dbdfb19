using System;

namespace NetGen.Reference;

/// <summary>
/// Cross-entropy of a softmax output against target rows t (one-hot for class labels, or class probabilities), from
/// the logits z, as <c>torch.nn.CrossEntropyLoss</c> with probability targets defines it. Per sample, with
/// <c>m = max_k z_k</c>:
/// <c>ℓ = −Σ_j t_j (z_j − m − log Σ_k e^(z_k − m))</c>, that is <c>−Σ_j t_j · log softmax(z)_j</c>;
/// its gradient with respect to the logits is <c>∂ℓ/∂z_j = softmax(z)_j · Σ_k t_k − t_j</c>
/// (<c>softmax(z)_j − t_j</c> when the targets sum to 1).
/// </summary>
/// <remarks>
/// <para>Subtracting m keeps every exponent ≤ 0 and the sum inside the logarithm ≥ 1, so logits of ±1000 give finite,
/// correct values and the logarithm is never taken of 0.</para>
/// <para>Reduction: <see cref="Reduction.Sum"/> adds the per-sample losses; <see cref="Reduction.Mean"/> divides the
/// sum by the number of samples N (PyTorch's <c>'mean'</c> for probability targets), and so does its gradient.</para>
/// <para>Generated code must stay in step with this class.</para>
/// </remarks>
public sealed class CrossEntropyLoss : ILoss
{
    private Matrix? _gradient; // ∂L/∂z, computed by Forward for Backward

    /// <summary>The cross-entropy with the given reduction.</summary>
    /// <param name="reduction">How the per-sample losses are combined (PyTorch's default is <see cref="Reduction.Mean"/>).</param>
    public CrossEntropyLoss(Reduction reduction)
    {
        Reduction = reduction;
    }

    /// <inheritdoc />
    public Loss Kind => Loss.CrossEntropy;

    /// <inheritdoc />
    public Reduction Reduction { get; }

    /// <summary>True: the loss is taken from the logits z.</summary>
    public bool TakesLogits => true;

    /// <summary>
    /// <c>Σ_samples −Σ_j t_j (z_j − m − log Σ_k e^(z_k − m))</c>, divided by N for <see cref="Reduction.Mean"/>.
    /// </summary>
    /// <param name="input">The logits z, outputs x N.</param>
    /// <param name="targets">The target rows t, outputs x N.</param>
    /// <returns>The reduced loss.</returns>
    public double Forward(Matrix input, Matrix targets)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(targets);
        RequireSameShape(input, targets);
        int n = input.Columns;
        double divisor = Reduction == Reduction.Mean ? n : 1.0;
        var gradient = new Matrix(input.Rows, n);
        double total = 0.0;
        for (int s = 0; s < n; s++)
        {
            double m = Softmax.ColumnMax(input, s);
            double sumExp = 0.0;
            double targetSum = 0.0;
            for (int k = 0; k < input.Rows; k++)
            {
                sumExp += Math.Exp(input[k, s] - m);
                targetSum += targets[k, s];
            }

            double logSumExp = Math.Log(sumExp); // log Σ_k e^(z_k − m) ≥ 0
            double sample = 0.0;
            for (int j = 0; j < input.Rows; j++)
            {
                double logSoftmax = input[j, s] - m - logSumExp;
                sample -= targets[j, s] * logSoftmax;
                double softmax = Math.Exp(input[j, s] - m) / sumExp;
                gradient[j, s] = ((softmax * targetSum) - targets[j, s]) / divisor;
            }

            total += sample;
        }

        _gradient = gradient;
        return total / divisor;
    }

    /// <summary><c>∂L/∂z_j = softmax(z)_j · Σ_k t_k − t_j</c> per sample, divided by N for <see cref="Reduction.Mean"/>.</summary>
    /// <returns>The gradient with respect to the logits, outputs x N.</returns>
    public Matrix Backward() => _gradient ?? throw new InvalidOperationException("Backward needs a Forward first.");

    private static void RequireSameShape(Matrix a, Matrix b)
    {
        if (a.Rows != b.Rows || a.Columns != b.Columns)
        {
            throw new ArgumentException($"Shapes differ: {a.Rows} x {a.Columns} logits and {b.Rows} x {b.Columns} targets.");
        }
    }
}
