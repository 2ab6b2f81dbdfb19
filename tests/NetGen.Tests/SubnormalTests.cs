using System;
using System.Numerics;
using System.Reflection;
using NetGen.Reference;
using NetGen.Runtime;
using NetGen.Testing;
using NetGen.Tests.SubnormalNetworks;
using Xunit;
using static NetGen.Tests.KernelTestMath;

namespace NetGen.Tests;

/// <summary>
/// No optimizer stores a subnormal number: state and parameters below the smallest normal number become +0, in the
/// kernels at every vector width and precision, in generated networks of both shapes and in the reference network.
/// The expected values come from the update rules themselves: with a zero gradient and a decay of ½, Adam's moments,
/// RMSprop's square average and SGD's momentum halve exactly every step, so each step's value is known to the bit.
/// </summary>
public class SubnormalTests
{
    [Fact]
    public void FlushSubnormal_keeps_normal_numbers_and_turns_smaller_ones_into_positive_zero()
    {
        double smallestDouble = BitConverter.Int64BitsToDouble(1L << 52);
        float smallestSingle = BitConverter.Int32BitsToSingle(1 << 23);
        Assert.Equal(Arithmetic.SmallestNormalDouble, smallestDouble);
        Assert.Equal(Arithmetic.SmallestNormalSingle, smallestSingle);

        Assert.Equal(smallestDouble, Arithmetic.FlushSubnormal(smallestDouble));
        Assert.Equal(-smallestDouble, Arithmetic.FlushSubnormal(-smallestDouble));
        Assert.Equal(1.5, Arithmetic.FlushSubnormal(1.5));
        Assert.Equal(double.PositiveInfinity, Arithmetic.FlushSubnormal(double.PositiveInfinity));
        Assert.True(double.IsNaN(Arithmetic.FlushSubnormal(double.NaN)));
        AssertPositiveZero(Arithmetic.FlushSubnormal(double.BitDecrement(smallestDouble)));
        AssertPositiveZero(Arithmetic.FlushSubnormal(-double.Epsilon));
        AssertPositiveZero(Arithmetic.FlushSubnormal(-0.0));

        Assert.Equal(smallestSingle, Arithmetic.FlushSubnormal(smallestSingle));
        Assert.Equal(-2.5f, Arithmetic.FlushSubnormal(-2.5f));
        Assert.Equal(float.NegativeInfinity, Arithmetic.FlushSubnormal(float.NegativeInfinity));
        Assert.True(float.IsNaN(Arithmetic.FlushSubnormal(float.NaN)));
        AssertPositiveZero(Arithmetic.FlushSubnormal(float.BitDecrement(smallestSingle)));
        AssertPositiveZero(Arithmetic.FlushSubnormal(-float.Epsilon));
    }

    [Fact]
    public void Adam_moments_halve_to_the_smallest_normal_number_and_then_are_zero()
    {
        Adam<double>(decoupled: false);
        Adam<double>(decoupled: true);
        Adam<float>(decoupled: false);
        Adam<float>(decoupled: true);

        // β1 = β2 = ½ and g = 0: m ← g + (½ − 1)(g − m) = ½m and v ← ½v, both exact, so step s holds m₀ · 2⁻ˢ.
        static void Adam<T>(bool decoupled)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            foreach (int length in Lengths)
            {
                T[] m0 = Random<T>(length, 3), v0 = Random<T>(length, 4, 0.25, 1.0);
                T[] p = Random<T>(length, 5), m = (T[])m0.Clone(), v = (T[])v0.Clone();
                var g = new T[length];
                int steps = typeof(T) == typeof(float) ? 160 : 1100;
                for (int step = 1; step <= steps; step++)
                {
                    Dense.Adam<T>(p, g, m, v, 0.01, beta1: 0.5, beta2: 0.5, epsilon: 1e-8, weightDecay: 0.0, step: step, decoupled: decoupled);
                    for (int k = 0; k < length; k++)
                    {
                        Assert.Equal(Halved(m0[k], step), m[k]);
                        Assert.Equal(Halved(v0[k], step), v[k]);
                        AssertZeroOrNormal(p[k]);
                    }
                }

                Assert.All(m, value => Assert.Equal(T.Zero, value));
            }
        }
    }

    [Fact]
    public void RMSprop_and_SGD_buffers_halve_to_the_smallest_normal_number_and_then_are_zero()
    {
        Run<double>();
        Run<float>();

        static void Run<T>()
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            foreach (int length in Lengths)
            {
                T[] s0 = Random<T>(length, 6, 0.25, 1.0), b0 = Random<T>(length, 7);
                T[] p = Random<T>(length, 8), s = (T[])s0.Clone(), b = (T[])b0.Clone();
                T[] q = Random<T>(length, 9), c = (T[])b0.Clone();
                var g = new T[length];
                int steps = typeof(T) == typeof(float) ? 160 : 1100;
                for (int step = 1; step <= steps; step++)
                {
                    // RMSprop with α = ½ and μ = ½: s ← ½s; b ← ½b + 0/(√s + ε). SGD with μ = ½: b ← ½b + 0.
                    Dense.RMSprop<T>(p, g, s, b, 0.01, alpha: 0.5, epsilon: 1e-8, weightDecay: 0.0, momentum: 0.5);
                    Dense.Sgd<T>(q, g, c, 0.01, momentum: 0.5, nesterov: false, weightDecay: 0.0, firstStep: false);
                    for (int k = 0; k < length; k++)
                    {
                        Assert.Equal(Halved(s0[k], step), s[k]);
                        Assert.Equal(Halved(b0[k], step), b[k]);
                        Assert.Equal(Halved(b0[k], step), c[k]);
                        AssertZeroOrNormal(p[k]);
                        AssertZeroOrNormal(q[k]);
                    }
                }
            }
        }
    }

    [Fact]
    public void Adagrad_does_not_store_a_sum_of_subnormal_squares()
    {
        foreach (int length in Lengths)
        {
            // 1e-21² = 1e-42 is subnormal in float: the sum is flushed each step and stays 0, where unflushed it would
            // climb through the subnormals for hundreds of steps.
            float[] p = Random<float>(length, 10), s = new float[length], g = new float[length];
            Array.Fill(g, 1e-21f);
            for (int step = 1; step <= 50; step++)
            {
                Dense.Adagrad<float>(p, g, s, 0.01, epsilon: 1e-8, weightDecay: 0.0);
                Assert.All(s, value => AssertPositiveZero(value));
            }
        }
    }

    [Fact]
    public void A_parameter_below_the_smallest_normal_number_is_stored_as_zero_by_every_optimizer_with_state()
    {
        foreach (int length in Lengths)
        {
            float tiny = 3e-39f;
            float[] Tiny() => Enumerable(length, tiny);
            var g = new float[length];
            float[] p = Tiny();
            Dense.Adam<float>(p, g, new float[length], new float[length], 0.01, 0.9, 0.999, 1e-8, 0.0, step: 1, decoupled: false);
            Assert.All(p, value => AssertPositiveZero(value));
            p = Tiny();
            Dense.Adam<float>(p, g, new float[length], new float[length], 0.01, 0.9, 0.999, 1e-8, 0.01, step: 1, decoupled: true);
            Assert.All(p, value => AssertPositiveZero(value));
            p = Tiny();
            Dense.RMSprop<float>(p, g, new float[length], Span<float>.Empty, 0.01, 0.99, 1e-8, 0.0, 0.0);
            Assert.All(p, value => AssertPositiveZero(value));
            p = Tiny();
            Dense.Adagrad<float>(p, g, new float[length], 0.01, 1e-8, 0.0);
            Assert.All(p, value => AssertPositiveZero(value));
            p = Tiny();
            Dense.Sgd<float>(p, g, new float[length], 0.01, momentum: 0.9, nesterov: true, weightDecay: 0.0, firstStep: true);
            Assert.All(p, value => AssertPositiveZero(value));

            // Plain gradient descent keeps no state and nothing in it decays: it stores what it computes, as the tutorial's network always has.
            p = Tiny();
            Dense.Sgd<float>(p, g, Span<float>.Empty, 0.01, momentum: 0.0, nesterov: false, weightDecay: 0.0, firstStep: true);
            Assert.All(p, value => Assert.Equal(tiny, value));
        }

        static float[] Enumerable(int length, float value)
        {
            var values = new float[length];
            Array.Fill(values, value);
            return values;
        }
    }

    public static TheoryData<Type, int> DoubleNetworks => new()
    {
        { typeof(HalvingAdamUnrolled), 1100 },
        { typeof(HalvingRMSpropLoops), 1100 },
        { typeof(HalvingSgdLoops), 1100 },
    };

    /// <summary>
    /// An input that is 0 in every sample after the first few steps gives its weights a zero gradient: their state
    /// halves every step (decays of ½) into the subnormal range. The generated network and the reference network store
    /// 0 there, at the same steps, and never a subnormal number.
    /// </summary>
    [Theory]
    [MemberData(nameof(DoubleNetworks))]
    public void A_weight_whose_gradient_stays_zero_has_state_that_is_exactly_zero_or_normal_as_in_the_reference(Type type, int quietSteps)
    {
        var generated = (INetwork)Activator.CreateInstance(type)!;
        var persistent = (IPersistentNetwork<double>)generated;
        bool loops = type.GetField("__parameters", BindingFlags.NonPublic | BindingFlags.Instance) is not null;
        var reference = new ReferenceNetwork(persistent.Description, fusedMultiplyAdd: loops);
        var parameters = new double[generated.ParameterCount];
        generated.GetParameters(parameters);
        reference.SetParameters(parameters);

        var generatedState = new double[persistent.OptimizerStateLength];
        var referenceState = new double[reference.OptimizerStateLength];
        int zeros = 0;
        foreach ((double[] inputs, double[] targets, int steps) in Phases(generated.InputSize, generated.OutputSize, quietSteps))
        {
            for (int step = 0; step < steps; step++)
            {
                generated.TrainStep(inputs, targets);
                reference.TrainStep(inputs, targets);
                persistent.GetOptimizerState(generatedState);
                reference.GetOptimizerState(referenceState);
                for (int k = 0; k < generatedState.Length; k++)
                {
                    AssertZeroOrNormal(generatedState[k]);
                    AssertZeroOrNormal(referenceState[k]);
                    Assert.True(
                        (generatedState[k] == 0) == (referenceState[k] == 0),
                        $"state[{k}] after step {step + 1}: generated {generatedState[k]:R}, reference {referenceState[k]:R}");
                }
            }

            if (steps < quietSteps)
            {
                // After the first phase the parameters are the reference's; over the next thousand steps Adam's and
                // RMSprop's normalised steps (about ±lr each, whatever the gradient's size) amplify the rounding.
                var expected = new double[generated.ParameterCount];
                reference.GetParameters(expected);
                generated.GetParameters(parameters);
                Equivalence.AllClose(expected, parameters, "parameters", relative: 1e-9, floor: 1e-12);
            }
        }

        foreach (double value in generatedState)
        {
            zeros += value == 0 ? 1 : 0;
        }

        Assert.True(zeros > 0, "the quiet input's state never reached 0");
    }

    [Theory]
    [InlineData(typeof(HalvingAdamUnrolledSingle))]
    [InlineData(typeof(HalvingAdamLoopsSingle))]
    [InlineData(typeof(HalvingSgdUnrolledSingle))]
    public void A_float_network_never_stores_a_subnormal_number_in_its_optimizer_state(Type type)
    {
        var generated = (INetwork<float>)Activator.CreateInstance(type)!;
        var persistent = (IPersistentNetwork<float>)generated;
        var state = new float[persistent.OptimizerStateLength];
        var parameters = new float[generated.ParameterCount];
        foreach ((double[] inputs, double[] targets, int steps) in Phases(generated.InputSize, generated.OutputSize, quietSteps: 160))
        {
            float[] x = Array.ConvertAll(inputs, v => (float)v), t = Array.ConvertAll(targets, v => (float)v);
            for (int step = 0; step < steps; step++)
            {
                generated.TrainStep(x, t);
                persistent.GetOptimizerState(state);
                generated.GetParameters(parameters);
                Assert.All(state, value => AssertZeroOrNormal(value));
                Assert.All(parameters, value => AssertZeroOrNormal(value));
            }
        }

        Assert.Contains(state, value => value == 0);
    }

    /// <summary>Twenty steps on four samples of random inputs, then <paramref name="quietSteps"/> with input 0 at 0 in every sample.</summary>
    private static (double[] Inputs, double[] Targets, int Steps)[] Phases(int inputSize, int outputSize, int quietSteps)
    {
        const int Samples = 4;
        double[] inputs = Random<double>(Samples * inputSize, 11);
        double[] targets = Random<double>(Samples * outputSize, 12, 0.1, 0.9);
        double[] quiet = (double[])inputs.Clone();
        for (int s = 0; s < Samples; s++)
        {
            quiet[s * inputSize] = 0.0;
        }

        return new[] { (inputs, targets, 20), (quiet, targets, quietSteps) };
    }

    /// <summary><paramref name="start"/> · 2^−<paramref name="halvings"/>, flushed to +0 below the smallest normal number.</summary>
    private static T Halved<T>(T start, int halvings)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T value = T.ScaleB(start, -halvings);
        T smallest = typeof(T) == typeof(float) ? T.CreateTruncating(Arithmetic.SmallestNormalSingle) : T.CreateTruncating(Arithmetic.SmallestNormalDouble);
        return T.Abs(value) < smallest ? T.Zero : value;
    }

    private static void AssertZeroOrNormal<T>(T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
        Assert.True(T.IsZero(value) || T.IsNormal(value), $"{value} is subnormal");

    private static void AssertPositiveZero(double value) => Assert.Equal(0L, BitConverter.DoubleToInt64Bits(value));

    private static void AssertPositiveZero(float value) => Assert.Equal(0, BitConverter.SingleToInt32Bits(value));
}
