using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;
using static NetGen.Generator.Emit.Naming;

namespace NetGen.Generator.Emit;

/// <summary>
/// The unrolled shape's loss code for one sample, in straight lines with the math in comments: the square loss from the
/// outputs, or a cross-entropy from the output layer's logits (the softmax's log-sum-exp, the binary cross-entropy's
/// stable form), giving the output δ; and the softmax of Forward and Predict. The arithmetic is the reference's
/// (NetGen.Reference.SquareLoss, CrossEntropyLoss, BinaryCrossEntropyLoss, Softmax) in the same order of operations, but
/// for the reduction, which multiplies by <c>scale</c> where the reference divides.
/// </summary>
internal sealed class UnrolledLoss
{
    /// <summary>The file's alias of <c>System.Math</c> (or <c>System.MathF</c> for float).</summary>
    public const string MathClass = FileAliases.Math;

    /// <summary>The helper that computes <c>log(1 + x)</c> accurately for the binary cross-entropy.</summary>
    private const string Log1P = "__Log1P";

    private readonly EmitContext _context;

    public UnrolledLoss(EmitContext context)
    {
        _context = context;
    }

    private IndentedWriter W => _context.Writer;

    private int Top => _context.Net.Layers;

    /// <summary>
    /// The reduction's factor as code of the number type, over the batch's <c>samples</c>, or null for
    /// <see cref="Reduction.Sum"/> (see <see cref="LossDescriptor.Scale"/>).
    /// </summary>
    public static string? Scale(EmitContext context) =>
        context.Loss.Scale(context.Reduction, "samples", context.Net.Size(context.Net.Layers), context.Number);

    /// <summary>The comment above <c>scale</c>'s declaration.</summary>
    public static string ScaleComment(EmitContext context)
    {
        int outputs = context.Net.Size(context.Net.Layers);
        string count = context.Loss.EveryElement && outputs != 1
            ? "1 / (N · " + Int(outputs) + "), N the number of samples in the step (the mean over every output, as PyTorch's)"
            : "1 / N, N the number of samples in the step";
        return "Mean reduction: the loss and every output δ are multiplied by scale = " + count + ".";
    }

    /// <summary>
    /// One sample's loss, added to <c>loss</c>, and the output layer's δ for the cross-entropies (for the square loss,
    /// its error <c>e</c>; the shape takes it through the output activation's derivative). <paramref name="scaled"/>:
    /// <c>scale</c> multiplies the δ.
    /// </summary>
    public void WriteSample(bool scaled)
    {
        if (_context.Loss.LogitsSample is { } fromLogits)
        {
            fromLogits(this, scaled);
        }
        else
        {
            WriteElementwise();
        }
    }

    /// <summary>Forward's softmax of the output layer's logits, into its activations.</summary>
    public void WriteSoftmax()
    {
        int l = Top;
        W.Line();
        W.Line("// Softmax: a" + Int(l) + "_j = e^(z" + Int(l) + "_j − m) / Σ_k e^(z" + Int(l) + "_k − m) with m = max_k z" + Int(l)
            + "_k, so every exponent is ≤ 0.");
        WriteExponentials(l);
        Statements.Locals(_context, Units(l).Select(j => Activation(l, j) + " = " + Exponential(l, j) + " / sum"));
    }

    /// <summary>The helpers the loss code calls: <c>__Log1P</c> for the binary cross-entropy.</summary>
    public void WriteHelpers()
    {
        if (!_context.Loss.UsesLog1P)
        {
            return;
        }

        string number = _context.Number, one = _context.Literal(1.0);
        W.Line();
        W.Line("/// <summary>");
        W.Line("/// log(1 + x), accurate for tiny x (as NetGen.Reference.BinaryCrossEntropyLoss.Log1P): with u = 1 + x rounded,");
        W.Line("/// log(u) · x / (u − 1) corrects u's rounding, and x itself is the answer when u rounds to 1.");
        W.Line("/// </summary>");
        _context.GeneratedCode();
        W.Line("private static " + number + " " + Log1P + "(" + number + " x)");
        using (W.Block())
        {
            W.Line(number + " u = " + one + " + x;");
            W.Line("return u == " + one + " ? x : " + MathClass + ".Log(u) * x / (u - " + one + ");");
        }
    }

    /// <summary>
    /// An element-wise loss of the outputs: each output's error <c>e = y − t</c>, then its term added to the loss; the
    /// shape takes the loss's gradient from e through the output activation's derivative.
    /// </summary>
    private void WriteElementwise()
    {
        string number = _context.Number;
        int top = Top;
        W.Line("// " + _context.Loss.SampleComment(Activations(top)));
        for (int j = 0; j < _context.Net.Out(top); j++)
        {
            W.Line(number + " " + Error(j) + " = " + _context.Loss.Error(Activation(top, j), "t[" + Int(j) + "]") + ";");
        }

        for (int j = 0; j < _context.Net.Out(top); j++)
        {
            W.Line("loss += " + _context.Loss.Term(Error(j), _context.Literal) + ";");
        }
    }

    /// <summary>
    /// <c>ℓ = −Σ_j t_j (z_j − m − lse)</c> with <c>lse = log Σ_k e^(z_k − m)</c>, and <c>δ_j = p_j · Σ_k t_k − t_j</c>,
    /// <c>p_j = e^(z_j − m) / Σ_k e^(z_k − m)</c>: NetGen.Reference.CrossEntropyLoss, operation for operation.
    /// </summary>
    internal void WriteCrossEntropy(bool scaled)
    {
        int l = Top;
        string number = _context.Number;
        string z = "z" + Int(l), d = "δ" + Int(l);
        W.Line("// Cross-entropy of softmax(" + z + "), from the logits through log-sum-exp with m = max_k " + z + "_k (every exponent ≤ 0,");
        W.Line("// the sum ≥ 1, so logits of ±1000 stay finite): L += −Σ_j t_j · (" + z + "_j − m − log Σ_k e^(" + z + "_k − m)), and");
        W.Line("// " + d + "_j = ∂L/∂" + z + "_j = softmax(" + z + ")_j · Σ_k t_k − t_j" + (scaled ? ", times scale." : "."));
        WriteExponentials(l);
        W.Line(number + " lse = " + MathClass + ".Log(sum);");
        Statements.DeclareSum(_context, "mass", Units(l).Select(Target));
        string sample = Statements.Sum(_context, "sample", Units(l).Select(j => Target(j) + " * (" + PreActivation(l, j) + " - m - lse)"));
        W.Line("loss -= " + sample + ";");
        foreach (int j in Units(l))
        {
            string delta = "(" + Exponential(l, j) + " / sum) * mass - " + Target(j);
            W.Line(number + " " + Delta(l, j) + " = " + (scaled ? "scale * (" + delta + ")" : delta) + ";");
        }
    }

    /// <summary>
    /// Per output, <c>ℓ = max(z, 0) − z · t + log(1 + q)</c> with <c>q = e^(−|z|)</c>, and <c>δ = σ(z) − t</c> with σ from
    /// the same q: NetGen.Reference.BinaryCrossEntropyLoss and Sigmoid, operation for operation.
    /// </summary>
    internal void WriteBinaryCrossEntropy(bool scaled)
    {
        int l = Top;
        string number = _context.Number, zero = _context.Zero, one = _context.Literal(1.0);
        string z = "z" + Int(l), d = "δ" + Int(l);
        W.Line("// Binary cross-entropy of σ(" + z + "), from the logits in the stable form: L += max(z, 0) − z · t + log(1 + q) per output,");
        W.Line("// with q = e^(−|z|) ≤ 1, so no exponent is positive; " + d + "_j = ∂L/∂" + z + "_j = σ(" + z + "_j) − t_j, σ from the same q"
            + (scaled ? ", times scale." : "."));
        foreach (int j in Units(l))
        {
            string zj = PreActivation(l, j), q = "q" + Int(l) + "_" + Int(j);
            W.Line(number + " " + q + " = " + MathClass + ".Exp(-" + MathClass + ".Abs(" + zj + "));");
            W.Line("loss += " + MathClass + ".Max(" + zj + ", " + zero + ") - " + zj + " * " + Target(j) + " + " + Log1P + "(" + q + ");");
            string delta = "(" + zj + " >= " + zero + " ? " + one + " : " + q + ") / (" + one + " + " + q + ") - " + Target(j);
            W.Line(number + " " + Delta(l, j) + " = " + (scaled ? "scale * (" + delta + ")" : delta) + ";");
        }
    }

    /// <summary>
    /// <c>m = max_k z_k</c>, <c>u_j = e^(z_j − m)</c> and <c>sum = Σ_k u_k</c>, in the reference's order, for layer
    /// <paramref name="l"/>'s logits.
    /// </summary>
    private void WriteExponentials(int l)
    {
        string number = _context.Number;
        W.Line(number + " m = " + PreActivation(l, 0) + ";");
        Statements.Wrapped(W, Units(l).Skip(1).Select(j => "m = " + MathClass + ".Max(m, " + PreActivation(l, j) + ");"));
        Statements.Locals(_context, Units(l).Select(j => Exponential(l, j) + " = " + MathClass + ".Exp(" + PreActivation(l, j) + " - m)"));
        Statements.DeclareSum(_context, "sum", Units(l).Select(j => Exponential(l, j)));
    }

    private IEnumerable<int> Units(int l) => Enumerable.Range(0, _context.Net.Out(l));

    /// <summary><c>u{l}_{j} = e^(z{l}_{j} − m)</c>, the softmax's numerator.</summary>
    private static string Exponential(int l, int j) => "u" + Int(l) + "_" + Int(j);

    private static string Target(int j) => "t[" + Int(j) + "]";
}
