using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// Two networks of the same topology in different code shapes, started from the same weights and given the same
/// batch of 32 random samples: the shape-threshold benchmarks time one training step and one Forward of each.
/// </summary>
public abstract class NetworkPair<TFirst, TSecond, T>
    where TFirst : INetwork<T>, new()
    where TSecond : INetwork<T>, new()
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Samples per training step.</summary>
    protected const int Batch = 32;

    private readonly TFirst _first = new();
    private readonly TSecond _second = new();
    private T[] _x = Array.Empty<T>();
    private T[] _t = Array.Empty<T>();
    private T[] _y = Array.Empty<T>();

    [GlobalSetup]
    public void Setup()
    {
        var random = new NormalSampler(5);
        _x = new T[Batch * _first.InputSize];
        _t = new T[Batch * _first.OutputSize];
        _y = new T[_first.OutputSize];
        for (int k = 0; k < _x.Length; k++)
        {
            _x[k] = T.CreateTruncating(random.NextUniform());
        }

        for (int k = 0; k < _t.Length; k++)
        {
            _t[k] = T.CreateTruncating(random.NextUniform());
        }

        var start = new T[_first.ParameterCount];
        _first.GetParameters(start);
        _second.SetParameters(start);
    }

    protected T TrainFirst() => _first.TrainStep(_x, _t);

    protected T TrainSecond() => _second.TrainStep(_x, _t);

    protected T ForwardFirst()
    {
        _first.Forward(_x.AsSpan(0, _first.InputSize), _y);
        return _y[0];
    }

    protected T ForwardSecond()
    {
        _second.Forward(_x.AsSpan(0, _second.InputSize), _y);
        return _y[0];
    }
}
