using System;
using System.Linq;
using NetGen.Reference;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The registry of activation homes: every <see cref="Activation"/> has exactly one home, which is its own, and what
/// has no home is refused everywhere the runtime reads an activation.
/// </summary>
public class ActivationRegistryTests
{
    [Fact]
    public void Every_activation_has_its_own_home()
    {
        foreach (Activation kind in Enum.GetValues<Activation>())
        {
            Assert.True(ActivationRegistry.IsKnown(kind), kind.ToString());
            ActivationHome home = Assert.IsAssignableFrom<ActivationHome>(ActivationRegistry.Find(kind));
            Assert.Equal(kind, home.Kind);
            Assert.Equal(kind, home.CreateReference(new ReferenceOptions()).Kind);
        }

        Assert.Equal(Enum.GetValues<Activation>(), ActivationRegistry.All.Select(home => home.Kind));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(42)]
    [InlineData(255)]
    public void A_value_without_a_home_is_refused(int value)
    {
        var kind = (Activation)value;
        Assert.False(ActivationRegistry.IsKnown(kind));
        Assert.Null(ActivationRegistry.Find(kind));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dense.MultiplyByDerivative<float>(new float[2], new float[2], kind, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => Dense.OutputDelta<double>(new double[2], new double[2], new double[2], 1.0, kind, 0.0));
        Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { 2, 1 }, new[] { kind }));
    }

    [Fact]
    public void Only_softmax_is_for_the_output_layer_alone_and_the_refusal_names_the_others()
    {
        Assert.Equal(new[] { Activation.Softmax }, ActivationRegistry.All.Where(home => home.OutputOnly).Select(home => home.Kind));
        var e = Assert.Throws<ArgumentException>(() => new ReferenceOptions { Hidden = Activation.Softmax }.Validate(2));
        Assert.Contains("Choose Sigmoid, Tanh, ReLU, LeakyReLU, Identity, GELU, SiLU or ELU for it.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_show_in_descriptions_for_LeakyReLU_and_ELU_only()
    {
        var description = new NetworkDescription(new[] { 2, 3, 3, 1 }, new[] { Activation.LeakyReLU, Activation.ELU, Activation.GELU }, leakySlope: 0.2, eluAlpha: 0.5);
        Assert.StartsWith("2-3-3-1 LeakyReLU(0.2), ELU(0.5), GELU; ", description.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            new[] { Activation.LeakyReLU, Activation.ELU },
            ActivationRegistry.All.Where(home => home.Parameter(description) is not null).Select(home => home.Kind));
    }
}
