using System.Collections.Generic;

namespace NetGen.Generator.Model;

/// <summary>Counts for a topology (the same formulas as NetGen.Topology in the runtime library).</summary>
internal static class NetworkMath
{
    /// <summary>
    /// <c>Σ_l (n_{l−1} · n_l + n_l)</c> for positive sizes, in 64 bits; a count that would not fit gives
    /// <see cref="long.MaxValue"/> rather than overflowing.
    /// </summary>
    public static long ParameterCount(IReadOnlyList<int> sizes)
    {
        long count = 0;
        for (int l = 1; l < sizes.Count; l++)
        {
            long layer = (long)sizes[l - 1] * sizes[l] + sizes[l]; // at most (2^31)^2 + 2^31 < 2^63
            if (count > long.MaxValue - layer)
            {
                return long.MaxValue;
            }

            count += layer;
        }

        return count;
    }

    /// <summary>The index of the first parameter of layer <paramref name="layer"/> (1-based) in the flat order.</summary>
    public static int LayerOffset(IReadOnlyList<int> sizes, int layer)
    {
        int offset = 0;
        for (int l = 1; l < layer; l++)
        {
            offset += sizes[l - 1] * sizes[l] + sizes[l];
        }

        return offset;
    }
}
