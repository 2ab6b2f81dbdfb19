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
public static partial class NetworkFile
{
    /// <summary>The version of the format this library writes and reads.</summary>
    public const int FormatVersion = 2;

    /// <summary>The file's first 8 bytes: <c>89 4E 65 74 47 65 6E 0A</c>, "\x89NetGen\n".</summary>
    private static readonly byte[] Magic = { 0x89, (byte)'N', (byte)'e', (byte)'t', (byte)'G', (byte)'e', (byte)'n', (byte)'\n' };

    /// <summary>The fixed part of a version-1 header, before the layer sizes.</summary>
    private const int FixedHeaderLength = 80;

    /// <summary>Writes <paramref name="network"/> to <paramref name="stream"/> (left open).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, as the description's precision says.</typeparam>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">Where the file's bytes go.</param>
    /// <exception cref="InvalidOperationException">
    /// The network is inconsistent with its description, or a parameter or state value is not finite (such a file
    /// would not load); nothing is written.
    /// </exception>
    internal static void Save<T>(IPersistentNetwork<T> network, Stream stream)
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
    internal static void Save<T>(IPersistentNetwork<T> network, string path)
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
    internal static void Load<T>(IPersistentNetwork<T> network, Stream stream)
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

        if (OptimizerStateLayout.Check<T>(state, file.Optimizer, file.Momentum, file.ParameterCount, file.HasDropout) is { } problem)
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
    internal static void Load<T>(IPersistentNetwork<T> network, string path)
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
        T[] parameters = ParameterSnapshot.Take(network, description, "saved (the file would not load)");
        var state = new T[network.OptimizerStateLength];
        network.GetOptimizerState(state);

        if (OptimizerStateLayout.Check<T>(state, description.Optimizer, description.Momentum, description.ParameterCount, description.HasDropout) is { } problem)
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

    private sealed record Snapshot<T>(NetworkDescription Description, T[] Parameters, T[] State);

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
