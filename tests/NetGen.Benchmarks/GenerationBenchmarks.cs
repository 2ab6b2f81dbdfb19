extern alias NetGenGenerator;

using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGenGenerator::NetGen.Generator;

namespace NetGen.Benchmarks;

/// <summary>
/// How long the generator takes on a compilation with 1 or 200 networks (3-8-2, 58 parameters each, plus
/// a few larger ones): a cold driver run, parse to generated text, as a clean build pays it.
/// </summary>
[MemoryDiagnoser]
public class Generation
{
    private CSharpCompilation _compilation = null!;

    [Params(1, 200)]
    public int Networks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var source = new StringBuilder("namespace Many;\n");
        for (int k = 0; k < Networks; k++)
        {
            string sizes = k % 10 == 9 ? "16, 32, 8" : "3, 8, 2";
            source.Append("[NetGen.Network(").Append(sizes).Append(")] public partial class Net").Append(k).Append(" { }\n");
        }

        _compilation = CSharpCompilation.Create(
            "Many",
            new[] { CSharpSyntaxTree.ParseText(source.ToString()) },
            Net100.References.All.Cast<MetadataReference>().Append(MetadataReference.CreateFromFile(typeof(INetwork).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }

    [Benchmark(Description = "generate")]
    public int Generate()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new NetworkGenerator().AsSourceGenerator()).RunGenerators(_compilation);
        return driver.GetRunResult().GeneratedTrees.Length;
    }
}
