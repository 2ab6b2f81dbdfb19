using System;
using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// The C++ anchors' synthetic MNIST-shaped workload, reproduced bit for bit so both sides see the same data and
/// start from the same weights: SplitMix64 (NetGen's <see cref="NormalSampler"/> uses the same generator) seeded
/// 1234 gives per sample 784 uniforms and then a label <c>next() % 10</c>, one-hot; weights are
/// <c>N(0, 1) / √fan_in</c> by Box-Muller (cosine branch) from seed 42, i-major, biases 0.
/// </summary>
public static class MnistData
{
    public const int Inputs = 784, Hidden = 128, Outputs = 10, Batch = 32;
    public const double LearningRate = 0.01;

    public static (T[] X, T[] T) Make<T>(int samples)
        where T : IFloatingPointIeee754<T>
    {
        var random = new NormalSampler(1234);
        var x = new T[samples * Inputs];
        var t = new T[samples * Outputs];
        for (int s = 0; s < samples; s++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                x[s * Inputs + i] = T.CreateTruncating(random.NextUniform());
            }

            t[s * Outputs + (int)(random.NextUInt64() % Outputs)] = T.One;
        }

        return (x, t);
    }

    /// <summary>The anchors' initial weights, in NetGen's flat order (W1, b1, W2, b2).</summary>
    public static T[] InitialParameters<T>()
        where T : IFloatingPointIeee754<T>
    {
        var random = new NormalSampler(42);
        var p = new T[Inputs * Hidden + Hidden + Hidden * Outputs + Outputs];
        int k = 0;
        foreach ((int fanIn, int fanOut) in new[] { (Inputs, Hidden), (Hidden, Outputs) })
        {
            double sd = 1.0 / Math.Sqrt(fanIn);
            for (int w = 0; w < fanIn * fanOut; w++)
            {
                double u1 = random.NextUniform(), u2 = random.NextUniform();
                p[k++] = T.CreateTruncating(Math.Sqrt(-2.0 * Math.Log(1.0 - u1)) * Math.Cos(6.283185307179586 * u2) * sd);
            }

            k += fanOut; // biases stay 0
        }

        return p;
    }
}
