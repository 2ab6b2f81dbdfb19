using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;
using static NetGen.Generator.Emit.Naming;

namespace NetGen.Generator.Emit;

/// <summary>
/// The loop shape, for large networks: every parameter in one aligned block, every size a constant, and each layer's
/// passes calls to the vectorised kernels of NetGen.Runtime.Dense, or to the layer's straight-line methods
/// (<see cref="StraightLineLayers"/>) where the plan says. Training runs the batch in chunks so a layer's weights are
/// read once per chunk.
/// </summary>
internal sealed class LoopShape : ShapeEmitter
{
    private const string Aligned = FileAliases.Aligned;

    private const string Dense = FileAliases.Dense;

    /// <summary>The parameter block, read from its 64-byte boundary on.</summary>
    private const string Parameters = Aligned + ".Span(__parameters, ParameterCount)";

    /// <summary>
    /// From this many samples in a batch, the backward pass transposes the weights once and computes δ with vectors;
    /// below, it reads W's rows in scalar chains. A transposition costs about one copy per weight and saves about a
    /// third of a multiply-add per weight and sample, so it pays from three or four samples.
    /// </summary>
    private const int TransposeBatch = 4;

    /// <summary>Training processes this many samples at a time, so a layer's weights are read once per chunk rather than once per sample.</summary>
    private const int LoopChunk = 32;

    /// <summary>Forward keeps hidden outputs on the stack up to this many values (16 KB of doubles), and borrows from the array pool above.</summary>
    private const int StackScratchLimit = 2048;

    /// <summary>
    /// A layer's one-sample Forward reads a copy of its weights in the order of its passes (NetGen.Runtime.PassOrderedWeights)
    /// from this many bytes of weights on, where its units are more than one pass of eight 256-bit vectors (32 doubles or
    /// 64 floats) and so x64 without AVX-512 reads each row in parts; below, the weights sit in the first-level cache.
    /// </summary>
    private const int PassOrderBytes = 32 * 1024;

    /// <summary>
    /// Whether layer <paramref name="l"/>'s one-sample Forward keeps a copy of its weights in pass order (<see cref="PassOrderBytes"/>);
    /// never in the .NET Standard form, whose scalar kernels read the weights one at a time.
    /// </summary>
    public static bool KeepsPassOrder(EmitContext context, int l)
    {
        LayerGeometry layer = context.Net.Layer(l);
        int size = context.Single ? 4 : 8;
        return context.Loops && !context.Model.Standard && !StraightLineLayers.Inference(context, l)
            && layer.Units > 8 * (32 / size) && (long)layer.Weights * size >= PassOrderBytes;
    }

    /// <summary>The field of layer <paramref name="l"/>'s copy of its weights in pass order.</summary>
    public static string PassOrderField(int l) => "__w" + Int(l) + "InPassOrder";

    /// <summary>The layers whose one-sample Forward keeps a copy of the weights in pass order.</summary>
    public static IEnumerable<int> PassOrderLayers(EmitContext context) =>
        Enumerable.Range(1, context.Net.Layers).Where(l => KeepsPassOrder(context, l));

    public LoopShape(EmitContext context)
        : base(context)
    {
    }

    public override string[] Remarks => new[]
    {
        "Code shape: vectorised loops over one parameter block (NetGen.Runtime.Dense), in " + Context.Number + ", each multiply-add",
        "fused (one rounding) on every runtime and machine, as in <c>new ReferenceNetwork(..., fusedMultiplyAdd: true)</c>.",
    };

    public override void WriteFields()
    {
        NetworkGeometry net = Context.Net;
        string number = Context.Number;
        string allocate = " = " + Aligned + ".Allocate<" + number + ">(";
        W.Line();
        W.Line("// Every parameter in one block, in the flat order:");
        for (int l = 1; l <= net.Layers; l++)
        {
            LayerGeometry layer = net.Layer(l);
            string weights = "W" + Int(l) + " (" + Int(layer.Inputs) + " x " + Int(layer.Units)
                + ", row-major: input i to unit j at " + Times("i", layer.Units) + " + j)";
            string biases = "b" + Int(l) + " at [" + Grouped(layer.BiasOffset) + ", " + Grouped(layer.BiasOffset + layer.Units) + ")";
            W.Line("//   " + weights + " at [" + Grouped(layer.Offset) + ", " + Grouped(layer.BiasOffset) + "), " + biases);
        }

        for (int l = 1; l <= net.Layers; l++)
        {
            LayerGeometry layer = net.Layer(l);
            W.Line("private const int " + WeightOffset(l) + " = " + Grouped(layer.Offset) + ", " + BiasOffset(l) + " = " + Grouped(layer.BiasOffset) + ";");
        }

        W.Line("// Every array here is pinned and read from its first 64-byte boundary on (NetGen.Runtime.Aligned), so that vector");
        W.Line("// loads of rows whose length is a multiple of the vector width do not straddle cache lines.");
        W.Line("// The parameter block, allocated by the seeded constructor (a worker of Fit's threads reads its network's instead).");
        W.Line("private readonly " + number + "[] __parameters;");
        W.Line("// The gradient of one training step, allocated once with the network and overwritten by every step.");
        W.Line("private readonly " + number + "[] __gradient" + allocate + "ParameterCount);");
        W.Line();
        W.Line("// Training works on chunks of up to " + Int(LoopChunk) + " samples; for each layer it keeps the chunk's outputs a and deltas d"
            + (Context.Loss.TakesLogits ? string.Empty : "."));
        if (Context.Loss.TakesLogits)
        {
            W.Line("// (for the output layer, the logits z, which the loss takes).");
        }

        W.Line("private const int __Chunk = " + Int(LoopChunk) + ";");
        for (int l = 1; l <= net.Layers; l++)
        {
            string size = Times("__Chunk", net.Out(l)) + ")";
            W.Line("private readonly " + number + "[] __" + TrainingOutput(l) + allocate + size + ";");
            W.Line("private readonly " + number + "[] __" + Deltas(l) + allocate + size + ";");
            DropoutText.WriteLoopBuffers(Context, l, allocate, size);
            if (KeepsZ(l))
            {
                W.Line("// Layer " + Int(l) + "'s pre-activations z as well: " + Context.Activation(l).Name + "'s derivative is written from z.");
                W.Line("private readonly " + number + "[] __" + PreActivations(l) + allocate + size + ";");
            }
        }

        List<int> transposed = TransposedLayers();
        if (transposed.Count > 0)
        {
            W.Line("// " + string.Join(", ", transposed.Select(l => "W" + Int(l)))
                + " transposed, refreshed at the start of every backward pass: δ flows back along the other direction of the rows.");
            foreach (int l in transposed)
            {
                W.Line("private readonly " + number + "[] " + Transposed(l) + allocate + Grouped(net.Layer(l).Weights) + ");");
            }
        }

        List<int> passOrder = PassOrderLayers(Context).ToList();
        if (passOrder.Count > 0)
        {
            W.Line("// " + string.Join(", ", passOrder.Select(l => "W" + Int(l))) + " again in the order one sample's product reads them (Forward, Predict),"
                + " copied when first needed");
            W.Line("// after every change to the parameters, and only where this machine reads these rows in more than one pass.");
            foreach (int l in passOrder)
            {
                LayerGeometry layer = net.Layer(l);
                W.Line("private readonly global::NetGen.Runtime.PassOrderedWeights<" + number + "> " + PassOrderField(l) + " = new("
                    + Int(layer.Inputs) + ", " + Int(layer.Units) + ");");
            }
        }

        W.Line("private " + number + " __learningRate;");
    }

    /// <summary>After a change to the parameters: every copy of weights in pass order is out of date.</summary>
    private void WriteInvalidatePassOrder()
    {
        foreach (int l in PassOrderLayers(Context))
        {
            W.Line(PassOrderField(l) + ".Invalidate();");
        }
    }

    public override void WriteInitialization(string initializer)
    {
        W.Line("__parameters = " + Aligned + ".Allocate<" + Context.Number + ">(ParameterCount);");
        W.Line("global::NetGen.Initialization.Fill(__LayerSizes, seed, " + initializer + ", " + Parameters + ");");
    }

    public override void WritePasses()
    {
        WriteForward();
        WriteBackpropagate();
        WriteStep();
    }

    public override void WriteParameterAccess() =>
        SharedMembers.WriteParameterAccess(
            Context,
            () => W.Line(Parameters + ".CopyTo(destination);"),
            () =>
            {
                W.Line("source.CopyTo(" + Parameters + ");");
                WriteInvalidatePassOrder();
            });

    /// <summary>The layers' straight-line methods, where the plan gives them.</summary>
    public override void WriteHelpers() => new StraightLineLayers(Context).Write();

    private void WriteForward()
    {
        NetworkGeometry net = Context.Net;
        string number = Context.Number, span = Context.SpanType;
        int hidden = Enumerable.Range(1, net.Layers - 1).Sum(net.Out);
        W.Line();
        W.Line("/// <summary>");
        W.Line("/// One sample through every layer; <paramref name=\"x\"/> and <paramref name=\"y\"/> have the right lengths. It keeps no");
        if (PassOrderLayers(Context).Any())
        {
            W.Line("/// state in the object but the copies of weights in pass order, which threads that meet make with the same values, so");
            W.Line("/// any number of threads may call it at once.");
        }
        else
        {
            W.Line("/// state in the object, so any number of threads may call it at once.");
        }
        W.Line("/// </summary>");
        Context.GeneratedCode();
        W.Line("private void __Forward(" + Context.ReadOnlySpanType + " x, " + span + " y)");
        using (W.Block())
        {
            W.Line(Context.ReadOnlySpanType + " p = " + Parameters + ";");
            string? pooled = null;
            if (hidden > 0 && hidden <= StackScratchLimit)
            {
                W.Line("// The hidden layers' outputs, on the stack (" + Int(hidden) + " values).");
                W.Line(span + " h = stackalloc " + number + "[" + Grouped(hidden) + "];");
            }
            else if (hidden > 0)
            {
                pooled = "pooled";
                W.Line("// The hidden layers' outputs (" + Grouped(hidden) + " values), borrowed from the shared pool: too many for the stack.");
                W.Line(number + "[] pooled = global::System.Buffers.ArrayPool<" + number + ">.Shared.Rent(" + Grouped(hidden) + ");");
                W.Line("try");
                W.Line("{");
            }

            int offset = 0;
            for (int l = 1; l <= net.Layers; l++)
            {
                LayerGeometry layer = net.Layer(l);
                string input = Below(l);
                string output = layer.IsOutput ? "y" : Activations(l);
                if (!layer.IsOutput)
                {
                    string slice = pooled is null ? "h.Slice(" : "new " + span + "(pooled, ";
                    W.Line(span + " " + output + " = " + slice + Grouped(offset) + ", " + Grouped(layer.Units) + ");");
                    offset += layer.Units;
                }

                bool straight = StraightLineLayers.Inference(Context, l);
                W.Line(LayerComment(layer, output, input) + (straight ? ", in straight-line code" : string.Empty));
                ActivationDescriptor activation = Context.Activation(l);
                W.Line(KeepsPassOrder(Context, l)
                    ? activation.ForwardInPassOrderCall(PassOrderField(l), WeightSlice("p", layer), BiasSlice("p", layer), input, output, activation.Parameter(Context), Context)
                    : ForwardCall(layer, input, output, "1", straight, activation));
                string? apply = straight && StraightLineLayers.MethodActivation(Context, l) != activation
                    ? activation.ApplyCall(output, activation.Parameter(Context), Context)
                    : null;
                if (apply is not null)
                {
                    W.Line("// The straight-line method leaves " + (activation.DerivativeFromZ ? "z (training keeps it)" : "the logits (training's loss takes them)")
                        + "; the " + activation.Name + " of them here.");
                    W.Line(apply);
                }
            }

            if (pooled is not null)
            {
                W.Line("}");
                W.Line("finally");
                W.Line("{");
                W.Line("    global::System.Buffers.ArrayPool<" + number + ">.Shared.Return(pooled);");
                W.Line("}");
            }
        }
    }

    private void WriteBackpropagate()
    {
        NetworkGeometry net = Context.Net;
        string number = Context.Number, span = Context.SpanType, readOnlySpan = Context.ReadOnlySpanType;
        string? scale = Context.Loss.Scale(Context.Reduction, "samples", net.Out(net.Layers), number);
        W.Line();
        SharedMembers.WriteBackpropagateSummary(Context);
        Context.GeneratedCode();
        W.Line("private " + number + " __Backpropagate(" + readOnlySpan + " inputs, " + readOnlySpan + " targets, int samples, " + span + " g"
            + (scale is null ? string.Empty : ", " + number + " scale") + DropoutText.Parameter(Context) + ")");
        using (W.Block())
        {
            W.Line(readOnlySpan + " p = " + Parameters + ";");
            List<int> transposedLayers = TransposedLayers();
            if (transposedLayers.Count > 0)
            {
                W.Line("// From " + Int(TransposeBatch) + " samples on, δ's sums read Wᵀ (vectorised), copied here from the weights as they are;");
                W.Line("// for fewer, copying would cost more than it saves and they read W's rows.");
                W.Line("bool transposed = samples >= " + Int(TransposeBatch) + ";");
                W.Line("if (transposed)");
                using (W.Block())
                {
                    foreach (int l in transposedLayers)
                    {
                        string arguments = WeightSlice("p", net.Layer(l)) + ", " + TransposedSpan(l) + ", " + Grouped(net.In(l));
                        W.Line(Dense + ".Transpose(" + arguments + ");");
                    }
                }

                W.Line();
            }

            W.Line(number + " loss = " + Context.Zero + ";");
            W.Line("for (int start = 0; start < samples; start += __Chunk)");
            using (W.Block())
            {
                W.Line("int n = global::System.Math.Min(__Chunk, samples - start);");
                W.Line(readOnlySpan + " x = inputs.Slice(start * InputSize, n * InputSize);");
                W.Line(readOnlySpan + " t = targets.Slice(start * OutputSize, n * OutputSize);");
                for (int l = 1; l <= net.Layers; l++)
                {
                    string length = Times("n", net.Out(l));
                    W.Line(span + " " + TrainingOutput(l) + " = " + Aligned + ".Span(__" + TrainingOutput(l) + ", " + length + "), "
                        + Deltas(l) + " = " + Aligned + ".Span(__" + Deltas(l) + ", " + length + ");");
                    if (KeepsZ(l))
                    {
                        W.Line(span + " " + PreActivations(l) + " = " + Aligned + ".Span(__" + PreActivations(l) + ", " + length + ");");
                    }
                }

                W.Line();
                W.Line("// Forward pass over the chunk, keeping every layer's output for the backward pass.");
                int top = net.Layers;
                for (int l = 1; l <= net.Layers; l++)
                {
                    LayerGeometry layer = net.Layer(l);
                    bool straight = StraightLineLayers.Training(Context, l);
                    ActivationDescriptor activation = l == top && Context.Loss.TakesLogits ? ActivationDescriptor.Identity : Context.Activation(l);
                    string input = DropoutText.LoopInput(Context, l);
                    string comment = activation == Context.Activation(l)
                        ? LayerComment(layer, TrainingOutput(l), input)
                        : LogitsComment(layer, TrainingOutput(l), input);
                    if (KeepsZ(l))
                    {
                        WriteForwardKeepingZ(layer, straight, comment);
                    }
                    else
                    {
                        W.Line(comment + (straight ? ", in straight-line code" : string.Empty));
                        W.Line(ForwardCall(layer, input, TrainingOutput(l), "n", straight, activation));
                    }

                    DropoutText.WriteLoopMask(Context, l, Aligned);
                }

                ActivationDescriptor output = Context.Activation(top);
                W.Line();
                W.Line("// " + Context.Loss.ChunkLossComment(TrainingOutput(top), "δ" + Int(top), output, scale is not null, PreActivations(top)));
                W.Line(Context.Loss.ChunkCall(
                    number, TrainingOutput(top), "t", Deltas(top), "n", scale is null ? Context.Literal(1.0) : "scale", output, Context.Reduction,
                    output.Parameter(Context), Context, Context.Literal, PreActivations(top)));
                for (int l = top; l >= 1; l--)
                {
                    WriteLayerBackward(net.Layer(l));
                }
            }

            W.Line();
            W.Line("return loss;");
        }
    }

    /// <summary>One layer's backward pass over a chunk: its gradient, then (above layer 1) the δ it sends down.</summary>
    private void WriteLayerBackward(LayerGeometry layer)
    {
        int l = layer.Number;
        string input = DropoutText.LoopInput(Context, l);
        W.Line();
        string gradients = "∂L/∂W" + Int(l) + " += " + input + " · δ" + Int(l) + "ᵀ and ∂L/∂b" + Int(l) + " += Σ δ" + Int(l);
        string belowInput = l > 1 ? Context.Activation(l - 1).DerivativeInput(Activations(l - 1), PreActivations(l - 1)) : string.Empty;
        string deltaBelow = l > 1
            ? "δ" + Int(l - 1) + " = (W" + Int(l) + " · δ" + Int(l) + ") ⊙ " + Context.Activation(l - 1).DerivativeText(belowInput)
                + ", with W" + Int(l) + " as it was before this step."
            : string.Empty;
        if (StraightLineLayers.Training(Context, l))
        {
            W.Line("// Layer " + Int(l) + " backward, in straight-line code: " + gradients + " (the first chunk");
            W.Line("// writes the sums, later chunks add to them)" + (l > 1 ? "; " + deltaBelow : "."));

            string below = l == 1 ? string.Empty
                : ", " + Deltas(l - 1) + (Context.Activation(l - 1).DerivativeFromZ ? ", " + PreActivations(l - 1) : string.Empty);
            W.Line(BackwardMethod(l) + "(p, g, " + input + ", " + Deltas(l) + below + ", n, accumulate: start > 0);");
            return;
        }

        W.Line("// Layer " + Int(l) + " backward: " + gradients + ", summed over the chunk's samples");
        W.Line("// (the first chunk writes the sums, later chunks add to them).");
        W.Line(Dense + ".AccumulateGradients(" + WeightSlice("g", layer) + ", " + BiasSlice("g", layer) + ", " + input + ", " + Deltas(l)
            + ", n, accumulate: start > 0);");
        if (l > 1)
        {
            ActivationDescriptor below = Context.Activation(l - 1);
            W.Line("// " + deltaBelow);
            W.Line("if (transposed)");
            using (W.Block())
            {
                W.Line(below.DeltaCall(true, TransposedSpan(l), Deltas(l), belowInput, Deltas(l - 1), "n", below.Parameter(Context), Context));
            }

            W.Line("else");
            using (W.Block())
            {
                W.Line(below.DeltaCall(false, WeightSlice("p", layer), Deltas(l), belowInput, Deltas(l - 1), "n", below.Parameter(Context), Context));
            }

            DropoutText.WriteLoopDeltaMask(Context, l - 1);
        }
    }

    private void WriteStep()
    {
        string number = Context.Number;
        W.Line();
        W.Line("/// <summary>One gradient step on a checked batch; returns the loss from before the update.</summary>");
        Context.GeneratedCode();
        W.Line("private " + number + " __Step(" + Context.ReadOnlySpanType + " inputs, " + Context.ReadOnlySpanType + " targets, int samples)");
        using (W.Block())
        {
            W.Line(Context.SpanType + " gradient = " + Aligned + ".Span(__gradient, ParameterCount);");
            W.Line(number + " loss = __Backpropagate(inputs, targets, samples, gradient" + SharedMembers.BackpropagateArguments(Context, "samples", training: true) + ");");
            W.Line(SharedMembers.Apply + "(loss, gradient);");
            DropoutText.WriteAdvance(Context);
            W.Line("return loss;");
        }

        W.Line();
        W.Line("/// <summary>");
        W.Line("/// The end of a training step from its loss and its <paramref name=\"gradient\"/> (ParameterCount values, flat order): the");
        W.Line("/// check that both are finite, then the update of every parameter.");
        W.Line("/// </summary>");
        Context.GeneratedCode();
        W.Line("private void " + SharedMembers.Apply + "(" + number + " loss, " + Context.ReadOnlySpanType + " gradient)");
        using (W.Block())
        {
            SharedMembers.WriteDivergenceGuard(Context, "loss", "gradient");
            if (Context.Optimizer.IsPlainSgd)
            {
                W.Line("// Gradient descent on the whole block: p -= η · ∂L/∂p, all from the same pre-update gradient.");
                W.Line(Dense + ".Descend<" + number + ">(" + Parameters + ", gradient, __learningRate);");
                W.Line(SharedMembers.StepCount + "++;");
            }
            else
            {
                W.Line("// The " + Context.Optimizer.Kind.ToString() + " update of the whole block, all from the same pre-update gradient, with the");
                W.Line("// optimizer's state for every parameter (__Update).");
                W.Line("__Update(" + Parameters + ", gradient);");
            }

            WriteInvalidatePassOrder();
        }
    }

    /// <summary><c>// Layer 2 (6 → 3): a2 = σ(W2ᵀ · a1 + b2)</c>, with the output and input named as the code names them.</summary>
    private string LayerComment(LayerGeometry layer, string output, string input) =>
        "// Layer " + Int(layer.Number) + " (" + Int(layer.Inputs) + " → " + Int(layer.Units) + (layer.IsOutput ? ", output" : string.Empty) + "): "
        + output + " = " + Context.Activation(layer.Number).Symbol + "(W" + Int(layer.Number) + "ᵀ · " + input + " + b" + Int(layer.Number) + ")";

    /// <summary>
    /// <c>// Layer 2 (6 → 3, output): z2 = W2ᵀ · a1 + b2, the logits</c>: training's output layer when the loss takes
    /// the logits, whose activation the loss applies.
    /// </summary>
    private string LogitsComment(LayerGeometry layer, string output, string input) =>
        "// Layer " + Int(layer.Number) + " (" + Int(layer.Inputs) + " → " + Int(layer.Units) + ", output): " + output + " = W" + Int(layer.Number)
        + "ᵀ · " + input + " + b" + Int(layer.Number) + ", the logits: the loss applies the " + Context.Activation(layer.Number).Name;

    /// <summary>The layers from 2 on whose δ goes through the vectorised kernels, which read a transposed copy of W.</summary>
    private List<int> TransposedLayers() =>
        Enumerable.Range(2, Context.Net.Layers - 1).Where(l => !StraightLineLayers.Training(Context, l)).ToList();

    /// <summary>
    /// The call that runs a layer's forward pass: its straight-line method, or the vectorised kernel with
    /// <paramref name="activation"/> (the layer's, or the identity for logits).
    /// </summary>
    private string ForwardCall(LayerGeometry layer, string input, string output, string samples, bool straight, ActivationDescriptor activation) =>
        straight
            ? ForwardMethod(layer.Number) + "(p, " + input + ", " + output + ", " + samples + ");"
            : activation.ForwardCall(WeightSlice("p", layer), BiasSlice("p", layer), input, output, samples, activation.Parameter(Context), Context);

    /// <summary>
    /// What training's forward pass writes for layer <paramref name="l"/>: its activations <c>a{l}</c>, or for the output
    /// layer of a loss that takes the logits, the logits <c>z{l}</c>, as the unrolled shape names them.
    /// </summary>
    private string TrainingOutput(int l) => l == Context.Net.Layers && Context.Loss.TakesLogits ? PreActivations(l) : Activations(l);

    /// <summary>Training keeps layer <paramref name="l"/>'s pre-activations: its activation's derivative is written from z.</summary>
    private bool KeepsZ(int l) => Context.Activation(l).DerivativeFromZ;

    /// <summary>
    /// Training's forward pass of a layer that keeps z: the kernel that writes z and a, or the straight-line method
    /// (which leaves z) and then <c>a = f(z)</c>.
    /// </summary>
    private void WriteForwardKeepingZ(LayerGeometry layer, bool straight, string comment)
    {
        int l = layer.Number;
        ActivationDescriptor activation = Context.Activation(l);
        string z = PreActivations(l), a = Activations(l), slope = activation.Parameter(Context);
        W.Line(comment + ", keeping " + z + (straight ? ", in straight-line code" : string.Empty));
        if (straight)
        {
            W.Line(ForwardMethod(l) + "(p, " + DropoutText.LoopInput(Context, l) + ", " + z + ", n);");
            W.Line(activation.ApplyKeepingZCall(z, a, slope, Context));
            return;
        }

        W.Line(activation.ForwardKeepingZCall(WeightSlice("p", layer), BiasSlice("p", layer), DropoutText.LoopInput(Context, l), z, a, "n", slope, Context));
    }

    private static string Transposed(int layer) => "__t" + Int(layer);

    private string TransposedSpan(int layer) => Aligned + ".Span(" + Transposed(layer) + ", " + Grouped(Context.Net.Layer(layer).Weights) + ")";

    /// <summary>Layer's W in <paramref name="block"/> (<c>p</c> or <c>g</c>): <c>p.Slice(__W2Offset, 18)</c>.</summary>
    private static string WeightSlice(string block, LayerGeometry layer) =>
        block + ".Slice(" + WeightOffset(layer.Number) + ", " + Grouped(layer.Weights) + ")";

    /// <summary>Layer's b in <paramref name="block"/>: <c>p.Slice(__B2Offset, 3)</c>.</summary>
    private static string BiasSlice(string block, LayerGeometry layer) =>
        block + ".Slice(" + BiasOffset(layer.Number) + ", " + Grouped(layer.Units) + ")";
}
