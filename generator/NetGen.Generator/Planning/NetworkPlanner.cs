using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Planning;

/// <summary>The planner's result for one declaration: the model to emit (null when the plan has an error) and the plan's diagnostics.</summary>
internal sealed record NetworkPlan(NetworkModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// The second step: turns what a <c>[Network]</c> attribute says (<see cref="NetworkDeclaration"/>) into the
/// <see cref="NetworkModel"/> the emitter writes. It chooses the code shape (<see cref="CodeShapePlanner"/>), the
/// straight-line passes of each layer, each layer's activation and the loss, and reports what it cannot plan
/// (<c>Unroll</c> and <c>UnrolledLayers</c> asking for code NetGen refuses) and what it plans against the
/// measurements (slower code asked for).
/// </summary>
internal static class NetworkPlanner
{
    /// <summary>
    /// Plans <paramref name="declaration"/>. The generator plans only declarations the parser found no error in; the
    /// analyzer plans every one for its diagnostics, which point at <paramref name="locations"/> (nowhere without).
    /// </summary>
    public static NetworkPlan Plan(NetworkDeclaration declaration, DeclarationLocations? locations = null)
    {
        var errors = new List<DiagnosticInfo>();
        var warnings = new List<DiagnosticInfo>();
        string name = declaration.Name;
        int[] sizes = declaration.LayerSizes.AsSpan().ToArray();
        bool sizesValid = declaration.SizesValid;
        long parameters = sizesValid ? NetworkMath.ParameterCount(sizes) : 0;
        UnrollMode unroll = declaration.Unroll;
        int[]? unrolledLayers = declaration.UnrolledLayers?.AsSpan().ToArray();
        LocationInfo? unrollLocation = locations?.Unroll;
        LocationInfo? layersLocation = locations?.UnrolledLayers;

        CodeShape shape = sizesValid ? CodeShapePlanner.Choose(sizes, unroll, unrolledLayers is not null) : CodeShape.Unrolled;
        if (unrolledLayers is not null)
        {
            Activation[] activations = declaration.Activations.AsSpan().ToArray();
            CheckUnrolledLayers(unrolledLayers, sizesValid ? sizes : null, activations, unroll, name, layersLocation, errors, warnings);
            if (sizesValid && unroll != UnrollMode.Always && CodeShapePlanner.Auto(sizes) == CodeShape.Unrolled)
            {
                warnings.Add(DiagnosticInfo.Of(DiagnosticDescriptors.SlowLoops, layersLocation, name, "UnrolledLayers", "remove UnrolledLayers"));
            }
        }
        else if (sizesValid && unroll == UnrollMode.Always
            && parameters > CodeShapePlanner.UnrolledMaxParameters && parameters <= CodeShapePlanner.MaxParameters)
        {
            errors.Add(DiagnosticInfo.Of(
                DiagnosticDescriptors.TooLargeToUnroll,
                unrollLocation,
                name,
                Text(parameters),
                Text(CodeShapePlanner.UnrolledMaxParameters)));
        }
        else if (sizesValid && unroll == UnrollMode.Always && CodeShapePlanner.Auto(sizes) == CodeShape.Loops)
        {
            // At most 300 parameters here (more is NG0013), so Auto chose loops for a long sum.
            int widest = sizes.Take(sizes.Length - 1).Max();
            string why = "a unit sums " + Text(widest) + " inputs (more than " + Text(CodeShapePlanner.AutoMaxFanIn) + ")";
            warnings.Add(DiagnosticInfo.Of(DiagnosticDescriptors.SlowUnroll, unrollLocation, name, why));
        }
        else if (sizesValid && unroll == UnrollMode.Never && CodeShapePlanner.Auto(sizes) == CodeShape.Unrolled)
        {
            warnings.Add(DiagnosticInfo.Of(DiagnosticDescriptors.SlowLoops, unrollLocation, name, "Unroll = UnrollMode.Never", "use UnrollMode.Auto"));
        }

        // Errors stop the emit; warnings and information do not.
        NetworkModel? model = errors.Count == 0 && sizesValid && parameters <= CodeShapePlanner.MaxParameters
            ? new NetworkModel(
                declaration,
                shape,
                new EquatableArray<LayerPasses>(CodeShapePlanner.Layers(sizes, shape, unroll, unrolledLayers, declaration.Activations.AsSpan().ToArray())))
            : null;
        return new NetworkPlan(model, new EquatableArray<DiagnosticInfo>(errors.Concat(warnings).ToArray()));
    }

    /// <summary>
    /// Checks <c>UnrolledLayers</c>: every entry names a layer once (1 to the number of layers), none is too large
    /// for straight-line code, and it does not meet <c>Unroll = Always</c>; warns where a listed layer is one the
    /// planner would have left in loops because loops measured faster, or the softmax layer, which it never writes
    /// as straight-line code.
    /// </summary>
    private static void CheckUnrolledLayers(
        int[] layers, int[]? sizes, Activation[] activations, UnrollMode unroll, string className, LocationInfo? where, List<DiagnosticInfo> errors, List<DiagnosticInfo> warnings)
    {
        if (unroll == UnrollMode.Always)
        {
            errors.Add(DiagnosticInfo.Of(DiagnosticDescriptors.UnrolledLayersWithAlways, where, className));
            return;
        }

        if (sizes is null)
        {
            return;
        }

        int count = sizes.Length - 1;
        var seen = new HashSet<int>();
        var twice = new HashSet<int>();
        foreach (int layer in layers)
        {
            // Each wrong entry is reported once, however often it is listed.
            bool first = seen.Add(layer);
            bool outside = layer < 1 || layer > count;
            if (outside || !first)
            {
                if ((outside && first) || (!outside && twice.Add(layer)))
                {
                    errors.Add(DiagnosticInfo.Of(
                        DiagnosticDescriptors.UnrolledLayerOutOfRange,
                        where,
                        Text(layer),
                        className,
                        Text(count),
                        outside ? "not a layer" : "listed twice"));
                }

                continue;
            }

            if (layer == count && activations.Length == count && activations[layer - 1] == Activation.Softmax)
            {
                warnings.Add(DiagnosticInfo.Of(DiagnosticDescriptors.SoftmaxLayerUnrolled, where, Text(layer), className));
                continue;
            }

            long weights = (long)sizes[layer - 1] * sizes[layer];
            string dimensions = Text(sizes[layer - 1]) + " x " + Text(sizes[layer]);
            if (weights > CodeShapePlanner.StraightLineMaxWeights)
            {
                errors.Add(DiagnosticInfo.Of(
                    DiagnosticDescriptors.LayerTooLargeToUnroll,
                    where,
                    Text(layer),
                    className,
                    dimensions,
                    Text(weights),
                    Text(CodeShapePlanner.StraightLineMaxWeights)));
            }
            else if (CodeShapePlanner.AutoLayer(sizes[layer - 1], sizes[layer]) == LayerPasses.None)
            {
                warnings.Add(DiagnosticInfo.Of(DiagnosticDescriptors.SlowUnrolledLayer, where, Text(layer), className, dimensions));
            }
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
