using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Google.Protobuf;
using NetGen.Runtime;
using Proto = NetGen.OnnxSchema;

namespace NetGen;

/// <summary>
/// Exports a network's inference graph as an ONNX model (<c>.onnx</c>), to run it in ONNX Runtime or any other ONNX
/// runtime: the input <c>input</c> of shape [batch, InputSize], per layer a <c>Gemm</c> (the previous output times the
/// layer's weights plus its biases) and its activation, and the output <c>output</c> of shape [batch, OutputSize], in
/// the network's own precision. The layout, and how to run the model, are in <c>docs/interop.md</c>.
/// </summary>
/// <remarks>
/// <para>The model: IR version <see cref="IrVersion"/>, operator set <see cref="OpsetVersion"/> of the default
/// (<c>ai.onnx</c>) domain, producer <c>NetGen</c> with the library's version. Layer <c>l</c> (from 1) holds the
/// initializers <c>layer{l}.weight</c> of shape [inputs, outputs], which is NetGen's weight matrix as it is (so
/// <c>Gemm</c>'s <c>transB</c> is 0, its default), and <c>layer{l}.bias</c> of shape [outputs]; the <c>Gemm</c> node
/// <c>layer{l}.gemm</c> writes <c>layer{l}.z</c> and the activation node <c>layer{l}.{activation}</c> writes
/// <c>layer{l}.a</c>; the last layer writes <c>output</c>. Each activation's nodes are written by its home
/// (<see cref="Runtime.IActivationHome.WriteOnnx"/>, in <c>Activations/</c>): Sigmoid, Tanh, ReLU and Softmax are ONNX's
/// <c>Sigmoid</c>, <c>Tanh</c>, <c>Relu</c> and <c>Softmax</c> (<c>axis</c> = −1: over each sample's outputs),
/// Identity is no node at all, and a parameter that ONNX would hold as a 32-bit float attribute (LeakyReLU's slope,
/// ELU's α) is a double constant in a double model, so that it computes exactly what the network does.</para>
/// <para>The weights are stored as they are, bit for bit (little-endian <c>raw_data</c>); nothing is converted. A
/// network whose parameters are not all finite is refused, and so is one whose parameters take more than about
/// 2 GiB, the most one protobuf message holds (ONNX's external-data form for larger models is not written).</para>
/// <para>The model is written with Google.Protobuf from ONNX's own schema (<c>onnx.proto3</c> of ONNX 1.12, compiled
/// at build time, internal to this library; see <c>src/NetGen/Formats/Onnx/NOTICE.md</c>) rather than through an ONNX package
/// for .NET: ONNX Runtime's packages run models but do not build them, ML.NET's converter
/// (<c>Microsoft.ML.OnnxConverter</c>) exports ML.NET pipelines, not arbitrary graphs, and a third-party object model
/// would be one more dependency wrapping the same generated messages. The schema ties the file format to the
/// specification itself; what NetGen takes on is one small, widely used serializer, and no ONNX type appears in its
/// public API.</para>
/// </remarks>
internal static class Onnx
{
    /// <summary>
    /// The ONNX operator set the models import: 17, the one that ONNX 1.12 (whose schema NetGen compiles) defines
    /// last; every operator used has had its present definition since operator set 13 to 16, so ONNX Runtime 1.12
    /// and later, and other runtimes of 2022 and later, load the models.
    /// </summary>
    internal const int OpsetVersion = 17;

    /// <summary>The ONNX IR version of the models: 8, the one that goes with operator set 17.</summary>
    internal const long IrVersion = 8;

    /// <summary>The most bytes of weights and biases one model holds: a protobuf message is at most 2 GiB, less room for the graph.</summary>
    private const long MaxDataBytes = int.MaxValue - (1L << 20);

    /// <summary>Writes the inference graph of <paramref name="network"/> to <paramref name="stream"/> (left open) as an ONNX model.</summary>
    /// <typeparam name="T"><see cref="float"/> (a FLOAT model) or <see cref="double"/> (a DOUBLE model).</typeparam>
    /// <param name="network">The network; its description gives the layers and activations.</param>
    /// <param name="stream">Where the model's bytes go.</param>
    /// <exception cref="InvalidOperationException">A parameter is not finite, or the parameters are too many for one ONNX file; nothing is written.</exception>
    internal static void Export<T>(IPersistentNetwork<T> network, Stream stream)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        Export(network, network.Description, stream);
    }

    /// <summary>Writes the inference graph of <paramref name="network"/> to the ONNX file <paramref name="path"/>, atomically (a temporary file beside it, renamed over it).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network; its description gives the layers and activations.</param>
    /// <param name="path">The file to create or replace, by convention ending in <c>.onnx</c>.</param>
    /// <exception cref="InvalidOperationException">A parameter is not finite, or the parameters are too many for one ONNX file; no file is touched.</exception>
    internal static void Export<T>(IPersistentNetwork<T> network, string path)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        Export(network, network.Description, path);
    }

    /// <summary>
    /// Writes the inference graph of a network that does not describe itself (a generated class, until generated
    /// classes implement <see cref="IPersistentNetwork{T}"/>) to <paramref name="stream"/> (left open).
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, as <paramref name="description"/>'s precision says.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="description">What it computes: layer sizes, activations, LeakyReLU slope and precision (the rest is not exported).</param>
    /// <param name="stream">Where the model's bytes go.</param>
    /// <exception cref="ArgumentException">The description does not fit the network: another precision, or other sizes or parameter count.</exception>
    /// <exception cref="InvalidOperationException">A parameter is not finite, or the parameters are too many for one ONNX file; nothing is written.</exception>
    internal static void Export<T>(INetwork<T> network, NetworkDescription description, Stream stream)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        Proto.ModelProto model = Build(network, description);
        model.WriteTo(stream);
        stream.Flush();
    }

    /// <summary>Writes the inference graph of a network that does not describe itself to the ONNX file <paramref name="path"/>, atomically.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, as <paramref name="description"/>'s precision says.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="description">What it computes: layer sizes, activations, LeakyReLU slope and precision.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="ArgumentException">The description does not fit the network.</exception>
    /// <exception cref="InvalidOperationException">A parameter is not finite, or the parameters are too many for one ONNX file; no file is touched.</exception>
    internal static void Export<T>(INetwork<T> network, NetworkDescription description, string path)
        where T : unmanaged
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Proto.ModelProto model = Build(network, description);
        AtomicFile.Write(path, stream => model.WriteTo(stream), static stream => stream);
    }

    /// <summary>The model, checked and complete, before anything is written.</summary>
    internal static Proto.ModelProto Build<T>(INetwork<T> network, NetworkDescription description)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(description);
        Precision precision = OptimizerStateLayout.PrecisionOf<T>();
        if (description.Precision != precision)
        {
            throw new ArgumentException($"The network computes in {typeof(T).Name} but the description says {description.Precision}.", nameof(description));
        }

        int[] sizes = description.LayerSizes.ToArray();
        if (network.ParameterCount != description.ParameterCount || network.InputSize != sizes[0] || network.OutputSize != sizes[^1])
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The description {description} has {description.ParameterCount} parameters from {sizes[0]} inputs to {sizes[^1]} outputs; the network has {network.ParameterCount} parameters, {network.InputSize} inputs and {network.OutputSize} outputs."),
                nameof(description));
        }

        int size = precision == Precision.Single ? sizeof(float) : sizeof(double);
        if ((long)network.ParameterCount * size > MaxDataBytes)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The network's {network.ParameterCount:N0} parameters take {(long)network.ParameterCount * size:N0} bytes; one ONNX file holds at most {MaxDataBytes:N0} (a protobuf message is at most 2 GiB), and NetGen does not write ONNX's external-data form."));
        }

        T[] parameters = ParameterSnapshot.Take(network, description, "exported");

        return Model(description, sizes, MemoryMarshal.AsBytes(parameters.AsSpan()), size);
    }

    private static Proto.ModelProto Model(NetworkDescription description, int[] sizes, ReadOnlySpan<byte> parameters, int size)
    {
        Proto.TensorProto.Types.DataType type = size == sizeof(float) ? Proto.TensorProto.Types.DataType.Float : Proto.TensorProto.Types.DataType.Double;
        int layers = sizes.Length - 1;
        string shape = string.Join('-', sizes);
        var graph = new Proto.GraphProto
        {
            Name = "NetGen " + shape,
            DocString = Invariant($"NetGen network {description}: {layers} fully connected layer{(layers == 1 ? string.Empty : "s")}, each a Gemm (x · W + b) and its activation."),
        };
        graph.Input.Add(Value("input", type, sizes[0], "A batch of samples, one per row."));
        graph.Output.Add(Value("output", type, sizes[^1], "The network's outputs, one row per sample."));

        string x = "input";
        long offset = 0; // in bytes
        for (int l = 1; l <= layers; l++)
        {
            int fanIn = sizes[l - 1];
            int fanOut = sizes[l];
            Activation activation = description.Activations[l - 1];
            ActivationHome home = ActivationRegistry.Find(activation) ?? throw new InvalidOperationException($"{activation} has no ONNX form.");
            string layer = Invariant($"layer{l}");
            string parameter = home.Parameter(description) is double value ? "(" + NetworkDescription.Number(value) + ")" : string.Empty;
            string what = Invariant($"layer {l} of {layers} ({fanIn} → {fanOut}, {activation}{parameter})");
            long weights = (long)fanIn * fanOut * size;
            long first = offset / size;
            graph.Initializer.Add(Tensor(
                layer + ".weight",
                type,
                new long[] { fanIn, fanOut },
                parameters.Slice((int)offset, (int)weights),
                Invariant($"{what}: the weights W, [inputs, outputs], row i = input i; NetGen's parameters {first} to {first + ((long)fanIn * fanOut) - 1}.")));
            offset += weights;
            graph.Initializer.Add(Tensor(
                layer + ".bias",
                type,
                new long[] { fanOut },
                parameters.Slice((int)offset, fanOut * size),
                Invariant($"{what}: the biases b; NetGen's parameters {offset / size} to {(offset / size) + fanOut - 1}.")));
            offset += (long)fanOut * size;

            bool last = l == layers;
            string z = last && !home.HasOnnxNode ? "output" : layer + ".z";
            string a = last ? "output" : !home.HasOnnxNode ? z : layer + ".a";
            graph.Node.Add(Node("Gemm", layer + ".gemm", new[] { x, layer + ".weight", layer + ".bias" }, z, $"{what}: z = x · W + b"));
            if (home.HasOnnxNode)
            {
                home.WriteOnnx(new Layer(graph, type, layer, what, z, a, description));
            }

            x = a;
        }

        var model = new Proto.ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "NetGen",
            ProducerVersion = ProducerVersion(),
            DocString = $"The inference graph of a NetGen network: {description}.",
            Graph = graph,
        };
        model.OpsetImport.Add(new Proto.OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        model.MetadataProps.Add(new Proto.StringStringEntryProto { Key = "netgen.description", Value = description.ToString() });
        return model;
    }

    /// <summary>A <c>Cast</c> node of <paramref name="input"/> to the type <paramref name="to"/>.</summary>
    internal static Proto.NodeProto Cast(string name, string input, string output, Proto.TensorProto.Types.DataType to, string doc)
    {
        Proto.NodeProto cast = Node("Cast", name, new[] { input }, output, doc);
        cast.Attribute.Add(new Proto.AttributeProto { Name = "to", Type = Proto.AttributeProto.Types.AttributeType.Int, I = (long)to });
        return cast;
    }

    /// <summary>A scalar constant of the graph's number type, added once as an initializer named <c>constant.</c><paramref name="name"/>.</summary>
    internal static string Constant(Proto.GraphProto graph, Proto.TensorProto.Types.DataType type, string name, double value)
    {
        string full = "constant." + name;
        if (!graph.Initializer.Any(t => t.Name == full))
        {
            byte[] bytes;
            if (type == Proto.TensorProto.Types.DataType.Float)
            {
                bytes = new byte[sizeof(float)];
                BinaryPrimitives.WriteSingleLittleEndian(bytes, (float)value);
            }
            else
            {
                bytes = new byte[sizeof(double)];
                BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
            }

            graph.Initializer.Add(Tensor(full, type, Array.Empty<long>(), bytes, Invariant($"The scalar {value}.")));
        }

        return full;
    }

    /// <summary>A node of the operator <paramref name="op"/>, with one output and a doc string.</summary>
    internal static Proto.NodeProto Node(string op, string name, string[] inputs, string output, string doc)
    {
        var node = new Proto.NodeProto { OpType = op, Name = name, DocString = doc };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>An initializer of the given type and shape; <paramref name="littleEndian"/> holds its values in the machine's order, stored little-endian.</summary>
    internal static Proto.TensorProto Tensor(string name, Proto.TensorProto.Types.DataType type, long[] dims, ReadOnlySpan<byte> littleEndian, string doc)
    {
        var tensor = new Proto.TensorProto { Name = name, DataType = (int)type, DocString = doc };
        tensor.Dims.Add(dims);
        byte[] bytes = littleEndian.ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            // raw_data is little-endian whatever the machine; the span holds the values in the machine's order.
            int width = type == Proto.TensorProto.Types.DataType.Float ? sizeof(float) : sizeof(double);
            for (int k = 0; k < bytes.Length; k += width)
            {
                Array.Reverse(bytes, k, width);
            }
        }

        tensor.RawData = UnsafeByteOperations.UnsafeWrap(bytes);
        return tensor;
    }

    /// <summary>The graph's input or output: a tensor of shape [batch, <paramref name="columns"/>], batch symbolic.</summary>
    private static Proto.ValueInfoProto Value(string name, Proto.TensorProto.Types.DataType type, int columns, string doc)
    {
        var shape = new Proto.TensorShapeProto();
        shape.Dim.Add(new Proto.TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new Proto.TensorShapeProto.Types.Dimension { DimValue = columns });
        return new Proto.ValueInfoProto
        {
            Name = name,
            DocString = doc,
            Type = new Proto.TypeProto { TensorType = new Proto.TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    /// <summary>
    /// One layer's activation as its home writes it into the graph (<see cref="IActivationHome.WriteOnnx"/>, with
    /// <see cref="Node"/>, <see cref="Constant"/>, <see cref="Cast"/> and <see cref="Tensor"/>): nodes named after the
    /// layer, from the Gemm's output <see cref="Z"/> to the layer's output <see cref="A"/>.
    /// </summary>
    /// <param name="Graph">The graph being built.</param>
    /// <param name="Type">The graph's number type, FLOAT or DOUBLE.</param>
    /// <param name="Name">The layer's name, <c>layer{l}</c>, which begins its nodes' names.</param>
    /// <param name="What">The layer in words, which begins its nodes' doc strings.</param>
    /// <param name="Z">The activation's input, the Gemm's output.</param>
    /// <param name="A">The activation's output.</param>
    /// <param name="Description">The network's description, for the activation's parameters.</param>
    internal sealed record Layer(
        Proto.GraphProto Graph, Proto.TensorProto.Types.DataType Type, string Name, string What, string Z, string A, NetworkDescription Description);

    /// <summary>The library's version as its package gives it (<c>1.0.0</c>), without build metadata.</summary>
    private static string ProducerVersion()
    {
        Assembly assembly = typeof(Onnx).Assembly;
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational is { Length: > 0 } ? informational.Split('+')[0] : assembly.GetName().Version?.ToString() ?? "0";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
