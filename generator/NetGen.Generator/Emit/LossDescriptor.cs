using System;
using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Everything the emitter writes for one loss: its formula in the remarks and comments, its scale under
/// <see cref="Reduction.Mean"/>, and, for a loss of the outputs (the element-wise ones), the code of one output's loss
/// term and gradient from its error <c>e = y − t</c>. The shapes ask the descriptor and do not switch on the kind.
/// The generated arithmetic must match <see cref="ReferenceClass"/>.
/// </summary>
internal sealed partial class LossDescriptor
{
    /// <summary>The square loss <c>L = ½ Σ (y − t)²</c>, whose gradient with respect to <c>y</c> is the error <c>e = y − t</c>.</summary>
    public static readonly LossDescriptor Square = new(
        Loss.Square,
        description: "the square loss",
        formula: "L = ½ Σ (y − t)²",
        referenceClass: "NetGen.Reference.SquareLoss",
        everyElement: false,
        remarks: Array.Empty<string>(),
        elementwise: new Elementwise(
            Name: "Square loss",
            Sample: y => "L += ½ Σ_j (" + y + "_j − t_j)², so ∂L/∂" + y + "_j = e_j = " + y + "_j − t_j.",
            Chunk: (y, scale) => "L += " + scale + "½ Σ (" + y + " − t)²",
            Derivative: y => "(" + y + " − t)",
            Word: "e",
            Term: (e, literal, _) => literal(0.5) + " * (" + e + " * " + e + ")",
            Gradient: (e, _, _) => e,
            HasLanes: true));

    /// <summary>
    /// Cross-entropy of a softmax output, from the logits z through log-sum-exp:
    /// <c>L = −Σ t · log softmax(z)</c>, whose gradient with respect to z is <c>softmax(z) · Σ t − t</c>.
    /// </summary>
    public static readonly LossDescriptor CrossEntropy = new(
        Loss.CrossEntropy,
        description: "the cross-entropy of the softmax output",
        formula: "L = −Σ t · log softmax(z)",
        referenceClass: "NetGen.Reference.CrossEntropyLoss",
        everyElement: false,
        remarks: new[]
        {
            "The loss is taken from the output layer's logits z through log-sum-exp (finite for any logits, as",
            "<c>torch.nn.CrossEntropyLoss</c> with probability targets), so its gradient there is <c>δ = softmax(z) · Σ t − t</c>.",
            "Forward and Predict return the probabilities softmax(z); TrainStep, Train and ComputeGradients also take class",
            "labels (each the one-hot row of its class), and Classify returns the index of the largest output.",
        },
        elementwise: null)
    {
        LogitsSample = (loss, scaled) => loss.WriteCrossEntropy(scaled),
    };

    /// <summary>
    /// Binary cross-entropy of a sigmoid output, from the logits z in the stable form
    /// <c>max(z, 0) − z · t + log(1 + e^(−|z|))</c>, whose gradient with respect to z is <c>σ(z) − t</c>.
    /// </summary>
    public static readonly LossDescriptor BinaryCrossEntropy = new(
        Loss.BinaryCrossEntropy,
        description: "the binary cross-entropy of the sigmoid output",
        formula: "L = Σ max(z, 0) − z · t + log(1 + e^(−|z|))",
        referenceClass: "NetGen.Reference.BinaryCrossEntropyLoss",
        everyElement: true,
        remarks: new[]
        {
            "The loss is taken from the output layer's logits z in the stable form of <c>torch.nn.BCEWithLogitsLoss</c>, so its",
            "gradient there is <c>δ = σ(z) − t</c>; Forward and Predict return σ(z).",
        },
        elementwise: null)
    {
        LogitsSample = (loss, scaled) => loss.WriteBinaryCrossEntropy(scaled),
        UsesLog1P = true,
    };

    /// <summary><c>torch.nn.MSELoss</c>: <c>L = Σ (y − t)²</c>, no ½, gradient <c>2 (y − t)</c>.</summary>
    public static readonly LossDescriptor MeanSquaredError = new(
        Loss.MeanSquaredError,
        description: "the squared error",
        formula: "L = Σ (y − t)²",
        referenceClass: "NetGen.Reference.MeanSquaredErrorLoss",
        everyElement: true,
        remarks: new[] { "The loss is <c>torch.nn.MSELoss</c>'s, with no ½, so its gradient with respect to the outputs is <c>2 (y − t)</c>." },
        elementwise: new Elementwise(
            Name: "Squared error",
            Sample: y => "L += Σ_j e_j², e_j = " + y + "_j − t_j, so ∂L/∂" + y + "_j = 2 e_j.",
            Chunk: (y, scale) => "L += " + scale + "Σ (" + y + " − t)²",
            Derivative: y => "2 (" + y + " − t)",
            Word: "2e",
            Term: (e, _, _) => e + " * " + e,
            Gradient: (e, _, _) => "(" + e + " + " + e + ")",
            HasLanes: true));

    /// <summary><c>torch.nn.L1Loss</c>: <c>L = Σ |y − t|</c>, gradient <c>sign(y − t)</c>, 0 at 0.</summary>
    public static readonly LossDescriptor L1 = new(
        Loss.L1,
        description: "the absolute error",
        formula: "L = Σ |y − t|",
        referenceClass: "NetGen.Reference.L1Loss",
        everyElement: true,
        remarks: new[] { "The loss is <c>torch.nn.L1Loss</c>'s, so its gradient with respect to the outputs is <c>sign(y − t)</c>, 0 where y = t." },
        elementwise: new Elementwise(
            Name: "Absolute error",
            Sample: y => "L += Σ_j |e_j|, e_j = " + y + "_j − t_j, so ∂L/∂" + y + "_j = sign(e_j), 0 at 0.",
            Chunk: (y, scale) => "L += " + scale + "Σ |" + y + " − t|",
            Derivative: y => "sign(" + y + " − t)",
            Word: "sign(e)",
            Term: (e, _, _) => UnrolledLoss.MathClass + ".Abs(" + e + ")",
            Gradient: (e, literal, _) => "(" + e + " > " + literal(0.0) + " ? " + literal(1.0) + " : " + e + " < " + literal(0.0) + " ? " + literal(-1.0)
                + " : " + literal(0.0) + ")",
            HasLanes: false));

    private LossDescriptor(Loss kind, string description, string formula, string referenceClass, bool everyElement, string[] remarks, Elementwise? elementwise)
    {
        Kind = kind;
        Description = description;
        Formula = formula;
        ReferenceClass = referenceClass;
        EveryElement = everyElement;
        Remarks = remarks;
        ElementwiseForm = elementwise;
    }

    /// <summary>The descriptor of <paramref name="kind"/>; <paramref name="huberDelta"/> is the Huber loss's δ.</summary>
    public static LossDescriptor For(Loss kind, double huberDelta = 1.0) =>
        kind == Loss.Huber ? Huber(huberDelta)
        : System.Linq.Enumerable.FirstOrDefault(All, d => d.Kind == kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a loss");

    /// <summary>Every loss NetGen generates (Huber at δ = 1), the one list the parser checks a <c>Loss</c> value against.</summary>
    public static System.Collections.Generic.IReadOnlyList<LossDescriptor> All { get; } = new[] { Square, CrossEntropy, BinaryCrossEntropy, MeanSquaredError, L1, Huber(1.0) };

    /// <summary>
    /// <c>torch.nn.HuberLoss</c> with threshold δ = <paramref name="delta"/>: <c>½ e²</c> for <c>|e| &lt; δ</c>, else
    /// <c>δ (|e| − ½ δ)</c>, with <c>e = y − t</c>; gradient e clamped to [−δ, δ].
    /// </summary>
    public static LossDescriptor Huber(double delta)
    {
        string d = Literals.Number(delta);
        return new LossDescriptor(
            Loss.Huber,
            description: "the Huber loss with δ = " + d,
            formula: "L = Σ huber(y − t)",
            referenceClass: "NetGen.Reference.HuberLoss",
            everyElement: true,
            remarks: new[]
            {
                "The loss is <c>torch.nn.HuberLoss(delta=" + d + ")</c>'s: with e = y − t, huber(e) = ½ e² where |e| &lt; δ and",
                "δ (|e| − ½ δ) elsewhere, so its gradient with respect to the outputs is e clamped to [−δ, δ].",
            },
            elementwise: new Elementwise(
                Name: "Huber loss",
                Sample: y => "L += Σ_j (|e_j| < δ ? ½ e_j² : δ (|e_j| − ½ δ)), e_j = " + y + "_j − t_j, δ = " + d + ", so ∂L/∂" + y + "_j = e_j clamped to [−δ, δ].",
                Chunk: (y, scale) => "L += " + scale + "Σ huber(" + y + " − t) with δ = " + d,
                Derivative: y => "clamp(" + y + " − t, −δ, δ)",
                Word: "clamp(e, −δ, δ)",
                Term: (e, literal, math) => math + ".Abs(" + e + ") < " + literal(delta) + " ? " + literal(0.5) + " * (" + e + " * " + e + ") : "
                    + literal(delta) + " * (" + math + ".Abs(" + e + ") - " + literal(0.5) + " * " + literal(delta) + ")",
                Gradient: (e, literal, _) => "(" + e + " >= " + literal(delta) + " ? " + literal(delta) + " : " + e + " <= " + literal(-delta) + " ? "
                    + literal(-delta) + " : " + e + ")",
                HasLanes: false),
            parameter: delta);
    }

    private LossDescriptor(Loss kind, string description, string formula, string referenceClass, bool everyElement, string[] remarks, Elementwise? elementwise, double parameter)
        : this(kind, description, formula, referenceClass, everyElement, remarks, elementwise)
    {
        Parameter = parameter;
    }

    public Loss Kind { get; }

    /// <summary>What the class remarks call it: <c>the square loss</c>.</summary>
    public string Description { get; }

    /// <summary>Its formula over a batch: <c>L = ½ Σ (y − t)²</c>.</summary>
    public string Formula { get; }

    /// <summary>The reference implementation the generated code must agree with.</summary>
    public string ReferenceClass { get; }

    /// <summary>True where PyTorch's mean divides by every element (samples × outputs), not by the samples.</summary>
    public bool EveryElement { get; }

    /// <summary>The lines of the loss's paragraph in the class remarks (none for the tutorial's).</summary>
    public IReadOnlyList<string> Remarks { get; }

    /// <summary>The loss's parameter as the runtime kernel takes it: Huber's δ; 1 for the others (unused).</summary>
    public double Parameter { get; } = 1.0;

    /// <summary>For a loss of the outputs, one output's term and gradient; null for the cross-entropies, which take the logits.</summary>
    public Elementwise? ElementwiseForm { get; }

    /// <summary>True for the cross-entropies, which take the output layer's logits z and fold its activation into δ.</summary>
    public bool TakesLogits => ElementwiseForm is null;

    /// <summary>
    /// For a loss taken from the logits, how the unrolled shape writes one sample's loss and output δ (the argument:
    /// whether <c>scale</c> multiplies δ); null for the element-wise losses, which <see cref="ElementwiseForm"/> writes.
    /// </summary>
    public System.Action<UnrolledLoss, bool>? LogitsSample { get; private init; }

    /// <summary>True where the unrolled shape's loss calls the <c>__Log1P</c> helper (the binary cross-entropy).</summary>
    public bool UsesLog1P { get; private init; }

    /// <summary>True for the cross-entropy over classes, whose targets may also come as class labels (one-hot rows).</summary>
    public bool TakesClassLabels => Kind == Loss.CrossEntropy;

    /// <summary>The named argument that gives a network's <c>NetworkDescription</c> the loss's parameter (<c>huberDelta: 0.5</c>), or null.</summary>
    public string? DescriptionArgument => Kind == Loss.Huber ? "huberDelta: " + Literals.Number(Parameter) : null;

    /// <summary>The element-wise form, for a loss of the outputs.</summary>
    private Elementwise Form => ElementwiseForm ?? throw new InvalidOperationException(Kind + " is taken from the logits.");

    /// <summary>
    /// The factor every sample's loss and δ are multiplied by, as code of the number type <paramref name="number"/>:
    /// 1 for <see cref="Reduction.Sum"/>; for <see cref="Reduction.Mean"/>, one over the number of samples
    /// (<paramref name="samples"/>, an int expression), or over samples times <paramref name="outputs"/> where the mean is
    /// over <see cref="EveryElement"/> (PyTorch's). Null for Sum, where nothing needs multiplying.
    /// </summary>
    public string? Scale(Reduction reduction, string samples, int outputs, string number)
    {
        if (reduction == Reduction.Sum)
        {
            return null;
        }

        string count = EveryElement && outputs != 1
            ? "(" + samples + " * " + outputs.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")"
            : samples;
        return "(" + number + ")1 / " + count;
    }

    /// <summary>
    /// The comment before one sample's loss, with the output layer's activations named <paramref name="y"/>:
    /// <c>Square loss: L += ½ Σ_j (a2_j − t_j)², so ∂L/∂a2_j = e_j = a2_j − t_j.</c>
    /// </summary>
    public string SampleComment(string y) => Form.Name + ": " + Form.Sample(y);

    /// <summary>The comment before the loss of a vector of samples, one per lane.</summary>
    public string LanesComment => Form.Name + " and the output δ, lane by lane.";

    /// <summary>The gradient of one output's loss in words, from its error e: <c>e</c> for the square loss.</summary>
    public string GradientWord => Form.Word;

    /// <summary>True where the unrolled shape computes the loss for a vector of samples at once, one per lane.</summary>
    public bool HasLanes => ElementwiseForm is { HasLanes: true };

    /// <summary>The output error <c>y − t</c>, from which the element-wise losses take their term and gradient.</summary>
    public string Error(string y, string t) => y + " - " + t;

    /// <summary>One output's loss from its error <paramref name="e"/>, with <paramref name="literal"/> writing a constant: <c>0.5 * (e * e)</c>.</summary>
    public string Term(string e, Func<double, string> literal) => Form.Term(e, literal, UnrolledLoss.MathClass);

    /// <summary>One output's <c>∂L/∂y</c> from its error <paramref name="e"/>: <c>e</c> for the square loss, <c>(e + e)</c> for the squared error.</summary>
    public string Gradient(string e, Func<double, string> literal) => Form.Gradient(e, literal, UnrolledLoss.MathClass);

    /// <summary>
    /// An element-wise loss's text: its comment name, the comment of one sample's loss (given the outputs' name) and of a
    /// chunk's (given the outputs' name and the scale's prefix), its derivative in words (given the outputs' name) and from the error e, and the code of one output's term and gradient from its error (given the error,
    /// a writer of constants and the math class).
    /// </summary>
    internal sealed record Elementwise(
        string Name,
        Func<string, string> Sample,
        Func<string, string, string> Chunk,
        Func<string, string> Derivative,
        string Word,
        Func<string, Func<double, string>, string, string> Term,
        Func<string, Func<double, string>, string, string> Gradient,
        bool HasLanes);
}
