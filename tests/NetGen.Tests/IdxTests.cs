using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using NetGen.Data;
using Xunit;

namespace NetGen.Tests;

/// <summary>The IDX reader on files built here byte by byte, on broken ones, and on the real Fashion-MNIST files.</summary>
public class IdxTests
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts the files (.ci/run installs it).</summary>
    public const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    private static byte[] File(byte type, int[] dimensions, byte[] values)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + values.Length];
        bytes[2] = type;
        bytes[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        }

        values.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>Three 2 x 2 "images" of bytes 0, 1, ..., 11.</summary>
    private static byte[] Images() => File(0x08, new[] { 3, 2, 2 }, Enumerable.Range(0, 12).Select(i => (byte)i).ToArray());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_dimensions_and_bytes_plain_or_gzipped(bool gzipped)
    {
        byte[] bytes = gzipped ? Gzip(Images()) : Images();
        IdxArray array = Idx.Read(new MemoryStream(bytes));
        Assert.Equal(IdxElementType.UnsignedByte, array.ElementType);
        Assert.Equal(new[] { 3, 2, 2 }, array.Dimensions);
        Assert.Equal(3, array.Count);
        Assert.Equal(4, array.ItemLength);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (double)i), Enumerable.Range(0, 12).Select(i => array[i]));
        Assert.Equal(new[] { 0f, 2f, 4f, 6f }, array.ToArray<float>(2.0).Take(4));
    }

    [Fact]
    public void Reads_big_endian_integers_and_floats()
    {
        var ints = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(ints, -7);
        BinaryPrimitives.WriteInt32BigEndian(ints.AsSpan(4), 70000);
        Assert.Equal(new[] { -7.0, 70000.0 }, Idx.Read(new MemoryStream(File(0x0C, new[] { 2 }, ints))).ToArray<double>());

        var doubles = new byte[16];
        BinaryPrimitives.WriteDoubleBigEndian(doubles, 0.1);
        BinaryPrimitives.WriteDoubleBigEndian(doubles.AsSpan(8), -2.5e300);
        Assert.Equal(new[] { 0.1, -2.5e300 }, Idx.Read(new MemoryStream(File(0x0E, new[] { 1, 2 }, doubles))).ToArray<double>());

        var singles = new byte[4];
        BinaryPrimitives.WriteSingleBigEndian(singles, 1.5f);
        Assert.Equal(1.5, Idx.Read(new MemoryStream(File(0x0D, new[] { 1 }, singles)))[0]);

        var shorts = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(shorts, -300);
        Assert.Equal(-300.0, Idx.Read(new MemoryStream(File(0x0B, new[] { 1 }, shorts)))[0]);
        Assert.Equal(-1.0, Idx.Read(new MemoryStream(File(0x09, new[] { 1 }, new byte[] { 0xFF })))[0]);
    }

    [Fact]
    public void Every_truncation_is_rejected_and_says_where()
    {
        byte[] whole = Images();
        for (int length = 0; length < whole.Length; length++)
        {
            InvalidDataException e = Assert.Throws<InvalidDataException>(() => Idx.Read(new MemoryStream(whole, 0, length)));
            Assert.Contains("byte ", e.Message, StringComparison.Ordinal);
        }

        byte[] zipped = Gzip(whole);
        for (int length = 0; length < zipped.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => Idx.Read(new MemoryStream(zipped, 0, length)));
        }
    }

    [Fact]
    public void Data_past_the_declared_values_is_rejected()
    {
        byte[] bytes = Images().Append((byte)99).ToArray();
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => Idx.Read(new MemoryStream(bytes)));
        Assert.Equal("byte 28: the file goes on after the 12 bytes of values its dimensions 3 x 2 x 2 declare.", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 1 }, "byte 0: an IDX file starts with two zero bytes")]
    [InlineData(new byte[] { 0, 0, 7, 1, 0, 0, 0, 0 }, "byte 2: unknown element type 0x07")]
    [InlineData(new byte[] { 0, 0, 8, 0 }, "byte 3: the number of dimensions is 0")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFE }, "byte 4: dimension 1 is negative (-2)")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0, 1 }, "byte 8: the file ends inside dimension 2 of 2")]
    public void Malformed_headers_are_rejected_with_the_byte_and_the_reason(byte[] bytes, string start)
    {
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => Idx.Read(new MemoryStream(bytes)));
        Assert.StartsWith(start, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_declared_sizes_allocate_nothing_in_proportion()
    {
        // 2^31 − 1 squared doubles: more than any array; then 2^30 bytes declared with 10 present.
        byte[] impossible = File(0x0E, new[] { int.MaxValue, int.MaxValue }, Array.Empty<byte>());
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => Idx.Read(new MemoryStream(impossible)));
        Assert.Contains("more than one array holds", e.Message, StringComparison.Ordinal);

        byte[] truncated = File(0x08, new[] { 1 << 15, 1 << 15 }, new byte[10]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        e = Assert.Throws<InvalidDataException>(() => Idx.Read(new MemoryStream(truncated)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("byte 22: the file is truncated: the dimensions 32768 x 32768 declare 1073741824 bytes of values and it holds 10.", e.Message);
        Assert.True(allocated < 1 << 20, $"{allocated} bytes allocated for a 32-byte file");
    }

    [Fact]
    public void Labels_and_scaled_samples_from_files()
    {
        string directory = Path.Combine(Path.GetTempPath(), "netgen-idx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string images = Path.Combine(directory, "images-idx3-ubyte.gz");
            string labels = Path.Combine(directory, "labels-idx1-ubyte");
            System.IO.File.WriteAllBytes(images, Gzip(File(0x08, new[] { 2, 1, 2 }, new byte[] { 0, 255, 51, 102 })));
            System.IO.File.WriteAllBytes(labels, File(0x08, new[] { 2 }, new byte[] { 9, 0 }));

            double[] x = Idx.ReadSamples<double>(images, 1.0 / 255, out int features);
            Assert.Equal(2, features);
            Assert.Equal(new[] { 0.0, 1.0, 0.2, 0.4 }, x);
            Assert.Equal(new[] { 9, 0 }, Idx.ReadLabels(labels));

            InvalidDataException e = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(images));
            Assert.StartsWith(images + ": a label file has one dimension", e.Message, StringComparison.Ordinal);
            System.IO.File.WriteAllBytes(labels, new byte[] { 0, 0, 8 });
            e = Assert.Throws<InvalidDataException>(() => Idx.ReadLabels(labels));
            Assert.StartsWith(labels + ": byte 3: the file ends inside the 4-byte header", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Reads_the_real_Fashion_MNIST_test_set()
    {
        string images = Path.Combine(FashionMnist, "t10k-images-idx3-ubyte.gz");
        string labels = Path.Combine(FashionMnist, "t10k-labels-idx1-ubyte.gz");
        Assert.True(System.IO.File.Exists(images), $"{images} is missing: install it with `apt-get install dataset-fashion-mnist` (.ci/run does).");

        IdxArray array = Idx.Read(images);
        Assert.Equal(new[] { 10000, 28, 28 }, array.Dimensions);
        int[] y = Idx.ReadLabels(labels);
        Assert.Equal(10000, y.Length);

        // The test set holds 1,000 images of each of the ten classes.
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1000, y.Count(label => label == c)));
        Assert.Equal(255.0, Enumerable.Range(0, 784).Max(i => array[i]));
    }
}
