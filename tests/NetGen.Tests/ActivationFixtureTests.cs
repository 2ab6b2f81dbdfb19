using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Reference;
using NetGen.Runtime;
using NetGen.Tests.Networks;
using NetGen.Testing;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// GELU, SiLU and ELU (α = 0.8) against PyTorch's own numbers (<c>Fixtures/Torch/activations.json</c>, written by
/// <c>activations.py</c> with <c>nn.GELU()</c>, <c>nn.SiLU()</c>, <c>nn.ELU(alpha=0.8)</c> and autograd): each
/// function and its derivative over a sweep of z, and a 3-4-2 network with the activation in both layers, its outputs,
/// square loss and gradient for 5 samples, from the reference network and from generated networks (unrolled and loop
/// shape in double, within 1e-12 of torch's float64; unrolled in float, within 1e-5 of torch's float32).
/// </summary>
public class ActivationFixtureTests
{
    private const double DoubleRelative = 1e-12;

    private const double DoubleFloor = 1e-14;

    private const double SingleRelative = 1e-5;

    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Torch", "activations.json"))).RootElement);

    private static double[] Doubles(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static JsonElement Of(string kind) => Root.Value.GetProperty("activations").GetProperty(kind);

    private static double Alpha => Root.Value.GetProperty("eluAlpha").GetDouble();

    public static TheoryData<string> Kinds() => new() { "GELU", "SiLU", "ELU" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Values_and_derivatives_match_torch_over_a_sweep(string kind)
    {
        JsonElement sweep = Of(kind).GetProperty("sweep");
        double[] z = Doubles(sweep, "z"), value = Doubles(sweep, "value"), derivative = Doubles(sweep, "derivative");
        var reference = (ElementwiseActivation)(kind switch
        {
            "GELU" => new GELU(),
            "SiLU" => new SiLU(),
            _ => (NetGen.Reference.IActivation)new ELU(Alpha),
        });
        for (int k = 0; k < z.Length; k++)
        {
            (double v, double d) = kind switch
            {
                "GELU" => (VectorActivations.GELU(z[k]), VectorActivations.GELUBackward(1.0, z[k])),
                "SiLU" => (VectorActivations.SiLU(z[k]), VectorActivations.SiLUBackward(1.0, z[k])),
                _ => (VectorActivations.ELU(z[k], Alpha), VectorActivations.ELUBackward(1.0, z[k], Alpha)),
            };
            Equivalence.Close(value[k], v, $"{kind}({z[k]})", DoubleRelative, DoubleFloor);
            Equivalence.Close(derivative[k], d, $"{kind}'({z[k]})", DoubleRelative, DoubleFloor);
            double a = reference.Value(z[k]);
            Equivalence.Close(value[k], a, $"reference {kind}({z[k]})", DoubleRelative, DoubleFloor);
            Equivalence.Close(derivative[k], reference.Derivative(z[k], a), $"reference {kind}'({z[k]})", DoubleRelative, DoubleFloor);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_reference_network_matches_torch(string kind)
    {
        var activation = Enum.Parse<Activation>(kind);
        var reference = new ReferenceNetwork(new[] { 3, 4, 2 }, new ReferenceOptions { Hidden = activation, Output = activation, EluAlpha = Alpha });
        AssertMatches(kind, reference);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generated_double_networks_match_torch_in_both_shapes(string kind)
    {
        (INetwork unrolled, INetwork loops) = kind switch
        {
            "GELU" => ((INetwork)new TorchGelu(), (INetwork)new TorchGeluLoops()),
            "SiLU" => (new TorchSilu(), new TorchSiluLoops()),
            _ => (new TorchElu(), new TorchEluLoops()),
        };
        AssertMatches(kind, unrolled);
        AssertMatches(kind, loops);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generated_float_networks_match_torch_s_float32(string kind)
    {
        INetwork<float> net = kind switch
        {
            "GELU" => new TorchGeluSingle(),
            "SiLU" => new TorchSiluSingle(),
            _ => new TorchEluSingle(),
        };
        JsonElement single = Of(kind).GetProperty("single");
        net.SetParameters(Equivalence.ToSingle(Doubles(Root.Value, "parameters")));
        float[] inputs = Equivalence.ToSingle(Doubles(Root.Value, "inputs")), targets = Equivalence.ToSingle(Doubles(Root.Value, "targets"));
        var y = new float[10];
        net.Predict(inputs, y);
        Equivalence.AllClose(Doubles(single, "outputs"), Equivalence.ToDouble(y), kind + " float outputs", SingleRelative, SingleRelative);
        var g = new float[net.ParameterCount];
        float loss = net.ComputeGradients(inputs, targets, g);
        Equivalence.Close(single.GetProperty("loss").GetDouble(), loss, kind + " float loss", SingleRelative, SingleRelative);
        Equivalence.AllClose(Doubles(single, "gradient"), Equivalence.ToDouble(g), kind + " float gradient", SingleRelative, SingleRelative);
    }

    private static void AssertMatches(string kind, INetwork net)
    {
        JsonElement expected = Of(kind).GetProperty("double");
        net.SetParameters(Doubles(Root.Value, "parameters"));
        double[] inputs = Doubles(Root.Value, "inputs"), targets = Doubles(Root.Value, "targets");
        var y = new double[10];
        net.Predict(inputs, y);
        Equivalence.AllClose(Doubles(expected, "outputs"), y, kind + " outputs", DoubleRelative, DoubleFloor);
        var g = new double[net.ParameterCount];
        double loss = net.ComputeGradients(inputs, targets, g);
        Equivalence.Close(expected.GetProperty("loss").GetDouble(), loss, kind + " loss", DoubleRelative, DoubleFloor);
        Equivalence.AllClose(Doubles(expected, "gradient"), g, kind + " gradient", DoubleRelative, DoubleFloor);
    }
}
