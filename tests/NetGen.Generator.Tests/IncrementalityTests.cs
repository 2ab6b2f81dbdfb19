using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
        // The list of file names did not change, so no other network's output is redone.
        Assert.All(Reasons(driver, NetworkGenerator.Steps.HintNames), r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));
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

    [Fact]
    public void Models_hold_only_plain_values()
    {
        (GeneratorDriver driver, _) = Start(First);
        foreach (IncrementalGeneratorRunStep step in driver.GetRunResult().Results.Single().TrackedSteps[NetworkGenerator.Steps.Models])
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
