using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic NetGen reports, in one table. IDs are never reused; each has a section in
/// generator/DIAGNOSTICS.md with a wrong and a right example, and its description says so. No descriptor has a
/// help link: the project has no published address to link to, and an invented one would send users nowhere.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "NetGen";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "NG0001", "The [Network] class must be partial",
        "Class '{0}' has [Network] but is not partial; add the 'partial' modifier so NetGen can add the generated members");

    public static readonly DiagnosticDescriptor TooFewLayers = Error(
        "NG0002", "A network needs at least two layer sizes",
        "The number of layer sizes given to [Network] on '{0}' is {1}; give at least two: the input size, any hidden sizes, then the output size, e.g. [Network(2, 4, 1)]");

    // {0} is "the input" for the first size, else "layer l (a hidden layer)" or "layer l (the output layer)":
    // layers are numbered from 1 as in the generated code, layer l's size being the number of units its weights feed.
    public static readonly DiagnosticDescriptor LayerSizeTooSmall = Error(
        "NG0003", "A layer size must be at least 1",
        "[Network] on '{1}' gives {0} a size of {2}; make it at least 1: every layer, the input included, needs at least one unit");

    public static readonly DiagnosticDescriptor TooManyParameters = Error(
        "NG0004", "The network has too many parameters to generate",
        "[Network] on '{0}' has {1} parameters; NetGen generates networks of at most {2} parameters (parameters and gradient live in one array each, sizes are baked into the code); use smaller layers");

    public static readonly DiagnosticDescriptor InvalidLearningRate = Error(
        "NG0005", "The learning rate must be finite and greater than 0",
        "LearningRate = {0} on '{1}': {2}");

    public static readonly DiagnosticDescriptor StaticClass = Error(
        "NG0006", "A [Network] class cannot be static",
        "Class '{0}' is static; remove 'static': a network holds its weights in instance fields");

    public static readonly DiagnosticDescriptor AbstractClass = Error(
        "NG0007", "A [Network] class cannot be abstract",
        "Class '{0}' is abstract; remove 'abstract': NetGen generates constructors, and an abstract class cannot be created");

    public static readonly DiagnosticDescriptor GenericClass = Error(
        "NG0008", "A [Network] class cannot be generic or nested in a generic type",
        "Class '{0}' is generic or nested in a generic type; move [Network] to a non-generic class: the generated code has no use for type parameters");

    public static readonly DiagnosticDescriptor RecordClass = Error(
        "NG0009", "A [Network] type cannot be a record",
        "'{0}' is a record; declare it as a 'partial class': records compare and copy by value, while a network's weights are mutable state");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "NG0010", "A type that contains a [Network] class must be partial",
        "'{0}' contains the [Network] class '{1}' but is not partial; add the 'partial' modifier to '{0}'");

    public static readonly DiagnosticDescriptor DerivesFromNetwork = Error(
        "NG0011", "A [Network] class cannot derive from another [Network] class",
        "Class '{0}' derives from the [Network] class '{1}'; derive from something else or remove one of the attributes: both would declare the same members");

    public static readonly DiagnosticDescriptor MemberCollision = Error(
        "NG0012", "A member has the name of a generated member",
        "'{0}' declares '{1}', which NetGen generates for [Network] classes (or a name starting with '__', which NetGen keeps for its private members); rename or remove your '{1}'");

    public static readonly DiagnosticDescriptor TooLargeToUnroll = Error(
        "NG0013", "The network is too large to unroll",
        "'{0}' asks for Unroll = UnrollMode.Always but has {1} parameters; unrolled code stays within the JIT's optimisation limits only up to {2} parameters: use UnrollMode.Auto or UnrollMode.Never");

    public static readonly DiagnosticDescriptor SlowUnroll = Warning(
        "NG0014", "Unrolling this network will be slow",
        "'{0}' asks for Unroll = UnrollMode.Always, but {1}; straight-line code is slower than NetGen's vectorised loops there: use UnrollMode.Auto");

    public static readonly DiagnosticDescriptor SlowLoops = Info(
        "NG0015", "Loops are slower than unrolled code for this network",
        "'{0}' asks for {1}, which keeps the parameters in one block; a network this small runs faster unrolled with a field per weight: {2} unless you want one parameter block");

    public static readonly DiagnosticDescriptor UnknownOption = Error(
        "NG0016", "An option has a value NetGen does not know",
        "{0} = {1} on '{2}' is not one of the values of {3}; use a named value such as {3}.{4}");

    public static readonly DiagnosticDescriptor ClassNamedLikeMember = Error(
        "NG0017", "The class has the name of a generated member",
        "Class '{0}' has the name of a member NetGen generates (or a name starting with '__', which NetGen keeps for the members and type aliases of its generated code), and a member cannot be named like its class; rename the class");

    public static readonly DiagnosticDescriptor PrimaryConstructor = Error(
        "NG0018", "A [Network] class cannot have a primary constructor",
        "Class '{0}' has a primary constructor, which every generated constructor would have to call; remove the parameter list and declare an ordinary constructor that chains to this(seed)");

    public static readonly DiagnosticDescriptor BaseWithoutParameterlessConstructor = Error(
        "NG0019", "The base class needs an accessible parameterless constructor",
        "Class '{0}' derives from '{1}', which has no accessible parameterless constructor for the generated constructors to call; add one to '{1}' or derive from another class");

    public static readonly DiagnosticDescriptor UnrolledLayerOutOfRange = Error(
        "NG0020", "UnrolledLayers names a layer that does not exist or names it twice",
        "UnrolledLayers on '{1}' lists {0}, which is {3}; list each layer at most once, by number: layer 1 takes the inputs and layer {2} is the output layer");

    public static readonly DiagnosticDescriptor LayerTooLargeToUnroll = Error(
        "NG0021", "A layer is too large for straight-line code",
        "UnrolledLayers on '{1}' lists layer {0} ({2} = {3} weights, inputs x units); straight-line code is written only for layers of at most {4} weights: remove {0} from UnrolledLayers");

    public static readonly DiagnosticDescriptor UnrolledLayersWithAlways = Error(
        "NG0022", "UnrolledLayers and Unroll = UnrollMode.Always do not go together",
        "'{0}' sets both UnrolledLayers and Unroll = UnrollMode.Always, which already unrolls every layer with a field per weight; remove one of them");

    public static readonly DiagnosticDescriptor SlowUnrolledLayer = Warning(
        "NG0023", "Straight-line code for this layer will be slow",
        "UnrolledLayers on '{1}' lists layer {0} ({2} weights, inputs x units), which NetGen's vectorised loops run faster; remove {0} from UnrolledLayers unless you have measured otherwise");

    // {0} is "Hidden = Activation.Softmax" or "Activations"; {2} is "the hidden layers" or "layer l (a hidden layer)".
    public static readonly DiagnosticDescriptor SoftmaxOnHiddenLayer = Error(
        "NG0024", "Softmax is for the output layer only",
        "{0} on '{1}' makes {2} Softmax; NetGen computes softmax only on the output layer, trained with Loss = Loss.CrossEntropy: give {2} another activation, such as Activation.ReLU");

    // {2} says where the output's activation is set: "Output = Activation.Softmax" or "the last entry of Activations".
    public static readonly DiagnosticDescriptor CrossEntropyWithoutSoftmax = Error(
        "NG0025", "Loss.CrossEntropy needs a Softmax output layer",
        "Loss = Loss.CrossEntropy on '{0}' needs a Softmax output layer, but the output layer is {1}; make it Softmax ({2}), or use Loss.BinaryCrossEntropy with a Sigmoid output");

    public static readonly DiagnosticDescriptor BinaryCrossEntropyWithoutSigmoid = Error(
        "NG0026", "Loss.BinaryCrossEntropy needs a Sigmoid output layer",
        "Loss = Loss.BinaryCrossEntropy on '{0}' needs a Sigmoid output layer, but the output layer is {1}; make it Sigmoid ({2}), or use Loss.CrossEntropy with a Softmax output");

    public static readonly DiagnosticDescriptor SoftmaxWithoutCrossEntropy = Error(
        "NG0027", "A Softmax output layer is trained on Loss.CrossEntropy",
        "'{0}' has a Softmax output layer and Loss = Loss.{1}; NetGen trains a Softmax output only on cross-entropy (it does not implement the softmax Jacobian for Square, MeanSquaredError, L1 or Huber): set Loss = Loss.CrossEntropy");

    public static readonly DiagnosticDescriptor ActivationsWrongLength = Error(
        "NG0028", "Activations must give one activation per weight layer",
        "The number of activations in Activations on '{0}' is {1}, but the network has {2} weight layers (one per size after the input); give exactly {2}, layer 1 first and the output layer last");

    public static readonly DiagnosticDescriptor ActivationsWithHiddenOrOutput = Error(
        "NG0029", "Activations cannot be combined with Hidden or Output",
        "'{0}' sets both Activations and {1}; Activations already gives every layer its activation: remove {1} and put its value in Activations");

    public static readonly DiagnosticDescriptor NesterovWithoutMomentum = Error(
        "NG0030", "Nesterov momentum needs a momentum greater than 0",
        "'{0}' sets Nesterov = true without momentum; Nesterov momentum needs Momentum greater than 0: set Momentum (e.g. Momentum = 0.9) or remove Nesterov");

    public static readonly DiagnosticDescriptor BetaOutOfRange = Error(
        "NG0031", "Adam's betas must be in [0, 1)",
        "{0} = {1} on '{2}': {3}");

    public static readonly DiagnosticDescriptor InvalidEpsilon = Error(
        "NG0032", "Epsilon must be finite and greater than 0",
        "Epsilon = {0} on '{1}': {2}");

    // {0} is Momentum, WeightDecay or LeakySlope; {3} an example value.
    public static readonly DiagnosticDescriptor NegativeOption = Error(
        "NG0033", "The option must be finite and at least 0",
        "{0} = {1} on '{2}': {3}");

    public static readonly DiagnosticDescriptor MomentumWithAdam = Error(
        "NG0034", "Momentum is for Optimizer.Sgd and Optimizer.RMSprop, Nesterov for Optimizer.Sgd only",
        "'{0}' sets {1} with Optimizer = Optimizer.{2}: {3}");

    // A warning, not an error: the code generated is exactly the Sgd that was asked for, and keeping Adam's settings
    // while trying Sgd is a normal experiment; momentum with Adam (NG0034) asks for an update rule NetGen does not have.
    public static readonly DiagnosticDescriptor AdamOptionWithSgd = Warning(
        "NG0035", "Optimizer.Sgd ignores Adam's hyper-parameters",
        "{0} on '{1}' is a hyper-parameter of Optimizer.Adam and Optimizer.AdamW, which Optimizer.Sgd ignores; remove {0}, or set Optimizer = Optimizer.Adam to use it");

    // Warnings: the code generated is exactly the network without the option, which only has no effect.
    public static readonly DiagnosticDescriptor LeakySlopeWithoutLeakyReLU = Warning(
        "NG0036", "LeakySlope needs a LeakyReLU layer",
        "LeakySlope on '{0}' sets the negative slope of Activation.LeakyReLU, but no layer of '{0}' is LeakyReLU, so it has no effect; remove LeakySlope, or make a layer Activation.LeakyReLU");

    public static readonly DiagnosticDescriptor SoftmaxLayerUnrolled = Warning(
        "NG0037", "The softmax layer is never straight-line code",
        "UnrolledLayers on '{1}' lists layer {0}, the Softmax output layer, which NetGen always computes with its vectorised softmax kernel; remove {0} from UnrolledLayers");

    public static readonly DiagnosticDescriptor InvalidHuberDelta = Error(
        "NG0041", "HuberDelta must be finite and greater than 0",
        "HuberDelta = {0} on '{1}': {2}");

    public static readonly DiagnosticDescriptor HuberDeltaWithoutHuber = Warning(
        "NG0042", "HuberDelta is for Loss.Huber only",
        "HuberDelta on '{0}' sets the threshold of Loss.Huber, but '{0}' is trained on Loss.{1}, so it has no effect; remove HuberDelta, or set Loss = Loss.Huber");

    public static readonly DiagnosticDescriptor AlphaOutOfRange = Error(
        "NG0044", "Alpha must be in [0, 1)",
        "Alpha = {0} on '{1}': {2}");

    // A warning, as NG0035: the code generated is exactly the network without the option, which only has no effect.
    public static readonly DiagnosticDescriptor IgnoredOption = Warning(
        "NG0045", "The optimizer ignores this hyper-parameter",
        "{0} on '{1}' is a hyper-parameter of {2}, which Optimizer.{3} ignores; remove {0}, or use an optimizer that reads it");

    public static readonly DiagnosticDescriptor InvalidEluAlpha = Error(
        "NG0038", "EluAlpha must be finite and greater than 0",
        "EluAlpha = {0} on '{1}': {2}");

    // A warning, as NG0036: the code generated is exactly the network without the option.
    public static readonly DiagnosticDescriptor EluAlphaWithoutELU = Warning(
        "NG0039", "EluAlpha needs an ELU layer",
        "EluAlpha on '{0}' sets the α of Activation.ELU, but no layer of '{0}' is ELU, so it has no effect; remove EluAlpha, or make a layer Activation.ELU");

    // The last argument of NG0005, NG0031–NG0033, NG0038, NG0041, NG0044, NG0046 and NG0047 is OptionRules' text, the words
    // NetworkDescription and ReferenceOptions throw for the same value.
    public static readonly DiagnosticDescriptor DropoutOutOfRange = Error(
        "NG0046", "Dropout must be in [0, 1)",
        "Dropout = {0} on '{1}': {2}");

    public static readonly DiagnosticDescriptor DropoutWithoutHiddenLayer = Error(
        "NG0047", "Dropout needs a hidden layer",
        "Dropout on '{0}': {1}");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        NotPartial, TooFewLayers, LayerSizeTooSmall, TooManyParameters, InvalidLearningRate, StaticClass,
        AbstractClass, GenericClass, RecordClass, ContainingTypeNotPartial, DerivesFromNetwork, MemberCollision,
        TooLargeToUnroll, SlowUnroll, SlowLoops, UnknownOption, ClassNamedLikeMember, PrimaryConstructor,
        BaseWithoutParameterlessConstructor, UnrolledLayerOutOfRange, LayerTooLargeToUnroll, UnrolledLayersWithAlways,
        SlowUnrolledLayer, SoftmaxOnHiddenLayer, CrossEntropyWithoutSoftmax, BinaryCrossEntropyWithoutSigmoid,
        SoftmaxWithoutCrossEntropy, ActivationsWrongLength, ActivationsWithHiddenOrOutput, NesterovWithoutMomentum,
        BetaOutOfRange, InvalidEpsilon, NegativeOption, MomentumWithAdam, AdamOptionWithSgd, LeakySlopeWithoutLeakyReLU,
        SoftmaxLayerUnrolled, InvalidHuberDelta, HuberDeltaWithoutHuber, AlphaOutOfRange, IgnoredOption, InvalidEluAlpha, EluAlphaWithoutELU,
        DropoutOutOfRange, DropoutWithoutHiddenLayer,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> ByIdTable = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public static DiagnosticDescriptor ById(string id) => ByIdTable[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(
            id,
            title,
            message,
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            description: Description(id),
            helpLinkUri: null,
            customTags: WellKnownDiagnosticTags.NotConfigurable);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: Description(id), helpLinkUri: null);

    private static DiagnosticDescriptor Info(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Info, isEnabledByDefault: true, description: Description(id), helpLinkUri: null);

    /// <summary>Where the diagnostic is explained, in place of a help link.</summary>
    private static string Description(string id) =>
        id + " is explained, with a wrong and a right example, in its section of NetGen's diagnostics reference, DIAGNOSTICS.md (generator/DIAGNOSTICS.md in the NetGen sources).";
}
