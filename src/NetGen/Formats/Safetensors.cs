using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NetGen.Runtime;

namespace NetGen;

/// <summary>
/// Imports and exports a network's weights and biases as a safetensors file (Hugging Face's format: an 8-byte
/// little-endian header length N, N bytes of UTF-8 JSON naming each tensor's dtype, shape and byte range, then the
/// little-endian tensor data), in the layout of PyTorch's <c>nn.Linear</c> or Keras's <c>Dense</c>
/// (<see cref="WeightLayout"/>). The format and the names NetGen expects are in <c>docs/file-format.md</c>.
/// </summary>
/// <remarks>
/// <para>An import checks the whole file before it changes anything: the header as the reference reader checks it
/// (size at most 100,000,000 bytes, well-formed JSON, byte ranges contiguous and in order from 0, each exactly its
/// dtype's size times its shape, together covering the data exactly) and more strictly (no duplicate names, no
/// unknown keys); then that the file holds exactly one weight and one bias tensor per layer, under the expected names,
/// of the expected shapes, of dtype F32, F64, F16 or BF16 (F16 and BF16 are widened exactly), with finite values.
/// A missing, extra, misshaped, wrongly typed or non-finite tensor is an <see cref="InvalidDataException"/> that names
/// it; there is no partial load. The optimizer state is left as it is.</para>
/// <para>An export writes F32 for a float network and F64 for a double one, the header padded with spaces to a
/// multiple of 8 bytes, and, for <see cref="WeightLayout.PyTorch"/>, the metadata <c>{"format": "pt"}</c> that
/// <c>safetensors.torch</c> writes.</para>
/// </remarks>
internal static partial class Safetensors
{
    /// <summary>The largest JSON header read, as in the reference reader.</summary>
    internal const long MaxHeaderLength = 100_000_000;

    private static readonly Dictionary<string, int> DtypeSizes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E5M2"] = 1, ["F8_E4M3"] = 1, ["F8_E8M0"] = 1,
        ["I16"] = 2, ["U16"] = 2, ["F16"] = 2, ["BF16"] = 2,
        ["I32"] = 4, ["U32"] = 4, ["F32"] = 4,
        ["I64"] = 8, ["U64"] = 8, ["F64"] = 8, ["C64"] = 8,
    };

    /// <summary>Replaces the network's weights and biases with those of a safetensors stream (read to its end; left open).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network; its description gives the layer sizes.</param>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="layout">How the file lays out and names each layer's tensors.</param>
    /// <param name="layerPrefixes">One name prefix per weight layer (<c>fc1</c> → <c>fc1.weight</c>, <c>fc1.bias</c>), or null for the layout's default names.</param>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the network; the message names the tensor. Nothing is changed.</exception>
    internal static void Import<T>(IPersistentNetwork<T> network, Stream stream, WeightLayout layout, IReadOnlyList<string>? layerPrefixes = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        Import(network, network.Description.LayerSizes, stream, layout, layerPrefixes);
    }

    /// <summary>Replaces the network's weights and biases with those of the safetensors file <paramref name="path"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network; its description gives the layer sizes.</param>
    /// <param name="path">The file.</param>
    /// <param name="layout">How the file lays out and names each layer's tensors.</param>
    /// <param name="layerPrefixes">One name prefix per weight layer, or null for the layout's default names.</param>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the network (the message names the file and the tensor). Nothing is changed.</exception>
    internal static void Import<T>(IPersistentNetwork<T> network, string path, WeightLayout layout, IReadOnlyList<string>? layerPrefixes = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        Import(network, network.Description.LayerSizes, path, layout, layerPrefixes);
    }

    /// <summary>Replaces the weights and biases of a network of the given layer sizes with those of a safetensors stream.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="layerSizes">Its layer sizes, input first (they must give its parameter count).</param>
    /// <param name="stream">The file's bytes, read to the end; left open.</param>
    /// <param name="layout">How the file lays out and names each layer's tensors.</param>
    /// <param name="layerPrefixes">One name prefix per weight layer, or null for the layout's default names.</param>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the network; the message names the tensor. Nothing is changed.</exception>
    internal static void Import<T>(INetwork<T> network, IReadOnlyList<int> layerSizes, Stream stream, WeightLayout layout, IReadOnlyList<string>? layerPrefixes = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        int[] sizes = CheckArguments(network, layerSizes, layout, layerPrefixes);
        var reader = new InputReader(stream, hash: false);
        Header header = ReadHeader(reader);
        long total = 8 + header.Length + header.DataLength;
        reader.ExpectTotal(total, exact: true, 8 + header.Length, "data");
        List<(string Weight, string Bias)> names = Names(sizes, layout, layerPrefixes, header.Tensors);
        Match(sizes, layout, names, header.Tensors);

        // Every tensor now has a shape the network gives, so the data is no larger than the network's parameters.
        InputReader.Chunks data = reader.ReadChunks(header.DataLength, total, "data");
        reader.ExpectEnd("data");
        var parameters = new T[network.ParameterCount];
        int p = 0;
        for (int l = 0; l < names.Count; l++)
        {
            int fanIn = sizes[l];
            int fanOut = sizes[l + 1];
            Tensor weight = header.Tensors[names[l].Weight];
            for (int i = 0; i < fanIn; i++)
            {
                for (int j = 0; j < fanOut; j++)
                {
                    long element = layout == WeightLayout.PyTorch ? ((long)j * fanIn) + i : ((long)i * fanOut) + j;
                    parameters[p++] = Value<T>(data, weight, element, layout == WeightLayout.PyTorch ? $"[{j}, {i}]" : $"[{i}, {j}]");
                }
            }

            Tensor bias = header.Tensors[names[l].Bias];
            for (int j = 0; j < fanOut; j++)
            {
                parameters[p++] = Value<T>(data, bias, j, $"[{j}]");
            }
        }

        network.SetParameters(parameters);
    }

    /// <summary>Replaces the weights and biases of a network of the given layer sizes with those of the safetensors file <paramref name="path"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="layerSizes">Its layer sizes, input first.</param>
    /// <param name="path">The file.</param>
    /// <param name="layout">How the file lays out and names each layer's tensors.</param>
    /// <param name="layerPrefixes">One name prefix per weight layer, or null for the layout's default names.</param>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the network (the message names the file and the tensor). Nothing is changed.</exception>
    internal static void Import<T>(INetwork<T> network, IReadOnlyList<int> layerSizes, string path, WeightLayout layout, IReadOnlyList<string>? layerPrefixes = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckArguments(network, layerSizes, layout, layerPrefixes);
        using FileStream file = File.OpenRead(path);
        try
        {
            Import(network, layerSizes, file, layout, layerPrefixes);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(path + ": " + e.Message, e);
        }
    }

    /// <summary>Writes the network's weights and biases to <paramref name="stream"/> (left open) as a safetensors file.</summary>
    /// <typeparam name="T"><see cref="float"/> (written as F32) or <see cref="double"/> (F64).</typeparam>
    /// <param name="network">The network; its description gives the layer sizes.</param>
    /// <param name="stream">Where the bytes go.</param>
    /// <param name="layout">How to lay out and name each layer's tensors.</param>
    /// <param name="layerPrefixes">One name prefix per weight layer, or null for the layout's default names (<c>0</c>, <c>2</c>, <c>4</c>, … for PyTorch, as an <c>nn.Sequential</c> with an activation module after each Linear names them).</param>
    /// <exception cref="InvalidOperationException">A parameter is not finite (the file would not import); nothing is written.</exception>
    internal static void Export<T>(IPersistentNetwork<T> network, Stream stream, WeightLayout layout, IReadOnlyList<string>? layerPrefixes = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        Export(network, network.Description.LayerSizes, stream, layout, layerPrefixes);
    }

    /// <summary>Writes the network's weights and biases to the safetensors file <paramref name="path"/>, atomically (a temporary file beside it, renamed over it).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network; its description gives the layer sizes.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="layout">How to lay out and name each layer's tensors.</param>
    /// <param name="layerPrefixes">One name prefix per weight layer, or null for the layout's default names.</param>
    /// <exception cref="InvalidOperationException">A parameter is not finite; no file is touched.</exception>
    internal static void Export<T>(IPersistentNetwork<T> network, string path, WeightLayout layout, IReadOnlyList<string>? layerPrefixes = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        Export(network, network.Description.LayerSizes, path, layout, layerPrefixes);
    }

    /// <summary>Writes the weights and biases of a network of the given layer sizes to <paramref name="stream"/> as a safetensors file.</summary>
    /// <typeparam name="T"><see cref="float"/> (written as F32) or <see cref="double"/> (F64).</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="layerSizes">Its layer sizes, input first.</param>
    /// <param name="stream">Where the bytes go; left open.</param>
    /// <param name="layout">How to lay out and name each layer's tensors.</param>
    /// <param name="layerPrefixes">One name prefix per weight layer, or null for the layout's default names.</param>
    /// <exception cref="InvalidOperationException">A parameter is not finite; nothing is written.</exception>
    internal static void Export<T>(INetwork<T> network, IReadOnlyList<int> layerSizes, Stream stream, WeightLayout layout, IReadOnlyList<string>? layerPrefixes = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] file = Encode(network, layerSizes, layout, layerPrefixes);
        stream.Write(file);
        stream.Flush();
    }

    /// <summary>Writes the weights and biases of a network of the given layer sizes to the safetensors file <paramref name="path"/>, atomically.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="layerSizes">Its layer sizes, input first.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="layout">How to lay out and name each layer's tensors.</param>
    /// <param name="layerPrefixes">One name prefix per weight layer, or null for the layout's default names.</param>
    /// <exception cref="InvalidOperationException">A parameter is not finite; no file is touched.</exception>
    internal static void Export<T>(INetwork<T> network, IReadOnlyList<int> layerSizes, string path, WeightLayout layout, IReadOnlyList<string>? layerPrefixes = null)
        where T : unmanaged
    {
        byte[] file = Encode(network, layerSizes, layout, layerPrefixes);
        AtomicFile.Write(path, stream => stream.Write(file), static stream => stream);
    }

    private static byte[] Encode<T>(INetwork<T> network, IReadOnlyList<int> layerSizes, WeightLayout layout, IReadOnlyList<string>? layerPrefixes)
        where T : unmanaged
    {
        int[] sizes = CheckArguments(network, layerSizes, layout, layerPrefixes);
        int layers = sizes.Length - 1;
        IReadOnlyList<string> prefixes = layerPrefixes
            ?? Enumerable.Range(0, layers).Select(l => layout == WeightLayout.PyTorch ? (2 * l).ToString(CultureInfo.InvariantCulture) : KerasName(l)).ToArray();
        T[] parameters = ParameterSnapshot.Take(network, description: null, "exported (the file would not import)");

        int size = typeof(T) == typeof(float) ? sizeof(float) : sizeof(double);
        string dtype = size == sizeof(float) ? "F32" : "F64";
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (layout == WeightLayout.PyTorch)
            {
                writer.WriteStartObject("__metadata__");
                writer.WriteString("format", "pt");
                writer.WriteEndObject();
            }

            long offset = 0;
            for (int l = 0; l < layers; l++)
            {
                (string weight, string bias) = TensorNames(prefixes[l], layout);
                long[] shape = layout == WeightLayout.PyTorch ? new long[] { sizes[l + 1], sizes[l] } : new long[] { sizes[l], sizes[l + 1] };
                WriteInfo(writer, weight, dtype, shape, ref offset, size);
                WriteInfo(writer, bias, dtype, new long[] { sizes[l + 1] }, ref offset, size);
            }

            writer.WriteEndObject();
        }

        int headerLength = (int)((json.Length + 7) / 8 * 8);
        var file = new byte[8 + headerLength + ((long)parameters.Length * size)];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)headerLength);
        json.ToArray().CopyTo(file, 8);
        file.AsSpan(8 + (int)json.Length, headerLength - (int)json.Length).Fill((byte)' ');
        long at = 8 + headerLength;
        int p = 0;
        for (int l = 0; l < layers; l++)
        {
            int fanIn = sizes[l];
            int fanOut = sizes[l + 1];
            for (int e = 0; e < fanIn * fanOut; e++)
            {
                // PyTorch's weight is [out, in]: its element e = j·in + i is NetGen's W[i, j] = parameter i·out + j.
                int k = layout == WeightLayout.PyTorch ? p + ((e % fanIn) * fanOut) + (e / fanIn) : p + e;
                WriteValue(file.AsSpan((int)at), parameters[k], size);
                at += size;
            }

            p += fanIn * fanOut;
            for (int j = 0; j < fanOut; j++)
            {
                WriteValue(file.AsSpan((int)at), parameters[p++], size);
                at += size;
            }
        }

        return file;
    }

    private static void WriteInfo(Utf8JsonWriter writer, string name, string dtype, long[] shape, ref long offset, int size)
    {
        long bytes = shape.Aggregate(1L, (a, b) => a * b) * size;
        writer.WriteStartObject(name);
        writer.WriteString("dtype", dtype);
        writer.WriteStartArray("shape");
        foreach (long dimension in shape)
        {
            writer.WriteNumberValue(dimension);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("data_offsets");
        writer.WriteNumberValue(offset);
        writer.WriteNumberValue(offset + bytes);
        writer.WriteEndArray();
        writer.WriteEndObject();
        offset += bytes;
    }

    private static void WriteValue<T>(Span<byte> destination, T value, int size)
        where T : unmanaged
    {
        double v = OptimizerStateLayout.ToDouble(value);
        if (size == sizeof(float))
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination, (float)v);
        }
        else
        {
            BinaryPrimitives.WriteDoubleLittleEndian(destination, v);
        }
    }

    /// <summary>Checks the arguments every entry point shares and returns the layer sizes as an array.</summary>
    private static int[] CheckArguments<T>(INetwork<T> network, IReadOnlyList<int> layerSizes, WeightLayout layout, IReadOnlyList<string>? layerPrefixes)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(layerSizes);
        OptimizerStateLayout.PrecisionOf<T>();
        int[] sizes = layerSizes.ToArray();
        long count = Topology.ParameterCount(sizes);
        if (count != network.ParameterCount || sizes[0] != network.InputSize || sizes[^1] != network.OutputSize)
        {
            throw new ArgumentException(
                $"The layer sizes {string.Join('-', sizes)} make {count} parameters from {sizes[0]} inputs to {sizes[^1]} outputs; the network has {network.ParameterCount} parameters, {network.InputSize} inputs and {network.OutputSize} outputs.",
                nameof(layerSizes));
        }

        if (!Enum.IsDefined(layout))
        {
            throw new ArgumentException($"{layout} is not a WeightLayout.", nameof(layout));
        }

        if (layerPrefixes is not null)
        {
            if (layerPrefixes.Count != sizes.Length - 1)
            {
                throw new ArgumentException(
                    $"layerPrefixes must give one prefix per weight layer: the network has {sizes.Length - 1}, got {layerPrefixes.Count}.", nameof(layerPrefixes));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string prefix in layerPrefixes)
            {
                if (string.IsNullOrEmpty(prefix) || !seen.Add(prefix))
                {
                    throw new ArgumentException($"Every layer prefix must be non-empty and different from the others; got \"{prefix}\" twice or empty.", nameof(layerPrefixes));
                }
            }
        }

        return sizes;
    }

    private static string KerasName(int layer) => layer == 0 ? "dense" : "dense_" + layer.ToString(CultureInfo.InvariantCulture);

    private static (string Weight, string Bias) TensorNames(string prefix, WeightLayout layout) =>
        layout == WeightLayout.PyTorch ? (prefix + ".weight", prefix + ".bias") : (prefix + "/kernel", prefix + "/bias");

    /// <summary>The weight and bias names of each layer: from the prefixes, the layout's defaults, or an nn.Sequential's indices.</summary>
    private static List<(string Weight, string Bias)> Names(int[] sizes, WeightLayout layout, IReadOnlyList<string>? prefixes, Dictionary<string, Tensor> tensors)
    {
        int layers = sizes.Length - 1;
        if (prefixes is null && layout == WeightLayout.PyTorch)
        {
            // nn.Sequential: "{index}.weight" and "{index}.bias", the Linear modules' indices, increasing.
            var indices = new SortedSet<int>();
            foreach (string name in tensors.Keys)
            {
                int dot = name.IndexOf('.', StringComparison.Ordinal);
                string suffix = dot < 0 ? string.Empty : name[(dot + 1)..];
                if (dot < 1 || (suffix != "weight" && suffix != "bias") || !CanonicalIndex(name[..dot], out int index))
                {
                    throw new InvalidDataException(
                        $"tensor '{name}' is not named as in an nn.Sequential of Linear layers (0.weight, 0.bias, 2.weight, …); pass layerPrefixes (e.g. \"fc1\", \"fc2\") to name the layers.");
                }

                indices.Add(index);
            }

            if (indices.Count != layers)
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the file holds {indices.Count} nn.Sequential Linear layers ({string.Join(", ", indices)}); this network has {layers} ({string.Join('-', sizes)})."));
            }

            return indices.Select(i => TensorNames(i.ToString(CultureInfo.InvariantCulture), layout)).ToList();
        }

        return Enumerable.Range(0, layers).Select(l => TensorNames(prefixes?[l] ?? KerasName(l), layout)).ToList();
    }

    private static bool CanonicalIndex(string text, out int index) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index)
        && index.ToString(CultureInfo.InvariantCulture) == text;

    /// <summary>Every expected tensor present, of its shape and a float dtype; no tensor left over.</summary>
    private static void Match(int[] sizes, WeightLayout layout, List<(string Weight, string Bias)> names, Dictionary<string, Tensor> tensors)
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (int l = 0; l < names.Count; l++)
        {
            int fanIn = sizes[l];
            int fanOut = sizes[l + 1];
            string layer = string.Create(CultureInfo.InvariantCulture, $"layer {l + 1} ({fanIn} → {fanOut})");
            long[] weightShape = layout == WeightLayout.PyTorch ? new long[] { fanOut, fanIn } : new long[] { fanIn, fanOut };
            string weightForm = layout == WeightLayout.PyTorch ? "nn.Linear's weight is [out, in]" : "Dense's kernel is [in, out]";
            Expect(names[l].Weight, weightShape, $"{layer}'s weight; {weightForm}");
            Expect(names[l].Bias, new long[] { fanOut }, $"{layer}'s bias");
        }

        foreach (string name in tensors.Keys.Order(StringComparer.Ordinal))
        {
            if (!expected.Contains(name))
            {
                throw new InvalidDataException(
                    $"the file holds tensor '{name}', which no layer of this network takes (it takes {string.Join(", ", names.SelectMany(n => new[] { n.Weight, n.Bias }))}); a file must hold exactly the network's weights.");
            }
        }

        void Expect(string name, long[] shape, string what)
        {
            expected.Add(name);
            if (!tensors.TryGetValue(name, out Tensor? tensor))
            {
                throw new InvalidDataException($"the file has no tensor '{name}' ({what}, shape {Shape(shape)}).");
            }

            if (tensor.Dtype is not ("F32" or "F64" or "F16" or "BF16"))
            {
                throw new InvalidDataException($"tensor '{name}' has dtype {tensor.Dtype}; NetGen imports F32, F64, F16 and BF16.");
            }

            if (!tensor.Shape.SequenceEqual(shape.Select(d => (ulong)d)))
            {
                throw new InvalidDataException($"tensor '{name}' has shape {Shape(tensor.Shape)}; {what} needs {Shape(shape)}.");
            }
        }
    }

    private static string Shape<TDimension>(IEnumerable<TDimension> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>Element <paramref name="element"/> of a tensor, as <typeparamref name="T"/>; a value that is not finite there is refused.</summary>
    private static T Value<T>(InputReader.Chunks data, Tensor tensor, long element, string index)
        where T : unmanaged
    {
        Span<byte> bytes = stackalloc byte[8];
        int size = DtypeSizes[tensor.Dtype];
        bytes = bytes[..size];
        data.CopyTo((long)tensor.Begin + (element * size), bytes);
        double value = tensor.Dtype switch
        {
            "F64" => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            "F32" => BinaryPrimitives.ReadSingleLittleEndian(bytes),
            "F16" => (double)BinaryPrimitives.ReadHalfLittleEndian(bytes),
            _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16), // BF16: the high half of a float
        };
        T result = OptimizerStateLayout.FromDouble<T>(value);
        double stored = OptimizerStateLayout.ToDouble(result);
        if (!double.IsFinite(stored))
        {
            throw new InvalidDataException(
                $"tensor '{tensor.Name}' element {index} is {OptimizerStateLayout.Text(value)}"
                + (double.IsFinite(value) ? $", which overflows {typeof(T).Name}" : string.Empty)
                + "; every weight and bias must be finite.");
        }

        return result;
    }

}
