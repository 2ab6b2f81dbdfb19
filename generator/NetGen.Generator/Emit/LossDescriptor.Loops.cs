using System;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The loop shape's loss: the kernel of NetGen.Runtime.Dense that computes a chunk's loss and the output layer's δ,
/// and its comment. A batch runs in chunks, so under <see cref="Reduction.Mean"/> every chunk gets the whole
/// batch's scale (<see cref="Scale"/> of the batch's sample count), and the chunks' losses add up to the batch's.
/// </summary>
internal sealed partial class LossDescriptor
{
    private const string Dense = FileAliases.Dense;

    /// <summary>
    /// True where the loop shape keeps the square loss's first kernel, <c>Dense.OutputDelta(y, t, δ)</c>: a sigmoid
    /// output and the sum over the batch (the tutorial's network, whose generated text and bits stay as they were).
    /// </summary>
    public bool KeepsSigmoidOutputDelta(ActivationDescriptor output, Reduction reduction) =>
        Kind == Loss.Square && output.Kind == Activation.Sigmoid && reduction == Reduction.Sum;

    /// <summary>
    /// The statement that adds a chunk's loss to <c>loss</c> and writes the output δ: with <paramref name="y"/> the
    /// output layer's values over the chunk (the activations for an element-wise loss, the logits for the cross-entropies),
    /// <paramref name="t"/> the targets, <paramref name="delta"/> the δ span, <paramref name="samples"/> the chunk's
    /// sample count and <paramref name="scale"/> the reduction's factor as code (1 for a sum). An element-wise loss's δ is
    /// <c>(∂L/∂y) ⊙ f'</c>, f' from the output activation's own input (<paramref name="z"/>, the output layer's
    /// pre-activations, where <see cref="ActivationDescriptor.DerivativeFromZ"/>).
    /// </summary>
    public string ChunkCall(
        string number, string y, string t, string delta, string samples, string scale, ActivationDescriptor output, Reduction reduction, string slope, EmitContext context,
        Func<double, string> literal, string z = "z")
    {
        string zero = context.Zero;
        string deterministic = ActivationDescriptor.DeterministicArgument(context);
        string call = Kind switch
        {
            Loss.CrossEntropy => Dense + ".SoftmaxCrossEntropy<" + number + ">(" + y + ", " + t + ", global::System.Span<" + number + ">.Empty, "
                + delta + ", " + samples + ", " + scale + deterministic + ")",
            Loss.BinaryCrossEntropy => Dense + ".BinaryCrossEntropy<" + number + ">(" + y + ", " + t + ", " + delta + ", " + scale + deterministic + ")",
            _ when KeepsSigmoidOutputDelta(output, reduction) => output.OutputDeltaKernel + "<" + number + ">(" + y + ", " + t + ", " + delta + ")",
            Loss.Square => output.OutputDeltaKernel + "<" + number + ">(" + output.OutputAndDerivativeInput(y, z) + ", " + t + ", " + delta + ", " + scale + ", "
                + output.KernelArgument + ", " + output.KernelSlope(slope, zero) + deterministic + ")",
            _ => Dense + ".OutputDelta<" + number + ">(" + output.OutputAndDerivativeInput(y, z) + ", " + t + ", " + delta + ", " + scale + ", " + output.KernelArgument + ", "
                + output.KernelSlope(slope, zero) + ", global::NetGen.Loss." + Kind + ", " + literal(Parameter) + deterministic + ")",
        };
        return "loss += " + call + ";";
    }

    /// <summary>
    /// The comment before <see cref="ChunkCall"/>, with the output named <paramref name="y"/>, its δ named
    /// <paramref name="delta"/> and the output activation <paramref name="output"/>; <paramref name="scaled"/> says
    /// that the loss and δ are multiplied by the batch's scale.
    /// </summary>
    public string ChunkLossComment(string y, string delta, ActivationDescriptor output, bool scaled, string z = "z")
    {
        string derivative = output.DerivativeText(output.DerivativeInput(y, z));
        string by = scaled ? ", each term times scale" : string.Empty;
        return Kind switch
        {
            Loss.CrossEntropy => "Cross-entropy of the softmax of the logits " + y + " (log-sum-exp, so no exponent is positive): L += −Σ t · log softmax("
                + y + ")" + by + "; output " + delta + " = softmax(" + y + ") · Σ t − t" + (scaled ? ", times scale." : "."),
            Loss.BinaryCrossEntropy => "Binary cross-entropy of the logits " + y + ": L += Σ max(" + y + ", 0) − " + y + " · t + log(1 + e^(−|" + y
                + "|))" + by + "; output " + delta + " = σ(" + y + ") − t" + (scaled ? ", times scale." : "."),
            _ => Form.Name + ": " + Form.Chunk(y, scaled ? "scale · " : string.Empty) + "; output " + delta + " = "
                + (scaled ? "(scale · " + Form.Derivative(y) + ")" : Form.Derivative(y)) + " ⊙ " + derivative + ".",
        };
    }
}
