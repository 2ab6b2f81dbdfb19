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

    public void Write()
    {
        NetworkGeometry net = _context.Net;
        if (!Enumerable.Range(1, net.Layers).Any(_context.StraightForward))
        {
            return;
        }

        string why = _context.Model.UnrolledLayers is null
            ? "The planner chose straight-line code: the kernels vectorise over units, and this layer has too few to fill a vector."
            : "Straight-line code, as UnrolledLayers asks.";
        for (int l = 1; l <= net.Layers; l++)
        {
            if (_context.StraightForward(l))
            {
                WriteForward(net.Layer(l), why);
            }

            if (_context.StraightTraining(l))
            {
                WriteBackward(net.Layer(l), why);
            }
        }

        WriteMulAdd();
    }

    private void WriteForward(LayerGeometry layer, string why)
    {
        int l = layer.Number, nin = layer.Inputs, nout = layer.Units;
        ActivationDescriptor activation = _context.Activation(l);
        W.Line();
        W.Line("/// <summary>");
        W.Line("/// Layer " + Int(l) + " (" + Int(nin) + " → " + Int(nout) + ") forward: <c>a = " + activation.Symbol + "(W" + Int(l) + "ᵀ · x + b" + Int(l)
            + ")</c> for each of <paramref name=\"samples\"/> samples");
        W.Line("/// (x and a hold them one after the other). " + why);
        W.Line("/// </summary>");
        _context.GeneratedCode();
        string readOnlySpan = _context.ReadOnlySpanType;
        W.Line("private static void " + ForwardMethod(l) + "(" + readOnlySpan + " p, " + readOnlySpan + " x, " + _context.SpanType + " a, int samples)");
        using (W.Block())
        {
            W.Line("// W" + Int(l) + "[i, j] in local wi_j, from p[" + FlatIndex(layer.Offset, nout) + "]; b" + Int(l) + "[j] in b_j, from p["
                + FlatIndex(layer.BiasOffset, 0) + "].");
            WriteLayerLocals(layer, "w", "b", i => "p[" + Int(i) + "]");
            W.Line("for (int s = 0; s < samples; s++)");
            using (W.Block())
            {
                W.Line(_context.ReadOnlySpanType + " xs = x.Slice(s * " + Int(nin) + ", " + Int(nin) + ");");
                W.Line(_context.SpanType + " zs = a.Slice(s * " + Int(nout) + ", " + Int(nout) + ");");
                WriteRowLocals("x_", "xs", nin);
                for (int j = 0; j < nout; j++)
                {
                    int unit = j;
                    WriteMulAddSum("z_" + Int(unit), Enumerable.Range(0, nin).Select(i => ("x_" + Int(i), LocalWeight(i, unit))));
                    W.Line("zs[" + Int(unit) + "] = z_" + Int(unit) + " + b_" + Int(unit) + ";");
                }
            }

            W.Line();
            W.Line("// " + activation.Symbol + " of every sample's pre-activations in one call, vectorised where the runtime has a vector exp.");
            W.Line(activation.ApplyKernel + "(a.Slice(0, samples * " + Int(nout) + "));");
        }
    }

    private void WriteBackward(LayerGeometry layer, string why)
    {
        int l = layer.Number, nin = layer.Inputs, nout = layer.Units;
        bool below = l > 1;
        string input = l == 1 ? "inputs" : "layer " + Int(l - 1) + "'s outputs";
        string span = _context.SpanType, readOnlySpan = _context.ReadOnlySpanType;
        ActivationDescriptor? activationBelow = below ? _context.Activation(l - 1) : null;
        W.Line();
        W.Line("/// <summary>");
        W.Line("/// Layer " + Int(l) + " (" + Int(nin) + " → " + Int(nout) + ") backward, for <paramref name=\"samples\"/> samples with " + input
            + " x and δ" + Int(l) + " d:");
        W.Line("/// <c>∂L/∂W" + Int(l) + "[i, j] += Σ_s x_s,i · d_s,j</c> and <c>∂L/∂b" + Int(l) + "[j] += Σ_s d_s,j</c> into g (added to what g holds with");
        string deltaBelow = activationBelow is null
            ? "."
            : ", and δ" + Int(l - 1) + " = (W" + Int(l) + " · d) ⊙ " + activationBelow.DerivativeText("x") + " into dBelow.";
        W.Line("/// <paramref name=\"accumulate\"/>, written over it without)" + deltaBelow);
        W.Line("/// The sums run over the samples in order, in locals, and are stored once at the end. " + why);
        W.Line("/// </summary>");
        _context.GeneratedCode();
        W.Line("private static void " + BackwardMethod(l) + "(" + readOnlySpan + " p, " + span + " g, " + readOnlySpan + " x, " + readOnlySpan + " d, "
            + (below ? span + " dBelow, " : string.Empty) + "int samples, bool accumulate)");
        using (W.Block())
        {
            W.Line("// ∂L/∂W" + Int(l) + "[i, j] in local gwi_j, at g[" + FlatIndex(layer.Offset, nout) + "]; ∂L/∂b" + Int(l) + "[j] in gb_j, at g["
                + FlatIndex(layer.BiasOffset, 0) + "].");
            WriteLayerLocals(layer, "gw", "gb", i => "accumulate ? g[" + Int(i) + "] : " + _context.Zero);
            if (below)
            {
                W.Line("// W" + Int(l) + " as it is (the update comes after the whole backward pass), in local wi_j.");
                WriteLayerLocals(layer, "w", null, i => "p[" + Int(i) + "]");
            }

            W.Line("for (int s = 0; s < samples; s++)");
            using (W.Block())
            {
                W.Line(readOnlySpan + " xs = x.Slice(s * " + Int(nin) + ", " + Int(nin) + ");");
                W.Line(readOnlySpan + " ds = d.Slice(s * " + Int(nout) + ", " + Int(nout) + ");");
                WriteRowLocals("x_", "xs", nin);
                WriteRowLocals("d_", "ds", nout);
                for (int i = 0; i < nin; i++)
                {
                    for (int j = 0; j < nout; j++)
                    {
                        W.Line("gw" + Int(i) + "_" + Int(j) + " = __MulAdd(x_" + Int(i) + ", d_" + Int(j) + ", gw" + Int(i) + "_" + Int(j) + ");");
                    }
                }

                Statements.Wrapped(W, Enumerable.Range(0, nout).Select(j => "gb_" + Int(j) + " += d_" + Int(j) + ";"));
                if (activationBelow is not null)
                {
                    W.Line(span + " bs = dBelow.Slice(s * " + Int(nin) + ", " + Int(nin) + ");");
                    string one = _context.Literal(1.0);
                    for (int i = 0; i < nin; i++)
                    {
                        int inputUnit = i;
                        WriteMulAddSum("r_" + Int(inputUnit), Enumerable.Range(0, nout).Select(j => (LocalWeight(inputUnit, j), "d_" + Int(j))));
                        W.Line("bs[" + Int(inputUnit) + "] = r_" + Int(inputUnit) + " * (" + activationBelow.Derivative("x_" + Int(inputUnit), one) + ");");
                    }
                }
            }

            W.Line();
            for (int i = 0; i < nin; i++)
            {
                int inputUnit = i;
                Statements.Wrapped(W, Enumerable.Range(0, nout)
                    .Select(j => "g[" + Int(layer.WeightIndex(inputUnit, j)) + "] = gw" + Int(inputUnit) + "_" + Int(j) + ";"));
            }

            Statements.Wrapped(W, Enumerable.Range(0, nout).Select(j => "g[" + Int(layer.BiasIndex(j)) + "] = gb_" + Int(j) + ";"));
        }
    }

    private void WriteMulAdd()
    {
        string number = _context.Number;
        W.Line();
        W.Line("/// <summary>");
        W.Line("/// <c>a · b + c</c> rounded as NetGen's kernels round it (NetGen.Runtime.Arithmetic decides: once, fused, in the build");
        W.Line("/// of NetGen that apps on .NET 10 and newer get; after the multiply and after the add otherwise), so straight-line");
        W.Line("/// and kernel layers agree bit for bit.");
        W.Line("/// </summary>");
        _context.GeneratedCode();
        W.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        W.Line("private static " + number + " __MulAdd(" + number + " a, " + number + " b, " + number + " c) => global::NetGen.Runtime.Arithmetic.MulAdd(a, b, c);");
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

    /// <summary>The flat index of element [i, j] of a block at <paramref name="offset"/> with rows of <paramref name="stride"/> (0: a vector, [j]).</summary>
    private static string FlatIndex(int offset, int stride)
    {
        string row = stride == 0 ? "j" : Int(stride) + "i + j";
        return offset == 0 ? row : Int(offset) + " + " + row;
    }

    /// <summary>Locals for a layer's weights (<c>{w}{i}_{j}</c>, a line per input) and biases (<c>{b}_{j}</c>), each from its flat index.</summary>
    private void WriteLayerLocals(LayerGeometry layer, string weight, string? bias, System.Func<int, string> value)
    {
        for (int i = 0; i < layer.Inputs; i++)
        {
            int input = i;
            Statements.Locals(_context, Enumerable.Range(0, layer.Units)
                .Select(j => weight + Int(input) + "_" + Int(j) + " = " + value(layer.WeightIndex(input, j))));
        }

        if (bias is not null)
        {
            Statements.Locals(_context, Enumerable.Range(0, layer.Units).Select(j => bias + "_" + Int(j) + " = " + value(layer.BiasIndex(j))));
        }
    }

    /// <summary><c>double x_0 = xs[0], x_1 = xs[1], ...;</c> from a span.</summary>
    private void WriteRowLocals(string prefix, string span, int count) =>
        Statements.Locals(_context, Enumerable.Range(0, count).Select(k => prefix + Int(k) + " = " + span + "[" + Int(k) + "]"));
}
