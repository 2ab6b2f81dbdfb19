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
                Equivalence.AssertSameParameters(reference, generated);
                Equivalence.AssertEquivalent(reference, generated, seed + k);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    [Theory]
    [InlineData("Auto", new[] { 12, 40, 10 })]  // loops: sums of 12 and 40 terms
    [InlineData("Always", new[] { 2, 40, 3 })]  // unrolled: 40 hidden units, one field each (NG0014 warns; the analyzer is not part of this run)
    public void A_wide_network_compiles_without_warnings_and_matches_in_both_shapes(string unroll, int[] sizes)
    {
        GeneratorHarness.Run run = GeneratorHarness.Generate(
            "/// <summary>x</summary>\n[NetGen.Network(" + string.Join(", ", sizes) + ", Unroll = NetGen.UnrollMode." + unroll + ")]\npublic partial class WideNet { }");
        Assert.Empty(run.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
        Assert.Contains(unroll == "Always" ? "__w2_39_2;" : "private readonly double[] __parameters", run.Sources.Single().Value, StringComparison.Ordinal);
        (Assembly assembly, System.Runtime.Loader.AssemblyLoadContext context) = GeneratorHarness.Load(run.Output);
        try
        {
            var generated = (INetwork)Activator.CreateInstance(assembly.GetType("WideNet")!)!;
            Equivalence.AssertEquivalent(new ReferenceNetwork(sizes), generated, 5);
        }
        finally
        {
            context.Unload();
        }
    }

    [Theory]
    [InlineData("8, 8, 8, 8, 8, 1", "Double")]   // 297 parameters, deep: the most δ work per parameter
    [InlineData("8, 8, 8, 8, 8, 1", "Single")]   // eight lanes per vector
    [InlineData("14, 16, 3", "Double")]          // 291 parameters, long sums
    [InlineData("1, 99, 1", "Double")]           // 298 parameters, wide
    public void Unrolled_methods_at_the_limit_stay_within_the_jit_optimisation_limits(string sizes, string precision)
    {
        GeneratorHarness.Run run = GeneratorHarness.Generate(
            "/// <summary>x</summary>\n[NetGen.Network(" + sizes + ", Unroll = NetGen.UnrollMode.Always, Precision = NetGen.Precision." + precision + ")]\npublic partial class AtLimit { }");
        Assert.Single(run.Sources);
        (Assembly assembly, System.Runtime.Loader.AssemblyLoadContext context) = GeneratorHarness.Load(run.Output);
        try
        {
            Type type = assembly.GetType("AtLimit")!;
            Assert.True((int)type.GetField("ParameterCount")!.GetValue(null)! <= 300);
            AssertWithinJitLimits(type.GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly));
        }
        finally
        {
            context.Unload();
        }
    }

    [Theory]
    [InlineData("16, 16, 16", "1, 2", "Double")]   // 256 weights each (the limit), 16-term sums and 16 units
    [InlineData("256, 1, 1", "1, 2", "Single")]    // one 256-term sum
    [InlineData("2, 128, 2", "1, 2", "Double")]    // 128 units, then 128 inputs
    [InlineData("1, 256, 1", "1, 2", "Double")]    // 256 units, then a 256-term sum with δ below: the most IL per weight
    public void Straight_line_layers_at_the_limit_stay_within_the_jit_optimisation_limits_and_match(string sizes, string layers, string precision)
    {
        GeneratorHarness.Run run = GeneratorHarness.Generate(
            "/// <summary>x</summary>\n[NetGen.Network(" + sizes + ", UnrolledLayers = new[] { " + layers + " }, Precision = NetGen.Precision." + precision + ")]\npublic partial class AtLimit { }\n"
            + "/// <summary>x</summary>\n[NetGen.Network(" + sizes + ", Unroll = NetGen.UnrollMode.Never, Precision = NetGen.Precision." + precision + ")]\npublic partial class AtLimitKernels { }");
        Assert.Equal(2, run.Sources.Count);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
        (Assembly assembly, System.Runtime.Loader.AssemblyLoadContext context) = GeneratorHarness.Load(run.Output);
        try
        {
            Type type = assembly.GetType("AtLimit")!;
            MethodInfo[] straight = type.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("__Forward", StringComparison.Ordinal) || m.Name.StartsWith("__Backward", StringComparison.Ordinal))
                .ToArray();
            Assert.Equal(4, straight.Length);
            AssertWithinJitLimits(straight);

            // The same bits as the all-kernel twin (which the other tests hold against the reference).
            object first = Activator.CreateInstance(type)!, second = Activator.CreateInstance(assembly.GetType("AtLimitKernels")!)!;
            if (precision == "Double")
            {
                Equivalence.AssertSameBits((INetwork<double>)first, (INetwork<double>)second);
            }
            else
            {
                Equivalence.AssertSameBits((INetwork<float>)first, (INetwork<float>)second);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>RyuJIT compiles without optimisation past 60,000 bytes of IL or 2,000 locals (jitconfigvalues.h).</summary>
    private static void AssertWithinJitLimits(IEnumerable<MethodInfo> methods)
    {
        foreach (MethodInfo method in methods)
        {
            MethodBody body = method.GetMethodBody()!;
            Assert.True(body.GetILAsByteArray()!.Length < 60_000, $"{method.Name}: {body.GetILAsByteArray()!.Length} bytes of IL");
            Assert.True(body.LocalVariables.Count < 2_000, $"{method.Name}: {body.LocalVariables.Count} locals");
        }
    }
}
