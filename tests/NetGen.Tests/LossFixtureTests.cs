using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Reference;
using NetGen.Runtime;
using NetGen.Testing;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// NetGen's element-wise losses against PyTorch's own numbers (Fixtures/Torch/losses.json, written by losses.py with
/// torch in float64): <c>MSELoss</c>, <c>L1Loss</c> and <c>HuberLoss</c> with both reductions, their values and
/// gradients with respect to the outputs (reference loss classes and the runtime kernel), and the loss and parameter
/// gradient of a 3-4-2 network (the reference network, and generated networks unrolled, loop-shaped and in float).
/// Tolerances: 1e-12 relative in double (the same operations up to order and a multiplication by 1/N where torch
/// divides), 1e-5 relative to the largest gradient in float.
/// </summary>
public class LossFixtureTests
{
    private static readonly JsonElement Fixture = Load();

    public static IEnumerable<object[]> Cases() =>
        from loss in new[] { "MeanSquaredError", "L1", "Huber" }
        from reduction in new[] { "Sum", "Mean" }
        select new object[] { loss, reduction };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_reference_losses_and_the_kernel_give_torch_s_value_and_gradient(string loss, string reduction)
    {
        JsonElement c = Fixture.GetProperty("elementwise").EnumerateArray()
            .Single(e => e.GetProperty("loss").GetString() == loss && e.GetProperty("reduction").GetString() == reduction);
        double[][] y = Rows(c.GetProperty("y")), t = Rows(c.GetProperty("t")), expected = Rows(c.GetProperty("gradient"));
        double value = c.GetProperty("value").GetDouble();
        double delta = c.GetProperty("huberDelta").GetDouble();
        Loss kind = Enum.Parse<Loss>(loss);
        Reduction r = Enum.Parse<Reduction>(reduction);
        int samples = y.Length, outputs = y[0].Length;

        ILoss reference = kind switch
        {
            Loss.MeanSquaredError => new MeanSquaredErrorLoss(r),
            Loss.L1 => new L1Loss(r),
            _ => new HuberLoss(r, delta),
        };
        Matrix ym = Columns(y), tm = Columns(t);
        Equivalence.Close(value, reference.Forward(ym, tm), loss + " value", relative: 1e-12, floor: 1e-15);
        Matrix gradient = reference.Backward();
        for (int s = 0; s < samples; s++)
        {
            for (int j = 0; j < outputs; j++)
            {
                Equivalence.Close(expected[s][j], gradient[j, s], $"{loss} ∂L/∂y[{s}, {j}]", relative: 1e-12, floor: 1e-15);
            }
        }

        // The runtime kernel with an identity output: δ is ∂L/∂y.
        double[] yf = y.SelectMany(row => row).ToArray(), tf = t.SelectMany(row => row).ToArray();
        var d = new double[yf.Length];
        double scale = r == Reduction.Mean ? 1.0 / (samples * outputs) : 1.0;
        double kernel = Dense.OutputDelta<double>(yf, tf, d, scale, Activation.Identity, 0.0, kind, delta);
        Equivalence.Close(value, kernel, loss + " kernel value", relative: 1e-12, floor: 1e-15);
        Equivalence.AllClose(expected.SelectMany(row => row).ToArray(), d, loss + " kernel δ", relative: 1e-12, floor: 1e-15);

        // The corners torch puts in the batch: an error of 0 has gradient 0 (L1's sign, Huber's clamp, MSE's 2e).
        Assert.Equal(0.0, expected[0][0]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Networks_give_torch_s_loss_and_parameter_gradient(string loss, string reduction)
    {
        JsonElement networks = Fixture.GetProperty("networks");
        JsonElement c = networks.GetProperty("cases").EnumerateArray()
            .Single(e => e.GetProperty("loss").GetString() == loss && e.GetProperty("reduction").GetString() == reduction);
        int[] sizes = networks.GetProperty("sizes").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        double[] inputs = Values(networks.GetProperty("inputs"));
        double[] parameters = Values(networks.GetProperty("parameters"));
        double[] targets = Values(c.GetProperty("targets"));
        double[] expected = Values(c.GetProperty("gradient"));
        double value = c.GetProperty("value").GetDouble();
        var options = new ReferenceOptions
        {
            Hidden = Activation.Tanh,
            Output = Enum.Parse<Activation>(c.GetProperty("output").GetString()!),
            Loss = Enum.Parse<Loss>(loss),
            Reduction = Enum.Parse<Reduction>(reduction),
            HuberDelta = c.GetProperty("huberDelta").GetDouble(),
        };

        var doubles = new List<(string Name, INetwork Network)> { ("reference", new ReferenceNetwork(sizes, options)) };
        doubles.AddRange(Generated(loss, reduction));
        foreach ((string name, INetwork network) in doubles)
        {
            network.SetParameters(parameters);
            var g = new double[network.ParameterCount];
            double l = network.ComputeGradients(inputs, targets, g);
            Equivalence.Close(value, l, $"{name} {loss} {reduction} loss", relative: 1e-12, floor: 1e-15);
            Equivalence.AllClose(expected, g, $"{name} {loss} {reduction} gradient", relative: 1e-12, floor: 1e-14);
        }

        INetwork<float> single = GeneratedSingle(loss, reduction);
        single.SetParameters(Equivalence.ToSingle(parameters));
        var gf = new float[single.ParameterCount];
        float lf = single.ComputeGradients(Equivalence.ToSingle(inputs), Equivalence.ToSingle(targets), gf);
        Equivalence.Close(value, lf, $"float {loss} {reduction} loss", relative: 1e-5, floor: 1e-6);
        Equivalence.VectorClose(expected, Equivalence.ToDouble(gf), $"float {loss} {reduction} gradient", relative: 1e-5);
    }

    [Fact]
    public void The_networks_describe_their_loss_and_the_Huber_threshold()
    {
        Assert.Equal(Loss.Huber, new TorchHuberMean().Description.Loss);
        Assert.Equal(0.5, new TorchHuberMean().Description.HuberDelta);
        Assert.Equal(Reduction.Mean, new TorchL1Mean().Description.Reduction);
        Assert.Equal(1.0, new TorchL1Mean().Description.HuberDelta);
        Assert.Equal(new TorchHuberMean().Description, new TorchHuberMeanLoops().Description);
    }

    private static IEnumerable<(string, INetwork)> Generated(string loss, string reduction) => (loss, reduction) switch
    {
        ("MeanSquaredError", "Sum") => new (string, INetwork)[] { ("unrolled", new TorchMseSum()), ("loops", new TorchMseSumLoops()) },
        ("MeanSquaredError", _) => new (string, INetwork)[] { ("unrolled", new TorchMseMean()), ("loops", new TorchMseMeanLoops()) },
        ("L1", "Sum") => new (string, INetwork)[] { ("unrolled", new TorchL1Sum()), ("loops", new TorchL1SumLoops()) },
        ("L1", _) => new (string, INetwork)[] { ("unrolled", new TorchL1Mean()), ("loops", new TorchL1MeanLoops()) },
        (_, "Sum") => new (string, INetwork)[] { ("unrolled", new TorchHuberSum()), ("loops", new TorchHuberSumLoops()) },
        _ => new (string, INetwork)[] { ("unrolled", new TorchHuberMean()), ("loops", new TorchHuberMeanLoops()) },
    };

    private static INetwork<float> GeneratedSingle(string loss, string reduction) => (loss, reduction) switch
    {
        ("MeanSquaredError", "Sum") => new TorchMseSumSingle(),
        ("MeanSquaredError", _) => new TorchMseMeanSingle(),
        ("L1", "Sum") => new TorchL1SumSingle(),
        ("L1", _) => new TorchL1MeanSingle(),
        (_, "Sum") => new TorchHuberSumSingle(),
        _ => new TorchHuberMeanSingle(),
    };

    private static JsonElement Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Torch", "losses.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    private static double[] Values(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static double[][] Rows(JsonElement array) => array.EnumerateArray().Select(Values).ToArray();

    /// <summary>One column per sample, as the reference's losses take a batch.</summary>
    private static Matrix Columns(double[][] rows)
    {
        var m = new Matrix(rows[0].Length, rows.Length);
        for (int s = 0; s < rows.Length; s++)
        {
            for (int j = 0; j < rows[s].Length; j++)
            {
                m[j, s] = rows[s][j];
            }
        }

        return m;
    }
}
