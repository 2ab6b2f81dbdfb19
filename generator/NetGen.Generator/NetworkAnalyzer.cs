using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator;

/// <summary>
/// Reports every misuse of <c>[Network]</c> live in the editor. It reads each class with the same
/// <see cref="NetworkParser"/> the generator uses, so the two always agree on what is valid: the generator
/// emits a class exactly when this analyzer has nothing to say about it.
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

            // Diagnostics carry file paths (the parser's model holds no syntax); map them back to this compilation's trees.
            var trees = new System.Collections.Generic.Dictionary<string, SyntaxTree>();
            foreach (SyntaxTree tree in start.Compilation.SyntaxTrees)
            {
                trees[tree.FilePath] = tree;
            }

            SyntaxTree? TreeAt(string path) => trees.TryGetValue(path, out SyntaxTree? tree) ? tree : null;

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

                    NetworkResult? result = NetworkParser.Parse(type, attribute, symbolContext.CancellationToken);
                    if (result is null)
                    {
                        return;
                    }

                    foreach (DiagnosticInfo info in result.Diagnostics)
                    {
                        symbolContext.ReportDiagnostic(info.ToDiagnostic(TreeAt));
                    }
                },
                SymbolKind.NamedType);
        });
    }
}
