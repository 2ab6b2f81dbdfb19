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
public class StandardLoopKernelTests
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

    /// <summary>Calls that every check refuses, each made of the vector kernels and of the scalar ones.</summary>
    private static void Checks<T, TOps>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TOps : struct, IScalarOps<T>
    {
        T[] six = new T[6], three = new T[3], two = new T[2], none = Array.Empty<T>();
        T zero = T.Zero, one = T.One, negative = T.CreateTruncating(-0.1), nan = T.NaN, infinity = T.PositiveInfinity;
        var unknown = (Activation)42;
        var cases = new List<(string What, Action Vector, Action Scalar)>
        {
            ("Forward, no samples", () => Dense.Forward<T>(six, two, three, six, 0), () => ScalarDense<T, TOps>.Forward(six, two, three, six, 0)),
            ("Forward, W too short", () => Dense.Forward<T>(three, two, three, six, 1), () => ScalarDense<T, TOps>.Forward(three, two, three, six, 1)),
            ("Forward, unknown activation", () => Dense.Forward<T>(six, two, three, two, 1, unknown, zero), () => ScalarDense<T, TOps>.Forward(six, two, three, two, 1, unknown, zero)),
            ("Forward, a too long", () => Dense.Forward<T>(six, two, three, three, 1, Activation.Tanh, zero), () => ScalarDense<T, TOps>.Forward(six, two, three, three, 1, Activation.Tanh, zero)),
            ("Forward keeping z, z too long", () => Dense.Forward<T>(six, two, three, three, two, 1, Activation.GELU, zero), () => ScalarDense<T, TOps>.Forward(six, two, three, three, two, 1, Activation.GELU, zero)),
            ("Forward keeping z, unknown activation", () => Dense.Forward<T>(six, two, three, two, two, 1, unknown, zero), () => ScalarDense<T, TOps>.Forward(six, two, three, two, two, 1, unknown, zero)),
            ("Apply, lengths differ", () => Dense.Apply<T>(three, two, Activation.ReLU, zero), () => ScalarDense<T, TOps>.Apply(three, two, Activation.ReLU, zero)),
            ("Apply, unknown activation", () => Dense.Apply<T>(three, unknown, zero), () => ScalarDense<T, TOps>.Apply(three, unknown, zero)),
            ("Softmax, no samples", () => Dense.Softmax<T>(six, 0), () => ScalarDense<T, TOps>.Softmax(six, 0)),
            ("Softmax, rows do not divide", () => Dense.Softmax<T>(six, 4), () => ScalarDense<T, TOps>.Softmax(six, 4)),
            ("Softmax, empty", () => Dense.Softmax<T>(none, 1), () => ScalarDense<T, TOps>.Softmax(none, 1)),
            ("MultiplyByDerivative, lengths differ", () => Dense.MultiplyByDerivative<T>(three, two, Activation.Tanh, zero), () => ScalarDense<T, TOps>.MultiplyByDerivative(three, two, Activation.Tanh, zero)),
            ("MultiplyByDerivative, softmax", () => Dense.MultiplyByDerivative<T>(three, three, Activation.Softmax, zero), () => ScalarDense<T, TOps>.MultiplyByDerivative(three, three, Activation.Softmax, zero)),
            ("MultiplyByDerivative, negative slope", () => Dense.MultiplyByDerivative<T>(three, three, Activation.LeakyReLU, negative), () => ScalarDense<T, TOps>.MultiplyByDerivative(three, three, Activation.LeakyReLU, negative)),
            ("MultiplyByDerivative, NaN slope", () => Dense.MultiplyByDerivative<T>(three, three, Activation.LeakyReLU, nan), () => ScalarDense<T, TOps>.MultiplyByDerivative(three, three, Activation.LeakyReLU, nan)),
            ("MultiplyByDerivative, unknown activation", () => Dense.MultiplyByDerivative<T>(three, three, unknown, zero), () => ScalarDense<T, TOps>.MultiplyByDerivative(three, three, unknown, zero)),
            ("AccumulateGradients, no samples", () => Dense.AccumulateGradients<T>(six, two, three, two, 0), () => ScalarDense<T, TOps>.AccumulateGradients(six, two, three, two, 0)),
            ("AccumulateGradients, δ too long", () => Dense.AccumulateGradients<T>(six, two, three, three, 1), () => ScalarDense<T, TOps>.AccumulateGradients(six, two, three, three, 1)),
            ("Transpose, no inputs", () => Dense.Transpose<T>(six, six, 0), () => ScalarDense<T, TOps>.Transpose(six, six, 0)),
            ("Transpose, inputs do not divide", () => Dense.Transpose<T>(six, six, 4), () => ScalarDense<T, TOps>.Transpose(six, six, 4)),
            ("Transpose, lengths differ", () => Dense.Transpose<T>(six, three, 3), () => ScalarDense<T, TOps>.Transpose(six, three, 3)),
            ("BackpropagateDelta, no samples", () => Dense.BackpropagateDelta<T>(six, two, three, three, 0), () => ScalarDense<T, TOps>.BackpropagateDelta(six, two, three, three, 0)),
            ("BackpropagateDelta, δ below too short", () => Dense.BackpropagateDelta<T>(six, two, three, two, 1), () => ScalarDense<T, TOps>.BackpropagateDelta(six, two, three, two, 1)),
            ("BackpropagateDelta, softmax", () => Dense.BackpropagateDelta<T>(six, two, three, three, 1, Activation.Softmax, zero), () => ScalarDense<T, TOps>.BackpropagateDelta(six, two, three, three, 1, Activation.Softmax, zero)),
            ("BackpropagateDelta, negative slope", () => Dense.BackpropagateDelta<T>(six, two, three, three, 1, Activation.LeakyReLU, negative), () => ScalarDense<T, TOps>.BackpropagateDelta(six, two, three, three, 1, Activation.LeakyReLU, negative)),
            ("BackpropagateDelta, W too short", () => Dense.BackpropagateDelta<T>(three, two, three, three, 1, Activation.ELU, one), () => ScalarDense<T, TOps>.BackpropagateDelta(three, two, three, three, 1, Activation.ELU, one)),
            ("BackpropagateDeltaTransposed, no samples", () => Dense.BackpropagateDeltaTransposed<T>(six, two, three, three, 0), () => ScalarDense<T, TOps>.BackpropagateDeltaTransposed(six, two, three, three, 0)),
            ("BackpropagateDeltaTransposed, W too short", () => Dense.BackpropagateDeltaTransposed<T>(three, two, three, three, 1), () => ScalarDense<T, TOps>.BackpropagateDeltaTransposed(three, two, three, three, 1)),
            ("BackpropagateDeltaTransposed, unknown activation", () => Dense.BackpropagateDeltaTransposed<T>(six, two, three, three, 1, unknown, zero), () => ScalarDense<T, TOps>.BackpropagateDeltaTransposed(six, two, three, three, 1, unknown, zero)),
            ("Descend, lengths differ", () => Dense.Descend<T>(six, three, one), () => ScalarDense<T, TOps>.Descend(six, three, one)),
            ("OutputDelta, lengths differ", () => Dense.OutputDelta<T>(three, two, three), () => ScalarDense<T, TOps>.OutputDelta(three, two, three)),
            ("OutputDelta, softmax output", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Softmax, zero), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Softmax, zero)),
            ("OutputDelta, unknown activation", () => Dense.OutputDelta<T>(three, three, three, one, unknown, zero), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, unknown, zero)),
            ("OutputDelta, negative slope", () => Dense.OutputDelta<T>(three, three, three, one, Activation.LeakyReLU, negative), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.LeakyReLU, negative)),
            ("OutputDelta, input too short", () => Dense.OutputDelta<T>(three, two, three, three, one, Activation.GELU, zero), () => ScalarDense<T, TOps>.OutputDelta(three, two, three, three, one, Activation.GELU, zero)),
            ("OutputDelta, cross-entropy", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Identity, zero, Loss.CrossEntropy, one), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Identity, zero, Loss.CrossEntropy, one)),
            ("OutputDelta, binary cross-entropy", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Identity, zero, Loss.BinaryCrossEntropy, one), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Identity, zero, Loss.BinaryCrossEntropy, one)),
            ("OutputDelta, unknown loss", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Identity, zero, (Loss)42, one), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Identity, zero, (Loss)42, one)),
            ("OutputDelta, Huber δ 0", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Identity, zero, Loss.Huber, zero), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Identity, zero, Loss.Huber, zero)),
            ("OutputDelta, Huber δ NaN", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Identity, zero, Loss.Huber, nan), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Identity, zero, Loss.Huber, nan)),
            ("OutputDelta, Huber δ ∞", () => Dense.OutputDelta<T>(three, three, three, three, one, Activation.ELU, one, Loss.Huber, infinity), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, three, one, Activation.ELU, one, Loss.Huber, infinity)),
            ("OutputDelta, softmax output of L1", () => Dense.OutputDelta<T>(three, three, three, one, Activation.Softmax, zero, Loss.L1, one), () => ScalarDense<T, TOps>.OutputDelta(three, three, three, one, Activation.Softmax, zero, Loss.L1, one)),
            ("SoftmaxCrossEntropy, no samples", () => Dense.SoftmaxCrossEntropy<T>(six, six, none, six, 0, one), () => ScalarDense<T, TOps>.SoftmaxCrossEntropy(six, six, none, six, 0, one)),
            ("SoftmaxCrossEntropy, empty", () => Dense.SoftmaxCrossEntropy<T>(none, none, none, none, 1, one), () => ScalarDense<T, TOps>.SoftmaxCrossEntropy(none, none, none, none, 1, one)),
            ("SoftmaxCrossEntropy, targets too short", () => Dense.SoftmaxCrossEntropy<T>(six, three, none, six, 2, one), () => ScalarDense<T, TOps>.SoftmaxCrossEntropy(six, three, none, six, 2, one)),
            ("SoftmaxCrossEntropy, probabilities too short", () => Dense.SoftmaxCrossEntropy<T>(six, six, three, six, 2, one), () => ScalarDense<T, TOps>.SoftmaxCrossEntropy(six, six, three, six, 2, one)),
            ("BinaryCrossEntropy, lengths differ", () => Dense.BinaryCrossEntropy<T>(three, two, three, one), () => ScalarDense<T, TOps>.BinaryCrossEntropy(three, two, three, one)),
        };

        foreach ((string what, Action vector, Action scalar) in cases)
        {
            Exception? expected = Record.Exception(vector);
            Exception? actual = Record.Exception(scalar);
            Assert.True(expected is not null, $"{what} ({typeof(T).Name}): the vector kernel accepts it");
            Assert.True(actual is not null, $"{what} ({typeof(T).Name}): the scalar kernel accepts it, the vector kernel throws {expected!.GetType().Name}: {expected.Message}");
            Assert.True(expected!.GetType() == actual!.GetType(), $"{what} ({typeof(T).Name}): {actual.GetType().Name} ({actual.Message}), the vector kernel's is {expected.GetType().Name} ({expected.Message})");
            Assert.Equal(expected.Message, actual.Message);
            Assert.Equal((expected as ArgumentException)?.ParamName, (actual as ArgumentException)?.ParamName);
        }
    }

    /// <summary>Every layer shape: inputs and outputs from <see cref="Sizes"/>, samples from <see cref="SampleCounts"/>.</summary>
    private static IEnumerable<(int Nin, int Nout, int Samples)> Shapes() =>
        from nin in Sizes
        from nout in Sizes
        from samples in SampleCounts
        select (nin, nout, samples);

    /// <summary>The activation's parameter as the loop shape passes it: LeakyReLU's slope, ELU's α, 0 for the others.</summary>
    private static T Slope<T>(Activation? activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.CreateTruncating(activation switch
        {
            Activation.LeakyReLU => 0.07,
            Activation.ELU => 1.3,
            _ => 0.0,
        });

    /// <summary>
    /// Values for a kernel's operands: mostly spread over [−scale, scale], with +0 and −0, and every thirteenth of a large
    /// magnitude (up to ±150, so that sums overflow exp and saturate the activations); where they fall depends on the seed,
    /// so the operands of one call have them in different places.
    /// </summary>
    private static T[] Values<T>(int length, int seed, double scale = 2.0)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random((seed * 7919) + length);
        var values = new T[length];
        for (int k = 0; k < length; k++)
        {
            double r = random.NextDouble() - 0.5;
            values[k] = T.CreateTruncating(((k + seed) % 11) switch
            {
                3 => 0.0,
                7 => -0.0,
                _ when (k + seed) % 13 == 5 => r * 300,
                _ => r * 2 * scale,
            });
        }

        return values;
    }

    private static readonly double[] Specials =
    {
        0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 0.84375, -0.84375, 0.84375 / 0.7071067811865476, 1.25, -1.25, 1.25 / 0.7071067811865476,
        1.0 / 0.35, -1.0 / 0.35, 6.0, -6.0, 6.0 / 0.7071067811865476, 8.5, -8.5, 1e-300, -1e-300, 5e-324, 1e-10, 20.0, -20.0, 88.5, -88.5,
        103.9, -103.9, 700.0, -700.0, 709.8, 710.0, -745.1, -746.0, -800.0, 1e300, -1e300, double.MaxValue, double.MinValue,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    };

    /// <summary>Specials (erf's and exp's boundaries among them), then values spread over [−800, 800] with more of them near 0.</summary>
    private static IEnumerable<double> Arguments(int seed, int count)
    {
        var random = new Random(seed);
        foreach (double x in Specials)
        {
            yield return x;
            yield return Math.BitIncrement(x);
            yield return Math.BitDecrement(x);
        }

        for (int k = 0; k < count; k++)
        {
            double scale = Math.Pow(10, (random.NextDouble() * 6) - 3);
            yield return (random.NextDouble() - 0.5) * 2 * Math.Min(800, scale);
        }
    }

    /// <summary>The same bits element by element (NaN counts as the same as any NaN), with where and what they are when not.</summary>
    private static void AssertBits<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            if (!Same(expected[k], actual[k]))
            {
                Assert.Fail($"{what}: element {k} of {expected.Length} is {actual[k]:R} in the scalar kernel, {expected[k]:R} in the vector kernel");
            }
        }
    }

    private static bool Same<T>(T x, T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (T.IsNaN(x) || T.IsNaN(y))
        {
            return T.IsNaN(x) && T.IsNaN(y);
        }

        return typeof(T) == typeof(double)
            ? BitConverter.DoubleToInt64Bits(double.CreateTruncating(x)) == BitConverter.DoubleToInt64Bits(double.CreateTruncating(y))
            : BitConverter.SingleToInt32Bits(float.CreateTruncating(x)) == BitConverter.SingleToInt32Bits(float.CreateTruncating(y));
    }

    private static void AssertSame(double expected, double actual, double x) =>
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual)),
            $"at {x:R}: {expected:R} from the lanes, {actual:R} from the scalar form");

    private static void AssertSame(float expected, float actual, float x) =>
        Assert.True(
            BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual)),
            $"at {x:R}: {expected:R} from the lanes, {actual:R} from the scalar form");
}
