using System;
using System.Globalization;
using System.Linq;

namespace NetGen.Tests;

/// <summary>What the training tests share.</summary>
internal static class TrainingTestSupport
{
    /// <summary>A network's parameters in the flat order, as doubles whatever its number type.</summary>
    public static double[] Parameters<T>(INetwork<T> network)
        where T : unmanaged
    {
        var p = new T[network.ParameterCount];
        network.GetParameters(p);
        return p.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>A network's optimizer state, flattened, as doubles whatever its number type.</summary>
    public static double[] State<T>(IPersistentNetwork<T> network)
        where T : unmanaged
    {
        var s = new T[network.OptimizerStateLength];
        network.GetOptimizerState(s);
        return s.Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();
    }
}

/// <summary>Calls back synchronously (unlike <see cref="Progress{T}"/>, which posts), so the callback sees the network as the epoch left it.</summary>
internal sealed class SyncProgress<TReport>(Action<TReport> action) : IProgress<TReport>
{
    public void Report(TReport value) => action(value);
}
