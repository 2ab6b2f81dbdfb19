using System;

namespace NetGen.Training;

/// <summary>The reproducible permutation behind <see cref="FitOptions{T}.ShuffleSeed"/>: integer arithmetic only, so every platform gives the same order.</summary>
internal static class Shuffle
{
    /// <summary>Fisher–Yates (Durstenfeld): for i from n − 1 down to 1, swaps position i with a uniform position in [0, i].</summary>
    public static void Permute(Span<int> order, ref NormalSampler random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = UniformBelow(ref random, (uint)i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>) by Lemire's method: the high half of a 64 x 64-bit product,
    /// drawing again while the low half falls below 2^64 mod bound, so that every result is equally likely.
    /// </summary>
    public static int UniformBelow(ref NormalSampler random, uint bound)
    {
        ulong threshold = unchecked(0UL - bound) % bound;
        while (true)
        {
            ulong high = Math.BigMul(random.NextUInt64(), bound, out ulong low);
            if (low >= threshold)
            {
                return (int)high;
            }
        }
    }
}
