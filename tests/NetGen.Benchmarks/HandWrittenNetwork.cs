using System;
using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// What a user would write by hand without NetGen: sizes chosen at run time, weights in arrays, plain loops,
/// buffers allocated once. Same math, same flat parameter order and the same initial weights as NetGen.
/// </summary>
public sealed class HandWrittenNetwork<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly int[] _sizes;
    private readonly T[][] _w;      // _w[l][i * out + j]
    private readonly T[][] _b;
    private readonly T[][] _gw;
    private readonly T[][] _gb;
    private readonly T[][] _a;      // activations of one sample, _a[0] is the input
    private readonly T[][] _delta;
    private readonly T _rate;

    public HandWrittenNetwork(int[] sizes, double learningRate = 0.1, int seed = 0)
    {
        _sizes = sizes;
        _rate = T.CreateTruncating(learningRate);
        int layers = sizes.Length - 1;
        _w = new T[layers][];
        _b = new T[layers][];
        _gw = new T[layers][];
        _gb = new T[layers][];
        _delta = new T[layers][];
        _a = new T[sizes.Length][];
        _a[0] = new T[sizes[0]];
        for (int l = 0; l < layers; l++)
        {
            _w[l] = new T[sizes[l] * sizes[l + 1]];
            _b[l] = new T[sizes[l + 1]];
            _gw[l] = new T[_w[l].Length];
            _gb[l] = new T[_b[l].Length];
            _delta[l] = new T[sizes[l + 1]];
            _a[l + 1] = new T[sizes[l + 1]];
        }

        var p = new double[Topology.ParameterCount(sizes)];
        Initialization.FillStandardNormal(sizes, seed, p);
        SetParameters(Array.ConvertAll(p, T.CreateTruncating));
    }

    /// <summary>Replaces every parameter, in NetGen's flat order.</summary>
    public void SetParameters(ReadOnlySpan<T> p)
    {
        int k = 0;
        for (int l = 0; l < _w.Length; l++)
        {
            p.Slice(k, _w[l].Length).CopyTo(_w[l]);
            k += _w[l].Length;
            p.Slice(k, _b[l].Length).CopyTo(_b[l]);
            k += _b[l].Length;
        }
    }

    public void Forward(ReadOnlySpan<T> input, Span<T> output)
    {
        input.CopyTo(_a[0]);
        ForwardSample();
        _a[^1].AsSpan().CopyTo(output);
    }

    public T TrainStep(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets)
    {
        int layers = _sizes.Length - 1;
        for (int l = 0; l < layers; l++)
        {
            Array.Clear(_gw[l]);
            Array.Clear(_gb[l]);
        }

        int inSize = _sizes[0], outSize = _sizes[^1];
        int n = inputs.Length / inSize;
        T loss = T.Zero;
        for (int s = 0; s < n; s++)
        {
            inputs.Slice(s * inSize, inSize).CopyTo(_a[0]);
            ForwardSample();
            T[] y = _a[layers];
            T[] d = _delta[layers - 1];
            for (int j = 0; j < outSize; j++)
            {
                T e = y[j] - targets[s * outSize + j];
                loss += T.CreateTruncating(0.5) * e * e;
                d[j] = e * y[j] * (T.One - y[j]);
            }

            for (int l = layers - 1; l >= 0; l--)
            {
                int nin = _sizes[l], nout = _sizes[l + 1];
                T[] below = _a[l], delta = _delta[l], w = _w[l], gw = _gw[l], gb = _gb[l];
                for (int i = 0; i < nin; i++)
                {
                    for (int j = 0; j < nout; j++)
                    {
                        gw[i * nout + j] += below[i] * delta[j];
                    }
                }

                for (int j = 0; j < nout; j++)
                {
                    gb[j] += delta[j];
                }

                if (l > 0)
                {
                    T[] lower = _delta[l - 1];
                    for (int i = 0; i < nin; i++)
                    {
                        T sum = T.Zero;
                        for (int j = 0; j < nout; j++)
                        {
                            sum += w[i * nout + j] * delta[j];
                        }

                        lower[i] = sum * below[i] * (T.One - below[i]);
                    }
                }
            }
        }

        for (int l = 0; l < layers; l++)
        {
            T[] w = _w[l], gw = _gw[l], b = _b[l], gb = _gb[l];
            for (int k = 0; k < w.Length; k++)
            {
                w[k] -= _rate * gw[k];
            }

            for (int k = 0; k < b.Length; k++)
            {
                b[k] -= _rate * gb[k];
            }
        }

        return loss;
    }

    private void ForwardSample()
    {
        for (int l = 0; l < _sizes.Length - 1; l++)
        {
            int nin = _sizes[l], nout = _sizes[l + 1];
            T[] x = _a[l], y = _a[l + 1], w = _w[l], b = _b[l];
            for (int j = 0; j < nout; j++)
            {
                T z = b[j];
                for (int i = 0; i < nin; i++)
                {
                    z += w[i * nout + j] * x[i];
                }

                y[j] = T.One / (T.One + T.Exp(-z));
            }
        }
    }
}
