using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Many malformed declarations in one compilation: the generator never throws, every problem gets the
/// expected ID at the expected place, and the well-formed networks beside them still generate.
/// </summary>
public class HostileInputTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_sizes_get_exactly_the_expected_diagnostics(int seed)
    {
        var random = new NormalSampler(seed);
        var source = new StringBuilder("namespace Hostile;\n");
        var expected = new List<(string Id, string Class)>();
        var valid = new List<string>();
        for (int k = 0; k < 40; k++)
        {
            int count = (int)(random.NextUniform() * 6); // 0 to 5 sizes
            int[] sizes = Enumerable.Range(0, count).Select(_ => (int)(random.NextUniform() * 48) - 4).ToArray(); // -4 to 43
            string name = "Net" + k.ToString(CultureInfo.InvariantCulture);
            if (k % 13 == 12)
            {
                sizes = new[] { 4096, 4096, 2 }; // 16,789,506 parameters: over the limit
                expected.Add(("NG0004", name));
            }
            source.Append("/// <summary>x</summary>\n[NetGen.Network(").Append(string.Join(", ", sizes)).Append(")] public partial class ").Append(name).Append(" { }\n");

            if (sizes.Length < 2)
            {
                expected.Add(("NG0002", name));
            }

            foreach (int s in sizes.Where(s => s < 1))
            {
                expected.Add(("NG0003", name));
            }

            if (sizes.Length >= 2 && sizes.All(s => s >= 1) && sizes[0] != 4096)
            {
                valid.Add(name); // small ones unrolled, the others (over 1,024 parameters) in loops
            }
        }

        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(source.ToString());
        var actual = diagnostics.Select(d => (d.Id, ClassAt(d))).OrderBy(x => x.Item2, System.StringComparer.Ordinal).ThenBy(x => x.Id, System.StringComparer.Ordinal).ToList();
        Assert.Equal(expected.OrderBy(x => x.Class, System.StringComparer.Ordinal).ThenBy(x => x.Id, System.StringComparer.Ordinal).ToList(), actual);
        Assert.Equal(valid.Select(v => "Hostile." + v + ".g.cs").OrderBy(v => v, System.StringComparer.Ordinal), run.Sources.Keys.OrderBy(v => v, System.StringComparer.Ordinal));
        Assert.NotEmpty(valid);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
    }

    [Fact]
    public void Broken_code_never_makes_the_generator_throw_and_good_networks_still_generate()
    {
        const string Doc = "/// <summary>x</summary>\n";
        string source = string.Join("\n", new[]
        {
            "using NetGen;",
            "using Alias = NetGen.NetworkAttribute;",
            "namespace Hostile",
            "{",
            Doc + "[Network(2, 3, 1)] public partial class Good { }",
            Doc + "[Alias(3, 1)] public partial class ViaAlias { }",
            Doc + "[NetworkAttribute(1, 2)] public partial class LongName { }",
            Doc + "[Network(\"two\", 1)] public partial class WrongType { }",
            Doc + "[Network(2.5, 1)] public partial class Fractional { }",
            Doc + "[Network(2, 1, LearningRate = \"fast\")] public partial class WrongNamed { }",
            Doc + "[Network(2, 1, Seed = 1.5)] public partial class WrongSeed { }",
            Doc + "[Network(2, 1, Momentum = 0.9)] public partial class UnknownNamed { }",
            Doc + "[Network(new[] { 2, 2 })] public partial class ArrayForm { }",
            Doc + "[Network(2, 1)] public partial struct NotAClass { }",
            Doc + "[Network(2, 1)] public partial interface INotAClass { }",
            Doc + "[Network(2, 1)] [Network(3, 1)] public partial class Twice { }",
            Doc + "[Network(2, 1)] public partial class SyntaxError { void M( }",
            Doc + "[Network(2, 2, 1)] public partial class @class { }",
            Doc + "[Network(2, ] public partial class MissingArgument { }",
            "}",
            "namespace Mine",
            "{",
            "    /// <summary>x</summary>",
            "    public sealed class NetworkAttribute : System.Attribute { /// <summary>x</summary>\n public NetworkAttribute(params int[] sizes) { } }",
            Doc + "    [Network(0)] public partial class UsesMine { }",
            "}",
        });

        GeneratorHarness.Run run = GeneratorHarness.Generate(source); // asserts no generator exception, no CS8785 or AD0001
        (GeneratorHarness.Run _, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(source);

        // Well-formed networks generate, whatever else the file holds.
        foreach (string good in new[] { "Good", "ViaAlias", "LongName", "ArrayForm", "SyntaxError", "class" })
        {
            Assert.Contains("Hostile." + good + ".g.cs", run.Sources.Keys);
        }

        // Sizes the compiler cannot bind, a target that is not a class, a repeated attribute, another NetworkAttribute: nothing.
        foreach (string bad in new[] { "WrongType", "Fractional", "NotAClass", "INotAClass", "Twice", "UsesMine" })
        {
            Assert.DoesNotContain(run.Sources.Keys, k => k.EndsWith("." + bad + ".g.cs", System.StringComparison.Ordinal));
        }

        Assert.Empty(diagnostics); // every other problem is the compiler's own error, not reported twice
        var compilerErrors = run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToHashSet();
        Assert.Contains("CS1503", compilerErrors);  // wrong argument types
        Assert.Contains("CS0592", compilerErrors);  // not valid on struct or interface
        Assert.Contains("CS0579", compilerErrors);  // duplicate attribute
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal) == true);
    }

    private static string ClassAt(Diagnostic diagnostic)
    {
        SyntaxNode node = diagnostic.Location.SourceTree!.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        var type = node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>().First();
        return type.Identifier.ValueText;
    }
}
