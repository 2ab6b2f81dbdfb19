using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using NetGen.Reference;
using NetGen.Testing;
using NetGen.Tests.Large;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>The loop shape and single precision against the reference network.</summary>
public class LargeNetworkTests
{
    public static IEnumerable<object[]> DoubleLoopNetworks() => new[]
    {
        new object[] { typeof(Mnist) }, new object[] { typeof(OddLoops) }, new object[] { typeof(ManyParameters) }, new object[] { typeof(SmallLoops) },
        new object[] { typeof(MixedTail) }, new object[] { typeof(MixedHead) },
    };

    public static IEnumerable<object[]> SingleNetworks() => new[]
    {
        new object[] { typeof(MnistSingle) }, new object[] { typeof(AndSingle) }, new object[] { typeof(DeepSingle) },
        new object[] { typeof(MixedSingle) },
    };

    /// <summary>
    /// The reference for a generated type: loop-shaped networks (one parameter block) fuse their multiply-adds where
    /// the runtime library's build does (net10.0), so their reference does too; unrolled ones, and loop-shaped ones on
    /// the net8.0 build, round twice, as the default reference does.
    /// </summary>
    private static ReferenceNetwork ReferenceFor(Type type)
    {
        NetworkAttribute a = type.GetCustomAttribute<NetworkAttribute>()!;
        bool fused = IsLoopShaped(type) && RuntimeBuild.FusesMultiplyAdd;
        return new ReferenceNetwork(a.LayerSizes, a.LearningRate, a.Seed, a.Initializer, fusedMultiplyAdd: fused);
    }

    private static bool IsLoopShaped(Type type) => type.GetField("__parameters", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    [Fact]
    public void The_loop_shape_is_told_apart_from_the_unrolled_one()
    {
        Assert.True(IsLoopShaped(typeof(Mnist)));
        Assert.True(IsLoopShaped(typeof(SmallLoops)));
        Assert.False(IsLoopShaped(typeof(AndNet)));
    }

    /// <summary>The layers with straight-line methods, by name (__Forward{l} and __Backward{l}).</summary>
    private static string StraightLineMethods(Type type) => string.Join(" ", type
        .GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
        .Select(m => m.Name)
        .Where(n => n.StartsWith("__Forward", StringComparison.Ordinal) || n.StartsWith("__Backward", StringComparison.Ordinal))
        .OrderBy(n => n, StringComparer.Ordinal));

    [Theory]
    [InlineData(typeof(MixedTail), "__Forward2 __Forward3")]
    [InlineData(typeof(MixedHead), "__Backward1 __Backward2 __Forward1 __Forward2")]
    [InlineData(typeof(MixedSingle), "__Backward1 __Backward3 __Forward1 __Forward3")]
    [InlineData(typeof(Mnist), "")]
    [InlineData(typeof(SmallLoops), "")]
    [InlineData(typeof(Wide), "")]       // 40 → 3: more than 32 inputs
    [InlineData(typeof(WideInput), "")]  // 33 → 2: more than 32 inputs
    [InlineData(typeof(OddLoops), "")]   // 9 → 5: more than 4 units
    public void The_planner_gives_small_layers_of_a_loop_shaped_network_straight_line_code(Type type, string expected)
    {
        // Under Auto, Forward of layers of at most 32 inputs and 4 units (MixedTail's 6 → 3 and 3 → 1; training keeps
        // the kernels); under UnrolledLayers, both passes of the listed layers; none under Unroll = Never
        // (SmallLoops) or for large layers (Mnist).
        Assert.True(IsLoopShaped(type));
        Assert.Equal(expected, StraightLineMethods(type));
    }

    /// <summary>
    /// Straight-line layers compute the kernels' sums in the kernels' order with their rounding, so a network gives the
    /// same bits as its all-kernel twin: Forward, gradients on batches that take every δ path (1 and 3 samples read W's
    /// rows, 7 and 40 its transpose; 40 is two chunks), and the parameters after 20 training steps.
    /// </summary>
    [Theory]
    [InlineData(typeof(MixedTail), typeof(MixedTailKernels))]
    [InlineData(typeof(MixedHead), typeof(MixedHeadKernels))]
    [InlineData(typeof(MixedSingle), typeof(MixedSingleKernels))]
    public void Straight_line_layers_give_the_same_bits_as_the_kernels(Type straight, Type kernels)
    {
        if (straight == typeof(MixedSingle))
        {
            Equivalence.AssertSameBits((INetwork<float>)Activator.CreateInstance(straight)!, (INetwork<float>)Activator.CreateInstance(kernels)!);
        }
        else
        {
            Equivalence.AssertSameBits((INetwork<double>)Activator.CreateInstance(straight)!, (INetwork<double>)Activator.CreateInstance(kernels)!);
        }
    }



    [Theory]
    [MemberData(nameof(DoubleLoopNetworks))]
    public void Loop_shaped_network_matches_the_reference(Type type)
    {
        var generated = (INetwork)Activator.CreateInstance(type)!;
        ReferenceNetwork reference = ReferenceFor(type);
        Equivalence.AssertSameParameters(reference, generated);
        Equivalence.AssertEquivalent(reference, generated, seed: type.Name.Length);
    }

    [Theory]
    [MemberData(nameof(SingleNetworks))]
    public void Single_precision_network_matches_the_double_reference(Type type)
    {
        var generated = (INetwork<float>)Activator.CreateInstance(type)!;
        ReferenceNetwork reference = ReferenceFor(type);
        Assert.IsNotAssignableFrom<INetwork>(generated);

        // Same initialisation, rounded to float.
        var p0 = new double[reference.ParameterCount];
        var p1 = new float[generated.ParameterCount];
        reference.GetParameters(p0);
        generated.GetParameters(p1);
        Assert.Equal(Equivalence.ToSingle(p0), p1);

        // Float rounding is 2^-24 ≈ 6e-8 per operation; a sum of n terms carries up to about √n of those in practice
        // (784 inputs: ~2e-6), and 20 training steps compound it. 2e-4 of the largest value leaves a margin of ~50.
        Equivalence.AssertSingleClose(reference, generated, seed: 9, relative: 2e-4);
    }

    [Fact]
    public void The_single_precision_check_can_fail()
    {
        // A float network whose parameters differ in one weight by 1% is caught.
        var generated = new AndSingle();
        var reference = new ReferenceNetwork(new[] { 2, 4, 1 });
        var p = new float[AndSingle.ParameterCount];
        generated.GetParameters(p);
        NotCloseException failure = Assert.Throws<NotCloseException>(() =>
        {
            var wrong = new WrongByOnePercent(generated);
            Equivalence.AssertSingleClose(reference, wrong, seed: 9, relative: 2e-4);
        });

        // The outputs and gradients stay within the tolerance of a 1% change in one of 17 weights; the parameters after
        // training are where it shows, at the weight that was changed.
        Assert.StartsWith("float parameters after 20 steps[0] ", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Initializer.Xavier, 784, 128)]
    [InlineData(Initializer.He, 784, 128)]
    [InlineData(Initializer.StandardNormal, 784, 128)]
    public void Initializers_scale_the_first_layer(Initializer initializer, int fanIn, int fanOut)
    {
        var reference = new ReferenceNetwork(new[] { fanIn, fanOut, 10 }, initializer: initializer);
        var p = new double[reference.ParameterCount];
        reference.GetParameters(p);
        double[] w = p.Take(fanIn * fanOut).ToArray();
        double std = Math.Sqrt(w.Select(v => v * v).Average());
        double expected = initializer switch
        {
            Initializer.Xavier => Math.Sqrt(2.0 / (fanIn + fanOut)),
            Initializer.He => Math.Sqrt(2.0 / fanIn),
            _ => 1.0,
        };
        Assert.InRange(std / expected, 0.98, 1.02); // 100,352 draws: the standard error of the ratio is 0.2%
        Assert.All(p.Skip(fanIn * fanOut).Take(fanOut), b => Assert.Equal(0.0, b));
    }

    [Fact]
    public void Forward_is_safe_to_call_from_many_threads_at_once()
    {
        var nets = new INetwork[] { new Mnist(), new OddLoops(), new AndNet(), new Deep() };
        foreach (INetwork net in nets)
        {
            var random = new NormalSampler(21);
            const int samples = 64;
            double[] inputs = Equivalence.RandomValues(samples * net.InputSize, ref random, 1.0);
            var expected = new double[samples * net.OutputSize];
            for (int s = 0; s < samples; s++)
            {
                net.Forward(inputs.AsSpan(s * net.InputSize, net.InputSize), expected.AsSpan(s * net.OutputSize, net.OutputSize));
            }

            var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
            {
                var y = new double[net.OutputSize];
                for (int round = 0; round < 200; round++)
                {
                    int s = (round * 7 + thread * 13) % samples;
                    net.Forward(inputs.AsSpan(s * net.InputSize, net.InputSize), y);
                    if (!y.AsSpan().SequenceEqual(expected.AsSpan(s * net.OutputSize, net.OutputSize)))
                    {
                        failures.Add($"{net.GetType().Name}: thread {thread}, sample {s}");
                    }
                }
            });
            Assert.Empty(failures);
        }
    }

    [Fact]
    public void Loop_shaped_networks_allocate_nothing_after_construction()
    {
        var net = new Mnist();
        var single = new MnistSingle();
        var odd = new OddLoops();
        var random = new NormalSampler(4);
        const int n = 70; // more than two chunks of 32
        double[] x = Equivalence.RandomValues(n * 784, ref random, 1.0);
        double[] t = Equivalence.RandomValues(n * 10, ref random, 0.5);
        float[] xf = Equivalence.ToSingle(x);
        float[] tf = Equivalence.ToSingle(t);
        double[] xo = Equivalence.RandomValues(n * 70, ref random, 1.0);
        double[] to = Equivalence.RandomValues(n * 5, ref random, 0.5);
        var y = new double[n * 10];
        var yf = new float[n * 10];
        var yo = new double[n * 5];
        var g = new double[Mnist.ParameterCount];

        void Work()
        {
            net.Forward(x.AsSpan(0, 784), y.AsSpan(0, 10));
            net.Predict(x, y);
            net.ComputeGradients(x, t, g);
            net.TrainStep(x, t);
            net.Train(x, t, 2);
            single.Forward(xf.AsSpan(0, 784), yf.AsSpan(0, 10));
            single.Predict(xf, yf);
            single.TrainStep(xf, tf);
            odd.Predict(xo, yo);
            odd.TrainStep(xo, to);
        }

        Work();
        Work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Work();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>A float network with its first weight scaled by 1.01 whenever parameters are set.</summary>
    private sealed class WrongByOnePercent : INetwork<float>
    {
        private readonly INetwork<float> _inner;

        public WrongByOnePercent(INetwork<float> inner) => _inner = inner;

        public int InputSize => _inner.InputSize;

        public int OutputSize => _inner.OutputSize;

        public int ParameterCount => _inner.ParameterCount;

        public float LearningRate { get => _inner.LearningRate; set => _inner.LearningRate = value; }

        public void Forward(ReadOnlySpan<float> input, Span<float> output) => _inner.Forward(input, output);

        public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs) => _inner.Predict(inputs, outputs);

        public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients) => _inner.ComputeGradients(inputs, targets, gradients);

        public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => _inner.TrainStep(inputs, targets);

        public void GetParameters(Span<float> destination) => _inner.GetParameters(destination);

        public void SetParameters(ReadOnlySpan<float> source)
        {
            float[] copy = source.ToArray();
            copy[0] *= 1.01f;
            _inner.SetParameters(copy);
        }

        public float Train(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int iterations) => _inner.Train(inputs, targets, iterations);
    }
}
