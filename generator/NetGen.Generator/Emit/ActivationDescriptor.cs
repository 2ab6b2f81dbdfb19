using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// Everything the emitter writes for one activation function, so a new activation is a new descriptor (plus its
/// runtime kernels and its reference method), not a branch in every shape. Each member is the text of one use:
/// <list type="bullet">
/// <item>comments and the class remarks: <see cref="Name"/>, <see cref="Symbol"/>, <see cref="Description"/>,
/// <see cref="DerivativeRule"/>, <see cref="DerivativeText"/>;</item>
/// <item>the unrolled shape: the scalar helper it declares (<see cref="ScalarHelper"/>), the call of one value
/// (<see cref="Scalar"/>) or of a 256-bit vector (<see cref="Vector"/>), the derivative from the output
/// (<see cref="Derivative"/>);</item>
/// <item>the loop shape: the kernels of NetGen.Runtime.Dense that apply it (<see cref="ForwardKernel"/>,
/// <see cref="ApplyKernel"/>, <see cref="DeltaKernel"/>, <see cref="DeltaTransposedKernel"/>,
/// <see cref="OutputDeltaKernel"/>).</item>
/// </list>
/// The generated arithmetic must match <see cref="ReferenceMethod"/>, which NetGen.Reference.FC calls.
/// </summary>
internal sealed class ActivationDescriptor
{
    private const string Dense = "global::NetGen.Runtime.Dense";

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
        derivative: (a, one) => a + " * (" + one + " - " + a + ")");

    private readonly System.Func<string, string> _derivativeText;
    private readonly System.Func<string, string, string> _derivative;

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
        System.Func<string, string, string> derivative)
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
    }

    /// <summary>The descriptor of <paramref name="kind"/>.</summary>
    public static ActivationDescriptor For(Activation kind) => kind switch
    {
        Activation.Sigmoid => Sigmoid,
        _ => throw new System.NotSupportedException("NetGen does not generate the " + kind.ToString() + " activation yet."),
    };

    public Activation Kind { get; }

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

    /// <summary>The call for one value: <c>__Sigmoid(z)</c>.</summary>
    public string Scalar(string z) => ScalarHelper + "(" + z + ")";

    /// <summary>The call for a <c>Vector256</c>: <c>global::NetGen.Activations.Sigmoid(z)</c>.</summary>
    public string Vector(string z) => ReferenceMethod + "(" + z + ")";

    /// <summary>The derivative written in comments from the output <paramref name="a"/>: <c>a(1 − a)</c>.</summary>
    public string DerivativeText(string a) => _derivativeText(a);

    /// <summary>The derivative as code from the output <paramref name="a"/>, with <paramref name="one"/> the literal 1: <c>a * (1.0 - a)</c>.</summary>
    public string Derivative(string a, string one) => _derivative(a, one);
}
