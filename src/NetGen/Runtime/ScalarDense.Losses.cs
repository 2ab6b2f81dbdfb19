using System;

namespace NetGen.Runtime;

/// <summary>
/// One element-wise loss for <see cref="ScalarDense{T, TOps}"/>, one value at a time: the operations of its
/// <c>IElementwiseLoss</c> (LossFunctions.cs) on a lane of <c>PortableLanes</c>. A struct type argument, as the activations are.
/// </summary>
internal interface IScalarLoss
{
    /// <summary>ℓ(e) for the error <c>e = y − t</c>; <paramref name="p"/> is the loss's parameter (Huber's δ).</summary>
    T Term<T, TOps>(T e, T p)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>;

    /// <summary>∂ℓ/∂y at the error <paramref name="e"/>.</summary>
    T Gradient<T, TOps>(T e, T p)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>;
}

/// <summary><c>½ e²</c>, gradient e.</summary>
internal readonly struct SquareErrorScalar : IScalarLoss
{
    public T Term<T, TOps>(T e, T p)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        return o.Multiply(o.Of(0.5), o.Multiply(e, e));
    }

    public T Gradient<T, TOps>(T e, T p)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => e;
}

/// <summary><c>e²</c>, gradient <c>e + e</c>.</summary>
internal readonly struct MeanSquaredErrorScalar : IScalarLoss
{
    public T Term<T, TOps>(T e, T p)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).Multiply(e, e);

    public T Gradient<T, TOps>(T e, T p)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).Add(e, e);
}

/// <summary><c>|e|</c>, gradient the sign of e (0 at 0 and for NaN).</summary>
internal readonly struct AbsoluteErrorScalar : IScalarLoss
{
    public T Term<T, TOps>(T e, T p)
        where T : unmanaged
        where TOps : struct, IScalarOps<T> => default(TOps).Abs(e);

    public T Gradient<T, TOps>(T e, T p)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        T zero = o.Of(0.0);
        return o.Greater(e, zero) ? o.Of(1.0) : o.Greater(zero, e) ? o.Of(-1.0) : zero;
    }
}

/// <summary>
/// <c>½ a²</c> for <c>a = |e| &lt; δ</c>, else <c>δ (a − ½ δ)</c>; gradient e clamped to [−δ, δ] (−δ as δ · −1, NaN kept).
/// </summary>
internal readonly struct HuberErrorScalar : IScalarLoss
{
    public T Term<T, TOps>(T e, T p)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        T half = o.Of(0.5);
        T a = o.Abs(e);
        return o.Greater(p, a) ? o.Multiply(half, o.Multiply(a, a)) : o.Multiply(p, o.Subtract(a, o.Multiply(half, p)));
    }

    public T Gradient<T, TOps>(T e, T p)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        T minus = o.Multiply(p, o.Of(-1.0));
        return o.GreaterOrEqual(e, p) ? p : o.GreaterOrEqual(minus, e) ? minus : e;
    }
}

// The losses: Dense.Losses.cs, one value at a time. The sums run in order of the elements there too; the element-wise
// parts (exp, δ) are the vector kernels' lanes.
internal static partial class ScalarDense<T, TOps>
{
    /// <summary>
    /// The square loss and the output δ of a sigmoid output: <c>e = y − t</c>, <c>L = Σ ½ e²</c> in order,
    /// <c>δ = e · (y(1 − y))</c>. Returns L.
    /// </summary>
    public static T OutputDelta(ReadOnlySpan<T> y, ReadOnlySpan<T> t, Span<T> delta)
    {
        Check(y.Length == t.Length && delta.Length == y.Length, "OutputDelta");
        TOps o = default;
        T half = o.Of(0.5);
        T one = o.Of(1.0);
        T loss = o.Of(0.0);
        for (int k = 0; k < y.Length; k++)
        {
            T e = o.Subtract(y[k], t[k]);
            loss = o.Add(loss, o.Multiply(half, o.Multiply(e, e)));
            delta[k] = o.Multiply(e, o.Multiply(y[k], o.Subtract(one, y[k])));
        }

        return loss;
    }

    /// <summary>The square loss <c>scale · Σ ½ e²</c> and <c>δ = f'(y) · (scale · e)</c> for any output activation but softmax.</summary>
    public static T OutputDelta(ReadOnlySpan<T> y, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, bool deterministic = false) =>
        OutputDelta<SquareErrorScalar>(y, y, t, delta, scale, activation, slope, default(TOps).Of(1.0));

    /// <summary>The square loss with the derivative taken from <paramref name="input"/> (z for GELU, SiLU and ELU, y for the others).</summary>
    public static T OutputDelta(ReadOnlySpan<T> y, ReadOnlySpan<T> input, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, bool deterministic = false) =>
        OutputDelta<SquareErrorScalar>(y, input, t, delta, scale, activation, slope, default(TOps).Of(1.0));

    /// <summary>An element-wise loss (square, mean squared error, L1, Huber with δ <paramref name="huberDelta"/>) and the output δ.</summary>
    public static T OutputDelta(ReadOnlySpan<T> y, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, Loss loss, T huberDelta, bool deterministic = false) =>
        OutputDelta(y, y, t, delta, scale, activation, slope, loss, huberDelta, deterministic);

    /// <summary>An element-wise loss and the output δ, the derivative taken from <paramref name="input"/>.</summary>
    public static T OutputDelta(ReadOnlySpan<T> y, ReadOnlySpan<T> input, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, Loss loss, T huberDelta, bool deterministic = false)
    {
        TOps o = default;
        if (loss == Loss.Huber && !(o.Greater(huberDelta, o.Of(0.0)) && o.IsFinite(huberDelta)))
        {
            throw new ArgumentException("The Huber loss's delta must be finite and greater than 0.", nameof(huberDelta));
        }

        return loss switch
        {
            Loss.Square => OutputDelta<SquareErrorScalar>(y, input, t, delta, scale, activation, slope, huberDelta),
            Loss.MeanSquaredError => OutputDelta<MeanSquaredErrorScalar>(y, input, t, delta, scale, activation, slope, huberDelta),
            Loss.L1 => OutputDelta<AbsoluteErrorScalar>(y, input, t, delta, scale, activation, slope, huberDelta),
            Loss.Huber => OutputDelta<HuberErrorScalar>(y, input, t, delta, scale, activation, slope, huberDelta),
            Loss.CrossEntropy or Loss.BinaryCrossEntropy => throw new ArgumentException(
                $"Loss.{loss} is computed from the logits: Dense.SoftmaxCrossEntropy or Dense.BinaryCrossEntropy.", nameof(loss)),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
        };
    }

    /// <summary>
    /// Softmax and cross-entropy from the logits of <paramref name="samples"/> samples. Per sample: <c>m = max_j z_j</c>,
    /// <c>e_j = exp(z_j − m)</c>, <c>S = Σ_j e_j</c>, <c>lse = log S</c>, loss <c>−Σ_j t_j · ((z_j − m) − lse)</c> (each term
    /// one multiply-add), <c>p_j = e_j / S</c>, <c>δ_j = scale · (p_j · Σ_k t_k − t_j)</c> (one multiply-add, −t_j as
    /// t_j · −1). Writes the probabilities unless <paramref name="probabilities"/> is empty; returns <c>scale · Σ loss</c>.
    /// </summary>
    public static T SoftmaxCrossEntropy(ReadOnlySpan<T> z, ReadOnlySpan<T> t, Span<T> probabilities, Span<T> delta, int samples, T scale, bool deterministic = false)
    {
        Check(samples > 0 && z.Length % samples == 0 && z.Length > 0, "SoftmaxCrossEntropy");
        Check(t.Length == z.Length && delta.Length == z.Length && (probabilities.IsEmpty || probabilities.Length == z.Length), "SoftmaxCrossEntropy");
        TOps o = default;
        int n = z.Length / samples;
        T minusOne = o.Of(-1.0);

        // Without a span for them, the probabilities pass through δ, which the same loop then overwrites.
        Span<T> p = probabilities.IsEmpty ? delta : probabilities;
        T total = o.Of(0.0);
        for (int s = 0; s < samples; s++)
        {
            int start = s * n;
            ReadOnlySpan<T> zs = z.Slice(start, n);
            ReadOnlySpan<T> ts = t.Slice(start, n);
            Span<T> ps = p.Slice(start, n);
            Span<T> ds = delta.Slice(start, n);
            T m = Max(zs);
            T sum = ExpShifted(zs, ps, m);
            T lse = o.Log(sum);
            T dot = o.Of(0.0);
            T mass = o.Of(0.0);
            for (int j = 0; j < n; j++)
            {
                dot = o.MulAdd(ts[j], o.Subtract(o.Subtract(zs[j], m), lse), dot);
                mass = o.Add(mass, ts[j]);
            }

            total = o.Subtract(total, dot);
            for (int j = 0; j < n; j++)
            {
                T pj = o.Divide(ps[j], sum);
                ps[j] = pj;
                ds[j] = o.Multiply(scale, o.MulAdd(pj, mass, o.Multiply(ts[j], minusOne)));
            }
        }

        return o.Multiply(scale, total);
    }

    /// <summary>
    /// Binary cross-entropy from the logits against targets in [0, 1]: <c>e = exp(−|z|)</c> into δ, then the loss
    /// <c>Σ (−z · t + max(z, 0)) + log(1 + e)</c> in order (the first part one multiply-add), then
    /// <c>δ = scale · (σ − t)</c> with <c>σ = 1 / (1 + e)</c> for z ≥ 0 and <c>e / (1 + e)</c> otherwise. Returns
    /// <c>scale · Σ loss</c>.
    /// </summary>
    public static T BinaryCrossEntropy(ReadOnlySpan<T> z, ReadOnlySpan<T> t, Span<T> delta, T scale, bool deterministic = false)
    {
        Check(t.Length == z.Length && delta.Length == z.Length, "BinaryCrossEntropy");
        TOps o = default;
        T zero = o.Of(0.0);
        T one = o.Of(1.0);
        T minusOne = o.Of(-1.0);
        for (int k = 0; k < z.Length; k++)
        {
            delta[k] = o.Exp(o.Multiply(o.Abs(z[k]), minusOne));
        }

        T loss = zero;
        for (int k = 0; k < z.Length; k++)
        {
            T zk = z[k];
            T positive = o.Greater(zk, zero) ? zk : zero;
            loss = o.Add(loss, o.Add(o.MulAdd(o.Negate(zk), t[k], positive), o.Log(o.Add(one, delta[k]))));
        }

        for (int k = 0; k < z.Length; k++)
        {
            T e = delta[k];
            T sigma = o.Divide(o.GreaterOrEqual(z[k], zero) ? one : e, o.Add(one, e));
            delta[k] = o.Multiply(scale, o.Subtract(sigma, t[k]));
        }

        return o.Multiply(scale, loss);
    }

    /// <summary>
    /// The element-wise loss <typeparamref name="TLoss"/> and the output δ: <c>δ_k = f'(input_k) · (scale · ∂ℓ/∂y(y_k − t_k))</c>
    /// for every element first, then <c>scale · Σ ℓ(y_k − t_k)</c>, summed in order.
    /// </summary>
    private static T OutputDelta<TLoss>(ReadOnlySpan<T> y, ReadOnlySpan<T> input, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, T parameter)
        where TLoss : struct, IScalarLoss
    {
        Check(y.Length == t.Length && delta.Length == y.Length && input.Length == y.Length, "OutputDelta");
        switch (activation)
        {
            case Activation.Sigmoid:
                LossDelta<TLoss, SigmoidScalar>(y, input, t, delta, scale, slope, parameter);
                break;
            case Activation.Tanh:
                LossDelta<TLoss, TanhScalar>(y, input, t, delta, scale, slope, parameter);
                break;
            case Activation.ReLU:
                LossDelta<TLoss, ReLUScalar>(y, input, t, delta, scale, slope, parameter);
                break;
            case Activation.LeakyReLU:
                CheckBackward(activation, slope);
                LossDelta<TLoss, LeakyReLUScalar>(y, input, t, delta, scale, slope, parameter);
                break;
            case Activation.Identity:
                LossDelta<TLoss, IdentityScalar>(y, input, t, delta, scale, slope, parameter);
                break;
            case Activation.Softmax:
                throw new ArgumentException(CrossEntropyOnly, nameof(activation));
            case Activation.GELU:
                LossDelta<TLoss, GELUScalar>(y, input, t, delta, scale, slope, parameter);
                break;
            case Activation.SiLU:
                LossDelta<TLoss, SiLUScalar>(y, input, t, delta, scale, slope, parameter);
                break;
            case Activation.ELU:
                LossDelta<TLoss, ELUScalar>(y, input, t, delta, scale, slope, parameter);
                break;
            default:
                throw UnknownActivation(activation);
        }

        TOps o = default;
        TLoss l = default;
        T sum = o.Of(0.0);
        for (int k = 0; k < y.Length; k++)
        {
            sum = o.Add(sum, l.Term<T, TOps>(o.Subtract(y[k], t[k]), parameter));
        }

        return o.Multiply(scale, sum);
    }

    /// <summary><c>δ_k = f'(input_k) · (scale · ∂ℓ/∂y(y_k − t_k))</c> for every element.</summary>
    private static void LossDelta<TLoss, TActivation>(ReadOnlySpan<T> y, ReadOnlySpan<T> input, ReadOnlySpan<T> t, Span<T> delta, T scale, T slope, T parameter)
        where TLoss : struct, IScalarLoss
        where TActivation : struct, IScalarActivation
    {
        TOps o = default;
        TLoss l = default;
        TActivation f = default;
        for (int k = 0; k < y.Length; k++)
        {
            T e = o.Multiply(scale, l.Gradient<T, TOps>(o.Subtract(y[k], t[k]), parameter));
            delta[k] = f.Backward<T, TOps>(e, input[k], slope);
        }
    }

    /// <summary>The largest element, in order by <c>&gt;</c> (a NaN later in the row is passed over here and reaches the result through exp).</summary>
    private static T Max(ReadOnlySpan<T> row)
    {
        TOps o = default;
        T m = row[0];
        for (int j = 1; j < row.Length; j++)
        {
            if (o.Greater(row[j], m))
            {
                m = row[j];
            }
        }

        return m;
    }

    /// <summary><c>e_j = exp(z_j − m)</c> into <paramref name="e"/>; returns <c>Σ_j e_j</c>, summed in order from +0.</summary>
    private static T ExpShifted(ReadOnlySpan<T> z, Span<T> e, T m)
    {
        TOps o = default;
        for (int j = 0; j < z.Length; j++)
        {
            e[j] = o.Exp(o.Subtract(z[j], m));
        }

        T sum = o.Of(0.0);
        for (int j = 0; j < e.Length; j++)
        {
            sum = o.Add(sum, e[j]);
        }

        return sum;
    }
}
