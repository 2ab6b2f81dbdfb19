using System;
using System.Numerics;

namespace NetGen.Benchmarks;

/// <summary>
/// <see cref="HandWrittenNetwork{T}"/> extended to a classifier's math, as a user would write it by hand without
/// NetGen: sizes chosen at run time, weights in arrays, plain loops one sample at a time, buffers allocated once;
/// ReLU hidden layers, a softmax output trained on the cross-entropy averaged over the batch (from the logits,
/// through log-sum-exp), and Adam (torch.optim.Adam's defaults). The flat parameter order is NetGen's.
/// </summary>
public sealed class HandWrittenClassifier<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly int[] _sizes;
    private readonly T[][] _w;      // _w[l][i * out + j]
    private readonly T[][] _b;
    private readonly T[][] _gw;
    private readonly T[][] _gb;
    private readonly T[][] _mw, _vw, _mb, _vb; // Adam's moments
    private readonly T[][] _a;      // activations of one sample, _a[0] is the input; the output layer's are the logits
    private readonly T[][] _delta;
    private readonly double _rate, _beta1 = 0.9, _beta2 = 0.999, _epsilon = 1e-8;
    private int _step;

    public HandWrittenClassifier(int[] sizes, double learningRate = 0.001)
    {
        _sizes = sizes;
        _rate = learningRate;
        int layers = sizes.Length - 1;
        _w = new T[layers][];
        _b = new T[layers][];
        _gw = new T[layers][];
        _gb = new T[layers][];
        _mw = new T[layers][];
        _vw = new T[layers][];
        _mb = new T[layers][];
        _vb = new T[layers][];
        _delta = new T[layers][];
        _a = new T[sizes.Length][];
        _a[0] = new T[sizes[0]];
        for (int l = 0; l < layers; l++)
        {
            int weights = sizes[l] * sizes[l + 1];
            _w[l] = new T[weights];
            _gw[l] = new T[weights];
            _mw[l] = new T[weights];
            _vw[l] = new T[weights];
            _b[l] = new T[sizes[l + 1]];
            _gb[l] = new T[sizes[l + 1]];
            _mb[l] = new T[sizes[l + 1]];
            _vb[l] = new T[sizes[l + 1]];
            _delta[l] = new T[sizes[l + 1]];
            _a[l + 1] = new T[sizes[l + 1]];
        }
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

    /// <summary>The class probabilities of one sample.</summary>
    public void Forward(ReadOnlySpan<T> input, Span<T> output)
    {
        input.CopyTo(_a[0]);
        ForwardSample();
        T[] z = _a[^1];
        T m = Max(z);
        T sum = T.Zero;
        for (int j = 0; j < z.Length; j++)
        {
            output[j] = T.Exp(z[j] - m);
            sum += output[j];
        }

        for (int j = 0; j < z.Length; j++)
        {
            output[j] /= sum;
        }
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
        T scale = T.One / T.CreateTruncating(n);
        T loss = T.Zero;
        for (int s = 0; s < n; s++)
        {
            inputs.Slice(s * inSize, inSize).CopyTo(_a[0]);
            ForwardSample();

            // Softmax cross-entropy from the logits: loss −Σ t (z − m − lse), δ = (p Σt − t) / N.
            T[] z = _a[layers];
            T[] d = _delta[layers - 1];
            ReadOnlySpan<T> t = targets.Slice(s * outSize, outSize);
            T m = Max(z);
            T sum = T.Zero, mass = T.Zero;
            for (int j = 0; j < outSize; j++)
            {
                sum += T.Exp(z[j] - m);
                mass += t[j];
            }

            T lse = T.Log(sum);
            for (int j = 0; j < outSize; j++)
            {
                loss -= t[j] * (z[j] - m - lse);
                d[j] = ((T.Exp(z[j] - m) / sum * mass) - t[j]) * scale;
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
                        T total = T.Zero;
                        for (int j = 0; j < nout; j++)
                        {
                            total += w[i * nout + j] * delta[j];
                        }

                        lower[i] = below[i] > T.Zero ? total : T.Zero; // ReLU'
                    }
                }
            }
        }

        _step++;
        T stepSize = T.CreateTruncating(_rate / (1 - Math.Pow(_beta1, _step)));
        T root2 = T.CreateTruncating(Math.Sqrt(1 - Math.Pow(_beta2, _step)));
        for (int l = 0; l < layers; l++)
        {
            Adam(_w[l], _gw[l], _mw[l], _vw[l], stepSize, root2);
            Adam(_b[l], _gb[l], _mb[l], _vb[l], stepSize, root2);
        }

        return loss * scale;
    }

    private void Adam(T[] p, T[] g, T[] m, T[] v, T stepSize, T root2)
    {
        T beta1 = T.CreateTruncating(_beta1), beta2 = T.CreateTruncating(_beta2), epsilon = T.CreateTruncating(_epsilon);
        for (int k = 0; k < p.Length; k++)
        {
            m[k] = (beta1 * m[k]) + ((T.One - beta1) * g[k]);
            v[k] = (beta2 * v[k]) + ((T.One - beta2) * g[k] * g[k]);
            p[k] -= stepSize * m[k] / ((T.Sqrt(v[k]) / root2) + epsilon);
        }
    }

    private void ForwardSample()
    {
        int layers = _sizes.Length - 1;
        for (int l = 0; l < layers; l++)
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

                y[j] = l == layers - 1 || z > T.Zero ? z : T.Zero; // ReLU below the output, logits at the output
            }
        }
    }

    private static T Max(T[] z)
    {
        T m = z[0];
        for (int j = 1; j < z.Length; j++)
        {
            m = T.Max(m, z[j]);
        }

        return m;
    }
}
