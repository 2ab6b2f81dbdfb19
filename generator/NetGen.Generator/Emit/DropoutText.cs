using System.Linq;
using static NetGen.Generator.Emit.Literals;

namespace NetGen.Generator.Emit;

/// <summary>
/// What a network with <c>Dropout = p</c> adds to its code, and nothing for a network without: the stream's position
/// (a field, started from the seed, moved on by every step, saved with the optimizer's state), the masks' buffers, the
/// <c>dropout</c> flag of the backward pass, and the text of the masks in both shapes. The masks themselves come from
/// NetGen.Runtime.Dropout, which the reference network calls too.
/// </summary>
internal static class DropoutText
{
    private const string Runtime = FileAliases.Dropout;

    /// <summary>The field that holds the masks' stream position.</summary>
    public const string Position = "__dropoutPosition";

    /// <summary>The backward pass's flag: true in a training step, false in ComputeGradients.</summary>
    public const string Flag = "dropout";

    /// <summary>
    /// The backward pass's index of its first sample in the training step: 0 for a whole step, the shard's first sample
    /// for a shard of one (IShardedNetwork), so that every sample draws the masks of its place in the step.
    /// </summary>
    public const string FirstSample = "firstSample";

    /// <summary>p as a double literal (the runtime compares the uniforms with it in double).</summary>
    public static string Rate(EmitContext context) => Number(context.Model.Dropout);

    /// <summary>The kept units' factor <c>1 / (1 − p)</c> as a literal of the number type, rounded once as the runtime rounds it.</summary>
    public static string Scale(EmitContext context) => context.Literal(1.0 / (1.0 - context.Model.Dropout));

    /// <summary>The number of hidden units, the masks' stride per sample.</summary>
    public static int HiddenUnits(EmitContext context) => Enumerable.Range(1, context.Net.Layers - 1).Sum(context.Net.Out);

    /// <summary>The number of hidden units below layer <paramref name="l"/>: the index of its first unit among them.</summary>
    public static int UnitOffset(EmitContext context, int l) => Enumerable.Range(1, l - 1).Sum(context.Net.Out);

    /// <summary>True when training drops out layer <paramref name="l"/>'s outputs: a hidden layer of a network with dropout.</summary>
    public static bool Drops(EmitContext context, int l) => context.Model.HasDropout && l >= 1 && l < context.Net.Layers;

    /// <summary><c>, bool dropout, int firstSample</c> for the backward pass's parameter list of a network with dropout.</summary>
    public static string Parameter(EmitContext context) => context.Model.HasDropout ? ", bool " + Flag + ", int " + FirstSample : string.Empty;

    /// <summary>
    /// <c>, dropout: true, firstSample: 0</c> (a training step) or <c>, dropout: false, firstSample: 0</c> for a network
    /// with dropout, with <paramref name="firstSample"/> the code of the first sample's index in the step.
    /// </summary>
    public static string Argument(EmitContext context, bool training, string firstSample = "0") =>
        context.Model.HasDropout ? ", " + Flag + ": " + (training ? "true" : "false") + ", " + FirstSample + ": " + firstSample : string.Empty;

    /// <summary>The position field, with what it is.</summary>
    public static void WriteField(EmitContext context)
    {
        if (!context.Model.HasDropout)
        {
            return;
        }

        IndentedWriter w = context.Writer;
        w.Line();
        w.Line("// Dropout (p = " + Rate(context) + ") on the hidden layers' outputs in training steps: the position of the masks' stream");
        w.Line("// (NetGen.Runtime.Dropout), started from the seed, moved on by every step and saved with the optimizer's state.");
        w.Line("private ulong " + Position + ";");
    }

    /// <summary>The constructor's start of the stream.</summary>
    public static void WriteStart(EmitContext context)
    {
        if (context.Model.HasDropout)
        {
            context.Writer.Line(Position + " = " + Runtime + ".Start(seed);");
        }
    }

    /// <summary>After a step's update: the next step draws the stream's next values (<paramref name="samples"/>, the step's sample count).</summary>
    public static void WriteAdvance(EmitContext context, string samples = "samples")
    {
        if (context.Model.HasDropout)
        {
            context.Writer.Line("// The next step's masks are the stream's next " + Int(HiddenUnits(context)) + " values per sample.");
            context.Writer.Line(Position + " = " + Runtime + ".Advance(" + Position + ", " + samples + ", " + Int(HiddenUnits(context)) + ");");
        }
    }

    /// <summary>The class remarks' paragraph on dropout, a line each; empty without dropout.</summary>
    public static System.Collections.Generic.List<string> Remarks(EmitContext context) =>
        !context.Model.HasDropout
            ? new System.Collections.Generic.List<string>()
            : new System.Collections.Generic.List<string>
            {
                "Dropout (<c>torch.nn.Dropout(" + Rate(context) + ")</c> in training mode): in TrainStep, Train and Fit every hidden layer's output a",
                "becomes h = a ⊙ m, each m 0 with probability " + Rate(context) + " and 1 / (1 − " + Rate(context) + ") otherwise, and the δ sent down through",
                "it is multiplied by the same m. Forward, Predict and ComputeGradients never drop.",
            };

    // The loop shape: a chunk's masks and dropped outputs, per hidden layer.

    /// <summary>The loop shape's buffers for layer <paramref name="l"/>'s masks and dropped outputs.</summary>
    public static void WriteLoopBuffers(EmitContext context, int l, string allocate, string size)
    {
        if (!Drops(context, l))
        {
            return;
        }

        IndentedWriter w = context.Writer;
        w.Line("// Layer " + Int(l) + "'s dropout masks m" + Int(l) + " and dropped outputs h" + Int(l) + " = a" + Int(l) + " ⊙ m" + Int(l) + ", which the layer above takes in training steps.");
        w.Line("private readonly " + context.Number + "[] __m" + Int(l) + allocate + size + ";");
        w.Line("private readonly " + context.Number + "[] __h" + Int(l) + allocate + size + ";");
    }

    /// <summary>
    /// After layer <paramref name="l"/>'s forward pass over a chunk: <c>h = a</c>, or in a training step the chunk's masks
    /// and <c>h = a ⊙ m</c>.
    /// </summary>
    public static void WriteLoopMask(EmitContext context, int l, string aligned)
    {
        if (!Drops(context, l))
        {
            return;
        }

        IndentedWriter w = context.Writer;
        string a = "a" + Int(l), h = "h" + Int(l), m = "m" + Int(l), length = Times("n", context.Net.Out(l));
        w.Line("// Dropout on " + a + " in a training step: " + h + " = " + a + " ⊙ " + m + " (the layer above takes " + h + ", δ" + Int(l) + " is multiplied by " + m + ").");
        w.Line(context.SpanType + " " + h + " = " + a + ", " + m + " = " + aligned + ".Span(__m" + Int(l) + ", " + length + ");");
        w.Line("if (" + Flag + ")");
        using (w.Block())
        {
            w.Line(Runtime + ".Fill<" + context.Number + ">(" + Position + ", " + FirstSample + " + start, n, " + Int(HiddenUnits(context)) + ", " + Int(UnitOffset(context, l)) + ", "
                + Int(context.Net.Out(l)) + ", " + Rate(context) + ", " + Scale(context) + ", " + m + ");");
            w.Line(h + " = " + aligned + ".Span(__h" + Int(l) + ", " + length + ");");
            w.Line(Runtime + ".Apply<" + context.Number + ">(" + a + ", " + m + ", " + h + ");");
        }
        w.Line();
    }

    /// <summary>After δ of layer <paramref name="l"/> is computed: in a training step, <c>δ ← δ ⊙ m</c>.</summary>
    public static void WriteLoopDeltaMask(EmitContext context, int l)
    {
        if (!Drops(context, l))
        {
            return;
        }

        IndentedWriter w = context.Writer;
        w.Line("// Through the dropout of a" + Int(l) + ": δ" + Int(l) + " ⊙= m" + Int(l) + ".");
        w.Line("if (" + Flag + ")");
        using (w.Block())
        {
            w.Line(Runtime + ".Multiply<" + context.Number + ">(d" + Int(l) + ", m" + Int(l) + ");");
        }
    }

    /// <summary>The loop shape's training input of layer <paramref name="l"/>: the dropped outputs below, or x.</summary>
    public static string LoopInput(EmitContext context, int l) => Drops(context, l - 1) ? "h" + Int(l - 1) : Naming.Below(l);

    // The unrolled shape: a mask and a dropped output per unit.

    /// <summary>Unit <paramref name="j"/>'s mask in the unrolled shape: <c>m1_0</c>.</summary>
    public static string UnitMask(int l, int j) => "m" + Int(l) + "_" + Int(j);

    /// <summary>Unit <paramref name="j"/>'s dropped output in the unrolled shape: <c>h1_0</c>.</summary>
    public static string UnitDropped(int l, int j) => "h" + Int(l) + "_" + Int(j);

    /// <summary>The unrolled shape's training input <paramref name="i"/> of layer <paramref name="l"/>: <c>h1_i</c> under dropout, else <c>a1_i</c> or <c>x_i</c>.</summary>
    public static string UnitInput(EmitContext context, int l, int i) => Drops(context, l - 1) ? UnitDropped(l - 1, i) : Naming.Activation(l - 1, i);

    /// <summary>
    /// After hidden layer <paramref name="l"/>'s forward pass of one sample (unrolled): each unit's mask (1 outside a
    /// training step) and its dropped output.
    /// </summary>
    public static void WriteUnitMasks(EmitContext context, int l)
    {
        if (!Drops(context, l))
        {
            return;
        }

        IndentedWriter w = context.Writer;
        int units = context.Net.Out(l), offset = UnitOffset(context, l);
        string sample = "(long)(" + FirstSample + " + s) * " + Int(HiddenUnits(context));
        w.Line("// Dropout: h" + Int(l) + " = a" + Int(l) + " ⊙ m" + Int(l) + ", the masks of this sample's units " + Int(offset) + ".." + Int(offset + units - 1)
            + " of the step (1 outside a training step, which multiplies exactly).");
        for (int j = 0; j < units; j++)
        {
            string index = sample + " + " + Int(offset + j);
            w.Line(context.Number + " " + UnitMask(l, j) + " = " + Flag + " ? " + Runtime + ".Mask<" + context.Number + ">(" + Position + ", " + index + ", "
                + Rate(context) + ", " + Scale(context) + ") : " + context.Literal(1.0) + ";");
        }

        Statements.Locals(context, Enumerable.Range(0, units).Select(j => UnitDropped(l, j) + " = " + Naming.Activation(l, j) + " * " + UnitMask(l, j)));
    }
}
