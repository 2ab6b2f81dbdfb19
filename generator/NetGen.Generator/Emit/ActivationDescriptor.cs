using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Everything the emitter writes for one activation function, so a new activation is a new descriptor (plus its
/// runtime kernels and its reference method), not a branch in every shape. Each member is the text of one use:
/// <list type="bullet">
/// <item>comments and the class remarks: <see cref="Name"/>, <see cref="Symbol"/>, <see cref="Description"/>,
/// <see cref="DerivativeRule"/>, <see cref="DerivativeText"/>;</item>
/// <item>the unrolled shape: the scalar helper it declares (<see cref="ScalarHelper"/>, <see cref="ScalarHelperBody"/>),
/// the call of one value (<see cref="Scalar"/>) or of a 256-bit vector (<see cref="Apply"/>), and δ through the
/// derivative from the output (<see cref="TimesDerivative"/>);</item>
/// <item>the loop shape: the kernels of NetGen.Runtime.Dense that apply it (<see cref="ForwardKernel"/>,
/// <see cref="ApplyKernel"/>, <see cref="DeltaKernel"/>, <see cref="DeltaTransposedKernel"/>,
/// <see cref="OutputDeltaKernel"/>).</item>
/// </list>
/// The generated arithmetic must match <see cref="ReferenceMethod"/>, which NetGen.Reference.FC calls.
/// </summary>
internal sealed partial class ActivationDescriptor
{
    private const string Dense = FileAliases.Dense;

    /// <summary>The logistic sigmoid, <c>σ(z) = 1 / (1 + e^(−z))</c>, whose derivative is <c>a(1 − a)</c> with <c>a = σ(z)</c>.</summary>
    public static readonly ActivationDescriptor Sigmoid = new(
        Activation.Sigmoid,
        name: "sigmoid",
        symbol: "σ",
        description: "the logistic sigmoid σ",
        derivativeRule: "σ'(z) = σ(z)(1 − σ(z))",
        referenceMethod: "global::NetGen.Activations.Sigmoid",
        scalarHelper: "__Sigmoid",
        scalarHelperSummary: "The logistic sigmoid σ(z) = 1 / (1 + e^(−z)), computed without overflow.",
        kernel: "Sigmoid",
        derivativeText: a => a + "(1 − " + a + ")",
        derivative: (a, one) => a + " * (" + one + " - " + a + ")",
        usesExp: true);

    /// <summary>The hyperbolic tangent, whose derivative is <c>1 − a²</c> with <c>a = tanh(z)</c>.</summary>
    public static readonly ActivationDescriptor Tanh = new(
        Activation.Tanh,
        name: "tanh",
        symbol: "tanh",
        description: "the hyperbolic tangent tanh",
        derivativeRule: "tanh'(z) = 1 − tanh(z)²",
        referenceMethod: Runtime + ".Tanh",
        scalarHelper: "__Tanh",
        scalarHelperSummary: "The hyperbolic tangent tanh(z), computed without overflow (NetGen.Runtime.VectorActivations.Tanh).",
        kernel: "Apply",
        derivativeText: a => "(1 − " + a + "²)",
        derivative: (a, one) => one + " - " + a + " * " + a,
        usesExp: true);

    /// <summary><c>max(0, z)</c>, whose derivative is 1 where <c>a &gt; 0</c> and 0 elsewhere (0 at z = 0, as PyTorch takes it).</summary>
    public static readonly ActivationDescriptor ReLU = new(
        Activation.ReLU,
        name: "ReLU",
        symbol: "relu",
        description: "the rectifier relu(z) = max(0, z)",
        derivativeRule: "relu'(z) = 1 for z > 0 and 0 otherwise (0 at z = 0, as PyTorch takes it)",
        referenceMethod: Runtime + ".ReLU",
        scalarHelper: "__ReLU",
        scalarHelperSummary: "The rectifier max(0, z) (NetGen.Runtime.VectorActivations.ReLU).",
        kernel: "Apply",
        derivativeText: a => "[" + a + " > 0]",
        derivative: null);

    /// <summary><c>z</c> for <c>z ≥ 0</c> and <c>slope · z</c> otherwise, whose derivative is 1 where <c>a &gt; 0</c> and the slope elsewhere.</summary>
    public static readonly ActivationDescriptor LeakyReLU = new(
        Activation.LeakyReLU,
        name: "leaky ReLU",
        symbol: "lrelu",
        description: "the leaky rectifier lrelu(z) = z for z ≥ 0, slope · z otherwise",
        derivativeRule: "lrelu'(z) = 1 for z > 0 and the slope otherwise (as PyTorch's leaky_relu_backward)",
        referenceMethod: Runtime + ".LeakyReLU",
        scalarHelper: "__LeakyReLU",
        scalarHelperSummary: "The leaky rectifier (NetGen.Runtime.VectorActivations.LeakyReLU) with the attribute's slope.",
        kernel: "Apply",
        derivativeText: a => "[" + a + " > 0 ? 1 : slope]",
        derivative: null,
        parameter: context => context.Slope,
        descriptionArgument: model => "leakySlope: " + Literals.Number(model.LeakySlope));

    /// <summary><c>z</c> unchanged, whose derivative is 1.</summary>
    public static readonly ActivationDescriptor Identity = new(
        Activation.Identity,
        name: "identity",
        symbol: "id",
        description: "the identity (a linear layer)",
        derivativeRule: "id'(z) = 1",
        referenceMethod: string.Empty,
        scalarHelper: string.Empty,
        scalarHelperSummary: string.Empty,
        kernel: "Apply",
        derivativeText: _ => "1",
        derivative: null);

    /// <summary>
    /// <c>e^(z_j) / Σ_k e^(z_k)</c> over the output layer's units, through log-sum-exp. Not element-wise: it is only ever
    /// an output layer, and with cross-entropy its derivative is folded into the loss's δ = p · Σt − t.
    /// </summary>
    public static readonly ActivationDescriptor Softmax = new(
        Activation.Softmax,
        name: "softmax",
        symbol: "softmax",
        description: "the softmax",
        derivativeRule: "with cross-entropy, ∂L/∂z = softmax(z) · Σ t − t",
        referenceMethod: string.Empty,
        scalarHelper: string.Empty,
        scalarHelperSummary: string.Empty,
        kernel: "Softmax",
        derivativeText: _ => "softmax'",
        derivative: null);

    /// <summary>
    /// GELU in its exact form (<c>torch.nn.GELU()</c>), <c>½ z (1 + erf(z/√2))</c>, whose derivative
    /// <c>Φ(z) + z · φ(z)</c> is written from z: its layers keep z.
    /// </summary>
    public static readonly ActivationDescriptor GELU = new(
        Activation.GELU,
        name: "GELU",
        symbol: "gelu",
        description: "the Gaussian error linear unit gelu(z) = ½ z (1 + erf(z / √2)) (exact, not the tanh approximation)",
        derivativeRule: "gelu'(z) = Φ(z) + z · φ(z), Φ and φ the standard normal's distribution and density (as ATen's GeluBackward)",
        referenceMethod: Runtime + ".GELU",
        scalarHelper: "__GELU",
        scalarHelperSummary: "GELU, ½ z (1 + erf(z / √2)), with NetGen's erf (NetGen.Runtime.VectorActivations.GELU).",
        kernel: "Apply",
        derivativeText: z => "gelu'(" + z + ")",
        derivative: null,
        derivativeFromZ: true,
        usesExp: true);

    /// <summary>SiLU (<c>torch.nn.SiLU</c>), <c>z · σ(z)</c>, whose derivative <c>σ(z)(1 + z(1 − σ(z)))</c> is written from z: its layers keep z.</summary>
    public static readonly ActivationDescriptor SiLU = new(
        Activation.SiLU,
        name: "SiLU",
        symbol: "silu",
        description: "the sigmoid-weighted linear unit silu(z) = z · σ(z)",
        derivativeRule: "silu'(z) = σ(z)(1 + z(1 − σ(z))) (as ATen's silu_backward)",
        referenceMethod: Runtime + ".SiLU",
        scalarHelper: "__SiLU",
        scalarHelperSummary: "SiLU, z · σ(z), computed without overflow (NetGen.Runtime.VectorActivations.SiLU).",
        kernel: "Apply",
        derivativeText: z => "silu'(" + z + ")",
        derivative: null,
        derivativeFromZ: true,
        usesExp: true);

    /// <summary>
    /// ELU (<c>torch.nn.ELU(alpha)</c>), <c>z</c> for <c>z &gt; 0</c> and <c>α(e^z − 1)</c> otherwise, whose derivative,
    /// 1 or <c>α e^z</c>, is written from z: its layers keep z.
    /// </summary>
    public static readonly ActivationDescriptor ELU = new(
        Activation.ELU,
        name: "ELU",
        symbol: "elu",
        description: "the exponential linear unit elu(z) = z for z > 0, α(e^z − 1) otherwise",
        derivativeRule: "elu'(z) = 1 for z > 0 and α e^z otherwise (as PyTorch's elu_backward from the input)",
        referenceMethod: Runtime + ".ELU",
        scalarHelper: "__ELU",
        scalarHelperSummary: "ELU (NetGen.Runtime.VectorActivations.ELU) with the attribute's α.",
        kernel: "Apply",
        derivativeText: z => "[" + z + " > 0 ? 1 : α e^" + z + "]",
        derivative: null,
        derivativeFromZ: true,
        parameter: context => context.EluAlpha,
        descriptionArgument: model => "eluAlpha: " + Literals.Number(model.EluAlpha),
        usesExp: true);

    private const string Runtime = FileAliases.VectorActivations;

    private readonly System.Func<string, string> _derivativeText;
    private readonly System.Func<string, string, string>? _derivative;
    private readonly System.Func<EmitContext, string>? _parameter;
    private readonly System.Func<Model.NetworkModel, string>? _descriptionArgument;

    private ActivationDescriptor(
        Activation kind,
        string name,
        string symbol,
        string description,
        string derivativeRule,
        string referenceMethod,
        string scalarHelper,
        string scalarHelperSummary,
        string kernel,
        System.Func<string, string> derivativeText,
        System.Func<string, string, string>? derivative,
        bool derivativeFromZ = false,
        System.Func<EmitContext, string>? parameter = null,
        System.Func<Model.NetworkModel, string>? descriptionArgument = null,
        bool usesExp = false)
    {
        Kind = kind;
        Name = name;
        Symbol = symbol;
        Description = description;
        DerivativeRule = derivativeRule;
        ReferenceMethod = referenceMethod;
        ScalarHelper = scalarHelper;
        ScalarHelperSummary = scalarHelperSummary;
        ApplyKernel = Dense + "." + kernel;
        _derivativeText = derivativeText;
        _derivative = derivative;
        DerivativeFromZ = derivativeFromZ;
        _parameter = parameter;
        _descriptionArgument = descriptionArgument;
        UsesExp = usesExp;
    }

    /// <summary>
    /// True for the activations computed with exp (or erf, which is exp's kin): the runtime has their form for four
    /// vectors of doubles at once, <see cref="ApplyFour"/>, which computes the platform's exp inline.
    /// </summary>
    public bool UsesExp { get; }

    /// <summary>
    /// The call that applies the activation to four <c>Vector256&lt;double&gt;</c> variables in place (<see cref="UsesExp"/>
    /// only): <c>__VectorActivations.Sigmoid(ref a1_0, ref a1_1, ref a1_2, ref a1_3)</c>, the parameter last where there is one.
    /// </summary>
    public string ApplyFour(System.Collections.Generic.IEnumerable<string> values, string slope) =>
        Runtime + "." + Kind.ToString() + "(" + string.Join(", ", System.Linq.Enumerable.Select(values, v => "ref " + v))
        + (HasParameter ? ", " + slope : string.Empty) + ")";

    /// <summary>
    /// The named argument that gives a network's <c>NetworkDescription</c> this activation's parameter (<c>leakySlope: 0.2</c>,
    /// <c>eluAlpha: 1</c>), or null for an activation without one.
    /// </summary>
    public string? DescriptionArgument(Model.NetworkModel model) => _descriptionArgument?.Invoke(model);

    /// <summary>Every activation NetGen generates, the one list the parser checks an <c>Activation</c> value against.</summary>
    public static System.Collections.Generic.IReadOnlyList<ActivationDescriptor> All { get; } = new[] { Sigmoid, Tanh, ReLU, LeakyReLU, Identity, Softmax, GELU, SiLU, ELU };

    /// <summary>The descriptor of <paramref name="kind"/>.</summary>
    public static ActivationDescriptor For(Activation kind) =>
        System.Linq.Enumerable.FirstOrDefault(All, d => d.Kind == kind)
        ?? throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "not an activation");

    public Activation Kind { get; }

    /// <summary>
    /// The derivative's input: true where it is written from the pre-activation z (GELU, SiLU, ELU), whose layers then
    /// keep z as well as a; false where it is written from the output a (every other activation: their layers keep a only).
    /// </summary>
    public bool DerivativeFromZ { get; }

    /// <summary>The name the derivative is written from: <paramref name="z"/> where <see cref="DerivativeFromZ"/>, <paramref name="a"/> otherwise.</summary>
    public string DerivativeInput(string a, string z) => DerivativeFromZ ? z : a;

    /// <summary>
    /// The activation's parameter as a literal of the number type: the attribute's LeakySlope for leaky ReLU, its EluAlpha
    /// for ELU, zero for the others (which take none; the kernels ignore it).
    /// </summary>
    public string Parameter(EmitContext context) => _parameter is null ? context.Zero : _parameter(context);

    /// <summary>True for the activations that take a parameter (leaky ReLU's slope, ELU's α).</summary>
    public bool HasParameter => _parameter is not null;

    /// <summary>The name in the cost table: <c>sigmoid</c>.</summary>
    public string Name { get; }

    /// <summary>The symbol in formulas and costs: <c>σ</c>.</summary>
    public string Symbol { get; }

    /// <summary>What the class remarks call it: <c>the logistic sigmoid σ</c>.</summary>
    public string Description { get; }

    /// <summary>Why δ takes the derivative it does, in comments: <c>σ'(z) = σ(z)(1 − σ(z))</c>.</summary>
    public string DerivativeRule { get; }

    /// <summary>
    /// The runtime method that computes it, for one <c>double</c> or <c>float</c> and for a <c>Vector256</c>; the reference
    /// network calls the same one, so both compute the same function the same way.
    /// </summary>
    public string ReferenceMethod { get; }

    /// <summary>The private helper the unrolled shape declares for one value: <c>__Sigmoid</c>.</summary>
    public string ScalarHelper { get; }

    /// <summary>The helper's summary.</summary>
    public string ScalarHelperSummary { get; }

    /// <summary>The kernel that applies it in place to a span of pre-activations.</summary>
    public string ApplyKernel { get; }

    /// <summary>The kernel that computes a layer, <c>a = f(Wᵀ · x + b)</c>, for a chunk of samples.</summary>
    public string ForwardKernel => Dense + ".Forward";

    /// <summary>The kernel that sends δ down through a layer with this activation below: <c>(W · δ) ⊙ f'(a)</c>.</summary>
    public string DeltaKernel => Dense + ".BackpropagateDelta";

    /// <summary><see cref="DeltaKernel"/> reading a transposed copy of W.</summary>
    public string DeltaTransposedKernel => Dense + ".BackpropagateDeltaTransposed";

    /// <summary>The kernel that computes the square loss and the output δ, <c>(a − t) ⊙ f'(a)</c>, with this activation on the output.</summary>
    public string OutputDeltaKernel => Dense + ".OutputDelta";

    /// <summary>The call for one value: <c>__Sigmoid(z)</c>; the identity has no helper and gives <paramref name="z"/> itself.</summary>
    public string Scalar(string z) => HasScalarHelper ? ScalarHelper + "(" + z + ")" : z;

    /// <summary>True for the activations the unrolled shape declares a scalar helper for (every element-wise one but the identity).</summary>
    public bool HasScalarHelper => ScalarHelper.Length > 0;

    /// <summary>
    /// The body of the scalar helper for the value <paramref name="z"/>: the runtime method that computes it for one value
    /// (for the sigmoid, <see cref="ReferenceMethod"/>), with <paramref name="slope"/> as in <see cref="Apply"/>.
    /// A network declared <c>Deterministic = true</c> takes the sigmoid from the file's VectorActivations too, whose exp
    /// is then NetGen's own.
    /// </summary>
    public string ScalarHelperBody(string z, string slope, bool deterministic) =>
        Kind != Activation.Sigmoid ? Apply(z, slope) : deterministic ? Runtime + ".Sigmoid(" + z + ")" : ReferenceMethod + "(" + z + ")";

    /// <summary>
    /// The call for a <c>Vector256</c>: <c>global::NetGen.Runtime.VectorActivations.Sigmoid(z)</c>; without the leaky slope,
    /// so <see cref="Apply"/> is the form for every activation.
    /// </summary>
    public string Vector(string z) => Kind == Activation.Sigmoid ? Runtime + ".Sigmoid(" + z + ")" : ReferenceMethod + "(" + z + ")";

    /// <summary>The derivative written in comments from the output <paramref name="a"/>: <c>a(1 − a)</c>.</summary>
    public string DerivativeText(string a) => _derivativeText(a);

    /// <summary>
    /// The derivative as code from the output <paramref name="a"/>, with <paramref name="one"/> the literal 1: <c>a * (1.0 - a)</c>;
    /// for the activations whose derivative is a choice rather than a product (ReLU, leaky ReLU, identity) there is none:
    /// use <see cref="Backward"/>.
    /// </summary>
    public string Derivative(string a, string one) =>
        (_derivative ?? throw new System.InvalidOperationException("The " + Name + " derivative is written with Backward."))(a, one);

    /// <summary>True where <see cref="Derivative"/> gives a factor (sigmoid, tanh), false where only <see cref="Backward"/> applies.</summary>
    public bool HasDerivativeFactor => _derivative is not null;

    /// <summary>True for the activations applied to each unit alone (every one but softmax).</summary>
    public bool IsElementwise => Kind != Activation.Softmax;

    /// <summary>
    /// <c>δ ⊙ f'(a)</c> as code, for one value or a <c>Vector256</c> (the runtime's overloads take both): the same
    /// arithmetic as the kernels' <c>MultiplyByDerivative</c>. <paramref name="slope"/> is the leaky slope as a literal of the
    /// number type (only leaky ReLU uses it).
    /// </summary>
    public string Backward(string delta, string a, string one, string slope) => Kind switch
    {
        Activation.Sigmoid => delta + " * (" + Derivative(a, one) + ")",
        Activation.Identity => delta,
        Activation.Softmax => throw new System.InvalidOperationException("Softmax has no element-wise derivative; its loss gives δ."),
        _ when HasParameter => Runtime + "." + Kind.ToString() + "Backward(" + delta + ", " + a + ", " + slope + ")",
        _ => Runtime + "." + Kind.ToString() + "Backward(" + delta + ", " + a + ")",
    };

    /// <summary>
    /// <c>δ ⊙ f'(a)</c> as the unrolled shape writes it, for one value or a <c>Vector256</c>: for the activations whose
    /// derivative is a factor of the output (sigmoid, tanh), <c>delta * (f'(a))</c>, the reference's own product;
    /// otherwise <see cref="Backward"/>'s call. A compound <paramref name="delta"/> (one with a space) is parenthesised.
    /// </summary>
    public string TimesDerivative(string delta, string a, string one, string slope)
    {
        if (!HasDerivativeFactor)
        {
            return Backward(delta, a, one, slope);
        }

        string factor = delta.IndexOf(' ') >= 0 ? "(" + delta + ")" : delta;
        return factor + " * (" + Derivative(a, one) + ")";
    }

    /// <summary>
    /// <c>f(z)</c> as code for one value or a <c>Vector256</c> through the runtime (not the unrolled shape's private helper):
    /// <paramref name="slope"/> as in <see cref="Backward"/>.
    /// </summary>
    public string Apply(string z, string slope) => Kind switch
    {
        Activation.Sigmoid => Runtime + ".Sigmoid(" + z + ")",
        Activation.Identity => z,
        Activation.Softmax => throw new System.InvalidOperationException("Softmax is not element-wise."),
        _ when HasParameter => Runtime + "." + Kind.ToString() + "(" + z + ", " + slope + ")",
        _ => Runtime + "." + Kind.ToString() + "(" + z + ")",
    };

    /// <summary>The argument that names this activation to the kernels: <c>global::NetGen.Activation.Tanh</c>.</summary>
    public string KernelArgument => "global::NetGen.Activation." + Kind.ToString();
}
