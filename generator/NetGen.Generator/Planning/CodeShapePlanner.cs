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
/// tests/NetGen.Benchmarks (<c>--filter '*ShapeFan*'</c>: 2-4-1, 4-4-1 and N-8-1 networks in both shapes; the
/// table is in the README). Straight-line code wins both passes while every unit sums at most 8 inputs (8-8-1:
/// training 47 ns against 78 ns per sample, Forward 66 ns against 73 ns) and loses both from 16 on (16-8-1:
/// 141 ns against 108 ns, 107 ns against 88 ns).
/// </summary>
internal static class CodeShapePlanner
{
    /// <summary>Unroll automatically only up to this many inputs per unit.</summary>
    public const int AutoMaxFanIn = 8;

    /// <summary>Unroll automatically only up to this many parameters.</summary>
    public const int AutoMaxParameters = UnrolledMaxParameters;

    /// <summary>
    /// Unrolled code is refused above this many parameters even when asked for. The unrolled training method
    /// (a four-lane block and a one-sample loop) takes 160-180 bytes of IL per parameter, and RyuJIT compiles a
    /// method of more than 60,000 bytes of IL without optimisation: measured with DOTNET_JitDisasmSummary, 291
    /// parameters (47,594 bytes) were optimised and 369 (69,828 bytes) were not. A test keeps every unrolled
    /// method at this limit under 60,000 bytes.
    /// </summary>
    public const int UnrolledMaxParameters = 300;

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
