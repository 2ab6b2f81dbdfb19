using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Parsing;

// The parser's second part: the named arguments (code shape, precision, activations, loss, optimizer) and their checks.
internal static partial class NetworkParser
{
    /// <summary>
    /// The named arguments, over <paramref name="read"/>'s defaults: an enum value that is not a member is reported
    /// and read as the default. The defaults that depend on other options are resolved here, from whether an option
    /// is among the named arguments (an attribute property cannot say it was left unset): the learning rate and weight
    /// decay from the optimizer, the reduction from the loss, each layer's activation from <c>Hidden</c> and
    /// <c>Output</c> or <c>Activations</c>. Then every combination NetGen cannot train is reported at the argument to change.
    /// </summary>
    private static NetworkDeclaration ReadOptions(
        string name,
        AttributeData attribute,
        AttributeSyntax? attributeSyntax,
        LocationInfo? attributeLocation,
        List<DiagnosticInfo> errors,
        List<DiagnosticInfo> warnings,
        NetworkDeclaration read)
    {
        // The options given, each with where its argument is.
        var given = new Dictionary<string, LocationInfo?>(StringComparer.Ordinal);
        double? learningRate = null;
        Activation hidden = Activation.Sigmoid;
        Activation output = Activation.Sigmoid;
        Activation[]? activations = null;
        double slope = read.LeakySlope;
        double eluAlpha = read.EluAlpha;
        Loss loss = read.Loss;
        Reduction? reduction = null;
        OptimizerModel defaults = OptimizerModel.PlainSgd;
        Optimizer optimizer = defaults.Kind;
        double momentum = defaults.Momentum, beta1 = defaults.Beta1, beta2 = defaults.Beta2, epsilon = defaults.Epsilon, alpha = defaults.Alpha;
        bool nesterov = defaults.Nesterov;
        double? weightDecay = null;
        double huberDelta = read.HuberDelta;
        double dropout = read.Dropout;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            LocationInfo? where = LocationInfo.From(NamedArgument(attributeSyntax, named.Key)) ?? attributeLocation;
            object? value = named.Value.Kind == TypedConstantKind.Array ? null : named.Value.Value;
            switch (named.Key)
            {
                case "LearningRate" when value is double rate:
                    learningRate = rate;
                    break;
                case "Seed" when value is int s:
                    read = read with { Seed = s };
                    break;
                case "Unroll" when value is int u:
                    read = read with { Unroll = ReadEnum(u, Members<UnrollMode>(), "Unroll", name, where, errors) };
                    break;
                case "Precision" when value is int p:
                    read = read with { Precision = ReadEnum(p, Members<Precision>(), "Precision", name, where, errors) };
                    break;
                case "Initializer" when value is int i:
                    read = read with { Initializer = ReadEnum(i, Members<Initializer>(), "Initializer", name, where, errors) };
                    break;
                case "UnrolledLayers" when named.Value.Kind == TypedConstantKind.Array:
                    // Null is the same as not setting it; elements that are not ints already have a compiler error.
                    if (named.Value.IsNull || !named.Value.Values.All(v => v.Value is int))
                    {
                        continue;
                    }

                    read = read with { UnrolledLayers = new EquatableArray<int>(named.Value.Values.Select(v => (int)v.Value!).ToArray()) };
                    break;
                case "Hidden" when value is int h:
                    hidden = ReadEnum(h, Activations, "Hidden", name, where, errors);
                    break;
                case "Output" when value is int o:
                    output = ReadEnum(o, Activations, "Output", name, where, errors);
                    break;
                case "Activations" when named.Value.Kind == TypedConstantKind.Array:
                    // As for UnrolledLayers: null is the same as not setting it.
                    if (named.Value.IsNull || !named.Value.Values.All(v => v.Value is int))
                    {
                        continue;
                    }

                    activations = named.Value.Values
                        .Select(v => ReadEnum((int)v.Value!, Activations, "Activations", name, where, errors))
                        .ToArray();
                    break;
                case "LeakySlope" when value is double negativeSlope:
                    slope = negativeSlope;
                    break;
                case "Loss" when value is int l:
                    loss = ReadEnum(l, Losses, "Loss", name, where, errors);
                    break;
                case "Reduction" when value is int r:
                    reduction = ReadEnum(r, Members<Reduction>(), "Reduction", name, where, errors);
                    break;
                case "Optimizer" when value is int kind:
                    optimizer = ReadEnum(kind, Optimizers, "Optimizer", name, where, errors);
                    break;
                case "Momentum" when value is double m:
                    momentum = m;
                    break;
                case "Nesterov" when value is bool n:
                    nesterov = n;
                    break;
                case "Beta1" when value is double b1:
                    beta1 = b1;
                    break;
                case "Beta2" when value is double b2:
                    beta2 = b2;
                    break;
                case "Epsilon" when value is double e:
                    epsilon = e;
                    break;
                case "WeightDecay" when value is double d:
                    weightDecay = d;
                    break;
                case "HuberDelta" when value is double delta:
                    huberDelta = delta;
                    break;
                case "EluAlpha" when value is double elu:
                    eluAlpha = elu;
                    break;
                case "Alpha" when value is double a:
                    alpha = a;
                    break;
                case "Dropout" when value is double dropoutRate:
                    dropout = dropoutRate;
                    break;
                case "Deterministic" when value is bool deterministic:
                    read = read with { Deterministic = deterministic };
                    break;
                default:
                    continue;
            }

            given[named.Key] = where;
        }

        LocationInfo? At(string option) => given.TryGetValue(option, out LocationInfo? where) ? where : attributeLocation;
        Precision precision = read.Precision;
        Activation[] layers = CheckActivations(name, read.LayerSizes.Count, hidden, output, activations, loss, given, At, errors);

        // The layers are known for sure only when nothing so far was wrong (an unknown activation reads as the default).
        bool layersKnown = errors.Count == 0;

        // Hyper-parameters: each must hold in the network's own number type; OptionRules says why not, in the words the
        // run-time descriptions use.
        bool single = precision == Precision.Single;
        string? Problem(string option, double value) => given.ContainsKey(option) ? OptionRules.Problem(option, value, single) : null;
        if (Problem("LeakySlope", slope) is { } slopeProblem)
        {
            errors.Add(Info(DiagnosticDescriptors.NegativeOption, At("LeakySlope"), "LeakySlope", Text(slope), name, slopeProblem));
        }
        else if (given.ContainsKey("LeakySlope") && layersKnown && layers.Length > 0 && !layers.Contains(Activation.LeakyReLU))
        {
            warnings.Add(Info(DiagnosticDescriptors.LeakySlopeWithoutLeakyReLU, At("LeakySlope"), name));
        }

        if (Problem("EluAlpha", eluAlpha) is { } eluProblem)
        {
            errors.Add(Info(DiagnosticDescriptors.InvalidEluAlpha, At("EluAlpha"), Text(eluAlpha), name, eluProblem));
        }
        else if (given.ContainsKey("EluAlpha") && layersKnown && layers.Length > 0 && !layers.Contains(Activation.ELU))
        {
            warnings.Add(Info(DiagnosticDescriptors.EluAlphaWithoutELU, At("EluAlpha"), name));
        }

        if (Problem("Momentum", momentum) is { } momentumProblem)
        {
            errors.Add(Info(DiagnosticDescriptors.NegativeOption, At("Momentum"), "Momentum", Text(momentum), name, momentumProblem));
        }

        if (weightDecay is double decay && OptionRules.Problem("WeightDecay", decay, single) is { } decayProblem)
        {
            errors.Add(Info(DiagnosticDescriptors.NegativeOption, At("WeightDecay"), "WeightDecay", Text(decay), name, decayProblem));
        }

        // Huber's δ: an error when it is not finite and greater than 0 in the network's number type; a warning, and
        // the network generated as without it, when the loss is not Huber.
        if (Problem("HuberDelta", huberDelta) is { } huberProblem)
        {
            errors.Add(Info(DiagnosticDescriptors.InvalidHuberDelta, At("HuberDelta"), Text(huberDelta), name, huberProblem));
        }
        else if (given.ContainsKey("HuberDelta") && loss != Loss.Huber)
        {
            warnings.Add(Info(DiagnosticDescriptors.HuberDeltaWithoutHuber, At("HuberDelta"), name, loss.ToString()));
        }

        // Dropout: the same words as NetworkDescription's, at the argument.
        if (given.ContainsKey("Dropout") && OptionRules.DropoutProblem(dropout, read.LayerSizes.Count - 2) is { } dropoutProblem)
        {
            errors.Add(OptionRules.DropoutOutOfRange(dropout)
                ? Info(DiagnosticDescriptors.DropoutOutOfRange, At("Dropout"), Text(dropout), name, dropoutProblem)
                : Info(DiagnosticDescriptors.DropoutWithoutHiddenLayer, At("Dropout"), name, dropoutProblem));
        }

        foreach ((string beta, double value) in new[] { ("Beta1", beta1), ("Beta2", beta2) })
        {
            if (Problem(beta, value) is { } betaProblem)
            {
                errors.Add(Info(DiagnosticDescriptors.BetaOutOfRange, At(beta), beta, Text(value), name, betaProblem));
            }
        }

        if (Problem("Epsilon", epsilon) is { } epsilonProblem)
        {
            errors.Add(Info(DiagnosticDescriptors.InvalidEpsilon, At("Epsilon"), Text(epsilon), name, epsilonProblem));
        }

        if (Problem("Alpha", alpha) is { } alphaProblem)
        {
            errors.Add(Info(DiagnosticDescriptors.AlphaOutOfRange, At("Alpha"), Text(alpha), name, alphaProblem));
        }

        // Each optimizer's own hyper-parameters; the others are read as their defaults, so they change nothing.
        OptimizerRule own = OptimizerRule.For(optimizer);
        if (own.Reads(HyperParameters.Nesterov) && nesterov && momentum == 0.0)
        {
            errors.Add(Info(DiagnosticDescriptors.NesterovWithoutMomentum, At("Nesterov"), name));
        }

        foreach ((string option, HyperParameters flag) in IgnorableOptions)
        {
            if (!given.ContainsKey(option) || own.Reads(flag))
            {
                continue;
            }

            if (flag is HyperParameters.Momentum or HyperParameters.Nesterov)
            {
                // Momentum asks for an update rule this optimizer does not have: an error, not a no-op.
                errors.Add(Info(DiagnosticDescriptors.MomentumWithAdam, At(option), name, option, optimizer.ToString(), OptimizerRule.MomentumMessage(optimizer, option).TrimEnd('.')));
            }
            else if (optimizer == Optimizer.Sgd && flag is HyperParameters.Beta1 or HyperParameters.Beta2 or HyperParameters.Epsilon)
            {
                warnings.Add(Info(DiagnosticDescriptors.AdamOptionWithSgd, At(option), option, name));
            }
            else
            {
                warnings.Add(Info(DiagnosticDescriptors.IgnoredOption, At(option), option, name, OptimizerRule.Readers(flag), optimizer.ToString()));
            }
        }

        OptimizerModel rule = new(
            optimizer,
            own.Reads(HyperParameters.Momentum) ? momentum : defaults.Momentum,
            own.Reads(HyperParameters.Nesterov) ? nesterov : defaults.Nesterov,
            own.Reads(HyperParameters.Beta1) ? beta1 : defaults.Beta1,
            own.Reads(HyperParameters.Beta2) ? beta2 : defaults.Beta2,
            own.Reads(HyperParameters.Epsilon) && given.ContainsKey("Epsilon") ? epsilon : own.DefaultEpsilon,
            weightDecay ?? own.DefaultWeightDecay,
            own.Reads(HyperParameters.Alpha) ? alpha : defaults.Alpha);

        // The learning rate as the network will use it: the optimizer's default when it is not set.
        double rateUsed = learningRate ?? own.DefaultLearningRate;
        if (OptionRules.Problem("LearningRate", rateUsed, single) is { } rateProblem)
        {
            errors.Add(Info(DiagnosticDescriptors.InvalidLearningRate, At("LearningRate"), Text(rateUsed), name, rateProblem));
        }

        return read with
        {
            LearningRate = rateUsed,
            Activations = new EquatableArray<Activation>(layers),
            Loss = loss,
            Reduction = reduction ?? OptionRules.DefaultReduction(loss),
            // A slope no layer uses (NG0036) is left out, so the network is exactly the one without it.
            LeakySlope = layers.Contains(Activation.LeakyReLU) ? slope : read.LeakySlope,
            // Likewise an α no layer uses (NG0039).
            EluAlpha = layers.Contains(Activation.ELU) ? eluAlpha : read.EluAlpha,
            Optimizer = rule,
            HuberDelta = loss == Loss.Huber ? huberDelta : read.HuberDelta,
            Dropout = dropout,
        };
    }

    /// <summary>The optimizer options some optimizer ignores, each with its flag, in the order they are reported.</summary>
    private static readonly (string Option, HyperParameters Flag)[] IgnorableOptions =
    {
        ("Momentum", HyperParameters.Momentum), ("Nesterov", HyperParameters.Nesterov), ("Beta1", HyperParameters.Beta1),
        ("Beta2", HyperParameters.Beta2), ("Epsilon", HyperParameters.Epsilon), ("Alpha", HyperParameters.Alpha),
    };

    /// <summary>
    /// Each weight layer's activation, layer 1 first: <paramref name="activations"/> as given, or
    /// <paramref name="hidden"/> for every hidden layer and <paramref name="output"/> for the output layer. Reports
    /// <c>Activations</c> beside <c>Hidden</c> or <c>Output</c>, a list of the wrong length, Softmax on a hidden layer,
    /// and an output layer that does not go with the loss.
    /// </summary>
    private static Activation[] CheckActivations(
        string name,
        int sizeCount,
        Activation hidden,
        Activation output,
        Activation[]? activations,
        Loss loss,
        Dictionary<string, LocationInfo?> given,
        Func<string, LocationInfo?> at,
        List<DiagnosticInfo> errors)
    {
        int count = Math.Max(0, sizeCount - 1);
        Activation[] layers;
        Activation? last = null;   // the output layer's activation, when it is known
        if (activations is null)
        {
            if (hidden == Activation.Softmax && count > 1)
            {
                errors.Add(Info(DiagnosticDescriptors.SoftmaxOnHiddenLayer, at("Hidden"), "Hidden = Activation.Softmax", name, "the hidden layers"));
            }

            layers = Enumerable.Range(0, count).Select(i => i == count - 1 ? output : hidden).ToArray();
            last = output;
        }
        else
        {
            foreach (string option in new[] { "Hidden", "Output" })
            {
                if (given.ContainsKey(option))
                {
                    errors.Add(Info(DiagnosticDescriptors.ActivationsWithHiddenOrOutput, at(option), name, option));
                }
            }

            layers = activations;
            if (sizeCount >= 2 && activations.Length != count)
            {
                errors.Add(Info(DiagnosticDescriptors.ActivationsWrongLength, at("Activations"), name, Text(activations.Length), Text(count)));
            }
            else if (sizeCount >= 2)
            {
                for (int layer = 1; layer < count; layer++)
                {
                    if (activations[layer - 1] == Activation.Softmax)
                    {
                        string which = "layer " + Text(layer) + " (a hidden layer)";
                        errors.Add(Info(DiagnosticDescriptors.SoftmaxOnHiddenLayer, at("Activations"), "Activations", name, which));
                    }
                }

                last = activations[count - 1];
            }
        }

        // The output layer against the loss; the fix names the option that sets the output layer's activation.
        string Fix(Activation wanted) => activations is null ? "Output = Activation." + wanted : "the last entry of Activations";
        if (loss == Loss.CrossEntropy && last is Activation notSoftmax && notSoftmax != Activation.Softmax)
        {
            errors.Add(Info(DiagnosticDescriptors.CrossEntropyWithoutSoftmax, at("Loss"), name, notSoftmax.ToString(), Fix(Activation.Softmax)));
        }
        else if (loss == Loss.BinaryCrossEntropy && last is Activation notSigmoid && notSigmoid != Activation.Sigmoid)
        {
            errors.Add(Info(DiagnosticDescriptors.BinaryCrossEntropyWithoutSigmoid, at("Loss"), name, notSigmoid.ToString(), Fix(Activation.Sigmoid)));
        }
        else if (loss != Loss.CrossEntropy && loss != Loss.BinaryCrossEntropy && last == Activation.Softmax)
        {
            // Square is the default: point at the loss when it is written, else at what made the output Softmax.
            LocationInfo? where = given.ContainsKey("Loss") ? at("Loss") : at(activations is null ? "Output" : "Activations");
            errors.Add(Info(DiagnosticDescriptors.SoftmaxWithoutCrossEntropy, where, name, loss.ToString()));
        }

        return layers;
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The activations, losses and optimizers NetGen generates: their descriptors' kinds, not the enums' ranges.</summary>
    private static readonly Activation[] Activations = Emit.ActivationDescriptor.All.Select(d => d.Kind).ToArray();

    private static readonly Loss[] Losses = Emit.LossDescriptor.All.Select(d => d.Kind).ToArray();

    private static readonly Optimizer[] Optimizers = OptimizerRule.All.Select(r => r.Kind).ToArray();

    /// <summary>Every member of an option enum that has no descriptors (the code shape, precision, initializer, reduction).</summary>
    private static TEnum[] Members<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues(typeof(TEnum)).Cast<TEnum>().ToArray();

    /// <summary>
    /// An enum option's value, or its default (0) with an NG0016 error when the value is not one of
    /// <paramref name="known"/> (the message names the enum and its default).
    /// </summary>
    private static TEnum ReadEnum<TEnum>(int value, TEnum[] known, string option, string className, LocationInfo? where, List<DiagnosticInfo> errors)
        where TEnum : struct, Enum
    {
        foreach (TEnum member in known)
        {
            if (Convert.ToInt32(member, CultureInfo.InvariantCulture) == value)
            {
                return member;
            }
        }

        string example = default(TEnum).ToString();
        errors.Add(Info(DiagnosticDescriptors.UnknownOption, where, option, Text(value), className, typeof(TEnum).Name, example));
        return default;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
