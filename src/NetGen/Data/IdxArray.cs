using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Numerics;

namespace NetGen.Data;

/// <summary>The element type of an IDX file, from its third byte.</summary>
public enum IdxElementType
{
    /// <summary>0x08: unsigned byte (the MNIST family's images and labels).</summary>
    UnsignedByte = 0x08,

    /// <summary>0x09: signed byte.</summary>
    SignedByte = 0x09,

    /// <summary>0x0B: 16-bit integer, big-endian.</summary>
    Int16 = 0x0B,

    /// <summary>0x0C: 32-bit integer, big-endian.</summary>
    Int32 = 0x0C,

    /// <summary>0x0D: 32-bit float, big-endian.</summary>
    Single = 0x0D,

    /// <summary>0x0E: 64-bit float, big-endian.</summary>
    Double = 0x0E,
}

/// <summary>The contents of an IDX file (see <see cref="Idx"/>): its dimensions and its values, in row-major order.</summary>
public sealed class IdxArray
{
    private readonly byte[] _data;
    private readonly int[] _dimensions;

    internal IdxArray(IdxElementType elementType, int[] dimensions, byte[] data)
    {
        ElementType = elementType;
        _dimensions = dimensions;
        _data = data;
        long length = 1;
        for (int d = 1; d < dimensions.Length; d++)
        {
            length *= dimensions[d];
        }

        ItemLength = (int)length;
    }

    /// <summary>The type of the stored values.</summary>
    public IdxElementType ElementType { get; }

    /// <summary>The dimensions, outermost first: for an image file, the number of images, then rows, then columns.</summary>
    public IReadOnlyList<int> Dimensions => _dimensions;

    /// <summary>The number of items: the first dimension (samples, for a data set).</summary>
    public int Count => _dimensions[0];

    /// <summary>The values per item: the product of the dimensions after the first (1 for a one-dimensional file).</summary>
    public int ItemLength { get; }

    /// <summary>The number of values: <see cref="Count"/> * <see cref="ItemLength"/>.</summary>
    public long Length => (long)Count * ItemLength;

    /// <summary>The value at a flat, row-major index.</summary>
    /// <param name="index">From 0 to <see cref="Length"/> − 1.</param>
    public double this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
            int i = (int)index;
            return ElementType switch
            {
                IdxElementType.UnsignedByte => _data[i],
                IdxElementType.SignedByte => (sbyte)_data[i],
                IdxElementType.Int16 => BinaryPrimitives.ReadInt16BigEndian(_data.AsSpan(2 * i)),
                IdxElementType.Int32 => BinaryPrimitives.ReadInt32BigEndian(_data.AsSpan(4 * i)),
                IdxElementType.Single => BinaryPrimitives.ReadSingleBigEndian(_data.AsSpan(4 * i)),
                _ => BinaryPrimitives.ReadDoubleBigEndian(_data.AsSpan(8 * i)),
            };
        }
    }

    /// <summary>Every value, multiplied by <paramref name="scale"/>, as <typeparamref name="T"/>, in row-major (sample-major) order.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="scale">The factor applied to every value: <c>1.0 / 255</c> maps image bytes to [0, 1].</param>
    /// <returns>A new array of <see cref="Length"/> values.</returns>
    public T[] ToArray<T>(double scale = 1.0)
        where T : IFloatingPointIeee754<T>
    {
        var values = new T[Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateChecked(this[i] * scale);
        }

        return values;
    }

    internal static int Width(IdxElementType type) => type switch
    {
        IdxElementType.UnsignedByte or IdxElementType.SignedByte => 1,
        IdxElementType.Int16 => 2,
        IdxElementType.Int32 or IdxElementType.Single => 4,
        _ => 8,
    };
}
