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
    public static void FillStandardNormal(ReadOnlySpan<int> layerSizes, int seed, Span<double> parameters) =>
        Fill(layerSizes, seed, Initializer.StandardNormal, parameters);

    /// <summary>
    /// Fills <paramref name="parameters"/> (flat order) for <paramref name="layerSizes"/> with the scheme
    /// <paramref name="initializer"/>: each weight of layer l is the next standard normal of a
    /// <see cref="NormalSampler"/> started at <paramref name="seed"/>, drawn in the flat order, times the layer's
    /// scale (1 for <see cref="Initializer.StandardNormal"/>, <c>√(2 / (fan_in + fan_out))</c> for
    /// <see cref="Initializer.Xavier"/>, <c>√(2 / fan_in)</c> for <see cref="Initializer.He"/>); biases are 0.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes are invalid or <paramref name="parameters"/> has the wrong length.</exception>
    public static void Fill(ReadOnlySpan<int> layerSizes, int seed, Initializer initializer, Span<double> parameters)
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
            double scale = Scale(initializer, layerSizes[l - 1], layerSizes[l]);
            for (int k = 0; k < weights; k++)
            {
                parameters[p++] = scale * sampler.NextStandardNormal();
            }

            parameters.Slice(p, layerSizes[l]).Clear();
            p += layerSizes[l];
        }
    }

    /// <summary>The same initialisation rounded to <see cref="float"/>, for single-precision networks.</summary>
    public static void Fill(ReadOnlySpan<int> layerSizes, int seed, Initializer initializer, Span<float> parameters)
    {
        var values = new double[parameters.Length];
        Fill(layerSizes, seed, initializer, values);
        for (int k = 0; k < values.Length; k++)
        {
            parameters[k] = (float)values[k];
        }
    }

    /// <summary>The standard deviation of a layer's weights under <paramref name="initializer"/>.</summary>
    public static double Scale(Initializer initializer, int fanIn, int fanOut) => initializer switch
    {
        Initializer.StandardNormal => 1.0,
        Initializer.Xavier => Math.Sqrt(2.0 / (fanIn + fanOut)),
        Initializer.He => Math.Sqrt(2.0 / fanIn),
        _ => throw new ArgumentOutOfRangeException(nameof(initializer), initializer, "Unknown initializer."),
    };
}
