using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using NetGen.Reference;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// NetGen's own network file: descriptions, exact resumption of training, atomic saves, and the messages a bad file
/// gets. The byte-by-byte hostile corpus is in <see cref="HostileFileTests"/>.
/// </summary>
public class NetworkFileTests
{
    internal static readonly int[] Sizes = { 3, 4, 2 };
    internal static readonly double[] Inputs = { 0.5, -1.0, 1.5, 0.25, -0.75, 2.0, 1.0, 0.0, -0.5, 0.3, 0.6, -0.9 };
    internal static readonly double[] Targets = { 0.9, 0.1, 0.2, 0.7, 0.4, 0.6, 1.0, 0.0 };

    internal static ReferenceOptions Adam => new() { Optimizer = Optimizer.Adam, LearningRate = 0.01, Hidden = Activation.Tanh };

    internal static ReferenceOptions SgdMomentum => new() { LearningRate = 0.2, Momentum = 0.9 };

    public static TheoryData<string> Optimizers() => new() { "adam", "adamw", "sgd, momentum", "sgd, nesterov, weight decay", "sgd" };

    internal static ReferenceOptions OptionsFor(string name, int seed = 0) => name switch
    {
        "adam" => new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01, Hidden = Activation.Tanh, Seed = seed },
        "adamw" => new ReferenceOptions { Optimizer = Optimizer.AdamW, LearningRate = 0.01, Hidden = Activation.ReLU, Seed = seed },
        "sgd, momentum" => new ReferenceOptions { LearningRate = 0.2, Momentum = 0.9, Seed = seed },
        "sgd, nesterov, weight decay" => new ReferenceOptions { LearningRate = 0.1, Momentum = 0.5, Nesterov = true, WeightDecay = 0.01, Seed = seed },
        "sgd" => new ReferenceOptions { LearningRate = 0.3, Seed = seed },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Fact]
    public void A_description_prints_on_one_line_and_compares_by_value()
    {
        var description = new NetworkDescription(
            new[] { 784, 256, 128, 10 }, new[] { Activation.ReLU, Activation.ReLU, Activation.Softmax },
            Loss.CrossEntropy, optimizer: Optimizer.Adam, precision: Precision.Single);
        Assert.Equal("784-256-128-10 ReLU, ReLU, Softmax; CrossEntropy (Mean); Adam; Single", description.ToString());
        Assert.Equal(0.001, description.LearningRate);
        Assert.Equal(2 + (2 * description.ParameterCount), description.OptimizerStateLength);

        var same = new NetworkDescription(
            new[] { 784, 256, 128, 10 }, new[] { Activation.ReLU, Activation.ReLU, Activation.Softmax },
            Loss.CrossEntropy, Reduction.Mean, Optimizer.Adam, 0.001, momentum: 0.0, leakySlope: 0.2, precision: Precision.Single);
        Assert.True(description == same); // the slope of an unused LeakyReLU does not count
        Assert.Equal(description.GetHashCode(), same.GetHashCode());

        var otherRate = new NetworkDescription(
            new[] { 784, 256, 128, 10 }, new[] { Activation.ReLU, Activation.ReLU, Activation.Softmax },
            Loss.CrossEntropy, optimizer: Optimizer.Adam, learningRate: 0.01, precision: Precision.Single);
        Assert.NotEqual(description, otherRate);

        var leaky = new NetworkDescription(new[] { 2, 2 }, new[] { Activation.LeakyReLU }, leakySlope: 0.2, momentum: 0.9);
        Assert.Equal("2-2 LeakyReLU(0.2); Square (Sum); Sgd; Double", leaky.ToString());
        Assert.Equal(2 + 6, leaky.OptimizerStateLength);
        Assert.Equal(2, new NetworkDescription(new[] { 2, 2 }, new[] { Activation.Sigmoid }).OptimizerStateLength);
    }

    [Fact]
    public void WithLearningRate_changes_only_the_learning_rate_and_checks_it()
    {
        var description = new NetworkDescription(new[] { 3, 4, 2 }, new[] { Activation.Tanh, Activation.Sigmoid }, optimizer: Optimizer.Adam, beta1: 0.8);
        Assert.Same(description, description.WithLearningRate(0.001));
        NetworkDescription other = description.WithLearningRate(0.02);
        Assert.Equal(new NetworkDescription(new[] { 3, 4, 2 }, new[] { Activation.Tanh, Activation.Sigmoid }, optimizer: Optimizer.Adam, beta1: 0.8, learningRate: 0.02), other);
        Assert.Equal(0.8, other.Beta1);
        Assert.Equal(description.OptimizerStateLength, other.OptimizerStateLength);
        Assert.Throws<ArgumentException>(() => description.WithLearningRate(0.0));
        Assert.Throws<ArgumentException>(() => description.WithLearningRate(double.NaN));
        Assert.Throws<ArgumentException>(() => description.WithLearningRate(double.PositiveInfinity));
    }

    [Fact]
    public void An_invalid_description_is_refused_when_built()
    {
        Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { 2, 2 }, new[] { Activation.Sigmoid, Activation.Sigmoid }));
        Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { 2, 3, 2 }, new[] { Activation.Softmax, Activation.Softmax }));
        Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { 2, 2 }, new[] { Activation.Sigmoid }, Loss.CrossEntropy));
        Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { 2, 0 }, new[] { Activation.Sigmoid }));
        Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue }, new Activation[4]));
    }

    [Fact]
    public void HuberDelta_is_checked_and_counts_only_for_the_Huber_loss()
    {
        Activation[] layers = { Activation.Tanh, Activation.Identity };
        ArgumentException e = Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { 2, 3, 1 }, layers, Loss.Huber, huberDelta: 0.0));
        Assert.Equal("HuberDelta", e.ParamName);
        Assert.StartsWith("HuberDelta must be finite and greater than 0; got 0.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { 2, 3, 1 }, layers, Loss.Huber, huberDelta: double.NaN));
        Assert.Throws<ArgumentException>(() => new NetworkDescription(new[] { 2, 3, 1 }, layers, Loss.Huber, huberDelta: double.PositiveInfinity));
        ArgumentException options = Assert.Throws<ArgumentException>(() => new ReferenceNetwork(new[] { 2, 3, 1 }, new ReferenceOptions { Loss = Loss.Huber, HuberDelta = -1 }));
        Assert.Equal("HuberDelta", options.ParamName);

        var huber = new NetworkDescription(new[] { 2, 3, 1 }, layers, Loss.Huber, huberDelta: 0.5);
        var other = new NetworkDescription(new[] { 2, 3, 1 }, layers, Loss.Huber, huberDelta: 2.0);
        Assert.NotEqual(huber, other);
        Assert.Equal(("HuberDelta", "0.5", "2"), Assert.Single(huber.Differences(other, compareLearningRate: true)));
        Assert.Equal(
            new NetworkDescription(new[] { 2, 3, 1 }, layers, Loss.MeanSquaredError, huberDelta: 0.5),
            new NetworkDescription(new[] { 2, 3, 1 }, layers, Loss.MeanSquaredError));
        Assert.Equal(Reduction.Mean, huber.Reduction);
        Assert.Equal(Reduction.Mean, new NetworkDescription(new[] { 2, 3, 1 }, layers, Loss.L1).Reduction);
        Assert.Equal(Reduction.Sum, new NetworkDescription(new[] { 2, 3, 1 }, layers).Reduction);
    }

    [Theory]
    [InlineData(Loss.MeanSquaredError)]
    [InlineData(Loss.L1)]
    [InlineData(Loss.Huber)]
    public void The_element_wise_losses_save_and_load_with_their_loss_byte(Loss loss)
    {
        var options = new ReferenceOptions { Hidden = Activation.Tanh, Output = Activation.Identity, Loss = loss };
        var net = new ReferenceNetwork(Sizes, options);
        net.Train(Inputs, Targets, 3);
        byte[] file = Save(net);
        Assert.Equal((byte)loss, file[13]);
        var copy = new ReferenceNetwork(Sizes, options);
        NetworkFile.Load(copy, new MemoryStream(file));
        Assert.Equal(net.Description, copy.Description);
        var p0 = new double[net.ParameterCount];
        var p1 = new double[copy.ParameterCount];
        net.GetParameters(p0);
        copy.GetParameters(p1);
        Assert.Equal(p0, p1);
    }

    [Fact]
    public void A_Huber_threshold_is_saved_and_loaded_and_an_unknown_loss_byte_is_refused()
    {
        var options = new ReferenceOptions { Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 0.5 };
        var net = new ReferenceNetwork(Sizes, options);
        net.Train(Inputs, Targets, 3);
        byte[] saved = Save(net);
        Assert.Equal(0.5, NetworkFile.ReadDescription(new MemoryStream(saved)).HuberDelta);
        var loaded = new ReferenceNetwork(Sizes, options);
        NetworkFile.Load(loaded, new MemoryStream(saved));
        Assert.Equal(saved, Save(loaded));
        var otherDelta = new ReferenceNetwork(Sizes, new ReferenceOptions { Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 2 });
        var mismatch = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(otherDelta, new MemoryStream(saved)));
        Assert.Contains("HuberDelta", mismatch.Message, StringComparison.Ordinal);

        byte[] file = Save(new ReferenceNetwork(Sizes, new ReferenceOptions { Output = Activation.Identity, Loss = Loss.Huber }));
        file[13] = 6;
        var bad = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(new ReferenceNetwork(Sizes, new ReferenceOptions { Output = Activation.Identity, Loss = Loss.Huber }), new MemoryStream(file)));
        Assert.Contains("loss", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reference_network_describes_itself_and_its_state_round_trips()
    {
        var net = new ReferenceNetwork(Sizes, Adam);
        Assert.Equal("3-4-2 Tanh, Sigmoid; Square (Sum); Adam; Double", net.Description.ToString());
        net.Train(Inputs, Targets, 7);
        var state = new double[net.OptimizerStateLength];
        net.GetOptimizerState(state);
        Assert.Equal(7.0, state[0]);
        Assert.Equal(0.0, state[1]);
        Assert.Equal(((Adam)net.OptimizerState).FirstMoment.ToArray(), state[2..(2 + net.ParameterCount)]);
        Assert.Equal(((Adam)net.OptimizerState).SecondMoment.ToArray(), state[(2 + net.ParameterCount)..]);

        var copy = new ReferenceNetwork(Sizes, Adam);
        copy.SetOptimizerState(state);
        Assert.Equal(7, ((Adam)copy.OptimizerState).Steps);

        state[^1] = -1.0; // a negative second moment
        var e = Assert.Throws<ArgumentException>(() => copy.SetOptimizerState(state));
        Assert.Contains("second moment v of parameter " + (net.ParameterCount - 1), e.Message, StringComparison.Ordinal);
        state[^1] = 0.0;
        state[0] = 0.5;
        Assert.Throws<ArgumentException>(() => copy.SetOptimizerState(state));
        Assert.Equal(7, ((Adam)copy.OptimizerState).Steps);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Fifty_steps_saved_loaded_and_fifty_more_are_the_same_bits_as_a_hundred(string optimizer)
    {
        ReferenceOptions options = OptionsFor(optimizer);
        var straight = new ReferenceNetwork(Sizes, options);
        straight.Train(Inputs, Targets, 100);

        var first = new ReferenceNetwork(Sizes, options);
        first.Train(Inputs, Targets, 50);
        var file = new MemoryStream();
        NetworkFile.Save(first, file);
        var resumed = new ReferenceNetwork(Sizes, OptionsFor(optimizer, seed: 99)); // other initial weights
        file.Position = 0;
        NetworkFile.Load(resumed, file);
        resumed.Train(Inputs, Targets, 50);

        Assert.Equal(Bits(Parameters(straight)), Bits(Parameters(resumed)));
        Assert.Equal(Bits(State(straight)), Bits(State(resumed)));
    }

    [Fact]
    public void Resuming_through_a_file_on_disk_and_a_stream_that_cannot_seek_is_exact_too()
    {
        string path = TempPath();
        try
        {
            var straight = new ReferenceNetwork(Sizes, SgdMomentum);
            straight.Train(Inputs, Targets, 100);
            var first = new ReferenceNetwork(Sizes, SgdMomentum);
            first.Train(Inputs, Targets, 50);
            NetworkFile.Save(first, path);
            var resumed = new ReferenceNetwork(Sizes, SgdMomentum);
            using (var stream = new NonSeekableStream(File.ReadAllBytes(path)))
            {
                NetworkFile.Load(resumed, stream);
            }

            resumed.Train(Inputs, Targets, 50);
            Assert.Equal(Bits(Parameters(straight)), Bits(Parameters(resumed)));
            Assert.Equal(Bits(State(straight)), Bits(State(resumed)));

            var fromPath = new ReferenceNetwork(Sizes, SgdMomentum);
            NetworkFile.Load(fromPath, path);
            Assert.Equal(Bits(Parameters(first)), Bits(Parameters(fromPath)));
            Assert.Equal(first.Description, NetworkFile.ReadDescription(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Loading_restores_the_learning_rate_the_file_was_saved_with()
    {
        var first = new ReferenceNetwork(Sizes, Adam) { LearningRate = 0.003 };
        var file = Save(first);
        var second = new ReferenceNetwork(Sizes, Adam);
        NetworkFile.Load(second, new MemoryStream(file));
        Assert.Equal(0.003, second.LearningRate);
    }

    [Fact]
    public void A_file_of_another_network_is_refused_with_what_differs()
    {
        var file = Save(new ReferenceNetwork(new[] { 3, 5, 2 }, new ReferenceOptions { Hidden = Activation.ReLU }));
        var net = new ReferenceNetwork(Sizes, SgdMomentum);
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new MemoryStream(file)));
        Assert.Equal("the file holds 3-5-2 ReLU, Sigmoid; Square (Sum); Sgd; Double, this network is 3-4-2 Sigmoid, Sigmoid; Square (Sum); Sgd; Double.", e.Message);

        file = Save(new ReferenceNetwork(Sizes, new ReferenceOptions { LearningRate = 0.2, Momentum = 0.5 }));
        e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new MemoryStream(file)));
        Assert.Equal("the file holds another 3-4-2 Sigmoid, Sigmoid; Square (Sum); Sgd; Double: its Momentum is 0.5, this network's is 0.9.", e.Message);
    }

    [Fact]
    public void A_truncated_or_damaged_file_says_where_and_what()
    {
        var net = new ReferenceNetwork(Sizes, Adam);
        byte[] file = Save(net);
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new MemoryStream(file[..400])));
        Assert.Equal($"the file is truncated at byte 400 of {file.Length:N0} (in its values).", e.Message);
        e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new NonSeekableStream(file[..400])));
        Assert.Equal($"the file is truncated at byte 400 of {file.Length:N0} (in its values).", e.Message);
        e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new MemoryStream(file[..20])));
        Assert.Equal("the file is truncated at byte 20, in its header.", e.Message);

        // Past version 2's fixed 24 bytes the header's length is known, and the message gives it.
        e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new MemoryStream(file[..50])));
        Assert.Equal($"the file is truncated at byte 50 of {NetworkFileTests.HeaderLength(file)} (in its header).", e.Message);

        byte[] damaged = (byte[])file.Clone();
        damaged[200] ^= 0x10;
        e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new MemoryStream(damaged)));
        Assert.StartsWith("checksum mismatch", e.Message, StringComparison.Ordinal);

        byte[] longer = file.Concat(new byte[] { 0 }).ToArray();
        Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new MemoryStream(longer)));
        Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new NonSeekableStream(longer)));
    }

    [Fact]
    public void A_non_finite_parameter_is_refused_by_its_position()
    {
        var net = new ReferenceNetwork(Sizes, Adam);
        byte[] file = Save(net);
        int header = HeaderLength(file);
        int parameter = 17; // layer 2 (4 → 2): weights 16..23, so 17 is from input 0 to unit 1
        byte[] bad = WithDouble(file, header + (8 * parameter), double.NaN);
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new MemoryStream(bad)));
        Assert.Equal("parameter 17 (layer 2's weight from input 0 to unit 1) is NaN; a saved parameter must be finite.", e.Message);

        bad = WithDouble(file, header + (8 * (net.ParameterCount + 2)), double.PositiveInfinity);
        e = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(net, new MemoryStream(bad)));
        Assert.Equal("optimizer state value 2 (the first moment m of parameter 0) is +∞; it must be finite.", e.Message);
    }

    [Fact]
    public void A_network_with_a_non_finite_parameter_is_not_saved()
    {
        var net = new ReferenceNetwork(Sizes, Adam);
        var p = Parameters(net);
        p[3] = double.NegativeInfinity;
        net.SetParameters(p);
        var e = Assert.Throws<InvalidOperationException>(() => NetworkFile.Save(net, new MemoryStream()));
        Assert.Contains("Parameter 3 (layer 1's weight from input 0 to unit 3) is −∞", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(500)]
    public void A_save_that_fails_part_way_leaves_the_old_file_whole(int failAfter)
    {
        string directory = Path.Combine(Path.GetTempPath(), "netgen-atomic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "net.netgen");
            var old = new ReferenceNetwork(Sizes, Adam);
            NetworkFile.Save(old, path);
            byte[] before = File.ReadAllBytes(path);

            var trained = new ReferenceNetwork(Sizes, Adam);
            trained.Train(Inputs, Targets, 3);
            Assert.Throws<IOException>(() => NetworkFile.Save(trained, path, stream => new FailingStream(stream, failAfter)));

            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(new[] { path }, Directory.GetFiles(directory)); // no temporary file left behind

            NetworkFile.Save(trained, path);
            var loaded = new ReferenceNetwork(Sizes, Adam);
            NetworkFile.Load(loaded, path);
            Assert.Equal(Bits(Parameters(trained)), Bits(Parameters(loaded)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_sample_file_for_the_documented_python_reader()
    {
        // docs/file-format.md's Python script was run on this file by hand; the suite does not depend on Python.
        var net = new ReferenceNetwork(new[] { 2, 3, 1 }, new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01, Hidden = Activation.Tanh });
        net.Train(new[] { 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0 }, new[] { 0.0, 0.0, 0.0, 1.0 }, 5);
        string path = Path.Combine(Path.GetTempPath(), "netgen-sample.netgen");
        NetworkFile.Save(net, path);
        Assert.Equal(HeaderLength(File.ReadAllBytes(path)) + (8 * (13 + 2 + 26)) + 4, new FileInfo(path).Length);
        File.WriteAllLines(path + ".txt", Parameters(net).Concat(State(net)).Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }

    internal static byte[] Save<T>(IPersistentNetwork<T> network)
        where T : unmanaged
    {
        var stream = new MemoryStream();
        NetworkFile.Save(network, stream);
        return stream.ToArray();
    }

    /// <summary>The header's length, from docs/file-format.md: version 1's fixed layout, or version 2's with its tables.</summary>
    internal static int HeaderLength(byte[] file)
    {
        int n = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(20));
        if (BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8)) == 1)
        {
            return ((80 + (4 * n) + (n - 1) + 7) / 8 * 8) + 16;
        }

        int hyperParameters = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(16));
        int layerValues = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(18));
        return ((24 + (4 * n) + (n - 1) + 7) / 8 * 8) + (24 * hyperParameters) + ((16 + (8 * (n - 1))) * layerValues) + 16;
    }

    /// <summary>The file with a double replaced at <paramref name="offset"/> and its checksum made right again.</summary>
    internal static byte[] WithDouble(byte[] file, int offset, double value)
    {
        byte[] copy = (byte[])file.Clone();
        BinaryPrimitives.WriteDoubleLittleEndian(copy.AsSpan(offset), value);
        return Rechecksum(copy);
    }

    internal static byte[] Rechecksum(byte[] file)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), Crc32.HashToUInt32(file.AsSpan(0, file.Length - 4)));
        return file;
    }

    internal static double[] Parameters(INetwork<double> net)
    {
        var p = new double[net.ParameterCount];
        net.GetParameters(p);
        return p;
    }

    internal static double[] State(IPersistentNetwork<double> net)
    {
        var s = new double[net.OptimizerStateLength];
        net.GetOptimizerState(s);
        return s;
    }

    internal static long[] Bits(double[] values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    internal static string TempPath() => Path.Combine(Path.GetTempPath(), "netgen-" + Guid.NewGuid().ToString("N") + ".netgen");
}

/// <summary>A read-only stream over bytes that cannot seek or tell its length, like a network socket.</summary>
internal sealed class NonSeekableStream : Stream
{
    private readonly MemoryStream _inner;

    public NonSeekableStream(byte[] bytes) => _inner = new MemoryStream(bytes, writable: false);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7)); // short reads too

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Passes writes through until <c>failAfter</c> bytes have gone, then throws <see cref="IOException"/>, like a full disk.</summary>
internal sealed class FailingStream : Stream
{
    private readonly Stream _inner;
    private long _left;

    public FailingStream(Stream inner, long failAfter)
    {
        _inner = inner;
        _left = failAfter;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        int n = (int)Math.Min(count, _left);
        _inner.Write(buffer, offset, n);
        _left -= n;
        if (n < count)
        {
            throw new IOException("No space left on device.");
        }
    }
}
