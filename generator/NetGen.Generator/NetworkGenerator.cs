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
/// attribute → read what it says (<see cref="NetworkParser"/>) → plan the code (<see cref="NetworkPlanner"/>) →
/// write the source (<see cref="NetworkEmitter"/>) → add it. <see cref="NetworkAnalyzer"/> reports misuse.
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

        /// <summary>The valid models, each emitted as one source file.</summary>
        public const string Models = "NetGen.Models";

        /// <summary>The file names of all generated sources, to tell apart names that differ only in case.</summary>
        public const string HintNames = "NetGen.HintNames";
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
            .WithTrackingName(Steps.Models);

        // Generated file names compare without case, so Net and NET in one namespace need different names; the
        // list of names only changes when a network is added, removed or renamed, so edits elsewhere stay cached.
        IncrementalValueProvider<EquatableArray<string>> hintNames = models
            .Select(static (m, _) => m.HintName)
            .Collect()
            .Select(static (names, _) => new EquatableArray<string>(names))
            .WithTrackingName(Steps.HintNames);

        context.RegisterSourceOutput(models.Combine(hintNames), static (spc, pair) =>
        {
            (NetworkModel model, EquatableArray<string> names) = pair;
            string hint = model.HintName;
            int sameIgnoringCase = 0;
            foreach (string name in names)
            {
                sameIgnoringCase += string.Equals(name, hint, System.StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            }

            if (sameIgnoringCase > 1)
            {
                hint = hint.Substring(0, hint.Length - ".g.cs".Length) + "." + model.NameHash + ".g.cs";
            }

            spc.AddSource(hint, SourceText.From(NetworkEmitter.Emit(model, Version), Encoding.UTF8));
        });
    }
}
