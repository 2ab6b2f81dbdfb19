using System;

namespace NetGen.Runtime;

/// <summary>
/// The activations of a deterministic network for one value, on NetGen's exp (<see cref="PortableMath"/>), each
/// operation the one its home's formula (<c>src/NetGen/Activations/&lt;Name&gt;.cs</c>) applies to a lane of
/// <c>PortableLanes</c>, in the same order: the form of the .NET Standard 2.1 build (Unity, Mono), which cannot compile
/// the homes' generic formulas. The tests hold every function here to the homes' bits on .NET, and the generator
/// writes the .NET Standard form only for the activations this class has (NetGen.Generator's ActivationDescriptor,
/// <c>Portable</c>).
/// </summary>
internal static class ScalarActivations
{
    /// <summary>σ(z) = 1 / (1 + e^(−z)), as <c>1 / (1 + e^−|z|)</c> or <c>e^−|z| / (1 + e^−|z|)</c> by the sign of z.</summary>
    public static double Sigmoid(double z)
    {
        double e = PortableMath.ExpScalar(Math.Abs(z) * -1.0);
        return (z >= 0.0 ? 1.0 : e) / (1.0 + e);
    }

    /// <inheritdoc cref="Sigmoid(double)"/>
    public static float Sigmoid(float z)
    {
        float e = PortableMath.ExpScalar(MathF.Abs(z) * -1f);
        return (z >= 0f ? 1f : e) / (1f + e);
    }

    /// <summary>δ · a(1 − a).</summary>
    public static double SigmoidBackward(double delta, double a) => delta * (a * (1.0 - a));

    /// <inheritdoc cref="SigmoidBackward(double, double)"/>
    public static float SigmoidBackward(float delta, float a) => delta * (a * (1f - a));

    /// <summary>tanh(z): a rational function below |z| = 0.625, <c>1 − 2e / (1 + e)</c> with <c>e = e^−2|z|</c> above.</summary>
    public static double Tanh(double z)
    {
        double magnitude = Math.Abs(z);
        if (0.625 > magnitude)
        {
            double s = z * z;
            double zs = z * s;
            double p = Arithmetic.MulAdd(-9.64399179425052238628E-1, s, -9.92877231001918586564E1);
            p = Arithmetic.MulAdd(p, s, -1.61468768441708447952E3);
            double q = s + 1.12811678491632931402E2;
            q = Arithmetic.MulAdd(q, s, 2.23548839060100448583E3);
            q = Arithmetic.MulAdd(q, s, 4.84406305325125486048E3);
            return magnitude > 0.0 ? Arithmetic.MulAdd(zs, p / q, z) : z;
        }

        double e = PortableMath.ExpScalar((magnitude + magnitude) * -1.0);
        double t = 1.0 - ((e + e) / (1.0 + e));
        return 0.0 > z ? t * -1.0 : t;
    }

    /// <inheritdoc cref="Tanh(double)"/>
    public static float Tanh(float z)
    {
        float magnitude = MathF.Abs(z);
        if ((float)0.625 > magnitude)
        {
            float s = z * z;
            float zs = z * s;
            float r = Arithmetic.MulAdd((float)-5.70498872745E-3, s, (float)2.06390887954E-2);
            r = Arithmetic.MulAdd(r, s, (float)-5.37397155531E-2);
            r = Arithmetic.MulAdd(r, s, (float)1.33314422036E-1);
            r = Arithmetic.MulAdd(r, s, (float)-3.33332819422E-1);
            return magnitude > 0f ? Arithmetic.MulAdd(r, zs, z) : z;
        }

        float e = PortableMath.ExpScalar((magnitude + magnitude) * -1f);
        float t = 1f - ((e + e) / (1f + e));
        return 0f > z ? t * -1f : t;
    }

    /// <summary>δ · (1 − a²), the bracket as one multiply-add.</summary>
    public static double TanhBackward(double delta, double a) => delta * Arithmetic.MulAdd(a * -1.0, a, 1.0);

    /// <inheritdoc cref="TanhBackward(double, double)"/>
    public static float TanhBackward(float delta, float a) => delta * Arithmetic.MulAdd(a * -1f, a, 1f);

    /// <summary>max(0, z), NaN kept.</summary>
    public static double ReLU(double z) => 0.0 > z ? 0.0 : z;

    /// <inheritdoc cref="ReLU(double)"/>
    public static float ReLU(float z) => 0f > z ? 0f : z;

    /// <summary>δ where a &gt; 0, else 0.</summary>
    public static double ReLUBackward(double delta, double a) => 0.0 >= a ? 0.0 : delta;

    /// <inheritdoc cref="ReLUBackward(double, double)"/>
    public static float ReLUBackward(float delta, float a) => 0f >= a ? 0f : delta;

    /// <summary>z where z &gt; 0, else slope · z.</summary>
    public static double LeakyReLU(double z, double slope) => z > 0.0 ? z : z * slope;

    /// <inheritdoc cref="LeakyReLU(double, double)"/>
    public static float LeakyReLU(float z, float slope) => z > 0f ? z : z * slope;

    /// <summary>δ where a &gt; 0, else slope · δ.</summary>
    public static double LeakyReLUBackward(double delta, double a, double slope) => a > 0.0 ? delta : delta * slope;

    /// <inheritdoc cref="LeakyReLUBackward(double, double, double)"/>
    public static float LeakyReLUBackward(float delta, float a, float slope) => a > 0f ? delta : delta * slope;
}
