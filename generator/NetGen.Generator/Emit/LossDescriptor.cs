using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Everything the emitter writes for one loss: its formula in the remarks and comments, and the code of one
/// output's error and loss term. The generated arithmetic must match <see cref="ReferenceClass"/>.
/// </summary>
internal sealed partial class LossDescriptor
{
    /// <summary>The square loss <c>L = ½ Σ (y − t)²</c>, whose gradient with respect to <c>y</c> is the error <c>e = y − t</c>.</summary>
    public static readonly LossDescriptor Square = new(
        Loss.Square,
        description: "the square loss",
        formula: "L = ½ Σ (y − t)²",
        referenceClass: "NetGen.Reference.SquareLoss");

    /// <summary>
    /// Cross-entropy of a softmax output, from the logits z through log-sum-exp:
    /// <c>L = −Σ t · log softmax(z)</c>, whose gradient with respect to z is <c>softmax(z) · Σ t − t</c>.
    /// </summary>
    public static readonly LossDescriptor CrossEntropy = new(
        Loss.CrossEntropy,
        description: "the cross-entropy of the softmax output",
        formula: "L = −Σ t · log softmax(z)",
        referenceClass: "NetGen.Reference.CrossEntropyLoss");

    /// <summary>
    /// Binary cross-entropy of a sigmoid output, from the logits z in the stable form
    /// <c>max(z, 0) − z · t + log(1 + e^(−|z|))</c>, whose gradient with respect to z is <c>σ(z) − t</c>.
    /// </summary>
    public static readonly LossDescriptor BinaryCrossEntropy = new(
        Loss.BinaryCrossEntropy,
        description: "the binary cross-entropy of the sigmoid output",
        formula: "L = Σ max(z, 0) − z · t + log(1 + e^(−|z|))",
        referenceClass: "NetGen.Reference.BinaryCrossEntropyLoss");

    private LossDescriptor(Loss kind, string description, string formula, string referenceClass)
    {
        Kind = kind;
        Description = description;
        Formula = formula;
        ReferenceClass = referenceClass;
    }

    /// <summary>The descriptor of <paramref name="kind"/>.</summary>
    public static LossDescriptor For(Loss kind) => kind switch
    {
        Loss.Square => Square,
        Loss.CrossEntropy => CrossEntropy,
        Loss.BinaryCrossEntropy => BinaryCrossEntropy,
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "not a loss"),
    };

    public Loss Kind { get; }

    /// <summary>What the class remarks call it: <c>the square loss</c>.</summary>
    public string Description { get; }

    /// <summary>Its formula over a batch: <c>L = ½ Σ (y − t)²</c>.</summary>
    public string Formula { get; }

    /// <summary>The reference implementation the generated code must agree with.</summary>
    public string ReferenceClass { get; }

    /// <summary>True for the cross-entropies, which take the output layer's logits z and fold its activation into δ.</summary>
    public bool TakesLogits => Kind != Loss.Square;

    /// <summary>
    /// The factor every sample's loss and δ are multiplied by, as code of the number type <paramref name="number"/>:
    /// 1 for <see cref="Reduction.Sum"/>; for <see cref="Reduction.Mean"/>, one over the number of samples
    /// (<paramref name="samples"/>, an int expression) for Square and CrossEntropy, and over samples times
    /// <paramref name="outputs"/> for BinaryCrossEntropy (PyTorch's mean over every element). Null for Sum, where
    /// nothing needs multiplying.
    /// </summary>
    public string? Scale(Reduction reduction, string samples, int outputs, string number)
    {
        if (reduction == Reduction.Sum)
        {
            return null;
        }

        string count = Kind == Loss.BinaryCrossEntropy && outputs != 1
            ? "(" + samples + " * " + outputs.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")"
            : samples;
        return "(" + number + ")1 / " + count;
    }

    /// <summary>
    /// The comment before one sample's loss, with the output layer's activations named <paramref name="y"/>:
    /// <c>Square loss: L += ½ Σ_j (a2_j − t_j)², so ∂L/∂a2_j = e_j = a2_j − t_j.</c>
    /// </summary>
    public string SampleComment(string y) =>
        "Square loss: L += ½ Σ_j (" + y + "_j − t_j)², so ∂L/∂" + y + "_j = e_j = " + y + "_j − t_j.";

    /// <summary>The comment before the loss of a vector of samples, one per lane.</summary>
    public string LanesComment => "Square loss and the output δ, lane by lane.";

    /// <summary>
    /// The comment before the loop shape's output δ kernel, with the output named <paramref name="y"/>, its δ named
    /// <paramref name="delta"/> and the activation's derivative written <paramref name="derivative"/>.
    /// </summary>
    public string ChunkComment(string y, string delta, string derivative) =>
        "Square loss: L += ½ Σ (" + y + " − t)²; output " + delta + " = (" + y + " − t) ⊙ " + derivative + ".";

    /// <summary>The output error <c>y − t</c>, the gradient of the loss with respect to the output.</summary>
    public string Error(string y, string t) => y + " - " + t;

    /// <summary>One output's loss from its error <paramref name="e"/>: <c>half * (e * e)</c>, with <paramref name="half"/> the literal ½.</summary>
    public string Term(string e, string half) => half + " * (" + e + " * " + e + ")";
}
