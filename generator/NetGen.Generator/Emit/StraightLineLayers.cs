using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;
using static NetGen.Generator.Emit.Naming;

namespace NetGen.Generator.Emit;

/// <summary>
/// The straight-line methods of the loop shape's layers that the plan gives them, one method per layer and pass so
/// none comes near the JIT's limits. Each reads its layer's weights into locals once per call and computes every sum
/// in the kernels' order with the kernels' rounding (<c>__MulAdd</c>), so a layer gives the same bits either way.
/// </summary>
internal sealed class StraightLineLayers
{
    private readonly EmitContext _context;

    public StraightLineLayers(EmitContext context)
    {
        _context = context;
    }

    private IndentedWriter W => _context.Writer;

    /// <summary>
    /// Forward and Predict run layer <paramref name="l"/> in straight-line code: where the plan says, except for a
    /// softmax layer, which is never straight-line code (its units are normalised together, in the kernel).
    /// </summary>
    public static bool Inference(EmitContext context, int l) => context.StraightInference(l) && context.Activation(l).IsElementwise;

    /// <summary>
    /// Training runs layer <paramref name="l"/> in straight-line code: where the plan says, except for a softmax layer and,
    /// under dropout, a layer above the first (its straight-line backward would take the dropped outputs below for their
    /// derivative, which needs them undropped).
    /// </summary>
    public static bool Training(EmitContext context, int l) =>
        context.StraightTraining(l) && context.Activation(l).IsElementwise && (l == 1 || !context.Model.HasDropout);

    /// <summary>Layer <paramref name="l"/> has a straight-line forward method (used by inference, training or both).</summary>
    public static bool HasForward(EmitContext context, int l) => Inference(context, l) || Training(context, l);

    /// <summary>
    /// The activation layer <paramref name="l"/>'s straight-line forward method applies: its own, except on an output
    /// layer whose loss takes the logits (binary cross-entropy), where it leaves the pre-activations for the loss, and
    /// on a layer whose activation's derivative is written from z, where it leaves z for training to keep; inference
    /// applies the activation after the call.
    /// </summary>
    public static ActivationDescriptor MethodActivation(EmitContext context, int l) =>
        (l == context.Net.Layers && context.Loss.TakesLogits) || context.Activation(l).DerivativeFromZ ? ActivationDescriptor.Identity : context.Activation(l);

    public void Write()
    {
        NetworkGeometry net = _context.Net;
        if (!Enumerable.Range(1, net.Layers).Any(l => HasForward(_context, l)))
        {
            return;
        }

        string why = _context.Model.UnrolledLayers is null
            ? "The planner chose straight-line code: the kernels vectorise over units, and this layer has too few to fill a vector."
            : "Straight-line code, as UnrolledLayers asks.";
        for (int l = 1; l <= net.Layers; l++)
        {
            if (HasForward(_context, l))
            {
                WriteForward(net.Layer(l), why);
            }

            if (Training(_context, l))
            {
                WriteBackward(net.Layer(l), why);
            }
        }

        WriteMulAdd();
    }

    private void WriteForward(LayerGeometry layer, string why)
    {
        int l = layer.Number, nin = layer.Inputs, nout = layer.Units;
        ActivationDescriptor activation = MethodActivation(_context, l);
        bool logits = activation != _context.Activation(l);
        string readOnlySpan = _context.ReadOnlySpanType;
        W.Line();
        W.Line("/// <summary>");
        string formula = logits
            ? "z" + Int(l) + " = W" + Int(l) + "ᵀ · " + Below(l) + " + b" + Int(l)
            : Activations(l) + " = " + activation.Symbol + "(W" + Int(l) + "ᵀ · " + Below(l) + " + b" + Int(l) + ")";
        string output = logits ? "z" + Int(l) : Activations(l);
        W.Line("/// " + LayerTitle(layer) + " forward: <c>" + formula + "</c> for each of <paramref name=\"samples\"/>");
        W.Line("/// samples, whose " + Below(l) + " are in x and whose " + output + " go to a, one sample after the other.");
        if (logits && _context.Activation(l).DerivativeFromZ)
        {
            W.Line("/// z, without the " + _context.Activation(l).Name + ": training keeps z (the derivative is written from it) and applies it after the call, as Forward does.");
        }
        else if (logits)
        {
            W.Line("/// The logits, without the " + _context.Activation(l).Name + ": the loss takes them as they are, and Forward applies it after the call.");
        }

        W.Line("/// " + why);
        W.Line("/// </summary>");
        _context.GeneratedCode();
        W.Line("private static void " + ForwardMethod(l) + "(" + readOnlySpan + " p, " + readOnlySpan + " x, " + _context.SpanType + " a, int samples)");
        using (W.Block())
        {
            W.Line("// W" + Int(l) + "[i, j] in local w" + Int(l) + "_i_j, from p[" + FlatIndex(layer.Offset, nout) + "]; "
                + "b" + Int(l) + "[j] in b" + Int(l) + "_j, from p[" + FlatIndex(layer.BiasOffset, 0) + "].");
            WriteLayerLocals(layer, Local, bias: true, i => "p[" + Grouped(i) + "]");
            W.Line("for (int s = 0; s < samples; s++)");
            using (W.Block())
            {
                W.Line(readOnlySpan + " xs = x.Slice(" + Times("s", nin) + ", " + Int(nin) + ");");
                W.Line(_context.SpanType + " zs = a.Slice(" + Times("s", nout) + ", " + Int(nout) + ");");
                WriteRowLocals(l - 1, Naming.Activation, "xs");
                for (int j = 0; j < nout; j++)
                {
                    int unit = j;
                    WriteMulAddSum(PreActivation(l, unit), Enumerable.Range(0, nin).Select(i => (Activation(l - 1, i), Local(Position(layer, i, unit)))));
                    W.Line("zs[" + Int(unit) + "] = " + PreActivation(l, unit) + " + " + Local(Position(layer, ParameterPosition.Bias, unit)) + ";");
                }
            }

            string? apply = activation.ApplyCall("a.Slice(0, " + Times("samples", nout) + ")", activation.Parameter(_context), _context);
            if (apply is not null)
            {
                W.Line();
                bool exp = activation == ActivationDescriptor.Sigmoid || activation == ActivationDescriptor.Tanh;
                W.Line("// " + activation.Symbol + " of every sample's pre-activations in one call"
                    + (activation == ActivationDescriptor.Sigmoid ? string.Empty : ", as the kernels apply it")
                    + (exp ? ", vectorised where the runtime has a vector exp." : "."));
                W.Line(apply);
            }
        }
    }

    private void WriteBackward(LayerGeometry layer, string why)
    {
        int l = layer.Number, nin = layer.Inputs, nout = layer.Units;
        string span = _context.SpanType, readOnlySpan = _context.ReadOnlySpanType;
        ActivationDescriptor? activationBelow = l > 1 ? _context.Activation(l - 1) : null;
        W.Line();
        W.Line("/// <summary>");
        string delta = "δ" + Int(l);
        W.Line("/// " + LayerTitle(layer) + " backward, for <paramref name=\"samples\"/> samples whose " + Below(l) + " are in x and whose "
            + delta + " in d:");
        W.Line("/// <c>∂L/∂W" + Int(l) + "[i, j] += Σ_s " + Below(l) + "_s,i · " + delta + "_s,j</c> and <c>∂L/∂b" + Int(l) + "[j] += Σ_s " + delta
            + "_s,j</c> into g (added to what g holds");
        bool zBelow = activationBelow is { DerivativeFromZ: true };
        string deltaBelow = activationBelow is null
            ? "."
            : ", and δ" + Int(l - 1) + " = (W" + Int(l) + " · δ" + Int(l) + ") ⊙ "
                + activationBelow.DerivativeText(activationBelow.DerivativeInput(Activations(l - 1), "zBelow")) + " into dBelow.";
        W.Line("/// with <paramref name=\"accumulate\"/>, written over it without)" + deltaBelow);
        W.Line("/// The sums run over the samples in order, in locals, and are stored once at the end. " + why);
        W.Line("/// </summary>");
        _context.GeneratedCode();
        W.Line("private static void " + BackwardMethod(l) + "(" + readOnlySpan + " p, " + span + " g, " + readOnlySpan + " x, " + readOnlySpan + " d, "
            + (activationBelow is not null ? span + " dBelow, " : string.Empty) + (zBelow ? readOnlySpan + " zBelow, " : string.Empty) + "int samples, bool accumulate)");
        using (W.Block())
        {
            W.Line("// ∂L/∂W" + Int(l) + "[i, j] in local gw" + Int(l) + "_i_j, at g[" + FlatIndex(layer.Offset, nout) + "]; "
                + "∂L/∂b" + Int(l) + "[j] in gb" + Int(l) + "_j, at g[" + FlatIndex(layer.BiasOffset, 0) + "].");
            WriteLayerLocals(layer, Gradient, bias: true, i => "accumulate ? g[" + Grouped(i) + "] : " + _context.Zero);
            if (activationBelow is not null)
            {
                W.Line("// W" + Int(l) + " as it is (the update comes after the whole backward pass), in local w" + Int(l) + "_i_j.");
                WriteLayerLocals(layer, Local, bias: false, i => "p[" + Grouped(i) + "]");
            }

            W.Line("for (int s = 0; s < samples; s++)");
            using (W.Block())
            {
                W.Line(readOnlySpan + " xs = x.Slice(" + Times("s", nin) + ", " + Int(nin) + ");");
                W.Line(readOnlySpan + " ds = d.Slice(" + Times("s", nout) + ", " + Int(nout) + ");");
                WriteRowLocals(l - 1, Naming.Activation, "xs");
                WriteRowLocals(l, Delta, "ds");
                for (int i = 0; i < nin; i++)
                {
                    for (int j = 0; j < nout; j++)
                    {
                        string gradient = Gradient(Position(layer, i, j));
                        W.Line(gradient + " = __MulAdd(" + Activation(l - 1, i) + ", " + Delta(l, j) + ", " + gradient + ");");
                    }
                }

                Statements.Wrapped(W, Enumerable.Range(0, nout).Select(j => Gradient(Position(layer, ParameterPosition.Bias, j)) + " += " + Delta(l, j) + ";"));
                if (activationBelow is not null)
                {
                    W.Line(span + " bs = dBelow.Slice(" + Times("s", nin) + ", " + Int(nin) + ");");
                    string one = _context.Literal(1.0);
                    for (int i = 0; i < nin; i++)
                    {
                        int input = i;
                        WriteMulAddSum(BackSum(l - 1, input), Enumerable.Range(0, nout).Select(j => (Local(Position(layer, input, j)), Delta(l, j))));
                        W.Line("bs[" + Int(input) + "] = " + (zBelow
                            ? BackSum(l - 1, input)
                            : activationBelow.Backward(BackSum(l - 1, input), Activation(l - 1, input), one, activationBelow.Parameter(_context))) + ";");
                    }
                }
            }

            if (activationBelow is { DerivativeFromZ: true })
            {
                // Its derivative calls exp: through the kernel, over the whole chunk, so every element is computed at the
                // width the kernel layers compute it (the same bits either way).
                string length = Times("samples", nin);
                W.Line(activationBelow.MultiplyByDerivativeCall("dBelow.Slice(0, " + length + ")", "zBelow.Slice(0, " + length + ")",
                    activationBelow.Parameter(_context), _context));
            }

            W.Line();
            Statements.WrappedRows(W, Rows(layer).Select(row => row.Select(p => "g[" + Grouped(p.Index) + "] = " + Gradient(p) + ";")));
        }
    }

    private void WriteMulAdd()
    {
        string number = _context.Number;
        W.Line();
        W.Line("/// <summary>");
        W.Line("/// <c>a · b + c</c> rounded once (fused), as NetGen's kernels round it on every runtime and machine");
        W.Line("/// (NetGen.Runtime.Arithmetic), so straight-line and kernel layers agree bit for bit.");
        W.Line("/// </summary>");
        _context.GeneratedCode();
        W.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        W.Line("private static " + number + " __MulAdd(" + number + " a, " + number + " b, " + number + " c) => "
            + "global::NetGen.Runtime.Arithmetic.MulAdd(a, b, c);");
    }

    /// <summary><c>{name} = t0 · u0</c>, then <c>{name} = __MulAdd(tk, uk, {name})</c> for every further term, in order.</summary>
    private void WriteMulAddSum(string name, IEnumerable<(string A, string B)> terms)
    {
        bool first = true;
        foreach ((string a, string b) in terms)
        {
            W.Line(first ? _context.Number + " " + name + " = " + a + " * " + b + ";" : name + " = __MulAdd(" + a + ", " + b + ", " + name + ");");
            first = false;
        }
    }

    /// <summary>
    /// The flat index of element [i, j] of a block at <paramref name="offset"/> with rows of <paramref name="stride"/>
    /// (0: a vector, [j]): <c>246 + 3 * i + j</c>, <c>267 + i + j</c>, <c>264 + j</c>.
    /// </summary>
    private static string FlatIndex(int offset, int stride)
    {
        string row = stride == 0 ? "j" : Times("i", stride) + " + j";
        return offset == 0 ? row : Grouped(offset) + " + " + row;
    }

    /// <summary>The position of layer <paramref name="layer"/>'s weight from <paramref name="input"/> to <paramref name="unit"/> (or its bias).</summary>
    private static ParameterPosition Position(LayerGeometry layer, int input, int unit) =>
        new(input == ParameterPosition.Bias ? layer.BiasIndex(unit) : layer.WeightIndex(input, unit), layer.Number, input, unit);

    /// <summary>"Layer 2 (6 → 3)".</summary>
    private static string LayerTitle(LayerGeometry layer) => "Layer " + Int(layer.Number) + " (" + Int(layer.Inputs) + " → " + Int(layer.Units) + ")";

    /// <summary>A layer's parameters a row at a time: the weights of each input, then the biases.</summary>
    private static IEnumerable<ParameterPosition[]> Rows(LayerGeometry layer) =>
        Enumerable.Range(0, layer.Inputs).Append(ParameterPosition.Bias)
            .Select(i => Enumerable.Range(0, layer.Units).Select(j => Position(layer, i, j)).ToArray());

    /// <summary>
    /// Locals for a layer's weights (a line per input) and, with <paramref name="bias"/>, its biases, named by
    /// <paramref name="name"/>, each from its flat index.
    /// </summary>
    private void WriteLayerLocals(LayerGeometry layer, System.Func<ParameterPosition, string> name, bool bias, System.Func<int, string> value)
    {
        Statements.LocalRows(_context, Rows(layer).Where(r => bias || !r[0].IsBias).Select(row => row.Select(p => name(p) + " = " + value(p.Index))));
    }

    /// <summary>One sample's row of layer <paramref name="layer"/>'s values from a span: <c>double a1_0 = xs[0], a1_1 = xs[1], ...;</c>.</summary>
    private void WriteRowLocals(int layer, System.Func<int, int, string> name, string span)
    {
        int count = _context.Net.Size(layer);
        Statements.Locals(_context, Enumerable.Range(0, count).Select(k => name(layer, k) + " = " + span + "[" + Int(k) + "]"));
    }
}
