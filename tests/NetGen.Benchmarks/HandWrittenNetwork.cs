using System;

namespace NetGen.Benchmarks;

/// <summary>
/// What a user would write by hand without NetGen: sizes chosen at run time, weights in arrays, plain loops,
/// buffers allocated once. Same math, same flat parameter order and the same initial weights as NetGen.
/// </summary>
public sealed class HandWrittenNetwork
{
    private readonly int[] _sizes;
    private readonly double[][] _w;      // _w[l][i * out + j]
    private readonly double[][] _b;
    private readonly double[][] _gw;
    private readonly double[][] _gb;
    private readonly double[][] _a;      // activations of one sample, _a[0] is the input
    private readonly double[][] _delta;
    private readonly double _rate;

    public HandWrittenNetwork(int[] sizes, double learningRate = 0.1, int seed = 0)
    {
        _sizes = sizes;
        _rate = learningRate;
        int layers = sizes.Length - 1;
        _w = new double[layers][];
        _b = new double[layers][];
        _gw = new double[layers][];
        _gb = new double[layers][];
        _delta = new double[layers][];
        _a = new double[sizes.Length][];
        _a[0] = new double[sizes[0]];
        for (int l = 0; l < layers; l++)
        {
            _w[l] = new double[sizes[l] * sizes[l + 1]];
            _b[l] = new double[sizes[l + 1]];
            _gw[l] = new double[_w[l].Length];
            _gb[l] = new double[_b[l].Length];
            _delta[l] = new double[sizes[l + 1]];
            _a[l + 1] = new double[sizes[l + 1]];
        }

        var p = new double[Topology.ParameterCount(sizes)];
        Initialization.FillStandardNormal(sizes, seed, p);
        SetParameters(p);
    }

    /// <summary>Replaces every parameter, in NetGen's flat order.</summary>
    public void SetParameters(ReadOnlySpan<double> p)
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

    public void Forward(ReadOnlySpan<double> input, Span<double> output)
    {
        input.CopyTo(_a[0]);
        ForwardSample();
        _a[^1].AsSpan().CopyTo(output);
    }

    public double TrainStep(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets)
    {
        int layers = _sizes.Length - 1;
        for (int l = 0; l < layers; l++)
        {
            Array.Clear(_gw[l]);
            Array.Clear(_gb[l]);
        }

        int inSize = _sizes[0], outSize = _sizes[^1];
        int n = inputs.Length / inSize;
        double loss = 0;
        for (int s = 0; s < n; s++)
        {
            inputs.Slice(s * inSize, inSize).CopyTo(_a[0]);
            ForwardSample();
            double[] y = _a[layers];
            double[] d = _delta[layers - 1];
            for (int j = 0; j < outSize; j++)
            {
                double e = y[j] - targets[s * outSize + j];
                loss += 0.5 * e * e;
                d[j] = e * y[j] * (1 - y[j]);
            }

            for (int l = layers - 1; l >= 0; l--)
            {
                int nin = _sizes[l], nout = _sizes[l + 1];
                double[] below = _a[l], delta = _delta[l], w = _w[l], gw = _gw[l], gb = _gb[l];
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
                    double[] lower = _delta[l - 1];
                    for (int i = 0; i < nin; i++)
                    {
                        double sum = 0;
                        for (int j = 0; j < nout; j++)
                        {
                            sum += w[i * nout + j] * delta[j];
                        }

                        lower[i] = sum * below[i] * (1 - below[i]);
                    }
                }
            }
        }

        for (int l = 0; l < layers; l++)
        {
            double[] w = _w[l], gw = _gw[l], b = _b[l], gb = _gb[l];
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
            double[] x = _a[l], y = _a[l + 1], w = _w[l], b = _b[l];
            for (int j = 0; j < nout; j++)
            {
                double z = b[j];
                for (int i = 0; i < nin; i++)
                {
                    z += w[i * nout + j] * x[i];
                }

                y[j] = 1.0 / (1.0 + Math.Exp(-z));
            }
        }
    }
}
