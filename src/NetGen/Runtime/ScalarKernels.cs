using System;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// The arithmetic of one number type for <see cref="ScalarKernels"/> and <see cref="ScalarDense{T, TOps}"/>, as instance
/// members of a struct: the form of generic arithmetic that needs neither generic math nor static abstract members, so
/// the .NET Standard 2.1 build (Unity, Mono) compiles it; the JIT specialises each struct and inlines its members.
/// </summary>
internal interface IScalarOps<T>
    where T : unmanaged
{
    /// <summary>The value in T, rounded once from double.</summary>
    T Of(double value);

    /// <summary><c>a · b + c</c>, rounded once (<see cref="Arithmetic.MulAdd(double, double, double)"/>).</summary>
    T MulAdd(T a, T b, T c);

    /// <summary>The sum.</summary>
    T Add(T a, T b);

    /// <summary>The difference.</summary>
    T Subtract(T a, T b);

    /// <summary>The product.</summary>
    T Multiply(T a, T b);

    /// <summary>The quotient.</summary>
    T Divide(T a, T b);

    /// <summary>The square root, correctly rounded.</summary>
    T Sqrt(T value);

    /// <summary><paramref name="value"/>, or +0 below the smallest normal number (<see cref="Arithmetic.FlushSubnormal(double)"/>).</summary>
    T Flush(T value);

    /// <summary>Whether |value| is below 0.5.</summary>
    bool BelowHalf(T value);

    /// <summary><c>−value</c>, the sign flipped (as C#'s unary minus).</summary>
    T Negate(T value);

    /// <summary>The magnitude.</summary>
    T Abs(T value);

    /// <summary><c>a &gt; b</c> (false where either is NaN).</summary>
    bool Greater(T a, T b);

    /// <summary><c>a ≥ b</c> (false where either is NaN).</summary>
    bool GreaterOrEqual(T a, T b);

    /// <summary>Neither NaN nor ±∞.</summary>
    bool IsFinite(T value);

    /// <summary>e^x, NetGen's own (<see cref="PortableMath.ExpScalar(double)"/>): the bits of every vector lane's.</summary>
    T Exp(T value);

    /// <summary>The natural logarithm, NetGen's own (<see cref="PortableMath.Log(double)"/>).</summary>
    T Log(T value);

    // The activations and their backward steps, one value at a time (ScalarActivations).

    /// <summary><see cref="ScalarActivations.Sigmoid(double)"/>.</summary>
    T Sigmoid(T z);

    /// <summary><see cref="ScalarActivations.SigmoidBackward(double, double)"/>.</summary>
    T SigmoidBackward(T delta, T a);

    /// <summary><see cref="ScalarActivations.Tanh(double)"/>.</summary>
    T Tanh(T z);

    /// <summary><see cref="ScalarActivations.TanhBackward(double, double)"/>.</summary>
    T TanhBackward(T delta, T a);

    /// <summary><see cref="ScalarActivations.ReLU(double)"/>.</summary>
    T ReLU(T z);

    /// <summary><see cref="ScalarActivations.ReLUBackward(double, double)"/>.</summary>
    T ReLUBackward(T delta, T a);

    /// <summary><see cref="ScalarActivations.LeakyReLU(double, double)"/>.</summary>
    T LeakyReLU(T z, T slope);

    /// <summary><see cref="ScalarActivations.LeakyReLUBackward(double, double, double)"/>.</summary>
    T LeakyReLUBackward(T delta, T a, T slope);

    /// <summary><see cref="ScalarActivations.GELU(double)"/>.</summary>
    T GELU(T z);

    /// <summary><see cref="ScalarActivations.GELUBackward(double, double)"/>.</summary>
    T GELUBackward(T delta, T z);

    /// <summary><see cref="ScalarActivations.SiLU(double)"/>.</summary>
    T SiLU(T z);

    /// <summary><see cref="ScalarActivations.SiLUBackward(double, double)"/>.</summary>
    T SiLUBackward(T delta, T z);

    /// <summary><see cref="ScalarActivations.ELU(double, double)"/>.</summary>
    T ELU(T z, T alpha);

    /// <summary><see cref="ScalarActivations.ELUBackward(double, double, double)"/>.</summary>
    T ELUBackward(T delta, T z, T alpha);
}

/// <summary>Double arithmetic for <see cref="ScalarKernels"/>.</summary>
internal readonly struct DoubleOps : IScalarOps<double>
{
    public double Of(double value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double MulAdd(double a, double b, double c) => Arithmetic.MulAdd(a, b, c);

    public double Add(double a, double b) => a + b;

    public double Subtract(double a, double b) => a - b;

    public double Multiply(double a, double b) => a * b;

    public double Divide(double a, double b) => a / b;

    public double Sqrt(double value) => Math.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Flush(double value) => Arithmetic.SmallestNormalDouble > Math.Abs(value) ? 0.0 : value;

    public bool BelowHalf(double value) => Math.Abs(value) < 0.5;

    public double Negate(double value) => -value;

    public double Abs(double value) => Math.Abs(value);

    public bool Greater(double a, double b) => a > b;

    public bool GreaterOrEqual(double a, double b) => a >= b;

    public bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Exp(double value) => PortableMath.ExpScalar(value);

    public double Log(double value) => PortableMath.Log(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Sigmoid(double z) => ScalarActivations.Sigmoid(z);

    public double SigmoidBackward(double delta, double a) => ScalarActivations.SigmoidBackward(delta, a);

    public double Tanh(double z) => ScalarActivations.Tanh(z);

    public double TanhBackward(double delta, double a) => ScalarActivations.TanhBackward(delta, a);

    public double ReLU(double z) => ScalarActivations.ReLU(z);

    public double ReLUBackward(double delta, double a) => ScalarActivations.ReLUBackward(delta, a);

    public double LeakyReLU(double z, double slope) => ScalarActivations.LeakyReLU(z, slope);

    public double LeakyReLUBackward(double delta, double a, double slope) => ScalarActivations.LeakyReLUBackward(delta, a, slope);

    public double GELU(double z) => ScalarActivations.GELU(z);

    public double GELUBackward(double delta, double z) => ScalarActivations.GELUBackward(delta, z);

    public double SiLU(double z) => ScalarActivations.SiLU(z);

    public double SiLUBackward(double delta, double z) => ScalarActivations.SiLUBackward(delta, z);

    public double ELU(double z, double alpha) => ScalarActivations.ELU(z, alpha);

    public double ELUBackward(double delta, double z, double alpha) => ScalarActivations.ELUBackward(delta, z, alpha);
}

/// <summary>Float arithmetic for <see cref="ScalarKernels"/>.</summary>
internal readonly struct SingleOps : IScalarOps<float>
{
    public float Of(double value) => (float)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float MulAdd(float a, float b, float c) => Arithmetic.MulAdd(a, b, c);

    public float Add(float a, float b) => a + b;

    public float Subtract(float a, float b) => a - b;

    public float Multiply(float a, float b) => a * b;

    public float Divide(float a, float b) => a / b;

    public float Sqrt(float value) => MathF.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Flush(float value) => Arithmetic.SmallestNormalSingle > MathF.Abs(value) ? 0f : value;

    public bool BelowHalf(float value) => MathF.Abs(value) < 0.5f;

    public float Negate(float value) => -value;

    public float Abs(float value) => MathF.Abs(value);

    public bool Greater(float a, float b) => a > b;

    public bool GreaterOrEqual(float a, float b) => a >= b;

    public bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Exp(float value) => PortableMath.ExpScalar(value);

    public float Log(float value) => PortableMath.Log(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Sigmoid(float z) => ScalarActivations.Sigmoid(z);

    public float SigmoidBackward(float delta, float a) => ScalarActivations.SigmoidBackward(delta, a);

    public float Tanh(float z) => ScalarActivations.Tanh(z);

    public float TanhBackward(float delta, float a) => ScalarActivations.TanhBackward(delta, a);

    public float ReLU(float z) => ScalarActivations.ReLU(z);

    public float ReLUBackward(float delta, float a) => ScalarActivations.ReLUBackward(delta, a);

    public float LeakyReLU(float z, float slope) => ScalarActivations.LeakyReLU(z, slope);

    public float LeakyReLUBackward(float delta, float a, float slope) => ScalarActivations.LeakyReLUBackward(delta, a, slope);

    public float GELU(float z) => ScalarActivations.GELU(z);

    public float GELUBackward(float delta, float z) => ScalarActivations.GELUBackward(delta, z);

    public float SiLU(float z) => ScalarActivations.SiLU(z);

    public float SiLUBackward(float delta, float z) => ScalarActivations.SiLUBackward(delta, z);

    public float ELU(float z, float alpha) => ScalarActivations.ELU(z, alpha);

    public float ELUBackward(float delta, float z, float alpha) => ScalarActivations.ELUBackward(delta, z, alpha);
}

/// <summary>
/// The optimizers' updates one element at a time, each operation the one the vector kernels of <see cref="Dense"/>
/// apply to a lane, in the same order, with the same multiply-adds fused and the same values flushed, so the parameters
/// and state come out the same bits: the kernels of the .NET Standard 2.1 build (Unity, Mono), which has no generic
/// math and no <c>Vector128/256/512</c>. The tests hold them to the vector kernels' bits on .NET. The formulas, and
/// which PyTorch step each one is, are documented on <see cref="Dense"/>'s methods of the same names.
/// </summary>
internal static class ScalarKernels
{
    /// <summary><see cref="Dense"/>'s Sgd, element by element.</summary>
    public static void Sgd<T, TOps>(Span<T> p, ReadOnlySpan<T> g, Span<T> buffer, double learningRate, double momentum, bool nesterov, double weightDecay, bool firstStep)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        T rate = o.Of(-learningRate), mu = o.Of(momentum), decay = o.Of(weightDecay);
        bool decays = weightDecay != 0, hasMomentum = momentum != 0;
        for (int k = 0; k < p.Length; k++)
        {
            T pk = p[k];
            T gk = g[k];
            if (decays)
            {
                gk = o.MulAdd(decay, pk, gk);
            }

            if (hasMomentum)
            {
                T bk = o.Flush(firstStep ? gk : o.MulAdd(mu, buffer[k], gk));
                buffer[k] = bk;
                gk = nesterov ? o.MulAdd(mu, bk, gk) : bk;
            }

            T updated = o.MulAdd(rate, gk, pk);
            p[k] = decays || hasMomentum ? o.Flush(updated) : updated;
        }
    }

    /// <summary><see cref="Dense"/>'s Adam (and AdamW where <paramref name="decoupled"/>), element by element.</summary>
    public static void Adam<T, TOps>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, double learningRate, double beta1, double beta2, double epsilon, double weightDecay, int step, bool decoupled, bool deterministic)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        double correction1 = 1 - (deterministic ? PortableMath.Pow(beta1, step) : Math.Pow(beta1, step));
        double correction2 = 1 - (deterministic ? PortableMath.Pow(beta2, step) : Math.Pow(beta2, step));
        T weight = o.Of(1 - beta1);
        bool small = o.BelowHalf(weight);
        T decay = o.Of(decoupled ? 1 - (learningRate * weightDecay) : weightDecay);
        T coefficient = small ? weight : o.Subtract(weight, o.Of(1.0));
        T b2 = o.Of(beta2), oneMinusBeta2 = o.Of(1 - beta2), stepSize = o.Of(-(learningRate / correction1));
        T root2 = o.Of(Math.Sqrt(correction2)), eps = o.Of(epsilon);
        bool decays = weightDecay != 0;
        for (int k = 0; k < p.Length; k++)
        {
            T pk = p[k];
            T gk = g[k];
            if (decays)
            {
                if (decoupled)
                {
                    pk = o.Multiply(pk, decay);
                }
                else
                {
                    gk = o.MulAdd(decay, pk, gk);
                }
            }

            T mk = m[k];
            mk = o.Flush(o.MulAdd(coefficient, o.Subtract(gk, mk), small ? mk : gk));
            m[k] = mk;
            T vk = o.Flush(o.MulAdd(o.Multiply(oneMinusBeta2, gk), gk, o.Multiply(b2, v[k])));
            v[k] = vk;
            T denominator = o.Add(o.Divide(o.Sqrt(vk), root2), eps);
            p[k] = o.Flush(o.MulAdd(stepSize, o.Divide(mk, denominator), pk));
        }
    }

    /// <summary><see cref="Dense"/>'s RMSprop, element by element.</summary>
    public static void RMSprop<T, TOps>(Span<T> p, ReadOnlySpan<T> g, Span<T> squareAverage, Span<T> buffer, double learningRate, double alpha, double epsilon, double weightDecay, double momentum)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        T decay = o.Of(weightDecay), a = o.Of(alpha), oneMinusAlpha = o.Of(1 - alpha), eps = o.Of(epsilon);
        T rate = o.Of(-learningRate), mu = o.Of(momentum);
        bool decays = weightDecay != 0, hasMomentum = momentum != 0;
        for (int k = 0; k < p.Length; k++)
        {
            T pk = p[k];
            T gk = g[k];
            if (decays)
            {
                gk = o.MulAdd(decay, pk, gk);
            }

            T sk = o.Flush(o.MulAdd(o.Multiply(oneMinusAlpha, gk), gk, o.Multiply(a, squareAverage[k])));
            squareAverage[k] = sk;
            T average = o.Add(o.Sqrt(sk), eps);
            if (hasMomentum)
            {
                T bk = o.Flush(o.Add(o.Multiply(mu, buffer[k]), o.Divide(gk, average)));
                buffer[k] = bk;
                p[k] = o.Flush(o.MulAdd(rate, bk, pk));
            }
            else
            {
                p[k] = o.Flush(o.MulAdd(rate, o.Divide(gk, average), pk));
            }
        }
    }

    /// <summary><see cref="Dense"/>'s Adagrad, element by element.</summary>
    public static void Adagrad<T, TOps>(Span<T> p, ReadOnlySpan<T> g, Span<T> sum, double learningRate, double epsilon, double weightDecay)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        T decay = o.Of(weightDecay), eps = o.Of(epsilon), rate = o.Of(-learningRate);
        bool decays = weightDecay != 0;
        for (int k = 0; k < p.Length; k++)
        {
            T pk = p[k];
            T gk = g[k];
            if (decays)
            {
                gk = o.MulAdd(decay, pk, gk);
            }

            T sk = o.Flush(o.MulAdd(gk, gk, sum[k]));
            sum[k] = sk;
            T std = o.Add(o.Sqrt(sk), eps);
            p[k] = o.Flush(o.MulAdd(rate, o.Divide(gk, std), pk));
        }
    }
}
