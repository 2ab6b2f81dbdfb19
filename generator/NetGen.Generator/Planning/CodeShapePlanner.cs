using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>The code a network gets: straight-line code with a field per weight, or vectorised loops over one parameter block.</summary>
internal enum CodeShape
{
    Unrolled = 0,
    Loops = 1,
}

/// <summary>
/// Chooses a network's code shape from its sizes, by thresholds measured on this project's machines with
/// tests/NetGen.Benchmarks (<c>--filter '*ShapeFan*'</c>: N-8-1 networks, unrolled against loops; the table is
/// in the README). Straight-line code wins Forward while every unit sums at most 8 inputs (8-8-1: 57 ns against
/// 87 ns) and loses from 16 on (113 ns against 81 ns); training on batches of 32 already favours the loops from
/// 4 inputs (4-4-1: 57 ns against 38 ns per sample), so 8 is where the two passes break even.
/// </summary>
internal static class CodeShapePlanner
{
    /// <summary>Unroll automatically only up to this many inputs per unit.</summary>
    public const int AutoMaxFanIn = 8;

    /// <summary>Unroll automatically only up to this many parameters.</summary>
    public const int AutoMaxParameters = 1024;

    /// <summary>
    /// Unrolled code is refused above this many parameters even when asked for: the training method holds
    /// about four operations per parameter, and RyuJIT compiles a method of more than about 60,000 bytes of IL
    /// without optimisation. The fully unrolled 1,024-parameter method stays below that.
    /// </summary>
    public const int UnrolledMaxParameters = 1024;

    /// <summary>
    /// No network may have more parameters: NetGen keeps parameters and gradient in one array each and bakes
    /// every size into the code; a network of more than 2^24 (16,777,216) parameters needs hundreds of megabytes
    /// and is better served by a runtime-sized library.
    /// </summary>
    public const long MaxParameters = 1L << 24;

    /// <summary>The shape Auto would choose.</summary>
    public static CodeShape Auto(IReadOnlyList<int> sizes) =>
        NetworkMath.ParameterCount(sizes) <= AutoMaxParameters && sizes.Take(sizes.Count - 1).All(n => n <= AutoMaxFanIn)
            ? CodeShape.Unrolled
            : CodeShape.Loops;

    /// <summary>The shape for an <c>Unroll</c> setting (0 Auto, 1 Always, 2 Never).</summary>
    public static CodeShape Choose(IReadOnlyList<int> sizes, int unroll) => unroll switch
    {
        1 => CodeShape.Unrolled,
        2 => CodeShape.Loops,
        _ => Auto(sizes),
    };
}
