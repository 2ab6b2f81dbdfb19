using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using NetGen.Reference;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>Random topologies, generated and compiled in memory at warning level 9999, against the reference network.</summary>
public class InMemoryEquivalenceTests
{
    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 4).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_topologies_match_the_reference(int seed)
    {
        var random = new NormalSampler(seed * 7919);
        var topologies = new List<(int[] Sizes, double Rate, int Seed)>();
        for (int k = 0; k < 5; k++)
        {
            int layers = 2 + (int)(random.NextUniform() * 4); // 2 to 5 sizes
            int[] sizes = Enumerable.Range(0, layers).Select(_ => 1 + (int)(random.NextUniform() * 12)).ToArray();
            double rate = Math.Round(0.05 + random.NextUniform(), 3);
            int initSeed = (int)(random.NextUniform() * 2000) - 1000;
            topologies.Add((sizes, rate, initSeed));
        }

        var source = new StringBuilder("namespace Random;\n");
        for (int k = 0; k < topologies.Count; k++)
        {
            (int[] sizes, double rate, int s) = topologies[k];
            source.Append(CultureInfo.InvariantCulture, $"/// <summary>Net {k}.</summary>\n[NetGen.Network({string.Join(", ", sizes)}, LearningRate = {rate.ToString("R", CultureInfo.InvariantCulture)}, Seed = {s})]\npublic partial class Net{k} {{ }}\n");
        }

        GeneratorHarness.Run run = GeneratorHarness.Generate(source.ToString());
        Assert.Empty(run.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
        (Assembly assembly, System.Runtime.Loader.AssemblyLoadContext context) = GeneratorHarness.Load(run.Output);
        try
        {
            for (int k = 0; k < topologies.Count; k++)
            {
                (int[] sizes, double rate, int s) = topologies[k];
                var generated = (INetwork)Activator.CreateInstance(assembly.GetType($"Random.Net{k}")!)!;
                var reference = new ReferenceNetwork(sizes, rate, s);
                Assert.Equal(rate, generated.LearningRate);
                var p0 = new double[reference.ParameterCount];
                var p1 = new double[generated.ParameterCount];
                reference.GetParameters(p0);
                generated.GetParameters(p1);
                Assert.Equal(p0, p1);
                Equivalence.AssertEquivalent(reference, generated, seed + k);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    [Theory]
    [InlineData("Auto")]   // loops: sums of 12 and 40 terms
    [InlineData("Always")] // unrolled: 40 hidden units, one field each (NG0014 warns; the analyzer is not part of this run)
    public void A_wide_network_compiles_without_warnings_and_matches_in_both_shapes(string unroll)
    {
        GeneratorHarness.Run run = GeneratorHarness.Generate(
            "/// <summary>x</summary>\n[NetGen.Network(12, 40, 10, Unroll = NetGen.UnrollMode." + unroll + ")]\npublic partial class WideNet { }");
        Assert.Empty(run.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
        Assert.Contains(unroll == "Always" ? "__w2_39_9;" : "private readonly double[] __parameters", run.Sources.Single().Value, StringComparison.Ordinal);
        (Assembly assembly, System.Runtime.Loader.AssemblyLoadContext context) = GeneratorHarness.Load(run.Output);
        try
        {
            var generated = (INetwork)Activator.CreateInstance(assembly.GetType("WideNet")!)!;
            Equivalence.AssertEquivalent(new ReferenceNetwork(new[] { 12, 40, 10 }), generated, 5);
        }
        finally
        {
            context.Unload();
        }
    }
}
