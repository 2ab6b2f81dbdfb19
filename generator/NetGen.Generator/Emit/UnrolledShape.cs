using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;
using static NetGen.Generator.Emit.Naming;

namespace NetGen.Generator.Emit;

/// <summary>
/// The unrolled shape, for small networks: a field per weight and bias, and straight-line forward, backward and
/// update code with every size and index baked in. The backward pass reads as a worked example, one sample at a
/// time with the math in comments; where the hardware has 256-bit vectors, a batch's first samples go
/// <see cref="EmitContext.Lanes"/> at a time through the same formulas in the lanes of a vector
/// (<see cref="UnrolledLanes"/>, a method of its own written after it).
/// </summary>
internal sealed class UnrolledShape : ShapeEmitter
{
    public UnrolledShape(EmitContext context)
        : base(context)
    {
    }

    public override string[] Remarks => new[] { "Code shape: fully unrolled, one field per weight and bias, in " + Context.Number + "." };

    /// <summary>
    /// True when a batch's first samples go through <see cref="UnrolledLanes"/>: for the square loss (every activation
    /// but softmax has a vector form); the cross-entropies take every sample one at a time. Where the network is not
    /// deterministic, only where 256-bit vectors are in hardware; a network declared <c>Deterministic = true</c> takes
    /// them everywhere (the runtime emulates 256-bit vectors where the hardware has none) and folds the lanes in a fixed
    /// order, so a batch's gradient is summed the same way on every machine.
    /// </summary>
    private bool UsesLanes => Context.Loss.HasLanes;

    public override void WriteFields()
    {
        NetworkGeometry net = Context.Net;
        string number = Context.Number;
        for (int l = 1; l <= net.Layers; l++)
        {
            LayerGeometry layer = net.Layer(l);
            string from = l == 1 ? "input" : "layer " + Int(l - 1) + " unit";
            W.Line();
            W.Line("// Layer " + Int(l) + " (" + Int(layer.Inputs) + " → " + Int(layer.Units) + "): __w" + Int(l) + "_i_j connects " + from + " i to unit j (W"
                + Int(l) + " is " + Int(layer.Inputs) + " x " + Int(layer.Units) + ", the tutorial's layout);");
            W.Line("// __b" + Int(l) + "_j is unit j's bias. Flat parameter indices " + Int(layer.Offset) + ".." + Int(layer.BiasIndex(layer.Units - 1)) + ".");
            for (int i = 0; i < layer.Inputs; i++)
            {
                int input = i;
                W.Line("private " + number + " " + string.Join(", ", Enumerable.Range(0, layer.Units).Select(j => Weight(layer.Number, input, j))) + ";");
            }

            W.Line("private " + number + " " + string.Join(", ", Enumerable.Range(0, layer.Units).Select(j => Bias(layer.Number, j))) + ";");
        }

        W.Line();
        W.Line("// The gradient of one training step, allocated once with the network and overwritten by every step.");
        W.Line("private readonly " + number + "[] __gradient = new " + number + "[ParameterCount];");
        if (!Context.Optimizer.IsPlainSgd)
        {
            W.Line("// The parameters in the flat order, copied from the fields for the optimizer's update (__Update) and back.");
            W.Line("private readonly " + number + "[] " + UpdateBlock + " = new " + number + "[ParameterCount];");
        }

        W.Line("private " + number + " __learningRate;");
    }

    /// <summary>The field that holds the parameters in the flat order while the optimizer updates them.</summary>
    private const string UpdateBlock = "__updateBlock";

    public override void WriteInitialization(string initializer)
    {
        W.Line(Context.Number + "[] parameters = new " + Context.Number + "[ParameterCount];");
        W.Line("global::NetGen.Initialization.Fill(__LayerSizes, seed, " + initializer + ", parameters);");
        W.Line("SetParameters(parameters);");
    }

    public override void WritePasses()
    {
        WriteForward();
        WriteBackpropagate();
        if (UsesLanes)
        {
            new UnrolledLanes(Context).Write();
        }

        WriteStep();
    }

    public override void WriteParameterAccess()
    {
        NetworkGeometry net = Context.Net;
        SharedMembers.WriteParameterAccess(
            Context,
            () =>
            {
                foreach (ParameterPosition p in net.Parameters())
                {
                    W.Line("destination[" + Int(p.Index) + "] = " + Field(p) + ";");
                }
            },
            () =>
            {
                foreach (ParameterPosition p in net.Parameters())
                {
                    W.Line(Field(p) + " = source[" + Int(p.Index) + "];");
                }
            });
    }

    private void WriteForward()
    {
        NetworkGeometry net = Context.Net;
        W.Line();
        W.Line("/// <summary>One sample through every layer; <paramref name=\"x\"/> and <paramref name=\"y\"/> have the right lengths.</summary>");
        Context.GeneratedCode();
        W.Line("private void __Forward(" + Context.ReadOnlySpanType + " x, " + Context.SpanType + " y)");
        using (W.Block())
        {
            bool softmax = !Context.Activation(net.Layers).IsElementwise;
            WriteForwardLayers(logits: softmax);
            if (softmax)
            {
                new UnrolledLoss(Context).WriteSoftmax();
            }

            W.Line();
            for (int j = 0; j < net.Size(net.Layers); j++)
            {
                W.Line("y[" + Int(j) + "] = " + Activation(net.Layers, j) + ";");
            }
        }
    }

    /// <summary>
    /// One sample's forward pass into locals: the inputs, then per layer each unit's sum and activation. A layer of
    /// one unit calls the scalar activation; a layer of several computes their pre-activations, then one vector
    /// activation for up to a vector's width of them. With <paramref name="logits"/>, the output layer stops at its
    /// pre-activations z (the logits a cross-entropy or a softmax takes). With <paramref name="training"/>, a network with
    /// dropout masks each hidden layer's outputs (<see cref="DropoutText.WriteUnitMasks"/>) and the layer above takes them.
    /// </summary>
    private void WriteForwardLayers(bool logits, bool training = false)
    {
        NetworkGeometry net = Context.Net;
        string number = Context.Number;
        Statements.Locals(Context, Enumerable.Range(0, net.Size(0)).Select(i => Activation(0, i) + " = x[" + Int(i) + "]"));
        for (int l = 1; l <= net.Layers; l++)
        {
            LayerGeometry layer = net.Layer(l);
            ActivationDescriptor activation = Context.Activation(l);
            if (training && DropoutText.Drops(Context, l - 1))
            {
                DropoutText.WriteUnitMasks(Context, l - 1);
            }

            System.Func<int, string> input = training ? i => DropoutText.UnitInput(Context, layer.Number, i) : i => Activation(layer.Number - 1, i);
            W.Line();
            string head = "// Layer " + Int(l) + " (" + Int(layer.Inputs) + " → " + Int(layer.Units) + (layer.IsOutput ? ", output" : string.Empty) + "): ";
            string below = training && DropoutText.Drops(Context, l - 1) ? "h" + Int(l - 1) : Below(l);
            if (logits && layer.IsOutput)
            {
                W.Line(head + "the logits z" + Int(l) + " = W" + Int(l) + "ᵀ · " + below + " + b" + Int(l) + " (" + activation.Symbol + " comes below)");
                for (int j = 0; j < layer.Units; j++)
                {
                    Statements.DeclareSum(Context, PreActivation(l, j), Terms(layer, j, input), Bias(l, j));
                }

                continue;
            }

            W.Line(head + "a" + Int(l) + " = " + activation.Symbol + "(W" + Int(l) + "ᵀ · " + below + " + b" + Int(l) + ")");
            if (!activation.HasScalarHelper)
            {
                // The identity: each unit's sum is its activation.
                for (int j = 0; j < layer.Units; j++)
                {
                    W.Line(number + " " + Activation(l, j) + " = " + Statements.Sum(Context, PreActivation(l, j), Terms(layer, j, input), Bias(l, j)) + ";");
                }

                continue;
            }

            int width = Context.Lanes;
            for (int first = 0; first < layer.Units; first += width)
            {
                int count = System.Math.Min(width, layer.Units - first);
                if (count == 1)
                {
                    int j = first;
                    string sum = Statements.Sum(Context, PreActivation(l, j), Terms(layer, j, input), Bias(l, j));
                    if (activation.DerivativeFromZ && sum != PreActivation(l, j))
                    {
                        // z is kept: the backward pass takes the derivative from it.
                        W.Line(number + " " + PreActivation(l, j) + " = " + sum + ";");
                        sum = PreActivation(l, j);
                    }

                    W.Line(number + " " + Activation(l, j) + " = " + activation.Scalar(sum) + ";");
                    continue;
                }

                // Several units: their pre-activations first, then one vectorised activation for all of them.
                for (int j = first; j < first + count; j++)
                {
                    Statements.DeclareSum(Context, PreActivation(l, j), Terms(layer, j, input), Bias(l, j));
                }

                string vector = UnitVector(l, first / width);
                IEnumerable<string> lanes = Enumerable.Range(0, width).Select(k => k < count ? PreActivation(l, first + k) : Context.Zero);
                W.Line("var " + vector + " = " + activation.Apply(Vectors + ".Create(" + string.Join(", ", lanes) + ")", activation.Parameter(Context)) + ";");
                IEnumerable<string> activations = Enumerable.Range(0, count).Select(k => Activation(l, first + k) + " = " + vector + "[" + Int(k) + "]");
                W.Line(number + " " + string.Join(", ", activations) + ";");
            }
        }
    }

    /// <summary>The products of unit <paramref name="unit"/>'s sum, <c>w · a</c> for every input (named by <paramref name="input"/>), in the reference's order.</summary>
    private static IEnumerable<string> Terms(LayerGeometry layer, int unit, System.Func<int, string> input) =>
        Enumerable.Range(0, layer.Inputs).Select(i => Weight(layer.Number, i, unit) + " * " + input(i));

    /// <remarks>
    /// The gradient is accumulated in locals and written once at the end, never cleared with <c>Span.Clear</c>:
    /// measured on this project's x64 machines (Xeon, AVX-512), a vectorised clear before the loop's calls to
    /// <c>Math.Exp</c> made the Tier-1 training step 14x slower (3.3 µs instead of 0.23 µs for 2-4-1; gone with
    /// DOTNET_PreferredVectorBitWidth=128), most likely the cost of mixing 256-bit vector and scalar SSE code.
    /// </remarks>
    private void WriteBackpropagate()
    {
        NetworkGeometry net = Context.Net;
        string number = Context.Number, readOnlySpan = Context.ReadOnlySpanType;
        int lanes = Context.Lanes;
        var first = new ParameterPosition(0, 1, 0, 0);
        var firstBias = new ParameterPosition(net.BiasIndex(1, 0), 1, ParameterPosition.Bias, 0);
        string? scale = UnrolledLoss.Scale(Context);
        string result = scale is null ? "loss" : "scale * loss";
        W.Line();
        SharedMembers.WriteBackpropagateSummary(Context);
        Context.GeneratedCode();
        W.Line("private " + number + " __Backpropagate(" + readOnlySpan + " inputs, " + readOnlySpan + " targets, int samples, " + Context.SpanType + " g"
            + (scale is null ? string.Empty : ", " + number + " scale") + DropoutText.Parameter(Context) + ")");
        using (W.Block())
        {
            if (scale is not null)
            {
                W.Line("// " + UnrolledLoss.ScaleComment(Context));
                W.Line();
            }

            if (UsesLanes)
            {
                if (Context.Model.Deterministic)
                {
                    W.Line("// The samples go " + Int(lanes) + " at a time first, one per lane of a vector (emulated where 256-bit vectors are not in hardware,");
                    W.Line("// so that every machine sums alike), through the same formulas (" + UnrolledLanes.Method + "), which writes their loss and");
                    W.Line("// gradient to g; the rest go one at a time below.");
                }
                else
                {
                    W.Line("// Where 256-bit vectors are in hardware, the samples go " + Int(lanes) + " at a time first, one per lane of a vector, through the");
                    W.Line("// same formulas (" + UnrolledLanes.Method + "), which writes their loss and gradient to g; the rest go one at a time below.");
                }

                W.Line("int s = 0;");
                W.Line(number + " loss = " + Context.Zero + ";");
                if (Context.Model.HasDropout)
                {
                    W.Line("// A training step's masks differ per sample, which the lanes do not draw: its samples go one at a time.");
                }

                W.Line("if (" + (Context.Model.HasDropout ? "!" + DropoutText.Flag + " && " : string.Empty)
                    + (Context.Model.Deterministic ? string.Empty : Vectors + ".IsHardwareAccelerated && ") + "samples >= " + Int(lanes) + ")");
                using (W.Block())
                {
                    W.Line("s = samples - samples % " + Int(lanes) + ";");
                    W.Line("loss = " + UnrolledLanes.Method + "(inputs, targets, s, g" + (scale is null ? string.Empty : ", scale") + ");");
                    W.Line("if (s == samples)");
                    using (W.Block())
                    {
                        W.Line("return " + result + ";");
                    }
                }

                W.Line();
                W.Line("// Gradient accumulators, one per parameter (" + Gradient(first) + " is ∂L/∂w1_0_0, " + Gradient(firstBias) + " is ∂L/∂b1_0), summed over");
                W.Line("// the batch in locals, from the lanes' sums if any: the loop reads the inputs and targets and writes no memory.");
                W.Line("bool accumulate = s > 0;");
                Statements.LocalRows(Context, ParameterRows(p => Gradient(p) + " = accumulate ? g[" + Int(p.Index) + "] : " + Context.Zero));
            }
            else
            {
                W.Line(number + " loss = " + Context.Zero + ";");
                W.Line();
                W.Line("// Gradient accumulators, one per parameter (" + Gradient(first) + " is ∂L/∂w1_0_0, " + Gradient(firstBias) + " is ∂L/∂b1_0), summed over");
                W.Line("// the batch in locals: the loop reads the inputs and targets and writes no memory.");
                Statements.LocalRows(Context, ParameterRows(p => Gradient(p) + " = " + Context.Zero));
            }

            W.Line();
            W.Line("// One sample at a time.");
            W.Line((UsesLanes ? "for (; s < samples; s++)" : "for (int s = 0; s < samples; s++)"));
            using (W.Block())
            {
                W.Line(readOnlySpan + " x = inputs.Slice(s * InputSize, InputSize);");
                W.Line(readOnlySpan + " t = targets.Slice(s * OutputSize, OutputSize);");
                W.Line();
                W.Line("// Forward pass, keeping every activation for the backward pass.");
                WriteForwardLayers(logits: Context.Loss.TakesLogits, training: true);
                WriteSampleBackward(scale is not null);
            }

            W.Line();
            W.Line("// The gradient, in the flat parameter order.");
            foreach (ParameterPosition p in net.Parameters())
            {
                W.Line("g[" + Int(p.Index) + "] = " + Gradient(p) + ";");
            }

            W.Line();
            W.Line("return " + result + ";");
        }
    }

    /// <summary>The network's parameters a row at a time (a layer's weights from one input, or its biases), each written by <paramref name="text"/>.</summary>
    private IEnumerable<IEnumerable<string>> ParameterRows(System.Func<ParameterPosition, string> text) =>
        Context.Net.Parameters().GroupBy(p => (p.Layer, p.Input)).Select(row => row.Select(text));

    /// <summary>
    /// One sample's loss and backward pass, after its forward pass: the loss and the output δ (<see cref="UnrolledLoss"/>),
    /// then the gradient sums and the δ sent down, layer by layer, top down. <paramref name="scaled"/>: the reduction's
    /// <c>scale</c> multiplies the output δ.
    /// </summary>
    private void WriteSampleBackward(bool scaled)
    {
        NetworkGeometry net = Context.Net;
        string number = Context.Number;
        int top = net.Layers;
        string one = Context.Literal(1.0);
        W.Line();
        new UnrolledLoss(Context).WriteSample(scaled);
        for (int l = top; l >= 1; l--)
        {
            ActivationDescriptor activation = Context.Activation(l);
            string derivative = activation.DerivativeText(activation.DerivativeInput(Activations(l), PreActivations(l)));
            W.Line();
            if (l == top && Context.Loss.TakesLogits)
            {
                W.Line("// Layer " + Int(l) + " backward: δ" + Int(l) + " = ∂L/∂z" + Int(l) + " from the loss above, which takes in " + activation.Name + "'s derivative.");
            }
            else if (l == top)
            {
                string e = scaled ? "(scale · " + Context.Loss.GradientWord + ")" : Context.Loss.GradientWord;
                W.Line("// Layer " + Int(l) + " backward: δ" + Int(l) + " = " + e + " ⊙ " + derivative + ", since " + activation.DerivativeRule + ".");
                for (int j = 0; j < net.Out(l); j++)
                {
                    string gradient = Context.Loss.Gradient(Error(j), Context.Literal);
                    string error = scaled ? "scale * " + gradient : gradient;
                    string input = activation.DerivativeInput(Activation(l, j), PreActivation(l, j));
                    W.Line(number + " " + Delta(l, j) + " = " + activation.TimesDerivative(error, input, one, activation.Parameter(Context)) + ";");
                }
            }
            else
            {
                string mask = DropoutText.Drops(Context, l) ? " ⊙ m" + Int(l) : string.Empty;
                W.Line("// Layer " + Int(l) + " backward: δ" + Int(l) + " = (W" + Int(l + 1) + " · δ" + Int(l + 1) + ") ⊙ " + derivative + mask
                    + ", with W" + Int(l + 1) + " as it was before this step.");
                for (int j = 0; j < net.Out(l); j++)
                {
                    int unit = j;
                    IEnumerable<string> terms = Enumerable.Range(0, net.Out(l + 1)).Select(k => Weight(l + 1, unit, k) + " * " + Delta(l + 1, k));
                    string sum = Statements.Sum(Context, BackSum(l, unit), terms);
                    string input = activation.DerivativeInput(Activation(l, unit), PreActivation(l, unit));
                    string delta = activation.TimesDerivative(sum, input, one, activation.Parameter(Context));
                    W.Line(number + " " + Delta(l, unit) + " = " + (DropoutText.Drops(Context, l) ? "(" + delta + ") * " + DropoutText.UnitMask(l, unit) : delta) + ";");
                }
            }

            LayerGeometry layer = net.Layer(l);
            string below = DropoutText.Drops(Context, l - 1) ? "h" + Int(l - 1) : Below(l);
            W.Line("// ∂L/∂W" + Int(l) + "[i, j] += " + below + "_i · δ" + Int(l) + "_j (flat " + Range(layer.Offset, layer.BiasOffset - 1) + "); "
                + "∂L/∂b" + Int(l) + "[j] += δ" + Int(l) + "_j (flat " + Range(layer.BiasOffset, layer.BiasIndex(layer.Units - 1)) + ").");
            WriteGradientSums(W, layer, Gradient, i => DropoutText.UnitInput(Context, layer.Number, i));
        }
    }

    /// <summary>
    /// One sample's (or one lane group's) contribution to a layer's gradient: <c>∂L/∂W[i, j] += a_i · δ_j</c> and
    /// <c>∂L/∂b[j] += δ_j</c>, into the accumulators <paramref name="accumulator"/> names.
    /// </summary>
    internal static void WriteGradientSums(
        IndentedWriter w, LayerGeometry layer, System.Func<ParameterPosition, string> accumulator, System.Func<int, string>? input = null)
    {
        int l = layer.Number;
        for (int i = 0; i < layer.Inputs; i++)
        {
            string a = input is null ? Activation(l - 1, i) : input(i);
            for (int j = 0; j < layer.Units; j++)
            {
                w.Line(accumulator(new ParameterPosition(layer.WeightIndex(i, j), l, i, j)) + " += " + a + " * " + Delta(l, j) + ";");
            }
        }

        for (int j = 0; j < layer.Units; j++)
        {
            w.Line(accumulator(new ParameterPosition(layer.BiasIndex(j), l, ParameterPosition.Bias, j)) + " += " + Delta(l, j) + ";");
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
            W.Line(Context.SpanType + " g = __gradient;");
            W.Line(number + " loss = __Backpropagate(inputs, targets, samples, g" + SharedMembers.BackpropagateArguments(Context, "samples", training: true) + ");");
            W.Line(SharedMembers.Apply + "(loss, g);");
            DropoutText.WriteAdvance(Context);
            W.Line("return loss;");
        }

        W.Line();
        W.Line("/// <summary>");
        W.Line("/// The end of a training step from its loss and its gradient <paramref name=\"g\"/> (ParameterCount values, flat order): the");
        W.Line("/// check that both are finite, then the update of every parameter.");
        W.Line("/// </summary>");
        Context.GeneratedCode();
        W.Line("private void " + SharedMembers.Apply + "(" + number + " loss, " + Context.ReadOnlySpanType + " g)");
        using (W.Block())
        {
            SharedMembers.WriteDivergenceGuard(Context, "loss", "g");
            if (Context.Optimizer.IsPlainSgd)
            {
                W.Line(number + " rate = __learningRate;");
                W.Line();
                W.Line("// Gradient descent on every parameter: p -= η · ∂L/∂p, all from the same pre-update gradient.");
                foreach (ParameterPosition p in Context.Net.Parameters())
                {
                    W.Line(Field(p) + " -= rate * g[" + Int(p.Index) + "];");
                }

                W.Line(SharedMembers.StepCount + "++;");
            }
            else
            {
                W.Line("// " + Context.OptimizerText.Name + " on every parameter (" + SharedMembers.Update + "), all from the same pre-update gradient:");
                W.Line("// the fields are copied into one block in the flat order, updated there, and copied back.");
                W.Line(Context.SpanType + " p = " + UpdateBlock + ";");
                W.Line("GetParameters(p);");
                W.Line(SharedMembers.Update + "(p, g);");
                W.Line("SetParameters(p);");
            }
        }
    }

    /// <summary>The scalar helper of every activation the network uses, and <c>__All</c>, which broadcasts a value to every lane.</summary>
    public override void WriteHelpers()
    {
        string number = Context.Number;
        const string inline =
            "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";
        foreach (ActivationDescriptor activation in Context.DistinctActivations.Where(a => a.HasScalarHelper))
        {
            W.Line();
            W.Line("/// <summary>" + activation.ScalarHelperSummary + "</summary>");
            Context.GeneratedCode();
            W.Line(inline);
            W.Line("private static " + number + " " + activation.Scalar(number + " z") + " => " + activation.ScalarHelperBody("z", activation.Parameter(Context), Context.Model.Deterministic || Context.Model.Standard) + ";");
        }

        new UnrolledLoss(Context).WriteHelpers();

        W.Line();
        W.Line("/// <summary>The same value in every lane of a vector.</summary>");
        Context.GeneratedCode();
        W.Line(inline);
        W.Line("private static " + Vector + " __All(" + number + " value) => " + Vectors + ".Create(value);");
    }
}
