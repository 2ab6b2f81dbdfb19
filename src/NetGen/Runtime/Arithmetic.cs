using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// Scalar arithmetic that must round exactly as NetGen's kernels round: every multiply-add is fused (one rounding), in
/// both builds of this library and on every machine, as the vector widths of the kernels
/// (<see cref="ILanes{TV, T}.MultiplyAdd"/>) fuse theirs, so a layer gives the same bits whichever of them computes it.
/// <c>Math.FusedMultiplyAdd</c> is the processor's instruction where it has one and a correctly rounded software
/// routine where it has not. .NET Standard 2.1 has no fused multiply-add, so that build (Unity, Mono) rounds each one
/// once in software (SoftwareFma), to the same bits.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Arithmetic
{
    /// <summary>True: every build of NetGen fuses every multiply-add (one rounding).</summary>
    public static bool FusesMultiplyAdd => true;

    /// <summary><c>a · b + c</c>, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETGEN_PORTABLE
    public static double MulAdd(double a, double b, double c) => SoftwareFma.MulAdd(a, b, c);
#else
    public static double MulAdd(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);
#endif

    /// <summary><c>a · b + c</c> in single precision, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
#if NETGEN_PORTABLE
    public static float MulAdd(float a, float b, float c) => SoftwareFma.MulAdd(a, b, c);
#else
    public static float MulAdd(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);
#endif

    /// <summary>The smallest positive normal double, 2^−1022 ≈ 2.2e−308: below it doubles are subnormal.</summary>
    public const double SmallestNormalDouble = 2.2250738585072014E-308;

    /// <summary>The smallest positive normal float, 2^−126 ≈ 1.2e−38: below it floats are subnormal.</summary>
    public const float SmallestNormalSingle = 1.17549435E-38f;

    /// <summary>
    /// <paramref name="value"/>, or +0 where its magnitude is below the smallest normal number of its type (a subnormal
    /// number, or −0): what every optimizer with state applies to the parameters and state it stores, so that no step
    /// computes on subnormal numbers, which x86 processors handle in microcode, at many times the cost of a normal
    /// operation. NaN and ±∞ pass unchanged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FlushSubnormal(double value) => Math.Abs(value) < SmallestNormalDouble ? 0.0 : value;

    /// <inheritdoc cref="FlushSubnormal(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FlushSubnormal(float value) => MathF.Abs(value) < SmallestNormalSingle ? 0f : value;
}
