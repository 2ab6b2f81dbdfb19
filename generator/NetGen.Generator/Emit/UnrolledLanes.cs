using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;
using static NetGen.Generator.Emit.Naming;

namespace NetGen.Generator.Emit;

/// <summary>
/// The unrolled batch loop's body for <see cref="EmitContext.Lanes"/> samples at once, one sample per lane of a 256-bit
/// vector: the same formulas as the one-sample body, so every activation of a unit is computed for all lanes in one
/// vector call. Weights are broadcast (<c>__All</c>); gradients and loss are summed per lane and folded into the
/// scalar accumulators after the loop (a different order of additions than the reference's, within rounding).
/// </summary>
internal sealed class UnrolledLanes
{
    private const string Vector256 = "global::System.Runtime.Intrinsics.Vector256";

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
        int top = net.Layers;
        string vector = Vector256 + "<" + _context.Number + ">";
        string create = Vector256 + ".Create(";
        W.Line();
        W.Line("// " + Int(lanes) + " samples at a time, one per lane of a vector, where 256-bit vectors are in hardware.");
        W.Line("if (" + Vector256 + ".IsHardwareAccelerated && samples >= " + Int(lanes) + ")");
        using (W.Block())
        {
            W.Line(vector + " lossLanes = default;");
            foreach (ParameterPosition p in net.Parameters())
            {
                W.Line(vector + " " + LaneGradient(p) + " = default;");
            }

            W.Line("for (; s + " + Int(lanes) + " <= samples; s += " + Int(lanes) + ")");
            using (W.Block())
            {
                W.Line(_context.ReadOnlySpanType + " x = inputs.Slice(s * InputSize, " + Int(lanes) + " * InputSize);");
                W.Line(_context.ReadOnlySpanType + " t = targets.Slice(s * OutputSize, " + Int(lanes) + " * OutputSize);");
                W.Line("// Input i of the " + Int(lanes) + " samples, one per lane.");
                for (int i = 0; i < net.Size(0); i++)
                {
                    int input = i;
                    IEnumerable<string> samples = Enumerable.Range(0, lanes).Select(k => "x[" + Int(k * net.Size(0) + input) + "]");
                    W.Line("var " + Activation(0, i) + " = " + create + string.Join(", ", samples) + ");");
                }

                for (int l = 1; l <= top; l++)
                {
                    LayerGeometry layer = net.Layer(l);
                    ActivationDescriptor activation = _context.Activation(l);
                    W.Line();
                    W.Line("// Layer " + Int(l) + ": a" + Int(l) + " = " + activation.Symbol + "(W" + Int(l) + "ᵀ · " + Below(l) + " + b" + Int(l) + ")");
                    for (int j = 0; j < layer.Units; j++)
                    {
                        int unit = j;
                        IEnumerable<string> terms = Enumerable.Range(0, layer.Inputs)
                            .Select(i => "__All(" + Weight(l, i, unit) + ") * " + Activation(l - 1, i));
                        string bias = "__All(" + Bias(l, unit) + ")";
                        string output = "var " + Activation(l, unit) + " = ";
                        Statements.Sum(_context, PreActivation(l, unit), terms, bias, sum => output + activation.Vector(sum) + ";", vector);
                    }
                }

                W.Line();
                W.Line("// " + _context.Loss.LanesComment);
                for (int j = 0; j < net.Out(top); j++)
                {
                    int unit = j;
                    string targets = create + string.Join(", ", Enumerable.Range(0, lanes).Select(k => "t[" + Int(k * net.Out(top) + unit) + "]")) + ")";
                    W.Line("var " + Error(j) + " = " + _context.Loss.Error(Activation(top, j), targets) + ";");
                    W.Line("lossLanes += " + _context.Loss.Term(Error(j), "__All(" + _context.Literal(0.5) + ")") + ";");
                }

                string one = "__All(" + _context.Literal(1.0) + ")";
                for (int l = top; l >= 1; l--)
                {
                    ActivationDescriptor activation = _context.Activation(l);
                    W.Line();
                    W.Line("// Layer " + Int(l) + " backward.");
                    for (int j = 0; j < net.Out(l); j++)
                    {
                        int unit = j;
                        string derivative = activation.Derivative(Activation(l, unit), one);
                        if (l == top)
                        {
                            W.Line("var " + Delta(l, unit) + " = " + Error(unit) + " * (" + derivative + ");");
                        }
                        else
                        {
                            IEnumerable<string> terms = Enumerable.Range(0, net.Out(l + 1))
                                .Select(k => "__All(" + Weight(l + 1, unit, k) + ") * " + Delta(l + 1, k));
                            string delta = "var " + Delta(l, unit) + " = (";
                            Statements.Sum(_context, BackSum(l, unit), terms, null, sum => delta + sum + ") * (" + derivative + ");", vector);
                        }
                    }

                    UnrolledShape.WriteGradientSums(W, net.Layer(l), LaneGradient);
                }
            }

            W.Line();
            W.Line("// Fold the lanes into the accumulators.");
            W.Line("loss = " + Vector256 + ".Sum(lossLanes);");
            foreach (ParameterPosition p in net.Parameters())
            {
                W.Line(Gradient(p) + " = " + Vector256 + ".Sum(" + LaneGradient(p) + ");");
            }
        }
    }
}
