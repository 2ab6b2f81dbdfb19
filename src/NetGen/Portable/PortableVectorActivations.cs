using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// The activations of generated code in the .NET Standard 2.1 build (Unity, Mono), one value at a time on NetGen's own
/// exp: the same bits as the .NET builds' <c>PortableVectorActivations</c>, lane for lane (<see cref="ScalarActivations"/>).
/// The generator's .NET Standard form names this class for every network, deterministic or not.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PortableVectorActivations
{
    /// <summary>σ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z) => ScalarActivations.Sigmoid(z);

    /// <summary>σ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z) => ScalarActivations.Sigmoid(z);

    /// <summary>δ · a(1 − a).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SigmoidBackward(double delta, double a) => ScalarActivations.SigmoidBackward(delta, a);

    /// <summary>δ · a(1 − a).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidBackward(float delta, float a) => ScalarActivations.SigmoidBackward(delta, a);

    /// <summary>tanh(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double z) => ScalarActivations.Tanh(z);

    /// <summary>tanh(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z) => ScalarActivations.Tanh(z);

    /// <summary>δ · (1 − a²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TanhBackward(double delta, double a) => ScalarActivations.TanhBackward(delta, a);

    /// <summary>δ · (1 − a²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhBackward(float delta, float a) => ScalarActivations.TanhBackward(delta, a);

    /// <summary>max(0, z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReLU(double z) => ScalarActivations.ReLU(z);

    /// <summary>max(0, z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float z) => ScalarActivations.ReLU(z);

    /// <summary>δ where a &gt; 0, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ReLUBackward(double delta, double a) => ScalarActivations.ReLUBackward(delta, a);

    /// <summary>δ where a &gt; 0, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLUBackward(float delta, float a) => ScalarActivations.ReLUBackward(delta, a);

    /// <summary>z where z &gt; 0, else slope · z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LeakyReLU(double z, double slope) => ScalarActivations.LeakyReLU(z, slope);

    /// <summary>z where z &gt; 0, else slope · z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z, float slope) => ScalarActivations.LeakyReLU(z, slope);

    /// <summary>δ where a &gt; 0, else slope · δ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LeakyReLUBackward(double delta, double a, double slope) => ScalarActivations.LeakyReLUBackward(delta, a, slope);

    /// <summary>δ where a &gt; 0, else slope · δ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLUBackward(float delta, float a, float slope) => ScalarActivations.LeakyReLUBackward(delta, a, slope);

    /// <summary>GELU(z) = z · Φ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GELU(double z) => ScalarActivations.GELU(z);

    /// <summary>GELU(z) = z · Φ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELU(float z) => ScalarActivations.GELU(z);

    /// <summary>δ · GELU'(z), from the pre-activation z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GELUBackward(double delta, double z) => ScalarActivations.GELUBackward(delta, z);

    /// <summary>δ · GELU'(z), from the pre-activation z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELUBackward(float delta, float z) => ScalarActivations.GELUBackward(delta, z);

    /// <summary>SiLU(z) = z · σ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SiLU(double z) => ScalarActivations.SiLU(z);

    /// <summary>SiLU(z) = z · σ(z).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLU(float z) => ScalarActivations.SiLU(z);

    /// <summary>δ · SiLU'(z), from the pre-activation z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SiLUBackward(double delta, double z) => ScalarActivations.SiLUBackward(delta, z);

    /// <summary>δ · SiLU'(z), from the pre-activation z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLUBackward(float delta, float z) => ScalarActivations.SiLUBackward(delta, z);

    /// <summary>z where z ≥ 0, else α · (e^z − 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ELU(double z, double alpha) => ScalarActivations.ELU(z, alpha);

    /// <summary>z where z ≥ 0, else α · (e^z − 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ELU(float z, float alpha) => ScalarActivations.ELU(z, alpha);

    /// <summary>δ where z &gt; 0, else (δ · α) · e^z, from the pre-activation z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ELUBackward(double delta, double z, double alpha) => ScalarActivations.ELUBackward(delta, z, alpha);

    /// <summary>δ where z &gt; 0, else (δ · α) · e^z, from the pre-activation z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ELUBackward(float delta, float z, float alpha) => ScalarActivations.ELUBackward(delta, z, alpha);

    // The same functions lane by lane over the stand-ins for Vector256 (LaneVector), for a deterministic network's lanes.

    /// <summary>σ of every lane.</summary>
    public static LaneVectorDouble Sigmoid(LaneVectorDouble z) => LaneVector.Create(Sigmoid(z[0]), Sigmoid(z[1]), Sigmoid(z[2]), Sigmoid(z[3]));

    /// <summary>σ of every lane.</summary>
    public static LaneVectorSingle Sigmoid(LaneVectorSingle z) =>
        LaneVector.Create(Sigmoid(z[0]), Sigmoid(z[1]), Sigmoid(z[2]), Sigmoid(z[3]), Sigmoid(z[4]), Sigmoid(z[5]), Sigmoid(z[6]), Sigmoid(z[7]));

    /// <summary>tanh of every lane.</summary>
    public static LaneVectorDouble Tanh(LaneVectorDouble z) => LaneVector.Create(Tanh(z[0]), Tanh(z[1]), Tanh(z[2]), Tanh(z[3]));

    /// <summary>tanh of every lane.</summary>
    public static LaneVectorSingle Tanh(LaneVectorSingle z) =>
        LaneVector.Create(Tanh(z[0]), Tanh(z[1]), Tanh(z[2]), Tanh(z[3]), Tanh(z[4]), Tanh(z[5]), Tanh(z[6]), Tanh(z[7]));

    /// <summary>δ · (1 − a²) of every lane.</summary>
    public static LaneVectorDouble TanhBackward(LaneVectorDouble d, LaneVectorDouble a) =>
        LaneVector.Create(TanhBackward(d[0], a[0]), TanhBackward(d[1], a[1]), TanhBackward(d[2], a[2]), TanhBackward(d[3], a[3]));

    /// <summary>δ · (1 − a²) of every lane.</summary>
    public static LaneVectorSingle TanhBackward(LaneVectorSingle d, LaneVectorSingle a) =>
        LaneVector.Create(TanhBackward(d[0], a[0]), TanhBackward(d[1], a[1]), TanhBackward(d[2], a[2]), TanhBackward(d[3], a[3]),
            TanhBackward(d[4], a[4]), TanhBackward(d[5], a[5]), TanhBackward(d[6], a[6]), TanhBackward(d[7], a[7]));

    /// <summary>max(0, z) of every lane.</summary>
    public static LaneVectorDouble ReLU(LaneVectorDouble z) => LaneVector.Create(ReLU(z[0]), ReLU(z[1]), ReLU(z[2]), ReLU(z[3]));

    /// <summary>max(0, z) of every lane.</summary>
    public static LaneVectorSingle ReLU(LaneVectorSingle z) =>
        LaneVector.Create(ReLU(z[0]), ReLU(z[1]), ReLU(z[2]), ReLU(z[3]), ReLU(z[4]), ReLU(z[5]), ReLU(z[6]), ReLU(z[7]));

    /// <summary>δ where a &gt; 0, else 0, in every lane.</summary>
    public static LaneVectorDouble ReLUBackward(LaneVectorDouble d, LaneVectorDouble a) =>
        LaneVector.Create(ReLUBackward(d[0], a[0]), ReLUBackward(d[1], a[1]), ReLUBackward(d[2], a[2]), ReLUBackward(d[3], a[3]));

    /// <summary>δ where a &gt; 0, else 0, in every lane.</summary>
    public static LaneVectorSingle ReLUBackward(LaneVectorSingle d, LaneVectorSingle a) =>
        LaneVector.Create(ReLUBackward(d[0], a[0]), ReLUBackward(d[1], a[1]), ReLUBackward(d[2], a[2]), ReLUBackward(d[3], a[3]),
            ReLUBackward(d[4], a[4]), ReLUBackward(d[5], a[5]), ReLUBackward(d[6], a[6]), ReLUBackward(d[7], a[7]));

    /// <summary>The leaky rectifier of every lane.</summary>
    public static LaneVectorDouble LeakyReLU(LaneVectorDouble z, double slope) =>
        LaneVector.Create(LeakyReLU(z[0], slope), LeakyReLU(z[1], slope), LeakyReLU(z[2], slope), LeakyReLU(z[3], slope));

    /// <summary>The leaky rectifier of every lane.</summary>
    public static LaneVectorSingle LeakyReLU(LaneVectorSingle z, float slope) =>
        LaneVector.Create(LeakyReLU(z[0], slope), LeakyReLU(z[1], slope), LeakyReLU(z[2], slope), LeakyReLU(z[3], slope),
            LeakyReLU(z[4], slope), LeakyReLU(z[5], slope), LeakyReLU(z[6], slope), LeakyReLU(z[7], slope));

    /// <summary>δ where a &gt; 0, else slope · δ, in every lane.</summary>
    public static LaneVectorDouble LeakyReLUBackward(LaneVectorDouble d, LaneVectorDouble a, double slope) =>
        LaneVector.Create(LeakyReLUBackward(d[0], a[0], slope), LeakyReLUBackward(d[1], a[1], slope), LeakyReLUBackward(d[2], a[2], slope), LeakyReLUBackward(d[3], a[3], slope));

    /// <summary>δ where a &gt; 0, else slope · δ, in every lane.</summary>
    public static LaneVectorSingle LeakyReLUBackward(LaneVectorSingle d, LaneVectorSingle a, float slope) =>
        LaneVector.Create(LeakyReLUBackward(d[0], a[0], slope), LeakyReLUBackward(d[1], a[1], slope), LeakyReLUBackward(d[2], a[2], slope), LeakyReLUBackward(d[3], a[3], slope),
            LeakyReLUBackward(d[4], a[4], slope), LeakyReLUBackward(d[5], a[5], slope), LeakyReLUBackward(d[6], a[6], slope), LeakyReLUBackward(d[7], a[7], slope));

    /// <summary>GELU of every lane.</summary>
    public static LaneVectorDouble GELU(LaneVectorDouble z) =>
        LaneVector.Create(GELU(z[0]), GELU(z[1]), GELU(z[2]), GELU(z[3]));

    /// <summary>GELU of every lane.</summary>
    public static LaneVectorSingle GELU(LaneVectorSingle z) =>
        LaneVector.Create(GELU(z[0]), GELU(z[1]), GELU(z[2]), GELU(z[3]),
            GELU(z[4]), GELU(z[5]), GELU(z[6]), GELU(z[7]));

    /// <summary>δ · GELU'(z) of every lane, from z.</summary>
    public static LaneVectorDouble GELUBackward(LaneVectorDouble d, LaneVectorDouble z) =>
        LaneVector.Create(GELUBackward(d[0], z[0]), GELUBackward(d[1], z[1]), GELUBackward(d[2], z[2]), GELUBackward(d[3], z[3]));

    /// <summary>δ · GELU'(z) of every lane, from z.</summary>
    public static LaneVectorSingle GELUBackward(LaneVectorSingle d, LaneVectorSingle z) =>
        LaneVector.Create(GELUBackward(d[0], z[0]), GELUBackward(d[1], z[1]), GELUBackward(d[2], z[2]), GELUBackward(d[3], z[3]),
            GELUBackward(d[4], z[4]), GELUBackward(d[5], z[5]), GELUBackward(d[6], z[6]), GELUBackward(d[7], z[7]));

    /// <summary>SiLU of every lane.</summary>
    public static LaneVectorDouble SiLU(LaneVectorDouble z) =>
        LaneVector.Create(SiLU(z[0]), SiLU(z[1]), SiLU(z[2]), SiLU(z[3]));

    /// <summary>SiLU of every lane.</summary>
    public static LaneVectorSingle SiLU(LaneVectorSingle z) =>
        LaneVector.Create(SiLU(z[0]), SiLU(z[1]), SiLU(z[2]), SiLU(z[3]),
            SiLU(z[4]), SiLU(z[5]), SiLU(z[6]), SiLU(z[7]));

    /// <summary>δ · SiLU'(z) of every lane, from z.</summary>
    public static LaneVectorDouble SiLUBackward(LaneVectorDouble d, LaneVectorDouble z) =>
        LaneVector.Create(SiLUBackward(d[0], z[0]), SiLUBackward(d[1], z[1]), SiLUBackward(d[2], z[2]), SiLUBackward(d[3], z[3]));

    /// <summary>δ · SiLU'(z) of every lane, from z.</summary>
    public static LaneVectorSingle SiLUBackward(LaneVectorSingle d, LaneVectorSingle z) =>
        LaneVector.Create(SiLUBackward(d[0], z[0]), SiLUBackward(d[1], z[1]), SiLUBackward(d[2], z[2]), SiLUBackward(d[3], z[3]),
            SiLUBackward(d[4], z[4]), SiLUBackward(d[5], z[5]), SiLUBackward(d[6], z[6]), SiLUBackward(d[7], z[7]));

    /// <summary>ELU of every lane.</summary>
    public static LaneVectorDouble ELU(LaneVectorDouble z, double alpha) =>
        LaneVector.Create(ELU(z[0], alpha), ELU(z[1], alpha), ELU(z[2], alpha), ELU(z[3], alpha));

    /// <summary>ELU of every lane.</summary>
    public static LaneVectorSingle ELU(LaneVectorSingle z, float alpha) =>
        LaneVector.Create(ELU(z[0], alpha), ELU(z[1], alpha), ELU(z[2], alpha), ELU(z[3], alpha),
            ELU(z[4], alpha), ELU(z[5], alpha), ELU(z[6], alpha), ELU(z[7], alpha));

    /// <summary>δ where z &gt; 0, else (δ · α) · e^z, in every lane.</summary>
    public static LaneVectorDouble ELUBackward(LaneVectorDouble d, LaneVectorDouble z, double alpha) =>
        LaneVector.Create(ELUBackward(d[0], z[0], alpha), ELUBackward(d[1], z[1], alpha), ELUBackward(d[2], z[2], alpha), ELUBackward(d[3], z[3], alpha));

    /// <summary>δ where z &gt; 0, else (δ · α) · e^z, in every lane.</summary>
    public static LaneVectorSingle ELUBackward(LaneVectorSingle d, LaneVectorSingle z, float alpha) =>
        LaneVector.Create(ELUBackward(d[0], z[0], alpha), ELUBackward(d[1], z[1], alpha), ELUBackward(d[2], z[2], alpha), ELUBackward(d[3], z[3], alpha),
            ELUBackward(d[4], z[4], alpha), ELUBackward(d[5], z[5], alpha), ELUBackward(d[6], z[6], alpha), ELUBackward(d[7], z[7], alpha));
}
