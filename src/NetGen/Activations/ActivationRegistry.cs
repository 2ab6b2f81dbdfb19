using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace NetGen.Runtime;

/// <summary>
/// Something done with an activation's home, which <see cref="ActivationRegistry.Visit{TVisitor, TResult, T}"/> finds:
/// a kernel's step (its operands in <see cref="Dense.Operands{T}"/>), a check, or the home's object.
/// </summary>
/// <typeparam name="TResult">What the visit gives back.</typeparam>
internal interface IActivationVisitor<TResult>
{
    /// <summary>The visit of the home <typeparamref name="THome"/>.</summary>
    static abstract TResult Visit<THome, T>(ref Dense.Operands<T> o)
        where THome : struct, IActivationHome
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>What the visit of an activation with no home gives (or throws).</summary>
    static abstract TResult Unknown(Activation kind);
}

/// <summary>
/// Every activation the runtime knows, by its home (<see cref="IActivationHome"/>, in
/// <c>src/NetGen/Activations/&lt;Name&gt;.cs</c>). A new activation is its <see cref="Activation"/> member, its home,
/// and one line in <see cref="Visit{TVisitor, TResult, T}"/>'s list, the only list of activations in the runtime: the
/// kernels (<see cref="Dense"/>), the reference network, ONNX export, option validation and descriptions all find an
/// activation here, and an activation is defined for them exactly when it has a home here.
/// </summary>
internal static class ActivationRegistry
{
    /// <summary>
    /// The list: calls <typeparamref name="TVisitor"/>'s visit of the home of <paramref name="kind"/>, or its
    /// <see cref="IActivationVisitor{TResult}.Unknown"/>. A switch rather than a table, since the kernels dispatch
    /// through it once per call: with a struct visitor the JIT compiles each case into a direct call of that home's
    /// code (its copy of a generic kernel), as the kernels' own switch on the activation did, with no virtual call,
    /// delegate or lookup. The operands ride along by reference for the kernels' visits; the others ignore them.
    /// </summary>
    internal static TResult Visit<TVisitor, TResult, T>(Activation kind, ref Dense.Operands<T> o)
        where TVisitor : struct, IActivationVisitor<TResult>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => kind switch
        {
            Activation.Sigmoid => TVisitor.Visit<SigmoidHome, T>(ref o),
            Activation.Tanh => TVisitor.Visit<TanhHome, T>(ref o),
            Activation.ReLU => TVisitor.Visit<ReLUHome, T>(ref o),
            Activation.LeakyReLU => TVisitor.Visit<LeakyReLUHome, T>(ref o),
            Activation.Identity => TVisitor.Visit<IdentityHome, T>(ref o),
            Activation.Softmax => TVisitor.Visit<SoftmaxHome, T>(ref o),
            Activation.GELU => TVisitor.Visit<GELUHome, T>(ref o),
            Activation.SiLU => TVisitor.Visit<SiLUHome, T>(ref o),
            Activation.ELU => TVisitor.Visit<ELUHome, T>(ref o),
            _ => TVisitor.Unknown(kind),
        };

    /// <summary>The activations with a home, in the order of <see cref="Activation"/>'s values.</summary>
    internal static IEnumerable<ActivationHome> All =>
        Enum.GetValues<Activation>().Select(Find).OfType<ActivationHome>();

    /// <summary>True where <paramref name="kind"/> has a home: the activations the runtime accepts.</summary>
    internal static bool IsKnown(Activation kind)
    {
        Dense.Operands<float> none = default;
        return Visit<KnownVisit, bool, float>(kind, ref none);
    }

    /// <summary>The home of <paramref name="kind"/> as an object, or null where it has none.</summary>
    internal static ActivationHome? Find(Activation kind)
    {
        Dense.Operands<float> none = default;
        return Visit<FindVisit, ActivationHome?, float>(kind, ref none);
    }

    /// <summary>True for every home.</summary>
    private readonly struct KnownVisit : IActivationVisitor<bool>
    {
        public static bool Visit<THome, T>(ref Dense.Operands<T> o)
            where THome : struct, IActivationHome
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => true;

        public static bool Unknown(Activation kind) => false;
    }

    /// <summary>The home's object.</summary>
    private readonly struct FindVisit : IActivationVisitor<ActivationHome?>
    {
        public static ActivationHome? Visit<THome, T>(ref Dense.Operands<T> o)
            where THome : struct, IActivationHome
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
            => ActivationHome.Of<THome>.Instance;

        public static ActivationHome? Unknown(Activation kind) => null;
    }
}
