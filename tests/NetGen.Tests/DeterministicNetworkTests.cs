using System;
using System.Reflection;
using NetGen.Reference;
using NetGen.Testing;
using NetGen.Tests.DeterministicNetworks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Networks declared <c>Deterministic = true</c>: the reference network's numbers (their exp and log are NetGen's own,
/// within two units in the last place of the platform's), and the same bits whichever path of the generated code
/// computes a sample (one at a time, in vector lanes, in the kernels' chunks), which the platform's exp does not give.
/// The same bits across machines and runtimes are the determinism check's (.ci/determinism).
/// </summary>
public class DeterministicNetworkTests
{
    public static TheoryData<Type> DoubleNetworks => new()
    {
        typeof(DeterministicAnd), typeof(DeterministicGeluSoftmaxUnrolled), typeof(DeterministicTanhEluUnrolled), typeof(DeterministicSiluLoops),
        typeof(DeterministicGeluTanhLoops), typeof(DeterministicStraightLoops),
    };

    private static bool IsLoopShaped(object network) =>
        network.GetType().GetField("__parameters", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    [Theory]
    [MemberData(nameof(DoubleNetworks))]
    public void A_deterministic_network_computes_what_the_reference_computes(Type type)
    {
        var generated = (INetwork)Activator.CreateInstance(type)!;
        var reference = new ReferenceNetwork(((IPersistentNetwork<double>)generated).Description, fusedMultiplyAdd: IsLoopShaped(generated));
        Equivalence.AssertSameParameters(reference, generated);
        Equivalence.AssertEquivalent(reference, generated, seed: type.Name.Length, learningRate: 0.05);
    }

    [Theory]
    [InlineData(typeof(DeterministicEluSiluGeluLoopsSingle))]
    [InlineData(typeof(DeterministicSiluUnrolledSingle))]
    public void A_deterministic_float_network_computes_what_the_reference_computes_within_float_rounding(Type type)
    {
        var generated = (INetwork<float>)Activator.CreateInstance(type)!;
        var reference = new ReferenceNetwork(((IPersistentNetwork<float>)generated).Description);
        Equivalence.AssertSingleClose(reference, generated, seed: 7, relative: 2e-4, learningRate: 0.05);
    }

    /// <summary>
    /// Predict on many samples takes the vector lanes of the unrolled shape (four samples a vector) or the kernels'
    /// chunks of the loop shape, whose element-wise functions run at every width and in the scalar tails; Forward on one
    /// sample takes the scalar path or one column of the kernels. A deterministic network gives the same bits either way.
    /// </summary>
    [Theory]
    [MemberData(nameof(DoubleNetworks))]
    public void Every_path_through_a_deterministic_network_gives_a_sample_the_same_bits(Type type)
    {
        var net = (INetwork)Activator.CreateInstance(type)!;
        var random = new NormalSampler(21);
        net.SetParameters(Equivalence.RandomValues(net.ParameterCount, ref random, 1.5));
        const int Samples = 45;
        double[] inputs = Equivalence.RandomValues(Samples * net.InputSize, ref random, 3.0);
        var batch = new double[Samples * net.OutputSize];
        net.Predict(inputs, batch);
        var one = new double[net.OutputSize];
        for (int s = 0; s < Samples; s++)
        {
            net.Forward(inputs.AsSpan(s * net.InputSize, net.InputSize), one);
            for (int j = 0; j < net.OutputSize; j++)
            {
                double inBatch = batch[(s * net.OutputSize) + j];
                Assert.True(BitConverter.DoubleToInt64Bits(one[j]) == BitConverter.DoubleToInt64Bits(inBatch),
                    $"{type.Name}, sample {s}, output {j}: Forward gives {one[j]:R}, Predict {inBatch:R}.");
            }
        }
    }

    [Fact]
    public void Predict_of_a_deterministic_float_network_gives_each_sample_the_bits_of_Forward()
    {
        var net = new DeterministicEluSiluGeluLoopsSingle();
        var random = new NormalSampler(8);
        net.SetParameters(Equivalence.ToSingle(Equivalence.RandomValues(DeterministicEluSiluGeluLoopsSingle.ParameterCount, ref random, 1.0)));
        float[] inputs = Equivalence.ToSingle(Equivalence.RandomValues(37 * 20, ref random, 3.0));
        var batch = new float[37 * 3];
        net.Predict(inputs, batch);
        var one = new float[3];
        for (int s = 0; s < 37; s++)
        {
            net.Forward(inputs.AsSpan(s * 20, 20), one);
            Assert.Equal(batch.AsSpan(s * 3, 3).ToArray(), one);
        }
    }

    /// <summary>The option changes only how exp and log are computed: a network and its deterministic twin agree within rounding.</summary>
    [Theory]
    [InlineData(typeof(DeterministicTanhEluUnrolled), typeof(PlatformTanhEluUnrolled))]
    [InlineData(typeof(DeterministicSiluLoops), typeof(PlatformSiluLoops))]
    public void A_deterministic_network_trains_as_its_twin_without_the_option_within_rounding(Type deterministic, Type platform)
    {
        var a = (INetwork)Activator.CreateInstance(deterministic)!;
        var b = (INetwork)Activator.CreateInstance(platform)!;
        Equivalence.AssertSameParameters(a, b);
        Equivalence.AssertEquivalent(a, b, seed: 3, learningRate: 0.05);
    }
}
