using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Text;
using NetGen.Reference;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Format version 2's tables, written byte by byte from docs/file-format.md: a header with its hyper-parameters by
/// name loads in any order; an unknown, repeated, missing, malformed or out-of-range entry, or a named per-layer value
/// this version does not know, is rejected with a message that says which, and the network is left as it was.
/// </summary>
public class FileFormatVersion2Tests
{
    private static readonly (string Name, double Value)[] Defaults =
    {
        ("LearningRate", 0.1), ("Momentum", 0.0), ("Nesterov", 0.0), ("Beta1", 0.9), ("Beta2", 0.999),
        ("Epsilon", 1e-8), ("WeightDecay", 0.0), ("LeakySlope", 0.01), ("Alpha", 0.99), ("HuberDelta", 1.0), ("EluAlpha", 1.0),
        ("Dropout", 0.0),
    };

    /// <summary>
    /// A version-2 file of a 3-4-2 sigmoid network (square loss summed, plain SGD) with every parameter 0 and the step
    /// count 0: the fixed 24 bytes, the sizes and activations padded to 8, the tables, the counts, values and CRC-32.
    /// </summary>
    private static byte[] File(IEnumerable<(string Name, double Value)> table, IEnumerable<(string Name, double[] Values)>? layerValues = null, byte[]? rawName = null)
    {
        var entries = table.ToList();
        var layers = (layerValues ?? Array.Empty<(string, double[])>()).ToList();
        var bytes = new List<byte>();
        var header = new byte[24];
        new byte[] { 0x89, (byte)'N', (byte)'e', (byte)'t', (byte)'G', (byte)'e', (byte)'n', (byte)'\n' }.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(16), (ushort)entries.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(18), (ushort)layers.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(20), 3);
        bytes.AddRange(header);
        foreach (uint size in new uint[] { 3, 4, 2 })
        {
            bytes.AddRange(BitConverter.GetBytes(size));
        }

        bytes.AddRange(new byte[] { 0, 0, 0, 0 }); // two activations (Sigmoid), two bytes of padding to 40
        foreach ((string name, double value) in entries)
        {
            bytes.AddRange(Name(rawName ?? Encoding.ASCII.GetBytes(name)));
            bytes.AddRange(BitConverter.GetBytes(value));
        }

        foreach ((string name, double[] values) in layers)
        {
            bytes.AddRange(Name(Encoding.ASCII.GetBytes(name)));
            foreach (double value in values)
            {
                bytes.AddRange(BitConverter.GetBytes(value));
            }
        }

        bytes.AddRange(BitConverter.GetBytes(26UL));
        bytes.AddRange(BitConverter.GetBytes(2UL));
        bytes.AddRange(new byte[8 * (26 + 2)]);
        byte[] file = bytes.Concat(new byte[4]).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), Crc32.HashToUInt32(file.AsSpan(0, file.Length - 4)));
        return file;
    }

    private static byte[] Name(byte[] name)
    {
        var padded = new byte[16];
        name.AsSpan(0, Math.Min(16, name.Length)).CopyTo(padded);
        return padded;
    }

    private static ReferenceNetwork Network() => new(new[] { 3, 4, 2 }, new ReferenceOptions { Seed = 4 });

    private static IEnumerable<(string Name, double Value)> With(string name, double value) =>
        Defaults.Select(e => e.Name == name ? (name, value) : e);

    private static void Rejects(byte[] file, string message)
    {
        ReferenceNetwork net = Network();
        double[] before = NetworkFileTests.Parameters(net);
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new MemoryStream(file)));
        Assert.Equal(message, e.Message);
        Assert.Equal(before, NetworkFileTests.Parameters(net));
        Assert.Equal(0.1, net.LearningRate);
    }

    [Fact]
    public void A_file_written_from_the_documented_layout_loads_with_its_table_in_any_order()
    {
        ReferenceNetwork net = Network();
        NetworkFile.Load(net, new MemoryStream(File(With("LearningRate", 0.25))));
        Assert.Equal(0.25, net.LearningRate);
        Assert.All(NetworkFileTests.Parameters(net), p => Assert.Equal(0.0, p));

        net = Network();
        NetworkFile.Load(net, new MemoryStream(File(With("LearningRate", 0.5).Reverse())));
        Assert.Equal(0.5, net.LearningRate);
    }

    [Fact]
    public void Save_writes_version_2_with_every_hyper_parameter_by_name()
    {
        var net = new ReferenceNetwork(new[] { 3, 4, 2 }, new ReferenceOptions { Optimizer = Optimizer.RMSprop, Alpha = 0.8, Momentum = 0.5 });
        byte[] file = NetworkFileTests.Save(net);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8)));
        Assert.Equal(3, file[15]);
        Assert.Equal(Defaults.Length, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(16)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(18)));
        var names = new List<string>();
        for (int k = 0; k < Defaults.Length; k++)
        {
            names.Add(Encoding.ASCII.GetString(file, 40 + (24 * k), 16).TrimEnd('\0'));
        }

        Assert.Equal(Defaults.Select(e => e.Name), names);
        Assert.Equal(0.8, BitConverter.ToDouble(file, 40 + (24 * 8) + 16));
        Assert.Equal(0.5, BitConverter.ToDouble(file, 40 + (24 * 1) + 16));
        NetworkDescription read = NetworkFile.ReadDescription(new MemoryStream(file));
        Assert.Equal(net.Description, read);
    }

    /// <summary>
    /// Dropout was added to version 2's table after its first files: a file without the entry reads as Dropout 0 and
    /// loads into a network without dropout; one with the entry and a value out of range is refused.
    /// </summary>
    [Fact]
    public void A_version_2_file_written_before_Dropout_existed_reads_as_no_dropout()
    {
        byte[] file = File(Defaults.Where(e => e.Name != "Dropout"));
        Assert.Equal(0.0, NetworkFile.ReadDescription(new MemoryStream(file)).Dropout);
        ReferenceNetwork net = Network();
        NetworkFile.Load(net, new MemoryStream(file));
        Assert.All(NetworkFileTests.Parameters(net), p => Assert.Equal(0.0, p));

        Rejects(
            File(With("Dropout", 1.0)),
            "the file's description is invalid: Dropout, the probability of zeroing a hidden unit's output in a training step, must be at least 0 and below 1; got 1. Use a value such as 0.5, or 0 for none. (Parameter 'Dropout')");
    }

    [Fact]
    public void An_unknown_hyper_parameter_is_rejected() =>
        Rejects(
            File(Defaults.Append(("Gamma", 1.0))),
            $"the header's hyper-parameter {Defaults.Length} is Gamma, which this version of NetGen does not know (it knows {string.Join(", ", Defaults.Select(e => e.Name))}).");

    [Fact]
    public void A_hyper_parameter_given_twice_is_rejected() =>
        Rejects(File(Defaults.Append(("Beta1", 0.9))), $"the header gives the hyper-parameter Beta1 twice (entry {Defaults.Length}).");

    [Fact]
    public void A_missing_hyper_parameter_is_rejected() =>
        Rejects(File(Defaults.Where(e => e.Name != "Alpha")), "the header does not give the hyper-parameter Alpha.");

    [Fact]
    public void A_malformed_name_is_rejected()
    {
        Rejects(
            File(Defaults.Take(1), rawName: new byte[] { (byte)'L', 0, (byte)'R' }),
            "the header's hyper-parameter 0 has the name bytes 4C0052" + new string('0', 26) + "; a name is 1 to 16 ASCII letters or digits, padded with zeros.");
        Rejects(
            File(Defaults.Take(1), rawName: Encoding.UTF8.GetBytes("Lérning")),
            "the header's hyper-parameter 0 has the name bytes 4CC3A9726E696E67" + new string('0', 16) + "; a name is 1 to 16 ASCII letters or digits, padded with zeros.");
    }

    [Theory]
    [InlineData("Alpha", 1.0, "the file's description is invalid: Alpha, RMSprop's smoothing constant, must be in [0, 1); got 1. Use a value such as 0.99. (Parameter 'Alpha')")]
    [InlineData("Nesterov", 0.5, "the file's description is invalid: Nesterov is 0.5; it must be 0 (false) or 1 (true).")]
    [InlineData("Beta2", double.NaN, "the file's description is invalid: Beta2 must be in [0, 1); got NaN. Use a value such as 0.999. (Parameter 'Beta2')")]
    [InlineData("LearningRate", -1.0, "the file's description is invalid: LearningRate must be finite and greater than 0; got -1. Use a value such as 0.1. (Parameter 'LearningRate')")]
    public void An_out_of_range_hyper_parameter_is_rejected(string name, double value, string message) =>
        Rejects(File(With(name, value)), message);

    [Fact]
    public void A_named_per_layer_value_this_version_does_not_know_is_rejected() =>
        Rejects(
            File(Defaults, new[] { ("Dropout", new[] { 0.5, 0.0 }) }),
            "the header's per-layer value 0 is Dropout, which this version of NetGen does not know (it knows none).");

    [Fact]
    public void Another_version_is_rejected()
    {
        byte[] file = File(Defaults);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), 3);
        Rejects(file, "the file is in format version 3; this version of NetGen reads versions 1 and 2.");
    }

    [Fact]
    public void A_version_1_file_cannot_name_an_optimizer_it_did_not_have()
    {
        byte[] file = System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "v1", "sgd-momentum-double.netgen"));
        file[15] = 3;
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.ReadDescription(new MemoryStream(file)));
        Assert.Equal("the header's optimizer is 3; it must be in [0, 2].", e.Message);
    }
}
