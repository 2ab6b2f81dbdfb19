using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen;

/// <summary>The activation NetGen networks use, shared by generated code and the reference network so both compute the same function the same way.</summary>
public static class Activations
{
    /// <summary>
    /// The logistic sigmoid <c>σ(z) = 1 / (1 + e^(−z))</c>, evaluated without overflow: for <c>z ≥ 0</c> as
    /// <c>1 / (1 + e^(−z))</c>, otherwise as <c>e^z / (1 + e^z)</c>, so <c>e</c> is only ever raised to a
    /// non-positive power and large <c>|z|</c> gives 0 or 1 rather than NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z)
    {
        if (z >= 0.0)
        {
            return 1.0 / (1.0 + Math.Exp(-z));
        }

        double e = Math.Exp(z);
        return e / (1.0 + e);
    }

    /// <summary>The derivative of the sigmoid written in terms of its output: <c>σ'(z) = a (1 − a)</c> where <c>a = σ(z)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SigmoidDerivativeFromOutput(double a) => a * (1.0 - a);

    /// <summary>The logistic sigmoid in single precision, evaluated like <see cref="Sigmoid(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z)
    {
        if (z >= 0f)
        {
            return 1f / (1f + MathF.Exp(-z));
        }

        float e = MathF.Exp(z);
        return e / (1f + e);
    }

    /// <summary>
    /// Four sigmoids at once, for the units of an unrolled layer: <c>e = exp(−|z|)</c>, then <c>1 / (1 + e)</c> where
    /// z ≥ 0 and <c>e / (1 + e)</c> elsewhere, the scalar formulas lane by lane. Uses the runtime's vector exp where
    /// it has one (the net10.0 build, which apps on .NET 10 and newer get; with 256-bit vectors in hardware) and the scalar sigmoid otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sigmoid(Vector256<double> z)
    {
#if NET9_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> e = Vector256.Exp(-Vector256.Abs(z));
            Vector256<double> numerator = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(z, Vector256<double>.Zero), Vector256<double>.One, e);
            return numerator / (Vector256<double>.One + e);
        }
#endif
        return Vector256.Create(Sigmoid(z.GetElement(0)), Sigmoid(z.GetElement(1)), Sigmoid(z.GetElement(2)), Sigmoid(z.GetElement(3)));
    }

    /// <summary>Eight single-precision sigmoids at once; see <see cref="Sigmoid(Vector256{double})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> z)
    {
#if NET9_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> e = Vector256.Exp(-Vector256.Abs(z));
            Vector256<float> numerator = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(z, Vector256<float>.Zero), Vector256<float>.One, e);
            return numerator / (Vector256<float>.One + e);
        }
#endif
        return Vector256.Create(
            Sigmoid(z.GetElement(0)), Sigmoid(z.GetElement(1)), Sigmoid(z.GetElement(2)), Sigmoid(z.GetElement(3)),
            Sigmoid(z.GetElement(4)), Sigmoid(z.GetElement(5)), Sigmoid(z.GetElement(6)), Sigmoid(z.GetElement(7)));
    }
}
