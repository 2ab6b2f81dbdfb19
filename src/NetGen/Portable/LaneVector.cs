using System.ComponentModel;

namespace NetGen.Runtime;

/// <summary>
/// Stand-ins for <c>Vector256</c> in the .NET Standard 2.1 build (Unity, Mono), which has none: the generated code names
/// them through its aliases, and they compute lane by lane, each lane the IEEE operation a 256-bit vector applies to it,
/// so a deterministic network's lanes (four samples at once in double, eight in float) give the same bits as on .NET.
/// They are never "in hardware": a network that is not deterministic goes one sample at a time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LaneVector
{
    /// <summary>False: these are not hardware vectors.</summary>
    public static bool IsHardwareAccelerated => false;

    /// <summary>Four doubles.</summary>
    public static LaneVectorDouble Create(double e0, double e1, double e2, double e3) => new(e0, e1, e2, e3);

    /// <summary>One double in every lane.</summary>
    public static LaneVectorDouble Create(double value) => new(value, value, value, value);

    /// <summary>Eight floats.</summary>
    public static LaneVectorSingle Create(float e0, float e1, float e2, float e3, float e4, float e5, float e6, float e7) =>
        new(new LaneVectorSingle.Half(e0, e1, e2, e3), new LaneVectorSingle.Half(e4, e5, e6, e7));

    /// <summary>One float in every lane.</summary>
    public static LaneVectorSingle Create(float value) => Create(value, value, value, value, value, value, value, value);

    /// <summary>The lanes' sum, <c>(v0 + v1) + (v2 + v3)</c>.</summary>
    public static double Sum(LaneVectorDouble v) => (v.E0 + v.E1) + (v.E2 + v.E3);

    /// <summary>The lanes' sum, each half as the double's, then the halves.</summary>
    public static float Sum(LaneVectorSingle v) =>
        ((v.Low.E0 + v.Low.E1) + (v.Low.E2 + v.Low.E3)) + ((v.High.E0 + v.High.E1) + (v.High.E2 + v.High.E3));
}

/// <summary>Four doubles, the .NET Standard build's stand-in for <c>Vector256&lt;double&gt;</c> (see <see cref="LaneVector"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LaneVectorDouble
{
    internal readonly double E0, E1, E2, E3;

    internal LaneVectorDouble(double e0, double e1, double e2, double e3)
    {
        E0 = e0;
        E1 = e1;
        E2 = e2;
        E3 = e3;
    }

    /// <summary>Lane <paramref name="index"/> (0 to 3).</summary>
    public double this[int index] => index switch { 0 => E0, 1 => E1, 2 => E2, _ => E3 };

    /// <summary>Lane by lane.</summary>
    public static LaneVectorDouble operator +(LaneVectorDouble a, LaneVectorDouble b) => new(a.E0 + b.E0, a.E1 + b.E1, a.E2 + b.E2, a.E3 + b.E3);

    /// <summary>Lane by lane.</summary>
    public static LaneVectorDouble operator -(LaneVectorDouble a, LaneVectorDouble b) => new(a.E0 - b.E0, a.E1 - b.E1, a.E2 - b.E2, a.E3 - b.E3);

    /// <summary>Lane by lane.</summary>
    public static LaneVectorDouble operator *(LaneVectorDouble a, LaneVectorDouble b) => new(a.E0 * b.E0, a.E1 * b.E1, a.E2 * b.E2, a.E3 * b.E3);

    /// <summary>Lane by lane.</summary>
    public static LaneVectorDouble operator /(LaneVectorDouble a, LaneVectorDouble b) => new(a.E0 / b.E0, a.E1 / b.E1, a.E2 / b.E2, a.E3 / b.E3);
}

/// <summary>Eight floats, the .NET Standard build's stand-in for <c>Vector256&lt;float&gt;</c> (see <see cref="LaneVector"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct LaneVectorSingle
{
    internal readonly Half Low, High;

    internal LaneVectorSingle(Half low, Half high)
    {
        Low = low;
        High = high;
    }

    /// <summary>Lane <paramref name="index"/> (0 to 7).</summary>
    public float this[int index] => index < 4 ? Low[index] : High[index - 4];

    /// <summary>Lane by lane.</summary>
    public static LaneVectorSingle operator +(LaneVectorSingle a, LaneVectorSingle b) => new(a.Low + b.Low, a.High + b.High);

    /// <summary>Lane by lane.</summary>
    public static LaneVectorSingle operator -(LaneVectorSingle a, LaneVectorSingle b) => new(a.Low - b.Low, a.High - b.High);

    /// <summary>Lane by lane.</summary>
    public static LaneVectorSingle operator *(LaneVectorSingle a, LaneVectorSingle b) => new(a.Low * b.Low, a.High * b.High);

    /// <summary>Lane by lane.</summary>
    public static LaneVectorSingle operator /(LaneVectorSingle a, LaneVectorSingle b) => new(a.Low / b.Low, a.High / b.High);

    /// <summary>Four of the eight floats.</summary>
    internal readonly struct Half
    {
        internal readonly float E0, E1, E2, E3;

        internal Half(float e0, float e1, float e2, float e3)
        {
            E0 = e0;
            E1 = e1;
            E2 = e2;
            E3 = e3;
        }

        public float this[int index] => index switch { 0 => E0, 1 => E1, 2 => E2, _ => E3 };

        public static Half operator +(Half a, Half b) => new(a.E0 + b.E0, a.E1 + b.E1, a.E2 + b.E2, a.E3 + b.E3);

        public static Half operator -(Half a, Half b) => new(a.E0 - b.E0, a.E1 - b.E1, a.E2 - b.E2, a.E3 - b.E3);

        public static Half operator *(Half a, Half b) => new(a.E0 * b.E0, a.E1 * b.E1, a.E2 * b.E2, a.E3 * b.E3);

        public static Half operator /(Half a, Half b) => new(a.E0 / b.E0, a.E1 / b.E1, a.E2 / b.E2, a.E3 / b.E3);
    }
}
