using System;
using System.Collections.Generic;

namespace NetGen.Generator.Emit;

/// <summary>
/// The using aliases at the top of a generated file: short names for the types its code calls again and again, so a
/// call reads <c>__Dense.Forward(...)</c> rather than <c>global::NetGen.Runtime.Dense.Forward(...)</c>. The targets keep
/// <c>global::</c>, so no user type can stand in for them, and the names start with two underscores, which C# reserves
/// for the implementation and NetGen for its members (NG0012), so they meet no name of the user's. A file declares the
/// aliases its code uses and no other (<see cref="Usings"/>).
/// </summary>
internal static class FileAliases
{
    /// <summary><c>Vector256&lt;T&gt;</c> of the network's number type.</summary>
    public const string Vector = "__Vector";

    /// <summary>The static class <c>Vector256</c> (Create, Sum, IsHardwareAccelerated).</summary>
    public const string Vectors = "__Vector256";

    /// <summary>
    /// <c>System.Math</c>, or <c>System.MathF</c> for float; NetGen.Runtime.PortableMath (NetGen's own exp and log, for both)
    /// in a network declared <c>Deterministic = true</c>.
    /// </summary>
    public const string Math = "__Math";

    /// <summary>NetGen.Runtime.Dense, the vectorised kernels.</summary>
    public const string Dense = "__Dense";

    /// <summary>NetGen.Runtime.Aligned, the pinned, 64-byte aligned arrays of the loop shape.</summary>
    public const string Aligned = "__Aligned";

    /// <summary>NetGen.Runtime.ShapeGuard, the argument checks of the public members.</summary>
    public const string Guard = "__Guard";

    /// <summary>
    /// NetGen.Runtime.VectorActivations, the activations of one value or a vector; NetGen.Runtime.PortableVectorActivations,
    /// on NetGen's own exp, in a network declared <c>Deterministic = true</c>.
    /// </summary>
    public const string VectorActivations = "__VectorActivations";

    /// <summary>NetGen.Runtime.OptimizerStateLayout, the flat optimizer state.</summary>
    public const string StateLayout = "__StateLayout";

    /// <summary>NetGen.Runtime.Dropout, the dropout masks' stream.</summary>
    public const string Dropout = "__Dropout";

    /// <summary>NetGen.Runtime.ClassLabels, the one-hot rows of class labels.</summary>
    public const string ClassLabels = "__ClassLabels";

    /// <summary>NetGen.Runtime.LaneSums, the fold of the unrolled shape's lanes four parameters at a time.</summary>
    public const string LaneSums = "__LaneSums";

    /// <summary>Every alias and its target (given the number type and whether the network is deterministic), in the order a file declares them.</summary>
    private static readonly (string Alias, Func<string, bool, string> Target)[] All =
    {
        (Vector, (number, _) => "global::System.Runtime.Intrinsics.Vector256<" + number + ">"),
        (Vectors, (_, _) => "global::System.Runtime.Intrinsics.Vector256"),
        (Math, (number, deterministic) => deterministic ? "global::NetGen.Runtime.PortableMath" : number == "float" ? "global::System.MathF" : "global::System.Math"),
        (Dense, (_, _) => "global::NetGen.Runtime.Dense"),
        (Aligned, (_, _) => "global::NetGen.Runtime.Aligned"),
        (Guard, (_, _) => "global::NetGen.Runtime.ShapeGuard"),
        (VectorActivations, (_, deterministic) => deterministic ? "global::NetGen.Runtime.PortableVectorActivations" : "global::NetGen.Runtime.VectorActivations"),
        (StateLayout, (_, _) => "global::NetGen.Runtime.OptimizerStateLayout"),
        (Dropout, (_, _) => "global::NetGen.Runtime.Dropout"),
        (ClassLabels, (_, _) => "global::NetGen.Runtime.ClassLabels"),
        (LaneSums, (_, _) => "global::NetGen.Runtime.LaneSums"),
    };

    /// <summary>
    /// The using directives of the aliases that the code of <paramref name="body"/> (the file below the directives, in
    /// <paramref name="number"/>, deterministic or not) names; comment lines do not count.
    /// </summary>
    public static List<string> Usings(string body, string number, bool deterministic, bool standard = false)
    {
        var used = new bool[All.Length];
        foreach (string line in body.Split('\n'))
        {
            if (line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            for (int k = 0; k < All.Length; k++)
            {
                used[k] = used[k] || Names(line, All[k].Alias);
            }
        }

        var usings = new List<string>();
        for (int k = 0; k < All.Length; k++)
        {
            if (used[k])
            {
                string target = standard && Standard(All[k].Alias, number) is { } stand ? stand : All[k].Target(number, deterministic);
                usings.Add("using " + All[k].Alias + " = " + target + ";");
            }
        }

        return usings;
    }

    /// <summary>
    /// The target of <paramref name="alias"/> in NetGen's .NET Standard 2.1 build (Unity, Mono), or null where it is the
    /// same: stand-ins for <c>Vector256</c> that compute lane by lane (never in hardware, so only a deterministic network's
    /// lanes use them), and the activations on NetGen's own exp, the only ones that build has.
    /// </summary>
    private static string? Standard(string alias, string number) => alias switch
    {
        Vector => number == "float" ? "global::NetGen.Runtime.LaneVectorSingle" : "global::NetGen.Runtime.LaneVectorDouble",
        Vectors => "global::NetGen.Runtime.LaneVector",
        VectorActivations => "global::NetGen.Runtime.PortableVectorActivations",
        _ => null,
    };

    /// <summary>True where <paramref name="alias"/> is a whole identifier of <paramref name="line"/>.</summary>
    private static bool Names(string line, string alias)
    {
        for (int at = line.IndexOf(alias, StringComparison.Ordinal); at >= 0; at = line.IndexOf(alias, at + 1, StringComparison.Ordinal))
        {
            int end = at + alias.Length;
            if ((at == 0 || !IsIdentifierPart(line[at - 1])) && (end == line.Length || !IsIdentifierPart(line[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
