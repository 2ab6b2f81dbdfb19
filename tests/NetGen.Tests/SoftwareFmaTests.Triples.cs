using System;
using System.Collections.Generic;
using System.Text;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests;

/// <summary>The triples the tests draw: random over the whole range, steered to the hard cases, and their exponents.</summary>
public partial class SoftwareFmaTests
{
    /// <summary>
    /// ±(1 + m · 2^−52) · 2^exponent, for any exponent (rounded to a subnormal number, 0 or ∞ where it is out of range),
    /// with a random significand m of 52 bits, or of a few leading bits only (so that products are short and sums
    /// exact or ties more often).
    /// </summary>
    private static double RandomDouble(Bits bits, int exponent)
    {
        ulong significand = bits.Next() & 0x000F_FFFF_FFFF_FFFFUL;
        if (bits.Between(0, 3) == 0)
        {
            significand &= ~((1UL << bits.Between(0, 52)) - 1); // keep a few leading bits
        }

        double x = Math.ScaleB(BitConverter.Int64BitsToDouble((long)(significand | 0x3FF0_0000_0000_0000UL)), exponent);
        return bits.Coin() ? -x : x;
    }

    private static float RandomSingle(Bits bits, int exponent)
    {
        uint significand = (uint)bits.Next() & 0x007F_FFFFu;
        if (bits.Between(0, 3) == 0)
        {
            significand &= ~((1u << bits.Between(0, 23)) - 1);
        }

        float x = MathF.ScaleB(BitConverter.Int32BitsToSingle((int)(significand | 0x3F80_0000u)), exponent);
        return bits.Coin() ? -x : x;
    }

    /// <summary>A random double's whole bit pattern: NaN, ±∞, subnormal numbers and zeros included, now and then.</summary>
    private static double AnyDouble(Bits bits) => bits.Between(0, 15) switch
    {
        0 => bits.Coin() ? 0.0 : -0.0,
        1 => bits.Coin() ? double.PositiveInfinity : double.NegativeInfinity,
        2 => BitConverter.Int64BitsToDouble((long)(bits.Next() & 0x800F_FFFF_FFFF_FFFFUL)), // subnormal
        3 => double.NaN,
        _ => BitConverter.Int64BitsToDouble((long)bits.Next()),
    };

    private static float AnySingle(Bits bits) => bits.Between(0, 15) switch
    {
        0 => bits.Coin() ? 0f : -0f,
        1 => bits.Coin() ? float.PositiveInfinity : float.NegativeInfinity,
        2 => BitConverter.Int32BitsToSingle((int)((uint)bits.Next() & 0x807F_FFFFu)),
        3 => float.NaN,
        _ => BitConverter.Int32BitsToSingle((int)bits.Next()),
    };

    /// <summary>
    /// One random triple of one of the kinds a correct rounding is hard for: everywhere, near the subnormal numbers and
    /// near overflow, cancelling (c ≈ −a · b), c near half a unit in the last place of a · b, c far above or below
    /// a · b, subnormal inputs, and the exponents a network's values have.
    /// </summary>
    private static (double A, double B, double C) RandomTriple(Bits bits)
    {
        double a, b, c;
        switch (bits.Between(0, 11))
        {
            case 0: // any bits
                return (AnyDouble(bits), AnyDouble(bits), AnyDouble(bits));
            case 1: // any exponents, c's near the product's
            {
                int ea = bits.Between(-1080, 1030), eb = bits.Between(-1080, 1030);
                return (RandomDouble(bits, ea), RandomDouble(bits, eb), RandomDouble(bits, ea + eb + bits.Between(-120, 120)));
            }

            case 2: // products and sums near and in the subnormal numbers
            {
                int ep = bits.Between(-1140, -960), ea = bits.Between(-1074, 100);
                a = RandomDouble(bits, ea);
                b = RandomDouble(bits, ep - ea);
                c = bits.Between(0, 3) switch
                {
                    0 => BitConverter.Int64BitsToDouble((long)(bits.Next() & 0x800F_FFFF_FFFF_FFFFUL)),
                    1 => bits.Coin() ? 0.0 : -0.0,
                    _ => RandomDouble(bits, ep + bits.Between(-60, 60)),
                };
                return (a, b, c);
            }

            case 3: // near overflow
            {
                int ep = bits.Between(1000, 1030), ea = bits.Between(-10, 1023);
                a = RandomDouble(bits, ea);
                b = RandomDouble(bits, ep - ea);
                c = RandomDouble(bits, Math.Min(1023, ep + bits.Between(-60, 3)));
                return (a, b, c);
            }

            case 4: // cancellation: c = −(a · b rounded), give or take a few units in its last place
            {
                int ea = bits.Between(-1074, 1023), eb = bits.Between(-1100, 1030) - ea;
                a = RandomDouble(bits, ea);
                b = RandomDouble(bits, Math.Clamp(eb, -1074, 1023));
                c = -(a * b);
                if (double.IsFinite(c) && bits.Coin())
                {
                    long step = bits.Between(-4, 4);
                    c = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(c) + step);
                }

                return (a, b, c);
            }

            case 5: // c half a unit in the last place of a · b (rounded), a little more or less, either sign
            {
                int ea = bits.Between(-1074, 1023), eb = bits.Between(-1100, 1030) - ea;
                a = RandomDouble(bits, ea);
                b = RandomDouble(bits, Math.Clamp(eb, -1074, 1023));
                double half = Ulp(a * b) / 2;
                if (!double.IsFinite(half))
                {
                    half = 0;
                }

                c = bits.Between(0, 2) switch
                {
                    0 => half,
                    1 => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(half) + bits.Between(-2, 2)),
                    _ => half * (1 + (bits.Between(1, 7) * Math.ScaleB(1.0, -bits.Between(1, 52)))),
                };
                return (a, b, bits.Coin() ? c : -c);
            }

            case 6: // a midpoint between doubles near a · b, minus a · b rounded: the product's error decides a tie
            {
                int ea = bits.Between(-1074, 1023), eb = bits.Between(-1100, 1030) - ea;
                a = RandomDouble(bits, ea);
                b = RandomDouble(bits, Math.Clamp(eb, -1074, 1023));
                double p = a * b;
                if (!double.IsFinite(p))
                {
                    return (a, b, 1.0);
                }

                c = (Ulp(p) * (bits.Between(-8, 8) + 0.5)) + bits.Between(-3, 3) * Ulp(p) * Math.ScaleB(1.0, -bits.Between(1, 60));
                return (a, b, c);
            }

            case 7: // c far above or far below a · b
            {
                int ea = bits.Between(-600, 600), eb = bits.Between(-600, 600);
                int gap = bits.Between(40, 200) * (bits.Coin() ? 1 : -1);
                return (RandomDouble(bits, ea), RandomDouble(bits, eb), RandomDouble(bits, ea + eb + gap));
            }

            case 8: // subnormal inputs
            {
                double Subnormal() => BitConverter.Int64BitsToDouble((long)(bits.Next() & 0x800F_FFFF_FFFF_FFFFUL) >> bits.Between(0, 50));
                a = Subnormal();
                b = bits.Coin() ? Subnormal() : RandomDouble(bits, bits.Between(-10, 1023));
                c = bits.Between(0, 2) switch
                {
                    0 => Subnormal(),
                    1 => RandomDouble(bits, bits.Between(-1074, -900)),
                    _ => AnyDouble(bits),
                };
                return bits.Coin() ? (a, b, c) : (b, a, c);
            }

            case 9: // short significands: exact products, sums that are exact or ties
            {
                int ea = bits.Between(-560, 540), eb = bits.Between(-560, 540);
                a = ShortDouble(bits, ea);
                b = ShortDouble(bits, eb);
                c = ShortDouble(bits, ea + eb + bits.Between(-60, 60));
                return (a, b, c);
            }

            default: // the exponents of a network's values
                return (RandomDouble(bits, bits.Between(-30, 8)), RandomDouble(bits, bits.Between(-30, 8)), RandomDouble(bits, bits.Between(-40, 10)));
        }
    }

    /// <summary>±m · 2^exponent with a random odd m below 2^k, k from 1 to 30.</summary>
    private static double ShortDouble(Bits bits, int exponent)
    {
        long m = (long)(bits.Next() >> bits.Between(34, 63)) | 1;
        double x = Math.ScaleB(m, exponent);
        return bits.Coin() ? -x : x;
    }

    private static float ShortSingle(Bits bits, int exponent)
    {
        int m = (int)(bits.Next() >> bits.Between(51, 63)) | 1;
        float x = MathF.ScaleB(m, exponent);
        return bits.Coin() ? -x : x;
    }

    private static (float A, float B, float C) RandomSingleTriple(Bits bits)
    {
        float a, b, c;
        switch (bits.Between(0, 10))
        {
            case 0:
                return (AnySingle(bits), AnySingle(bits), AnySingle(bits));
            case 1:
            {
                int ea = bits.Between(-152, 130), eb = bits.Between(-152, 130);
                return (RandomSingle(bits, ea), RandomSingle(bits, eb), RandomSingle(bits, ea + eb + bits.Between(-60, 60)));
            }

            case 2: // subnormal results
            {
                int ep = bits.Between(-180, -110), ea = bits.Between(-149, 40);
                a = RandomSingle(bits, ea);
                b = RandomSingle(bits, ep - ea);
                c = bits.Coin() ? BitConverter.Int32BitsToSingle((int)((uint)bits.Next() & 0x807F_FFFFu)) : RandomSingle(bits, ep + bits.Between(-30, 30));
                return (a, b, c);
            }

            case 3: // overflow
            {
                int ep = bits.Between(120, 132), ea = bits.Between(-5, 127);
                a = RandomSingle(bits, ea);
                b = RandomSingle(bits, ep - ea);
                return (a, b, RandomSingle(bits, Math.Min(127, ep + bits.Between(-30, 2))));
            }

            case 4: // cancellation
            {
                int ea = bits.Between(-149, 127);
                a = RandomSingle(bits, ea);
                b = RandomSingle(bits, Math.Clamp(bits.Between(-160, 130) - ea, -149, 127));
                c = -(a * b);
                if (float.IsFinite(c) && bits.Coin())
                {
                    c = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(c) + bits.Between(-4, 4));
                }

                return (a, b, c);
            }

            case 5: // c near half a unit in the last place of a · b rounded
            {
                int ea = bits.Between(-149, 127);
                a = RandomSingle(bits, ea);
                b = RandomSingle(bits, Math.Clamp(bits.Between(-160, 130) - ea, -149, 127));
                float p = a * b;
                if (!float.IsFinite(p))
                {
                    return (a, b, 1f);
                }

                c = (Ulp(p) * (bits.Between(-8, 8) + 0.5f)) + (bits.Between(-3, 3) * Ulp(p) * MathF.ScaleB(1f, -bits.Between(1, 30)));
                return (a, b, c);
            }

            case 6: // c far from a · b: the double-rounding cases (a tie in float after a first rounding in double)
            {
                int ea = bits.Between(-60, 60), eb = bits.Between(-60, 60);
                int gap = bits.Between(20, 80) * (bits.Coin() ? 1 : -1);
                return (RandomSingle(bits, ea), RandomSingle(bits, eb), RandomSingle(bits, Math.Clamp(ea + eb + gap, -149, 127)));
            }

            case 7: // a · b = ±2^k · (1 − m² · 2^−2i), c with its half unit in the last place at 2^k: rounded to double,
                    // c + a · b is a tie between floats, and the exact sum is a little below it
            {
                int i = bits.Between(15, 23);
                float x = bits.Between(1, 1 << (i - 15)) * MathF.ScaleB(1f, -i);
                int k = bits.Between(-160, 100);
                if (k + 24 < -126)
                {
                    k = -150; // c subnormal: its half unit in the last place is 2^−150
                    c = BitConverter.Int32BitsToSingle((int)((uint)bits.Next() & 0x807F_FFFFu));
                }
                else
                {
                    c = RandomSingle(bits, k + 24);
                }

                int ka = (k / 2) + bits.Between(-20, 20);
                a = MathF.ScaleB(1 + x, ka);
                b = MathF.ScaleB(1 - x, k - ka);
                return (bits.Coin() ? a : -a, bits.Coin() ? b : -b, c);
            }

            case 8:
            {
                int ea = bits.Between(-70, 60), eb = bits.Between(-70, 60);
                return (ShortSingle(bits, ea), ShortSingle(bits, eb), ShortSingle(bits, ea + eb + bits.Between(-30, 30)));
            }

            default:
                return (RandomSingle(bits, bits.Between(-30, 8)), RandomSingle(bits, bits.Between(-30, 8)), RandomSingle(bits, bits.Between(-40, 10)));
        }
    }
}
