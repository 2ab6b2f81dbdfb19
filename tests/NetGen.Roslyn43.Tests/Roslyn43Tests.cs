using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Roslyn43.Tests;

/// <summary>The package's generator, analyzer and code fix in Roslyn 4.3.1, the newest a Roslyn 4.3 compiler loads.</summary>
public class Roslyn43Tests
{
    /// <summary>Representative declarations: both code shapes, both precisions, Adam with softmax and cross-entropy, a nested class.</summary>
    public static readonly TheoryData<string, string> Networks = new()
    {
        { "AndNet", "using NetGen;\nnamespace Samples {\n/// <summary>x</summary>\n[Network(2, 4, 1)]\npublic partial class AndNet { } }" },
        { "Digits", "using NetGen;\nnamespace Samples {\n/// <summary>x</summary>\n[Network(784, 128, 10, Precision = Precision.Single)]\npublic partial class Digits { } }" },
        { "Iris", "using NetGen;\nnamespace Samples {\n/// <summary>x</summary>\n[Network(4, 8, 3, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.01)]\npublic partial class Iris { } }" },
        { "Fashion", "using NetGen;\nnamespace Samples {\n/// <summary>x</summary>\npublic partial class Models {\n/// <summary>x</summary>\n[Network(784, 256, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam)]\ninternal partial class Fashion { } } }" },
    };

    private readonly ITestOutputHelper output;

    public Roslyn43Tests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void The_process_runs_Roslyn_4_3()
    {
        Assembly roslyn = typeof(Compilation).Assembly;
        Version version = roslyn.GetName().Version!;
        string? informational = roslyn.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        output.WriteLine($"{roslyn.GetName().Name} {version}, {informational}, from {roslyn.Location}");
        Assert.Equal((4, 3), (version.Major, version.Minor));
        Assert.StartsWith("4.3.", informational, StringComparison.Ordinal);
        Assert.Equal(version, typeof(CSharpCompilation).Assembly.GetName().Version);
    }

    [Fact]
    public void Every_DLL_in_the_analyzers_folder_references_Roslyn_4_3_or_older()
    {
        string[] files = Directory.GetFiles(Roslyn43.AnalyzersFolder, "*.dll");
        Assert.Equal(new[] { "NetGen.CodeFixes.dll", "NetGen.Generator.dll" }, files.Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
        foreach (string file in files)
        {
            using var pe = new PEReader(File.OpenRead(file));
            MetadataReader metadata = pe.GetMetadataReader();
            var roslyn = metadata.AssemblyReferences
                .Select(metadata.GetAssemblyReference)
                .Select(r => (Name: metadata.GetString(r.Name), r.Version))
                .Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                .ToList();
            output.WriteLine($"{Path.GetFileName(file)}: {string.Join(", ", roslyn.Select(r => $"{r.Name} {r.Version}"))}");
            Assert.Contains(roslyn, r => r.Name == "Microsoft.CodeAnalysis");
            Assert.All(roslyn, r => Assert.True(r.Version <= new Version(4, 3, 0, 0), $"{Path.GetFileName(file)} references {r.Name} {r.Version}"));
        }
    }

    [Fact]
    public void The_analyzers_folder_loads_with_no_failure()
    {
        Roslyn43.Analyzers loaded = Roslyn43.FromPackage;
        Assert.Empty(loaded.Failures);
        Assert.Equal("NetGen.Generator.NetworkGenerator", Assert.Single(loaded.Generators).GetGeneratorType().FullName);
        Assert.Equal("NetGen.Generator.NetworkAnalyzer", Assert.Single(loaded.DiagnosticAnalyzers).GetType().FullName);
        // The generator binds to the Roslyn of this process, as it binds to the compiler's.
        Assembly generator = loaded.Generators[0].GetGeneratorType().Assembly;
        AssemblyName reference = generator.GetReferencedAssemblies().Single(a => a.Name == "Microsoft.CodeAnalysis");
        Assert.Equal(typeof(Compilation).Assembly.GetName().Version, reference.Version);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void A_valid_network_generates_code_that_compiles(string name, string source)
    {
        Roslyn43.Run run = Roslyn43.Generate(source, Newest);
        GeneratorRunResult result = Assert.Single(run.Result.Results);
        Assert.Null(result.Exception);
        Assert.Empty(run.DriverDiagnostics);
        Assert.Empty(run.AnalyzerDiagnostics);
        GeneratedSourceResult generated = Assert.Single(result.GeneratedSources);
        Assert.Contains(name, generated.HintName, StringComparison.Ordinal);
        Assert.Contains("partial class " + name, generated.SourceText.ToString(), StringComparison.Ordinal);
        IReadOnlyList<Diagnostic> errors = run.Errors;
        Assert.True(errors.Count == 0, $"C# {Newest.ToDisplayString()} reports:\n" + string.Join("\n", errors.Select(Roslyn43.Describe)));
    }

    [Fact]
    public void Misuse_is_a_diagnostic_not_an_exception()
    {
        Roslyn43.Run run = Roslyn43.Generate(
            "using NetGen;\nnamespace Samples {\n/// <summary>x</summary>\n[Network(2, 0, 1)]\npublic class Broken { } }", Newest);
        GeneratorRunResult result = Assert.Single(run.Result.Results);
        Assert.Null(result.Exception);
        Assert.Empty(run.DriverDiagnostics);
        Assert.Empty(result.GeneratedSources);
        Assert.Equal(new[] { "NG0001", "NG0003" }, run.AnalyzerDiagnostics.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        Assert.Empty(run.Errors);
    }

    /// <summary>
    /// The generated code and the runtime API it calls need C# 9 at the least (the generated code has one
    /// <c>is not</c> pattern; C# 8 rejects it with CS8400), and Roslyn 4.3.1 compiles them with no error or warning
    /// at C# 9, at C# 10 (its Latest) and at Preview.
    /// </summary>
    [Theory]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.Latest)]
    [InlineData(LanguageVersion.Preview)]
    public void The_generated_code_compiles_with_no_warning_from_CSharp_9_on(LanguageVersion version)
    {
        var problems = new List<string>();
        foreach (object[] network in Networks)
        {
            Roslyn43.Run run = Roslyn43.Generate((string)network[1], version);
            GeneratorRunResult result = Assert.Single(run.Result.Results);
            Assert.Null(result.Exception);
            Assert.Single(result.GeneratedSources);
            var found = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            output.WriteLine($"{network[0]} at C# {version.MapSpecifiedToEffectiveVersion().ToDisplayString()}: {found.Count} errors and warnings");
            problems.AddRange(found.Select(d => $"{network[0]}: {Roslyn43.Describe(d)}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The newest language version Roslyn 4.3.1 supports (C# 10).</summary>
    private static LanguageVersion Newest => LanguageVersion.Latest;

    /// <summary>Networks of both shapes (and straight-line layers inside loops), every activation and optimizer, both precisions.</summary>
    public static readonly TheoryData<string, string> StandardNetworks = new()
    {
        { "AndNet", "using NetGen; [Network(2, 4, 1)] public partial class AndNet { }" },
        { "Deterministic", "using NetGen; [Network(2, 4, 3, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, Deterministic = true)] public partial class Deterministic { }" },
        { "SquareLanes", "using NetGen; [Network(3, 5, 2, Hidden = Activation.Tanh, Deterministic = true, Optimizer = Optimizer.Sgd, Momentum = 0.9)] public partial class SquareLanes { }" },
        { "SingleRelu", "using NetGen; [Network(4, 8, 1, Hidden = Activation.ReLU, Output = Activation.Sigmoid, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.RMSprop, Precision = Precision.Single, Deterministic = true)] public partial class SingleRelu { }" },
        { "Leaky", "using NetGen; [Network(3, 6, 2, Hidden = Activation.LeakyReLU, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adagrad, Dropout = 0.25)] public partial class Leaky { }" },
        { "EluUnrolled", "using NetGen; [Network(3, 5, 2, Hidden = Activation.ELU, Output = Activation.Identity, Loss = Loss.Huber, Optimizer = Optimizer.AdamW, Deterministic = true)] public partial class EluUnrolled { }" },
        { "LargeLoops", "using NetGen; [Network(784, 128, 10, Output = Activation.Softmax, Loss = Loss.CrossEntropy)] public partial class LargeLoops { }" },
        { "GeluLoops", "using NetGen; [Network(40, 8, 6, 3, Hidden = Activation.GELU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, Unroll = UnrollMode.Never, Dropout = 0.25, Deterministic = true)] public partial class GeluLoops { }" },
        { "SiluLoopsSingle", "using NetGen; [Network(40, 8, 6, 3, Activations = new[] { Activation.Sigmoid, Activation.SiLU, Activation.Sigmoid }, Loss = Loss.BinaryCrossEntropy, Unroll = UnrollMode.Never, Precision = Precision.Single, Deterministic = true)] public partial class SiluLoopsSingle { }" },
        { "MixedTail", "using NetGen; [Network(40, 6, 3, 1, Seed = 11)] public partial class MixedTail { }" },
    };

    /// <summary>
    /// A Unity-like consumer: a netstandard2.1 project at C# 9 that references the runtime's netstandard2.1 build. The
    /// generator, loaded by Roslyn 4.3.1, writes the .NET Standard form (stand-ins for Vector256), which compiles against
    /// .NET Standard 2.1's reference assembly with no error or warning.
    /// </summary>
    [Theory]
    [MemberData(nameof(StandardNetworks))]
    public void The_generated_code_compiles_against_the_netstandard21_build_at_CSharp_9(string name, string source)
    {
        Roslyn43.Run run = Roslyn43.GenerateForStandard(source, LanguageVersion.CSharp9);
        GeneratorRunResult result = Assert.Single(run.Result.Results);
        Assert.Null(result.Exception);
        GeneratedSourceResult generated = Assert.Single(result.GeneratedSources);
        string text = generated.SourceText.ToString();
        Assert.DoesNotContain("System.Runtime.Intrinsics", text, StringComparison.Ordinal);
        Assert.Contains("For NetGen's .NET Standard 2.1 build", text, StringComparison.Ordinal);
        var found = run.Output.GetDiagnostics().Concat(run.AnalyzerDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(Roslyn43.Describe).ToList();
        Assert.True(found.Count == 0, name + ":\n" + string.Join("\n", found));
    }

    /// <summary>
    /// The generator does not read the language version: a project at C# 9 gets the same text as one at the newest
    /// version Roslyn 4.3.1 knows, so C# 9 gives up nothing in speed.
    /// </summary>
    [Fact]
    public void A_CSharp_9_project_gets_the_same_code_as_the_newest_language_version()
    {
        foreach (object[] network in Networks)
        {
            string Text(LanguageVersion version) =>
                Assert.Single(Assert.Single(Roslyn43.Generate((string)network[1], version).Result.Results).GeneratedSources).SourceText.ToString();

            Assert.Equal(Text(Newest), Text(LanguageVersion.CSharp9));
        }
    }
}
