using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;
using static NetGen.Generator.Emit.Naming;

namespace NetGen.Generator.Emit;

/// <summary>
/// The unrolled shape's <c>__BackpropagateLanes</c>: the one-sample backward pass of <c>__Backpropagate</c> for
/// <see cref="EmitContext.Lanes"/> samples at once, one sample per lane of a 256-bit vector, with the same formulas,
/// so every activation of a unit is computed for all lanes in one vector call. Weights are broadcast (<c>__All</c>);
/// gradients and loss are summed per lane and folded into <c>g</c> after the loop (a different order of additions than
/// the reference's, within rounding). <c>__Backpropagate</c> calls it first and goes on from its sums.
/// </summary>
internal sealed class UnrolledLanes
{
    /// <summary>The method's name.</summary>
    public const string Method = "__BackpropagateLanes";

    private readonly EmitContext _context;

    public UnrolledLanes(EmitContext context)
    {
        _context = context;
    }

    private IndentedWriter W => _context.Writer;

    public void Write()
    {
        NetworkGeometry net = _context.Net;
        int lanes = _context.Lanes;
        string readOnlySpan = _context.ReadOnlySpanType;
        bool scaled = UnrolledLoss.Scale(_context) is not null;
        W.Line();
        W.Line("/// <summary>");
        W.Line("/// The backward pass of <see cref=\"__Backpropagate\"/> for <paramref name=\"samples\"/> samples (a multiple of "
            + Int(lanes) + "), " + Int(lanes) + " at a time,");
        W.Line("/// one per lane of a 256-bit vector: the same formulas, each unit's activation computed for all lanes in one call,");
        W.Line("/// weights broadcast to every lane (__All). The loss and gradient are summed per lane, then folded into g (flat order,");
        W.Line("/// overwritten): a different order of additions than one sample at a time, within rounding. Returns the loss"
            + (scaled ? " summed over" : "."));
        if (scaled)
        {
            W.Line("/// the samples; <paramref name=\"scale\"/>, the reduction's factor, multiplies every output δ (the caller scales the loss).");
        }

        W.Line("/// </summary>");
        _context.GeneratedCode();
        W.Line("private " + _context.Number + " " + Method + "(" + readOnlySpan + " inputs, " + readOnlySpan + " targets, int samples, "
            + _context.SpanType + " g" + (scaled ? ", " + _context.Number + " scale" : string.Empty) + ")");
        using (W.Block())
        {
            W.Line("// Loss and gradient accumulators, one lane per sample (lw1_0_0 sums ∂L/∂w1_0_0).");
            W.Line(Vector + " lossLanes = default;");
            Statements.DeclarationRows(W, Vector, net.Parameters().GroupBy(p => (p.Layer, p.Input)).Select(row => row.Select(p => LaneGradient(p) + " = default")));

            // The first group is written out before the loop over the others: its sums start from the zeros above, which the
            // compiler keeps as constants, so no sum is carried across the activations' calls in a batch of one group (a
            // loop-carried sum is saved and restored around every call, one per unit, where vector registers are few).
            W.Line("// The first " + Int(lanes) + " samples, then the others " + Int(lanes) + " at a time through the same statements: the first group's");
            W.Line("// sums start from zero, so none is carried across the activations' calls when the batch is one group.");
            using (W.Block())
            {
                WriteGroup(lanes, scaled, first: true);
            }

            W.Line();
            W.Line("for (int s = " + Int(lanes) + "; s < samples; s += " + Int(lanes) + ")");
            using (W.Block())
            {
                WriteGroup(lanes, scaled, first: false);
            }

            W.Line();
            string fold = Deterministic ? FoldMethod : Vectors + ".Sum";
            List<ParameterPosition> parameters = net.Parameters().ToList();
            int folded = 0;
            if (Grouped && parameters.Count >= 4)
            {
                W.Line("// Fold the lanes into the gradient, in the flat parameter order, four sums at a time (each Vector256.Sum's).");
                for (; folded + 4 <= parameters.Count; folded += 4)
                {
                    IEnumerable<string> four = parameters.Skip(folded).Take(4).Select(LaneGradient);
                    W.Line(FileAliases.LaneSums + ".Fold(g, " + Int(parameters[folded].Index) + ", " + string.Join(", ", four) + ");");
                }
            }
            else
            {
                W.Line("// Fold the lanes into the gradient, in the flat parameter order" + (Deterministic ? ", each by " + FoldMethod + "'s fixed order." : "."));
            }

            foreach (ParameterPosition p in parameters.Skip(folded))
            {
                W.Line("g[" + Int(p.Index) + "] = " + fold + "(" + LaneGradient(p) + ");");
            }

            W.Line();
            W.Line("return " + fold + "(lossLanes);");
        }

        if (Deterministic)
        {
            WriteFold(lanes);
        }
    }

    /// <summary>
    /// One group of <paramref name="lanes"/> samples, the batch's first or the one from sample <c>s</c>: the forward pass,
    /// the loss and the backward pass, each term added to its lane sum.
    /// </summary>
    private void WriteGroup(int lanes, bool scaled, bool first)
    {
        NetworkGeometry net = _context.Net;
        int top = net.Layers;
        string readOnlySpan = _context.ReadOnlySpanType;
        W.Line(readOnlySpan + " x = inputs.Slice(" + (first ? "0" : "s * InputSize") + ", " + Int(lanes) + " * InputSize);");
        W.Line(readOnlySpan + " t = targets.Slice(" + (first ? "0" : "s * OutputSize") + ", " + Int(lanes) + " * OutputSize);");
        W.Line("// Input i of the " + Int(lanes) + " samples, one per lane.");
        for (int i = 0; i < net.Size(0); i++)
        {
            int input = i;
            IEnumerable<string> samples = Enumerable.Range(0, lanes).Select(k => "x[" + Int(k * net.Size(0) + input) + "]");
            W.Line("var " + Activation(0, i) + " = " + Vectors + ".Create(" + string.Join(", ", samples) + ");");
        }

        for (int l = 1; l <= top; l++)
        {
            WriteLayerForward(net.Layer(l));
        }

        W.Line();
        W.Line("// " + _context.Loss.LanesComment);
        for (int j = 0; j < net.Out(top); j++)
        {
            int unit = j;
            IEnumerable<string> samples = Enumerable.Range(0, lanes).Select(k => "t[" + Int(k * net.Out(top) + unit) + "]");
            string targets = Vectors + ".Create(" + string.Join(", ", samples) + ")";
            W.Line("var " + Error(j) + " = " + _context.Loss.Error(Activation(top, j), targets) + ";");
            W.Line("lossLanes += " + _context.Loss.Term(Error(j), v => "__All(" + _context.Literal(v) + ")") + ";");
        }

        for (int l = top; l >= 1; l--)
        {
            WriteLayerBackward(net.Layer(l), scaled);
        }
    }

    /// <summary>The fold of a deterministic network's lanes, whose order <c>Vector256.Sum</c> leaves to the hardware.</summary>
    public const string FoldMethod = "__FoldLanes";

    private bool Deterministic => _context.Model.Deterministic;

    /// <summary>
    /// <c>(v0 + v1) + (v2 + v3)</c> (with 8 lanes, the same over each half, then the halves): the fold of a
    /// deterministic network, the same sums in the same order on every machine, with or without 256-bit vectors.
    /// </summary>
    private void WriteFold(int lanes)
    {
        string number = _context.Number;
        string half0 = "(v[0] + v[1]) + (v[2] + v[3])";
        string body = lanes == 4 ? half0 : "(" + half0 + ") + ((v[4] + v[5]) + (v[6] + v[7]))";
        W.Line();
        W.Line("/// <summary>The sum of the lanes in a fixed order, " + body + ", the same on every machine.</summary>");
        _context.GeneratedCode();
        W.Line("private static " + number + " " + FoldMethod + "(" + Vector + " v) => " + body + ";");
    }

    private void WriteLayerForward(LayerGeometry layer)
    {
        int l = layer.Number;
        ActivationDescriptor activation = _context.Activation(l);
        W.Line();
        W.Line("// Layer " + Int(l) + ": a" + Int(l) + " = " + activation.Symbol + "(W" + Int(l) + "ᵀ · " + Below(l) + " + b" + Int(l) + ")");
        // Units in fours go through the activation's four-vector form, after their sums (see ActivationDescriptor.ApplyFour).
        int grouped = Grouped && activation.UsesExp ? layer.Units / 4 * 4 : 0;
        for (int j = 0; j < layer.Units; j++)
        {
            int unit = j;
            IEnumerable<string> terms = Enumerable.Range(0, layer.Inputs).Select(i => "__All(" + Weight(l, i, unit) + ") * " + Activation(l - 1, i));
            string sum = Statements.Sum(_context, PreActivation(l, unit), terms, "__All(" + Bias(l, unit) + ")", "var");
            if (activation.DerivativeFromZ && sum != PreActivation(l, unit))
            {
                // z is kept: the backward pass takes the derivative from it.
                W.Line("var " + PreActivation(l, unit) + " = " + sum + ";");
                sum = PreActivation(l, unit);
            }

            W.Line("var " + Activation(l, unit) + " = " + (unit < grouped ? sum : activation.Apply(sum, activation.Parameter(_context))) + ";");
            if (unit < grouped && unit % 4 == 3)
            {
                IEnumerable<string> four = Enumerable.Range(unit - 3, 4).Select(k => Activation(l, k));
                W.Line("// " + Activation(l, unit - 3) + " … " + Activation(l, unit) + " = " + activation.Symbol + " of the sums above, in place, four units in one call.");
                W.Line(activation.ApplyFour(four, activation.Parameter(_context)) + ";");
            }
        }
    }

    /// <summary>
    /// True where the lanes go through the runtime's four-at-a-time forms, the activations' and the fold's: in double
    /// precision on the platform's exp, whose inline form they carry (a deterministic network's exp is NetGen's, inline
    /// already, and its fold is <see cref="FoldMethod"/>), against NetGen's .NET 8 and 10 builds (the .NET Standard
    /// build's lanes are stand-ins computed lane by lane, with no such forms).
    /// </summary>
    private bool Grouped => !Deterministic && !_context.Single && !_context.Model.Standard;

    private void WriteLayerBackward(LayerGeometry layer, bool scaled)
    {
        int l = layer.Number;
        ActivationDescriptor activation = _context.Activation(l);
        string one = "__All(" + _context.Literal(1.0) + ")";
        W.Line();
        W.Line("// Layer " + Int(l) + " backward.");
        for (int j = 0; j < layer.Units; j++)
        {
            int unit = j;
            if (layer.IsOutput)
            {
                string gradient = _context.Loss.Gradient(Error(unit), v => "__All(" + _context.Literal(v) + ")");
                string error = scaled ? "__All(scale) * " + gradient : gradient;
                W.Line("var " + Delta(l, unit) + " = " + activation.TimesDerivative(error, DerivativeInput(activation, l, unit), one, activation.Parameter(_context)) + ";");
                continue;
            }

            IEnumerable<string> terms = Enumerable.Range(0, _context.Net.Out(l + 1)).Select(k => "__All(" + Weight(l + 1, unit, k) + ") * " + Delta(l + 1, k));
            string sum = Statements.Sum(_context, BackSum(l, unit), terms, null, "var");
            W.Line("var " + Delta(l, unit) + " = " + activation.TimesDerivative(sum, DerivativeInput(activation, l, unit), one, activation.Parameter(_context)) + ";");
        }

        UnrolledShape.WriteGradientSums(W, layer, LaneGradient);
    }

    /// <summary>Unit <paramref name="unit"/>'s a or z, whichever its activation's derivative is written from.</summary>
    private static string DerivativeInput(ActivationDescriptor activation, int l, int unit) =>
        activation.DerivativeInput(Activation(l, unit), PreActivation(l, unit));
}
