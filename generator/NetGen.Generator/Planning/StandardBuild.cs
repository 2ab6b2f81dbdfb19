using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// NetGen's .NET Standard 2.1 build (Unity, Mono): which build a compilation references, and what that build can run.
/// That build has no <c>Vector256</c>, no generic math and no static abstract members, so it has the unrolled shape's
/// runtime only: the optimizers, the activations whose formulas it has one value at a time (sigmoid, tanh, ReLU, leaky
/// ReLU; the identity and softmax are written into the generated code), and stand-ins for <c>Vector256</c> that compute
/// lane by lane. The generated text is the .NET form with other aliases, so a deterministic network computes the same
/// bits on both (docs/unity.md).
/// </summary>
internal static class StandardBuild
{
    /// <summary>The .NET builds' activations class, which the .NET Standard build does not have.</summary>
    private const string VectorActivations = "NetGen.Runtime.VectorActivations";

    /// <summary>The class both builds have: the mark of a reference to NetGen at all.</summary>
    private const string PortableVectorActivations = "NetGen.Runtime.PortableVectorActivations";

    /// <summary>True where <paramref name="compilation"/> references NetGen's .NET Standard 2.1 build.</summary>
    public static bool IsReferenced(Compilation compilation) =>
        compilation.GetTypeByMetadataName(VectorActivations) is null && compilation.GetTypeByMetadataName(PortableVectorActivations) is not null;

    /// <summary>What the .NET Standard build lacks for <paramref name="model"/>, or null where it runs it.</summary>
    public static string? Missing(NetworkModel model)
    {
        Activation? missing = model.Activations.Cast<Activation?>().FirstOrDefault(a => a is Activation.GELU or Activation.SiLU or Activation.ELU);
        if (missing is { } activation)
        {
            return "no Activation." + activation + " yet";
        }

        return model.Shape != CodeShape.Unrolled ? "no loop-shaped layers yet (this network is too large to unroll)" : null;
    }

    /// <summary>What to do instead, for the message.</summary>
    public const string Advice =
        "use layers small enough to unroll (Unroll = UnrollMode.Always) with Sigmoid, Tanh, ReLU, LeakyReLU, Identity or Softmax, or reference NetGen's .NET 8 build";
}
