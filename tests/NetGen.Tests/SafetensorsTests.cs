using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Reference;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Safetensors import and export in PyTorch's and Keras's layouts, against files written here by hand the way
/// <c>safetensors.torch.save_file(model.state_dict())</c> writes them; the byte-by-byte hostile corpus is in
/// <see cref="HostileFileTests"/>.
/// </summary>
public class SafetensorsTests
{
    private static readonly int[] Sizes = { 3, 4, 2 };

    [Theory]
    [InlineData(WeightLayout.PyTorch)]
    [InlineData(WeightLayout.Keras)]
    public void Export_then_import_gives_the_same_bits(WeightLayout layout)
    {
        var net = new ReferenceNetwork(Sizes, new ReferenceOptions { Seed = 4 });
        var stream = new MemoryStream();
        Safetensors.Export(net, stream, layout);
        var other = new ReferenceNetwork(Sizes, new ReferenceOptions { Seed = 5 });
        Safetensors.Import(other, new MemoryStream(stream.ToArray()), layout);
        Assert.Equal(NetworkFileTests.Bits(NetworkFileTests.Parameters(net)), NetworkFileTests.Bits(NetworkFileTests.Parameters(other)));
    }

    [Theory]
    [InlineData(WeightLayout.PyTorch)]
    [InlineData(WeightLayout.Keras)]
    public void Export_then_import_gives_the_same_bits_in_single_precision(WeightLayout layout)
    {
        var net = new SingleView(new ReferenceNetwork(Sizes, new ReferenceOptions { Seed = 4 }));
        var stream = new MemoryStream();
        Safetensors.Export(net, stream, layout);
        var other = new SingleView(new ReferenceNetwork(Sizes, new ReferenceOptions { Seed = 5 }));
        Safetensors.Import(other, new MemoryStream(stream.ToArray()), layout);
        var expected = new float[net.ParameterCount];
        var actual = new float[other.ParameterCount];
        net.GetParameters(expected);
        other.GetParameters(actual);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void An_nn_Sequential_state_dict_imports_without_names_and_transposed()
    {
        // nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Dropout(), nn.Linear(4, 2)): Linear modules 0 and 3, F32.
        float[] w0 = Enumerable.Range(0, 12).Select(k => k + 0.5f).ToArray(); // [4, 3]: w0[j * 3 + i]
        float[] b0 = { -1f, -2f, -3f, -4f };
        float[] w3 = Enumerable.Range(0, 8).Select(k => -k * 0.25f).ToArray(); // [2, 4]
        float[] b3 = { 7f, 8f };
        byte[] file = Build(
            ("3.bias", "F32", new long[] { 2 }, F32(b3)),
            ("0.weight", "F32", new long[] { 4, 3 }, F32(w0)),
            ("3.weight", "F32", new long[] { 2, 4 }, F32(w3)),
            ("0.bias", "F32", new long[] { 4 }, F32(b0)));
        var net = new ReferenceNetwork(Sizes);
        Safetensors.Import(net, new MemoryStream(file), WeightLayout.PyTorch);

        double[] p = NetworkFileTests.Parameters(net);
        var expected = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                expected.Add(w0[(j * 3) + i]);
            }
        }

        expected.AddRange(b0.Select(v => (double)v));
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                expected.Add(w3[(j * 4) + i]);
            }
        }

        expected.AddRange(b3.Select(v => (double)v));
        Assert.Equal(expected, p);
    }

    [Fact]
    public void Named_layers_Keras_kernels_and_half_precision_import()
    {
        var net = new ReferenceNetwork(Sizes);
        double[] values = Enumerable.Range(0, net.ParameterCount).Select(k => (k - 10) * 0.125).ToArray(); // exact in F16 and BF16
        byte[] half = Build(
            ("fc1.weight", "F16", new long[] { 4, 3 }, F16(Transpose(values[..12], 3, 4))),
            ("fc1.bias", "F16", new long[] { 4 }, F16(values[12..16])),
            ("fc2.weight", "BF16", new long[] { 2, 4 }, BF16(Transpose(values[16..24], 4, 2))),
            ("fc2.bias", "BF16", new long[] { 2 }, BF16(values[24..])));
        Safetensors.Import(net, new MemoryStream(half), WeightLayout.PyTorch, new[] { "fc1", "fc2" });
        Assert.Equal(values, NetworkFileTests.Parameters(net));

        var fresh = new ReferenceNetwork(Sizes);
        byte[] keras = Build(
            ("dense/kernel", "F64", new long[] { 3, 4 }, F64(values[..12])),
            ("dense/bias", "F64", new long[] { 4 }, F64(values[12..16])),
            ("dense_1/kernel", "F64", new long[] { 4, 2 }, F64(values[16..24])),
            ("dense_1/bias", "F64", new long[] { 2 }, F64(values[24..])));
        Safetensors.Import(fresh, new MemoryStream(keras), WeightLayout.Keras);
        Assert.Equal(values, NetworkFileTests.Parameters(fresh));
    }

    [Fact]
    public void The_export_is_what_the_reference_writer_writes()
    {
        var net = new ReferenceNetwork(new[] { 2, 1 });
        net.SetParameters(new[] { 1.0, 2.0, 3.0 });
        var stream = new MemoryStream();
        Safetensors.Export(net, stream, WeightLayout.PyTorch);
        byte[] file = stream.ToArray();
        long n = BinaryPrimitives.ReadInt64LittleEndian(file);
        Assert.Equal(0, n % 8);
        string json = Encoding.UTF8.GetString(file, 8, (int)n);
        Assert.Equal(
            "{\"__metadata__\":{\"format\":\"pt\"},\"0.weight\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[0,16]},\"0.bias\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}}",
            json.TrimEnd(' '));
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, Enumerable.Range(0, 3).Select(k => BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(8 + (int)n + (8 * k)))));
    }

    public static TheoryData<string, string> Misfits() => new()
    {
        { "missing", "the file has no tensor '2.bias' (layer 2 (4 → 2)'s bias, shape [2])." },
        { "extra", "the file holds tensor 'scale', which no layer of this network takes" },
        { "misshaped", "tensor '0.weight' has shape [3, 4]; layer 1 (3 → 4)'s weight; nn.Linear's weight is [out, in] needs [4, 3]." },
        { "wrongly typed", "tensor '2.bias' has dtype I64; NetGen imports F32, F64, F16 and BF16." },
        { "non-finite", "tensor '0.weight' element [1, 2] is NaN; every weight and bias must be finite." },
    };

    [Theory]
    [MemberData(nameof(Misfits))]
    public void A_tensor_that_does_not_fit_is_named_and_nothing_changes(string kind, string message)
    {
        var w0 = new double[12];
        if (kind == "non-finite")
        {
            w0[(1 * 3) + 2] = double.NaN;
        }

        var tensors = new List<(string, string, long[], byte[])>
        {
            ("0.weight", "F64", kind == "misshaped" ? new long[] { 3, 4 } : new long[] { 4, 3 }, F64(w0)),
            ("0.bias", "F64", new long[] { 4 }, F64(new double[4])),
            ("2.weight", "F64", new long[] { 2, 4 }, F64(new double[8])),
        };
        if (kind != "missing")
        {
            tensors.Add(("2.bias", kind == "wrongly typed" ? "I64" : "F64", new long[] { 2 }, new byte[16]));
        }

        if (kind == "extra")
        {
            tensors.Add(("scale", "F32", new long[] { 1 }, new byte[4]));
        }

        var net = new ReferenceNetwork(Sizes);
        long[] before = NetworkFileTests.Bits(NetworkFileTests.Parameters(net));
        string[]? prefixes = kind == "extra" ? new[] { "0", "2" } : null; // without them, 'scale' is not an nn.Sequential name
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Import(net, new MemoryStream(Build(tensors.ToArray())), WeightLayout.PyTorch, prefixes));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, NetworkFileTests.Bits(NetworkFileTests.Parameters(net)));
        if (kind == "extra")
        {
            e = Assert.Throws<InvalidDataException>(() => Safetensors.Import(net, new MemoryStream(Build(tensors.ToArray())), WeightLayout.PyTorch));
            Assert.StartsWith("tensor 'scale' is not named as in an nn.Sequential of Linear layers", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_double_too_large_for_a_float_network_is_refused()
    {
        var net = new SingleView(new ReferenceNetwork(Sizes));
        double[] values = new double[26];
        values[25] = 1e300;
        byte[] file = Build(
            ("0.weight", "F64", new long[] { 4, 3 }, F64(values[..12])),
            ("0.bias", "F64", new long[] { 4 }, F64(values[12..16])),
            ("2.weight", "F64", new long[] { 2, 4 }, F64(values[16..24])),
            ("2.bias", "F64", new long[] { 2 }, F64(values[24..])));
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Import(net, new MemoryStream(file), WeightLayout.PyTorch));
        Assert.Equal("tensor '2.bias' element [1] is 1E+300, which overflows Single; every weight and bias must be finite.", e.Message);
    }

    [Fact]
    public void Files_on_disk_are_written_atomically_and_read_back()
    {
        string path = NetworkFileTests.TempPath();
        try
        {
            var net = new ReferenceNetwork(Sizes, new ReferenceOptions { Seed = 8 });
            Safetensors.Export(net, path, WeightLayout.Keras, new[] { "hidden", "out" });
            var other = new ReferenceNetwork(Sizes);
            Safetensors.Import(other, path, WeightLayout.Keras, new[] { "hidden", "out" });
            Assert.Equal(NetworkFileTests.Parameters(net), NetworkFileTests.Parameters(other));
            var e = Assert.Throws<InvalidDataException>(() => Safetensors.Import(other, path, WeightLayout.Keras));
            Assert.StartsWith(path + ": the file has no tensor 'dense/kernel'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A safetensors file as the reference writer lays it out: tensors in the order given, header padded with spaces to 8.</summary>
    internal static byte[] Build(params (string Name, string Dtype, long[] Shape, byte[] Data)[] tensors)
    {
        var json = new StringBuilder("{");
        long offset = 0;
        foreach (var (name, dtype, shape, data) in tensors)
        {
            json.Append(json.Length > 1 ? "," : string.Empty)
                .Append('"').Append(name).Append("\":{\"dtype\":\"").Append(dtype).Append("\",\"shape\":[")
                .Append(string.Join(",", shape)).Append("],\"data_offsets\":[").Append(offset).Append(',').Append(offset + data.Length).Append("]}");
            offset += data.Length;
        }

        json.Append('}');
        return Assemble(json.ToString(), tensors.SelectMany(t => t.Data).ToArray());
    }

    /// <summary>The 8-byte length, the JSON padded with spaces to a multiple of 8, the data.</summary>
    internal static byte[] Assemble(string json, byte[] data)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        int padded = (header.Length + 7) / 8 * 8;
        var file = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        header.CopyTo(file, 8);
        file.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        data.CopyTo(file, 8 + padded);
        return file;
    }

    internal static byte[] F64(IEnumerable<double> values) => values.SelectMany(v => BitConverter.GetBytes(v)).ToArray();

    internal static byte[] F32(IEnumerable<float> values) => values.SelectMany(v => BitConverter.GetBytes(v)).ToArray();

    private static byte[] F16(IEnumerable<double> values) => values.SelectMany(v => BitConverter.GetBytes((Half)v)).ToArray();

    private static byte[] BF16(IEnumerable<double> values) =>
        values.SelectMany(v => BitConverter.GetBytes((ushort)(BitConverter.SingleToInt32Bits((float)v) >> 16))).ToArray();

    /// <summary>A row-major rows x columns matrix, transposed.</summary>
    private static double[] Transpose(double[] m, int rows, int columns)
    {
        var t = new double[m.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                t[(j * rows) + i] = m[(i * columns) + j];
            }
        }

        return t;
    }
}

/// <summary>
/// A single-precision view of a reference network, so that the file formats' float path is exercised until generated
/// float networks implement <see cref="IPersistentNetwork{T}"/>: values are rounded to float on the way out and
/// widened on the way in. <see cref="Predict"/> widens the inputs, predicts in double and rounds the outputs: with
/// parameters that are floats (<see cref="OnnxTests.RoundToSingle"/>) that is the float model computed almost exactly,
/// the reference that ONNX Runtime's float arithmetic is measured against.
/// </summary>
internal sealed class SingleView : IPersistentNetwork<float>
{
    private readonly ReferenceNetwork _inner;

    public SingleView(ReferenceNetwork inner) => _inner = inner;

    public NetworkDescription Description
    {
        get
        {
            NetworkDescription d = _inner.Description;
            return new NetworkDescription(
                d.LayerSizes, d.Activations, d.Loss, d.Reduction, d.Optimizer, (float)d.LearningRate, d.Momentum, d.Nesterov,
                d.Beta1, d.Beta2, d.Epsilon, d.WeightDecay, d.LeakySlope, Precision.Single, huberDelta: d.HuberDelta, alpha: d.Alpha, eluAlpha: d.EluAlpha);
        }
    }

    public int OptimizerStateLength => _inner.OptimizerStateLength;

    public int InputSize => _inner.InputSize;

    public int OutputSize => _inner.OutputSize;

    public int ParameterCount => _inner.ParameterCount;

    public float LearningRate
    {
        get => (float)_inner.LearningRate;
        set => _inner.LearningRate = value;
    }

    public void GetOptimizerState(Span<float> destination) => Narrow(_inner.GetOptimizerState, destination, OptimizerStateLength);

    public void SetOptimizerState(ReadOnlySpan<float> source) => _inner.SetOptimizerState(Widen(source));

    public void GetParameters(Span<float> destination) => Narrow(_inner.GetParameters, destination, ParameterCount);

    public void SetParameters(ReadOnlySpan<float> source) => _inner.SetParameters(Widen(source));

    public void Forward(ReadOnlySpan<float> input, Span<float> output) => Predict(input, output);

    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        var wide = new double[outputs.Length];
        _inner.Predict(Widen(inputs), wide);
        for (int k = 0; k < wide.Length; k++)
        {
            outputs[k] = (float)wide[k];
        }
    }

    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> gradients) => throw new NotSupportedException();

    public float TrainStep(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets) => throw new NotSupportedException();

    public float Train(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int iterations) => throw new NotSupportedException();

    private delegate void Getter(Span<double> destination);

    private static void Narrow(Getter get, Span<float> destination, int length)
    {
        var values = new double[length];
        get(values);
        for (int k = 0; k < values.Length; k++)
        {
            destination[k] = (float)values[k];
        }
    }

    private static double[] Widen(ReadOnlySpan<float> source)
    {
        var values = new double[source.Length];
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = source[k];
        }

        return values;
    }
}
