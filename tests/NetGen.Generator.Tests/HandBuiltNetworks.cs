using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Reference;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// One network's activations, loss, reduction and optimizer, by their names (Sigmoid, CrossEntropy, Mean, Adam), for a
/// hand-built model and the reference network with the same options.
/// </summary>
/// <remarks>
/// Names rather than enums: this project references both the runtime and the generator, which compiles the runtime's
/// option enums too, so neither copy can be named here (see <c>EmitterTests.Model</c>); each side parses the names into
/// its own copy.
/// </remarks>
internal sealed record TrainingSetup(
    string Name,
    int[] Sizes,
    string[] Activations,
    string Loss,
    string Reduction,
    string Optimizer,
    double Momentum = 0.0,
    bool Nesterov = false,
    double WeightDecay = 0.0,
    double LeakySlope = 0.01,
    bool Single = false,
    double LearningRate = 0.1,
    int Seed = 0,
    double HuberDelta = 1.0,
    double EluAlpha = 1.0)
{
    /// <summary>The setup with every hidden layer <paramref name="hidden"/> and the output <paramref name="output"/>.</summary>
    public static TrainingSetup Of(string name, int[] sizes, string hidden, string output, string loss, string reduction, string optimizer) =>
        new(name, sizes, Enumerable.Repeat(hidden, sizes.Length - 2).Append(output).ToArray(), loss, reduction, optimizer);

    /// <summary>SGD with momentum 0.9, Nesterov's, and weight decay 1e-3, when <paramref name="optimizer"/> is <c>SgdMomentum</c>; AdamW's default decay.</summary>
    public static TrainingSetup Of(string name, int[] sizes, string[] activations, string loss, string reduction, string optimizer, bool single = false) =>
        optimizer switch
        {
            "SgdMomentum" => new(name, sizes, activations, loss, reduction, "Sgd", Momentum: 0.9, Nesterov: true, WeightDecay: 1e-3, Single: single),
            "AdamW" => new(name, sizes, activations, loss, reduction, "AdamW", WeightDecay: 0.01, Single: single),
            "RMSpropMomentum" => new(name, sizes, activations, loss, reduction, "RMSprop", Momentum: 0.9, WeightDecay: 1e-3, Single: single, LearningRate: 0.01),
            "RMSprop" or "Adagrad" => new(name, sizes, activations, loss, reduction, optimizer, Single: single, LearningRate: 0.01),
            _ => new(name, sizes, activations, loss, reduction, optimizer, Single: single),
        };

    /// <summary>The generator's model of the network, unrolled, as the planner would make it from the attribute.</summary>
    public NetworkModel Model()
    {
        var kind = Parse(OptimizerModel.PlainSgd.Kind, Optimizer);
        var optimizer = new OptimizerModel(kind, Momentum, Nesterov, Beta1: 0.9, Beta2: 0.999, OptimizerRule.For(kind).DefaultEpsilon, WeightDecay, Alpha: 0.99);
        var declaration = new NetworkDeclaration(
            "HandBuilt",
            EquatableArray<ContainingType>.Empty,
            Name,
            new EquatableArray<int>(Sizes),
            LearningRate,
            Seed,
            Unroll: default,
            Precision: default,
            Initializer: default,
            UnrolledLayers: null,
            Equatable(Activations.Select(a => Parse(ActivationDescriptor.Sigmoid.Kind, a)).ToArray()),
            Parse(LossDescriptor.Square.Kind, Loss),
            Reduction: default,
            LeakySlope,
            optimizer);
        declaration = declaration with
        {
            Precision = Parse(declaration.Precision, Single ? "Single" : "Double"),
            Reduction = Parse(declaration.Reduction, Reduction),
            HuberDelta = HuberDelta,
            EluAlpha = EluAlpha,
        };
        return new NetworkModel(declaration, CodeShape.Unrolled, new EquatableArray<LayerPasses>(new LayerPasses[Sizes.Length - 1]));
    }

    /// <summary>The reference network with the same options and seed (the tutorial's unfused products, as unrolled code computes them).</summary>
    public ReferenceNetwork Reference()
    {
        var like = new ReferenceOptions();
        return new ReferenceNetwork(Sizes, new ReferenceOptions
        {
            Activations = Array.ConvertAll(Activations, a => Parse(like.Output, a)),
            Loss = Parse(like.Loss, Loss),
            Reduction = Parse(like.EffectiveReduction, Reduction),
            Optimizer = Parse(like.Optimizer, Optimizer),
            LearningRate = LearningRate,
            Momentum = Momentum,
            Nesterov = Nesterov,
            WeightDecay = WeightDecay,
            LeakySlope = LeakySlope,
            Seed = Seed,
            HuberDelta = HuberDelta,
            EluAlpha = EluAlpha,
        });
    }

    private static EquatableArray<T> Equatable<T>(T[] items) => new(items);

    /// <summary><paramref name="name"/> as a member of the enum <paramref name="like"/> belongs to.</summary>
    public static T Parse<T>(T like, string name)
        where T : struct, Enum => Enum.Parse<T>(name);
}

/// <summary>
/// Compiles the emitter's text for hand-built models directly (no attribute, no parser), in memory at warning level
/// 9999, and loads the classes into a collectible context; dispose to unload.
/// </summary>
internal sealed class HandBuiltNetworks : IDisposable
{
    private readonly AssemblyLoadContext _context;
    private readonly Assembly _assembly;

    public HandBuiltNetworks(IEnumerable<TrainingSetup> setups)
    {
        Sources = setups.ToDictionary(s => s.Name, s => GeneratedText.AssertWidth(NetworkEmitter.Emit(s.Model(), "1.0.0.0"), s.Name));
        var compilation = GeneratorHarness.Compilation(Sources.Values.ToArray());
        Assert.Empty(GeneratorHarness.CompilerProblems(compilation));
        (_assembly, _context) = GeneratorHarness.Load(compilation);
    }

    /// <summary>The generated source of each network, by class name.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>A new instance of the class <paramref name="name"/> (double or float).</summary>
    public object Create(string name) => Activator.CreateInstance(Type(name))!;

    public Type Type(string name) => _assembly.GetType("HandBuilt." + name, throwOnError: true)!;

    /// <summary>A public instance method of <paramref name="instance"/> as a delegate of type <typeparamref name="TDelegate"/> (span parameters cannot go through reflection's Invoke).</summary>
    public static TDelegate Method<TDelegate>(object instance, string name)
        where TDelegate : Delegate
    {
        Type[] parameters = typeof(TDelegate).GetMethod("Invoke")!.GetParameters().Select(p => p.ParameterType).ToArray();
        MethodInfo method = instance.GetType().GetMethod(name, parameters)
            ?? throw new InvalidOperationException(instance.GetType().Name + " has no " + name + "(" + string.Join(", ", parameters.Select(p => p.Name)) + ").");
        return (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), instance, method);
    }

    public void Dispose() => _context.Unload();
}

/// <summary>TrainStep with class labels.</summary>
internal delegate T LabelStep<T>(ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels);

/// <summary>Train with class labels.</summary>
internal delegate T LabelTrain<T>(ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels, int iterations);

/// <summary>ComputeGradients with class labels.</summary>
internal delegate T LabelGradients<T>(ReadOnlySpan<T> inputs, ReadOnlySpan<int> labels, Span<T> gradients);

/// <summary>Classify.</summary>
internal delegate int Classifier<T>(ReadOnlySpan<T> input);
