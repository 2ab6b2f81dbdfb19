using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;
using System.Numerics;

namespace NetGen.Data;

/// <summary>
/// Reads the IDX format of MNIST-style data sets (MNIST, Fashion-MNIST, EMNIST, KMNIST): two zero bytes, an element
/// type byte, a dimension count byte, each dimension as a big-endian 32-bit integer, then the values, big-endian, in
/// row-major order. Files compressed with gzip (<c>*-ubyte.gz</c>, as the data sets are distributed) are recognised
/// by their first two bytes and decompressed as they are read.
/// </summary>
/// <remarks>
/// A file that does not follow the format is an <see cref="InvalidDataException"/> that says what is wrong and at which
/// byte. Memory grows with the data the file really holds, never with what its header declares: a header that
/// declares more than the file holds is reported as truncated, not allocated.
/// </remarks>
public static class Idx
{
    /// <summary>Reads an IDX file, gzipped or not.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>Its dimensions and values.</returns>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX file; the message names the file and the byte.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream file = File.OpenRead(path);
        try
        {
            return Read(file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(path + ": " + e.Message, e);
        }
    }

    /// <summary>Reads an IDX file from a stream, gzipped or not, to its end.</summary>
    /// <param name="stream">The file's bytes.</param>
    /// <returns>Its dimensions and values.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed IDX file; the message names the byte.</exception>
    public static IdxArray Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffered = new BufferedStream(stream);
        int first = buffered.ReadByte();
        int second = buffered.ReadByte();
        if (first == 0x1f && second == 0x8b)
        {
            // gzip: start again from the stream's beginning, through the decompressor.
            var compressed = new TrailerStream(new PrefixedStream(new byte[] { 0x1f, 0x8b }, buffered));
            var crc = new Crc32();
            IdxArray array;
            long decompressed;
            using (var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true))
            {
                var checkedData = new HashingStream(gzip, crc);
                array = ReadIdx(checkedData, compressed: true);
                decompressed = checkedData.Length;
            }

            // GZipStream does not notice a file cut off inside its 8-byte trailer (CRC-32, then the length modulo 2^32,
            // little-endian), so check both here.
            compressed.ReadToEnd();
            if (compressed.Count < 18
                || BinaryPrimitives.ReadUInt32LittleEndian(compressed.Trailer.AsSpan(0, 4)) != crc.GetCurrentHashAsUInt32()
                || BinaryPrimitives.ReadUInt32LittleEndian(compressed.Trailer.AsSpan(4, 4)) != (uint)decompressed)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"byte {Math.Max(0, compressed.Count - 8)}: the gzip trailer does not match the data (CRC-32 and length); the file is truncated or damaged."));
            }

            return array;
        }

        return ReadIdx(new PrefixedStream(first < 0 ? Array.Empty<byte>() : second < 0 ? new[] { (byte)first } : new[] { (byte)first, (byte)second }, buffered), compressed: false);
    }

    /// <summary>
    /// Reads an IDX file of N samples (its first dimension) into sample-major rows of <typeparamref name="T"/>, each
    /// value multiplied by <paramref name="scale"/>: <c>1 / 255</c> puts the bytes of an image file in [0, 1].
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="path">The file's path.</param>
    /// <param name="scale">The factor applied to every value.</param>
    /// <param name="features">The values per sample: the product of the dimensions after the first (784 for 28 x 28 images).</param>
    /// <returns>N * <paramref name="features"/> values, sample after sample.</returns>
    public static T[] ReadSamples<T>(string path, double scale, out int features)
        where T : IFloatingPointIeee754<T>
    {
        IdxArray array = Read(path);
        features = array.ItemLength;
        return array.ToArray<T>(scale);
    }

    /// <summary>Reads a one-dimensional IDX file of class labels (unsigned bytes or integers).</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>One label per sample.</returns>
    /// <exception cref="InvalidDataException">The file is not a one-dimensional file of whole numbers.</exception>
    public static int[] ReadLabels(string path)
    {
        IdxArray array = Read(path);
        if (array.Dimensions.Count != 1 || array.ElementType is IdxElementType.Single or IdxElementType.Double)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: a label file has one dimension of whole numbers; this one has {array.Dimensions.Count} of {array.ElementType}."));
        }

        var labels = new int[array.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (int)array[i];
        }

        return labels;
    }

    private static IdxArray ReadIdx(Stream stream, bool compressed)
    {
        string where = compressed ? "byte {0} of the decompressed data" : "byte {0}";
        Span<byte> header = stackalloc byte[4];
        int got = ReadFully(stream, header);
        if (got < 4)
        {
            throw Invalid(where, got, "the file ends inside the 4-byte header (two zero bytes, the element type, the number of dimensions)");
        }

        if (header[0] != 0 || header[1] != 0)
        {
            throw Invalid(where, header[0] != 0 ? 0 : 1, "an IDX file starts with two zero bytes; this is not an IDX file");
        }

        IdxElementType type = header[2] switch
        {
            0x08 => IdxElementType.UnsignedByte,
            0x09 => IdxElementType.SignedByte,
            0x0B => IdxElementType.Int16,
            0x0C => IdxElementType.Int32,
            0x0D => IdxElementType.Single,
            0x0E => IdxElementType.Double,
            _ => throw Invalid(where, 2, "unknown element type 0x" + header[2].ToString("X2", CultureInfo.InvariantCulture) + " (0x08, 0x09, 0x0B, 0x0C, 0x0D and 0x0E are defined)"),
        };
        int rank = header[3];
        if (rank == 0)
        {
            throw Invalid(where, 3, "the number of dimensions is 0; an IDX file has at least one");
        }

        var dimensions = new int[rank];
        Span<byte> four = stackalloc byte[4];
        long count = 1;
        for (int d = 0; d < rank; d++)
        {
            long offset = 4 + 4L * d;
            if (ReadFully(stream, four) < 4)
            {
                throw Invalid(where, offset, string.Create(CultureInfo.InvariantCulture, $"the file ends inside dimension {d + 1} of {rank}"));
            }

            int size = BinaryPrimitives.ReadInt32BigEndian(four);
            if (size < 0)
            {
                throw Invalid(where, offset, string.Create(CultureInfo.InvariantCulture, $"dimension {d + 1} is negative ({size})"));
            }

            dimensions[d] = size;
            count = size == 0 || count == 0 ? 0 : count > long.MaxValue / size ? long.MaxValue : count * size;
        }

        int width = IdxArray.Width(type);
        long dataStart = 4 + 4L * rank;
        long declared = count > long.MaxValue / width ? long.MaxValue : count * width;
        if (declared > Array.MaxLength)
        {
            throw Invalid(where, dataStart, string.Create(
                CultureInfo.InvariantCulture,
                $"the dimensions {string.Join(" x ", dimensions)} declare {(declared == long.MaxValue ? "more than 2^63" : declared.ToString(CultureInfo.InvariantCulture))} bytes of values, more than one array holds"));
        }

        // Grow with what arrives, up to what the header declares (and one byte more, to notice extra data).
        byte[] data = ReadUpTo(stream, (int)declared, out int length, out bool more);
        if (length < declared)
        {
            throw Invalid(where, dataStart + length, string.Create(
                CultureInfo.InvariantCulture,
                $"the file is truncated: the dimensions {string.Join(" x ", dimensions)} declare {declared} bytes of values and it holds {length}"));
        }

        if (more)
        {
            throw Invalid(where, dataStart + declared, string.Create(
                CultureInfo.InvariantCulture,
                $"the file goes on after the {declared} bytes of values its dimensions {string.Join(" x ", dimensions)} declare"));
        }

        return new IdxArray(type, dimensions, data);
    }

    private static byte[] ReadUpTo(Stream stream, int limit, out int length, out bool more)
    {
        byte[] data = new byte[Math.Min(limit, 1 << 16)];
        length = 0;
        while (length < limit)
        {
            if (length == data.Length)
            {
                Array.Resize(ref data, (int)Math.Min(limit, Math.Max(2L * data.Length, 1)));
            }

            int n = stream.Read(data, length, data.Length - length);
            if (n == 0)
            {
                more = false;
                return data;
            }

            length += n;
        }

        more = stream.ReadByte() >= 0;
        return data;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer.Slice(total));
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static InvalidDataException Invalid(string where, long offset, string what) =>
        new(string.Format(CultureInfo.InvariantCulture, where, offset) + ": " + what + ".");

    /// <summary>A read-only stream that counts what passes through it and keeps the last 8 bytes (a gzip trailer).</summary>
    private sealed class TrailerStream : ForwardStream
    {
        public TrailerStream(Stream inner)
            : base(inner)
        {
        }

        public byte[] Trailer { get; } = new byte[8];

        public long Count { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            int n = Inner.Read(buffer);
            ReadOnlySpan<byte> read = buffer.Slice(0, n);
            if (n >= 8)
            {
                read.Slice(n - 8).CopyTo(Trailer);
            }
            else if (n > 0)
            {
                Trailer.AsSpan(n).CopyTo(Trailer);
                read.CopyTo(Trailer.AsSpan(8 - n));
            }

            Count += n;
            return n;
        }

        public void ReadToEnd()
        {
            Span<byte> rest = stackalloc byte[4096];
            while (Read(rest) > 0)
            {
            }
        }
    }

    /// <summary>A read-only stream that feeds what it reads to a CRC-32 and counts it.</summary>
    private sealed class HashingStream : ForwardStream
    {
        private readonly Crc32 _crc;

        public HashingStream(Stream inner, Crc32 crc)
            : base(inner)
        {
            _crc = crc;
        }

        public override long Length => Count;

        private long Count { get; set; }

        public override int Read(Span<byte> buffer)
        {
            int n = Inner.Read(buffer);
            _crc.Append(buffer.Slice(0, n));
            Count += n;
            return n;
        }
    }

    /// <summary>A few bytes already read, then the rest of a stream.</summary>
    private sealed class PrefixedStream : ForwardStream
    {
        private readonly byte[] _prefix;
        private int _position;

        public PrefixedStream(byte[] prefix, Stream rest)
            : base(rest)
        {
            _prefix = prefix;
        }

        public override int Read(Span<byte> buffer)
        {
            if (_position < _prefix.Length && buffer.Length > 0)
            {
                int n = Math.Min(buffer.Length, _prefix.Length - _position);
                _prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            return Inner.Read(buffer);
        }
    }

    /// <summary>The plumbing of a forward-only, read-only stream over another; subclasses override <see cref="Read(Span{byte})"/>.</summary>
    private abstract class ForwardStream : Stream
    {
        protected ForwardStream(Stream inner) => Inner = inner;

        protected Stream Inner { get; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public abstract override int Read(Span<byte> buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
