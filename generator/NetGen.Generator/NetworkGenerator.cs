using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;

namespace NetGen.Generator;

/// <summary>
/// Turns every <c>[NetGen.Network(...)]</c> partial class into a specialised trainer. Pipeline: find the
/// attribute → read what it says (<see cref="NetworkParser"/>) → plan the code (<see cref="NetworkPlanner"/>) → give
/// it a file name distinct from the others' → write the source (<see cref="NetworkEmitter"/>) → add it.
/// <see cref="NetworkAnalyzer"/> reports misuse.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>The tracking names of the pipeline steps, for incrementality tests.</summary>
    public static class Steps
    {
        /// <summary>What each <c>[Network]</c> class's attribute says, or null where the class is invalid.</summary>
        public const string Networks = "NetGen.Networks";

        /// <summary>The model planned for each valid declaration, or null where the plan has an error.</summary>
        public const string Plans = "NetGen.Plans";

        /// <summary>The valid models.</summary>
        public const string Models = "NetGen.Models";

        /// <summary>Each valid model's file name before telling apart names that differ only in case.</summary>
        public const string HintNames = "NetGen.HintNames";

        /// <summary>All those file names together.</summary>
        public const string AllHintNames = "NetGen.AllHintNames";

        /// <summary>The file names that equal another one ignoring case, in ordinal order; almost always none.</summary>
        public const string CaseClashes = "NetGen.CaseClashes";

        /// <summary>Each valid model beside the names that clash in case.</summary>
        public const string ModelsAndClashes = "NetGen.ModelsAndClashes";

        /// <summary>Each valid model with its final file name, emitted as one source file.</summary>
        public const string Files = "NetGen.Files";
    }

    /// <summary>The version written into <c>[GeneratedCode]</c>: the assembly version, stable across commits.</summary>
    internal static readonly string Version = typeof(NetworkGenerator).Assembly.GetName().Version?.ToString() ?? "1.0.0.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Misuse is reported by NetworkAnalyzer from the same parser and planner; here an invalid class emits nothing.
        IncrementalValuesProvider<NetworkModel> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.AttributeMetadataName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => NetworkParser.Parse(ctx, ct)?.Valid)
            .WithTrackingName(Steps.Networks)
            .Select(static (declaration, _) => declaration is null ? null : NetworkPlanner.Plan(declaration).Model)
            .WithTrackingName(Steps.Plans)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .Combine(context.CompilationProvider.Select(static (c, _) => StandardBuild.IsReferenced(c)))
            .Select(static (pair, _) => pair.Right ? pair.Left with { Standard = true } : pair.Left)
            .WithTrackingName(Steps.Models);

        // Generated file names compare without case, so Net and NET in one namespace need different names. Each
        // output depends only on its model and its final name: adding, removing or renaming a network changes the
        // list of names, but the clashing ones (almost always none) stay the same, so the other outputs stay cached,
        // and when a clash comes or goes only the networks whose name changes are emitted again.
        IncrementalValueProvider<EquatableArray<string>> clashes = models
            .Select(static (m, _) => m.HintName)
            .WithTrackingName(Steps.HintNames)
            .Collect()
            .WithTrackingName(Steps.AllHintNames)
            .Select(static (names, _) => CaseClashes(names))
            .WithTrackingName(Steps.CaseClashes);

        IncrementalValuesProvider<NetworkFile> files = models
            .Combine(clashes)
            .WithTrackingName(Steps.ModelsAndClashes)
            .Select(static (pair, _) => new NetworkFile(pair.Left, FileName(pair.Left, pair.Right)))
            .WithTrackingName(Steps.Files);

        context.RegisterSourceOutput(files, static (spc, file) =>
            spc.AddSource(file.HintName, SourceText.From(NetworkEmitter.Emit(file.Model, Version), Encoding.UTF8)));
    }

    /// <summary>The names that equal another one of <paramref name="names"/> ignoring case, in ordinal order.</summary>
    private static EquatableArray<string> CaseClashes(ImmutableArray<string> names)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in names)
        {
            counts[name] = counts.TryGetValue(name, out int count) ? count + 1 : 1;
        }

        return new EquatableArray<string>(names.Where(n => counts[n] > 1).OrderBy(n => n, StringComparer.Ordinal).ToArray());
    }

    /// <summary>The model's file name, with its name hash before <c>.g.cs</c> where the name clashes in case with another.</summary>
    private static string FileName(NetworkModel model, EquatableArray<string> clashes)
    {
        string hint = model.HintName;
        return !clashes.Contains(hint, StringComparer.Ordinal)
            ? hint
            : hint.Substring(0, hint.Length - ".g.cs".Length) + "." + model.NameHash + ".g.cs";
    }

    /// <summary>One generated file: the model and the name it is added under; the emitted text depends on nothing else.</summary>
    internal sealed record NetworkFile(NetworkModel Model, string HintName);
}
