using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Runtime;

/// <summary>
/// Scalar arithmetic that must round exactly as NetGen's kernels round: every multiply-add is fused (one rounding), in
/// both builds of this library and on every machine, as the vector widths of the kernels
/// (<see cref="ILanes{TV, T}.MultiplyAdd"/>) fuse theirs, so a layer gives the same bits whichever of them computes it.
/// <c>Math.FusedMultiplyAdd</c> is the processor's instruction where it has one and a correctly rounded software
/// routine where it has not.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Arithmetic
{
    /// <summary>True: every build of NetGen fuses every multiply-add (one rounding).</summary>
    public static bool FusesMultiplyAdd => true;

    /// <summary><c>a · b + c</c>, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MulAdd(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    /// <summary><c>a · b + c</c> in single precision, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MulAdd(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);
}
