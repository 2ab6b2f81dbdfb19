using System;
using System.IO;
using NetGen.Generator.Model;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The generated part of the benchmarks' W5 network (tests/NetGen.Benchmarks/Generated/ClassifierNetwork.g.cs) is the
/// emitter's text for its model, checked in because the attribute cannot ask for its options yet. Set
/// <c>NETGEN_WRITE_BENCHMARK_SOURCES=1</c> to rewrite it after a change to the emitter.
/// </summary>
public class BenchmarkSourceTests
{
    private const string Note =
        "// The emitter's text for a hand-built model (tests/NetGen.Generator.Tests/BenchmarkSourceTests.cs), checked in until\n"
        + "// the [Network] attribute takes these options; then the attribute on ClassifierNetwork replaces this file.\n";

    /// <summary>784-256-128-10, ReLU, softmax and cross-entropy (mean), Adam at 0.001, He initialisation, float.</summary>
    internal static NetworkModel Model()
    {
        var spec = new LoopSpec(
            "ClassifierNetwork", new[] { 784, 256, 128, 10 }, new[] { "ReLU", "ReLU", "Softmax" }, "CrossEntropy", "Mean",
            Single: true, Optimizer: "Adam", LearningRate: 0.001);
        NetworkModel model = LoopModels.Model(spec);
        return model with { Namespace = "NetGen.Benchmarks", Initializer = LoopModels.Named(model.Initializer, "He") };
    }

    [Fact]
    public void The_benchmark_classifier_is_what_the_emitter_writes()
    {
        string text = Note + Emit.NetworkEmitter.Emit(Model(), "1.0.0.0");
        string path = Path.Combine(RepositoryRoot(), "tests", "NetGen.Benchmarks", "Generated", "ClassifierNetwork.g.cs");
        if (Environment.GetEnvironmentVariable("NETGEN_WRITE_BENCHMARK_SOURCES") == "1")
        {
            File.WriteAllText(path, text);
        }

        Assert.True(File.Exists(path), path + " is missing: run this test with NETGEN_WRITE_BENCHMARK_SOURCES=1.");
        Assert.Equal(text, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NetGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No NetGen.sln above " + AppContext.BaseDirectory);
    }
}
