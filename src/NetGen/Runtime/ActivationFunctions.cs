using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// One activation for the kernels, written once over <see cref="ILanes{TV, T}"/>: the function of the
/// pre-activation <c>z</c> and the backward step that multiplies a δ by its derivative, taken from the derivative's
/// input, which the activation names (<see cref="DerivativeFromZ"/>): the output <c>a</c> for most (the forward pass
/// keeps only a for them), the pre-activation <c>z</c> for those whose derivative cannot be written from a (GELU,
/// SiLU, ELU; their layers keep z as well). The JIT compiles a copy of each kernel per activation
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
/// <c>σ(z) = 1 / (1 + e^(−z))</c> without overflow: <c>e = exp(−|z|)</c>, then <c>1 / (1 + e)</c> for z ≥ 0 and
/// <c>e / (1 + e)</c> otherwise (<see cref="Activations.Sigmoid(double)"/>'s formulas); <c>σ' = a(1 − a)</c>.
/// </summary>
internal readonly struct SigmoidFunction : IActivation
{
    public static bool UsesExp => true;

    public static bool DerivativeFromZ => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TL, T>(TV z, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV one = TL.Broadcast(T.One);
        TV e = TL.Exp(TL.Negate(TL.Abs(z)));
        return TL.Divide(TL.WhereGreaterOrEqual(z, TL.Zero, one, e), TL.Add(one, e));
    }

    /// <summary><c>δ · (a · (1 − a))</c>, rounded as <c>Dense.BackpropagateDelta</c> has always rounded it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.Multiply(delta, TL.Multiply(a, TL.Subtract(TL.Broadcast(T.One), a)));
}

/// <summary>
/// <c>tanh(z)</c> from exp (the runtime has no vector tanh, .NET 10 included). For <c>|z| &lt; 0.625</c> an odd
/// rational approximation <c>z + z·z²·P(z²)/Q(z²)</c> (the classic Cephes <c>tanh</c> coefficients in double, its
/// <c>tanhf</c> polynomial in single precision), since <c>1 − e^(−2|z|)</c> would cancel there; elsewhere
/// <c>sign(z) · (1 − 2e / (1 + e))</c>, which is <c>(1 − e) / (1 + e)</c>, with <c>e = exp(−2|z|)</c>: it cannot
/// overflow, gives ±1 for large |z|, and (the subtracted term being below ½) loses less to rounding than the
/// quotient. Measured against <c>Math.Tanh</c> over a sweep of ±20 and of tiny magnitudes (ActivationKernelTests):
/// at most 2 ulps in double, with the runtime's vector exp or <c>Math.Exp</c>, and 1 ulp in single precision.
/// <c>tanh' = 1 − a²</c>.
/// </summary>
internal readonly struct TanhFunction : IActivation
{
    /// <summary>Below this |z| the rational approximation is used.</summary>
    private const double Threshold = 0.625;

    public static bool UsesExp => true;

    public static bool DerivativeFromZ => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TL, T>(TV z, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV magnitude = TL.Abs(z);
        TV large = Large<TV, TL, T>(z, magnitude);
        return TL.WhereGreater(TL.Broadcast(T.CreateTruncating(Threshold)), magnitude, Small<TV, TL, T>(z, magnitude), large);
    }

    /// <summary><c>δ · (1 − a²)</c>, with <c>1 − a·a</c> as one multiply-add (exact near a = ±1, where tanh saturates).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.Multiply(delta, TL.MultiplyAdd(TL.Negate(a), a, TL.Broadcast(T.One)));

    /// <summary>The scalar tanh: the same two formulas as the vectors, only the one that applies evaluated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Scalar<T>(T z)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T magnitude = T.Abs(z);
        return T.CreateTruncating(Threshold) > magnitude
            ? Small<T, Scalar<T>, T>(z, magnitude)
            : Large<T, Scalar<T>, T>(z, magnitude);
    }

    /// <summary><c>z + z · s · P(s) / Q(s)</c>, <c>s = z²</c>: for |z| &lt; 0.625 (z itself at ±0, keeping the sign of −0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Small<TV, TL, T>(TV z, TV magnitude)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV s = TL.Multiply(z, z);
        TV zs = TL.Multiply(z, s);
        if (typeof(T) == typeof(double))
        {
            TV p = TL.MultiplyAdd(TL.Broadcast(T.CreateTruncating(-9.64399179425052238628E-1)), s, TL.Broadcast(T.CreateTruncating(-9.92877231001918586564E1)));
            p = TL.MultiplyAdd(p, s, TL.Broadcast(T.CreateTruncating(-1.61468768441708447952E3)));
            TV q = TL.Add(s, TL.Broadcast(T.CreateTruncating(1.12811678491632931402E2)));
            q = TL.MultiplyAdd(q, s, TL.Broadcast(T.CreateTruncating(2.23548839060100448583E3)));
            q = TL.MultiplyAdd(q, s, TL.Broadcast(T.CreateTruncating(4.84406305325125486048E3)));
            return TL.WhereGreater(magnitude, TL.Zero, TL.MultiplyAdd(zs, TL.Divide(p, q), z), z);
        }

        TV r = TL.MultiplyAdd(TL.Broadcast(T.CreateTruncating(-5.70498872745E-3)), s, TL.Broadcast(T.CreateTruncating(2.06390887954E-2)));
        r = TL.MultiplyAdd(r, s, TL.Broadcast(T.CreateTruncating(-5.37397155531E-2)));
        r = TL.MultiplyAdd(r, s, TL.Broadcast(T.CreateTruncating(1.33314422036E-1)));
        r = TL.MultiplyAdd(r, s, TL.Broadcast(T.CreateTruncating(-3.33332819422E-1)));
        return TL.WhereGreater(magnitude, TL.Zero, TL.MultiplyAdd(r, zs, z), z);
    }

    /// <summary><c>sign(z) · (1 − 2e / (1 + e))</c>, <c>e = exp(−2|z|)</c>: for |z| ≥ 0.625 (and NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Large<TV, TL, T>(TV z, TV magnitude)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV one = TL.Broadcast(T.One);
        TV e = TL.Exp(TL.Negate(TL.Add(magnitude, magnitude)));
        TV t = TL.Subtract(one, TL.Divide(TL.Add(e, e), TL.Add(one, e)));
        return TL.WhereGreater(TL.Zero, z, TL.Negate(t), t);
    }
}

/// <summary>
/// <c>max(0, z)</c>, as <c>z &lt; 0 ? 0 : z</c> so a NaN passes through as in <c>torch.relu</c>. Its derivative
/// is taken as PyTorch takes it (<c>threshold_backward</c> on the output): δ where <c>a &gt; 0</c>, 0 where
/// <c>a ≤ 0</c> (so 0 at z = 0), selected rather than multiplied.
/// </summary>
internal readonly struct ReLUFunction : IActivation
{
    public static bool UsesExp => false;

    public static bool DerivativeFromZ => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TL, T>(TV z, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.WhereGreater(TL.Zero, z, TL.Zero, z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.WhereGreaterOrEqual(TL.Zero, a, TL.Zero, delta);
}

/// <summary>
/// <c>z &gt; 0 ? z : slope · z</c> (<c>torch.nn.functional.leaky_relu</c>). PyTorch's backward,
/// <c>leaky_relu_backward</c>, is <c>z &gt; 0 ? δ : δ · slope</c>; from the output, <c>a &gt; 0</c> exactly when
/// <c>z &gt; 0</c> as long as the slope is not negative (PyTorch likewise refuses a negative slope when it
/// differentiates from the result), so this computes <c>a &gt; 0 ? δ : δ · slope</c>: at z = 0 the slope, as there.
/// </summary>
internal readonly struct LeakyReLUFunction : IActivation
{
    public static bool UsesExp => false;

    public static bool DerivativeFromZ => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TL, T>(TV z, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.WhereGreater(z, TL.Zero, z, TL.Multiply(z, slope));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.WhereGreater(a, TL.Zero, delta, TL.Multiply(delta, slope));
}

/// <summary><c>z</c> unchanged; δ unchanged.</summary>
internal readonly struct IdentityFunction : IActivation
{
    public static bool UsesExp => false;

    public static bool DerivativeFromZ => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TL, T>(TV z, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => delta;
}

/// <summary>
/// GELU in its exact form (<c>torch.nn.GELU()</c>), computed as ATen computes it: <c>(z · ½) · (1 + erf(z · √½))</c>
/// with NetGen's own erf (<see cref="ErfFunction"/>). Its derivative, from z, is ATen's <c>GeluBackward</c>:
/// <c>δ · (Φ(z) + z · φ(z))</c> with <c>Φ(z) = ½(1 + erf(z · √½))</c> and <c>φ(z) = e^(−z²/2) / √(2π)</c>.
/// For very negative z, <c>1 + erf</c> cancels as it does in PyTorch (GELU(−10) is 0 there and here).
/// </summary>
internal readonly struct GELUFunction : IActivation
{
    /// <summary>√½, <c>M_SQRT1_2</c>.</summary>
    private const double SqrtHalf = 0.70710678118654752440;

    /// <summary>1/√(2π), ATen's <c>M_2_SQRTPI * M_SQRT1_2 * 0.5</c>.</summary>
    private const double InverseSqrtTwoPi = 0.39894228040143267794;

    public static bool UsesExp => true;

    public static bool DerivativeFromZ => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TL, T>(TV z, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.Multiply(TL.Multiply(z, TL.Broadcast(T.CreateTruncating(0.5))), OnePlusErf<TV, TL, T>(z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV z = a;
        TV cdf = TL.Multiply(TL.Broadcast(T.CreateTruncating(0.5)), OnePlusErf<TV, TL, T>(z));
        TV pdf = TL.Multiply(TL.Broadcast(T.CreateTruncating(InverseSqrtTwoPi)), TL.Exp(TL.Multiply(TL.Multiply(z, z), TL.Broadcast(T.CreateTruncating(-0.5)))));
        return TL.Multiply(delta, TL.Add(cdf, TL.Multiply(z, pdf)));
    }

    /// <summary><c>1 + erf(z · √½)</c>; one value at a time (the scalar width) evaluates only erf's branch that applies.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV OnePlusErf<TV, TL, T>(TV z)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV x = TL.Multiply(z, TL.Broadcast(T.CreateTruncating(SqrtHalf)));
        TV erf = typeof(TV) == typeof(T) ? (TV)(object)ErfFunction.Scalar((T)(object)x!) : ErfFunction.Apply<TV, TL, T>(x);
        return TL.Add(TL.Broadcast(T.One), erf);
    }
}

/// <summary>
/// SiLU, <c>z · σ(z)</c> (<c>torch.nn.SiLU</c>), with the sigmoid of <see cref="SigmoidFunction"/> (no overflow). Its
/// derivative, from z, is ATen's <c>silu_backward</c>: <c>(δ · σ(z)) · (1 + z · (1 − σ(z)))</c>.
/// </summary>
internal readonly struct SiLUFunction : IActivation
{
    public static bool UsesExp => true;

    public static bool DerivativeFromZ => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TL, T>(TV z, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.Multiply(z, SigmoidFunction.Apply<TV, TL, T>(z, slope));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TV z = a;
        TV one = TL.Broadcast(T.One);
        TV s = SigmoidFunction.Apply<TV, TL, T>(z, slope);
        return TL.Multiply(TL.Multiply(delta, s), TL.MultiplyAdd(z, TL.Subtract(one, s), one));
    }
}

/// <summary>
/// ELU (<c>torch.nn.ELU(alpha)</c>): <c>z ≥ 0 ? z : α · (e^z − 1)</c>, α the <c>slope</c> argument (z itself at 0, which
/// is α(e^0 − 1) = 0 without asking a vector exp for e^0 exactly; PyTorch 1.13's kernel is this <c>exp − 1</c>). Its derivative is
/// taken from z, as ATen's <c>elu_backward</c> takes it when it is not given the result: <c>z &gt; 0 ? δ : (δ · α) · e^z</c>
/// (so <c>δ · α</c> at z = 0). A NaN passes through.
/// </summary>
internal readonly struct ELUFunction : IActivation
{
    public static bool UsesExp => true;

    public static bool DerivativeFromZ => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV, TL, T>(TV z, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.WhereGreaterOrEqual(z, TL.Zero, z, TL.Multiply(slope, TL.Subtract(TL.Exp(z), TL.Broadcast(T.One))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Backward<TV, TL, T>(TV delta, TV a, TV slope)
        where TL : struct, ILanes<TV, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TL.WhereGreater(a, TL.Zero, delta, TL.Multiply(TL.Multiply(delta, slope), TL.Exp(a)));
}
