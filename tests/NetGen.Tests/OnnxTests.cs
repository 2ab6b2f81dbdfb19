using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using NetGen.Reference;
using Xunit;
using Proto = NetGen.OnnxSchema;

namespace NetGen.Tests;

/// <summary>
/// ONNX export, checked by running the models in ONNX Runtime's CPU provider and comparing with the networks' own
/// <see cref="INetwork{T}.Predict"/>, and by reading the written graph back with the same schema.
/// </summary>
/// <remarks>
/// <para>Tolerances, per output element e (the network's) against o (ONNX Runtime's): |o − e| ≤ tol · (1 + |e|), the
/// 1 + |e| because sigmoid, softmax and tanh outputs near 0 come out of a sum of order 1 or a saturating function and
/// carry an absolute, not a relative, rounding error.</para>
/// <para>Double, <see cref="DoubleTolerance"/> = 1e-12: the same operations in the same precision, where only the order
/// of Gemm's sums (ONNX Runtime blocks and vectorises them) and the library functions for exp and tanh differ. Each
/// differs by a few units of 2^−52 ≈ 2.2e-16 per operation, times fan-in ≤ 8 and at most 3 layers whose gains are of
/// order 1 to 10 here: below 1e-13, with headroom. A float computation of the same model misses it by 10^4 or more,
/// and so does a weight off by one part in 10^9 (both are tested).</para>
/// <para>Float, against the float model computed in double and rounded (<see cref="SingleView"/>): a float dot product
/// of length n is off by about √n · 2^−24 typically and n · 2^−24 at worst, and ONNX Runtime's vectorised sigmoid and
/// tanh are approximations good to a few float ulps. <see cref="SingleTolerance"/> allows 16 ulps (2^−24 each) times
/// √fan-in per layer, summed over the layers; against a generated float network, whose own float sums add as much
/// again, twice that.</para>
/// </remarks>
public class OnnxTests
{
    private const double DoubleTolerance = 1e-12;

    /// <summary>A double GELU: its erf runs in float in ONNX Runtime (no double Erf kernel), about 1e-7 of Φ, through three layers.</summary>
    private const double GeluDoubleTolerance = 1e-6;
    private const double Ulp = 1.0 / (1 << 24);
    private const int Batch = 9;
    private static readonly int[] Sizes = { 5, 7, 6, 4 };

    public static TheoryData<Activation, Activation> HiddenAndOutput()
    {
        var data = new TheoryData<Activation, Activation>();
        Activation[] elementwise =
        {
            Activation.Sigmoid, Activation.Tanh, Activation.ReLU, Activation.LeakyReLU, Activation.Identity, Activation.GELU, Activation.SiLU, Activation.ELU,
        };
        foreach (Activation hidden in elementwise)
        {
            foreach (Activation output in elementwise.Append(Activation.Softmax))
            {
                data.Add(hidden, output);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HiddenAndOutput))]
    public void A_double_network_runs_in_ONNX_Runtime_as_it_predicts(Activation hidden, Activation output)
    {
        ReferenceNetwork net = Network(hidden, output);
        double[] inputs = Inputs(net.InputSize);
        var expected = new double[Batch * net.OutputSize];
        net.Predict(inputs, expected);

        byte[] model = Export(net);
        double[] actual = Run(model, inputs, net.InputSize, net.OutputSize);

        // ONNX Runtime has no double Erf: a double GELU's erf goes through float there (see Onnx.AddErf).
        AssertClose(expected, actual, hidden == Activation.GELU || output == Activation.GELU ? GeluDoubleTolerance : DoubleTolerance);
    }

    [Theory]
    [MemberData(nameof(HiddenAndOutput))]
    public void A_float_network_runs_in_ONNX_Runtime_as_it_predicts(Activation hidden, Activation output)
    {
        var net = new SingleView(RoundToSingle(Network(hidden, output)));
        float[] inputs = Inputs(net.InputSize).Select(v => (float)v).ToArray();
        var expected = new float[Batch * net.OutputSize];
        net.Predict(inputs, expected);

        byte[] model = Export(net);
        float[] actual = Run(model, inputs, net.InputSize, net.OutputSize);

        AssertClose(Wide(expected), Wide(actual), SingleTolerance(Sizes));
    }

    [Fact]
    public void Generated_networks_export_through_a_description()
    {
        INetwork<double> deep = new Networks.Deep();
        var deepDescription = new NetworkDescription(new[] { 3, 6, 5, 4, 2 }, Enumerable.Repeat(Activation.Sigmoid, 4).ToArray());
        double[] inputs = Inputs(deep.InputSize);
        var expected = new double[Batch * deep.OutputSize];
        deep.Predict(inputs, expected);
        var stream = new MemoryStream();
        Onnx.Export(deep, deepDescription, stream);
        AssertClose(expected, Run(stream.ToArray(), inputs, deep.InputSize, deep.OutputSize), DoubleTolerance);

        // Fan-in 784 then 128 in float: the √fan-in of the float tolerance at work.
        INetwork<float> mnist = new Large.MnistSingle();
        int[] sizes = { 784, 128, 10 };
        var mnistDescription = new NetworkDescription(sizes, new[] { Activation.Sigmoid, Activation.Sigmoid }, precision: Precision.Single);
        var random = new Random(5);
        float[] pixels = Enumerable.Range(0, Batch * 784).Select(_ => (float)random.NextDouble()).ToArray();
        var predicted = new float[Batch * 10];
        mnist.Predict(pixels, predicted);
        stream = new MemoryStream();
        Onnx.Export(mnist, mnistDescription, stream);
        AssertClose(Wide(predicted), Wide(Run(stream.ToArray(), pixels, 784, 10)), 2 * SingleTolerance(sizes));
    }

    [Fact]
    public void The_graph_is_input_then_a_Gemm_and_an_activation_per_layer_then_output()
    {
        var net = new ReferenceNetwork(new[] { 4, 8, 8, 3 }, new ReferenceOptions
        {
            Activations = new[] { Activation.ReLU, Activation.Tanh, Activation.Softmax },
            Loss = Loss.CrossEntropy,
            Seed = 2,
        });
        byte[] bytes = Export(net);
        Proto.ModelProto model = Proto.ModelProto.Parser.ParseFrom(bytes);

        Assert.Equal(8, model.IrVersion);
        Assert.Equal(Onnx.IrVersion, model.IrVersion);
        Proto.OperatorSetIdProto opset = Assert.Single(model.OpsetImport);
        Assert.Equal(string.Empty, opset.Domain);
        Assert.Equal(17, opset.Version);
        Assert.Equal("NetGen", model.ProducerName);
        Assert.Equal("1.0.0", model.ProducerVersion);
        Assert.Equal(
            new[] { "Gemm layer1.gemm", "Relu layer1.relu", "Gemm layer2.gemm", "Tanh layer2.tanh", "Gemm layer3.gemm", "Softmax layer3.softmax" },
            model.Graph.Node.Select(n => n.OpType + " " + n.Name));
        Assert.Equal(
            new[] { "input,layer1.weight,layer1.bias>layer1.z", "layer1.z>layer1.a", "layer1.a,layer2.weight,layer2.bias>layer2.z", "layer2.z>layer2.a", "layer2.a,layer3.weight,layer3.bias>layer3.z", "layer3.z>output" },
            model.Graph.Node.Select(n => string.Join(',', n.Input) + ">" + string.Join(',', n.Output)));
        Assert.All(model.Graph.Node.Where(n => n.OpType == "Gemm"), gemm => Assert.Empty(gemm.Attribute)); // transB = 0: W is [in, out]
        Proto.AttributeProto axis = Assert.Single(model.Graph.Node.Single(n => n.OpType == "Softmax").Attribute);
        Assert.Equal(("axis", -1L), (axis.Name, axis.I));
        Assert.Equal(
            new[] { "layer1.weight [4, 8]", "layer1.bias [8]", "layer2.weight [8, 8]", "layer2.bias [8]", "layer3.weight [8, 3]", "layer3.bias [3]" },
            model.Graph.Initializer.Select(t => $"{t.Name} [{string.Join(", ", t.Dims)}]"));
        Assert.All(model.Graph.Initializer, t => Assert.Equal((int)Proto.TensorProto.Types.DataType.Double, t.DataType));
        Assert.Contains("layer 2 of 3 (8 → 8, Tanh)", model.Graph.Node[2].DocString, StringComparison.Ordinal);
        Assert.Contains("layer 3 of 3 (8 → 3, Softmax)", model.Graph.Initializer[4].DocString, StringComparison.Ordinal);

        using var session = new InferenceSession(bytes);
        NodeMetadata input = session.InputMetadata["input"];
        NodeMetadata output = session.OutputMetadata["output"];
        Assert.Equal(new[] { "input" }, session.InputMetadata.Keys);
        Assert.Equal(new[] { "output" }, session.OutputMetadata.Keys);
        Assert.Equal(typeof(double), input.ElementType);
        Assert.Equal(new[] { -1, 4 }, input.Dimensions);
        Assert.Equal("batch", input.SymbolicDimensions[0]);
        Assert.Equal(typeof(double), output.ElementType);
        Assert.Equal(new[] { -1, 3 }, output.Dimensions);
        Assert.Equal("batch", output.SymbolicDimensions[0]);
        Assert.Equal("NetGen", session.ModelMetadata.ProducerName);
        Assert.Equal(net.Description.ToString(), session.ModelMetadata.CustomMetadataMap["netgen.description"]);
    }

    [Fact]
    public void A_float_network_gives_a_FLOAT_model()
    {
        var net = new SingleView(new ReferenceNetwork(new[] { 3, 2 }));
        byte[] bytes = Export(net);
        Proto.ModelProto model = Proto.ModelProto.Parser.ParseFrom(bytes);
        Assert.All(model.Graph.Initializer, t => Assert.Equal((int)Proto.TensorProto.Types.DataType.Float, t.DataType));
        Assert.Equal((int)Proto.TensorProto.Types.DataType.Float, model.Graph.Input[0].Type.TensorType.ElemType);
        using var session = new InferenceSession(bytes);
        Assert.Equal(typeof(float), session.InputMetadata["input"].ElementType);
        Assert.Equal(typeof(float), session.OutputMetadata["output"].ElementType);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_initializers_are_the_parameters_bit_for_bit(bool single)
    {
        ReferenceNetwork reference = Network(Activation.Tanh, Activation.Sigmoid);
        byte[] expected;
        byte[] bytes;
        if (single)
        {
            var net = new SingleView(reference);
            var parameters = new float[net.ParameterCount];
            net.GetParameters(parameters);
            expected = MemoryMarshal.AsBytes(parameters.AsSpan()).ToArray();
            bytes = Export(net);
        }
        else
        {
            expected = MemoryMarshal.AsBytes(NetworkFileTests.Parameters(reference).AsSpan()).ToArray();
            bytes = Export(reference);
        }

        Proto.ModelProto model = Proto.ModelProto.Parser.ParseFrom(bytes);
        byte[] stored = model.Graph.Initializer.SelectMany(t => t.RawData.ToByteArray()).ToArray();
        Assert.True(BitConverter.IsLittleEndian); // raw_data is little-endian; so is the machine this compares on
        Assert.Equal(expected, stored);
    }

    [Fact]
    public void A_double_LeakyReLU_keeps_its_slope_in_double_and_a_float_one_is_LeakyRelu()
    {
        ReferenceNetwork net = Network(Activation.LeakyReLU, Activation.Identity);
        Proto.ModelProto model = Proto.ModelProto.Parser.ParseFrom(Export(net));
        Assert.Equal(
            new[] { "Gemm", "Greater", "Mul", "Where", "Gemm", "Greater", "Mul", "Where", "Gemm" },
            model.Graph.Node.Select(n => n.OpType));
        Proto.TensorProto slope = model.Graph.Initializer.Single(t => t.Name == "leaky_relu.slope");
        Assert.Empty(slope.Dims);
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.2), BitConverter.ToInt64(slope.RawData.ToByteArray()));
        Assert.Equal("output", model.Graph.Node.Last().Output.Single());

        Proto.ModelProto single = Proto.ModelProto.Parser.ParseFrom(Export(new SingleView(net)));
        Assert.Equal(new[] { "Gemm", "LeakyRelu", "Gemm", "LeakyRelu", "Gemm" }, single.Graph.Node.Select(n => n.OpType));
        Proto.AttributeProto alpha = Assert.Single(single.Graph.Node[1].Attribute);
        Assert.Equal(("alpha", 0.2f), (alpha.Name, alpha.F));
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.25)]
    public void A_double_LeakyRelu_node_would_round_the_slope_to_float(double slope)
    {
        ReferenceNetwork net = Network(Activation.LeakyReLU, Activation.Identity, slope);
        double[] inputs = Inputs(net.InputSize);
        var expected = new double[Batch * net.OutputSize];
        net.Predict(inputs, expected);
        Proto.ModelProto model = Proto.ModelProto.Parser.ParseFrom(Export(net));
        foreach (Proto.NodeProto where in model.Graph.Node.Where(n => n.OpType == "Where").ToList())
        {
            var leaky = new Proto.NodeProto { OpType = "LeakyRelu", Name = where.Name };
            leaky.Input.Add(where.Input[1]);
            leaky.Output.Add(where.Output[0]);
            leaky.Attribute.Add(new Proto.AttributeProto { Name = "alpha", Type = Proto.AttributeProto.Types.AttributeType.Float, F = (float)slope });
            model.Graph.Node[model.Graph.Node.IndexOf(where)] = leaky;
        }

        double worst = WorstRatio(expected, Run(model.ToByteArray(), inputs, net.InputSize, net.OutputSize), DoubleTolerance);
        Assert.Equal((float)slope == slope, worst <= 1);
    }

    [Fact]
    public void The_comparison_fails_for_a_float_model_of_a_double_network()
    {
        ReferenceNetwork net = Network(Activation.Tanh, Activation.Sigmoid);
        double[] inputs = Inputs(net.InputSize);
        var expected = new double[Batch * net.OutputSize];
        net.Predict(inputs, expected);

        float[] actual = Run(Export(new SingleView(net)), inputs.Select(v => (float)v).ToArray(), net.InputSize, net.OutputSize);

        Assert.True(WorstRatio(expected, Wide(actual), DoubleTolerance) > 1e3);
    }

    [Fact]
    public void The_comparison_fails_for_a_corrupted_initializer_or_a_transposed_weight()
    {
        ReferenceNetwork net = Network(Activation.Tanh, Activation.Identity);
        double[] inputs = Inputs(net.InputSize);
        var expected = new double[Batch * net.OutputSize];
        net.Predict(inputs, expected);
        byte[] bytes = Export(net);
        Assert.True(WorstRatio(expected, Run(bytes, inputs, net.InputSize, net.OutputSize), DoubleTolerance) <= 1);

        // One weight of layer 2 off by one part in 10^9.
        Proto.ModelProto model = Proto.ModelProto.Parser.ParseFrom(bytes);
        Proto.TensorProto weight = model.Graph.Initializer.Single(t => t.Name == "layer2.weight");
        double[] values = MemoryMarshal.Cast<byte, double>(weight.RawData.ToByteArray()).ToArray();
        values[3] *= 1 + 1e-9;
        weight.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        Assert.True(WorstRatio(expected, Run(model.ToByteArray(), inputs, net.InputSize, net.OutputSize), DoubleTolerance) > 10);

        // W read as [out, in]: for a square layer the shapes still fit, only the numbers are wrong.
        var square = new ReferenceNetwork(new[] { 5, 5, 3 }, new ReferenceOptions { Activations = new[] { Activation.Tanh, Activation.Identity }, Seed = 3 });
        expected = new double[Batch * 3];
        net = square;
        inputs = Inputs(5);
        net.Predict(inputs, expected);
        model = Proto.ModelProto.Parser.ParseFrom(Export(net));
        model.Graph.Node[0].Attribute.Add(new Proto.AttributeProto { Name = "transB", Type = Proto.AttributeProto.Types.AttributeType.Int, I = 1 });
        Assert.True(WorstRatio(expected, Run(model.ToByteArray(), inputs, 5, 3), DoubleTolerance) > 1e6);
    }

    [Fact]
    public void A_file_is_written_atomically_and_loads_by_path()
    {
        ReferenceNetwork net = Network(Activation.ReLU, Activation.Softmax);
        string directory = Path.Combine(Path.GetTempPath(), "netgen-onnx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "net.onnx");
            File.WriteAllText(path, "old");
            Onnx.Export(net, path);
            Assert.Equal(new[] { "net.onnx" }, Directory.GetFiles(directory).Select(Path.GetFileName));
            using var session = new InferenceSession(path);
            Assert.Equal("NetGen", session.ModelMetadata.ProducerName);

            var stream = new MemoryStream();
            Onnx.Export(net, stream);
            Assert.True(stream.CanWrite); // left open
            Assert.Equal(stream.ToArray(), File.ReadAllBytes(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_network_that_does_not_fit_its_description_or_is_not_finite_is_refused()
    {
        var net = new ReferenceNetwork(new[] { 3, 4, 2 });
        var stream = new MemoryStream();
        var single = new NetworkDescription(new[] { 3, 4, 2 }, new[] { Activation.Sigmoid, Activation.Sigmoid }, precision: Precision.Single);
        Assert.Contains("Single", Assert.Throws<ArgumentException>(() => Onnx.Export(net, single, stream)).Message, StringComparison.Ordinal);
        var other = new NetworkDescription(new[] { 3, 5, 2 }, new[] { Activation.Sigmoid, Activation.Sigmoid });
        Assert.Contains("3-5-2", Assert.Throws<ArgumentException>(() => Onnx.Export(net, other, stream)).Message, StringComparison.Ordinal);

        double[] parameters = NetworkFileTests.Parameters(net);
        parameters[9] = double.NaN;
        net.SetParameters(parameters);
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => Onnx.Export(net, stream));
        Assert.Contains("Parameter 9 (layer 1's weight from input 2 to unit 1) is NaN", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void More_than_one_protobuf_message_of_parameters_is_refused_before_they_are_read()
    {
        var description = new NetworkDescription(new[] { 16_384, 16_384 }, new[] { Activation.Identity });
        var huge = new Unreadable(description);
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => Onnx.Export(huge, description, new MemoryStream()));
        Assert.Contains("external-data", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The parameters rounded to float, so that the double network computes the float model.</summary>
    internal static ReferenceNetwork RoundToSingle(ReferenceNetwork net)
    {
        net.SetParameters(NetworkFileTests.Parameters(net).Select(v => (double)(float)v).ToArray());
        return net;
    }

    /// <summary>16 float ulps times √fan-in per layer, summed over the layers (see the class remarks).</summary>
    private static double SingleTolerance(int[] sizes) =>
        16 * Ulp * sizes.Take(sizes.Length - 1).Sum(fanIn => Math.Sqrt(fanIn));

    private static ReferenceNetwork Network(Activation hidden, Activation output, double leakySlope = 0.2) =>
        new(Sizes, new ReferenceOptions
        {
            Activations = new[] { hidden, hidden, output },
            Loss = output == Activation.Softmax ? Loss.CrossEntropy : Loss.Square,
            LeakySlope = leakySlope,
            EluAlpha = 0.7,
            Seed = 7,
        });

    private static double[] Inputs(int inputSize)
    {
        var random = new Random(11);
        return Enumerable.Range(0, Batch * inputSize).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
    }

    private static byte[] Export<T>(IPersistentNetwork<T> network)
        where T : unmanaged
    {
        var stream = new MemoryStream();
        Onnx.Export(network, stream);
        return stream.ToArray();
    }

    /// <summary>Runs the model on a batch in ONNX Runtime's CPU provider.</summary>
    private static T[] Run<T>(byte[] model, T[] inputs, int inputSize, int outputSize)
        where T : unmanaged
    {
        using var session = new InferenceSession(model);
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(inputs, new long[] { inputs.Length / inputSize, inputSize });
        using var options = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(options, new[] { "input" }, new[] { input }, new[] { "output" });
        T[] result = outputs[0].GetTensorDataAsSpan<T>().ToArray();
        Assert.Equal(new long[] { inputs.Length / inputSize, outputSize }, outputs[0].GetTensorTypeAndShape().Shape);
        return result;
    }

    private static double[] Wide(float[] values) => values.Select(v => (double)v).ToArray();

    /// <summary>The largest |o − e| / (tol · (1 + |e|)): at most 1 where the outputs agree.</summary>
    private static double WorstRatio(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int k = 0; k < expected.Length; k++)
        {
            double ratio = Math.Abs(actual[k] - expected[k]) / (tolerance * (1 + Math.Abs(expected[k])));
            worst = double.IsNaN(ratio) ? double.PositiveInfinity : Math.Max(worst, ratio);
        }

        return worst;
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        double worst = WorstRatio(expected, actual, tolerance);
        Assert.True(worst <= 1, $"ONNX Runtime's outputs differ from the network's by up to {worst:G3} times the tolerance {tolerance:G3} · (1 + |e|)");
    }

    /// <summary>A network too large for one ONNX file that must not be asked for its parameters.</summary>
    private sealed class Unreadable : INetwork<double>
    {
        private readonly NetworkDescription _description;

        public Unreadable(NetworkDescription description) => _description = description;

        public int InputSize => _description.LayerSizes[0];

        public int OutputSize => _description.LayerSizes[^1];

        public int ParameterCount => _description.ParameterCount;

        public double LearningRate { get; set; } = 0.1;

        public void GetParameters(Span<double> destination) => throw new InvalidOperationException("the parameters were read");

        public void SetParameters(ReadOnlySpan<double> source) => throw new NotSupportedException();

        public void Forward(ReadOnlySpan<double> input, Span<double> output) => throw new NotSupportedException();

        public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs) => throw new NotSupportedException();

        public double ComputeGradients(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Span<double> gradients) => throw new NotSupportedException();

        public double TrainStep(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets) => throw new NotSupportedException();

        public double Train(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int iterations) => throw new NotSupportedException();
    }
}
