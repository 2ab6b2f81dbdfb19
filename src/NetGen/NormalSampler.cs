using System;

namespace NetGen;

/// <summary>
/// A reproducible source of standard normal numbers, used to initialise weights. It gives the same
/// sequence for the same seed on every .NET version and platform, which <see cref="Random"/> does not promise.
/// </summary>
/// <remarks>
/// <para><b>Uniforms.</b> SplitMix64 (Steele, Lea and Flood, 2014): the state starts at the seed
/// sign-extended to 64 bits; each step adds 0x9E3779B97F4A7C15 and mixes the state with the two
/// multiply-xorshift rounds (0xBF58476D1CE4E5B9, 0x94D049BB133111EB). A uniform in [0, 1) is the top 53
/// bits of a step times 2^−53.</para>
/// <para><b>Normals.</b> Marsaglia's polar method: draw <c>u = 2U₁ − 1</c>, <c>v = 2U₂ − 1</c>, reject the
/// pair unless <c>0 &lt; s = u² + v² &lt; 1</c>, then <c>f = √(−2 ln s / s)</c> yields two normals, <c>u·f</c>
/// first and <c>v·f</c> on the next call. The natural logarithm is computed by <see cref="Log"/> from
/// IEEE additions, multiplications and divisions only, and <see cref="Math.Sqrt"/> is correctly rounded,
/// so no platform math library can change a bit of the sequence.</para>
/// </remarks>
public struct NormalSampler
{
    private const double TwoPowMinus53 = 1.0 / 9007199254740992.0;
    private ulong _state;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Starts the sequence for <paramref name="seed"/>.</summary>
    public NormalSampler(int seed)
    {
        _state = unchecked((ulong)(long)seed);
        _spare = 0.0;
        _hasSpare = false;
    }

    /// <summary>The next 64 random bits (one SplitMix64 step).</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>The next uniform number in [0, 1), a multiple of 2^−53.</summary>
    public double NextUniform() => (NextUInt64() >> 11) * TwoPowMinus53;

    /// <summary>The next number from the standard normal distribution N(0, 1).</summary>
    public double NextStandardNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u, v, s;
        do
        {
            u = 2.0 * NextUniform() - 1.0;
            v = 2.0 * NextUniform() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);

        double f = Math.Sqrt(-2.0 * Log(s) / s);
        _spare = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>
    /// The natural logarithm of a positive, finite, normal number, to within about one unit in the last
    /// place, from basic IEEE arithmetic only (so it is bit-for-bit the same everywhere): <c>x = m · 2^e</c> with
    /// <c>m</c> in [√½, √2), and <c>ln m = 2 atanh(f)</c> with <c>f = (m − 1) / (m + 1)</c> summed as a series.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">x is not a positive, finite, normal number.</exception>
    public static double Log(double x)
    {
        if (!(x >= double.Epsilon * 4503599627370496.0) || double.IsPositiveInfinity(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Log takes a positive, finite, normal number.");
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L); // m in [1, 2)
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            exponent++;
        }

        double f = (m - 1.0) / (m + 1.0);   // |f| ≤ 0.1716
        double f2 = f * f;
        // atanh(f) / f = 1 + f²/3 + f⁴/5 + ... ; f²ᵏ/(2k+1) < 1e-18 by k = 11.
        double series = 1.0 / 23.0;
        for (int k = 10; k >= 0; k--)
        {
            series = 1.0 / (2 * k + 1) + f2 * series;
        }

        const double Ln2High = 0.6931471803691238;     // ln 2 rounded to 32 significant bits
        const double Ln2Low = 1.9082149292705877e-10;  // ln 2 − Ln2High
        return exponent * Ln2High + (2.0 * f * series + exponent * Ln2Low);
    }
}
