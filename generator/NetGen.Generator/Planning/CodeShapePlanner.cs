using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

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

    /// <summary>
    /// A layer of a loop-shaped network gets straight-line code only up to this many weights, asked for or not: its
    /// backward method takes up to about 135 bytes of IL per weight (a 256 x 2 layer's took 68,894 bytes, past the
    /// JIT's 60,000-byte limit for optimisation, at 512 weights), and a test keeps the largest ones under 60,000.
    /// </summary>
    public const int StraightLineMaxWeights = 256;

    /// <summary>
    /// The passes of every layer (index 0 is layer 1) that get straight-line code in a loop-shaped network (the
    /// update is always one vectorised pass over the whole parameter block):
    /// the layers <paramref name="forced"/> lists (1-based, both passes); else none under <c>Unroll = Never</c>;
    /// else the planner's choice (<see cref="AutoLayer"/>); never a softmax layer. A network of the unrolled shape is
    /// straight-line code throughout and needs no plan.
    /// </summary>
    public static LayerPasses[] Layers(IReadOnlyList<int> sizes, CodeShape shape, UnrollMode unroll, IReadOnlyList<int>? forced, IReadOnlyList<Activation> activations)
    {
        var passes = new LayerPasses[sizes.Count - 1];
        if (shape != CodeShape.Loops || (forced is null && unroll == UnrollMode.Never))
        {
            return passes;
        }

        for (int l = 1; l < sizes.Count; l++)
        {
            // A softmax layer is never straight-line code: its units depend on each other (the kernels compute it per sample).
            passes[l - 1] = activations[l - 1] == Activation.Softmax ? LayerPasses.None
                : forced is null ? AutoLayer(sizes[l - 1], sizes[l])
                : forced.Contains(l) ? LayerPasses.Both : LayerPasses.None;
        }

        return passes;
    }

    /// <summary>
    /// The passes Auto writes as straight-line code for a layer of a loop-shaped network, from tests/NetGen.Benchmarks
    /// (<c>--filter '*LayerTail*' '*LayerHead*'</c>: the same network with one layer in the kernels or in straight-line
    /// code; the table is in the README). Inference: Forward of one sample was faster or even for layers of at most 4
    /// units, where the kernels, which vectorise over units, have less than a vector of them (8 → 1 faster in all
    /// seven runs, by 1-25%; 4 → 1 even; 16 → 1, 32 → 1 and 8 → 4 mostly faster), and slower from 8 units on (8 → 8
    /// by 15-21%, 8 → 32 by 24-26%). Training: no consistent winner (the same layer changing sign between runs, wide
    /// ones losing by up to 58%), so training always uses the kernels.
    /// </summary>
    public static LayerPasses AutoLayer(int inputs, int units) =>
        inputs <= AutoInferenceMaxFanIn && units <= AutoInferenceMaxUnits ? LayerPasses.Inference : LayerPasses.None;

    /// <summary>Straight-line inference in a loop-shaped network: at most this many inputs per unit (the longest sum measured).</summary>
    public const int AutoInferenceMaxFanIn = 32;

    /// <summary>Straight-line inference in a loop-shaped network: at most this many units.</summary>
    public const int AutoInferenceMaxUnits = 4;

    /// <summary>The shape for an <c>Unroll</c> setting; a listed <c>UnrolledLayers</c> means one parameter block.</summary>
    public static CodeShape Choose(IReadOnlyList<int> sizes, UnrollMode unroll, bool layersListed = false) => unroll switch
    {
        _ when layersListed => CodeShape.Loops,
        UnrollMode.Always => CodeShape.Unrolled,
        UnrollMode.Never => CodeShape.Loops,
        _ => Auto(sizes),
    };
}
