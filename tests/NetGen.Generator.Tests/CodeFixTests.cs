using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NetGen.CodeFixes;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>The "Make partial" code fix, applied in a workspace as the IDE applies it.</summary>
public class CodeFixTests
{
    [Theory]
    [InlineData(
        "/// <summary>x</summary>\n[NetGen.Network(2, 1)] public sealed class Net { }",
        "/// <summary>x</summary>\n[NetGen.Network(2, 1)] public sealed partial class Net { }")]
    [InlineData(
        "/// <summary>x</summary>\n[NetGen.Network(2, 1)]\nclass Net { }",
        "/// <summary>x</summary>\n[NetGen.Network(2, 1)]\npartial class Net { }")]
    [InlineData(
        "/// <summary>x</summary>\npublic class Shell { /// <summary>x</summary>\n[NetGen.Network(2, 1)] public partial class Net { } }",
        "/// <summary>x</summary>\npublic partial class Shell { /// <summary>x</summary>\n[NetGen.Network(2, 1)] public partial class Net { } }")]
    public async System.Threading.Tasks.Task Make_partial_fixes_the_declaration(string before, string after)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject("Fix", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .AddMetadataReferences(GeneratorHarness.Compilation().References);
        Document document = project.AddDocument("Net.cs", SourceText.From(before));

        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(document));
        var fix = new MakePartialCodeFix();
        Assert.Contains(diagnostic.Id, fix.FixableDiagnosticIds);
        CodeAction? action = null;
        var context = new CodeFixContext(document, diagnostic, (a, _) => action = a, CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        Assert.NotNull(action);
        Assert.Equal(MakePartialCodeFix.Title, action!.Title);

        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Document fixedDocument = changed.GetDocument(document.Id)!;
        Assert.Equal(after, (await fixedDocument.GetTextAsync()).ToString());
        Assert.Empty(await AnalyzeAsync(fixedDocument));
    }

    private static async System.Threading.Tasks.Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        return await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkAnalyzer())).GetAnalyzerDiagnosticsAsync();
    }
}
