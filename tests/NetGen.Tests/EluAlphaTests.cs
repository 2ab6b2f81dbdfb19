using System;
using System.IO;
using NetGen.Reference;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// <c>EluAlpha</c> in the run-time descriptions: checked with the same words as the generator's NG0038, shown and
/// compared only where a layer is ELU (as LeakySlope), and the activation bytes 6–8 of the file format.
/// </summary>
public class EluAlphaTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void An_alpha_that_is_not_finite_and_greater_than_0_is_refused(double alpha)
    {
        ArgumentException options = Assert.ThrowsAny<ArgumentException>(() =>
            new ReferenceNetwork(new[] { 2, 3, 1 }, new ReferenceOptions { Hidden = Activation.ELU, EluAlpha = alpha }));
        Assert.Contains("EluAlpha must be finite and greater than 0", options.Message, StringComparison.Ordinal);
        ArgumentException description = Assert.ThrowsAny<ArgumentException>(() =>
            new NetworkDescription(new[] { 2, 3, 1 }, new[] { Activation.ELU, Activation.Identity }, eluAlpha: alpha));
        Assert.Contains("EluAlpha must be finite and greater than 0", description.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alpha_counts_only_where_a_layer_is_ELU()
    {
        var elu = new NetworkDescription(new[] { 2, 3, 1 }, new[] { Activation.ELU, Activation.Identity }, eluAlpha: 0.5);
        Assert.Equal("2-3-1 ELU(0.5), Identity; Square (Sum); Sgd; Double", elu.ToString());
        Assert.Equal(0.5, elu.EluAlpha);
        Assert.NotEqual(elu, new NetworkDescription(new[] { 2, 3, 1 }, new[] { Activation.ELU, Activation.Identity }));
        Assert.Equal(elu, new NetworkDescription(new[] { 2, 3, 1 }, new[] { Activation.ELU, Activation.Identity }, eluAlpha: 0.5));

        var gelu = new NetworkDescription(new[] { 2, 3, 1 }, new[] { Activation.GELU, Activation.SiLU }, eluAlpha: 0.5);
        Assert.Equal(new NetworkDescription(new[] { 2, 3, 1 }, new[] { Activation.GELU, Activation.SiLU }), gelu);
        Assert.Equal("2-3-1 GELU, SiLU; Square (Sum); Sgd; Double", gelu.ToString());

        var reference = new ReferenceNetwork(new[] { 2, 3, 1 }, new ReferenceOptions { Hidden = Activation.ELU, EluAlpha = 0.5 });
        Assert.Equal(0.5, reference.Description.EluAlpha);
        Assert.Equal(0.5, ((ELU)reference.Layers[0].Activation).Alpha);
    }

    [Fact]
    public void Generated_networks_describe_their_alpha()
    {
        Assert.Equal(0.8, new TorchElu().Description.EluAlpha);
        Assert.Equal("3-4-2 ELU(0.8), ELU(0.8); Square (Sum); Sgd; Double", new TorchElu().Description.ToString());
        Assert.Equal(new[] { Activation.GELU, Activation.GELU }, new TorchGeluLoops().Description.Activations);
    }

    /// <summary>
    /// Format version 1 has no slot for α: a file reads back as α = 1, so an ELU network with another α is refused on
    /// load (the descriptions differ), never given the wrong α. Storing α needs version 2's hyper-parameter table.
    /// </summary>
    [Fact]
    public void An_alpha_other_than_1_is_saved_and_loaded_and_a_network_of_another_alpha_refuses_the_file()
    {
        var stream = new MemoryStream();
        var saved = new TorchElu();
        NetworkFile.Save(saved, stream);
        Assert.Equal(0.8, NetworkFile.ReadDescription(new MemoryStream(stream.ToArray())).EluAlpha);

        var loaded = new TorchElu();
        loaded.SetParameters(new double[TorchElu.ParameterCount]);
        NetworkFile.Load(loaded, new MemoryStream(stream.ToArray()));
        var p0 = new double[TorchElu.ParameterCount];
        var p1 = new double[TorchElu.ParameterCount];
        saved.GetParameters(p0);
        loaded.GetParameters(p1);
        Assert.Equal(p0, p1);

        var other = new ReferenceNetwork(new[] { 3, 4, 2 }, new ReferenceOptions { Hidden = Activation.ELU, Output = Activation.ELU });
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(other, new MemoryStream(stream.ToArray())));
        Assert.Contains("ELU(0.8), ELU(0.8)", e.Message, StringComparison.Ordinal);
        Assert.Contains("ELU(1), ELU(1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GELU_SiLU_and_ELU_networks_round_trip_through_a_file_as_their_activation_bytes()
    {
        foreach (Activation activation in new[] { Activation.GELU, Activation.SiLU, Activation.ELU })
        {
            var first = new ReferenceNetwork(new[] { 3, 4, 2 }, new ReferenceOptions { Hidden = activation, Output = activation, Seed = 5 });
            var stream = new MemoryStream();
            NetworkFile.Save(first, stream);
            byte[] bytes = stream.ToArray();
            Assert.Equal((byte)activation, bytes[24 + (4 * 3)]);
            Assert.Equal((int)activation, bytes[24 + (4 * 3) + 1]);

            var second = new ReferenceNetwork(new[] { 3, 4, 2 }, new ReferenceOptions { Hidden = activation, Output = activation, Seed = 9 });
            NetworkFile.Load(second, new MemoryStream(bytes));
            var p0 = new double[first.ParameterCount];
            var p1 = new double[first.ParameterCount];
            first.GetParameters(p0);
            second.GetParameters(p1);
            Assert.Equal(p0, p1);
        }
    }
}
