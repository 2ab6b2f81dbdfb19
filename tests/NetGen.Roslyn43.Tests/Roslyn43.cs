using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace NetGen.Roslyn43.Tests;

/// <summary>
/// Roslyn 4.3.1 with the package's analyzers folder loaded through its own <see cref="AnalyzerFileReference"/>, as a
/// compiler of that era loads it, and compilations against the .NET 8 reference assemblies and the runtime library's
/// net8.0 build, as a project targeting .NET 8 compiles.
/// </summary>
internal static class Roslyn43
{
    /// <summary>The copy of the package's analyzers/dotnet/cs folder beside the tests.</summary>
    public static string AnalyzersFolder { get; } = Path.Combine(AppContext.BaseDirectory, "analyzers", "dotnet", "cs");

    /// <summary>The runtime library's net8.0 build, copied beside the tests.</summary>
    public static string RuntimeLibrary { get; } = Path.Combine(AppContext.BaseDirectory, "netgen", "net8.0", "NetGen.dll");

    private static readonly Lazy<Analyzers> Loaded = new(Load);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>The generators and analyzers of every DLL in the analyzers folder, and every load failure reported.</summary>
    public static Analyzers FromPackage => Loaded.Value;

    /// <summary>The .NET 8 reference assemblies and the runtime library.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>C# as a net8.0 project compiles it, at <paramref name="version"/>.</summary>
    public static CSharpParseOptions ParseOptions(LanguageVersion version) =>
        new(
            version,
            DocumentationMode.Diagnose,
            preprocessorSymbols: new[] { "NET", "NETCOREAPP", "NET8_0" }
                .Concat(Enumerable.Range(5, 4).Select(v => "NET" + v.ToString(CultureInfo.InvariantCulture) + "_0_OR_GREATER")));

    /// <summary>The runtime library's netstandard2.1 build (Unity, Mono), copied beside the tests.</summary>
    public static string StandardRuntimeLibrary { get; } = Path.Combine(AppContext.BaseDirectory, "netgen", "netstandard2.1", "NetGen.dll");

    /// <summary>
    /// What a Unity-like project compiles against: .NET Standard 2.1's reference assembly (from the NETStandard.Library.Ref
    /// package restore downloads) and the runtime library's netstandard2.1 build.
    /// </summary>
    public static ImmutableArray<MetadataReference> StandardReferences => LazyStandardReferences.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyStandardReferences = new(() =>
    {
        string? netstandard = typeof(Roslyn43).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "NetStandard21ReferenceAssembly")?.Value;
        if (netstandard is null || !File.Exists(netstandard) || !File.Exists(StandardRuntimeLibrary))
        {
            throw new XunitException($"netstandard.dll 2.1 ({netstandard}) or the runtime's netstandard2.1 build ({StandardRuntimeLibrary}) is missing; restore and build the test project.");
        }

        return ImmutableArray.Create<MetadataReference>(MetadataReference.CreateFromFile(netstandard), MetadataReference.CreateFromFile(StandardRuntimeLibrary));
    });

    /// <summary>Runs the package's generators over <paramref name="source"/> at <paramref name="version"/>, then its analyzers.</summary>
    public static Run Generate(string source, LanguageVersion version) => Generate(source, version, References, ParseOptions(version));

    /// <summary>As <see cref="Generate(string, LanguageVersion)"/>, for a netstandard2.1 project that references the runtime's netstandard2.1 build.</summary>
    public static Run GenerateForStandard(string source, LanguageVersion version) =>
        Generate(source, version, StandardReferences, new CSharpParseOptions(version, DocumentationMode.Diagnose, preprocessorSymbols: new[] { "NETSTANDARD", "NETSTANDARD2_1" }));

    private static Run Generate(string source, LanguageVersion version, ImmutableArray<MetadataReference> references, CSharpParseOptions parseOptions)
    {
        CSharpCompilation input = CSharpCompilation.Create(
            "NetGenRoslyn43",
            new[] { CSharpSyntaxTree.ParseText(source, parseOptions, path: "Input.cs") },
            references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999, // every warning wave, as the repository builds
                optimizationLevel: OptimizationLevel.Release,
                deterministic: true));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(FromPackage.Generators, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        ImmutableArray<Diagnostic> analyzerDiagnostics = output
            .WithAnalyzers(FromPackage.DiagnosticAnalyzers)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return new Run(driver.GetRunResult(), driverDiagnostics, output, analyzerDiagnostics);
    }

    /// <summary>A diagnostic as one line: ID, location and message.</summary>
    public static string Describe(Diagnostic d)
    {
        FileLinePositionSpan span = d.Location.GetLineSpan();
        return string.Create(CultureInfo.InvariantCulture, $"{d.Id} {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.GetMessage(CultureInfo.InvariantCulture)}");
    }

    private static Analyzers Load()
    {
        if (!Directory.Exists(AnalyzersFolder))
        {
            throw new XunitException($"The analyzers folder is missing: {AnalyzersFolder} (the build copies it from the generator projects' output)");
        }

        var loader = new DefaultContextLoader();
        var failures = new List<string>();
        var generators = ImmutableArray.CreateBuilder<ISourceGenerator>();
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        var files = Directory.GetFiles(AnalyzersFolder, "*.dll").OrderBy(f => f, StringComparer.Ordinal).ToImmutableArray();
        foreach (string file in files)
        {
            var reference = new AnalyzerFileReference(file, loader);
            reference.AnalyzerLoadFailed += (_, e) =>
                failures.Add($"{Path.GetFileName(file)}: {e.ErrorCode} {e.TypeName} {e.Message} {e.Exception}");
            generators.AddRange(reference.GetGenerators(LanguageNames.CSharp));
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        return new Analyzers(files, generators.ToImmutable(), analyzers.ToImmutable(), failures);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string folder = ReferenceAssemblyFolder();
        if (!File.Exists(RuntimeLibrary))
        {
            throw new XunitException($"The runtime library's net8.0 build is missing: {RuntimeLibrary} (the build copies it from src/NetGen)");
        }

        return Directory.GetFiles(folder, "*.dll")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Append(RuntimeLibrary)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToImmutableArray();
    }

    /// <summary>
    /// The .NET 8 reference assemblies: the targeting pack restore downloads (its folder is written into this assembly
    /// at build time), else one installed beside the SDK.
    /// </summary>
    private static string ReferenceAssemblyFolder()
    {
        var candidates = new List<string>();
        string? restored = typeof(Roslyn43).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "Net80ReferenceAssemblies")?.Value;
        if (!string.IsNullOrEmpty(restored))
        {
            candidates.Add(restored);
        }

        // The running runtime's own installation (shared/Microsoft.NETCore.App/<version>/ holds System.Private.CoreLib).
        string? installation = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location)));
        foreach (string? root in new[] { Environment.GetEnvironmentVariable("DOTNET_ROOT"), installation, "/usr/share/dotnet", "/usr/lib/dotnet" })
        {
            string packs = Path.Combine(root ?? "", "packs", "Microsoft.NETCore.App.Ref");
            if (!string.IsNullOrEmpty(root) && Directory.Exists(packs))
            {
                candidates.AddRange(Directory.GetDirectories(packs, "8.*")
                    .OrderByDescending(d => d, StringComparer.Ordinal)
                    .Select(d => Path.Combine(d, "ref", "net8.0")));
            }
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "System.Runtime.dll")))
            ?? throw new XunitException(
                "No .NET 8 reference assemblies (Microsoft.NETCore.App.Ref 8.x, ref/net8.0) were found; looked in: "
                + string.Join(", ", candidates.DefaultIfEmpty("(no candidate folder)"))
                + ". Restore the test project, which downloads the targeting pack.");
    }

    /// <summary>What the package's analyzers folder gave.</summary>
    internal sealed record Analyzers(
        ImmutableArray<string> Files,
        ImmutableArray<ISourceGenerator> Generators,
        ImmutableArray<DiagnosticAnalyzer> DiagnosticAnalyzers,
        IReadOnlyList<string> Failures);

    /// <summary>One run: the generators' result, the compilation with the generated sources, and the analyzers' diagnostics.</summary>
    internal sealed record Run(
        GeneratorDriverRunResult Result,
        ImmutableArray<Diagnostic> DriverDiagnostics,
        Compilation Output,
        ImmutableArray<Diagnostic> AnalyzerDiagnostics)
    {
        /// <summary>The compiler's errors in the compilation with the generated sources.</summary>
        public IReadOnlyList<Diagnostic> Errors =>
            Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    /// <summary>
    /// Loads into the default context, where the only Microsoft.CodeAnalysis is this project's 4.3.1, so the
    /// analyzer DLLs bind to it as they bind to the compiler that loads them.
    /// </summary>
    private sealed class DefaultContextLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }
}
