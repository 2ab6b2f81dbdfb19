using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Reference;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// One loop-shaped network as a hand-built model: its activations, loss, reduction, precision, optimizer and plan of
/// straight-line passes, named by their enum names (this project references both the runtime and the generator, so
/// neither copy of the option enums may be named; <see cref="LoopModels.Named{T}"/> reads each from its name).
/// </summary>
/// <param name="Name">The class name.</param>
/// <param name="Sizes">Input size, hidden sizes, output size.</param>
/// <param name="Activations">Each weight layer's activation, layer 1 first.</param>
/// <param name="Loss">Square, CrossEntropy, BinaryCrossEntropy, MeanSquaredError, L1 or Huber.</param>
/// <param name="Reduction">Sum or Mean.</param>
/// <param name="Single">Float rather than double.</param>
/// <param name="Optimizer">Sgd or Adam.</param>
/// <param name="Straight">The layers (1-based) whose passes are both straight-line code.</param>
/// <param name="LearningRate">The model's learning rate.</param>
/// <param name="HuberDelta">The Huber loss's δ.</param>
/// <param name="Momentum">The optimizer's momentum (Sgd and RMSprop).</param>
/// <param name="WeightDecay">The optimizer's weight decay, added to the gradient.</param>
internal sealed record LoopSpec(
    string Name,
    int[] Sizes,
    string[] Activations,
    string Loss,
    string Reduction,
    bool Single = false,
    string Optimizer = "Sgd",
    int[]? Straight = null,
    double LearningRate = 0.01,
    double HuberDelta = 1.0,
    double Momentum = 0.0,
    double WeightDecay = 0.0)
{
    /// <summary>Hidden layers all <paramref name="hidden"/>, then <paramref name="output"/>.</summary>
    public static string[] Layers(int[] sizes, string hidden, string output) =>
        Enumerable.Repeat(hidden, sizes.Length - 2).Append(output).ToArray();
}

/// <summary>
/// Compiles loop-shaped networks straight from the emitter's text for hand-built models (no attribute, no parser, no
/// planner), at warning level 9999, and builds the reference network with the same options.
/// </summary>
internal static class LoopModels
{
    public const string Namespace = "Loops";

    /// <summary>The value of an option enum named <paramref name="name"/>, of the same type as <paramref name="like"/>.</summary>
    public static T Named<T>(T like, string name)
        where T : struct, Enum
    {
        _ = like;
        return Enum.Parse<T>(name);
    }

    private static readonly Dictionary<string, ActivationDescriptor> Descriptors = new()
    {
        ["Sigmoid"] = ActivationDescriptor.Sigmoid,
        ["Tanh"] = ActivationDescriptor.Tanh,
        ["ReLU"] = ActivationDescriptor.ReLU,
        ["LeakyReLU"] = ActivationDescriptor.LeakyReLU,
        ["Identity"] = ActivationDescriptor.Identity,
        ["Softmax"] = ActivationDescriptor.Softmax,
        ["GELU"] = ActivationDescriptor.GELU,
        ["SiLU"] = ActivationDescriptor.SiLU,
        ["ELU"] = ActivationDescriptor.ELU,
    };

    private static readonly Dictionary<string, LossDescriptor> Losses = new()
    {
        ["Square"] = LossDescriptor.Square,
        ["CrossEntropy"] = LossDescriptor.CrossEntropy,
        ["BinaryCrossEntropy"] = LossDescriptor.BinaryCrossEntropy,
        ["MeanSquaredError"] = LossDescriptor.MeanSquaredError,
        ["L1"] = LossDescriptor.L1,
        ["Huber"] = LossDescriptor.Huber(1.0),
    };

    /// <summary>The leaky slope of every model and reference here (not PyTorch's 0.01, so a wrong slope shows).</summary>
    public const double LeakySlope = 0.07;

    /// <summary>The α of every ELU layer here (not PyTorch's 1, so a wrong α shows).</summary>
    public const double EluAlpha = 0.8;

    /// <summary>The model the planner would hand the emitter for <paramref name="spec"/>: the loop shape, seed 3.</summary>
    public static NetworkModel Model(LoopSpec spec)
    {
        var kind = Named(OptimizerModel.PlainSgd.Kind, spec.Optimizer);
        OptimizerModel optimizer = OptimizerModel.PlainSgd with
        {
            Kind = kind,
            Momentum = spec.Momentum,
            WeightDecay = spec.WeightDecay,
            Epsilon = NetGen.OptimizerRule.For(kind).DefaultEpsilon,
        };
        var passes = new LayerPasses[spec.Sizes.Length - 1];
        foreach (int l in spec.Straight ?? Array.Empty<int>())
        {
            passes[l - 1] = LayerPasses.Both;
        }

        var declaration = new NetworkDeclaration(
            Namespace,
            EquatableArray<ContainingType>.Empty,
            spec.Name,
            new EquatableArray<int>(spec.Sizes),
            spec.LearningRate,
            Seed: 3,
            Unroll: default,
            Precision: default,
            Initializer: default,
            UnrolledLayers: spec.Straight is null ? null : new EquatableArray<int>(spec.Straight),
            new(spec.Activations.Select(a => Descriptors[a].Kind).ToArray()),
            Losses[spec.Loss].Kind,
            Reduction: default,
            LeakySlope,
            optimizer);
        declaration = declaration with
        {
            Precision = Named(declaration.Precision, spec.Single ? "Single" : "Double"),
            Reduction = Named(declaration.Reduction, spec.Reduction),
            HuberDelta = spec.HuberDelta,
            EluAlpha = EluAlpha,
        };
        return new NetworkModel(declaration, CodeShape.Loops, new EquatableArray<LayerPasses>(passes));
    }

    /// <summary>The reference network with <paramref name="spec"/>'s options, fusing multiply-adds where the runtime's kernels do.</summary>
    public static ReferenceNetwork Reference(LoopSpec spec)
    {
        var like = new ReferenceOptions();
        return new ReferenceNetwork(spec.Sizes, new ReferenceOptions
        {
            Activations = spec.Activations.Select(a => Named(like.Hidden, a)).ToArray(),
            Loss = Named(like.Loss, spec.Loss),
            Reduction = Named(like.EffectiveReduction, spec.Reduction),
            Optimizer = Named(like.Optimizer, spec.Optimizer),
            LearningRate = spec.LearningRate,
            Momentum = spec.Momentum,
            WeightDecay = spec.WeightDecay,
            LeakySlope = LeakySlope,
            EluAlpha = EluAlpha,
            Seed = 3,
            HuberDelta = spec.HuberDelta,
            FusedMultiplyAdd = NetGen.Runtime.Arithmetic.FusesMultiplyAdd,
        });
    }

    /// <summary>The emitter's text for <paramref name="spec"/>.</summary>
    public static string Source(LoopSpec spec) => GeneratedText.AssertWidth(NetworkEmitter.Emit(Model(spec), "1.0.0.0"), spec.Name);

    /// <summary>
    /// Compiles every network of <paramref name="specs"/> into one assembly, asserts that it compiles without a warning,
    /// and loads it.
    /// </summary>
    public static Assembly Compile(IEnumerable<LoopSpec> specs)
    {
        var sources = new List<string>();
        foreach (LoopSpec spec in specs)
        {
            sources.Add(Source(spec));
        }

        CSharpCompilation compilation = GeneratorHarness.Compilation(sources.ToArray());
        Assert.Empty(GeneratorHarness.CompilerProblems(compilation));
        return GeneratorHarness.Load(compilation).Assembly;
    }

    public static object Create(Assembly assembly, LoopSpec spec) =>
        Activator.CreateInstance(assembly.GetType(Namespace + "." + spec.Name, throwOnError: true)!)!;
}
