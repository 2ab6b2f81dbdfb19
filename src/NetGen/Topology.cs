using System;

namespace NetGen;

/// <summary>Facts about a list of layer sizes (input, hidden..., output).</summary>
public static class Topology
{
    /// <summary>
    /// The number of weights and biases: <c>Σ_l (n_{l−1} · n_l + n_l)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two sizes, or a size below 1.</exception>
    public static long ParameterCount(ReadOnlySpan<int> layerSizes)
    {
        if (layerSizes.Length < 2)
        {
            throw new ArgumentException(
                $"A network needs at least 2 layer sizes (input and output); got {layerSizes.Length}.", nameof(layerSizes));
        }

        long count = 0;
        for (int l = 0; l < layerSizes.Length; l++)
        {
            if (layerSizes[l] < 1)
            {
                throw new ArgumentException(
                    $"Every layer size must be at least 1; size {l} is {layerSizes[l]}.", nameof(layerSizes));
            }

            if (l > 0)
            {
                count += (long)layerSizes[l - 1] * layerSizes[l] + layerSizes[l];
            }
        }

        return count;
    }
}
