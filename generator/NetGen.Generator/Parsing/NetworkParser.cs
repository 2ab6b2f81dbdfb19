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
/// Reads a <c>[Network]</c> class into a <see cref="NetworkDeclaration"/>, what its attribute says, and the errors
/// in it: a declaration NetGen cannot serve (not partial, generic, static...), sizes or options it cannot take.
/// It plans nothing; <see cref="Planning.NetworkPlanner"/> turns a declaration into the model the emitter writes.
/// Never throws for bad input: anything it cannot read becomes a diagnostic.
/// </summary>
internal static partial class NetworkParser
{
    public const string AttributeMetadataName = "NetGen.NetworkAttribute";

    /// <summary>The tool name in the <c>[GeneratedCode]</c> attribute of every generated member.</summary>
    public const string GeneratorName = "NetGen.Generator";

    /// <summary>The learning rate of an Sgd network whose attribute does not set one (the tutorial's).</summary>
    public static readonly double DefaultLearningRate = OptimizerRule.For(Optimizer.Sgd).DefaultLearningRate;

    /// <summary>The public members every generated class declares; a user's member of the same name is reported.</summary>
    public static readonly ImmutableArray<string> GeneratedPublicMembers = ImmutableArray.Create(
        "InputSize", "OutputSize", "ParameterCount", "LearningRate", "Forward", "Predict", "ComputeGradients",
        "TrainStep", "GetParameters", "SetParameters", "Train",
        "Description", "OptimizerStateLength", "GetOptimizerState", "SetOptimizerState", "ResetOptimizer", "Classify");

    /// <summary>The generator's entry: the class and attribute that <c>ForAttributeWithMetadataName</c> found.</summary>
    public static ParsedNetwork? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        context.TargetSymbol is INamedTypeSymbol type && context.Attributes.Length == 1
            ? Parse(type, context.Attributes[0], cancellationToken)
            : null;

    /// <summary>
    /// Reads one class and its <c>[Network]</c> attribute. Returns null where the compiler already reports the
    /// problem (not a class, the attribute twice, arguments that do not bind), so nothing is said twice.
    /// </summary>
    public static ParsedNetwork? Parse(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
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

        // Arguments the compiler could not bind (wrong types, missing ones) already have a compiler error.
        if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error))
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var errors = new List<DiagnosticInfo>();
        var warnings = new List<DiagnosticInfo>();
        LocationInfo? classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        LocationInfo? attributeLocation = LocationInfo.From(attributeSyntax) ?? classLocation;
        List<ContainingType> containing = ReadDeclaration(type, declaration, classLocation, errors, cancellationToken);
        int[] sizes = ReadSizes(type.Name, attribute, attributeSyntax, attributeLocation, errors);
        NetworkDeclaration read = ReadOptions(
            type.Name,
            attribute,
            attributeSyntax,
            attributeLocation,
            errors,
            warnings,
            new NetworkDeclaration(
                type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(NamespaceFormat) : null,
                new EquatableArray<ContainingType>(containing.ToArray()),
                Escaped(type.Name),
                new EquatableArray<int>(sizes),
                DefaultLearningRate,
                Seed: 0,
                UnrollMode.Auto,
                Precision.Double,
                Initializer.StandardNormal,
                UnrolledLayers: null,
                new EquatableArray<Activation>(Enumerable.Repeat(Activation.Sigmoid, Math.Max(0, sizes.Length - 1)).ToArray()),
                Loss.Square,
                Reduction.Sum,
                LeakySlope: OptionRules.DefaultLeakySlope,
                OptimizerModel.PlainSgd,
                HuberDelta: OptionRules.DefaultHuberDelta,
                EluAlpha: OptionRules.DefaultEluAlpha));
        var locations = new DeclarationLocations(
            attributeLocation,
            LocationInfo.From(NamedArgument(attributeSyntax, "Unroll")) ?? attributeLocation,
            LocationInfo.From(NamedArgument(attributeSyntax, "UnrolledLayers")) ?? attributeLocation);
        return new ParsedNetwork(
            read, locations, new EquatableArray<DiagnosticInfo>(errors.ToArray()), new EquatableArray<DiagnosticInfo>(warnings.ToArray()));
    }

    /// <summary>
    /// Checks the class declaration itself (what kind of class, partial, its base, its members' names) and returns
    /// the enclosing types, outermost first, each of which must be partial too.
    /// </summary>
    private static List<ContainingType> ReadDeclaration(
        INamedTypeSymbol type, TypeDeclarationSyntax declaration, LocationInfo? classLocation, List<DiagnosticInfo> errors, CancellationToken cancellationToken)
    {
        string name = type.Name;
        if (type.IsRecord)
        {
            errors.Add(Info(DiagnosticDescriptors.RecordClass, classLocation, name));
        }

        if (type.IsStatic)
        {
            errors.Add(Info(DiagnosticDescriptors.StaticClass, classLocation, name));
        }
        else if (type.IsAbstract)
        {
            errors.Add(Info(DiagnosticDescriptors.AbstractClass, classLocation, name));
        }

        if (IsGenericOrInGeneric(type))
        {
            errors.Add(Info(DiagnosticDescriptors.GenericClass, classLocation, name));
        }

        if (!IsPartial(type, cancellationToken))
        {
            errors.Add(Info(DiagnosticDescriptors.NotPartial, classLocation, name));
        }

        var containing = new List<ContainingType>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!IsPartial(outer, cancellationToken))
            {
                LocationInfo? where = LocationInfo.From(FirstIdentifier(outer, cancellationToken)) ?? classLocation;
                errors.Add(Info(DiagnosticDescriptors.ContainingTypeNotPartial, where, outer.Name, name));
            }

            containing.Insert(0, new ContainingType(Keyword(outer), Escaped(outer.Name)));
        }

        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (CountNetworkAttributes(baseType) > 0)
            {
                errors.Add(Info(DiagnosticDescriptors.DerivesFromNetwork, classLocation, name, baseType.Name));
                break;
            }
        }

        // A name starting with "__" may be a generated private member's or one of the file's aliases (__Dense,
        // __Guard, ...), which the class's own name would hide from the generated code.
        if (GeneratedPublicMembers.Contains(name) || name.StartsWith("__", System.StringComparison.Ordinal))
        {
            errors.Add(Info(DiagnosticDescriptors.ClassNamedLikeMember, classLocation, name));
        }

        // A primary constructor (C# 12) is the one constructor declared by the type declaration itself; asked of the
        // symbol, so the generator needs no syntax newer than the Roslyn it is built against (4.3).
        if (type.InstanceConstructors.Any(c => c.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax)))
        {
            errors.Add(Info(DiagnosticDescriptors.PrimaryConstructor, classLocation, name));
        }

        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseClass
            && !baseClass.InstanceConstructors.Any(c => c.Parameters.IsEmpty && c.DeclaredAccessibility
                is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal or Accessibility.Internal))
        {
            errors.Add(Info(DiagnosticDescriptors.BaseWithoutParameterlessConstructor, classLocation, name, baseClass.Name));
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
                errors.Add(Info(
                    DiagnosticDescriptors.MemberCollision,
                    LocationInfo.From(member.Locations.FirstOrDefault()) ?? classLocation,
                    name,
                    shown));
            }
        }

        return containing;
    }

    /// <summary>The layer sizes the constructor lists; at least two, each at least 1, not too many parameters in all.</summary>
    private static int[] ReadSizes(
        string name, AttributeData attribute, AttributeSyntax? attributeSyntax, LocationInfo? attributeLocation, List<DiagnosticInfo> errors)
    {
        TypedConstant sizesArgument = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0] : default;
        int[] sizes = sizesArgument.Kind == TypedConstantKind.Array && !sizesArgument.IsNull
            ? sizesArgument.Values.Select(v => v.Value is int i ? i : 0).ToArray()
            : Array.Empty<int>();
        var positional = attributeSyntax?.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        if (sizes.Length < 2)
        {
            errors.Add(Info(DiagnosticDescriptors.TooFewLayers, attributeLocation, name, Text(sizes.Length)));
        }

        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] < 1)
            {
                LocationInfo? where = positional is not null && positional.Count == sizes.Length
                    ? LocationInfo.From(positional[i])
                    : attributeLocation;
                string layer = i == 0 ? "the input" : "layer " + Text(i) + (i == sizes.Length - 1 ? " (the output layer)" : " (a hidden layer)");
                errors.Add(Info(DiagnosticDescriptors.LayerSizeTooSmall, where, layer, name, Text(sizes[i])));
            }
        }

        // NetGen's absolute limit, whatever the code shape: the attribute asks for a network NetGen does not make.
        bool sizesValid = sizes.Length >= 2 && sizes.All(s => s >= 1);
        long parameters = sizesValid ? NetworkMath.ParameterCount(sizes) : 0;
        if (sizesValid && parameters > CodeShapePlanner.MaxParameters)
        {
            errors.Add(Info(
                DiagnosticDescriptors.TooManyParameters,
                attributeLocation,
                name,
                parameters == long.MaxValue ? "more than 9223372036854775806" : parameters.ToString(CultureInfo.InvariantCulture),
                CodeShapePlanner.MaxParameters.ToString(CultureInfo.InvariantCulture)));
        }

        return sizes;
    }


    private static readonly SymbolDisplayFormat NamespaceFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>A name as C# source must spell it: <c>@class</c> for a type named <c>class</c>.</summary>
    private static string Escaped(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static DiagnosticInfo Info(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        DiagnosticInfo.Of(descriptor, location, arguments);

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
            || (constructor.Parameters.Length == 1
                && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32
                && constructor.Parameters[0].RefKind == RefKind.None));

    private static string ConstructorText(string name, IMethodSymbol constructor) =>
        constructor.Parameters.Length == 0 ? name + "()" : name + "(int)";

    private static AttributeArgumentSyntax? NamedArgument(AttributeSyntax? attribute, string name) =>
        attribute?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
}
