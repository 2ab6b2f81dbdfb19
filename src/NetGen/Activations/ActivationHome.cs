using System;
using System.Numerics;

namespace NetGen.Runtime;

/// <summary>
/// One activation for the kernels, written once over <see cref="ILanes{TV, T}"/>: the function of the
/// pre-activation <c>z</c> and the backward step that multiplies a δ by its derivative, taken from the derivative's
/// input, which the activation names (<see cref="DerivativeFromZ"/>): the output <c>a</c> for most (the forward pass
/// keeps only a for them), the pre-activation <c>z</c> for those whose derivative cannot be written from a (their
/// layers keep z as well). The JIT compiles a copy of each kernel per activation
/// and width (all are structs), so a kernel's loop calls the activation directly, with no branch on which it is.
/// At the scalar width (<see cref="Scalar{T}"/>) these are the scalar formulas, so every width computes the same
/// expression lane by lane: results differ between widths only where the vector exp rounds differently from
/// <c>Math.Exp</c>.
/// </summary>
internal interface IActivation
{
    /// <summary>True where <see cref="Apply"/> calls exp: its vector widths run only where the runtime has a vector exp.</summary>
    static abstract bool UsesExp { get; }

    /// <summary><c>a = f(z)</c>; <paramref name="slope"/> is the activation's parameter: LeakyReLU's negative slope, ELU's α (ignored by the others).</summary>
    static abstract TV Apply<TV, TL, T>(TV z, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>
    /// True where <see cref="Backward"/> takes the pre-activation z, false where it takes the output a: what a layer
    /// with this activation must keep for its backward pass.
    /// </summary>
    static abstract bool DerivativeFromZ { get; }

    /// <summary>
    /// <c>δ · f'(z)</c>, with <c>f'</c> written in terms of <paramref name="a"/>: the output <c>a = f(z)</c>, or z itself
    /// where <see cref="DerivativeFromZ"/>. <paramref name="slope"/> is the activation's parameter (LeakyReLU's
    /// slope, ELU's α).
    /// </summary>
    static abstract TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;
}

/// <summary>
/// Everything the runtime knows of one activation besides its arithmetic, implemented by a struct in the
/// activation's own file, its home (<c>src/NetGen/Activations/&lt;Name&gt;.cs</c>), which holds the rest of what the
/// runtime knows of it as well: its arithmetic (<see cref="IActivation"/>), the functions generated code calls
/// (<see cref="VectorActivations"/>) and its reference layer (<c>NetGen.Reference</c>). <see cref="ActivationRegistry"/>
/// names every home once; the kernels, the reference network, ONNX export, option validation and descriptions reach
/// an activation only through it. The members are static so that the kernels' dispatch
/// (<see cref="ActivationRegistry.Visit{TVisitor, TResult, T}"/>) compiles a home's code into each of its cases, with no
/// virtual call.
/// </summary>
internal interface IActivationHome
{
    /// <summary>The activation this is the home of.</summary>
    static abstract Activation Kind { get; }

    /// <summary>True for an activation allowed on the output layer only (softmax, which normalises a whole layer).</summary>
    static virtual bool OutputOnly => false;

    /// <summary>
    /// False for an activation that is no ONNX node at all (the identity: the layer's <c>Gemm</c> writes its output),
    /// so that <see cref="WriteOnnx"/> is not called.
    /// </summary>
    static virtual bool HasOnnxNode => true;

    /// <summary>The activation's parameter as a description shows it after its name (LeakyReLU's slope, ELU's α), or null for none.</summary>
    static virtual double? Parameter(NetworkDescription description) => null;

    /// <summary>The reference network's activation (<c>NetGen.Reference</c>), with the parameters of <paramref name="options"/>.</summary>
    static abstract Reference.IActivation CreateReference(Reference.ReferenceOptions options);

    /// <summary>Writes the activation's ONNX nodes into the graph of <paramref name="onnx"/>, from the layer's z to its output.</summary>
    static abstract void WriteOnnx(Onnx.Layer onnx);

    /// <summary>
    /// <see cref="Dense.Apply{T}(Span{T}, Activation, T, bool)"/>: the activation of every element of <paramref name="values"/>,
    /// in place, the whole span one sample's units for an activation of a whole layer; <paramref name="slope"/> is the
    /// activation's parameter.
    /// </summary>
    static abstract void Apply<T>(Span<T> values, T slope, bool deterministic)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>
    /// The forward pass's activation in <see cref="Dense.Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, Activation, T, bool)"/>:
    /// <see cref="Apply"/> over the outputs <paramref name="a"/> of <paramref name="samples"/> samples, an activation of a
    /// whole layer over each sample's units.
    /// </summary>
    static abstract void Forward<T>(Span<T> a, int samples, T slope, bool deterministic)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>Refuses a derivative with this <paramref name="slope"/> before the kernels compute anything; accepts any unless the activation says otherwise.</summary>
    static virtual void CheckBackward<T>(T slope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
    }

    /// <summary>Refuses the activation as the output of an element-wise loss (checked before <see cref="CheckBackward"/>); accepts it unless it says otherwise.</summary>
    static virtual void CheckLossOutput()
    {
    }

    /// <summary>
    /// <c>A_k = A_k · f'</c> from <c>B_k</c>, the derivative's input (A the δ, B the output a, or z where the derivative
    /// is written from z), S0 the slope, over <see cref="Dense.Operands{T}.Length"/> elements.
    /// </summary>
    static abstract void MultiplyByDerivative<T>(ref Dense.Operands<T> o)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>
    /// The output δ of the element-wise loss <typeparamref name="TLoss"/> through the activation:
    /// <c>A_k = f'(D_k) · (S1 · ∂ℓ/∂y(B_k − C_k))</c>, A the δ, B the output y, C the target, D the derivative's input (y,
    /// or z), S0 the slope, S2 the loss's parameter.
    /// </summary>
    static abstract void LossDelta<TLoss, T>(ref Dense.Operands<T> o)
        where TLoss : struct, IElementwiseLoss
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;
}

/// <summary>
/// The home of an activation of each unit on its own whose arithmetic is <typeparamref name="TFunction"/>: the
/// kernels run their copy for <typeparamref name="TFunction"/> of each element-wise kernel. A home declares only
/// what it does otherwise (the sigmoid's forward pass, the identity's nothing).
/// </summary>
/// <typeparam name="TFunction">The activation's arithmetic.</typeparam>
internal interface IElementwiseHome<TFunction> : IActivationHome
    where TFunction : struct, IActivation
{
    /// <summary>The activation kernel of <typeparamref name="TFunction"/> over every element.</summary>
    static void IActivationHome.Apply<T>(Span<T> values, T slope, bool deterministic) => Dense.RunActivation<TFunction, T>(values, slope, deterministic);

    /// <summary>The activation kernel of <typeparamref name="TFunction"/> over every element (samples make no difference).</summary>
    static void IActivationHome.Forward<T>(Span<T> a, int samples, T slope, bool deterministic) => Dense.RunActivation<TFunction, T>(a, slope, deterministic);

    /// <summary>The derivative kernel of <typeparamref name="TFunction"/>.</summary>
    static void IActivationHome.MultiplyByDerivative<T>(ref Dense.Operands<T> o) => Dense.RunDerivative<TFunction, T>(ref o);

    /// <summary>The loss's δ kernel with <typeparamref name="TFunction"/>'s derivative.</summary>
    static void IActivationHome.LossDelta<TLoss, T>(ref Dense.Operands<T> o) => Dense.RunLossDelta<TLoss, TFunction, T>(ref o);
}

/// <summary>
/// A home (<see cref="IActivationHome"/>) as an object, for the code that looks an activation up once rather than in
/// a kernel: the reference network, ONNX export, option validation and descriptions. <see cref="ActivationRegistry.Find"/>
/// gives it.
/// </summary>
internal abstract class ActivationHome
{
    /// <inheritdoc cref="IActivationHome.Kind"/>
    public abstract Activation Kind { get; }

    /// <inheritdoc cref="IActivationHome.OutputOnly"/>
    public abstract bool OutputOnly { get; }

    /// <inheritdoc cref="IActivationHome.HasOnnxNode"/>
    public abstract bool HasOnnxNode { get; }

    /// <inheritdoc cref="IActivationHome.Parameter"/>
    public abstract double? Parameter(NetworkDescription description);

    /// <inheritdoc cref="IActivationHome.CreateReference"/>
    public abstract Reference.IActivation CreateReference(Reference.ReferenceOptions options);

    /// <inheritdoc cref="IActivationHome.WriteOnnx"/>
    public abstract void WriteOnnx(Onnx.Layer onnx);

    /// <summary>The object of the home <typeparamref name="THome"/>: one for each home.</summary>
    /// <typeparam name="THome">The home.</typeparam>
    internal sealed class Of<THome> : ActivationHome
        where THome : struct, IActivationHome
    {
        /// <summary>The one object of <typeparamref name="THome"/>.</summary>
        public static readonly Of<THome> Instance = new();

        private Of()
        {
        }

        public override Activation Kind => THome.Kind;

        public override bool OutputOnly => THome.OutputOnly;

        public override bool HasOnnxNode => THome.HasOnnxNode;

        public override double? Parameter(NetworkDescription description) => THome.Parameter(description);

        public override Reference.IActivation CreateReference(Reference.ReferenceOptions options) => THome.CreateReference(options);

        public override void WriteOnnx(Onnx.Layer onnx) => THome.WriteOnnx(onnx);
    }
}
