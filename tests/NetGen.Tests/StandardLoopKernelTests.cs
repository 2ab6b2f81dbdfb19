using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The layer kernels of loop-shaped networks in NetGen's netstandard2.1 build (Unity, Mono), written one value at a time
/// (<see cref="ScalarDense{T, TOps}"/>), compiled here too and held to the .NET builds' vector kernels
/// (<see cref="Dense"/>) for a network declared <c>Deterministic = true</c>, bit for bit: every kernel and overload the loop
/// shape calls, every activation and loss, both precisions, layer sizes that leave every vector width a tail, and values
/// with zeros of both signs, negatives and large magnitudes. Also GELU, SiLU and ELU one value at a time
/// (<see cref="ScalarActivations"/>) against the .NET builds' <see cref="PortableVectorActivations"/>, and the argument
/// checks, which throw the same exceptions with the same messages.
/// </summary>
public partial class StandardLoopKernelTests
{
    /// <summary>Input and output sizes: none a multiple of 16, 8, 4 or 2 lanes beyond the first, so every width leaves a tail.</summary>
    private static readonly int[] Sizes = { 1, 3, 7, 17, 33, 130 };

    /// <summary>Sample counts that take every tile of the product (8, 6 and 4 samples, then one at a time).</summary>
    private static readonly int[] SampleCounts = { 1, 2, 5, 9 };

    private static readonly Activation[] Elementwise =
    {
        Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU, Activation.Identity, Activation.GELU, Activation.SiLU, Activation.ELU,
    };

    /// <summary>Every activation, softmax included.</summary>
    public static TheoryData<Activation> Activations => new(Elementwise.Append(Activation.Softmax));

    /// <summary>The activations with a derivative (all but softmax).</summary>
    public static TheoryData<Activation> Derivatives => new(Elementwise);

    /// <summary>Every element-wise loss with every output activation it takes.</summary>
    public static TheoryData<Activation, Loss> OutputLosses
    {
        get
        {
            var data = new TheoryData<Activation, Loss>();
            foreach (Activation activation in Elementwise)
            {
                foreach (Loss loss in new[] { Loss.Square, Loss.MeanSquaredError, Loss.L1, Loss.Huber })
                {
                    data.Add(activation, loss);
                }
            }

            return data;
        }
    }

    [Fact]
    public void Forward_without_an_activation_gives_the_vector_kernel_s_bits()
    {
        Forward<double, DoubleOps>(null);
        Forward<float, SingleOps>(null);
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Forward_gives_the_vector_kernel_s_bits_in_place_and_keeping_z(Activation activation)
    {
        Forward<double, DoubleOps>(activation);
        Forward<float, SingleOps>(activation);
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Apply_Sigmoid_and_Softmax_give_the_vector_kernels_bits(Activation activation)
    {
        Apply<double, DoubleOps>(activation);
        Apply<float, SingleOps>(activation);
    }

    [Theory]
    [MemberData(nameof(Derivatives))]
    public void MultiplyByDerivative_gives_the_vector_kernel_s_bits(Activation activation)
    {
        MultiplyByDerivative<double, DoubleOps>(activation);
        MultiplyByDerivative<float, SingleOps>(activation);
    }

    [Fact]
    public void BackpropagateDelta_without_an_activation_gives_the_vector_kernels_bits_along_rows_and_transposed()
    {
        Backpropagate<double, DoubleOps>(null);
        Backpropagate<float, SingleOps>(null);
    }

    [Theory]
    [MemberData(nameof(Derivatives))]
    public void BackpropagateDelta_gives_the_vector_kernels_bits_along_rows_and_transposed(Activation activation)
    {
        Backpropagate<double, DoubleOps>(activation);
        Backpropagate<float, SingleOps>(activation);
    }

    [Fact]
    public void AccumulateGradients_Transpose_and_Descend_give_the_vector_kernels_bits()
    {
        Gradients<double, DoubleOps>();
        Gradients<float, SingleOps>();
    }

    [Fact]
    public void OutputDelta_of_the_sigmoid_s_square_loss_gives_the_vector_kernel_s_bits()
    {
        SigmoidOutputDelta<double, DoubleOps>();
        SigmoidOutputDelta<float, SingleOps>();
    }

    [Theory]
    [MemberData(nameof(OutputLosses))]
    public void OutputDelta_gives_the_vector_kernels_bits_for_every_loss_and_output_activation(Activation activation, Loss loss)
    {
        OutputDelta<double, DoubleOps>(activation, loss);
        OutputDelta<float, SingleOps>(activation, loss);
    }

    [Fact]
    public void SoftmaxCrossEntropy_gives_the_vector_kernel_s_bits()
    {
        SoftmaxCrossEntropy<double, DoubleOps>();
        SoftmaxCrossEntropy<float, SingleOps>();
    }

    [Fact]
    public void BinaryCrossEntropy_gives_the_vector_kernel_s_bits()
    {
        BinaryCrossEntropy<double, DoubleOps>();
        BinaryCrossEntropy<float, SingleOps>();
    }

    [Fact]
    public void The_checks_throw_what_the_vector_kernels_throw()
    {
        Checks<double, DoubleOps>();
        Checks<float, SingleOps>();
    }

    [Fact]
    public void GELU_SiLU_ELU_and_erf_give_the_bits_of_PortableVectorActivations_one_value_and_every_lane()
    {
        double[] xs = Arguments(3, 50_000).ToArray();
        const double Alpha = 1.3;
        foreach (double z in xs)
        {
            double d = Math.Sin(z) * 3;
            AssertSame(PortableVectorActivations.GELU(z), ScalarActivations.GELU(z), z);
            AssertSame(PortableVectorActivations.SiLU(z), ScalarActivations.SiLU(z), z);
            AssertSame(PortableVectorActivations.ELU(z, Alpha), ScalarActivations.ELU(z, Alpha), z);
            AssertSame(PortableVectorActivations.GELUBackward(d, z), ScalarActivations.GELUBackward(d, z), z);
            AssertSame(PortableVectorActivations.SiLUBackward(d, z), ScalarActivations.SiLUBackward(d, z), z);
            AssertSame(PortableVectorActivations.ELUBackward(d, z, Alpha), ScalarActivations.ELUBackward(d, z, Alpha), z);
            AssertSame(ErfFunction.Apply<double, PortableLanes<double, Scalar<double>, double>, double>(z), ScalarActivations.Erf(z), z);
            float f = (float)z, df = (float)d, alpha = (float)Alpha;
            AssertSame(PortableVectorActivations.GELU(f), ScalarActivations.GELU(f), f);
            AssertSame(PortableVectorActivations.SiLU(f), ScalarActivations.SiLU(f), f);
            AssertSame(PortableVectorActivations.ELU(f, alpha), ScalarActivations.ELU(f, alpha), f);
            AssertSame(PortableVectorActivations.GELUBackward(df, f), ScalarActivations.GELUBackward(df, f), f);
            AssertSame(PortableVectorActivations.SiLUBackward(df, f), ScalarActivations.SiLUBackward(df, f), f);
            AssertSame(PortableVectorActivations.ELUBackward(df, f, alpha), ScalarActivations.ELUBackward(df, f, alpha), f);
            AssertSame(ErfFunction.Apply<float, PortableLanes<float, Scalar<float>, float>, float>(f), ScalarActivations.Erf(f), f);
        }

        // The lanes of the 256-bit forms, which the unrolled shape calls for groups of units and a deterministic network's lanes.
        for (int k = 0; k + 8 <= xs.Length; k += 8)
        {
            Vector256<double> z = Vector256.Create(xs[k], xs[k + 1], xs[k + 2], xs[k + 3]);
            Vector256<double> d = Vector256.Create(xs[k + 4], xs[k + 5], xs[k + 6], xs[k + 7]);
            Vector256<double> gelu = PortableVectorActivations.GELU(z), silu = PortableVectorActivations.SiLU(z), elu = PortableVectorActivations.ELU(z, Alpha);
            Vector256<double> geluBack = PortableVectorActivations.GELUBackward(d, z), siluBack = PortableVectorActivations.SiLUBackward(d, z);
            Vector256<double> eluBack = PortableVectorActivations.ELUBackward(d, z, Alpha);
            for (int lane = 0; lane < 4; lane++)
            {
                double x = z[lane], dx = d[lane];
                AssertSame(gelu[lane], ScalarActivations.GELU(x), x);
                AssertSame(silu[lane], ScalarActivations.SiLU(x), x);
                AssertSame(elu[lane], ScalarActivations.ELU(x, Alpha), x);
                AssertSame(geluBack[lane], ScalarActivations.GELUBackward(dx, x), x);
                AssertSame(siluBack[lane], ScalarActivations.SiLUBackward(dx, x), x);
                AssertSame(eluBack[lane], ScalarActivations.ELUBackward(dx, x, Alpha), x);
            }

            Vector256<float> zf = Vector256.Create(xs.Skip(k).Take(8).Select(v => (float)v).ToArray());
            Vector256<float> df = Vector256.Create(xs.Skip(k).Take(8).Reverse().Select(v => (float)v).ToArray());
            float alpha = (float)Alpha;
            Vector256<float> geluF = PortableVectorActivations.GELU(zf), siluF = PortableVectorActivations.SiLU(zf), eluF = PortableVectorActivations.ELU(zf, alpha);
            Vector256<float> geluBackF = PortableVectorActivations.GELUBackward(df, zf), siluBackF = PortableVectorActivations.SiLUBackward(df, zf);
            Vector256<float> eluBackF = PortableVectorActivations.ELUBackward(df, zf, alpha);
            for (int lane = 0; lane < 8; lane++)
            {
                float x = zf[lane], dx = df[lane];
                AssertSame(geluF[lane], ScalarActivations.GELU(x), x);
                AssertSame(siluF[lane], ScalarActivations.SiLU(x), x);
                AssertSame(eluF[lane], ScalarActivations.ELU(x, alpha), x);
                AssertSame(geluBackF[lane], ScalarActivations.GELUBackward(dx, x), x);
                AssertSame(siluBackF[lane], ScalarActivations.SiLUBackward(dx, x), x);
                AssertSame(eluBackF[lane], ScalarActivations.ELUBackward(dx, x, alpha), x);
            }
        }
    }

    private static void Forward<T, TOps>(Activation? activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        T slope = Slope<T>(activation);
        foreach ((int nin, int nout, int samples) in Shapes())
        {
            string where = $"Forward {activation?.ToString() ?? "(sigmoid)"} {typeof(T).Name} {nin} → {nout}, {samples} samples";
            T[] w = Values<T>(nin * nout, nin + (31 * nout)), b = Values<T>(nout, nout + 7), x = Values<T>(samples * nin, samples + nin);
            T[] expected = new T[samples * nout], actual = new T[samples * nout];
            if (activation is not { } kind)
            {
                Dense.Forward<T>(w, b, x, expected, samples, deterministic: true);
                ScalarDense<T, TOps>.Forward(w, b, x, actual, samples, deterministic: true);
                AssertBits<T>(expected, actual, where);
                continue;
            }

            Dense.Forward<T>(w, b, x, expected, samples, kind, slope, deterministic: true);
            ScalarDense<T, TOps>.Forward(w, b, x, actual, samples, kind, slope, deterministic: true);
            AssertBits<T>(expected, actual, where + " in place");

            T[] expectedZ = new T[samples * nout], actualZ = new T[samples * nout];
            Array.Clear(expected);
            Array.Clear(actual);
            Dense.Forward<T>(w, b, x, expectedZ, expected, samples, kind, slope, deterministic: true);
            ScalarDense<T, TOps>.Forward(w, b, x, actualZ, actual, samples, kind, slope, deterministic: true);
            AssertBits<T>(expectedZ, actualZ, where + " z");
            AssertBits<T>(expected, actual, where + " keeping z");
        }
    }

    private static void Apply<T, TOps>(Activation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        T slope = Slope<T>(activation);
        foreach (int length in Sizes)
        {
            string where = $"Apply {activation} {typeof(T).Name} length {length}";
            T[] z = Values<T>(length, length * 3, scale: 8);
            T[] expected = (T[])z.Clone(), actual = (T[])z.Clone();
            Dense.Apply<T>(expected, activation, slope, deterministic: true);
            ScalarDense<T, TOps>.Apply(actual, activation, slope, deterministic: true);
            AssertBits<T>(expected, actual, where + " in place");

            T[] expectedA = new T[length], actualA = new T[length];
            Dense.Apply<T>(z, expectedA, activation, slope, deterministic: true);
            ScalarDense<T, TOps>.Apply(z, actualA, activation, slope, deterministic: true);
            AssertBits<T>(expectedA, actualA, where + " keeping z");

            if (activation == Activation.Sigmoid)
            {
                expected = (T[])z.Clone();
                actual = (T[])z.Clone();
                Dense.Sigmoid<T>(expected, deterministic: true);
                ScalarDense<T, TOps>.Sigmoid(actual, deterministic: true);
                AssertBits<T>(expected, actual, $"Sigmoid {typeof(T).Name} length {length}");
            }

            if (activation == Activation.Softmax)
            {
                foreach (int samples in SampleCounts)
                {
                    T[] rows = Values<T>(samples * length, samples + length, scale: 30);
                    expected = (T[])rows.Clone();
                    actual = (T[])rows.Clone();
                    Dense.Softmax<T>(expected, samples, deterministic: true);
                    ScalarDense<T, TOps>.Softmax(actual, samples, deterministic: true);
                    AssertBits<T>(expected, actual, $"Softmax {typeof(T).Name} {samples} rows of {length}");
                }
            }
        }
    }

    private static void MultiplyByDerivative<T, TOps>(Activation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        T slope = Slope<T>(activation);
        foreach (int length in Sizes)
        {
            T[] input = Values<T>(length, length * 5, scale: 8), delta = Values<T>(length, length * 11);
            T[] expected = (T[])delta.Clone(), actual = (T[])delta.Clone();
            Dense.MultiplyByDerivative<T>(expected, input, activation, slope, deterministic: true);
            ScalarDense<T, TOps>.MultiplyByDerivative(actual, input, activation, slope, deterministic: true);
            AssertBits<T>(expected, actual, $"MultiplyByDerivative {activation} {typeof(T).Name} length {length}");
        }
    }

    private static void Backpropagate<T, TOps>(Activation? activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        T slope = Slope<T>(activation);
        foreach ((int nin, int nout, int samples) in Shapes())
        {
            string where = $"BackpropagateDelta {activation?.ToString() ?? "(sigmoid)"} {typeof(T).Name} {nin} → {nout}, {samples} samples";
            T[] w = Values<T>(nin * nout, (3 * nin) + nout), delta = Values<T>(samples * nout, samples + (5 * nout)), a = Values<T>(samples * nin, nin + (7 * samples));
            T[] wt = new T[w.Length];
            Dense.Transpose<T>(w, wt, nin);
            T[] expected = new T[samples * nin], actual = new T[samples * nin], expectedT = new T[samples * nin], actualT = new T[samples * nin];
            if (activation is not { } kind)
            {
                Dense.BackpropagateDelta<T>(w, delta, a, expected, samples);
                ScalarDense<T, TOps>.BackpropagateDelta(w, delta, a, actual, samples);
                Dense.BackpropagateDeltaTransposed<T>(wt, delta, a, expectedT, samples);
                ScalarDense<T, TOps>.BackpropagateDeltaTransposed(wt, delta, a, actualT, samples);
            }
            else
            {
                Dense.BackpropagateDelta<T>(w, delta, a, expected, samples, kind, slope, deterministic: true);
                ScalarDense<T, TOps>.BackpropagateDelta(w, delta, a, actual, samples, kind, slope, deterministic: true);
                Dense.BackpropagateDeltaTransposed<T>(wt, delta, a, expectedT, samples, kind, slope, deterministic: true);
                ScalarDense<T, TOps>.BackpropagateDeltaTransposed(wt, delta, a, actualT, samples, kind, slope, deterministic: true);
            }

            AssertBits<T>(expected, actual, where + " along rows");
            AssertBits<T>(expectedT, actualT, where + " transposed");
        }
    }

    private static void Gradients<T, TOps>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        foreach ((int nin, int nout, int samples) in Shapes())
        {
            string where = $"{typeof(T).Name} {nin} → {nout}, {samples} samples";
            T[] x = Values<T>(samples * nin, nin + samples), delta = Values<T>(samples * nout, nout + (3 * samples));
            T[] gw = Values<T>(nin * nout, nin * nout), gb = Values<T>(nout, nout * 13);
            foreach (bool accumulate in new[] { false, true })
            {
                T[] expectedW = (T[])gw.Clone(), expectedB = (T[])gb.Clone(), actualW = (T[])gw.Clone(), actualB = (T[])gb.Clone();
                Dense.AccumulateGradients<T>(expectedW, expectedB, x, delta, samples, accumulate);
                ScalarDense<T, TOps>.AccumulateGradients(actualW, actualB, x, delta, samples, accumulate);
                AssertBits<T>(expectedW, actualW, $"AccumulateGradients ∂W {where} accumulate {accumulate}");
                AssertBits<T>(expectedB, actualB, $"AccumulateGradients ∂b {where} accumulate {accumulate}");
            }

            T[] expectedT = new T[gw.Length], actualT = new T[gw.Length];
            Dense.Transpose<T>(gw, expectedT, nin);
            ScalarDense<T, TOps>.Transpose(gw, actualT, nin);
            AssertBits<T>(expectedT, actualT, $"Transpose {where}");

            T[] expected = (T[])gw.Clone(), actual = (T[])gw.Clone();
            T rate = T.CreateTruncating(0.0123 * samples);
            Dense.Descend<T>(expected, expectedT, rate);
            ScalarDense<T, TOps>.Descend(actual, expectedT, rate);
            AssertBits<T>(expected, actual, $"Descend {where}");
        }
    }

    private static void SigmoidOutputDelta<T, TOps>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        foreach (int length in Sizes.Concat(SampleCounts.Select(s => s * 33)))
        {
            T[] y = Values<T>(length, length), t = Values<T>(length, length + 1);
            T[] expected = new T[length], actual = new T[length];
            T expectedLoss = Dense.OutputDelta<T>(y, t, expected);
            T actualLoss = ScalarDense<T, TOps>.OutputDelta(y, t, actual);
            string where = $"OutputDelta (sigmoid, square) {typeof(T).Name} length {length}";
            AssertBits<T>(expected, actual, where);
            AssertBits<T>(new[] { expectedLoss }, new[] { actualLoss }, where + " loss");
        }
    }

    private static void OutputDelta<T, TOps>(Activation activation, Loss loss)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        T slope = Slope<T>(activation);
        foreach (int length in Sizes.Concat(SampleCounts.Select(s => s * 17)))
        {
            T[] y = Values<T>(length, length * 2), z = Values<T>(length, length * 2 + 1, scale: 6), t = Values<T>(length, length * 2 + 3);
            T scale = T.CreateTruncating(1.0 / (length + 2));
            foreach (double huber in loss == Loss.Huber ? new[] { 1.0, 0.35 } : new[] { 1.0 })
            {
                T huberDelta = T.CreateTruncating(huber);
                string where = $"OutputDelta {loss} ({huber}) through {activation} {typeof(T).Name} length {length}";
                T[] expected = new T[length], actual = new T[length];
                T expectedLoss = Dense.OutputDelta<T>(y, t, expected, scale, activation, slope, loss, huberDelta, deterministic: true);
                T actualLoss = ScalarDense<T, TOps>.OutputDelta(y, t, actual, scale, activation, slope, loss, huberDelta, deterministic: true);
                AssertBits<T>(expected, actual, where);
                AssertBits<T>(new[] { expectedLoss }, new[] { actualLoss }, where + " loss");

                expectedLoss = Dense.OutputDelta<T>(y, z, t, expected, scale, activation, slope, loss, huberDelta, deterministic: true);
                actualLoss = ScalarDense<T, TOps>.OutputDelta(y, z, t, actual, scale, activation, slope, loss, huberDelta, deterministic: true);
                AssertBits<T>(expected, actual, where + " from z");
                AssertBits<T>(new[] { expectedLoss }, new[] { actualLoss }, where + " from z, loss");
            }

            if (loss == Loss.Square)
            {
                string where = $"OutputDelta (square) through {activation} {typeof(T).Name} length {length}";
                T[] expected = new T[length], actual = new T[length];
                T expectedLoss = Dense.OutputDelta<T>(y, t, expected, scale, activation, slope, deterministic: true);
                T actualLoss = ScalarDense<T, TOps>.OutputDelta(y, t, actual, scale, activation, slope, deterministic: true);
                AssertBits<T>(expected, actual, where);
                AssertBits<T>(new[] { expectedLoss }, new[] { actualLoss }, where + " loss");

                expectedLoss = Dense.OutputDelta<T>(y, z, t, expected, scale, activation, slope, deterministic: true);
                actualLoss = ScalarDense<T, TOps>.OutputDelta(y, z, t, actual, scale, activation, slope, deterministic: true);
                AssertBits<T>(expected, actual, where + " from z");
                AssertBits<T>(new[] { expectedLoss }, new[] { actualLoss }, where + " from z, loss");
            }
        }
    }

    private static void SoftmaxCrossEntropy<T, TOps>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        foreach (int n in Sizes)
        {
            foreach (int samples in SampleCounts)
            {
                foreach (double logitScale in new[] { 3.0, 1000.0 })
                {
                    T[] z = Values<T>(samples * n, (n * 17) + samples, scale: logitScale);
                    T[] oneHot = new T[samples * n];
                    for (int s = 0; s < samples; s++)
                    {
                        oneHot[(s * n) + ((s * 5) % n)] = T.One;
                    }

                    T[] soft = Values<T>(samples * n, n + samples).Select(v => T.Abs(v)).ToArray();
                    T scale = T.CreateTruncating(1.0 / samples);
                    foreach ((string kind, T[] t) in new[] { ("one-hot", oneHot), ("soft", soft) })
                    {
                        foreach (bool keep in new[] { false, true })
                        {
                            string where = $"SoftmaxCrossEntropy {typeof(T).Name} {samples} × {n} logits ±{logitScale}, {kind} targets, probabilities {(keep ? "kept" : "not kept")}";
                            T[] expected = new T[samples * n], actual = new T[samples * n];
                            T[] expectedP = keep ? new T[samples * n] : Array.Empty<T>(), actualP = keep ? new T[samples * n] : Array.Empty<T>();
                            T expectedLoss = Dense.SoftmaxCrossEntropy<T>(z, t, expectedP, expected, samples, scale, deterministic: true);
                            T actualLoss = ScalarDense<T, TOps>.SoftmaxCrossEntropy(z, t, actualP, actual, samples, scale, deterministic: true);
                            AssertBits<T>(expected, actual, where);
                            AssertBits<T>(expectedP, actualP, where + " probabilities");
                            AssertBits<T>(new[] { expectedLoss }, new[] { actualLoss }, where + " loss");
                        }
                    }
                }
            }
        }
    }

    private static void BinaryCrossEntropy<T, TOps>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        foreach (int length in Sizes.Concat(SampleCounts.Select(s => s * 33)))
        {
            foreach (double logitScale in new[] { 4.0, 1000.0 })
            {
                T[] z = Values<T>(length, length * 3, scale: logitScale), t = Values<T>(length, length * 3 + 1).Select(v => T.Abs(v) / T.CreateTruncating(2)).ToArray();
                T scale = T.CreateTruncating(1.0 / length);
                T[] expected = new T[length], actual = new T[length];
                T expectedLoss = Dense.BinaryCrossEntropy<T>(z, t, expected, scale, deterministic: true);
                T actualLoss = ScalarDense<T, TOps>.BinaryCrossEntropy(z, t, actual, scale, deterministic: true);
                string where = $"BinaryCrossEntropy {typeof(T).Name} length {length} logits ±{logitScale}";
                AssertBits<T>(expected, actual, where);
                AssertBits<T>(new[] { expectedLoss }, new[] { actualLoss }, where + " loss");
            }
        }
    }
}
