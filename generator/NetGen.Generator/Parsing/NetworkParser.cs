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

/// <summary>
/// Reads a <c>[Network]</c> class into a <see cref="NetworkModel"/> and the diagnostics its declaration
/// deserves. Never throws for bad input: anything it cannot serve becomes a diagnostic and no model.
/// </summary>
internal static class NetworkParser
{
    public const string AttributeMetadataName = "NetGen.NetworkAttribute";

    /// <summary>The tool name in the <c>[GeneratedCode]</c> attribute of every generated member.</summary>
    public const string GeneratorName = "NetGen.Generator";

    /// <summary>The public members every generated class declares; a user's member of the same name is reported.</summary>
    public static readonly ImmutableArray<string> GeneratedPublicMembers = ImmutableArray.Create(
        "InputSize", "OutputSize", "ParameterCount", "LearningRate", "Forward", "Predict", "ComputeGradients",
        "TrainStep", "GetParameters", "SetParameters", "Train");

    /// <summary>The generator's entry: the class and attribute that <c>ForAttributeWithMetadataName</c> found.</summary>
    public static NetworkResult? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is INamedTypeSymbol type && context.Attributes.Length == 1
            ? Parse(type, context.Attributes[0], cancellationToken)
            : null;

    /// <summary>
    /// Reads one class and its <c>[Network]</c> attribute. Returns null where the compiler already reports the
    /// problem (not a class, the attribute twice, arguments that do not bind), so nothing is said twice.
    /// </summary>
    public static NetworkResult? Parse(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        // The attribute is AllowMultiple = false: a class that carries it twice already has a compiler error.
        if (type.TypeKind != TypeKind.Class || CountNetworkAttributes(type) != 1)
        {
            return null;
        }

        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var declaration = attributeSyntax?.Parent?.Parent as TypeDeclarationSyntax;
        if (declaration is null)
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var warnings = new List<DiagnosticInfo>();
        string name = type.Name;
        LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        LocationInfo? attributeLocation = LocationInfo.From(attributeSyntax) ?? classLocation;

        // Arguments the compiler could not bind (wrong types, missing ones) already have a compiler error.
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error))
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();

        // The declaration itself.
        if (type.IsRecord)
        {
            diagnostics.Add(Info(DiagnosticDescriptors.RecordClass, classLocation, name));
        }

        if (type.IsStatic)
        {
            diagnostics.Add(Info(DiagnosticDescriptors.StaticClass, classLocation, name));
        }
        else if (type.IsAbstract)
        {
            diagnostics.Add(Info(DiagnosticDescriptors.AbstractClass, classLocation, name));
        }

        if (IsGenericOrInGeneric(type))
        {
            diagnostics.Add(Info(DiagnosticDescriptors.GenericClass, classLocation, name));
        }

        if (!IsPartial(type, cancellationToken))
        {
            diagnostics.Add(Info(DiagnosticDescriptors.NotPartial, classLocation, name));
        }

        var containing = new List<ContainingType>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!IsPartial(outer, cancellationToken))
            {
                diagnostics.Add(Info(DiagnosticDescriptors.ContainingTypeNotPartial, LocationInfo.From(FirstIdentifier(outer, cancellationToken)) ?? classLocation, outer.Name, name));
            }

            containing.Insert(0, new ContainingType(Keyword(outer), Escaped(outer.Name)));
        }

        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (CountNetworkAttributes(baseType) > 0)
            {
                diagnostics.Add(Info(DiagnosticDescriptors.DerivesFromNetwork, classLocation, name, baseType.Name));
                break;
            }
        }

        if (GeneratedPublicMembers.Contains(name))
        {
            diagnostics.Add(Info(DiagnosticDescriptors.ClassNamedLikeMember, classLocation, name));
        }

        if (declaration is ClassDeclarationSyntax { ParameterList: not null } || type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is ClassDeclarationSyntax { ParameterList: not null }))
        {
            diagnostics.Add(Info(DiagnosticDescriptors.PrimaryConstructor, classLocation, name));
        }

        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseClass
            && !baseClass.InstanceConstructors.Any(c => c.Parameters.IsEmpty && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal or Accessibility.Internal))
        {
            diagnostics.Add(Info(DiagnosticDescriptors.BaseWithoutParameterlessConstructor, classLocation, name, baseClass.Name));
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || member.DeclaringSyntaxReferences.IsEmpty || IsGeneratedByNetGen(member))
            {
                continue;
            }

            bool collides = GeneratedPublicMembers.Contains(member.Name)
                || member.Name.StartsWith("__", System.StringComparison.Ordinal)
                || (member is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor && IsGeneratedConstructor(ctor));
            if (collides)
            {
                string shown = member is IMethodSymbol { MethodKind: MethodKind.Constructor } c ? ConstructorText(name, c) : member.Name;
                diagnostics.Add(Info(
                    DiagnosticDescriptors.MemberCollision,
                    LocationInfo.From(member.Locations.FirstOrDefault()) ?? classLocation,
                    name,
                    shown));
            }
        }

        // The topology.
        TypedConstant sizesArgument = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0] : default;
        int[] sizes = sizesArgument.Kind == TypedConstantKind.Array && !sizesArgument.IsNull
            ? sizesArgument.Values.Select(v => v.Value is int i ? i : 0).ToArray()
            : Array.Empty<int>();
        var positional = attributeSyntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        if (sizes.Length < 2)
        {
            diagnostics.Add(Info(DiagnosticDescriptors.TooFewLayers, attributeLocation, name, sizes.Length.ToString(CultureInfo.InvariantCulture)));
        }

        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] < 1)
            {
                LocationInfo? where = positional is not null && positional.Count == sizes.Length
                    ? LocationInfo.From(positional[i])
                    : attributeLocation;
                diagnostics.Add(Info(
                    DiagnosticDescriptors.LayerSizeTooSmall,
                    where,
                    i == 0 ? "the input" : "layer " + i.ToString(CultureInfo.InvariantCulture) + (i == sizes.Length - 1 ? " (the output layer)" : " (a hidden layer)"),
                    name,
                    sizes[i].ToString(CultureInfo.InvariantCulture)));
            }
        }

        bool sizesValid = sizes.Length >= 2 && sizes.All(s => s >= 1);
        long parameters = sizesValid ? NetworkMath.ParameterCount(sizes) : 0;
        if (sizesValid && parameters > CodeShapePlanner.MaxParameters)
        {
            diagnostics.Add(Info(
                DiagnosticDescriptors.TooManyParameters,
                attributeLocation,
                name,
                parameters == long.MaxValue ? "more than 9223372036854775806" : parameters.ToString(CultureInfo.InvariantCulture),
                CodeShapePlanner.MaxParameters.ToString(CultureInfo.InvariantCulture)));
        }

        // The named arguments.
        double learningRate = 0.1;
        LocationInfo? learningRateLocation = attributeLocation;
        int seed = 0, unroll = 0, precision = 0, initializer = 0;
        int[]? unrolledLayers = null;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            LocationInfo? where = LocationInfo.From(NamedArgument(attributeSyntax, named.Key)) ?? attributeLocation;
            switch (named.Key)
            {
                case "LearningRate" when named.Value.Value is double rate:
                    learningRate = rate;
                    learningRateLocation = where;
                    break;
                case "Seed" when named.Value.Value is int s:
                    seed = s;
                    break;
                case "Unroll" when named.Value.Value is int u:
                    unroll = CheckEnum(u, 2, "Unroll", "UnrollMode", "Auto", name, where, diagnostics);
                    break;
                case "Precision" when named.Value.Value is int p:
                    precision = CheckEnum(p, 1, "Precision", "Precision", "Double", name, where, diagnostics);
                    break;
                case "Initializer" when named.Value.Value is int i:
                    initializer = CheckEnum(i, 2, "Initializer", "Initializer", "StandardNormal", name, where, diagnostics);
                    break;
                case "UnrolledLayers" when named.Value.Kind == TypedConstantKind.Array:
                    // Null is the same as not setting it; elements that are not ints already have a compiler error.
                    if (!named.Value.IsNull && named.Value.Values.All(v => v.Value is int))
                    {
                        unrolledLayers = named.Value.Values.Select(v => (int)v.Value!).ToArray();
                    }

                    break;
            }
        }

        // The learning rate must stay finite and positive in the network's own type.
        float single = (float)learningRate;
        if (!(learningRate > 0.0) || double.IsInfinity(learningRate) || (precision == 1 && (!(single > 0f) || float.IsInfinity(single))))
        {
            diagnostics.Add(Info(DiagnosticDescriptors.InvalidLearningRate, learningRateLocation, learningRate.ToString("R", CultureInfo.InvariantCulture), name));
        }

        // The code shape.
        CodeShape shape = sizesValid ? CodeShapePlanner.Choose(sizes, unroll, unrolledLayers is not null) : CodeShape.Unrolled;
        LocationInfo? unrollLocation = LocationInfo.From(NamedArgument(attributeSyntax, "Unroll")) ?? attributeLocation;
        if (unrolledLayers is not null)
        {
            LocationInfo? layersLocation = LocationInfo.From(NamedArgument(attributeSyntax, "UnrolledLayers")) ?? attributeLocation;
            CheckUnrolledLayers(unrolledLayers, sizesValid ? sizes : null, unroll, name, layersLocation, diagnostics, warnings);
            if (sizesValid && unroll != 1 && CodeShapePlanner.Auto(sizes) == CodeShape.Unrolled)
            {
                warnings.Add(Info(DiagnosticDescriptors.SlowLoops, layersLocation, name, "UnrolledLayers", "remove UnrolledLayers"));
            }
        }
        else if (sizesValid && unroll == 1 && parameters > CodeShapePlanner.UnrolledMaxParameters && parameters <= CodeShapePlanner.MaxParameters)
        {
            diagnostics.Add(Info(
                DiagnosticDescriptors.TooLargeToUnroll,
                unrollLocation,
                name,
                parameters.ToString(CultureInfo.InvariantCulture),
                CodeShapePlanner.UnrolledMaxParameters.ToString(CultureInfo.InvariantCulture)));
        }
        else if (sizesValid && unroll == 1 && CodeShapePlanner.Auto(sizes) == CodeShape.Loops)
        {
            // At most 300 parameters here (more is NG0013), so Auto chose loops for a long sum.
            int widest = sizes.Take(sizes.Length - 1).Max();
            string why = "a unit sums " + widest.ToString(CultureInfo.InvariantCulture) + " inputs (more than " + CodeShapePlanner.AutoMaxFanIn.ToString(CultureInfo.InvariantCulture) + ")";
            warnings.Add(Info(DiagnosticDescriptors.SlowUnroll, unrollLocation, name, why));
        }
        else if (sizesValid && unroll == 2 && CodeShapePlanner.Auto(sizes) == CodeShape.Unrolled)
        {
            warnings.Add(Info(DiagnosticDescriptors.SlowLoops, unrollLocation, name, "Unroll = UnrollMode.Never", "use UnrollMode.Auto"));
        }

        // Errors stop the emit; warnings and information do not.
        NetworkModel? model = diagnostics.Count == 0
            ? new NetworkModel(
                type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(NamespaceFormat) : null,
                new EquatableArray<ContainingType>(containing.ToArray()),
                Escaped(name),
                new EquatableArray<int>(sizes),
                learningRate,
                seed,
                shape,
                precision == 1,
                initializer,
                unroll,
                new EquatableArray<int>(CodeShapePlanner.Layers(sizes, shape, unroll, unrolledLayers).Select(p => (int)p).ToArray()),
                unrolledLayers is null ? null : new EquatableArray<int>(unrolledLayers))
            : null;
        return new NetworkResult(model, new EquatableArray<DiagnosticInfo>(diagnostics.Concat(warnings).ToArray()));
    }

    private static readonly SymbolDisplayFormat NamespaceFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>A name as C# source must spell it: <c>@class</c> for a type named <c>class</c>.</summary>
    private static string Escaped(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>
    /// Checks <c>UnrolledLayers</c>: every entry names a layer once (1 to the number of layers), none is too large
    /// for straight-line code, and it does not meet <c>Unroll = Always</c>; warns where a listed layer is one the
    /// planner would have left in loops because loops measured faster.
    /// </summary>
    private static void CheckUnrolledLayers(int[] layers, int[]? sizes, int unroll, string className, LocationInfo? where, List<DiagnosticInfo> diagnostics, List<DiagnosticInfo> warnings)
    {
        if (unroll == 1)
        {
            diagnostics.Add(Info(DiagnosticDescriptors.UnrolledLayersWithAlways, where, className));
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
                    diagnostics.Add(Info(
                        DiagnosticDescriptors.UnrolledLayerOutOfRange,
                        where,
                        layer.ToString(CultureInfo.InvariantCulture),
                        className,
                        count.ToString(CultureInfo.InvariantCulture),
                        outside ? "not a layer" : "listed twice"));
                }

                continue;
            }

            long weights = (long)sizes[layer - 1] * sizes[layer];
            if (weights > CodeShapePlanner.StraightLineMaxWeights)
            {
                diagnostics.Add(Info(
                    DiagnosticDescriptors.LayerTooLargeToUnroll,
                    where,
                    layer.ToString(CultureInfo.InvariantCulture),
                    className,
                    sizes[layer - 1].ToString(CultureInfo.InvariantCulture) + " x " + sizes[layer].ToString(CultureInfo.InvariantCulture),
                    weights.ToString(CultureInfo.InvariantCulture),
                    CodeShapePlanner.StraightLineMaxWeights.ToString(CultureInfo.InvariantCulture)));
            }
            else if (CodeShapePlanner.AutoLayer(sizes[layer - 1], sizes[layer]) == LayerPasses.None)
            {
                warnings.Add(Info(
                    DiagnosticDescriptors.SlowUnrolledLayer,
                    where,
                    layer.ToString(CultureInfo.InvariantCulture),
                    className,
                    sizes[layer - 1].ToString(CultureInfo.InvariantCulture) + " x " + sizes[layer].ToString(CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>An enum option's value, or its default with an NG0016 error when the value is not a member.</summary>
    private static int CheckEnum(int value, int max, string option, string enumName, string example, string className, LocationInfo? where, List<DiagnosticInfo> diagnostics)
    {
        if (value >= 0 && value <= max)
        {
            return value;
        }

        diagnostics.Add(Info(DiagnosticDescriptors.UnknownOption, where, option, value.ToString(CultureInfo.InvariantCulture), className, enumName, example));
        return 0;
    }

    private static DiagnosticInfo Info(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, new EquatableArray<string>(arguments));

    /// <summary>True for the members NetGen itself generated (the analyzer sees them beside the user's).</summary>
    private static bool IsGeneratedByNetGen(ISymbol member) =>
        member.DeclaringSyntaxReferences.All(r => r.SyntaxTree.FilePath.Replace('\\', '/').Contains(GeneratedPathPart))
        || member.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute"
            && a.ConstructorArguments.Length == 2
            && a.ConstructorArguments[0].Value as string == GeneratorName);

    /// <summary>The compiler puts generated sources under the generator's assembly and type name.</summary>
    private const string GeneratedPathPart = "NetGen.Generator/NetGen.Generator.NetworkGenerator/";

    private static int CountNetworkAttributes(INamedTypeSymbol type) =>
        type.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == AttributeMetadataName);

    private static bool IsGenericOrInGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static Location? FirstIdentifier(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
            .FirstOrDefault()?.Identifier.GetLocation();

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static bool IsGeneratedConstructor(IMethodSymbol constructor) =>
        !constructor.IsStatic
        && (constructor.Parameters.Length == 0
            || (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32 && constructor.Parameters[0].RefKind == RefKind.None));

    private static string ConstructorText(string name, IMethodSymbol constructor) =>
        constructor.Parameters.Length == 0 ? name + "()" : name + "(int)";

    private static AttributeArgumentSyntax? NamedArgument(AttributeSyntax? attribute, string name) =>
        attribute?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
}
