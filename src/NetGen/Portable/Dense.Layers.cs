using System;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

// The layer kernels of loop-shaped networks: each checks that T is float or double, then runs ScalarDense's copy for it,
// which checks the spans and computes. See the .NET build's Dense methods of the same names for the formulas.
public static partial class Dense
{
    /// <summary><c>a = σ(Wᵀ · x + b)</c> for <paramref name="samples"/> samples; see the .NET build's Dense.Forward.</summary>
    public static void Forward<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a, int samples, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "Forward");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.Forward(As<T, double>(w), As<T, double>(b), As<T, double>(x), As<T, double>(a), samples, deterministic);
        }
        else
        {
            ScalarDense<float, SingleOps>.Forward(As<T, float>(w), As<T, float>(b), As<T, float>(x), As<T, float>(a), samples, deterministic);
        }
    }

    /// <summary><c>a = f(Wᵀ · x + b)</c> for <paramref name="samples"/> samples; see the .NET build's Dense.Forward.</summary>
    public static void Forward<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> a, int samples, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "Forward");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.Forward(As<T, double>(w), As<T, double>(b), As<T, double>(x), As<T, double>(a), samples, activation, Same<T, double>(slope), deterministic);
        }
        else
        {
            ScalarDense<float, SingleOps>.Forward(As<T, float>(w), As<T, float>(b), As<T, float>(x), As<T, float>(a), samples, activation, Same<T, float>(slope), deterministic);
        }
    }

    /// <summary><c>z = Wᵀ · x + b</c> and <c>a = f(z)</c>, keeping z; see the .NET build's Dense.Forward.</summary>
    public static void Forward<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<T> x, Span<T> z, Span<T> a, int samples, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "Forward");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.Forward(As<T, double>(w), As<T, double>(b), As<T, double>(x), As<T, double>(z), As<T, double>(a), samples, activation, Same<T, double>(slope), deterministic);
        }
        else
        {
            ScalarDense<float, SingleOps>.Forward(As<T, float>(w), As<T, float>(b), As<T, float>(x), As<T, float>(z), As<T, float>(a), samples, activation, Same<T, float>(slope), deterministic);
        }
    }

    /// <summary><c>a = f(z)</c>, element by element, keeping z; see the .NET build's Dense.Apply.</summary>
    public static void Apply<T>(ReadOnlySpan<T> z, Span<T> a, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "Apply");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.Apply(As<T, double>(z), As<T, double>(a), activation, Same<T, double>(slope), deterministic);
        }
        else
        {
            ScalarDense<float, SingleOps>.Apply(As<T, float>(z), As<T, float>(a), activation, Same<T, float>(slope), deterministic);
        }
    }

    /// <summary>The activation of every element, in place (softmax: the span is one sample's units); see the .NET build's Dense.Apply.</summary>
    public static void Apply<T>(Span<T> values, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "Apply");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.Apply(As<T, double>(values), activation, Same<T, double>(slope), deterministic);
        }
        else
        {
            ScalarDense<float, SingleOps>.Apply(As<T, float>(values), activation, Same<T, float>(slope), deterministic);
        }
    }

    /// <summary>The logistic sigmoid of every element, in place; see the .NET build's Dense.Sigmoid.</summary>
    public static void Sigmoid<T>(Span<T> values, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "Sigmoid");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.Sigmoid(As<T, double>(values), deterministic);
        }
        else
        {
            ScalarDense<float, SingleOps>.Sigmoid(As<T, float>(values), deterministic);
        }
    }

    /// <summary>Softmax over each of <paramref name="samples"/> rows, in place; see the .NET build's Dense.Softmax.</summary>
    public static void Softmax<T>(Span<T> values, int samples, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "Softmax");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.Softmax(As<T, double>(values), samples, deterministic);
        }
        else
        {
            ScalarDense<float, SingleOps>.Softmax(As<T, float>(values), samples, deterministic);
        }
    }

    /// <summary><c>δ_k = δ_k · f'</c> in place, f' from <paramref name="a"/>; see the .NET build's Dense.MultiplyByDerivative.</summary>
    public static void MultiplyByDerivative<T>(Span<T> delta, ReadOnlySpan<T> a, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "MultiplyByDerivative");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.MultiplyByDerivative(As<T, double>(delta), As<T, double>(a), activation, Same<T, double>(slope), deterministic);
        }
        else
        {
            ScalarDense<float, SingleOps>.MultiplyByDerivative(As<T, float>(delta), As<T, float>(a), activation, Same<T, float>(slope), deterministic);
        }
    }

    /// <summary>The square loss of a batch and a sigmoid output's δ; returns the loss. See the .NET build's Dense.OutputDelta.</summary>
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> t, Span<T> delta)
        where T : unmanaged
    {
        Check<T>(true, "OutputDelta");
        return typeof(T) == typeof(double)
            ? Same<double, T>(ScalarDense<double, DoubleOps>.OutputDelta(As<T, double>(y), As<T, double>(t), As<T, double>(delta)))
            : Same<float, T>(ScalarDense<float, SingleOps>.OutputDelta(As<T, float>(y), As<T, float>(t), As<T, float>(delta)));
    }

    /// <summary>The square loss times <paramref name="scale"/> and the output δ for any output activation but softmax; see the .NET build's Dense.OutputDelta.</summary>
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "OutputDelta");
        return typeof(T) == typeof(double)
            ? Same<double, T>(ScalarDense<double, DoubleOps>.OutputDelta(As<T, double>(y), As<T, double>(t), As<T, double>(delta), Same<T, double>(scale), activation, Same<T, double>(slope), deterministic))
            : Same<float, T>(ScalarDense<float, SingleOps>.OutputDelta(As<T, float>(y), As<T, float>(t), As<T, float>(delta), Same<T, float>(scale), activation, Same<T, float>(slope), deterministic));
    }

    /// <summary>The square loss with the derivative taken from <paramref name="input"/> (z or y); see the .NET build's Dense.OutputDelta.</summary>
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> input, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "OutputDelta");
        return typeof(T) == typeof(double)
            ? Same<double, T>(ScalarDense<double, DoubleOps>.OutputDelta(As<T, double>(y), As<T, double>(input), As<T, double>(t), As<T, double>(delta), Same<T, double>(scale), activation, Same<T, double>(slope), deterministic))
            : Same<float, T>(ScalarDense<float, SingleOps>.OutputDelta(As<T, float>(y), As<T, float>(input), As<T, float>(t), As<T, float>(delta), Same<T, float>(scale), activation, Same<T, float>(slope), deterministic));
    }

    /// <summary>An element-wise loss of a batch and the output δ; see the .NET build's Dense.OutputDelta.</summary>
    /// <exception cref="ArgumentException">A cross-entropy (computed from the logits), a softmax output, or a Huber δ that is not finite and greater than 0.</exception>
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, Loss loss, T huberDelta, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "OutputDelta");
        return typeof(T) == typeof(double)
            ? Same<double, T>(ScalarDense<double, DoubleOps>.OutputDelta(As<T, double>(y), As<T, double>(t), As<T, double>(delta), Same<T, double>(scale), activation, Same<T, double>(slope), loss, Same<T, double>(huberDelta), deterministic))
            : Same<float, T>(ScalarDense<float, SingleOps>.OutputDelta(As<T, float>(y), As<T, float>(t), As<T, float>(delta), Same<T, float>(scale), activation, Same<T, float>(slope), loss, Same<T, float>(huberDelta), deterministic));
    }

    /// <summary>An element-wise loss and the output δ, the derivative taken from <paramref name="input"/>; see the .NET build's Dense.OutputDelta.</summary>
    /// <exception cref="ArgumentException">A cross-entropy (computed from the logits), a softmax output, or a Huber δ that is not finite and greater than 0.</exception>
    public static T OutputDelta<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> input, ReadOnlySpan<T> t, Span<T> delta, T scale, Activation activation, T slope, Loss loss, T huberDelta, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "OutputDelta");
        return typeof(T) == typeof(double)
            ? Same<double, T>(ScalarDense<double, DoubleOps>.OutputDelta(
                As<T, double>(y), As<T, double>(input), As<T, double>(t), As<T, double>(delta), Same<T, double>(scale), activation, Same<T, double>(slope), loss, Same<T, double>(huberDelta), deterministic))
            : Same<float, T>(ScalarDense<float, SingleOps>.OutputDelta(
                As<T, float>(y), As<T, float>(input), As<T, float>(t), As<T, float>(delta), Same<T, float>(scale), activation, Same<T, float>(slope), loss, Same<T, float>(huberDelta), deterministic));
    }

    /// <summary>Softmax and cross-entropy from the logits of <paramref name="samples"/> samples; see the .NET build's Dense.SoftmaxCrossEntropy.</summary>
    public static T SoftmaxCrossEntropy<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> t, Span<T> probabilities, Span<T> delta, int samples, T scale, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "SoftmaxCrossEntropy");
        return typeof(T) == typeof(double)
            ? Same<double, T>(ScalarDense<double, DoubleOps>.SoftmaxCrossEntropy(As<T, double>(z), As<T, double>(t), As<T, double>(probabilities), As<T, double>(delta), samples, Same<T, double>(scale), deterministic))
            : Same<float, T>(ScalarDense<float, SingleOps>.SoftmaxCrossEntropy(As<T, float>(z), As<T, float>(t), As<T, float>(probabilities), As<T, float>(delta), samples, Same<T, float>(scale), deterministic));
    }

    /// <summary>Binary cross-entropy from the logits; see the .NET build's Dense.BinaryCrossEntropy.</summary>
    public static T BinaryCrossEntropy<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> t, Span<T> delta, T scale, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "BinaryCrossEntropy");
        return typeof(T) == typeof(double)
            ? Same<double, T>(ScalarDense<double, DoubleOps>.BinaryCrossEntropy(As<T, double>(z), As<T, double>(t), As<T, double>(delta), Same<T, double>(scale), deterministic))
            : Same<float, T>(ScalarDense<float, SingleOps>.BinaryCrossEntropy(As<T, float>(z), As<T, float>(t), As<T, float>(delta), Same<T, float>(scale), deterministic));
    }

    /// <summary>A batch's contribution to a layer's gradient; see the .NET build's Dense.AccumulateGradients.</summary>
    public static void AccumulateGradients<T>(Span<T> gw, Span<T> gb, ReadOnlySpan<T> x, ReadOnlySpan<T> delta, int samples, bool accumulate = true)
        where T : unmanaged
    {
        Check<T>(true, "AccumulateGradients");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.AccumulateGradients(As<T, double>(gw), As<T, double>(gb), As<T, double>(x), As<T, double>(delta), samples, accumulate);
        }
        else
        {
            ScalarDense<float, SingleOps>.AccumulateGradients(As<T, float>(gw), As<T, float>(gb), As<T, float>(x), As<T, float>(delta), samples, accumulate);
        }
    }

    /// <summary><c>wt = Wᵀ</c>; see the .NET build's Dense.Transpose.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> w, Span<T> wt, int inputs)
        where T : unmanaged
    {
        Check<T>(true, "Transpose");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.Transpose(As<T, double>(w), As<T, double>(wt), inputs);
        }
        else
        {
            ScalarDense<float, SingleOps>.Transpose(As<T, float>(w), As<T, float>(wt), inputs);
        }
    }

    /// <summary>The δ of the layer below a sigmoid layer, along W's rows; see the .NET build's Dense.BackpropagateDelta.</summary>
    public static void BackpropagateDelta<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
        where T : unmanaged
    {
        Check<T>(true, "BackpropagateDelta");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.BackpropagateDelta(As<T, double>(w), As<T, double>(delta), As<T, double>(a), As<T, double>(deltaBelow), samples);
        }
        else
        {
            ScalarDense<float, SingleOps>.BackpropagateDelta(As<T, float>(w), As<T, float>(delta), As<T, float>(a), As<T, float>(deltaBelow), samples);
        }
    }

    /// <summary>The δ of the layer below with any activation, along W's rows; see the .NET build's Dense.BackpropagateDelta.</summary>
    public static void BackpropagateDelta<T>(ReadOnlySpan<T> w, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "BackpropagateDelta");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.BackpropagateDelta(As<T, double>(w), As<T, double>(delta), As<T, double>(a), As<T, double>(deltaBelow), samples, activation, Same<T, double>(slope), deterministic);
        }
        else
        {
            ScalarDense<float, SingleOps>.BackpropagateDelta(As<T, float>(w), As<T, float>(delta), As<T, float>(a), As<T, float>(deltaBelow), samples, activation, Same<T, float>(slope), deterministic);
        }
    }

    /// <summary>The δ of the layer below a sigmoid layer, from Wᵀ; see the .NET build's Dense.BackpropagateDeltaTransposed.</summary>
    public static void BackpropagateDeltaTransposed<T>(ReadOnlySpan<T> wt, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples)
        where T : unmanaged
    {
        Check<T>(true, "BackpropagateDeltaTransposed");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.BackpropagateDeltaTransposed(As<T, double>(wt), As<T, double>(delta), As<T, double>(a), As<T, double>(deltaBelow), samples);
        }
        else
        {
            ScalarDense<float, SingleOps>.BackpropagateDeltaTransposed(As<T, float>(wt), As<T, float>(delta), As<T, float>(a), As<T, float>(deltaBelow), samples);
        }
    }

    /// <summary>The δ of the layer below with any activation, from Wᵀ; see the .NET build's Dense.BackpropagateDeltaTransposed.</summary>
    public static void BackpropagateDeltaTransposed<T>(ReadOnlySpan<T> wt, ReadOnlySpan<T> delta, ReadOnlySpan<T> a, Span<T> deltaBelow, int samples, Activation activation, T slope, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(true, "BackpropagateDeltaTransposed");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.BackpropagateDeltaTransposed(As<T, double>(wt), As<T, double>(delta), As<T, double>(a), As<T, double>(deltaBelow), samples, activation, Same<T, double>(slope), deterministic);
        }
        else
        {
            ScalarDense<float, SingleOps>.BackpropagateDeltaTransposed(As<T, float>(wt), As<T, float>(delta), As<T, float>(a), As<T, float>(deltaBelow), samples, activation, Same<T, float>(slope), deterministic);
        }
    }

    /// <summary>Gradient descent on a parameter block, <c>p -= rate · g</c>; see the .NET build's Dense.Descend.</summary>
    public static void Descend<T>(Span<T> p, ReadOnlySpan<T> g, T rate)
        where T : unmanaged
    {
        Check<T>(true, "Descend");
        if (typeof(T) == typeof(double))
        {
            ScalarDense<double, DoubleOps>.Descend(As<T, double>(p), As<T, double>(g), Same<T, double>(rate));
        }
        else
        {
            ScalarDense<float, SingleOps>.Descend(As<T, float>(p), As<T, float>(g), Same<T, float>(rate));
        }
    }

    /// <summary>
    /// A scalar as the type it is (T as double or float, a result back as T): a reinterpretation of the same bits, with no
    /// boxing, after <c>typeof(T)</c> has said which type T is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo Same<TFrom, TTo>(TFrom value)
        where TFrom : unmanaged
        where TTo : unmanaged => Unsafe.As<TFrom, TTo>(ref value);
}
