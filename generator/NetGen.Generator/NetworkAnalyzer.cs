using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;

namespace NetGen.Generator;

/// <summary>
/// Reports every misuse of <c>[Network]</c> live in the editor. It reads and plans each class with the same
/// <see cref="NetworkParser"/> and <see cref="NetworkPlanner"/> the generator uses, so the two always agree on what is
/// valid: the generator emits a class exactly when this analyzer reports no error for it (warnings and information
/// still generate).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NetworkAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        DiagnosticDescriptors.All.ToImmutableArray();

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? attributeType = start.Compilation.GetTypeByMetadataName(NetworkParser.AttributeMetadataName);
            if (attributeType is null)
            {
                return;
            }

            // Diagnostics carry file paths (the parser's model holds no syntax); map them back to this compilation's
            // trees, preferring the trees that declare the class, since several trees may share one path.
            var trees = new System.Collections.Generic.Dictionary<string, SyntaxTree>();
            foreach (SyntaxTree tree in start.Compilation.SyntaxTrees)
            {
                trees[tree.FilePath] = tree;
            }

            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    AttributeData? attribute = type.GetAttributes()
                        .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
                    if (attribute is null)
                    {
                        return;
                    }

                    ParsedNetwork? parsed = NetworkParser.Parse(type, attribute, symbolContext.CancellationToken);
                    if (parsed is null)
                    {
                        return;
                    }

                    NetworkPlan plan = NetworkPlanner.Plan(parsed.Declaration, parsed.Locations);

                    var own = type.DeclaringSyntaxReferences.Select(r => r.SyntaxTree)
                        .Concat(type.ContainingType?.DeclaringSyntaxReferences.Select(r => r.SyntaxTree) ?? Enumerable.Empty<SyntaxTree>())
                        .ToList();
                    foreach (DiagnosticInfo info in parsed.Errors.Concat(parsed.Warnings).Concat(plan.Diagnostics))
                    {
                        int end = info.Location?.Span.End ?? 0;
                        SyntaxTree? TreeAt(string path) =>
                            own.FirstOrDefault(t => t.FilePath == path && t.Length >= end)
                            ?? (trees.TryGetValue(path, out SyntaxTree? tree) && tree.Length >= end ? tree : null);
                        symbolContext.ReportDiagnostic(info.ToDiagnostic(TreeAt));
                    }
                },
                SymbolKind.NamedType);
        });
    }
}
