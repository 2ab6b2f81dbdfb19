using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator;

/// <summary>
/// Turns every <c>[NetGen.Network(...)]</c> partial class into a specialised trainer. Pipeline: find the
/// attribute → read it into a value model (<see cref="NetworkParser"/>) → write the source
/// (<see cref="NetworkEmitter"/>) → add it, and report what the model's diagnostics say.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>The tracking names of the pipeline steps, for incrementality tests.</summary>
    public static class Steps
    {
        /// <summary>The value model of each <c>[Network]</c> class, with its diagnostics.</summary>
        public const string Networks = "NetGen.Networks";

        /// <summary>The models that are valid and will be emitted.</summary>
        public const string Models = "NetGen.Models";

        /// <summary>The diagnostics to report.</summary>
        public const string Diagnostics = "NetGen.Diagnostics";
    }

    /// <summary>The version written into <c>[GeneratedCode]</c>: the assembly version, stable across commits.</summary>
    internal static readonly string Version = typeof(NetworkGenerator).Assembly.GetName().Version?.ToString() ?? "1.0.0.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkResult> networks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.AttributeMetadataName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => NetworkParser.Parse(ctx, ct))
            .Where(static r => r is not null)
            .Select(static (r, _) => r!)
            .WithTrackingName(Steps.Networks);

        IncrementalValuesProvider<NetworkModel> models = networks
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .WithTrackingName(Steps.Models);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = networks
            .Select(static (r, _) => r.Diagnostics)
            .Where(static d => d.Count > 0)
            .WithTrackingName(Steps.Diagnostics);

        context.RegisterSourceOutput(models, static (spc, model) =>
            spc.AddSource(model.HintName, SourceText.From(NetworkEmitter.Emit(model, Version), Encoding.UTF8)));

        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (DiagnosticInfo info in list)
            {
                spc.ReportDiagnostic(info.ToDiagnostic());
            }
        });
    }
}
