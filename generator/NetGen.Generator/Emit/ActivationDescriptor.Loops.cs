using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The loop shape's calls for one activation: the kernels of NetGen.Runtime.Dense that take the activation as an
/// argument. The sigmoid keeps the kernels' sigmoid-only overloads, whose text and bits every network generated
/// before the other activations existed has; the others pass <see cref="KernelArgument"/> and the slope.
/// </summary>
internal sealed partial class ActivationDescriptor
{
    /// <summary>True where the loop shape calls the sigmoid-only overloads of the kernels (no activation argument).</summary>
    private bool SigmoidOverloads => Kind == Activation.Sigmoid;

    /// <summary>
    /// The slope argument of the kernels: the activation's parameter (<paramref name="slope"/>, <see cref="Parameter"/>) for
    /// leaky ReLU and ELU, the number type's zero (<paramref name="zero"/>) for the others, which ignore it.
    /// </summary>
    public string KernelSlope(string slope, string zero) => HasParameter ? slope : zero;

    /// <summary>
    /// <c>Dense.Forward(w, b, x, a, samples)</c> for the sigmoid; <c>Dense.Forward(w, b, x, a, samples,
    /// global::NetGen.Activation.Tanh, 0.0)</c> for the others (softmax: over each sample's units).
    /// </summary>
    public string ForwardCall(string w, string b, string x, string a, string samples, string slope, EmitContext context) =>
        ForwardKernel + "(" + w + ", " + b + ", " + x + ", " + a + ", " + samples + KernelArguments(slope, context) + ");";

    /// <summary>
    /// <c>Dense.Forward(order, w, b, x, a, global::NetGen.Activation.X, slope)</c>: one sample through a layer whose weights
    /// are also kept in the order of its passes (<paramref name="order"/>, NetGen.Runtime.PassOrderedWeights); every
    /// activation, the sigmoid too, passes its kind, which gives the sigmoid-only overload's bits.
    /// </summary>
    public string ForwardInPassOrderCall(string order, string w, string b, string x, string a, string slope, EmitContext context) =>
        ForwardKernel + "(" + order + ", " + w + ", " + b + ", " + x + ", " + a + ", " + KernelArgument + ", " + KernelSlope(slope, context.Zero)
        + DeterministicArgument(context) + ");";

    /// <summary>
    /// <c>Dense.Forward(w, b, x, z, a, samples, activation, slope)</c>: the layer's forward pass keeping its
    /// pre-activations in <paramref name="z"/> as well, for the activations whose derivative is written from z.
    /// </summary>
    public string ForwardKeepingZCall(string w, string b, string x, string z, string a, string samples, string slope, EmitContext context) =>
        ForwardKernel + "(" + w + ", " + b + ", " + x + ", " + z + ", " + a + ", " + samples + KernelArguments(slope, context) + ");";

    /// <summary><c>Dense.Apply(z, a, activation, slope)</c>: <c>a = f(z)</c>, keeping z (after a straight-line method that leaves z).</summary>
    public string ApplyKeepingZCall(string z, string a, string slope, EmitContext context) =>
        Dense + ".Apply(" + z + ", " + a + KernelArguments(slope, context) + ");";

    /// <summary>
    /// <c>Dense.MultiplyByDerivative(delta, input, activation, slope)</c>: δ ⊙ f' in place, f' from <paramref name="input"/>.
    /// </summary>
    public string MultiplyByDerivativeCall(string delta, string input, string slope, EmitContext context) =>
        Dense + ".MultiplyByDerivative(" + delta + ", " + input + KernelArguments(slope, context) + ");";

    /// <summary>
    /// The output and the derivative's input as the output-δ kernel takes them: <c>y</c>, or <c>y, z</c> where the
    /// derivative is written from z (<c>Dense.OutputDelta(y, z, t, …)</c>).
    /// </summary>
    public string OutputAndDerivativeInput(string y, string z) => DerivativeFromZ ? y + ", " + z : y;

    /// <summary>
    /// The δ of a layer with this activation, sent down from the layer above: <c>Dense.BackpropagateDelta(w, δ, a,
    /// δBelow, samples[, activation, slope])</c>, or <c>BackpropagateDeltaTransposed</c> from Wᵀ. The sigmoid's derivative
    /// a(1 − a) calls no exp, so its overloads take no <see cref="DeterministicArgument"/>.
    /// </summary>
    public string DeltaCall(bool transposed, string weights, string delta, string a, string deltaBelow, string samples, string slope, EmitContext context) =>
        (transposed ? DeltaTransposedKernel : DeltaKernel) + "(" + weights + ", " + delta + ", " + a + ", " + deltaBelow + ", " + samples
        + (SigmoidOverloads ? string.Empty : KernelArguments(slope, context)) + ");";

    /// <summary>
    /// The activation applied in place to a span of pre-activations, as the forward kernel applies it:
    /// <c>Dense.Sigmoid(span)</c> (with <see cref="DeterministicArgument"/>), <c>Dense.Apply(span, global::NetGen.Activation.Tanh, 0.0)</c>; null for the identity,
    /// which leaves them as they are. Not for softmax, which the loop shape never applies outside the kernels.
    /// </summary>
    public string? ApplyCall(string span, string slope, EmitContext context)
    {
        if (Kind == Activation.Softmax)
        {
            throw new System.InvalidOperationException("Softmax is applied by the forward kernel, over each sample's units.");
        }

        return Kind switch
        {
            Activation.Identity => null,
            Activation.Sigmoid => ApplyKernel + "(" + span + DeterministicArgument(context) + ");",
            _ => Dense + ".Apply(" + span + KernelArguments(slope, context) + ");",
        };
    }

    /// <summary>
    /// Nothing for the sigmoid; <c>, global::NetGen.Activation.X, slope</c> for the others; then, for a network declared
    /// <c>Deterministic = true</c>, <see cref="DeterministicArgument"/>.
    /// </summary>
    private string KernelArguments(string slope, EmitContext context) =>
        (SigmoidOverloads ? string.Empty : ", " + KernelArgument + ", " + KernelSlope(slope, context.Zero)) + DeterministicArgument(context);

    /// <summary>
    /// <c>, deterministic: true</c> for a network declared <c>Deterministic = true</c> (the kernels then compute exp and log
    /// with NetGen's own functions), nothing otherwise.
    /// </summary>
    public static string DeterministicArgument(EmitContext context) => context.Model.Deterministic ? ", deterministic: true" : string.Empty;
}
