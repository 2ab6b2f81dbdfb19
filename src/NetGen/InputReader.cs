using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Hashing;

namespace NetGen;

/// <summary>
/// Reads a file's bytes in order, counting them and, if asked, hashing them, so that a reader can check everything
/// before it changes anything without ever allocating more than the file really holds: large blocks are read in
/// chunks of at most <see cref="ChunkSize"/> bytes, each allocated only when the bytes before it have arrived.
/// Every shortfall is an <see cref="InvalidDataException"/> that names the byte where the file ends.
/// </summary>
internal sealed class InputReader
{
    /// <summary>The largest piece a block is read in.</summary>
    public const int ChunkSize = 1 << 18;

    private readonly Stream _stream;
    private readonly Crc32? _crc;
    private readonly long? _length; // the bytes from the start position to the end, when the stream can tell

    public InputReader(Stream stream, bool hash)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(stream));
        }

        _stream = stream;
        _crc = hash ? new Crc32() : null;
        if (stream.CanSeek)
        {
            _length = Math.Max(0, stream.Length - stream.Position);
        }
    }

    /// <summary>The number of bytes read so far.</summary>
    public long Position { get; private set; }

    /// <summary>The file's length, when the stream can tell it (a seekable stream), from where reading started.</summary>
    public long? Length => _length;

    /// <summary>The CRC-32 of every byte read so far.</summary>
    public uint Crc => _crc!.GetCurrentHashAsUInt32();

    /// <summary>"at byte 4,096 of 406,000" and the like.</summary>
    public static string Bytes(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Throws at once if the stream can tell that fewer than <paramref name="total"/> bytes (from the start) are there,
    /// or more when <paramref name="exact"/>. The truncation error names the section the file ends in:
    /// <paramref name="later"/> from byte <paramref name="laterStart"/>, the header before it.
    /// </summary>
    public void ExpectTotal(long total, bool exact, long laterStart, string later)
    {
        if (_length is { } length)
        {
            if (length < total)
            {
                throw Truncated(length, total, length < laterStart ? "header" : later);
            }

            if (exact && length > total)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the file holds {Bytes(length)} bytes, {Bytes(length - total)} more than the {Bytes(total)} its header accounts for."));
            }
        }
    }

    /// <summary>Fills <paramref name="destination"/> or throws the truncation error.</summary>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="total">The file's full length as far as it is known (null: not yet).</param>
    /// <param name="what">Where the bytes belong, for the message ("header").</param>
    public void Read(Span<byte> destination, long? total, string what)
    {
        int done = 0;
        while (done < destination.Length)
        {
            int n = _stream.Read(destination[done..]);
            if (n <= 0)
            {
                throw Truncated(Position + done, total, what);
            }

            done += n;
        }

        _crc?.Append(destination);
        Position += destination.Length;
    }

    /// <summary>Reads <paramref name="count"/> bytes in chunks, allocating each chunk only as the bytes before it arrive.</summary>
    public Chunks ReadChunks(long count, long? total, string what)
    {
        var chunks = new List<byte[]>();
        long left = count;
        while (left > 0)
        {
            var chunk = new byte[(int)Math.Min(left, ChunkSize)];
            Read(chunk, total, what);
            chunks.Add(chunk);
            left -= chunk.Length;
        }

        return new Chunks(chunks, count);
    }

    /// <summary>Throws unless the stream has ended.</summary>
    public void ExpectEnd(string after)
    {
        Span<byte> one = stackalloc byte[1];
        if (_stream.Read(one) > 0)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"the file goes on after its {after}, which ends at byte {Bytes(Position)}."));
        }
    }

    public static InvalidDataException Truncated(long at, long? total, string what) =>
        new(total is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"the file is truncated at byte {Bytes(at)} of {Bytes(t)} (in its {what}).")
            : string.Create(CultureInfo.InvariantCulture, $"the file is truncated at byte {Bytes(at)}, in its {what}."));

    /// <summary>A block read in pieces, addressed as one.</summary>
    internal sealed class Chunks
    {
        private readonly List<byte[]> _chunks;

        public Chunks(List<byte[]> chunks, long length)
        {
            _chunks = chunks;
            Length = length;
        }

        public long Length { get; }

        /// <summary>Copies <paramref name="destination"/>.Length bytes starting at <paramref name="offset"/>.</summary>
        public void CopyTo(long offset, Span<byte> destination)
        {
            int chunk = (int)(offset / ChunkSize);
            int at = (int)(offset % ChunkSize);
            while (!destination.IsEmpty)
            {
                ReadOnlySpan<byte> source = _chunks[chunk].AsSpan(at);
                int n = Math.Min(source.Length, destination.Length);
                source[..n].CopyTo(destination);
                destination = destination[n..];
                chunk++;
                at = 0;
            }
        }
    }
}
