using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using NetGen.Runtime;

namespace NetGen;

/// <summary>
/// Saves a network (its description, parameters and optimizer state) to NetGen's own file format and loads it back,
/// so that training resumes exactly: 50 steps, save, load into a new instance, 50 more steps give the same bits as
/// 100 steps. The format, little-endian with a CRC-32 at the end, is specified in <c>docs/file-format.md</c>.
/// </summary>
/// <remarks>
/// <para><see cref="Save{T}(IPersistentNetwork{T}, string)"/> replaces the file atomically: it writes a temporary file
/// beside the target, flushes it to disk and renames it over the target, so a failure leaves the old file whole.</para>
/// <para><see cref="Load{T}(IPersistentNetwork{T}, Stream)"/> reads and checks the whole file before it changes
/// anything: magic number, version, structure, length, checksum, that the file's description equals the network's
/// (all but the learning rate, which the file restores, as <c>torch.optim</c>'s <c>load_state_dict</c> does), and
/// every value. Each rejection is an <see cref="InvalidDataException"/> that says what is wrong, and leaves the network
/// as it was. Memory grows with the bytes the file really holds, never with a size its header declares.</para>
/// </remarks>
public static class NetworkFile
{
    /// <summary>The version of the format this library writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The file's first 8 bytes: <c>89 4E 65 74 47 65 6E 0A</c>, "\x89NetGen\n".</summary>
    private static readonly byte[] Magic = { 0x89, (byte)'N', (byte)'e', (byte)'t', (byte)'G', (byte)'e', (byte)'n', (byte)'\n' };

    /// <summary>The fixed part of the header, before the layer sizes.</summary>
    private const int FixedHeaderLength = 80;

    /// <summary>Writes <paramref name="network"/> to <paramref name="stream"/> (left open).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, as the description's precision says.</typeparam>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">Where the file's bytes go.</param>
    /// <exception cref="InvalidOperationException">
    /// The network is inconsistent with its description, or a parameter or state value is not finite (such a file
    /// would not load); nothing is written.
    /// </exception>
    public static void Save<T>(IPersistentNetwork<T> network, Stream stream)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        Snapshot<T> snapshot = Take(network);
        Write(snapshot, stream);
    }

    /// <summary>
    /// Writes <paramref name="network"/> to the file <paramref name="path"/> atomically: a temporary file in the same
    /// directory is written, flushed to disk and renamed over the target, so the target holds either the old file or
    /// the new one, whatever happens.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="InvalidOperationException">The network cannot be saved (see <see cref="Save{T}(IPersistentNetwork{T}, Stream)"/>); no file is touched.</exception>
    public static void Save<T>(IPersistentNetwork<T> network, string path)
        where T : unmanaged =>
        Save(network, path, static stream => stream);

    /// <summary>
    /// <see cref="Save{T}(IPersistentNetwork{T}, string)"/> writing through <paramref name="wrap"/>(the temporary
    /// file's stream), so that tests can make the write fail part-way.
    /// </summary>
    internal static void Save<T>(IPersistentNetwork<T> network, string path, Func<Stream, Stream> wrap)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Snapshot<T> snapshot = Take(network);
        AtomicFile.Write(path, stream => Write(snapshot, stream), wrap);
    }

    /// <summary>
    /// Reads a file written by <see cref="Save{T}(IPersistentNetwork{T}, Stream)"/> from <paramref name="stream"/> (to
    /// its end; left open) into <paramref name="network"/>: its parameters, its optimizer state and its learning rate.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">A network with the file's description (its learning rate may differ).</param>
    /// <param name="stream">The file's bytes.</param>
    /// <exception cref="InvalidDataException">
    /// The file is not a valid NetGen network file, is truncated or damaged, holds another network, or holds a value
    /// that is not finite; the message says which. The network is not changed.
    /// </exception>
    public static void Load<T>(IPersistentNetwork<T> network, Stream stream)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        NetworkDescription mine = network.Description;
        Check(network, mine, typeof(T));
        var reader = new InputReader(stream, hash: true);
        Header header = ReadHeader(reader);
        NetworkDescription file = header.Description;
        int size = ElementSize(file.Precision);
        long values = (long)file.ParameterCount + file.OptimizerStateLength;
        long total = header.Length + (values * size) + sizeof(uint);
        reader.ExpectTotal(total, exact: true, header.Length, "values");
        InputReader.Chunks body = reader.ReadChunks(values * size, total, "values");
        uint computed = reader.Crc;
        Span<byte> trailer = stackalloc byte[sizeof(uint)];
        reader.Read(trailer, total, "checksum");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        if (stored != computed)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"checksum mismatch: the file's CRC-32 is {stored:X8}, its first {InputReader.Bytes(total - sizeof(uint))} bytes give {computed:X8}; the file is damaged."));
        }

        reader.ExpectEnd("checksum");
        var differences = file.Differences(mine, compareLearningRate: false);
        if (differences.Count > 0)
        {
            throw new InvalidDataException(Mismatch(file, mine, differences));
        }

        var parameters = new T[file.ParameterCount];
        var state = new T[file.OptimizerStateLength];
        Decode(body, 0, parameters);
        Decode(body, (long)parameters.Length * size, state);
        for (int k = 0; k < parameters.Length; k++)
        {
            double value = OptimizerStateLayout.ToDouble(parameters[k]);
            if (!double.IsFinite(value))
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"parameter {k} ({file.DescribeParameter(k)}) is {OptimizerStateLayout.Text(value)}; a saved parameter must be finite."));
            }
        }

        if (OptimizerStateLayout.Check<T>(state, file.Optimizer, file.Momentum, file.ParameterCount) is { } problem)
        {
            throw new InvalidDataException(problem);
        }

        Commit(network, parameters, state, OptimizerStateLayout.FromDouble<T>(file.LearningRate));
    }

    /// <summary>Reads the file <paramref name="path"/> into <paramref name="network"/>; see <see cref="Load{T}(IPersistentNetwork{T}, Stream)"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">A network with the file's description.</param>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">The file cannot be loaded into the network (the message names the file); the network is not changed.</exception>
    public static void Load<T>(IPersistentNetwork<T> network, string path)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        using FileStream file = File.OpenRead(path);
        try
        {
            Load(network, file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(path + ": " + e.Message, e);
        }
    }

    /// <summary>
    /// Reads only the description at the start of a NetGen network file, e.g. to build a network the file loads into.
    /// The header's structure is checked; its checksum is checked only by <see cref="Load{T}(IPersistentNetwork{T}, Stream)"/>.
    /// </summary>
    /// <param name="stream">The file's bytes, read up to the end of the header.</param>
    /// <returns>The description the file holds.</returns>
    /// <exception cref="InvalidDataException">The header is not a valid NetGen header.</exception>
    public static NetworkDescription ReadDescription(Stream stream) =>
        ReadHeader(new InputReader(stream, hash: false)).Description;

    /// <summary>Reads only the description at the start of the file <paramref name="path"/>; see <see cref="ReadDescription(Stream)"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The description the file holds.</returns>
    /// <exception cref="InvalidDataException">The header is not a valid NetGen header (the message names the file).</exception>
    public static NetworkDescription ReadDescription(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream file = File.OpenRead(path);
        try
        {
            return ReadDescription(file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(path + ": " + e.Message, e);
        }
    }

    /// <summary>"the file holds A, this network is B" when the one-line forms differ, else the properties that do.</summary>
    private static string Mismatch(NetworkDescription file, NetworkDescription mine, List<(string Property, string Mine, string Theirs)> differences)
    {
        string fileText = file.ToString();
        string mineText = mine.ToString();
        if (fileText != mineText)
        {
            return $"the file holds {fileText}, this network is {mineText}.";
        }

        return $"the file holds another {fileText}: "
            + string.Join("; ", differences.Select(d => $"its {d.Property} is {d.Mine}, this network's is {d.Theirs}"))
            + ".";
    }

    /// <summary>The network's parameters and state, read and checked before a byte is written.</summary>
    private static Snapshot<T> Take<T>(IPersistentNetwork<T> network)
        where T : unmanaged
    {
        NetworkDescription description = network.Description;
        Check(network, description, typeof(T));
        var parameters = new T[network.ParameterCount];
        var state = new T[network.OptimizerStateLength];
        network.GetParameters(parameters);
        network.GetOptimizerState(state);
        for (int k = 0; k < parameters.Length; k++)
        {
            double value = OptimizerStateLayout.ToDouble(parameters[k]);
            if (!double.IsFinite(value))
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"parameter {k} ({description.DescribeParameter(k)}) is {OptimizerStateLayout.Text(value)}; a network whose parameters are not all finite cannot be saved (the file would not load)."));
            }
        }

        if (OptimizerStateLayout.Check<T>(state, description.Optimizer, description.Momentum, description.ParameterCount) is { } problem)
        {
            throw new InvalidOperationException("The network's " + problem + " Such a state cannot be saved (the file would not load).");
        }

        return new Snapshot<T>(description, parameters, state);
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> unless the network agrees with its own description and <typeparamref name="T"/>.</summary>
    private static void Check<T>(IPersistentNetwork<T> network, NetworkDescription description, Type type)
        where T : unmanaged
    {
        Precision precision = OptimizerStateLayout.PrecisionOf<T>();
        if (description.Precision != precision)
        {
            throw new InvalidOperationException($"The network computes in {type.Name} but its description says {description.Precision}.");
        }

        if (network.ParameterCount != description.ParameterCount || network.OptimizerStateLength != description.OptimizerStateLength)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The network has {network.ParameterCount} parameters and {network.OptimizerStateLength} optimizer state values, but its description {description} says {description.ParameterCount} and {description.OptimizerStateLength}."));
        }
    }

    /// <summary>Replaces parameters, state and learning rate; if any of them throws, puts the old ones back.</summary>
    private static void Commit<T>(IPersistentNetwork<T> network, T[] parameters, T[] state, T learningRate)
        where T : unmanaged
    {
        var oldParameters = new T[network.ParameterCount];
        var oldState = new T[network.OptimizerStateLength];
        network.GetParameters(oldParameters);
        network.GetOptimizerState(oldState);
        T oldLearningRate = network.LearningRate;
        try
        {
            network.SetParameters(parameters);
            network.SetOptimizerState(state);
            network.LearningRate = learningRate;
        }
        catch
        {
            network.SetParameters(oldParameters);
            network.SetOptimizerState(oldState);
            network.LearningRate = oldLearningRate;
            throw;
        }
    }

    private static void Write<T>(Snapshot<T> snapshot, Stream stream)
        where T : unmanaged
    {
        var writer = new HashingWriter(stream);
        writer.Write(EncodeHeader(snapshot.Description));
        WriteValues<T>(writer, snapshot.Parameters);
        WriteValues<T>(writer, snapshot.State);
        writer.WriteChecksum();
    }

    private static void WriteValues<T>(HashingWriter writer, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        Span<byte> buffer = stackalloc byte[4096];
        int size = typeof(T) == typeof(float) ? sizeof(float) : sizeof(double);
        int perBlock = buffer.Length / size;
        for (int start = 0; start < values.Length; start += perBlock)
        {
            int n = Math.Min(perBlock, values.Length - start);
            for (int k = 0; k < n; k++)
            {
                double value = OptimizerStateLayout.ToDouble(values[start + k]);
                if (size == sizeof(float))
                {
                    BinaryPrimitives.WriteSingleLittleEndian(buffer[(k * size)..], (float)value);
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(buffer[(k * size)..], value);
                }
            }

            writer.Write(buffer[..(n * size)]);
        }
    }

    /// <summary>Decodes <paramref name="destination"/>.Length little-endian values of <typeparamref name="T"/> from <paramref name="offset"/>.</summary>
    private static void Decode<T>(InputReader.Chunks body, long offset, Span<T> destination)
        where T : unmanaged
    {
        Span<byte> buffer = stackalloc byte[4096];
        int size = typeof(T) == typeof(float) ? sizeof(float) : sizeof(double);
        int perBlock = buffer.Length / size;
        for (int start = 0; start < destination.Length; start += perBlock)
        {
            int n = Math.Min(perBlock, destination.Length - start);
            Span<byte> bytes = buffer[..(n * size)];
            body.CopyTo(offset + ((long)start * size), bytes);
            for (int k = 0; k < n; k++)
            {
                destination[start + k] = size == sizeof(float)
                    ? OptimizerStateLayout.FromDouble<T>(BinaryPrimitives.ReadSingleLittleEndian(bytes[(k * size)..]))
                    : OptimizerStateLayout.FromDouble<T>(BinaryPrimitives.ReadDoubleLittleEndian(bytes[(k * size)..]));
            }
        }
    }

    private static int ElementSize(Precision precision) => precision == Precision.Single ? sizeof(float) : sizeof(double);

    /// <summary>The header's length for <paramref name="sizes"/> layer sizes: 80 + 4n + (n − 1), padded to 8, + 16.</summary>
    private static long HeaderLength(long sizes) => ((FixedHeaderLength + (4 * sizes) + (sizes - 1) + 7) / 8 * 8) + 16;

    private static byte[] EncodeHeader(NetworkDescription d)
    {
        int n = d.LayerSizes.Count;
        var header = new byte[HeaderLength(n)];
        Span<byte> h = header;
        Magic.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], FormatVersion);
        h[12] = (byte)d.Precision;
        h[13] = (byte)d.Loss;
        h[14] = (byte)d.Reduction;
        h[15] = (byte)d.Optimizer;
        h[16] = d.Nesterov ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)n);
        BinaryPrimitives.WriteDoubleLittleEndian(h[24..], d.LeakySlope);
        BinaryPrimitives.WriteDoubleLittleEndian(h[32..], d.LearningRate);
        BinaryPrimitives.WriteDoubleLittleEndian(h[40..], d.Momentum);
        BinaryPrimitives.WriteDoubleLittleEndian(h[48..], d.Beta1);
        BinaryPrimitives.WriteDoubleLittleEndian(h[56..], d.Beta2);
        BinaryPrimitives.WriteDoubleLittleEndian(h[64..], d.Epsilon);
        BinaryPrimitives.WriteDoubleLittleEndian(h[72..], d.WeightDecay);
        int at = FixedHeaderLength;
        foreach (int size in d.LayerSizes)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h[at..], (uint)size);
            at += 4;
        }

        foreach (Activation activation in d.Activations)
        {
            h[at++] = (byte)activation;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(h[^16..], (ulong)d.ParameterCount);
        BinaryPrimitives.WriteUInt64LittleEndian(h[^8..], (ulong)d.OptimizerStateLength);
        return header;
    }

    private static Header ReadHeader(InputReader reader)
    {
        Span<byte> h = stackalloc byte[FixedHeaderLength];
        reader.Read(h[..Magic.Length], null, "header");
        if (!h[..Magic.Length].SequenceEqual(Magic))
        {
            throw new InvalidDataException(
                $"not a NetGen network file: it starts with {Convert.ToHexString(h[..Magic.Length])}, not {Convert.ToHexString(Magic)} (\"\\x89NetGen\\n\").");
        }

        reader.Read(h[Magic.Length..], null, "header");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(h[8..]);
        if (version != FormatVersion)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"the file is in format version {version}; this version of NetGen reads version {FormatVersion}."));
        }

        Precision precision = (Precision)Field(h, 12, 1, "precision");
        Loss loss = (Loss)Field(h, 13, 2, "loss");
        Reduction reduction = (Reduction)Field(h, 14, 1, "reduction");
        Optimizer optimizer = (Optimizer)Field(h, 15, 2, "optimizer");
        bool nesterov = Field(h, 16, 1, "Nesterov flag") == 1;
        if (h[17] != 0 || h[18] != 0 || h[19] != 0)
        {
            throw new InvalidDataException("bytes 17 to 19 of the header are reserved and must be 0.");
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(h[20..]);
        if (count < 2 || count > int.MaxValue / 8)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture, $"the header declares {count} layer sizes; a network has at least 2 (input and output), and at most 2^28."));
        }

        long length = HeaderLength(count);
        reader.ExpectTotal(length, exact: false, length, "header");
        InputReader.Chunks rest = reader.ReadChunks(length - FixedHeaderLength, null, "header");
        var sizes = new int[count];
        Span<byte> four = stackalloc byte[4];
        long parameters = 0;
        for (int l = 0; l < sizes.Length; l++)
        {
            rest.CopyTo(4L * l, four);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(four);
            if (size < 1 || size > int.MaxValue)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture, $"layer size {l} is {size}; a layer size is in [1, 2^31)."));
            }

            sizes[l] = (int)size;
            if (l > 0)
            {
                parameters += ((long)sizes[l - 1] * sizes[l]) + sizes[l];
                if (parameters > Array.MaxLength)
                {
                    throw new InvalidDataException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"the header's layer sizes make more than {InputReader.Bytes(Array.MaxLength)} parameters, more than one array holds."));
                }
            }
        }

        var activations = new Activation[count - 1];
        Span<byte> one = stackalloc byte[1];
        for (int l = 0; l < activations.Length; l++)
        {
            rest.CopyTo((4L * count) + l, one);
            activations[l] = (Activation)Field(one, 0, 8, "activation " + l.ToString(CultureInfo.InvariantCulture));
        }

        long padding = length - 16 - FixedHeaderLength - (4L * count) - (count - 1);
        for (long k = 0; k < padding; k++)
        {
            rest.CopyTo((4L * count) + (count - 1) + k, one);
            if (one[0] != 0)
            {
                throw new InvalidDataException("the header's padding after the activations must be 0.");
            }
        }

        Span<byte> counts = stackalloc byte[16];
        rest.CopyTo(length - FixedHeaderLength - 16, counts);
        ulong declaredParameters = BinaryPrimitives.ReadUInt64LittleEndian(counts);
        ulong declaredState = BinaryPrimitives.ReadUInt64LittleEndian(counts[8..]);
        NetworkDescription description;
        try
        {
            description = new NetworkDescription(
                sizes,
                activations,
                loss,
                reduction,
                optimizer,
                BinaryPrimitives.ReadDoubleLittleEndian(h[32..]),
                BinaryPrimitives.ReadDoubleLittleEndian(h[40..]),
                nesterov,
                BinaryPrimitives.ReadDoubleLittleEndian(h[48..]),
                BinaryPrimitives.ReadDoubleLittleEndian(h[56..]),
                BinaryPrimitives.ReadDoubleLittleEndian(h[64..]),
                BinaryPrimitives.ReadDoubleLittleEndian(h[72..]),
                BinaryPrimitives.ReadDoubleLittleEndian(h[24..]),
                precision);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("the file's description is invalid: " + e.Message, e);
        }

        if (declaredParameters != (ulong)description.ParameterCount || declaredState != (ulong)description.OptimizerStateLength)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"the header declares {InputReader.Bytes((long)Math.Min(declaredParameters, long.MaxValue))} parameters and {InputReader.Bytes((long)Math.Min(declaredState, long.MaxValue))} optimizer state values; {description} has {InputReader.Bytes(description.ParameterCount)} and {InputReader.Bytes(description.OptimizerStateLength)}."));
        }

        return new Header(description, length);
    }

    /// <summary>Header byte <paramref name="at"/>, which must be at most <paramref name="max"/>.</summary>
    private static int Field(ReadOnlySpan<byte> header, int at, int max, string what)
    {
        int value = header[at];
        if (value > max)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture, $"the header's {what} is {value}; it must be in [0, {max}]."));
        }

        return value;
    }

    private sealed record Snapshot<T>(NetworkDescription Description, T[] Parameters, T[] State);

    private sealed record Header(NetworkDescription Description, long Length);

    /// <summary>Writes through a buffer, hashing every byte, then appends the CRC-32.</summary>
    private sealed class HashingWriter
    {
        private readonly Stream _stream;
        private readonly Crc32 _crc = new();
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _used;

        public HashingWriter(Stream stream) => _stream = stream;

        public void Write(ReadOnlySpan<byte> bytes)
        {
            _crc.Append(bytes);
            while (!bytes.IsEmpty)
            {
                int n = Math.Min(bytes.Length, _buffer.Length - _used);
                bytes[..n].CopyTo(_buffer.AsSpan(_used));
                _used += n;
                bytes = bytes[n..];
                if (_used == _buffer.Length)
                {
                    Flush();
                }
            }
        }

        public void WriteChecksum()
        {
            Span<byte> crc = stackalloc byte[sizeof(uint)];
            BinaryPrimitives.WriteUInt32LittleEndian(crc, _crc.GetCurrentHashAsUInt32());
            Write(crc);
            Flush();
            _stream.Flush();
        }

        private void Flush()
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
