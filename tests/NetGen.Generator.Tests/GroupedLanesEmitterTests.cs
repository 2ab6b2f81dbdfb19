using System.Linq;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Where the unrolled shape's lanes go four at a time: an exp-based activation's units in fours through the runtime's
/// four-vector form (the rest one by one), and the gradient's fold in fours, in double precision on the platform's exp
/// only. The numbers are the single forms' (the runtime's tests hold them equal bit for bit, and the generated networks
/// are checked against the reference network elsewhere); these tests check which code is written.
/// </summary>
public class GroupedLanesEmitterTests
{
    private static string Generated(string attribute)
    {
        GeneratorHarness.Run run = GeneratorHarness.Generate("namespace Samples;\n/// <summary>x</summary>\n" + attribute + "\npublic partial class Grouped { }");
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
        return run.Sources.Single(s => s.Key.Contains("Grouped")).Value;
    }

    [Fact]
    public void Five_sigmoid_units_go_four_in_one_call_and_one_alone()
    {
        string text = Generated("[NetGen.Network(2, 5, 1)]");
        Assert.Contains("__VectorActivations.Sigmoid(ref a1_0, ref a1_1, ref a1_2, ref a1_3);", text, System.StringComparison.Ordinal);
        Assert.Contains("var a1_4 = __VectorActivations.Sigmoid(", text, System.StringComparison.Ordinal);
        Assert.Contains("var a1_0 = __All(__w1_0_0) * x_0 + __All(__w1_1_0) * x_1 + __All(__b1_0);", text, System.StringComparison.Ordinal);

        // 2·5 + 5 + 5 + 1 = 21 parameters: five folds of four, the last alone.
        Assert.Contains("__LaneSums.Fold(g, 0, lw1_0_0, lw1_0_1, lw1_0_2, lw1_0_3);", text, System.StringComparison.Ordinal);
        Assert.Contains("__LaneSums.Fold(g, 16, lw2_1_0, lw2_2_0, lw2_3_0, lw2_4_0);", text, System.StringComparison.Ordinal);
        Assert.Contains("g[20] = __Vector256.Sum(lb2_0);", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ELU_keeps_z_and_passes_its_alpha_to_the_four_vector_form()
    {
        string text = Generated("[NetGen.Network(3, 4, 2, Hidden = NetGen.Activation.ELU, Output = NetGen.Activation.Identity, EluAlpha = 0.5)]");
        Assert.Contains("var z1_0 = ", text, System.StringComparison.Ordinal);
        Assert.Contains("var a1_0 = z1_0;", text, System.StringComparison.Ordinal);
        Assert.Contains("__VectorActivations.ELU(ref a1_0, ref a1_1, ref a1_2, ref a1_3, 0.5);", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Activations_without_exp_stay_one_call_per_unit()
    {
        string text = Generated("[NetGen.Network(2, 8, 1, Hidden = NetGen.Activation.ReLU, Output = NetGen.Activation.Identity)]");
        Assert.DoesNotContain("ref a1_0", text, System.StringComparison.Ordinal);
        Assert.Contains("__LaneSums.Fold(g, 0, ", text, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[NetGen.Network(2, 4, 1, Precision = NetGen.Precision.Single)]")]
    [InlineData("[NetGen.Network(2, 4, 1, Deterministic = true)]")]
    public void Single_precision_and_deterministic_networks_keep_the_single_forms(string attribute)
    {
        string text = Generated(attribute);
        Assert.Contains(" __BackpropagateLanes(inputs, targets, s, g", text, System.StringComparison.Ordinal);
        Assert.DoesNotContain("ref a1_0", text, System.StringComparison.Ordinal);
        Assert.DoesNotContain("__LaneSums", text, System.StringComparison.Ordinal);
        Assert.Contains("var a1_0 = __VectorActivations.Sigmoid(", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Every_activation_the_generator_groups_has_a_four_vector_form_in_its_home_and_no_other_has()
    {
        foreach (Emit.ActivationDescriptor activation in Emit.ActivationDescriptor.All)
        {
            System.Reflection.MethodInfo? four = typeof(global::NetGen.Runtime.VectorActivations).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.FlattenHierarchy)
                .SingleOrDefault(m => m.Name == activation.Kind.ToString() && m.GetParameters().Length >= 4
                    && m.GetParameters().Take(4).All(p => p.ParameterType == typeof(System.Runtime.Intrinsics.Vector256<double>).MakeByRefType()));
            Assert.True(activation.UsesExp == (four is not null), activation.Kind + (activation.UsesExp
                ? " is grouped by the generator (UsesExp) but its home has no four-vector form"
                : " has a four-vector form in its home that the generator never calls: set usesExp in its descriptor"));
        }
    }

    [Fact]
    public void The_NET_Standard_build_keeps_the_single_forms()
    {
        GeneratorHarness.Run run = GeneratorHarness.GenerateStandard("namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 4, 1)]\npublic partial class Grouped { }");
        string text = run.Sources.Single(s => s.Key.Contains("Grouped")).Value;
        Assert.DoesNotContain("ref a1_0", text, System.StringComparison.Ordinal);
        Assert.DoesNotContain("__LaneSums", text, System.StringComparison.Ordinal);
    }
}
