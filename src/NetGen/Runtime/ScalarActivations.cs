using System;

namespace NetGen.Runtime;

/// <summary>
/// The activations of a deterministic network for one value, on NetGen's exp (<see cref="PortableMath"/>), each
/// operation the one its home's formula (<c>src/NetGen/Activations/&lt;Name&gt;.cs</c>) applies to a lane of
/// <c>PortableLanes</c>, in the same order: the form of the .NET Standard 2.1 build (Unity, Mono), which cannot compile
/// the homes' generic formulas. The tests hold every function here to the homes' bits on .NET. Which activations the
/// generator's .NET Standard form accepts is NetGen.Generator's StandardBuild.
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

    /// <summary>√½, the factor of GELU's erf argument.</summary>
    private const double SqrtHalf = 0.70710678118654752440;

    /// <summary>1/√(2π), the normal density's factor in GELU's derivative.</summary>
    private const double InverseSqrtTwoPi = 0.39894228040143267794;

    /// <summary>GELU(z) = z · Φ(z), as <c>(z · ½) · (1 + erf(z · √½))</c> (<see cref="Erf(double)"/>).</summary>
    public static double GELU(double z) => (z * 0.5) * (1.0 + Erf(z * SqrtHalf));

    /// <inheritdoc cref="GELU(double)"/>
    public static float GELU(float z) => (z * 0.5f) * (1f + Erf(z * (float)SqrtHalf));

    /// <summary>δ · (Φ(z) + z · φ(z)), from the pre-activation z: <c>Φ = ½ · (1 + erf(z · √½))</c>, <c>φ = (1/√(2π)) · e^((z · z) · −½)</c>.</summary>
    public static double GELUBackward(double delta, double z)
    {
        double cdf = 0.5 * (1.0 + Erf(z * SqrtHalf));
        double pdf = InverseSqrtTwoPi * PortableMath.ExpScalar((z * z) * -0.5);
        return delta * (cdf + (z * pdf));
    }

    /// <inheritdoc cref="GELUBackward(double, double)"/>
    public static float GELUBackward(float delta, float z)
    {
        float cdf = 0.5f * (1f + Erf(z * (float)SqrtHalf));
        float pdf = (float)InverseSqrtTwoPi * PortableMath.ExpScalar((z * z) * -0.5f);
        return delta * (cdf + (z * pdf));
    }

    /// <summary>SiLU(z) = z · σ(z).</summary>
    public static double SiLU(double z) => z * Sigmoid(z);

    /// <inheritdoc cref="SiLU(double)"/>
    public static float SiLU(float z) => z * Sigmoid(z);

    /// <summary>δ · σ(z)(1 + z(1 − σ(z))), from the pre-activation z, as <c>(δ · s) · (z · (1 − s) + 1)</c>, the bracket one multiply-add.</summary>
    public static double SiLUBackward(double delta, double z)
    {
        double s = Sigmoid(z);
        return (delta * s) * Arithmetic.MulAdd(z, 1.0 - s, 1.0);
    }

    /// <inheritdoc cref="SiLUBackward(double, double)"/>
    public static float SiLUBackward(float delta, float z)
    {
        float s = Sigmoid(z);
        return (delta * s) * Arithmetic.MulAdd(z, 1f - s, 1f);
    }

    /// <summary>z where z ≥ 0, else α · (e^z − 1).</summary>
    public static double ELU(double z, double alpha) => z >= 0.0 ? z : alpha * (PortableMath.ExpScalar(z) - 1.0);

    /// <inheritdoc cref="ELU(double, double)"/>
    public static float ELU(float z, float alpha) => z >= 0f ? z : alpha * (PortableMath.ExpScalar(z) - 1f);

    /// <summary>δ where z &gt; 0, else (δ · α) · e^z, from the pre-activation z.</summary>
    public static double ELUBackward(double delta, double z, double alpha) => z > 0.0 ? delta : (delta * alpha) * PortableMath.ExpScalar(z);

    /// <inheritdoc cref="ELUBackward(double, double, double)"/>
    public static float ELUBackward(float delta, float z, float alpha) => z > 0f ? delta : (delta * alpha) * PortableMath.ExpScalar(z);

    /// <summary>
    /// erf(x), fdlibm's rational approximations on NetGen's exp, each operation the one <c>ErfFunction</c> applies to a
    /// lane: below |x| = 0.84375, below 1.25, below 6 (two tails split at 1/0.35), then 1; the sign restored last.
    /// </summary>
    public static double Erf(double x) => Erf<double, DoubleOps>(x);

    /// <inheritdoc cref="Erf(double)"/>
    public static float Erf(float x) => Erf<float, SingleOps>(x);

    /// <summary><see cref="Erf(double)"/> in either precision, every constant rounded once to it.</summary>
    private static T Erf<T, TOps>(T x)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        T m = o.Abs(x);
        T positive = o.Greater(o.Of(0.84375), m) ? ErfSmall<T, TOps>(m)
            : o.Greater(o.Of(1.25), m) ? ErfMiddle<T, TOps>(m)
            : o.GreaterOrEqual(m, o.Of(6.0)) ? o.Of(1.0)
            : ErfTail<T, TOps>(m);
        return o.Greater(o.Of(0.0), x) ? o.Multiply(positive, o.Of(-1.0)) : positive;
    }

    /// <summary>erf(m) for m below 0.84375: <c>m + m · r(m²)/s(m²)</c>.</summary>
    private static T ErfSmall<T, TOps>(T m)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        T z = o.Multiply(m, m);
        T r = o.MulAdd(o.Of(-2.37630166566501626084e-05), z, o.Of(-5.77027029648944159157e-03));
        r = o.MulAdd(r, z, o.Of(-2.84817495755985104766e-02));
        r = o.MulAdd(r, z, o.Of(-3.25042107247001499370e-01));
        r = o.MulAdd(r, z, o.Of(1.28379167095512558561e-01));
        T s = o.MulAdd(o.Of(-3.96022827877536812320e-06), z, o.Of(1.32494738004321644526e-04));
        s = o.MulAdd(s, z, o.Of(5.08130628187576562776e-03));
        s = o.MulAdd(s, z, o.Of(6.50222499887672944485e-02));
        s = o.MulAdd(s, z, o.Of(3.97917223959155352819e-01));
        s = o.MulAdd(s, z, o.Of(1.0));
        return o.MulAdd(m, o.Divide(r, s), m);
    }

    /// <summary>erf(m) for m in [0.84375, 1.25): <c>erx + p(m − 1)/q(m − 1)</c>.</summary>
    private static T ErfMiddle<T, TOps>(T m)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        T s = o.Subtract(m, o.Of(1.0));
        T p = o.MulAdd(o.Of(-2.16637559486879084300e-03), s, o.Of(3.54783043256182359371e-02));
        p = o.MulAdd(p, s, o.Of(-1.10894694282396677476e-01));
        p = o.MulAdd(p, s, o.Of(3.18346619901161753674e-01));
        p = o.MulAdd(p, s, o.Of(-3.72207876035701323847e-01));
        p = o.MulAdd(p, s, o.Of(4.14856118683748331666e-01));
        p = o.MulAdd(p, s, o.Of(-2.36211856075265944077e-03));
        T q = o.MulAdd(o.Of(1.19844998467991074170e-02), s, o.Of(1.36370839120290507362e-02));
        q = o.MulAdd(q, s, o.Of(1.26171219808761642112e-01));
        q = o.MulAdd(q, s, o.Of(7.18286544141962662868e-02));
        q = o.MulAdd(q, s, o.Of(5.40397917702171048937e-01));
        q = o.MulAdd(q, s, o.Of(1.06420880400844228286e-01));
        q = o.MulAdd(q, s, o.Of(1.0));
        return o.Add(o.Of(8.45062911510467529297e-01), o.Divide(p, q));
    }

    /// <summary>erf(m) for m in [1.25, 6): <c>1 − e^(−m² − 0.5625 + R(1/m²)/S(1/m²)) / m</c>, one pair of R, S below 1/0.35 and another from it on.</summary>
    private static T ErfTail<T, TOps>(T m)
        where T : unmanaged
        where TOps : struct, IScalarOps<T>
    {
        TOps o = default;
        T one = o.Of(1.0);
        T m2 = o.Multiply(m, m);
        T s = o.Divide(one, m2);
        T ratio;
        if (o.Greater(o.Of(1.0 / 0.35), m))
        {
            T ra = o.MulAdd(o.Of(-9.81432934416914548592e+00), s, o.Of(-8.12874355063065934246e+01));
            ra = o.MulAdd(ra, s, o.Of(-1.84605092906711035994e+02));
            ra = o.MulAdd(ra, s, o.Of(-1.62396669462573470355e+02));
            ra = o.MulAdd(ra, s, o.Of(-6.23753324503260060396e+01));
            ra = o.MulAdd(ra, s, o.Of(-1.05586262253232909814e+01));
            ra = o.MulAdd(ra, s, o.Of(-6.93858572707181764372e-01));
            ra = o.MulAdd(ra, s, o.Of(-9.86494403484714822705e-03));
            T sa = o.MulAdd(o.Of(-6.04244152148580987438e-02), s, o.Of(6.57024977031928170135e+00));
            sa = o.MulAdd(sa, s, o.Of(1.08635005541779435134e+02));
            sa = o.MulAdd(sa, s, o.Of(4.29008140027567833386e+02));
            sa = o.MulAdd(sa, s, o.Of(6.45387271733267880336e+02));
            sa = o.MulAdd(sa, s, o.Of(4.34565877475229228821e+02));
            sa = o.MulAdd(sa, s, o.Of(1.37657754143519042600e+02));
            sa = o.MulAdd(sa, s, o.Of(1.96512716674392571292e+01));
            sa = o.MulAdd(sa, s, one);
            ratio = o.Divide(ra, sa);
        }
        else
        {
            T rb = o.MulAdd(o.Of(-4.83519191608651397019e+02), s, o.Of(-1.02509513161107724954e+03));
            rb = o.MulAdd(rb, s, o.Of(-6.37566443368389627722e+02));
            rb = o.MulAdd(rb, s, o.Of(-1.60636384855821916062e+02));
            rb = o.MulAdd(rb, s, o.Of(-1.77579549177547519889e+01));
            rb = o.MulAdd(rb, s, o.Of(-7.99283237680523006574e-01));
            rb = o.MulAdd(rb, s, o.Of(-9.86494292470009928597e-03));
            T sb = o.MulAdd(o.Of(-2.24409524465858183362e+01), s, o.Of(4.74528541206955367215e+02));
            sb = o.MulAdd(sb, s, o.Of(2.55305040643316442583e+03));
            sb = o.MulAdd(sb, s, o.Of(3.19985821950859553908e+03));
            sb = o.MulAdd(sb, s, o.Of(1.53672958608443695994e+03));
            sb = o.MulAdd(sb, s, o.Of(3.25792512996573918826e+02));
            sb = o.MulAdd(sb, s, o.Of(3.03380607434824582924e+01));
            sb = o.MulAdd(sb, s, one);
            ratio = o.Divide(rb, sb);
        }

        T r = o.Exp(o.Add(o.Subtract(o.Multiply(m2, o.Of(-1.0)), o.Of(0.5625)), ratio));
        return o.Subtract(one, o.Divide(r, m));
    }
}
