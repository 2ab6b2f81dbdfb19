using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Text;
using NetGen.Reference;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>
/// Hostile files, generated here from small valid ones: cut at every byte, every header byte flipped, sizes declared up
/// to 2^62, broken safetensors offsets and JSON, non-finite values, other topologies and precisions. Every one must be
/// an <see cref="InvalidDataException"/>, leave the network's parameters, optimizer state and learning rate equal to
/// before bit for bit, and allocate less than <see cref="AllocationLimit"/> bytes, whatever size the file declares.
/// </summary>
public class HostileFileTests
{
    private const long AllocationLimit = 4 << 20;
    private static readonly int[] Sizes = NetworkFileTests.Sizes;
    private readonly ITestOutputHelper _output;

    public HostileFileTests(ITestOutputHelper output) => _output = output;

    // ---- NetGen's network file ----

    [Fact]
    public void NetGen_file_truncated_at_every_byte()
    {
        byte[] file = ValidNetGenFile();
        int count = RejectAllNetGen(Enumerable.Range(0, file.Length).Select(n => ($"cut at {n}", file[..n])));
        Report("NetGen file, truncated at every byte (seekable and not)", count);
        Assert.Equal(2 * file.Length, count);
    }

    [Fact]
    public void NetGen_file_every_header_byte_flipped()
    {
        byte[] file = ValidNetGenFile();
        int header = NetworkFileTests.HeaderLength(file);
        int count = RejectAllNetGen(Flips(file, 0, header).Select(f => (f.Name, f.File)));
        Report($"NetGen file, each of the {header} header bytes flipped 9 ways (8 single bits, all bits)", count);
        Assert.Equal(2 * 9 * header, count);
        count = RejectAllNetGen(Enumerable.Range(header, file.Length - header).Select(k => ($"byte {k} inverted", Flip(file, k, 0xFF))));
        Report("NetGen file, each byte of the values and checksum inverted", count);
    }

    [Fact]
    public void NetGen_file_declaring_huge_sizes()
    {
        byte[] file = ValidNetGenFile();
        var cases = new List<(string, byte[])>
        {
            ("2^27 layer sizes", WithU32(file, 20, 1u << 27)),
            ("2^32 − 1 layer sizes", WithU32(file, 20, uint.MaxValue)),
            ("P = 2^62", NetworkFileTests.Rechecksum(WithU64(file, NetworkFileTests.HeaderLength(file) - 16, 1UL << 62))),
            ("S = 2^62", NetworkFileTests.Rechecksum(WithU64(file, NetworkFileTests.HeaderLength(file) - 8, 1UL << 62))),
            ("P = 2^64 − 1", WithU64(file, NetworkFileTests.HeaderLength(file) - 16, ulong.MaxValue)),
            ("40000-40000: 12.8 GB of values", Header(new uint[] { 40000, 40000 }, new byte[] { 0 }, 1_600_040_000, 2)),
            ("46340-46340 with Adam: 51 GB of values", Header(new uint[] { 46340, 46340 }, new byte[] { 0 }, 2_147_441_940, 2 + (2L * 2_147_441_940), optimizer: 1)),
            ("2^31 − 1 sizes: P overflows", Header(new uint[] { int.MaxValue, int.MaxValue, int.MaxValue }, new byte[] { 0, 0 }, 1, 2)),
            ("2^31 − 1 → 1: P beyond an array", Header(new uint[] { int.MaxValue, 1 }, new byte[] { 0 }, 1L << 31, 2)),
            ("size 2^32 − 1", Header(new uint[] { uint.MaxValue, 1 }, new byte[] { 0 }, 1, 2)),
        };
        int count = RejectAllNetGen(cases);
        Report("NetGen file, declared sizes up to 2^62 (seekable and not), each under 4 MB allocated", count);
        Assert.Equal(2 * cases.Count, count);
    }

    [Fact]
    public void NetGen_file_with_non_finite_or_invalid_values()
    {
        var net = new ReferenceNetwork(Sizes, NetworkFileTests.Adam);
        byte[] file = ValidNetGenFile();
        int header = NetworkFileTests.HeaderLength(file);
        int values = net.ParameterCount + net.OptimizerStateLength;
        var cases = new List<(string, byte[])>();
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            for (int k = 0; k < values; k++)
            {
                cases.Add(($"value {k} = {bad}", NetworkFileTests.WithDouble(file, header + (8 * k), bad)));
            }
        }

        int steps = header + (8 * net.ParameterCount);
        foreach (double bad in new[] { -1.0, 0.5, 1 << 24, 1e300 })
        {
            cases.Add(($"step count low part {bad}", NetworkFileTests.WithDouble(file, steps, bad)));
            cases.Add(($"step count high part {bad}", NetworkFileTests.WithDouble(file, steps + 8, bad)));
        }

        cases.Add(("step count 128 · 2^24", NetworkFileTests.WithDouble(file, steps + 8, 128)));
        for (int k = 0; k < net.ParameterCount; k++)
        {
            cases.Add(($"second moment {k} negative", NetworkFileTests.WithDouble(file, steps + (8 * (2 + net.ParameterCount + k)), -1e-9)));
        }

        int count = RejectAllNetGen(cases);
        Report("NetGen file, NaN, +∞ and −∞ in every parameter and state value; invalid step counts; negative second moments", count);
        Assert.Equal(2 * cases.Count, count);
    }

    [Fact]
    public void NetGen_file_of_another_topology_or_precision()
    {
        var others = new (int[] Sizes, ReferenceOptions Options)[]
        {
            (new[] { 3, 5, 2 }, NetworkFileTests.Adam),
            (new[] { 3, 4, 3 }, NetworkFileTests.Adam),
            (new[] { 4, 4, 2 }, NetworkFileTests.Adam),
            (new[] { 3, 4, 4, 2 }, NetworkFileTests.Adam),
            (new[] { 3, 2 }, NetworkFileTests.Adam),
            (Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01 }),
            (Sizes, new ReferenceOptions { Optimizer = Optimizer.AdamW, LearningRate = 0.01, Hidden = Activation.Tanh }),
            (Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01, Hidden = Activation.Tanh, Beta1 = 0.8 }),
            (Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01, Hidden = Activation.Tanh, Epsilon = 1e-6 }),
            (Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01, Hidden = Activation.Tanh, WeightDecay = 0.1 }),
            (Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy }),
            (Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01, Hidden = Activation.Tanh, Reduction = Reduction.Mean }),
            (Sizes, new ReferenceOptions { Momentum = 0.9 }),
            (Sizes, new ReferenceOptions()),
        };
        var cases = others.Select(o => ($"{o.Sizes.Length}", NetworkFileTests.Save(new ReferenceNetwork(o.Sizes, o.Options)))).ToList();
        cases.Add(("single precision", NetworkFileTests.Save(new SingleView(new ReferenceNetwork(Sizes, NetworkFileTests.Adam)))));
        int count = RejectAllNetGen(cases);

        // And the other way: the double file into a float network.
        var single = new SingleView(new ReferenceNetwork(Sizes, NetworkFileTests.Adam));
        var before = NetworkFileTests.Parameters(SingleInner(single));
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(single, new MemoryStream(ValidNetGenFile())));
        Assert.EndsWith("; Double, this network is 3-4-2 Tanh, Sigmoid; Square (Sum); Adam; Single.", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, NetworkFileTests.Parameters(SingleInner(single)));
        count++;
        Report("NetGen file, another topology, activation, loss, reduction, optimizer, hyper-parameter or precision", count);
    }

    [Fact]
    public void A_float_network_round_trips_through_the_file_exactly()
    {
        var first = new SingleView(new ReferenceNetwork(Sizes, NetworkFileTests.Adam));
        var file = NetworkFileTests.Save(first);
        Assert.Equal(NetworkFileTests.HeaderLength(file) + (4 * (26 + 54)) + 4, file.Length);
        var second = new SingleView(new ReferenceNetwork(Sizes, NetworkFileTests.OptionsFor("adam", seed: 3)));
        NetworkFile.Load(second, new MemoryStream(file));
        var a = new float[26];
        var b = new float[26];
        first.GetParameters(a);
        second.GetParameters(b);
        Assert.Equal(a, b);
    }

    // ---- safetensors ----

    [Theory]
    [InlineData(WeightLayout.PyTorch)]
    [InlineData(WeightLayout.Keras)]
    public void Safetensors_truncated_at_every_byte(WeightLayout layout)
    {
        byte[] file = ValidSafetensors(layout);
        int count = RejectAllSafetensors(Enumerable.Range(0, file.Length).Select(n => ($"cut at {n}", file[..n])), layout);
        Report($"safetensors ({layout}), truncated at every byte (seekable and not)", count);
        Assert.Equal(2 * file.Length, count);
    }

    [Theory]
    [InlineData(WeightLayout.PyTorch)]
    [InlineData(WeightLayout.Keras)]
    public void Safetensors_every_length_and_JSON_byte_flipped(WeightLayout layout)
    {
        byte[] file = ValidSafetensors(layout);
        int end = 8 + (int)BinaryPrimitives.ReadInt64LittleEndian(file);

        // The text of __metadata__'s key and value is free-form: a changed letter there is still a valid file.
        var freeText = new HashSet<int>();
        string json = Encoding.UTF8.GetString(file, 8, end - 8);
        foreach (string text in new[] { "\"format\"", "\"pt\"" })
        {
            int at = json.IndexOf(text, StringComparison.Ordinal);
            for (int k = 1; at >= 0 && k < text.Length - 1; k++)
            {
                freeText.Add(8 + at + k);
            }
        }

        int count = RejectAllSafetensors(Flips(file, 0, end).Where(c => !freeText.Contains(c.Byte)).Select(c => (c.Name, c.File)), layout);
        Report($"safetensors ({layout}), each of the {end} length and JSON bytes flipped 9 ways, less {freeText.Count} bytes of free-form metadata text", count);
        Assert.Equal(2 * 9 * (end - freeText.Count), count);
    }

    [Fact]
    public void Safetensors_declaring_huge_sizes()
    {
        byte[] valid = ValidSafetensors(WeightLayout.PyTorch);
        string huge = "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[1152921504606846976],\"data_offsets\":[0,4611686018427387904]}}";
        var cases = new List<(string, byte[])>
        {
            ("N = 2^62", WithU64(valid, 0, 1UL << 62)),
            ("N = 2^64 − 1", WithU64(valid, 0, ulong.MaxValue)),
            ("N = 100,000,001", WithU64(valid, 0, 100_000_001)),
            ("N = 99,999,999", WithU64(valid, 0, 99_999_999)),
            ("a 2^62-byte tensor", SafetensorsTests.Assemble(huge, new byte[16])),
            ("2^62 bytes declared after valid tensors", SafetensorsTests.Assemble(
                "{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[4,3],\"data_offsets\":[0,96]},\"x\":{\"dtype\":\"U8\",\"shape\":[4611686018427387808],\"data_offsets\":[96,4611686018427387904]}}", new byte[96])),
            ("shape overflows", SafetensorsTests.Assemble("{\"a\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296,4294967296],\"data_offsets\":[0,8]}}", new byte[8])),
            ("shape times dtype overflows", SafetensorsTests.Assemble("{\"a\":{\"dtype\":\"F64\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]}}", Array.Empty<byte>())),
            ("end 2^64 − 1", SafetensorsTests.Assemble("{\"a\":{\"dtype\":\"U8\",\"shape\":[18446744073709551615],\"data_offsets\":[0,18446744073709551615]}}", new byte[8])),
        };
        int count = RejectAllSafetensors(cases, WeightLayout.PyTorch);
        Report("safetensors, declared sizes up to 2^64 − 1 (seekable and not), each under 4 MB allocated", count);
        Assert.Equal(2 * cases.Count, count);
    }

    [Fact]
    public void Safetensors_with_bad_offsets()
    {
        string W(int b, int e) => $"\"0.weight\":{{\"dtype\":\"F64\",\"shape\":[4,3],\"data_offsets\":[{b},{e}]}}";
        string B(string name, int b, int e, int n = 4) => $"\"{name}\":{{\"dtype\":\"F64\",\"shape\":[{n}],\"data_offsets\":[{b},{e}]}}";
        string Rest(int at) => $",\"2.weight\":{{\"dtype\":\"F64\",\"shape\":[2,4],\"data_offsets\":[{at},{at + 64}]}}," + B("2.bias", at + 64, at + 80, 2);
        var cases = new List<(string, byte[])>
        {
            ("overlapping", Make("{" + W(0, 96) + "," + B("0.bias", 64, 96) + Rest(96) + "}", 176)),
            ("gap", Make("{" + W(0, 96) + "," + B("0.bias", 104, 136) + Rest(136) + "}", 216)),
            ("not from 0", Make("{" + W(8, 104) + "," + B("0.bias", 104, 136) + Rest(136) + "}", 216)),
            ("begin after end", Make("{" + W(96, 0) + "," + B("0.bias", 96, 128) + Rest(128) + "}", 208)),
            ("same range twice", Make("{" + W(0, 96) + "," + B("0.bias", 0, 96, 12) + Rest(96) + "}", 176)),
            ("end beyond the file", Make("{" + W(0, 96) + "," + B("0.bias", 96, 128) + Rest(128) + "}", 200)),
            ("bytes after the last tensor", Make("{" + W(0, 96) + "," + B("0.bias", 96, 128) + Rest(128) + "}", 216)),
            ("range shorter than the shape", Make("{" + W(0, 88) + "," + B("0.bias", 88, 120) + Rest(120) + "}", 200)),
            ("range longer than the shape", Make("{" + W(0, 104) + "," + B("0.bias", 104, 136) + Rest(136) + "}", 216)),
            ("three offsets", Make("{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[4,3],\"data_offsets\":[0,96,96]}," + B("0.bias", 96, 128) + Rest(128) + "}", 208)),
            ("one offset", Make("{\"0.weight\":{\"dtype\":\"F64\",\"shape\":[4,3],\"data_offsets\":[96]}," + B("0.bias", 96, 128) + Rest(128) + "}", 208)),
        };
        int count = RejectAllSafetensors(cases, WeightLayout.PyTorch);
        Report("safetensors, overlapping, gapped, out-of-range or miscounted offsets", count);
        Assert.Equal(2 * cases.Count, count);

        // The same tensors with correct offsets load: the cases above differ only in what they test.
        var net = new ReferenceNetwork(Sizes);
        Safetensors.Import(net, new MemoryStream(Make("{" + W(0, 96) + "," + B("0.bias", 96, 128) + Rest(128) + "}", 208)), WeightLayout.PyTorch);
    }

    [Fact]
    public void Safetensors_with_malformed_JSON()
    {
        string ok = "\"0.weight\":{\"dtype\":\"F64\",\"shape\":[4,3],\"data_offsets\":[0,96]},\"0.bias\":{\"dtype\":\"F64\",\"shape\":[4],\"data_offsets\":[96,128]},\"2.weight\":{\"dtype\":\"F64\",\"shape\":[2,4],\"data_offsets\":[128,192]},\"2.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[192,208]}";
        string[] headers =
        {
            string.Empty, "{", "}", "[]", "null", "\"text\"", " {" + ok + "}", "{" + ok + ",}", "{" + ok + "}{}", "{" + ok + "} x",
            "{" + ok + ",\"__metadata__\":[]}", "{" + ok + ",\"__metadata__\":{\"a\":1}}", "{" + ok + ",\"__metadata__\":{\"a\":\"b\",\"a\":\"c\"}}",
            "{" + ok + ",\"__metadata__\":{},\"__metadata__\":{}}", "{" + ok + ",\"0.bias\":{\"dtype\":\"F64\",\"shape\":[4],\"data_offsets\":[96,128]}}",
            "{" + ok.Replace("\"shape\":[4,3]", "\"shape\":[4,-3]", StringComparison.Ordinal) + "}",
            "{" + ok.Replace("\"shape\":[4,3]", "\"shape\":[4,3.0]", StringComparison.Ordinal) + "}",
            "{" + ok.Replace("\"shape\":[4,3]", "\"shape\":[4,\"3\"]", StringComparison.Ordinal) + "}",
            "{" + ok.Replace("\"shape\":[4,3]", "\"shape\":4", StringComparison.Ordinal) + "}",
            "{" + ok.Replace("\"shape\":[4,3],", string.Empty, StringComparison.Ordinal) + "}",
            "{" + ok.Replace("\"dtype\":\"F64\",\"shape\":[4,3]", "\"shape\":[4,3]", StringComparison.Ordinal) + "}",
            "{" + ok.Replace("\"dtype\":\"F64\",\"shape\":[4,3]", "\"dtype\":\"F64\",\"dtype\":\"F64\",\"shape\":[4,3]", StringComparison.Ordinal) + "}",
            "{" + ok.Replace("\"dtype\":\"F64\",\"shape\":[4,3]", "\"dtype\":\"F64\",\"extra\":1,\"shape\":[4,3]", StringComparison.Ordinal) + "}",
            "{" + ok.Replace("\"dtype\":\"F64\",\"shape\":[4,3]", "\"dtype\":64,\"shape\":[4,3]", StringComparison.Ordinal) + "}",
            "{" + ok.Replace("\"dtype\":\"F64\",\"shape\":[4,3]", "\"dtype\":\"float64\",\"shape\":[4,3]", StringComparison.Ordinal) + "}",
            "{" + ok + "/* comment */}", "{'0.weight':1}", "{" + ok.Replace("[0,96]", "[0,NaN]", StringComparison.Ordinal) + "}",
            "{\"0.weight\":" + new string('[', 100) + new string(']', 100) + "}",
            "{" + ok + ",\"0.weight\\u0000\":{}}",
        };
        var cases = headers.Select(h => (h.Length > 40 ? h[..40] : h, SafetensorsTests.Assemble(h, new byte[208]))).ToList();
        byte[] invalidUtf8 = SafetensorsTests.Assemble("{" + ok + ",\"__metadata__\":{\"a\":\"XX\"}}", new byte[208]);
        int x = Array.IndexOf(invalidUtf8, (byte)'X');
        invalidUtf8[x] = 0xC3;
        invalidUtf8[x + 1] = 0x28;
        cases.Add(("invalid UTF-8", invalidUtf8));
        int count = RejectAllSafetensors(cases, WeightLayout.PyTorch);
        Report("safetensors, malformed header JSON", count);
        Assert.Equal(2 * cases.Count, count);
    }

    [Fact]
    public void Safetensors_with_non_finite_values_another_topology_or_dtype()
    {
        byte[] file = ValidSafetensors(WeightLayout.PyTorch);
        int data = 8 + (int)BinaryPrimitives.ReadInt64LittleEndian(file);
        var cases = new List<(string, byte[])>();
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            for (int k = 0; k < 26; k++)
            {
                byte[] copy = (byte[])file.Clone();
                BinaryPrimitives.WriteDoubleLittleEndian(copy.AsSpan(data + (8 * k)), bad);
                cases.Add(($"element {k} = {bad}", copy));
            }
        }

        int nonFinite = RejectAllSafetensors(cases, WeightLayout.PyTorch);
        Report("safetensors, NaN, +∞ and −∞ in every element", nonFinite);
        Assert.Equal(2 * 78, nonFinite);

        var topologies = new[] { new[] { 3, 5, 2 }, new[] { 3, 4, 3 }, new[] { 4, 4, 2 }, new[] { 3, 4, 4, 2 }, new[] { 3, 2 }, new[] { 2, 3, 4 } }
            .Select(s => ("other topology", Export(new ReferenceNetwork(s), WeightLayout.PyTorch))).ToList();
        topologies.Add(("Keras file read as PyTorch", ValidSafetensors(WeightLayout.Keras)));
        int topology = RejectAllSafetensors(topologies, WeightLayout.PyTorch);
        topology += RejectAllSafetensors(new[] { ("PyTorch file read as Keras", ValidSafetensors(WeightLayout.PyTorch)) }, WeightLayout.Keras);
        Report("safetensors, another topology or layout", topology);

        string json = Encoding.UTF8.GetString(file, 8, data - 8);
        var dtypes = new List<(string, byte[])>();
        foreach (string dtype in new[] { "I64", "U64", "C64" })
        {
            dtypes.Add((dtype, SafetensorsTests.Assemble(json.Replace("F64", dtype, StringComparison.Ordinal).TrimEnd(' '), file[data..])));
        }

        foreach (string dtype in new[] { "I32", "U32", "F32" })
        {
            dtypes.Add((dtype + " of half the bytes", SafetensorsTests.Assemble(json.Replace("F64", dtype, StringComparison.Ordinal).TrimEnd(' '), file[data..])));
        }

        int precision = RejectAllSafetensors(dtypes, WeightLayout.PyTorch);

        // F64 values beyond float's range, into a float network.
        var single = new SingleView(new ReferenceNetwork(Sizes));
        for (int k = 0; k < 26; k++)
        {
            byte[] copy = (byte[])file.Clone();
            BinaryPrimitives.WriteDoubleLittleEndian(copy.AsSpan(data + (8 * k)), k % 2 == 0 ? 1e39 : -1e300);
            double[] before = NetworkFileTests.Parameters(SingleInner(single));
            Assert.Throws<InvalidDataException>(() => Safetensors.Import(single, new MemoryStream(copy), WeightLayout.PyTorch));
            Assert.Equal(before, NetworkFileTests.Parameters(SingleInner(single)));
            precision++;
        }

        Report("safetensors, integer or wrongly sized dtypes, and F64 values that overflow a float network", precision);
    }

    // ---- helpers ----

    private static byte[] ValidNetGenFile()
    {
        var net = new ReferenceNetwork(Sizes, NetworkFileTests.Adam);
        net.Train(NetworkFileTests.Inputs, NetworkFileTests.Targets, 3);
        return NetworkFileTests.Save(net);
    }

    private static byte[] ValidSafetensors(WeightLayout layout) => Export(new ReferenceNetwork(Sizes, new ReferenceOptions { Seed = 6 }), layout);

    private static byte[] Export(ReferenceNetwork net, WeightLayout layout)
    {
        var stream = new MemoryStream();
        Safetensors.Export(net, stream, layout);
        return stream.ToArray();
    }

    private static byte[] Make(string json, int dataLength) => SafetensorsTests.Assemble(json, new byte[dataLength]);

    /// <summary>Loads every case, seekable and not, into a trained network; each must be refused with nothing changed.</summary>
    private static int RejectAllNetGen(IEnumerable<(string Name, byte[] File)> cases)
    {
        var net = new ReferenceNetwork(Sizes, NetworkFileTests.Adam);
        net.Train(NetworkFileTests.Inputs, NetworkFileTests.Targets, 2);
        net.LearningRate = 0.02;
        int count = 0;
        foreach ((string name, byte[] file) in cases)
        {
            count += Reject(net, () => NetworkFile.Load(net, new MemoryStream(file)), name + ", seekable");
            count += Reject(net, () => NetworkFile.Load(net, new NonSeekableStream(file)), name + ", not seekable");
        }

        return count;
    }

    private static int RejectAllSafetensors(IEnumerable<(string Name, byte[] File)> cases, WeightLayout layout)
    {
        var net = new ReferenceNetwork(Sizes, NetworkFileTests.Adam);
        net.Train(NetworkFileTests.Inputs, NetworkFileTests.Targets, 2);
        int count = 0;
        foreach ((string name, byte[] file) in cases)
        {
            count += Reject(net, () => Safetensors.Import(net, new MemoryStream(file), layout), name + ", seekable");
            count += Reject(net, () => Safetensors.Import(net, new NonSeekableStream(file), layout), name + ", not seekable");
        }

        return count;
    }

    private static int Reject(ReferenceNetwork net, Action load, string name)
    {
        long[] parameters = NetworkFileTests.Bits(NetworkFileTests.Parameters(net));
        long[] state = NetworkFileTests.Bits(NetworkFileTests.State(net));
        long rate = BitConverter.DoubleToInt64Bits(net.LearningRate);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Exception? e = Record.Exception(load);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(e is InvalidDataException, $"{name}: {(e is null ? "accepted" : e.GetType().Name + ": " + e.Message)}");
        Assert.True(allocated < AllocationLimit, $"{name}: allocated {allocated:N0} bytes");
        Assert.Equal(parameters, NetworkFileTests.Bits(NetworkFileTests.Parameters(net)));
        Assert.Equal(state, NetworkFileTests.Bits(NetworkFileTests.State(net)));
        Assert.Equal(rate, BitConverter.DoubleToInt64Bits(net.LearningRate));
        return 1;
    }

    private static ReferenceNetwork SingleInner(SingleView view) =>
        (ReferenceNetwork)typeof(SingleView).GetField("_inner", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(view)!;

    /// <summary>Every byte in [from, to) changed 9 ways: each single bit, and all bits.</summary>
    private static IEnumerable<(string Name, byte[] File, int Byte)> Flips(byte[] file, int from, int to)
    {
        for (int k = from; k < to; k++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                yield return ($"byte {k} bit {bit}", Flip(file, k, (byte)(1 << bit)), k);
            }

            yield return ($"byte {k} inverted", Flip(file, k, 0xFF), k);
        }
    }

    private static byte[] Flip(byte[] file, int at, byte mask)
    {
        byte[] copy = (byte[])file.Clone();
        copy[at] ^= mask;
        return copy;
    }

    private static byte[] WithU32(byte[] file, int at, uint value)
    {
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at), value);
        return copy;
    }

    private static byte[] WithU64(byte[] file, int at, ulong value)
    {
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(at), value);
        return copy;
    }

    /// <summary>
    /// A NetGen file header written from docs/file-format.md's table (Sigmoid layers, square loss, the given
    /// optimizer with its defaults), a few values after it and a checksum: a valid start that declares far more.
    /// </summary>
    private static byte[] Header(uint[] sizes, byte[] activations, long parameters, long state, byte optimizer = 0)
    {
        int n = sizes.Length;
        int length = ((80 + (4 * n) + (n - 1) + 7) / 8 * 8) + 16;
        var file = new byte[length + 64 + 4];
        new byte[] { 0x89, (byte)'N', (byte)'e', (byte)'t', (byte)'G', (byte)'e', (byte)'n', (byte)'\n' }.CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), 1);
        file[15] = optimizer;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(20), (uint)n);
        double[] doubles = { 0.01, optimizer == 0 ? 0.1 : 0.001, 0, 0.9, 0.999, 1e-8, 0 };
        for (int k = 0; k < doubles.Length; k++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(file.AsSpan(24 + (8 * k)), doubles[k]);
        }

        for (int l = 0; l < n; l++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(80 + (4 * l)), sizes[l]);
        }

        activations.CopyTo(file, 80 + (4 * n));
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(length - 16), (ulong)parameters);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(length - 8), (ulong)state);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), Crc32.HashToUInt32(file.AsSpan(0, file.Length - 4)));
        return file;
    }

    private void Report(string category, int count) => _output.WriteLine($"{count,6}  {category}");
}
