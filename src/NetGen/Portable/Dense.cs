using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Runtime;

/// <summary>
/// The kernels generated code calls, in the .NET Standard 2.1 build (Unity, Mono), element by element: the optimizers'
/// updates and the finiteness check (<see cref="ScalarKernels"/>), and the layer kernels of loop-shaped networks
/// (<see cref="ScalarDense{T, TOps}"/>), with the .NET builds' signatures, checks and messages, and the bits the .NET
/// builds' vector kernels compute for a network declared <c>Deterministic = true</c>. This build has one exp and one
/// log, NetGen's own (<see cref="PortableMath"/>), so <c>deterministic</c> changes nothing here.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Dense
{
    /// <summary>One step of <c>torch.optim.SGD</c>; see the .NET build's Dense.Sgd.</summary>
    public static void Sgd<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> buffer, double learningRate, double momentum, bool nesterov, double weightDecay, bool firstStep)
        where T : unmanaged
    {
        Check<T>(p.Length == g.Length && (momentum == 0 || buffer.Length == p.Length), "Sgd");
        if (nesterov && momentum == 0)
        {
            throw new ArgumentException("Nesterov momentum needs a momentum.", nameof(nesterov));
        }

        if (typeof(T) == typeof(double))
        {
            ScalarKernels.Sgd<double, DoubleOps>(As<T, double>(p), As<T, double>(g), As<T, double>(buffer), learningRate, momentum, nesterov, weightDecay, firstStep);
        }
        else
        {
            ScalarKernels.Sgd<float, SingleOps>(As<T, float>(p), As<T, float>(g), As<T, float>(buffer), learningRate, momentum, nesterov, weightDecay, firstStep);
        }
    }

    /// <summary>One step of <c>torch.optim.Adam</c> or <c>AdamW</c>; see the .NET build's Dense.Adam.</summary>
    public static void Adam<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, double learningRate, double beta1, double beta2, double epsilon, double weightDecay, int step, bool decoupled, bool deterministic = false)
        where T : unmanaged
    {
        Check<T>(p.Length == g.Length && m.Length == p.Length && v.Length == p.Length && step >= 1, "Adam");
        if (typeof(T) == typeof(double))
        {
            ScalarKernels.Adam<double, DoubleOps>(As<T, double>(p), As<T, double>(g), As<T, double>(m), As<T, double>(v), learningRate, beta1, beta2, epsilon, weightDecay, step, decoupled, deterministic);
        }
        else
        {
            ScalarKernels.Adam<float, SingleOps>(As<T, float>(p), As<T, float>(g), As<T, float>(m), As<T, float>(v), learningRate, beta1, beta2, epsilon, weightDecay, step, decoupled, deterministic);
        }
    }

    /// <summary>One step of <c>torch.optim.RMSprop</c>; see the .NET build's Dense.RMSprop.</summary>
    public static void RMSprop<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> squareAverage, Span<T> buffer, double learningRate, double alpha, double epsilon, double weightDecay, double momentum)
        where T : unmanaged
    {
        Check<T>(p.Length == g.Length && squareAverage.Length == p.Length && (momentum == 0 || buffer.Length == p.Length), "RMSprop");
        if (typeof(T) == typeof(double))
        {
            ScalarKernels.RMSprop<double, DoubleOps>(As<T, double>(p), As<T, double>(g), As<T, double>(squareAverage), As<T, double>(buffer), learningRate, alpha, epsilon, weightDecay, momentum);
        }
        else
        {
            ScalarKernels.RMSprop<float, SingleOps>(As<T, float>(p), As<T, float>(g), As<T, float>(squareAverage), As<T, float>(buffer), learningRate, alpha, epsilon, weightDecay, momentum);
        }
    }

    /// <summary>One step of <c>torch.optim.Adagrad</c>; see the .NET build's Dense.Adagrad.</summary>
    public static void Adagrad<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> sum, double learningRate, double epsilon, double weightDecay)
        where T : unmanaged
    {
        Check<T>(p.Length == g.Length && sum.Length == p.Length, "Adagrad");
        if (typeof(T) == typeof(double))
        {
            ScalarKernels.Adagrad<double, DoubleOps>(As<T, double>(p), As<T, double>(g), As<T, double>(sum), learningRate, epsilon, weightDecay);
        }
        else
        {
            ScalarKernels.Adagrad<float, SingleOps>(As<T, float>(p), As<T, float>(g), As<T, float>(sum), learningRate, epsilon, weightDecay);
        }
    }

    /// <summary>True when no element is NaN or ±∞.</summary>
    public static bool AllFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        Check<T>(true, "AllFinite");
        foreach (T value in values)
        {
            if (!OptimizerStateLayout.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    private static Span<TTo> As<TFrom, TTo>(Span<TFrom> values)
        where TFrom : unmanaged
        where TTo : unmanaged => MemoryMarshal.Cast<TFrom, TTo>(values);

    private static ReadOnlySpan<TTo> As<TFrom, TTo>(ReadOnlySpan<TFrom> values)
        where TFrom : unmanaged
        where TTo : unmanaged => MemoryMarshal.Cast<TFrom, TTo>(values);

    private static void Check<T>(bool condition, string kernel)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"Dense.{kernel} computes in float or double.");
        }

        if (!condition)
        {
            throw new ArgumentException($"The spans passed to Dense.{kernel} do not fit one layer.");
        }
    }
}
