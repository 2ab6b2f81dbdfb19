using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Runtime;

/// <summary>
/// What the .NET Standard 2.1 build (Unity, Mono) needs to know of every activation to check and describe networks:
/// the facts of each home (<c>src/NetGen/Activations/&lt;Name&gt;.cs</c>) that option checks and descriptions read, whose
/// generic kernels that build cannot compile: which one is output-only (softmax) and which read a parameter of the
/// description (leaky ReLU's slope, ELU's α). A new activation with such a fact adds it here too.
/// </summary>
internal static class ActivationRegistry
{
    private static readonly ActivationHome[] Homes = ((Activation[])Enum.GetValues(typeof(Activation))).Select(kind => new ActivationHome(kind)).ToArray();

    /// <summary>Every activation.</summary>
    internal static IEnumerable<ActivationHome> All => Homes;

    /// <summary>The activation of <paramref name="kind"/>, or null if it is none.</summary>
    internal static ActivationHome? Find(Activation kind) => Homes.FirstOrDefault(home => home.Kind == kind);
}

/// <summary>An activation's facts in the .NET Standard 2.1 build (see <see cref="ActivationRegistry"/>).</summary>
internal sealed class ActivationHome
{
    internal ActivationHome(Activation kind) => Kind = kind;

    /// <summary>The activation.</summary>
    public Activation Kind { get; }

    /// <summary>Whether it normalises a whole layer and may only be the output layer's (softmax).</summary>
    public bool OutputOnly => Kind == Activation.Softmax;

    /// <summary>The description's parameter of the activation (leaky ReLU's slope, ELU's α), or null.</summary>
    public double? Parameter(NetworkDescription description) => Kind switch
    {
        Activation.LeakyReLU => description.LeakySlope,
        Activation.ELU => description.EluAlpha,
        _ => null,
    };
}
