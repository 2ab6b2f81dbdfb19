using System;

namespace NetGen.Runtime;

/// <summary>
/// One activation for <see cref="ScalarDense{T, TOps}"/>: its function of z and its backward step, one value at a time,
/// through the <see cref="IScalarOps{T}"/> member of its name (<see cref="ScalarActivations"/>). A struct type argument,
/// so each kernel's loop is compiled per activation with no test of which it is, as the <see cref="Dense"/> kernels' are.
/// </summary>
internal interface IScalarActivation
{
    /// <summary><c>a = f(z)</c>; <paramref name="slope"/> is LeakyReLU's slope or ELU's α (the others ignore it).</summary>
    T Apply<T, TOps>(T z, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>;

    /// <summary><c>δ · f'</c>, f' from <paramref name="input"/>: the output a, or z for GELU, SiLU and ELU.</summary>
    T Backward<T, TOps>(T delta, T input, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>;
}

/// <summary>The logistic sigmoid, σ' = a(1 − a) from the output.</summary>
internal readonly struct SigmoidScalar : IScalarActivation
{
    public T Apply<T, TOps>(T z, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).Sigmoid(z);

    public T Backward<T, TOps>(T delta, T input, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).SigmoidBackward(delta, input);
}

/// <summary>tanh, tanh' = 1 − a² from the output.</summary>
internal readonly struct TanhScalar : IScalarActivation
{
    public T Apply<T, TOps>(T z, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).Tanh(z);

    public T Backward<T, TOps>(T delta, T input, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).TanhBackward(delta, input);
}

/// <summary>max(0, z), its derivative from the sign of the output.</summary>
internal readonly struct ReLUScalar : IScalarActivation
{
    public T Apply<T, TOps>(T z, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).ReLU(z);

    public T Backward<T, TOps>(T delta, T input, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).ReLUBackward(delta, input);
}

/// <summary>The leaky rectifier with the slope, its derivative from the sign of the output.</summary>
internal readonly struct LeakyReLUScalar : IScalarActivation
{
    public T Apply<T, TOps>(T z, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).LeakyReLU(z, slope);

    public T Backward<T, TOps>(T delta, T input, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).LeakyReLUBackward(delta, input, slope);
}

/// <summary>GELU, its derivative from z.</summary>
internal readonly struct GELUScalar : IScalarActivation
{
    public T Apply<T, TOps>(T z, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).GELU(z);

    public T Backward<T, TOps>(T delta, T input, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).GELUBackward(delta, input);
}

/// <summary>SiLU, its derivative from z.</summary>
internal readonly struct SiLUScalar : IScalarActivation
{
    public T Apply<T, TOps>(T z, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).SiLU(z);

    public T Backward<T, TOps>(T delta, T input, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).SiLUBackward(delta, input);
}

/// <summary>ELU with α the slope argument, its derivative from z.</summary>
internal readonly struct ELUScalar : IScalarActivation
{
    public T Apply<T, TOps>(T z, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).ELU(z, slope);

    public T Backward<T, TOps>(T delta, T input, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).ELUBackward(delta, input, slope);
}

/// <summary>The identity: an output layer's δ through it is the loss's gradient itself.</summary>
internal readonly struct IdentityScalar : IScalarActivation
{
    public T Apply<T, TOps>(T z, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => z;

    public T Backward<T, TOps>(T delta, T input, T slope)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => delta;
}

// The kernels that take an activation: Dense.Activations.cs and the activations' homes (src/NetGen/Activations/), one
// value at a time. A switch on the activation per call picks the loop compiled for it, as ActivationRegistry's does.
internal static partial class ScalarDense<T, TOps>
{
    /// <summary>Not a derivative softmax has: its δ comes with the loss.</summary>
    private const string NoDerivative = "Softmax is an output activation: its δ comes from Dense.SoftmaxCrossEntropy, not from a derivative.";

    /// <summary>Not an element-wise loss's output.</summary>
    private const string CrossEntropyOnly = "A softmax output is trained on the cross-entropy: Dense.SoftmaxCrossEntropy.";

    /// <summary>
    /// <c>a = f(Wᵀ · x + b)</c>: the sums as <see cref="Forward(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, bool)"/>,
    /// then the activation (softmax over each sample's units).
    /// </summary>
    public static void Forward(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a, int samples, Activation activation, T slope, bool deterministic = false)
    {
        Check(samples > 0, "Forward");
        int nout = b.Length;
        int nin = x.Length / samples;
        Check(w.Length == nin * nout && x.Length == samples * nin && a.Length == samples * nout, "Forward");
        CheckActivation(activation);
        Product(w, b, hasBias: true, x, a, samples, nin, nout);
        Activate(a, samples, activation, slope);
    }

    /// <summary>The forward pass keeping the pre-activations: <c>z = Wᵀ · x + b</c> into <paramref name="z"/>, then <c>a = f(z)</c>.</summary>
    public static void Forward(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> z, Span<T> a, int samples, Activation activation, T slope, bool deterministic = false)
    {
        Check(samples > 0, "Forward");
        int nout = b.Length;
        int nin = x.Length / samples;
        Check(w.Length == nin * nout && x.Length == samples * nin && z.Length == samples * nout && a.Length == z.Length, "Forward");
        CheckActivation(activation);
        Product(w, b, hasBias: true, x, z, samples, nin, nout);
        z.CopyTo(a);
        Activate(a, samples, activation, slope);
    }

    /// <summary><c>a = f(z)</c>, element by element, keeping <paramref name="z"/>.</summary>
    public static void Apply(ReadOnlySpan<T> z, Span<T> a, Activation activation, T slope, bool deterministic = false)
    {
        Check(z.Length == a.Length, "Apply");
        z.CopyTo(a);
        Apply(a, activation, slope, deterministic);
    }

    /// <summary>The activation of every element, in place; softmax takes the whole span as one sample's units.</summary>
    public static void Apply(Span<T> values, Activation activation, T slope, bool deterministic = false)
    {
        if (activation == Activation.Softmax)
        {
            if (!values.IsEmpty)
            {
                Softmax(values, 1, deterministic);
            }

            return;
        }

        Activate(values, 1, activation, slope);
    }

    /// <summary>
    /// <c>δ_k = δ_k · f'</c> in place, f' from <paramref name="a"/> (the output, or z for the activations whose derivative
    /// is written from z). Not for softmax.
    /// </summary>
    public static void MultiplyByDerivative(Span<T> delta, ReadOnlySpan<T> a, Activation activation, T slope, bool deterministic = false)
    {
        Check(delta.Length == a.Length, "MultiplyByDerivative");
        CheckBackward(activation, slope);
        Derivative(delta, a, activation, slope);
    }

    /// <summary>
    /// The logistic sigmoid of every element, in place: <c>e = exp(−|z|)</c>, then <c>1 / (1 + e)</c> for z ≥ 0 and
    /// <c>e / (1 + e)</c> otherwise.
    /// </summary>
    public static void Sigmoid(Span<T> values, bool deterministic = false) => Each<SigmoidScalar>(values, default(TOps).Of(0.0));

    /// <summary>
    /// Softmax over each of <paramref name="samples"/> rows, in place: <c>m</c> the row's largest element (in order, by
    /// <c>&gt;</c>), <c>e_j = exp(z_j − m)</c>, their sum in order from +0, then each <c>e_j</c> divided by it.
    /// </summary>
    public static void Softmax(Span<T> values, int samples, bool deterministic = false)
    {
        Check(samples > 0 && values.Length % samples == 0 && !values.IsEmpty, "Softmax");
        TOps o = default;
        int n = values.Length / samples;
        for (int s = 0; s < samples; s++)
        {
            Span<T> row = values.Slice(s * n, n);
            T sum = ExpShifted(row, row, Max(row));
            for (int j = 0; j < n; j++)
            {
                row[j] = o.Divide(row[j], sum);
            }
        }
    }

    /// <summary>The forward pass's activation of <paramref name="samples"/> samples' outputs, in place.</summary>
    private static void Activate(Span<T> a, int samples, Activation activation, T slope)
    {
        switch (activation)
        {
            case Activation.Sigmoid:
                Each<SigmoidScalar>(a, slope);
                break;
            case Activation.Tanh:
                Each<TanhScalar>(a, slope);
                break;
            case Activation.ReLU:
                Each<ReLUScalar>(a, slope);
                break;
            case Activation.LeakyReLU:
                Each<LeakyReLUScalar>(a, slope);
                break;
            case Activation.Identity:
                break;
            case Activation.Softmax:
                Softmax(a, samples);
                break;
            case Activation.GELU:
                Each<GELUScalar>(a, slope);
                break;
            case Activation.SiLU:
                Each<SiLUScalar>(a, slope);
                break;
            case Activation.ELU:
                Each<ELUScalar>(a, slope);
                break;
            default:
                throw UnknownActivation(activation);
        }
    }

    /// <summary>δ times the derivative from <paramref name="input"/>, after <see cref="CheckBackward"/>.</summary>
    private static void Derivative(Span<T> delta, ReadOnlySpan<T> input, Activation activation, T slope)
    {
        switch (activation)
        {
            case Activation.Sigmoid:
                EachBackward<SigmoidScalar>(delta, input, slope);
                break;
            case Activation.Tanh:
                EachBackward<TanhScalar>(delta, input, slope);
                break;
            case Activation.ReLU:
                EachBackward<ReLUScalar>(delta, input, slope);
                break;
            case Activation.LeakyReLU:
                EachBackward<LeakyReLUScalar>(delta, input, slope);
                break;
            case Activation.Identity:
                break;
            case Activation.GELU:
                EachBackward<GELUScalar>(delta, input, slope);
                break;
            case Activation.SiLU:
                EachBackward<SiLUScalar>(delta, input, slope);
                break;
            case Activation.ELU:
                EachBackward<ELUScalar>(delta, input, slope);
                break;
            case Activation.Softmax:
                throw new ArgumentException(NoDerivative, nameof(activation));
            default:
                throw UnknownActivation(activation);
        }
    }

    /// <summary><c>v_k = f(v_k)</c>.</summary>
    private static void Each<TActivation>(Span<T> values, T slope)
        where TActivation : struct, IScalarActivation
    {
        TActivation f = default;
        for (int k = 0; k < values.Length; k++)
        {
            values[k] = f.Apply<T, TOps>(values[k], slope);
        }
    }

    /// <summary><c>δ_k = δ_k · f'</c> from <c>input_k</c>.</summary>
    private static void EachBackward<TActivation>(Span<T> delta, ReadOnlySpan<T> input, T slope)
        where TActivation : struct, IScalarActivation
    {
        TActivation f = default;
        for (int k = 0; k < delta.Length; k++)
        {
            delta[k] = f.Backward<T, TOps>(delta[k], input[k], slope);
        }
    }

    /// <summary>An activation the kernels know.</summary>
    private static void CheckActivation(Activation activation)
    {
        if (activation is < Activation.Sigmoid or > Activation.ELU)
        {
            throw UnknownActivation(activation);
        }
    }

    /// <summary>
    /// The refusals of a derivative before anything is computed: an unknown activation, softmax (its δ comes with the
    /// loss), and LeakyReLU with a slope below 0 or NaN (its derivative is read from the sign of the output).
    /// </summary>
    private static void CheckBackward(Activation activation, T slope)
    {
        CheckActivation(activation);
        if (activation == Activation.Softmax)
        {
            throw new ArgumentException(NoDerivative, nameof(activation));
        }

        if (activation == Activation.LeakyReLU && !default(TOps).GreaterOrEqual(slope, default(TOps).Of(0.0)))
        {
            throw new ArgumentOutOfRangeException(nameof(slope), slope, "LeakyReLU's derivative is taken from its output, which needs a slope of 0 or more.");
        }
    }

    private static ArgumentOutOfRangeException UnknownActivation(Activation activation) =>
        new(nameof(activation), activation, "Not an activation the kernels know.");
}
