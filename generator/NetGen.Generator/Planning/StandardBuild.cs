using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Planning;

/// <summary>
/// NetGen's .NET Standard 2.1 build (Unity, Mono): whether a compilation references it. That build has no
/// <c>Vector256</c>, no generic math and no static abstract members; its kernels and activations compute one value at a
/// time, and it has stand-ins for <c>Vector256</c> that compute lane by lane. The generated text is the .NET form with
/// other aliases, so a deterministic network computes the same bits on both (docs/unity.md).
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
}
