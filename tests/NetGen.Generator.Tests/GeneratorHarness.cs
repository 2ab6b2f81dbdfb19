using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator;
using Xunit;
using Xunit.Sdk;

namespace NetGen.Generator.Tests;

/// <summary>Runs the generator in memory, the way the compiler does, and compiles and loads what it makes.</summary>
internal static class GeneratorHarness
{
    /// <summary>C# as a net10.0 project compiles it: the SDK defines these symbols for that target (the references are .NET 10's).</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new CSharpParseOptions(
            LanguageVersion.Latest,
            DocumentationMode.Diagnose,
            preprocessorSymbols: new[] { "NET", "NETCOREAPP", "NET10_0" }
                .Concat(Enumerable.Range(5, 6).Select(v => "NET" + v.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_0_OR_GREATER")));

    private static readonly ImmutableArray<MetadataReference> References =
        Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location))
            .ToImmutableArray();

    /// <summary>
    /// The runtime library's netstandard2.1 build (Unity, Mono) in place of its .NET build: a compilation that references
    /// it gets the generator's .NET Standard form.
    /// </summary>
    private static readonly ImmutableArray<MetadataReference> StandardReferences =
        Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(System.IO.Path.Combine(AppContext.BaseDirectory, "netgen", "netstandard2.1", "NetGen.dll")))
            .ToImmutableArray();

    public static CSharpCompilation Compilation(params string[] sources) => Compilation(References, sources);

    private static CSharpCompilation Compilation(ImmutableArray<MetadataReference> references, string[] sources) =>
        CSharpCompilation.Create(
            "NetGenTest" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Input{i}.cs")),
            references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                optimizationLevel: OptimizationLevel.Release,
                deterministic: true));

    public static GeneratorDriver Driver() =>
        CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; fails if it threw.</summary>
    public static Run Generate(params string[] sources) => Generate(Compilation(sources));

    /// <summary>Runs the generator over a compilation that references the runtime's netstandard2.1 build.</summary>
    public static Run GenerateStandard(params string[] sources) => Generate(Compilation(StandardReferences, sources));

    private static Run Generate(CSharpCompilation input)
    {
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "AD0001");
        foreach (GeneratedSourceResult source in result.Results.Single().GeneratedSources)
        {
            GeneratedText.AssertWidth(source.SourceText.ToString(), source.HintName);
        }

        return new Run(output, result.Diagnostics, result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()));
    }

    /// <summary>Runs the generator, then the analyzer over the compilation with the generated sources, as a build does.</summary>
    public static (Run Run, IReadOnlyList<Diagnostic> Analyzer) Analyze(params string[] sources)
    {
        Run run = Generate(sources);
        ImmutableArray<Diagnostic> diagnostics = run.Output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return (run, diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToList());
    }

    /// <summary>The source text a diagnostic points at.</summary>
    public static string TextAt(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);

    /// <summary>Every error and warning of the compilation with the generated sources.</summary>
    public static IReadOnlyList<Diagnostic> CompilerProblems(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>Emits the compilation into a collectible load context and returns the assembly.</summary>
    public static (Assembly Assembly, AssemblyLoadContext Context) Load(Compilation output)
    {
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        if (!emit.Success)
        {
            throw new XunitException("The generated code does not compile:\n" + string.Join("\n", emit.Diagnostics));
        }

        stream.Position = 0;
        var context = new AssemblyLoadContext("NetGenTest", isCollectible: true);
        return (context.LoadFromStream(stream), context);
    }

    internal sealed record Run(Compilation Output, ImmutableArray<Diagnostic> Diagnostics, Dictionary<string, string> Sources);
}
