using System;

namespace NetGen.Reference;

/// <summary>
/// What the element-wise losses of PyTorch (<see cref="MeanSquaredErrorLoss"/>, <see cref="L1Loss"/>,
/// <see cref="HuberLoss"/>) share: the error <c>e = y − t</c> kept by Forward, and their reduction, a sum over every
/// element or, for <see cref="Reduction.Mean"/>, that sum divided by the number of elements (outputs × N), as
/// PyTorch's <c>reduction='mean'</c> takes it; the gradient is divided likewise.
/// </summary>
internal static class ElementwiseLoss
{
    /// <summary><c>e = y − t</c>, after checking the shapes.</summary>
    public static Matrix Error(Matrix input, Matrix targets)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(targets);
        if (input.Rows != targets.Rows || input.Columns != targets.Columns)
        {
            throw new ArgumentException($"Shapes differ: {input.Rows} x {input.Columns} outputs and {targets.Rows} x {targets.Columns} targets.");
        }

        return Matrix.Zip(input, targets, (a, b) => a - b);
    }

    /// <summary><c>Σ ℓ(e)</c> over every element, divided by their number for <see cref="Reduction.Mean"/>.</summary>
    public static double Forward(Matrix error, Func<double, double> term, Reduction reduction)
    {
        double sum = error.Map(term).Sum();
        return reduction == Reduction.Mean ? sum / ((double)error.Rows * error.Columns) : sum;
    }

    /// <summary><c>∂ℓ/∂y</c> of every element, divided by their number for <see cref="Reduction.Mean"/>.</summary>
    public static Matrix Backward(Matrix? error, Func<double, double> gradient, Reduction reduction)
    {
        Matrix e = error ?? throw new InvalidOperationException("Backward needs a Forward first.");
        double count = (double)e.Rows * e.Columns;
        return reduction == Reduction.Mean ? e.Map(d => gradient(d) / count) : e.Map(gradient);
    }
}
