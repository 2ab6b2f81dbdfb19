using System;
using System.Collections.Generic;
using System.IO;
#if !NETGEN_PORTABLE
using System.Numerics;
#endif
using NetGen.Training;

namespace NetGen;

/// <summary>
/// The training loop, NetGen's file, safetensors and ONNX for every network that describes itself: each generated
/// class, and <see cref="Reference.ReferenceNetwork"/>. These methods are the one public way to save, load, import and
/// export a network (<c>docs/file-format.md</c> and <c>docs/interop.md</c> give the formats); <c>net.Fit(...)</c> is
/// <see cref="Trainer"/>'s loop. Written once here, they do not repeat in every generated class.
/// </summary>
public static class NetworkExtensions
{
    /// <summary>
    /// Trains the network on inputs and their target rows: <see cref="FitOptions{T}.Epochs"/> epochs of mini-batch
    /// TrainSteps, shuffled before every epoch, with the validation set evaluated after each and early stopping if
    /// asked. The same as <see cref="Trainer.Fit{T}(INetwork{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, FitOptions{T}?)"/>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network to train.</param>
    /// <param name="inputs">N * InputSize values, sample-major, N ≥ 1, all finite.</param>
    /// <param name="targets">N * OutputSize values, sample-major, all finite.</param>
    /// <param name="options">Epochs, batch size, shuffle, validation set or split, early stopping, learning-rate schedule and progress; null for one shuffled epoch of batches of 32.</param>
    /// <returns>Every epoch's report, the best epoch and whether training stopped early.</returns>
    /// <exception cref="ArgumentException">A size does not fit the network, a value (or the network's own starting parameters or optimizer state) is not finite, early stopping was asked for without validation data, the validation split leaves a part empty or comes with a validation set, or the learning-rate schedule gives a rate that is not finite and positive; nothing was changed.</exception>
    /// <exception cref="TrainingDivergedException">A step's loss or gradient, or the parameters or optimizer state, became NaN or infinite; as for <see cref="Trainer"/>'s <c>Fit</c>, the network holds the parameters and optimizer state of before the refused step or, after an update that overflowed, of the last finished epoch.</exception>
    public static TrainingReport Fit<T>(this IPersistentNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, FitOptions<T>? options = null)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Trainer.Fit(network, inputs, targets, options);

    /// <summary>
    /// Trains the network as a classifier on inputs and their class labels, each standing for a one-hot target row. The
    /// same as <see cref="Trainer.Fit{T}(INetwork{T}, ReadOnlySpan{T}, ReadOnlySpan{int}, FitOptions{T}?)"/>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network to train.</param>
    /// <param name="inputs">N * InputSize values, sample-major, N ≥ 1, all finite.</param>
    /// <param name="labels">N classes, each in [0, OutputSize).</param>
    /// <param name="options">As for the target rows' overload.</param>
    /// <returns>Every epoch's report, the best epoch and whether training stopped early.</returns>
    /// <exception cref="ArgumentException">A size does not fit, a label is out of range, a value is not finite, or an option does not fit the data (as for the target rows' overload); nothing was changed.</exception>
    /// <exception cref="TrainingDivergedException">A step's loss or gradient, or the parameters or optimizer state, became NaN or infinite; as for <see cref="Trainer"/>'s <c>Fit</c>, the network holds the parameters and optimizer state of before the refused step or, after an update that overflowed, of the last finished epoch.</exception>
    public static TrainingReport Fit<T>(this IPersistentNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels, FitOptions<T>? options = null)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Trainer.Fit(network, inputs, labels, options);

    /// <summary>The mean loss per sample on inputs and their target rows; nothing changes. The same as <see cref="Trainer.Evaluate{T}(INetwork{T}, ReadOnlySpan{T}, ReadOnlySpan{T})"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="inputs">N * InputSize values, sample-major.</param>
    /// <param name="targets">N * OutputSize values, sample-major.</param>
    /// <returns>The loss (no accuracy).</returns>
    public static Evaluation Evaluate<T>(this IPersistentNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Trainer.Evaluate(network, inputs, targets);

    /// <summary>
    /// The mean loss per sample on inputs and their class labels, the accuracy and the confusion matrix; nothing changes.
    /// The same as <see cref="Trainer.Evaluate{T}(INetwork{T}, ReadOnlySpan{T}, ReadOnlySpan{int})"/>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="inputs">N * InputSize values, sample-major.</param>
    /// <param name="labels">N classes, each in [0, OutputSize).</param>
    /// <returns>The loss, the accuracy and the confusion matrix (rows: the true class).</returns>
    public static Evaluation Evaluate<T>(this IPersistentNetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Trainer.Evaluate(network, inputs, labels);

    /// <summary>
    /// Writes the network (description, parameters, optimizer state) to a stream in NetGen's file format, from which
    /// <see cref="Load{T}(IPersistentNetwork{T}, Stream)"/> resumes training bit for bit.
    /// </summary>
    /// <exception cref="InvalidOperationException">A parameter or optimizer state value is not finite (such a file would not load); nothing is written.</exception>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="stream">Where the file's bytes go (left open).</param>
    public static void Save<T>(this IPersistentNetwork<T> network, Stream stream)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        NetworkFile.Save(network, stream);

    /// <summary>
    /// Writes the network to a file atomically: <c>.NAME.tmp</c> beside it, flushed to disk and renamed over it, so the
    /// file holds the old network or the new one whatever happens (a save killed part-way leaves at most that one
    /// temporary file, which the next save replaces).
    /// </summary>
    /// <exception cref="InvalidOperationException">A parameter or optimizer state value is not finite; no file is touched.</exception>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="path">The file to create or replace.</param>
    public static void Save<T>(this IPersistentNetwork<T> network, string path)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        NetworkFile.Save(network, path);

    /// <summary>
    /// Reads a file Save wrote into the network (parameters, optimizer state, learning rate), after checking all of it;
    /// a file that does not fit is an <see cref="InvalidDataException"/> and nothing changes. The file's description must
    /// equal the network's, all but the learning rate, which the file restores (<see cref="NetworkFile.ReadDescription(Stream)"/>
    /// tells what a file holds).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a NetGen network file, is truncated or damaged, holds another network or a value that is not finite; the message says which, and the network is unchanged.</exception>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="stream">The file's bytes, read to the end (left open).</param>
    public static void Load<T>(this IPersistentNetwork<T> network, Stream stream)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        NetworkFile.Load(network, stream);

    /// <summary>Reads the file Save wrote at <paramref name="path"/> into the network, all or nothing, as <see cref="Load{T}(IPersistentNetwork{T}, Stream)"/> does.</summary>
    /// <exception cref="InvalidDataException">The file does not fit; the network is unchanged.</exception>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="path">The file.</param>
    public static void Load<T>(this IPersistentNetwork<T> network, string path)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        NetworkFile.Load(network, path);

    /// <summary>
    /// Replaces the weights and biases with a safetensors file's, after checking all of it (a missing, extra, misshaped or
    /// non-finite tensor is an <see cref="InvalidDataException"/> naming it, and nothing changes). F32, F64, F16 and BF16
    /// tensors are read (the last two widened exactly); the optimizer state is left as it is.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the network; the message names the tensor. Nothing is changed.</exception>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="stream">The file's bytes (left open).</param>
    /// <param name="layout">PyTorch's nn.Linear (weight out × in) or Keras's Dense (kernel in × out).</param>
    /// <param name="layerPrefixes">One name prefix per weight layer, or null for the layout's default names.</param>
    public static void ImportSafetensors<T>(this IPersistentNetwork<T> network, Stream stream, WeightLayout layout = WeightLayout.PyTorch, IReadOnlyList<string>? layerPrefixes = null)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Safetensors.Import(network, stream, layout, layerPrefixes);

    /// <summary>Replaces the weights and biases with those of the safetensors file at <paramref name="path"/>, all or nothing.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the network; nothing is changed.</exception>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="path">The file.</param>
    /// <param name="layout">PyTorch's nn.Linear (weight out × in) or Keras's Dense (kernel in × out).</param>
    /// <param name="layerPrefixes">One name prefix per weight layer, or null for the layout's default names.</param>
    public static void ImportSafetensors<T>(this IPersistentNetwork<T> network, string path, WeightLayout layout = WeightLayout.PyTorch, IReadOnlyList<string>? layerPrefixes = null)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Safetensors.Import(network, path, layout, layerPrefixes);

    /// <summary>Writes the weights and biases as a safetensors file to a stream (left open): F32 for a float network, F64 for a double one.</summary>
    /// <exception cref="InvalidOperationException">A parameter is not finite; nothing is written.</exception>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="stream">Where the bytes go.</param>
    /// <param name="layout">PyTorch's nn.Linear (weight out × in) or Keras's Dense (kernel in × out).</param>
    /// <param name="layerPrefixes">One name prefix per weight layer, or null for the layout's default names.</param>
    public static void ExportSafetensors<T>(this IPersistentNetwork<T> network, Stream stream, WeightLayout layout = WeightLayout.PyTorch, IReadOnlyList<string>? layerPrefixes = null)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Safetensors.Export(network, stream, layout, layerPrefixes);

    /// <summary>Writes the weights and biases to the safetensors file at <paramref name="path"/> atomically, as Save writes.</summary>
    /// <exception cref="InvalidOperationException">A parameter is not finite; no file is touched.</exception>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="layout">PyTorch's nn.Linear (weight out × in) or Keras's Dense (kernel in × out).</param>
    /// <param name="layerPrefixes">One name prefix per weight layer, or null for the layout's default names.</param>
    public static void ExportSafetensors<T>(this IPersistentNetwork<T> network, string path, WeightLayout layout = WeightLayout.PyTorch, IReadOnlyList<string>? layerPrefixes = null)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Safetensors.Export(network, path, layout, layerPrefixes);

#if !NETGEN_PORTABLE
    /// <summary>Writes the network's inference graph (what <c>Predict</c> computes) as an ONNX model to a stream (left open).</summary>
    /// <exception cref="InvalidOperationException">A parameter is not finite; nothing is written.</exception>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="stream">Where the model's bytes go.</param>
    public static void ExportOnnx<T>(this IPersistentNetwork<T> network, Stream stream)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Onnx.Export(network, stream);

    /// <summary>Writes the network's inference graph as an ONNX model to the file at <paramref name="path"/> atomically, as Save writes.</summary>
    /// <exception cref="InvalidOperationException">A parameter is not finite; no file is touched.</exception>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">The network.</param>
    /// <param name="path">The file to create or replace.</param>
    public static void ExportOnnx<T>(this IPersistentNetwork<T> network, string path)
#if NETGEN_PORTABLE
        where T : unmanaged =>
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T> =>
#endif
        Onnx.Export(network, path);
#endif
}
