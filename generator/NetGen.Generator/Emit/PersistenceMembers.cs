using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;

namespace NetGen.Generator.Emit;

/// <summary>
/// The members that connect a generated network to the runtime library's data, training-loop and file APIs, in a
/// second <c>partial</c> declaration of the class after the first: <c>Description</c>; <c>Fit</c> and
/// <c>Evaluate</c> (NetGen.Training.Trainer); <c>ImportSafetensors</c> and <c>ExportSafetensors</c>
/// (NetGen.Safetensors); and <c>IPersistentNetwork&lt;T&gt;</c>: the optimizer state (the step count and the buffers
/// SharedMembers declares) and <c>Save</c> and <c>Load</c> (NetGen.NetworkFile), so every network can be saved and
/// resumed exactly. Each member forwards to the runtime, which checks its arguments and documents the details.
/// </summary>
internal static class PersistenceMembers
{
    /// <summary>The field that caches the description with the attribute's learning rate.</summary>
    private const string CachedDescription = "__description";

    private const string Description = "global::NetGen.NetworkDescription";
    private const string Layout = "global::NetGen.Runtime.OptimizerStateLayout";
    private const string Guard = "global::NetGen.Runtime.ShapeGuard";
    private const string Training = "global::NetGen.Training";

    /// <summary>The second partial declaration of the class with every member of this part.</summary>
    public static void Write(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        w.Line();
        w.Line("partial class " + context.Model.ClassName + " : global::NetGen.IPersistentNetwork<" + context.Number + ">");
        using (w.Block())
        {
            WriteDescription(context);
            WriteOptimizerState(context);
            WriteTraining(context);
            WriteNetworkFile(context);
            WriteSafetensors(context);
        }
    }

    /// <summary>The cached description and the <c>Description</c> property.</summary>
    private static void WriteDescription(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        NetworkModel model = context.Model;
        OptimizerModel optimizer = model.Optimizer;
        w.Line("/// <summary>");
        w.Line("/// The description with the attribute's learning rate, built on the first read of Description and kept: it is");
        w.Line("/// immutable, so every instance shares it (two threads may both build it; either result is the same).");
        w.Line("/// </summary>");
        w.Line("private static " + Description + "? " + CachedDescription + ";");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// What the network is, as its attribute declares it: layer sizes " + string.Join("-", context.Net.Sizes.Select(Int)) + "; activations "
            + string.Join(", ", model.Activations.Select(a => a.ToString())) + ";");
        w.Line("/// the " + model.Loss + " loss, " + model.Reduction + " over a batch; " + optimizer.Kind + " with the current <see cref=\"LearningRate\"/>; " + context.Number + ".");
        w.Line("/// A file loads into this network only if it holds an equal description (apart from the learning rate, which it restores).");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line("/// Allocates nothing while the learning rate is the attribute's (" + Number(model.LearningRate) + "), and one description per read");
        w.Line("/// after it has changed: the layer sizes, activations and hyper-parameters are built once and shared.");
        w.Line("/// </remarks>");
        context.GeneratedCode();
        w.Line("public " + Description + " Description");
        using (w.Block())
        {
            w.Line("get");
            using (w.Block())
            {
                w.Line(Description + " description = " + CachedDescription + " ??= new " + Description + "(");
                w.Line("    new[] { " + string.Join(", ", context.Net.Sizes.Select(Int)) + " },");
                w.Line("    new[] { " + string.Join(", ", model.Activations.Select(a => "global::NetGen.Activation." + a)) + " },");
                w.Line("    loss: global::NetGen.Loss." + model.Loss + ",");
                w.Line("    reduction: global::NetGen.Reduction." + model.Reduction + ",");
                w.Line("    optimizer: global::NetGen.Optimizer." + optimizer.Kind + ",");
                // A float network's rate is the attribute's rounded to float, as the constructor sets it: the float
                // literal widened to double keeps exactly that value.
                w.Line("    learningRate: " + context.Literal(model.LearningRate) + ",");
                w.Line("    momentum: " + Number(optimizer.Momentum) + ",");
                w.Line("    nesterov: " + (optimizer.Nesterov ? "true" : "false") + ",");
                w.Line("    beta1: " + Number(optimizer.Beta1) + ",");
                w.Line("    beta2: " + Number(optimizer.Beta2) + ",");
                w.Line("    epsilon: " + Number(optimizer.Epsilon) + ",");
                w.Line("    weightDecay: " + Number(optimizer.WeightDecay) + ",");
                w.Line("    leakySlope: " + Number(model.LeakySlope) + ",");
                w.Line("    precision: global::NetGen.Precision." + model.Precision + ");");
                w.Line();
                w.Line("// The same description itself while the rate is unchanged; otherwise a copy with the current rate.");
                w.Line("return description.WithLearningRate(__learningRate);");
            }
        }
    }

    /// <summary>
    /// The optimizer's state as one flat vector (NetGen.Runtime.OptimizerStateLayout): the step count t as two whole
    /// numbers, then SGD's momentum buffer, or Adam's first and second moments; its length, and its copy out and in.
    /// </summary>
    private static void WriteOptimizerState(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        string number = context.Number;
        OptimizerModel optimizer = context.Optimizer;
        string[] buffers = optimizer.Kind != Optimizer.Sgd
            ? new[] { SharedMembers.FirstMoment, SharedMembers.SecondMoment }
            : optimizer.Momentum != 0.0 ? new[] { SharedMembers.MomentumBuffer } : System.Array.Empty<string>();
        string what = optimizer.Kind != Optimizer.Sgd
            ? "the step count t, then the moments m and v (ParameterCount values each, the flat order)"
            : optimizer.Momentum != 0.0
                ? "the step count t, then the momentum buffer (ParameterCount values, the flat order)"
                : "the step count t (" + (optimizer.IsPlainSgd ? "plain gradient descent" : "SGD without momentum") + " keeps no buffers)";
        string length = buffers.Length == 0 ? Layout + ".StepCountLength" : Layout + ".StepCountLength + " + (buffers.Length == 1 ? string.Empty : Int(buffers.Length) + " * ") + "ParameterCount";
        w.Line();
        w.Line("/// <summary>The number of values in the optimizer state: " + Xml(what) + ".</summary>");
        context.GeneratedCode();
        w.Line("public int OptimizerStateLength => " + length + ";");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Copies the optimizer state into <paramref name=\"destination\"/>: " + Xml(what) + ". The step count is two");
        w.Line("/// whole numbers, t mod 2^24 and ⌊t / 2^24⌋, which float holds exactly.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"destination\">Exactly OptimizerStateLength values, overwritten.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The length is wrong.</exception>");
        context.GeneratedCode();
        w.Line("public void GetOptimizerState(" + context.SpanType + " destination)");
        using (w.Block())
        {
            w.Line(Guard + ".ExactLength(destination.Length, OptimizerStateLength, nameof(destination), \"OptimizerStateLength\");");
            w.Line(Layout + ".WriteStepCount<" + number + ">(destination, " + SharedMembers.StepCount + ");");
            for (int k = 0; k < buffers.Length; k++)
            {
                string buffer = context.Loops ? SharedMembers.View(context, buffers[k]) : "global::System.MemoryExtensions.AsSpan(" + buffers[k] + ")";
                w.Line(buffer + ".CopyTo(destination.Slice(" + Layout + ".StepCountLength" + (k == 0 ? string.Empty : " + " + (k == 1 ? string.Empty : Int(k) + " * ") + "ParameterCount") + ", ParameterCount));");
            }
        }

        w.Line();
        w.Line("/// <summary>Replaces the optimizer state from <paramref name=\"source\"/>, laid out as GetOptimizerState writes it, once all of it is checked.</summary>");
        w.Line("/// <param name=\"source\">Exactly OptimizerStateLength values.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The length is wrong, or a value cannot be part of this optimizer's state (the message says which); nothing is changed.</exception>");
        context.GeneratedCode();
        w.Line("public void SetOptimizerState(" + context.ReadOnlySpanType + " source)");
        using (w.Block())
        {
            w.Line(Guard + ".ExactLength(source.Length, OptimizerStateLength, nameof(source), \"OptimizerStateLength\");");
            w.Line(Layout + ".Validate<" + number + ">(source, global::NetGen.Optimizer." + optimizer.Kind.ToString() + ", momentum: " + Number(optimizer.Momentum) + ", ParameterCount, nameof(source));");
            w.Line(SharedMembers.StepCount + " = " + Layout + ".ReadStepCount<" + number + ">(source);");
            for (int k = 0; k < buffers.Length; k++)
            {
                w.Line("source.Slice(" + Layout + ".StepCountLength" + (k == 0 ? string.Empty : " + " + (k == 1 ? string.Empty : Int(k) + " * ") + "ParameterCount") + ", ParameterCount).CopyTo(" + SharedMembers.View(context, buffers[k]) + ");");
            }
        }
    }

    /// <summary>Fit and Evaluate, with target rows and with class labels, forwarding to the Trainer.</summary>
    private static void WriteTraining(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        string number = context.Number, readOnlySpan = context.ReadOnlySpanType;
        string report = Training + ".TrainingReport", evaluation = Training + ".Evaluation", options = Training + ".FitOptions<" + number + ">?";
        const string labels = "global::System.ReadOnlySpan<int> labels";
        const string inputsDoc = "/// <param name=\"inputs\">N * InputSize values, sample-major, N ≥ 1";
        const string targetsDoc = "/// <param name=\"targets\">N * OutputSize values, sample-major";
        const string labelsDoc = "/// <param name=\"labels\">N classes, each in [0, OutputSize): class c stands for the one-hot target row with 1 at c.</param>";
        const string optionsDoc = "/// <param name=\"options\">Epochs, batch size, shuffle, validation, early stopping and progress; null for one shuffled epoch of batches of 32.</param>";
        const string fitReturns = "/// <returns>Every epoch's report, the best epoch and whether training stopped early.</returns>";
        const string diverged = "/// <exception cref=\"global::NetGen.Training.TrainingDivergedException\">A step's loss or the parameters became NaN or infinite; the parameters of the last finished epoch were restored.</exception>";

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Trains the network on inputs and their target rows: <c>FitOptions.Epochs</c> epochs of mini-batch TrainSteps, shuffled");
        w.Line("/// before every epoch, with the validation set evaluated after each and early stopping if asked. The same as");
        w.Line("/// <c>Trainer.Fit(this, inputs, targets, options)</c>; see <see cref=\"global::NetGen.Training.Trainer\"/>.");
        w.Line("/// </summary>");
        w.Line(inputsDoc + ", all finite.</param>");
        w.Line(targetsDoc + ", all finite.</param>");
        w.Line(optionsDoc);
        w.Line(fitReturns);
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A size does not fit the network, a value is not finite (the message names the sample and feature), or early stopping was asked for without a validation set; nothing was changed.</exception>");
        w.Line(diverged);
        context.GeneratedCode();
        w.Line("public " + report + " Fit(" + readOnlySpan + " inputs, " + readOnlySpan + " targets, " + options + " options = null)");
        using (w.Block())
        {
            w.Line("return " + Training + ".Trainer.Fit<" + number + ">(this, inputs, targets, options);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Trains the network as a classifier on inputs and their class labels, each standing for a one-hot target row (with any");
        w.Line("/// loss: the square loss on one-hot rows is the tutorial's way); otherwise the same as Fit with target rows. The same as");
        w.Line("/// <c>Trainer.Fit(this, inputs, labels, options)</c>; see <see cref=\"global::NetGen.Training.Trainer\"/>.");
        w.Line("/// </summary>");
        w.Line(inputsDoc + ", all finite.</param>");
        w.Line(labelsDoc);
        w.Line(optionsDoc);
        w.Line(fitReturns);
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A size does not fit the network, a label is out of range or a value is not finite (the message names the sample), or early stopping was asked for without a validation set; nothing was changed.</exception>");
        w.Line(diverged);
        context.GeneratedCode();
        w.Line("public " + report + " Fit(" + readOnlySpan + " inputs, " + labels + ", " + options + " options = null)");
        using (w.Block())
        {
            w.Line("return " + Training + ".Trainer.Fit<" + number + ">(this, inputs, labels, options);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// The mean loss per sample on inputs and their target rows; the parameters are not changed. The same as");
        w.Line("/// <c>Trainer.Evaluate(this, inputs, targets)</c>.");
        w.Line("/// </summary>");
        w.Line(inputsDoc + ".</param>");
        w.Line(targetsDoc + ".</param>");
        w.Line("/// <returns>The loss (Accuracy and ConfusionMatrix are null).</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A size does not fit the network.</exception>");
        context.GeneratedCode();
        w.Line("public " + evaluation + " Evaluate(" + readOnlySpan + " inputs, " + readOnlySpan + " targets)");
        using (w.Block())
        {
            w.Line("return " + Training + ".Trainer.Evaluate<" + number + ">(this, inputs, targets);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// The mean loss per sample on inputs and their class labels (as one-hot target rows), the accuracy (the largest output,");
        w.Line("/// the first of equals, is the predicted class) and the confusion matrix; the parameters are not changed. The same as");
        w.Line("/// <c>Trainer.Evaluate(this, inputs, labels)</c>.");
        w.Line("/// </summary>");
        w.Line(inputsDoc + ".</param>");
        w.Line(labelsDoc);
        w.Line("/// <returns>The loss, the accuracy and the confusion matrix (rows: the true class).</returns>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A size does not fit the network, or a label is out of range (the message names the sample).</exception>");
        context.GeneratedCode();
        w.Line("public " + evaluation + " Evaluate(" + readOnlySpan + " inputs, " + labels + ")");
        using (w.Block())
        {
            w.Line("return " + Training + ".Trainer.Evaluate<" + number + ">(this, inputs, labels);");
        }
    }

    /// <summary>Save and Load, to and from a stream or a file, forwarding to NetworkFile.</summary>
    private static void WriteNetworkFile(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        string number = context.Number;
        const string file = "global::NetGen.NetworkFile";
        const string unsaved = "/// <exception cref=\"global::System.InvalidOperationException\">A parameter is not finite (such a file would not load); ";
        const string rejected = "/// <exception cref=\"global::System.IO.InvalidDataException\">The file is not a NetGen network file, is truncated or damaged, holds another network (the message says how the descriptions differ) or a value that is not finite; ";

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Writes the network to <paramref name=\"stream\"/> (left open) in NetGen's file format: its Description, parameters and");
        w.Line("/// optimizer state, so that Load resumes training exactly where it stopped. The same as <c>NetworkFile.Save(this, stream)</c>.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"stream\">Where the file's bytes go.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"stream\"/> is null.</exception>");
        w.Line(unsaved + "nothing is written.</exception>");
        context.GeneratedCode();
        w.Line("public void Save(global::System.IO.Stream stream)");
        using (w.Block())
        {
            w.Line(file + ".Save<" + number + ">(this, stream);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Writes the network to the file <paramref name=\"path\"/> atomically: a temporary file beside it is written, flushed");
        w.Line("/// and renamed over it, so the file holds the old network or the new one whatever happens. The same as");
        w.Line("/// <c>NetworkFile.Save(this, path)</c>.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"path\">The file to create or replace.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"path\"/> is null or empty.</exception>");
        w.Line(unsaved + "no file is touched.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.IOException\">The file cannot be written.</exception>");
        context.GeneratedCode();
        w.Line("public void Save(string path)");
        using (w.Block())
        {
            w.Line(file + ".Save<" + number + ">(this, path);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Reads a file that Save wrote from <paramref name=\"stream\"/> (to its end; left open) into this network: its parameters,");
        w.Line("/// optimizer state and learning rate. The whole file is checked before anything changes. The same as");
        w.Line("/// <c>NetworkFile.Load(this, stream)</c>.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"stream\">The file's bytes.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"stream\"/> is null.</exception>");
        w.Line(rejected + "the network is not changed.</exception>");
        context.GeneratedCode();
        w.Line("public void Load(global::System.IO.Stream stream)");
        using (w.Block())
        {
            w.Line(file + ".Load<" + number + ">(this, stream);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Reads the file <paramref name=\"path\"/>, written by Save, into this network: its parameters, optimizer state and");
        w.Line("/// learning rate. The whole file is checked before anything changes. The same as <c>NetworkFile.Load(this, path)</c>.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"path\">The file.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"path\"/> is null.</exception>");
        w.Line(rejected + "the message names the file, and the network is not changed.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.IOException\">The file cannot be read (for example, it does not exist).</exception>");
        context.GeneratedCode();
        w.Line("public void Load(string path)");
        using (w.Block())
        {
            w.Line(file + ".Load<" + number + ">(this, path);");
        }
    }

    /// <summary>ImportSafetensors and ExportSafetensors, from and to a stream or a file, forwarding to Safetensors.</summary>
    private static void WriteSafetensors(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        string number = context.Number;
        const string safetensors = "global::NetGen.Safetensors";
        const string options = "global::NetGen.WeightLayout layout = global::NetGen.WeightLayout.PyTorch, global::System.Collections.Generic.IReadOnlyList<string>? layerPrefixes = null";
        const string layoutDoc = "/// <param name=\"layout\">How the file lays out and names each layer's tensors: PyTorch's nn.Linear (the default) or Keras's Dense.</param>";
        const string prefixesDoc = "/// <param name=\"layerPrefixes\">One name prefix per weight layer (fc1 → fc1.weight and fc1.bias), or null for the layout's default names (an nn.Sequential's 0, 2, 4, …; Keras's dense, dense_1, …).</param>";
        const string importRejected = "/// <exception cref=\"global::System.IO.InvalidDataException\">The file is malformed or does not fit the network (the message names the tensor";
        const string notFinite = "/// <exception cref=\"global::System.InvalidOperationException\">A parameter is not finite (the file would not import); ";
        string fileType = context.Single ? "F32" : "F64";

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Replaces the weights and biases with those of a safetensors file read from <paramref name=\"stream\"/> (to its end; left");
        w.Line("/// open), after checking all of it; the optimizer state is kept. F32, F64, F16 and BF16 tensors are read. The same as");
        w.Line("/// <c>Safetensors.Import</c>; the names and shapes it expects are in docs/file-format.md.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"stream\">The file's bytes.</param>");
        w.Line(layoutDoc);
        w.Line(prefixesDoc);
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"stream\"/> is null, the layout is not a WeightLayout, or the prefixes are not one non-empty, distinct name per weight layer.</exception>");
        w.Line(importRejected + "); nothing is changed.</exception>");
        context.GeneratedCode();
        w.Line("public void ImportSafetensors(global::System.IO.Stream stream, " + options + ")");
        using (w.Block())
        {
            w.Line(safetensors + ".Import<" + number + ">(this, __LayerSizes, stream, layout, layerPrefixes);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Replaces the weights and biases with those of the safetensors file <paramref name=\"path\"/>, after checking all of it;");
        w.Line("/// the optimizer state is kept. The same as <c>Safetensors.Import</c>.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"path\">The file.</param>");
        w.Line(layoutDoc);
        w.Line(prefixesDoc);
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"path\"/> is null, the layout is not a WeightLayout, or the prefixes are not one non-empty, distinct name per weight layer.</exception>");
        w.Line(importRejected + " and the file); nothing is changed.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.IOException\">The file cannot be read.</exception>");
        context.GeneratedCode();
        w.Line("public void ImportSafetensors(string path, " + options + ")");
        using (w.Block())
        {
            w.Line(safetensors + ".Import<" + number + ">(this, __LayerSizes, path, layout, layerPrefixes);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Writes the weights and biases to <paramref name=\"stream\"/> (left open) as a safetensors file of " + fileType + " tensors, which");
        w.Line("/// <c>safetensors.torch.load_file</c> (or Keras) reads and ImportSafetensors reads back exactly. The same as <c>Safetensors.Export</c>.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"stream\">Where the bytes go.</param>");
        w.Line(layoutDoc);
        w.Line(prefixesDoc);
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"stream\"/> is null, the layout is not a WeightLayout, or the prefixes are not one non-empty, distinct name per weight layer.</exception>");
        w.Line(notFinite + "nothing is written.</exception>");
        context.GeneratedCode();
        w.Line("public void ExportSafetensors(global::System.IO.Stream stream, " + options + ")");
        using (w.Block())
        {
            w.Line(safetensors + ".Export<" + number + ">(this, __LayerSizes, stream, layout, layerPrefixes);");
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Writes the weights and biases to the safetensors file <paramref name=\"path\"/> (" + fileType + " tensors) atomically: a temporary");
        w.Line("/// file beside it is written and renamed over it. The same as <c>Safetensors.Export</c>.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"path\">The file to create or replace.</param>");
        w.Line(layoutDoc);
        w.Line(prefixesDoc);
        w.Line("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"path\"/> is null, the layout is not a WeightLayout, or the prefixes are not one non-empty, distinct name per weight layer.</exception>");
        w.Line(notFinite + "no file is touched.</exception>");
        w.Line("/// <exception cref=\"global::System.IO.IOException\">The file cannot be written.</exception>");
        context.GeneratedCode();
        w.Line("public void ExportSafetensors(string path, " + options + ")");
        using (w.Block())
        {
            w.Line(safetensors + ".Export<" + number + ">(this, __LayerSizes, path, layout, layerPrefixes);");
        }
    }
}
