using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <remarks>
/// <para>
/// Activations: each entry point takes an <see cref="Activation"/> and finds it once per call in
/// <see cref="ActivationRegistry"/>, whose switch, the one list of activations, calls the activation's home
/// (<see cref="IActivationHome"/>, in <c>src/NetGen/Activations/</c>) with a visitor of this class: the home runs its
/// copy of the kernel compiled for its arithmetic (a struct type argument, <see cref="IActivation"/>), so the loops
/// over the elements hold no test of which activation it is and the activation's arithmetic is inlined into them. A
/// switch picks the copy rather than a table of objects or delegates, since it costs no more than the switch on the
/// activation that the entry points held before; this class holds no list of activations of its own. One method per
/// activation (ForwardTanh, ...) would give the same loops, but multiply the entry points by the activations at every
/// layer kernel; an activation as a generic argument of a public method would expose the internal interface.
/// <c>slope</c> is the activation's parameter: LeakyReLU's negative slope (it must not be negative) or ELU's α; the
/// other activations ignore it. The layers of an activation whose home takes the derivative from z, not a, keep z
/// (<see cref="Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, Span{T}, int, Activation, T, bool)"/>)
/// and pass it where the backward kernels take the derivative's input.
/// </para>
/// <para>
/// <see cref="Activation.Sigmoid"/> runs through <see cref="Sigmoid{T}(Span{T}, bool)"/> as it always has, so that
/// <c>Forward(…, Activation.Sigmoid, …)</c> gives <see cref="Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, bool)"/>'s bits.
/// </para>
/// </remarks>
public static partial class Dense
{
    /// <summary>
    /// <c>a = f(Wᵀ · x + b)</c> for <paramref name="samples"/> samples, the sums as in
    /// <see cref="Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, bool)"/>, then the activation
    /// (<see cref="Apply{T}(Span{T}, Activation, T, bool)"/>; <see cref="Activation.Softmax"/> over each sample's units).
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a, int samples, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(samples > 0, "Forward");
        int nout = b.Length;
        int nin = x.Length / samples;
        Check<T>(w.Length == nin * nout && x.Length == samples * nin && a.Length == samples * nout, "Forward");
        CheckActivation(activation);
        Product(w, b, hasBias: true, x, a, samples, nin, nout);
        Activate(a, samples, activation, slope, deterministic);
    }

    /// <summary>
    /// <see cref="Forward{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int, Activation, T, bool)"/> that also
    /// keeps the pre-activations: <c>z = Wᵀ · x + b</c> into <paramref name="z"/>, then <c>a = f(z)</c> into
    /// <paramref name="a"/> (<see cref="Apply{T}(ReadOnlySpan{T}, Span{T}, Activation, T, bool)"/>), the same bits as the
    /// in-place form. For the layers whose activation's derivative is taken from z.
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> z, Span<T> a, int samples, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(samples > 0, "Forward");
        int nout = b.Length;
        int nin = x.Length / samples;
        Check<T>(w.Length == nin * nout && x.Length == samples * nin && z.Length == samples * nout && a.Length == z.Length, "Forward");
        CheckActivation(activation);
        Product(w, b, hasBias: true, x, z, samples, nin, nout);
        z.CopyTo(a);
        Activate(a, samples, activation, slope, deterministic);
    }

    /// <summary>
    /// <c>a = f(z)</c>, element by element, keeping <paramref name="z"/>: <paramref name="z"/> copied to
    /// <paramref name="a"/>, then <see cref="Apply{T}(Span{T}, Activation, T, bool)"/> in place (the same bits).
    /// </summary>
    public static void Apply<T>(ReadOnlySpan<T> z, Span<T> a, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(z.Length == a.Length, "Apply");
        z.CopyTo(a);
        Apply(a, activation, slope, deterministic);
    }

    /// <summary>
    /// The activation of every element, in place: <see cref="Activation.Sigmoid"/> as <see cref="Sigmoid{T}(Span{T}, bool)"/>,
    /// <see cref="Activation.Tanh"/> as <see cref="VectorActivationsOf{TExp}.Tanh(double)"/> lane by lane (through the vector
    /// exp in the net10.0 build, <c>Math.Exp</c> in the net8.0 build), <see cref="Activation.ReLU"/>,
    /// <see cref="Activation.LeakyReLU"/> (with <paramref name="slope"/>) and <see cref="Activation.Identity"/> exactly;
    /// <see cref="Activation.Softmax"/> takes the whole span as one sample's units.
    /// </summary>
    public static void Apply<T>(Span<T> values, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(true, "Apply");
        var o = new Operands<T> { A = ref MemoryMarshal.GetReference(values), S0 = slope, Length = values.Length, Deterministic = deterministic };
        ActivationRegistry.Visit<ApplyVisit, bool, T>(activation, ref o);
    }

    /// <summary>
    /// <c>δ_k = δ_k · f'(z_k)</c> in place, the derivative taken from its input <paramref name="a"/>: the output
    /// <c>a_k = f(z_k)</c>, or the pre-activation <c>z_k</c> itself for the activations whose layers keep z: the backward
    /// step of one layer for straight-line code (see <see cref="VectorActivations"/> for the formulas). Not for
    /// <see cref="Activation.Softmax"/>, whose δ comes with the loss (<see cref="SoftmaxCrossEntropy{T}"/>).
    /// </summary>
    public static void MultiplyByDerivative<T>(Span<T> delta, ReadOnlySpan<T> a, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Check<T>(delta.Length == a.Length, "MultiplyByDerivative");
        CheckBackward(activation, slope);
        Derivative(ref MemoryMarshal.GetReference(delta), ref MemoryMarshal.GetReference(a), delta.Length, activation, slope, deterministic);
    }

    /// <summary>
    /// <see cref="BackpropagateDelta{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int)"/> for a layer
    /// below with any activation: <c>δ_below,i = (Σ_j W[i, j] · δ_j) · f'(z_i)</c>, f' from the output a of the layer below
    /// (from its pre-activations z where its home takes the derivative from z: pass z as <paramref name="a"/>).
    /// </summary>
    public static void BackpropagateDelta<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckBackward(activation, slope);
        SumsAlongRows(w, delta, a, deltaBelow, samples);
        Derivative(ref MemoryMarshal.GetReference(deltaBelow), ref MemoryMarshal.GetReference(a), a.Length, activation, slope, deterministic);
    }

    /// <summary>
    /// <see cref="BackpropagateDeltaTransposed{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T}, int)"/>
    /// for a layer below with any activation (f' as in <see cref="MultiplyByDerivative{T}"/>).
    /// </summary>
    public static void BackpropagateDeltaTransposed<T>(ReadOnlySpan<T> wt, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckBackward(activation, slope);
        SumsThroughTransposed(wt, delta, a, deltaBelow, samples);
        Derivative(ref MemoryMarshal.GetReference(deltaBelow), ref MemoryMarshal.GetReference(a), a.Length, activation, slope, deterministic);
    }

    /// <summary>One activation over a span, in place, at every width: an element-wise activation's forward pass.</summary>
    internal static void RunActivation<TActivation, T>(Span<T> values, T slope, bool deterministic)
        where TActivation : struct, IActivation
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var o = new Operands<T> { A = ref MemoryMarshal.GetReference(values), S0 = slope, Length = values.Length, Deterministic = deterministic };
        Run<ActivationKernel<TActivation>, T>(ref o);
    }

    /// <summary>δ times an element-wise activation's derivative (<see cref="DerivativeKernel{TActivation}"/>'s operands).</summary>
    internal static void RunDerivative<TActivation, T>(ref Operands<T> o)
        where TActivation : struct, IActivation
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Run<DerivativeKernel<TActivation>, T>(ref o);

    /// <summary>The forward pass's activation of <paramref name="samples"/> samples' outputs, in place, by the activation's home.</summary>
    private static void Activate<T>(Span<T> a, int samples, Activation activation, T slope, bool deterministic)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var o = new Operands<T> { A = ref MemoryMarshal.GetReference(a), S0 = slope, Length = a.Length, Samples = samples, Deterministic = deterministic };
        ActivationRegistry.Visit<ForwardVisit, bool, T>(activation, ref o);
    }

    /// <summary>δ times the derivative, by the activation's home.</summary>
    private static void Derivative<T>(ref T delta, ref T a, int length, Activation activation, T slope, bool deterministic)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var o = new Operands<T> { A = ref delta, B = ref a, S0 = slope, Length = length, Deterministic = deterministic };
        ActivationRegistry.Visit<DerivativeVisit, bool, T>(activation, ref o);
    }

    /// <summary>An activation the kernels know: one with a home in <see cref="ActivationRegistry"/>.</summary>
    private static void CheckActivation(Activation activation)
    {
        if (!ActivationRegistry.IsKnown(activation))
        {
            throw UnknownActivation(activation);
        }
    }

    /// <summary>
    /// A derivative needs an activation the kernels know and one that has a derivative with this slope
    /// (<see cref="IActivationHome.CheckBackward"/>: not softmax, and for LeakyReLU a slope that is not negative).
    /// </summary>
    private static void CheckBackward<T>(Activation activation, T slope)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var o = new Operands<T> { S0 = slope };
        ActivationRegistry.Visit<BackwardCheckVisit, bool, T>(activation, ref o);
    }

    private static ArgumentOutOfRangeException UnknownActivation(Activation activation) =>
        new(nameof(activation), activation, "Not an activation the kernels know.");

    /// <summary><c>A_k = f(A_k)</c>; S0 the slope.</summary>
    private readonly struct ActivationKernel<TActivation> : IKernel
        where TActivation : struct, IActivation
    {
        public static bool UsesExp => TActivation.UsesExp;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T v = ref o.A;
            TV slope = TL.Broadcast(o.S0);
            for (; k + vl <= n; k += vl)
            {
                TL.Store(TActivation.Apply<TV, TL, T>(TL.Load(ref v, k), slope), ref v, k);
            }

            return k;
        }
    }

    /// <summary><c>A_k = A_k · f'</c> from <c>B_k</c>, the derivative's input (A the δ, B the output a, or z); S0 the slope.</summary>
    private readonly struct DerivativeKernel<TActivation> : IKernel
        where TActivation : struct, IActivation
    {
        public static bool UsesExp => TActivation.DerivativeFromZ && TActivation.UsesExp;

        public static int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int vl = TL.Count;
            int n = o.Length;
            ref T d = ref o.A;
            ref T a = ref o.B;
            TV slope = TL.Broadcast(o.S0);
            for (; k + vl <= n; k += vl)
            {
                TL.Store(TActivation.Backward<TV, TL, T>(TL.Load(ref d, k), TL.Load(ref a, k), slope), ref d, k);
            }

            return k;
        }
    }

    /// <summary><see cref="Apply{T}(Span{T}, Activation, T, bool)"/>: the home's activation of A's elements in place, S0 the slope.</summary>
    private readonly struct ApplyVisit : IActivationVisitor<bool>
    {
        public static bool Visit<THome, T>(ref Operands<T> o)
            where THome : struct, IActivationHome
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            THome.Apply(MemoryMarshal.CreateSpan(ref o.A, o.Length), o.S0, o.Deterministic);
            return true;
        }

        public static bool Unknown(Activation kind) => throw UnknownActivation(kind);
    }

    /// <summary>The forward pass's activation: the home's of A's elements in place, the outputs of <c>Samples</c> samples, S0 the slope.</summary>
    private readonly struct ForwardVisit : IActivationVisitor<bool>
    {
        public static bool Visit<THome, T>(ref Operands<T> o)
            where THome : struct, IActivationHome
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            THome.Forward(MemoryMarshal.CreateSpan(ref o.A, o.Length), o.Samples, o.S0, o.Deterministic);
            return true;
        }

        public static bool Unknown(Activation kind) => throw UnknownActivation(kind);
    }

    /// <summary>The home's refusals of a derivative with the slope S0.</summary>
    private readonly struct BackwardCheckVisit : IActivationVisitor<bool>
    {
        public static bool Visit<THome, T>(ref Operands<T> o)
            where THome : struct, IActivationHome
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            THome.CheckBackward(o.S0);
            return true;
        }

        public static bool Unknown(Activation kind) => throw UnknownActivation(kind);
    }

    /// <summary>The home's δ times its derivative (<see cref="IActivationHome.MultiplyByDerivative"/>).</summary>
    private readonly struct DerivativeVisit : IActivationVisitor<bool>
    {
        public static bool Visit<THome, T>(ref Operands<T> o)
            where THome : struct, IActivationHome
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            THome.MultiplyByDerivative(ref o);
            return true;
        }

        public static bool Unknown(Activation kind) => throw UnknownActivation(kind);
    }
}
