using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using NetGen.Runtime;

namespace NetGen;

// The header of NetGen's network file: the version-2 tables of hyper-parameters and per-layer values, writing it,
// and reading versions 2 and 1 back into a description (docs/file-format.md).
public static partial class NetworkFile
{
    /// <summary>
    /// The hyper-parameters a version-2 file holds, in the order it holds them: a name of at most
    /// <see cref="NameLength"/> ASCII letters and the value as a description has it. Adding a hyper-parameter is one
    /// entry here, appended, with <c>Absent</c> the value it takes in version-2 files written before it existed (e.g.
    /// <c>new("Dampening", d => d.Dampening, Absent: 0.0)</c>), and one argument in <see cref="Describe"/>; the format's
    /// version stays. The entries without <c>Absent</c> are the ones every version-2 file holds.
    /// </summary>
    private static readonly HyperParameter[] HyperParameterTable =
    {
        new("LearningRate", d => d.LearningRate),
        new("Momentum", d => d.Momentum),
        new("Nesterov", d => d.Nesterov ? 1.0 : 0.0),
        new("Beta1", d => d.Beta1),
        new("Beta2", d => d.Beta2),
        new("Epsilon", d => d.Epsilon),
        new("WeightDecay", d => d.WeightDecay),
        new("LeakySlope", d => d.LeakySlope),
        new("Alpha", d => d.Alpha),
        new("HuberDelta", d => d.HuberDelta),
        new("EluAlpha", d => d.EluAlpha),
        new("Dropout", d => d.Dropout, Absent: 0.0),
    };

    /// <summary>
    /// The named per-layer values a version-2 file holds (one f64 per weight layer each), in order, besides each layer's
    /// activation byte: none yet. An entry here is a value a future layer option needs, e.g. a per-layer rate.
    /// </summary>
    private static readonly LayerValue[] LayerValueTable = Array.Empty<LayerValue>();

    /// <summary>The bytes of a name in the tables: ASCII letters and digits, padded with zeros.</summary>
    private const int NameLength = 16;

    /// <summary>The fixed part of a version-2 header, before the layer sizes.</summary>
    private const int FixedHeaderLength2 = 24;

    /// <summary>The header's length for <paramref name="sizes"/> layer sizes: 80 + 4n + (n − 1), padded to 8, + 16.</summary>
    private static long HeaderLength(long sizes) => ((FixedHeaderLength + (4 * sizes) + (sizes - 1) + 7) / 8 * 8) + 16;

    /// <summary>
    /// A version-2 header's length: 24 + 4n + (n − 1), padded to 8, then 24 per hyper-parameter, 16 + 8(n − 1) per
    /// named per-layer value, then 16.
    /// </summary>
    private static long HeaderLength2(long sizes, long hyperParameters, long layerValues) =>
        ((FixedHeaderLength2 + (4 * sizes) + (sizes - 1) + 7) / 8 * 8) + ((NameLength + 8) * hyperParameters)
        + ((NameLength + (8 * (sizes - 1))) * layerValues) + 16;

    private static byte[] EncodeHeader(NetworkDescription d)
    {
        int n = d.LayerSizes.Count;
        var header = new byte[HeaderLength2(n, HyperParameterTable.Length, LayerValueTable.Length)];
        Span<byte> h = header;
        Magic.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], FormatVersion);
        h[12] = (byte)d.Precision;
        h[13] = (byte)d.Loss;
        h[14] = (byte)d.Reduction;
        h[15] = (byte)d.Optimizer;
        BinaryPrimitives.WriteUInt16LittleEndian(h[16..], (ushort)HyperParameterTable.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h[18..], (ushort)LayerValueTable.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)n);
        int at = FixedHeaderLength2;
        foreach (int size in d.LayerSizes)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h[at..], (uint)size);
            at += 4;
        }

        foreach (Activation activation in d.Activations)
        {
            h[at++] = (byte)activation;
        }

        at = (at + 7) / 8 * 8;
        foreach (HyperParameter entry in HyperParameterTable)
        {
            System.Text.Encoding.ASCII.GetBytes(entry.Name, h[at..]);
            BinaryPrimitives.WriteDoubleLittleEndian(h[(at + NameLength)..], entry.Get(d));
            at += NameLength + 8;
        }

        foreach (LayerValue entry in LayerValueTable)
        {
            System.Text.Encoding.ASCII.GetBytes(entry.Name, h[at..]);
            at += NameLength;
            for (int l = 0; l < n - 1; l++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(h[at..], entry.Get(d, l));
                at += 8;
            }
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

        reader.Read(h[Magic.Length..FixedHeaderLength2], null, "header");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(h[8..]);
        if (version != 1 && version != FormatVersion)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"the file is in format version {version}; this version of NetGen reads versions 1 and {FormatVersion}."));
        }

        Precision precision = (Precision)Field(h, 12, 1, "precision");
        Loss loss = (Loss)Field(h, 13, 5, "loss");
        Reduction reduction = (Reduction)Field(h, 14, 1, "reduction");
        Optimizer optimizer = (Optimizer)Field(h, 15, OptimizerRule.All.Count - 1, "optimizer");
        var values = new double?[HyperParameterTable.Length];
        int hyperParameters = 0, layerValues = 0;
        int fixedLength = FixedHeaderLength2;
        if (version == 1)
        {
            reader.Read(h[FixedHeaderLength2..], null, "header");
            fixedLength = FixedHeaderLength;
            if (optimizer > Optimizer.AdamW)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the header's optimizer is {(int)optimizer}; it must be in [0, 2]."));
            }

            values[Index("Nesterov")] = Field(h, 16, 1, "Nesterov flag");
            if (h[17] != 0 || h[18] != 0 || h[19] != 0)
            {
                throw new InvalidDataException("bytes 17 to 19 of the header are reserved and must be 0.");
            }

            // Version 1's fixed slots; its files have no Alpha, HuberDelta, EluAlpha or Dropout (nothing then read them).
            string[] slots = { "LeakySlope", "LearningRate", "Momentum", "Beta1", "Beta2", "Epsilon", "WeightDecay" };
            for (int k = 0; k < slots.Length; k++)
            {
                values[Index(slots[k])] = BinaryPrimitives.ReadDoubleLittleEndian(h[(24 + (8 * k))..]);
            }

            values[Index("Alpha")] = OptionRules.DefaultAlpha;
            values[Index("HuberDelta")] = OptionRules.DefaultHuberDelta;
            values[Index("EluAlpha")] = OptionRules.DefaultEluAlpha;
            values[Index("Dropout")] = 0.0;
        }
        else
        {
            hyperParameters = BinaryPrimitives.ReadUInt16LittleEndian(h[16..]);
            layerValues = BinaryPrimitives.ReadUInt16LittleEndian(h[18..]);
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(h[20..]);
        if (count < 2 || count > int.MaxValue / 8)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture, $"the header declares {count} layer sizes; a network has at least 2 (input and output), and at most 2^28."));
        }

        long length = version == 1 ? HeaderLength(count) : HeaderLength2(count, hyperParameters, layerValues);
        reader.ExpectTotal(length, exact: false, length, "header");
        InputReader.Chunks rest = reader.ReadChunks(length - fixedLength, null, "header");
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

        long tables = version == 1 ? length - 16 : (fixedLength + (4L * count) + (count - 1) + 7) / 8 * 8;
        long padding = tables - fixedLength - (4L * count) - (count - 1);
        for (long k = 0; k < padding; k++)
        {
            rest.CopyTo((4L * count) + (count - 1) + k, one);
            if (one[0] != 0)
            {
                throw new InvalidDataException("the header's padding after the activations must be 0.");
            }
        }

        if (version != 1)
        {
            ReadTables(rest, tables - fixedLength, hyperParameters, layerValues, values);
        }

        Span<byte> counts = stackalloc byte[16];
        rest.CopyTo(length - fixedLength - 16, counts);
        ulong declaredParameters = BinaryPrimitives.ReadUInt64LittleEndian(counts);
        ulong declaredState = BinaryPrimitives.ReadUInt64LittleEndian(counts[8..]);
        NetworkDescription description;
        try
        {
            description = Describe(sizes, activations, loss, reduction, optimizer, precision, name => values[Index(name)]!.Value);
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

    /// <summary>The description a header holds, each hyper-parameter by its name in <see cref="HyperParameterTable"/>.</summary>
    private static NetworkDescription Describe(
        int[] sizes, Activation[] activations, Loss loss, Reduction reduction, Optimizer optimizer, Precision precision, Func<string, double> value)
    {
        double nesterov = value("Nesterov");
        if (nesterov != 0.0 && nesterov != 1.0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Nesterov is {nesterov}; it must be 0 (false) or 1 (true)."));
        }

        return new NetworkDescription(
            sizes,
            activations,
            loss,
            reduction,
            optimizer,
            learningRate: value("LearningRate"),
            momentum: value("Momentum"),
            nesterov: nesterov == 1.0,
            beta1: value("Beta1"),
            beta2: value("Beta2"),
            epsilon: value("Epsilon"),
            weightDecay: value("WeightDecay"),
            leakySlope: value("LeakySlope"),
            precision: precision,
            huberDelta: value("HuberDelta"),
            eluAlpha: value("EluAlpha"),
            alpha: value("Alpha"),
            dropout: value("Dropout"));
    }

    /// <summary>
    /// Reads a version-2 header's hyper-parameter table into <paramref name="values"/> (by the position of each name in
    /// <see cref="HyperParameterTable"/>) and checks its per-layer table: every name known, none twice, none missing.
    /// </summary>
    private static void ReadTables(InputReader.Chunks rest, long at, int hyperParameters, int layerValues, double?[] values)
    {
        Span<byte> entry = stackalloc byte[NameLength + 8];
        for (int k = 0; k < hyperParameters; k++)
        {
            rest.CopyTo(at, entry);
            at += NameLength + 8;
            string name = Name(entry[..NameLength], "hyper-parameter", k);
            int index = Array.FindIndex(HyperParameterTable, e => e.Name == name);
            if (index < 0)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the header's hyper-parameter {k} is {name}, which this version of NetGen does not know (it knows {string.Join(", ", HyperParameterTable.Select(e => e.Name))})."));
            }

            if (values[index] is not null)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the header gives the hyper-parameter {name} twice (entry {k})."));
            }

            values[index] = BinaryPrimitives.ReadDoubleLittleEndian(entry[NameLength..]);
        }

        for (int k = 0; k < values.Length; k++)
        {
            values[k] ??= HyperParameterTable[k].Absent;
            if (values[k] is null)
            {
                throw new InvalidDataException($"the header does not give the hyper-parameter {HyperParameterTable[k].Name}.");
            }
        }

        // No named per-layer value exists yet (LayerValueTable is empty): the first entry, if any, is one this version does not know.
        if (layerValues > 0)
        {
            rest.CopyTo(at, entry[..NameLength]);
            string name = Name(entry[..NameLength], "per-layer value", 0);
            throw new InvalidDataException($"the header's per-layer value 0 is {name}, which this version of NetGen does not know (it knows none).");
        }
    }

    /// <summary>A table entry's name: 1 to 16 ASCII letters or digits, then zeros.</summary>
    private static string Name(ReadOnlySpan<byte> bytes, string what, int k)
    {
        int length = bytes.IndexOf((byte)0);
        length = length < 0 ? bytes.Length : length;
        bool valid = length > 0;
        for (int i = 0; i < bytes.Length && valid; i++)
        {
            byte b = bytes[i];
            valid = i < length ? (b is >= (byte)'A' and <= (byte)'Z') || (b is >= (byte)'a' and <= (byte)'z') || (b is >= (byte)'0' and <= (byte)'9') : b == 0;
        }

        if (!valid)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"the header's {what} {k} has the name bytes {Convert.ToHexString(bytes)}; a name is 1 to {NameLength} ASCII letters or digits, padded with zeros."));
        }

        return System.Text.Encoding.ASCII.GetString(bytes[..length]);
    }

    private static int Index(string name) => Array.FindIndex(HyperParameterTable, e => e.Name == name);

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

    /// <summary>A hyper-parameter of <see cref="HyperParameterTable"/>: its name in the file and its value in a description.</summary>
    private sealed record HyperParameter(string Name, Func<NetworkDescription, double> Get, double? Absent = null);

    /// <summary>A named per-layer value of <see cref="LayerValueTable"/>: its name and its value for weight layer l (0 = first).</summary>
    private sealed record LayerValue(string Name, Func<NetworkDescription, int, double> Get);

    private sealed record Header(NetworkDescription Description, long Length);
}
