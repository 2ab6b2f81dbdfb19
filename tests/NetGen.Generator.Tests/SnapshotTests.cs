using System.Linq;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>The generated source of several topologies, as a user reads it, kept under Snapshots/.</summary>
public class SnapshotTests
{
    [Theory]
    [InlineData("OneOne", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(1, 1)]\npublic partial class OneOne { }")]
    [InlineData("AndNet", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 4, 1)]\npublic partial class AndNet { }")]
    [InlineData("Nested", "namespace Samples.Deep { /// <summary>x</summary>\npublic partial class Outer { /// <summary>x</summary>\n[NetGen.Network(2, 2, 2, LearningRate = 0.5, Seed = 3)]\npublic partial class Mazur { } } }")]
    [InlineData("WideInput", "/// <summary>x</summary>\n[NetGen.Network(20, 3, 2, Unroll = NetGen.UnrollMode.Always)]\ninternal partial class WideInput { }")]
    [InlineData("Deep", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(3, 4, 3, 2, 1, LearningRate = 1e-3)]\npublic partial class Deep { }")]
    [InlineData("LoopsDouble", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(100, 24, 3, Initializer = NetGen.Initializer.Xavier)]\npublic partial class LoopsDouble { }")]
    [InlineData("MixedTail", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(40, 6, 3, 1, Seed = 11)]\npublic partial class MixedTail { }")]
    [InlineData("ForcedLayersSingle", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 24, 24, 2, Precision = NetGen.Precision.Single, UnrolledLayers = new[] { 1, 3 })]\npublic partial class ForcedLayersSingle { }")]
    [InlineData("LoopsSingle", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(3072, 512, 256, 10, Precision = NetGen.Precision.Single, Initializer = NetGen.Initializer.He)]\npublic partial class LoopsSingle { }")]
    [InlineData("UnrolledSingle", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 3, 1, Precision = NetGen.Precision.Single, LearningRate = 0.25)]\npublic partial class UnrolledSingle { }")]
    [InlineData("IrisClassifier", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(4, 8, 3, Hidden = NetGen.Activation.Tanh, Output = NetGen.Activation.Softmax, Loss = NetGen.Loss.CrossEntropy, Optimizer = NetGen.Optimizer.Adam, LearningRate = 0.01)]\npublic partial class IrisClassifier { }")]
    [InlineData("ReluLoopsSingle", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(64, 32, 4, Hidden = NetGen.Activation.ReLU, Output = NetGen.Activation.Softmax, Loss = NetGen.Loss.CrossEntropy, Optimizer = NetGen.Optimizer.AdamW, Precision = NetGen.Precision.Single, Initializer = NetGen.Initializer.He)]\npublic partial class ReluLoopsSingle { }")]
    [InlineData("MomentumRegressor", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 8, 1, Activations = new[] { NetGen.Activation.LeakyReLU, NetGen.Activation.Identity }, Momentum = 0.9, Nesterov = true, Reduction = NetGen.Reduction.Mean)]\npublic partial class MomentumRegressor { }")]
    [InlineData("HuberRegressor", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 4, 2, Hidden = NetGen.Activation.Tanh, Output = NetGen.Activation.Identity, Loss = NetGen.Loss.Huber, HuberDelta = 0.5)]\npublic partial class HuberRegressor { }")]
    [InlineData("MseLoops", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(40, 6, 3, Hidden = NetGen.Activation.ReLU, Output = NetGen.Activation.Sigmoid, Loss = NetGen.Loss.MeanSquaredError, Unroll = NetGen.UnrollMode.Never)]\npublic partial class MseLoops { }")]
    [InlineData("DropoutLoops", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(40, 8, 6, 3, Hidden = NetGen.Activation.GELU, Output = NetGen.Activation.Softmax, Loss = NetGen.Loss.CrossEntropy, Optimizer = NetGen.Optimizer.Adam, Unroll = NetGen.UnrollMode.Never, Dropout = 0.25)]\npublic partial class DropoutLoops { }")]
    [InlineData("DropoutUnrolled", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 3, 1, Dropout = 0.5)]\npublic partial class DropoutUnrolled { }")]
    [InlineData("DeterministicUnrolled", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 4, 3, Output = NetGen.Activation.Softmax, Loss = NetGen.Loss.CrossEntropy, Optimizer = NetGen.Optimizer.Adam, Deterministic = true)]\npublic partial class DeterministicUnrolled { }")]
    [InlineData("DeterministicLanes", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 3, 1, Precision = NetGen.Precision.Single, Deterministic = true)]\npublic partial class DeterministicLanes { }")]
    [InlineData("DeterministicLoops", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(40, 8, 6, 3, Activations = new[] { NetGen.Activation.Sigmoid, NetGen.Activation.SiLU, NetGen.Activation.Sigmoid }, Loss = NetGen.Loss.BinaryCrossEntropy, Unroll = NetGen.UnrollMode.Never, Precision = NetGen.Precision.Single, Deterministic = true)]\npublic partial class DeterministicLoops { }")]
    public void Generated_source_matches_the_accepted_snapshot(string name, string source)
    {
        GeneratorHarness.Run run = GeneratorHarness.Generate(source);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
        (string hint, string text) = run.Sources.Single();
        Snapshot.Verify(text, $"{name}#{hint.Replace(".g.cs", ".g", System.StringComparison.Ordinal)}");
    }

    /// <summary>
    /// The .NET Standard form, for a project that references the runtime's netstandard2.1 build (Unity, Mono): the .NET
    /// form's text with the aliases of that build (LaneVector for Vector256, PortableVectorActivations).
    /// </summary>
    [Theory]
    [InlineData("StandardAndNet", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 4, 1)]\npublic partial class AndNet { }")]
    [InlineData("StandardDeterministicLanes", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 3, 1, Precision = NetGen.Precision.Single, Deterministic = true)]\npublic partial class DeterministicLanes { }")]
    [InlineData("StandardDeterministicLoops", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(40, 8, 6, 3, Activations = new[] { NetGen.Activation.Sigmoid, NetGen.Activation.SiLU, NetGen.Activation.Sigmoid }, Loss = NetGen.Loss.BinaryCrossEntropy, Unroll = NetGen.UnrollMode.Never, Precision = NetGen.Precision.Single, Deterministic = true)]\npublic partial class DeterministicLoops { }")]
    [InlineData("StandardMomentumRegressor", "namespace Samples;\n/// <summary>x</summary>\n[NetGen.Network(2, 8, 1, Activations = new[] { NetGen.Activation.LeakyReLU, NetGen.Activation.Identity }, Momentum = 0.9, Nesterov = true, Reduction = NetGen.Reduction.Mean)]\npublic partial class MomentumRegressor { }")]
    public void The_NET_Standard_form_matches_the_accepted_snapshot(string name, string source)
    {
        GeneratorHarness.Run run = GeneratorHarness.GenerateStandard(source);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
        (string hint, string text) = run.Sources.Single();
        Assert.DoesNotContain("System.Runtime.Intrinsics", text, System.StringComparison.Ordinal);
        Snapshot.Verify(text, $"{name}#{hint.Replace(".g.cs", ".g", System.StringComparison.Ordinal)}");
    }
}
