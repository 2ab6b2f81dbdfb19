using System;
using System.Collections.Generic;
using System.Reflection;
using NetGen.Reference;
using NetGen.Testing;
using NetGen.Tests.FileScoped;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Every network compiled into this project against the reference network, number for number.</summary>
public class GeneratedVsReferenceTests
{
    public static IEnumerable<object[]> Networks() => new[]
    {
        new object[] { typeof(OneOne) }, new object[] { typeof(AndNet) }, new object[] { typeof(MazurNet) },
        new object[] { typeof(ThreeFiveTwo) }, new object[] { typeof(Deep) }, new object[] { typeof(Deeper) },
        new object[] { typeof(Wide) }, new object[] { typeof(WideInput) }, new object[] { typeof(Bottleneck) },
        new object[] { typeof(OneSevenOne) }, new object[] { typeof(Square) }, new object[] { typeof(Container.Nested) },
        new object[] { typeof(GlobalNet) }, new object[] { typeof(FileScopedNet) },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Generated_network_matches_the_reference(Type type)
    {
        NetworkAttribute attribute = type.GetCustomAttribute<NetworkAttribute>()!;
        var generated = (INetwork)Activator.CreateInstance(type)!;
        var reference = new ReferenceNetwork(attribute.LayerSizes, attribute.LearningRate, attribute.Seed);

        // Sizes come from the attribute: the generated constants must say the same.
        Assert.Equal(attribute.LayerSizes[0], generated.InputSize);
        Assert.Equal(attribute.LayerSizes[^1], generated.OutputSize);
        Assert.Equal(Topology.ParameterCount(attribute.LayerSizes), generated.ParameterCount);
        Assert.Equal(attribute.LearningRate, generated.LearningRate);

        // Same seed, same initial parameters, to the bit.
        Equivalence.AssertSameParameters(reference, generated);

        Equivalence.AssertEquivalent(reference, generated, seed: type.Name.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public void Seed_constructor_matches_the_reference_initialisation(int seed)
    {
        var generated = new Deep(seed);
        var reference = new ReferenceNetwork(new[] { 3, 6, 5, 4, 2 }, seed: seed);
        Equivalence.AssertSameParameters(reference, generated);
    }

    [Fact]
    public void Sizes_are_public_constants_and_interface_properties()
    {
        Assert.Equal(2, AndNet.InputSize);
        Assert.Equal(1, AndNet.OutputSize);
        Assert.Equal(17, AndNet.ParameterCount);
        INetwork net = new AndNet();
        Assert.Equal((2, 1, 17), (net.InputSize, net.OutputSize, net.ParameterCount));
        FieldInfo constant = typeof(AndNet).GetField(nameof(AndNet.ParameterCount))!;
        Assert.True(constant.IsLiteral);
    }

    [Fact]
    public void Members_are_usable_on_the_class_itself()
    {
        var net = new AndNet { LearningRate = 0.5 };
        double[] x = { 0, 0, 0, 1, 1, 0, 1, 1 };
        double[] t = { 0, 0, 0, 1 };
        double before = net.TrainStep(x, t);
        double after = net.TrainStep(x, t);
        Assert.Equal(0.5, net.LearningRate);
        Assert.True(after < before, $"one step at rate 0.5 should lower the loss: {before} then {after}");
    }

    [Fact]
    public void Train_returns_the_loss_of_the_last_step()
    {
        double[] x = { 0, 0, 0, 1, 1, 0, 1, 1 };
        double[] t = { 0, 0, 0, 1 };
        var a = new AndNet();
        var b = new AndNet();
        double last = 0;
        for (int i = 0; i < 25; i++)
        {
            last = a.TrainStep(x, t);
        }

        Assert.Equal(last, b.Train(x, t, 25));
        var pa = new double[AndNet.ParameterCount];
        var pb = new double[AndNet.ParameterCount];
        a.GetParameters(pa);
        b.GetParameters(pb);
        Assert.Equal(pa, pb);
    }
}
