using System;

namespace NetGen.Reference;

/// <summary>
/// The softmax over a layer's units, sample by sample (<c>torch.softmax(z, dim)</c> over the units):
/// <c>a_j = e^(z_j − m) / Σ_k e^(z_k − m)</c> with <c>m = max_k z_k</c>, so no exponent is positive and logits of
/// any size (±1000 included) give finite outputs that sum to 1. Output layer only.
/// </summary>
/// <remarks>
/// <para>Backward (<c>torch</c>'s <c>_softmax_backward_data</c>): the Jacobian is <c>∂a_j/∂z_i = a_j(δ_ij − a_i)</c>, so
/// <c>∂L/∂z_i = a_i (g_i − Σ_k g_k a_k)</c> for <c>g = ∂L/∂a</c>. With <see cref="Loss.CrossEntropy"/> the network
/// never calls it: the loss gives <c>∂L/∂z</c> straight from the logits.</para>
/// <para>Generated code must stay in step with this class.</para>
/// </remarks>
public sealed class Softmax : IActivation
{
    /// <inheritdoc />
    public Activation Kind => Activation.Softmax;

    /// <summary>The softmax of every column (sample) of <paramref name="z"/>.</summary>
    /// <param name="z">The logits, units x N.</param>
    /// <returns>The probabilities, units x N; each column sums to 1.</returns>
    public Matrix Forward(Matrix z)
    {
        ArgumentNullException.ThrowIfNull(z);
        var a = new Matrix(z.Rows, z.Columns);
        for (int s = 0; s < z.Columns; s++)
        {
            double m = ColumnMax(z, s);
            double sum = 0.0;
            for (int j = 0; j < z.Rows; j++)
            {
                sum += Math.Exp(z[j, s] - m);
            }

            for (int j = 0; j < z.Rows; j++)
            {
                a[j, s] = Math.Exp(z[j, s] - m) / sum;
            }
        }

        return a;
    }

    /// <summary><c>∂L/∂z_i = a_i (g_i − Σ_k g_k a_k)</c> for every column, where <c>g</c> is <paramref name="upstream"/>.</summary>
    /// <param name="z">The logits (not used: the formula needs only the outputs).</param>
    /// <param name="a">The softmax outputs, units x N.</param>
    /// <param name="upstream"><c>∂L/∂a</c>, units x N.</param>
    /// <returns><c>∂L/∂z</c>, units x N.</returns>
    public Matrix Backward(Matrix z, Matrix a, Matrix upstream)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(upstream);
        var gradient = new Matrix(a.Rows, a.Columns);
        for (int s = 0; s < a.Columns; s++)
        {
            double dot = 0.0;
            for (int k = 0; k < a.Rows; k++)
            {
                dot += upstream[k, s] * a[k, s];
            }

            for (int i = 0; i < a.Rows; i++)
            {
                gradient[i, s] = a[i, s] * (upstream[i, s] - dot);
            }
        }

        return gradient;
    }

    /// <summary><c>max_k z[k, s]</c>: the largest logit of sample <paramref name="s"/>.</summary>
    /// <param name="z">The logits, units x N.</param>
    /// <param name="s">The sample (column).</param>
    /// <returns>The column's maximum.</returns>
    public static double ColumnMax(Matrix z, int s)
    {
        ArgumentNullException.ThrowIfNull(z);
        double m = z[0, s];
        for (int k = 1; k < z.Rows; k++)
        {
            m = Math.Max(m, z[k, s]);
        }

        return m;
    }
}
