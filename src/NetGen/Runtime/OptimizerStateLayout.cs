using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// The flattened optimizer state of a savable network, shared by generated code, the reference network and the
/// network file reader so that all three lay it out and check it alike: the step count as two whole
/// numbers below 2^24 (low part first), then the optimizer's buffers (<see cref="OptimizerRule.Buffers"/>), P values each,
/// then, for a network with dropout, the position of its masks' stream (<see cref="Dropout"/>, four values).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OptimizerStateLayout
{
    /// <summary>The number of values that hold the step count.</summary>
    public const int StepCountLength = 2;

    /// <summary>The base of the step count's two parts: <c>t = state[0] + state[1] · 2^24</c>.</summary>
    public const int StepCountRadix = 1 << 24;

    /// <summary>The state's length for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="momentum">The momentum factor (an optimizer that reads it keeps a buffer when it is not 0; see <see cref="OptimizerRule.BuffersFor"/>).</param>
    /// <param name="parameterCount">The number of parameters P.</param>
    /// <param name="dropout">Whether the network drops out hidden units in training (its stream's position is saved too).</param>
    /// <returns>2 + P times the number of the optimizer's buffers, + 4 with dropout.</returns>
    public static int Length(Optimizer optimizer, double momentum, int parameterCount, bool dropout = false) =>
        checked(StepCountLength + (OptimizerRule.For(optimizer).BuffersFor(momentum).Count * parameterCount) + (dropout ? Dropout.StateLength : 0));

    /// <summary>Writes the step count <paramref name="steps"/> into the state's first two values.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="state">The state, at least 2 values.</param>
    /// <param name="steps">The number of steps taken, at least 0.</param>
    public static void WriteStepCount<T>(Span<T> state, int steps)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        state[0] = FromDouble<T>(steps % StepCountRadix);
        state[1] = FromDouble<T>(steps / StepCountRadix);
    }

    /// <summary>Reads the step count from a state <see cref="Validate{T}"/> accepted.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="state">The state.</param>
    /// <returns>The number of steps taken.</returns>
    public static int ReadStepCount<T>(ReadOnlySpan<T> state)
        where T : unmanaged =>
        (int)ToDouble(state[0]) + ((int)ToDouble(state[1]) * StepCountRadix);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> (as parameter <paramref name="parameterName"/>) unless
    /// <paramref name="state"/> is a valid state for the optimizer: the right length, a step count of two whole numbers
    /// in [0, 2^24) below 2^31 in all, finite values, and a second moment of at least 0.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="state">The state to check.</param>
    /// <param name="optimizer">The update rule.</param>
    /// <param name="momentum">SGD's momentum factor.</param>
    /// <param name="parameterCount">The number of parameters P.</param>
    /// <param name="parameterName">The name the exception gives.</param>
    /// <param name="dropout">Whether the state ends with a dropout stream's position.</param>
    public static void Validate<T>(ReadOnlySpan<T> state, Optimizer optimizer, double momentum, int parameterCount, string parameterName, bool dropout = false)
        where T : unmanaged
    {
        if (Check(state, optimizer, momentum, parameterCount, dropout) is { } problem)
        {
            throw new ArgumentException(problem, parameterName);
        }
    }

    /// <summary>What is wrong with <paramref name="state"/>, or null if nothing is (see <see cref="Validate{T}"/>).</summary>
    internal static string? Check<T>(ReadOnlySpan<T> state, Optimizer optimizer, double momentum, int parameterCount, bool dropout = false)
        where T : unmanaged
    {
        int length = Length(optimizer, momentum, parameterCount, dropout);
        if (state.Length != length)
        {
            string what = dropout ? ", and the dropout stream" : string.Empty;
            return Invariant($"the optimizer state must hold exactly {length} values ({optimizer}, {parameterCount} parameters{what}); got {state.Length}.");
        }

        if (dropout && Dropout.Check(state[^Dropout.StateLength..]) is { } streamProblem)
        {
            return streamProblem;
        }

        state = dropout ? state[..^Dropout.StateLength] : state;

        double low = ToDouble(state[0]);
        double high = ToDouble(state[1]);
        if (!IsPart(low) || !IsPart(high) || low + (high * StepCountRadix) > int.MaxValue)
        {
            return Invariant($"the optimizer state's step count (values 0 and 1: {Text(low)}, {Text(high)}) must be two whole numbers in [0, 2^24), t = value 0 + value 1 · 2^24 below 2^31.");
        }

        IReadOnlyList<OptimizerBuffer> buffers = OptimizerRule.For(optimizer).BuffersFor(momentum);
        for (int k = StepCountLength; k < state.Length; k++)
        {
            double value = ToDouble(state[k]);
            bool nonNegative = buffers[(k - StepCountLength) / parameterCount].NonNegative;
            if (!double.IsFinite(value) || (nonNegative && value < 0.0))
            {
                return Invariant($"optimizer state value {k} ({Name(optimizer, momentum, k, parameterCount)}) is {Text(value)}; it must be finite{(nonNegative ? " and at least 0" : string.Empty)}.");
            }
        }

        return null;
    }

    /// <summary>What state value <paramref name="k"/> holds, in words.</summary>
    internal static string Name(Optimizer optimizer, double momentum, int k, int parameterCount)
    {
        if (k < StepCountLength)
        {
            return "the step count";
        }

        int p = k - StepCountLength;
        OptimizerBuffer buffer = OptimizerRule.For(optimizer).BuffersFor(momentum)[p / parameterCount];
        return Invariant($"{buffer.Name} of parameter {p % parameterCount}");
    }

    /// <summary>A value as a message shows it: NaN, +∞, −∞ or its round-trip form.</summary>
    internal static string Text(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+∞"
        : double.IsNegativeInfinity(value) ? "−∞"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>a + b</c>, rounded once in <typeparamref name="T"/> (float or double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Add<T>(T a, T b)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            float sum = Unsafe.As<T, float>(ref a) + Unsafe.As<T, float>(ref b);
            return Unsafe.As<float, T>(ref sum);
        }

        return FromDouble<T>(ToDouble(a) + ToDouble(b));
    }

    /// <summary>Whether the value is neither NaN nor ±∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsFinite<T>(T value)
        where T : unmanaged => double.IsFinite(ToDouble(value));

    /// <summary>The value as a double (exact for float and double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double ToDouble<T>(T value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            return Unsafe.As<T, double>(ref value);
        }

        if (typeof(T) == typeof(float))
        {
            return Unsafe.As<T, float>(ref value);
        }

        throw Unsupported<T>();
    }

    /// <summary>The value in <typeparamref name="T"/> (rounded to float for float).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T FromDouble<T>(double value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            return Unsafe.As<double, T>(ref value);
        }

        if (typeof(T) == typeof(float))
        {
            float single = (float)value;
            return Unsafe.As<float, T>(ref single);
        }

        throw Unsupported<T>();
    }

    /// <summary>The precision that computes in <typeparamref name="T"/>.</summary>
    internal static Precision PrecisionOf<T>()
        where T : unmanaged =>
        typeof(T) == typeof(double) ? Precision.Double
        : typeof(T) == typeof(float) ? Precision.Single
        : throw Unsupported<T>();

    internal static NotSupportedException Unsupported<T>() =>
        new($"NetGen networks compute in float or double; {typeof(T).Name} is neither.");

    private static bool IsPart(double value) => value >= 0.0 && value < StepCountRadix && Math.Floor(value) == value;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
