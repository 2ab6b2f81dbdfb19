using System;

namespace NetGen.Reference;

/// <summary>
/// Binary cross-entropy of a sigmoid output against targets t in [0, 1], from the logits z, in the stable form of
/// <c>torch.nn.BCEWithLogitsLoss</c>. Per output of each sample:
/// <c>ℓ = max(z, 0) − z · t + log(1 + e^(−|z|))</c>, which equals <c>−t · log σ(z) − (1 − t) · log(1 − σ(z))</c>;
/// its gradient with respect to the logit is <c>∂ℓ/∂z = σ(z) − t</c>.
/// </summary>
/// <remarks>
/// <para>The exponent <c>−|z|</c> is never positive, so large <c>|z|</c> neither overflows nor takes the logarithm of 0,
/// and <c>log(1 + x)</c> is evaluated accurately for tiny x (<see cref="Log1P"/>), so the loss of a confident, correct
/// output (such as <c>z = 40, t = 1</c>, loss ≈ e^(−40)) keeps its relative precision.</para>
/// <para>Reduction: <see cref="Reduction.Sum"/> adds every element's loss; <see cref="Reduction.Mean"/> divides that
/// sum by N · outputs, the number of elements (PyTorch's <c>'mean'</c>), and so does its gradient.</para>
/// <para>Generated code must stay in step with this class.</para>
/// </remarks>
public sealed class BinaryCrossEntropyLoss : ILoss
{
    private Matrix? _gradient; // ∂L/∂z, computed by Forward for Backward

    /// <summary>The binary cross-entropy with the given reduction.</summary>
    /// <param name="reduction">How the element losses are combined (PyTorch's default is <see cref="Reduction.Mean"/>).</param>
    public BinaryCrossEntropyLoss(Reduction reduction)
    {
        Reduction = reduction;
    }

    /// <inheritdoc />
    public Loss Kind => Loss.BinaryCrossEntropy;

    /// <inheritdoc />
    public Reduction Reduction { get; }

    /// <summary>True: the loss is taken from the logits z.</summary>
    public bool TakesLogits => true;

    /// <summary><c>Σ max(z, 0) − z · t + log(1 + e^(−|z|))</c>, divided by N · outputs for <see cref="Reduction.Mean"/>.</summary>
    /// <param name="input">The logits z, outputs x N.</param>
    /// <param name="targets">The targets t, outputs x N.</param>
    /// <returns>The reduced loss.</returns>
    public double Forward(Matrix input, Matrix targets)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(targets);
        if (input.Rows != targets.Rows || input.Columns != targets.Columns)
        {
            throw new ArgumentException($"Shapes differ: {input.Rows} x {input.Columns} logits and {targets.Rows} x {targets.Columns} targets.");
        }

        double divisor = Reduction == Reduction.Mean ? (double)input.Rows * input.Columns : 1.0;
        var gradient = new Matrix(input.Rows, input.Columns);
        double total = 0.0;
        for (int s = 0; s < input.Columns; s++)
        {
            for (int j = 0; j < input.Rows; j++)
            {
                double z = input[j, s];
                double t = targets[j, s];
                total += Math.Max(z, 0.0) - (z * t) + Log1P(Math.Exp(-Math.Abs(z)));
                gradient[j, s] = (Sigmoid.Of(z) - t) / divisor;
            }
        }

        _gradient = gradient;
        return total / divisor;
    }

    /// <summary><c>∂L/∂z = σ(z) − t</c> per element, divided by N · outputs for <see cref="Reduction.Mean"/>.</summary>
    /// <returns>The gradient with respect to the logits, outputs x N.</returns>
    public Matrix Backward() => _gradient ?? throw new InvalidOperationException("Backward needs a Forward first.");

    /// <summary>
    /// <c>log(1 + x)</c>, accurate for tiny x: with <c>u = 1 + x</c> rounded, <c>log(u) · x / (u − 1)</c> corrects the
    /// rounding of u (Goldberg, "What every computer scientist should know about floating-point arithmetic", Theorem 4),
    /// and <c>x</c> itself when u rounds to 1.
    /// </summary>
    /// <param name="x">A value greater than −1 (here <c>e^(−|z|)</c> in (0, 1]).</param>
    /// <returns><c>log(1 + x)</c>.</returns>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
