using System;

namespace NetGen;

/// <summary>How NetGen networks start: the tutorial's <c>W ~ N(0, 1)</c>, <c>b = 0</c>, reproducible from a seed.</summary>
public static class Initialization
{
    /// <summary>
    /// Fills <paramref name="parameters"/> (flat order) for the topology <paramref name="layerSizes"/>: every
    /// weight is the next <see cref="NormalSampler.NextStandardNormal"/> of a sampler started at
    /// <paramref name="seed"/>, drawn in the flat order (layer 1's W row-major, then layer 2's, ...), and every
    /// bias is 0 (biases draw nothing).
    /// </summary>
    /// <exception cref="ArgumentException">The sizes are invalid or <paramref name="parameters"/> has the wrong length.</exception>
    public static void FillStandardNormal(ReadOnlySpan<int> layerSizes, int seed, Span<double> parameters)
    {
        long count = Topology.ParameterCount(layerSizes);
        if (parameters.Length != count)
        {
            throw new ArgumentException(
                $"parameters must hold exactly {count} values (the parameter count of this topology); got {parameters.Length}.",
                nameof(parameters));
        }

        var sampler = new NormalSampler(seed);
        int p = 0;
        for (int l = 1; l < layerSizes.Length; l++)
        {
            int weights = layerSizes[l - 1] * layerSizes[l];
            for (int k = 0; k < weights; k++)
            {
                parameters[p++] = sampler.NextStandardNormal();
            }

            parameters.Slice(p, layerSizes[l]).Clear();
            p += layerSizes[l];
        }
    }
}
