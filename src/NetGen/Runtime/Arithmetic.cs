using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// Scalar arithmetic that must round exactly as NetGen's kernels round. This is the one place that decides whether
/// a multiply-add is fused: the build symbol <c>NETGEN_FUSED_MULTIPLY_ADD</c>, which <c>NetGen.csproj</c> defines for
/// the net10.0 build of this library (apps on .NET 10 and newer) and not for the net8.0 build (apps on .NET 8 and 9,
/// whose runtime has no portable vector fused multiply-add). The vector widths of the kernels
/// (<see cref="ILanes{TV, T}.MultiplyAdd"/>) and generated straight-line code (through <see cref="MulAdd(double, double, double)"/>)
/// follow the same symbol, so a layer gives the same bits whichever of them computes it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Arithmetic
{
    /// <summary>True where this build of NetGen fuses every multiply-add (one rounding); false where it rounds twice.</summary>
    public static bool FusesMultiplyAdd =>
#if NETGEN_FUSED_MULTIPLY_ADD
        true;
#else
        false;
#endif

    /// <summary><c>a · b + c</c>, rounded once where <see cref="FusesMultiplyAdd"/> is true, after the multiply and after the add otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MulAdd(double a, double b, double c) =>
#if NETGEN_FUSED_MULTIPLY_ADD
        Math.FusedMultiplyAdd(a, b, c);
#else
        (a * b) + c;
#endif

    /// <summary><c>a · b + c</c> in single precision, rounded as <see cref="MulAdd(double, double, double)"/> rounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MulAdd(float a, float b, float c) =>
#if NETGEN_FUSED_MULTIPLY_ADD
        MathF.FusedMultiplyAdd(a, b, c);
#else
        (a * b) + c;
#endif
}
