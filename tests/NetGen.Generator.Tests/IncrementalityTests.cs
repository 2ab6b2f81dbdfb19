using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Model;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>The pipeline caches: edits that do not touch a network cost no emit (Mapperly's IncrementalGeneratorTest).</summary>
public class IncrementalityTests
{
    private const string First = "namespace Inc;\n/// <summary>x</summary>\n[NetGen.Network(2, 4, 1)]\npublic partial class First { }\n/// <summary>x</summary>\npublic class Neighbour { }\n";

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) Start(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(source);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        return (driver, compilation);
    }

    private static IReadOnlyList<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step]
            .SelectMany(s => s.Outputs)
            .Select(o => o.Reason)
            .ToList();

    private static CSharpCompilation Replace(CSharpCompilation compilation, string newSource)
    {
        SyntaxTree old = compilation.SyntaxTrees.First();
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(newSource, GeneratorHarness.ParseOptions, path: old.FilePath));
    }

    [Fact]
    public void Running_again_on_the_same_input_is_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start(First);
        driver = driver.RunGenerators(compilation);
        Assert.All(Reasons(driver, NetworkGenerator.Steps.Models), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.NotEmpty(Reasons(driver, NetworkGenerator.Steps.Models));
    }

    [Fact]
    public void An_edit_elsewhere_in_the_file_leaves_the_model_unchanged()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start(First);
        driver = driver.RunGenerators(Replace(compilation, First.Replace("public class Neighbour { }", "public class Neighbour { /// <summary>x</summary>\npublic int Count; }", System.StringComparison.Ordinal)));
        Assert.All(Reasons(driver, NetworkGenerator.Steps.Networks), r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));
        Assert.All(Reasons(driver, NetworkGenerator.Steps.Models), r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));
    }

    [Fact]
    public void An_edit_in_another_file_is_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start(First);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Inc; /// <summary>x</summary>\npublic class Other { }", GeneratorHarness.ParseOptions, path: "Other.cs")));
        Assert.All(Reasons(driver, NetworkGenerator.Steps.Models), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void A_topology_change_is_modified()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start(First);
        driver = driver.RunGenerators(Replace(compilation, First.Replace("(2, 4, 1)", "(2, 5, 1)", System.StringComparison.Ordinal)));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, NetworkGenerator.Steps.Models));
        // No file name clashes in case, before or after.
        Assert.All(Reasons(driver, NetworkGenerator.Steps.CaseClashes), r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));
        Assert.Contains("public const int ParameterCount = 21;", driver.GetRunResult().GeneratedTrees.Single().ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_network_is_new_and_the_first_stays_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start(First);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Inc;\n/// <summary>x</summary>\n[NetGen.Network(3, 1)]\npublic partial class Second { }", GeneratorHarness.ParseOptions, path: "Second.cs")));
        IReadOnlyList<IncrementalStepRunReason> reasons = Reasons(driver, NetworkGenerator.Steps.Models);
        Assert.Equal(new[] { IncrementalStepRunReason.New, IncrementalStepRunReason.Cached }.OrderBy(r => r), reasons.OrderBy(r => r));
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);
    }

    private const string Second = "namespace Inc;\n/// <summary>x</summary>\n[NetGen.Network(3, 1)]\npublic partial class Second { }";

    private static CSharpCompilation WithFile(CSharpCompilation compilation, string source, string path) =>
        compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: path));

    /// <summary>
    /// How the source-output step treated each network's file on the driver's last run, by class name: Cached when the
    /// file was reused, New for a network seen for the first time, Modified when the emitter ran again, Removed when the
    /// network went away.
    /// </summary>
    private static Dictionary<string, IncrementalStepRunReason> Outputs(GeneratorDriver driver)
    {
        var reasons = new Dictionary<string, IncrementalStepRunReason>();
        foreach (IncrementalGeneratorRunStep step in driver.GetRunResult().Results.Single().TrackedOutputSteps[WellKnownGeneratorOutputs.SourceOutput])
        {
            (IncrementalGeneratorRunStep source, int index) = Assert.Single(step.Inputs);
            NetworkModel model = ModelIn(source.Outputs[index].Value) ?? throw new Xunit.Sdk.XunitException("No model feeds the output step");
            reasons.Add(model.ClassName, Assert.Single(step.Outputs).Reason);
        }

        return reasons;

        // The model inside whatever value the pipeline hands to the output, however it is wrapped.
        static NetworkModel? ModelIn(object? value)
        {
            if (value is NetworkModel model)
            {
                return model;
            }

            if (value is null || value is string || value.GetType().IsPrimitive)
            {
                return null;
            }

            return value.GetType().GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                .Select(f => ModelIn(f.GetValue(value)))
                .FirstOrDefault(m => m is not null);
        }
    }

    [Fact]
    public void Running_again_reuses_every_output()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start(First);
        driver = driver.RunGenerators(compilation);
        Assert.Equal(new Dictionary<string, IncrementalStepRunReason> { ["First"] = IncrementalStepRunReason.Cached }, Outputs(driver));
    }

    [Fact]
    public void Unrelated_edits_reuse_every_output()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start(First);
        driver = driver.RunGenerators(WithFile(compilation, Second, "Second.cs"));
        compilation = Replace(WithFile(compilation, Second, "Second.cs"), First.Replace("public class Neighbour { }", "public class Neighbour { /// <summary>x</summary>\npublic int Count; }", System.StringComparison.Ordinal));
        driver = driver.RunGenerators(compilation);
        var cached = new Dictionary<string, IncrementalStepRunReason> { ["First"] = IncrementalStepRunReason.Cached, ["Second"] = IncrementalStepRunReason.Cached };
        Assert.Equal(cached, Outputs(driver));
        driver = driver.RunGenerators(WithFile(compilation, "namespace Inc; /// <summary>x</summary>\npublic class Other { }", "Other.cs"));
        Assert.Equal(cached, Outputs(driver));
    }

    [Fact]
    public void A_second_network_is_emitted_and_the_first_output_is_reused()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start(First);
        driver = driver.RunGenerators(WithFile(compilation, Second, "Second.cs"));
        Assert.Equal(
            new Dictionary<string, IncrementalStepRunReason> { ["First"] = IncrementalStepRunReason.Cached, ["Second"] = IncrementalStepRunReason.New },
            Outputs(driver));
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);
    }

    [Fact]
    public void Removing_a_network_removes_its_output_and_reuses_the_other()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start(First);
        CSharpCompilation both = WithFile(compilation, Second, "Second.cs");
        driver = driver.RunGenerators(both);
        driver = driver.RunGenerators(both.RemoveSyntaxTrees(both.SyntaxTrees.Single(t => t.FilePath == "Second.cs")));
        Assert.Equal(
            new Dictionary<string, IncrementalStepRunReason> { ["First"] = IncrementalStepRunReason.Cached, ["Second"] = IncrementalStepRunReason.Removed },
            Outputs(driver));
        Assert.EndsWith("First.g.cs", driver.GetRunResult().GeneratedTrees.Single().FilePath, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_topology_change_re_emits_only_that_network()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start(First);
        CSharpCompilation both = WithFile(compilation, Second, "Second.cs");
        driver = driver.RunGenerators(both);
        driver = driver.RunGenerators(Replace(both, First.Replace("(2, 4, 1)", "(2, 5, 1)", System.StringComparison.Ordinal)));
        Assert.Equal(
            new Dictionary<string, IncrementalStepRunReason> { ["First"] = IncrementalStepRunReason.Modified, ["Second"] = IncrementalStepRunReason.Cached },
            Outputs(driver));
        Assert.Contains("public const int ParameterCount = 21;", driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("First.g.cs", System.StringComparison.Ordinal)).ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_differs_only_in_case_re_emits_the_two_clashing_networks_only()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = Start(First);
        CSharpCompilation three = WithFile(WithFile(compilation, Second, "Second.cs"), "namespace Inc;\n/// <summary>x</summary>\n[NetGen.Network(2, 1)]\npublic partial class Net { }", "Net.cs");
        driver = driver.RunGenerators(three);
        Assert.Equal(new[] { "Inc.First.g.cs", "Inc.Net.g.cs", "Inc.Second.g.cs" }, HintNames(driver));

        // NET joins Net: both files get the hash suffix, so Net's is written again; First and Second are reused.
        driver = driver.RunGenerators(WithFile(three, "namespace Inc;\n/// <summary>x</summary>\n[NetGen.Network(3, 1)]\npublic partial class NET { }", "NET.cs"));
        Assert.Equal(
            new Dictionary<string, IncrementalStepRunReason>
            {
                ["First"] = IncrementalStepRunReason.Cached,
                ["Second"] = IncrementalStepRunReason.Cached,
                ["Net"] = IncrementalStepRunReason.Modified,
                ["NET"] = IncrementalStepRunReason.New,
            },
            Outputs(driver));
        Assert.Equal(4, HintNames(driver).Select(n => n.ToUpperInvariant()).Distinct().Count());

        static IReadOnlyList<string> HintNames(GeneratorDriver driver) =>
            driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Models_hold_only_plain_values()
    {
        (GeneratorDriver driver, _) = Start(First);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (IncrementalGeneratorRunStep step in result.TrackedSteps[NetworkGenerator.Steps.Models].Concat(result.TrackedSteps[NetworkGenerator.Steps.Files]))
        {
            foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
            {
                AssertPlain(value, value.GetType().Name);
            }
        }

        // No symbol, syntax node, location or compilation in any field, however deep.
        static void AssertPlain(object? value, string path)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            {
                return;
            }

            Assert.False(value is ISymbol || value is SyntaxNode || value is Location || value is Compilation || value is SyntaxTree, path + " holds a " + value.GetType().Name);
            if (value is System.Collections.IEnumerable items)
            {
                int i = 0;
                foreach (object? item in items)
                {
                    AssertPlain(item, path + "[" + i++ + "]");
                }

                return;
            }

            foreach (System.Reflection.FieldInfo field in value.GetType().GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            {
                AssertPlain(field.GetValue(value), path + "." + field.Name);
            }
        }
    }
}
