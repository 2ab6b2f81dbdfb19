using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The second partial declaration every network gets: IPersistentNetwork (Description and the optimizer state),
/// whatever its optimizer, which lets the runtime's extension methods (Fit, Save, ...) serve it; all warning-free at warning level 9999 with documentation checked. (The option enums are not named here: this
/// project compiles the generator's copies of them as well as the runtime's.)
/// </summary>
public class PersistenceMembersTests
{
    private static readonly string[] EveryNetwork =
    {
        "Description", "OptimizerStateLength", "GetOptimizerState", "SetOptimizerState", "ResetOptimizer",
    };

    /// <summary>The runtime's extension methods serve these; no generated class repeats them.</summary>
    private static readonly string[] Extensions = { "Fit", "Evaluate", "Save", "Load", "ImportSafetensors", "ExportSafetensors", "ExportOnnx" };

    [Theory]
    [InlineData("", 2, "3-4-2 Sigmoid, Sigmoid; Square (Sum); Sgd; Double", 0.1)]
    [InlineData(", Precision = Precision.Single, Unroll = UnrollMode.Never, LearningRate = 0.3", 2, "3-4-2 Sigmoid, Sigmoid; Square (Sum); Sgd; Single", (double)0.3f)]
    [InlineData(", Hidden = Activation.Tanh, Reduction = Reduction.Mean", 2, "3-4-2 Tanh, Sigmoid; Square (Mean); Sgd; Double", 0.1)]
    [InlineData(", Optimizer = Optimizer.Adam", 2 + 2 * 26, "3-4-2 Sigmoid, Sigmoid; Square (Sum); Adam; Double", 0.001)]
    [InlineData(", Optimizer = Optimizer.Adam, Unroll = UnrollMode.Never", 2 + 2 * 26, "3-4-2 Sigmoid, Sigmoid; Square (Sum); Adam; Double", 0.001)]
    [InlineData(", Momentum = 0.9", 2 + 26, "3-4-2 Sigmoid, Sigmoid; Square (Sum); Sgd; Double", 0.1)]
    [InlineData(", WeightDecay = 0.01", 2, "3-4-2 Sigmoid, Sigmoid; Square (Sum); Sgd; Double", 0.1)]
    public void Every_network_describes_itself_and_persists_its_optimizer_state(string options, int stateLength, string description, double learningRate)
    {
        GeneratorHarness.Run run = GeneratorHarness.Generate("using NetGen;\n/// <summary>x</summary>\n[Network(3, 4, 2" + options + ")] public partial class Net { }");
        Assert.Empty(run.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
        string source = Assert.Single(run.Sources).Value;
        Assert.Contains("partial class Net : global::NetGen.IPersistentNetwork<", source, StringComparison.Ordinal);

        (Assembly assembly, AssemblyLoadContext context) = GeneratorHarness.Load(run.Output);
        try
        {
            Type type = assembly.GetType("Net")!;
            Assert.Contains(type.GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IPersistentNetwork<>));
            var names = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).ToHashSet();
            Assert.All(EveryNetwork, name => Assert.Contains(name, names));
            Assert.All(Extensions, name => Assert.DoesNotContain(name, names));
            Assert.All(Extensions, name => Assert.Contains(typeof(NetworkExtensions).GetMethods(), m => m.Name == name));

            object network = Activator.CreateInstance(type)!;
            Assert.Equal(stateLength, (int)type.GetProperty("OptimizerStateLength")!.GetValue(network)!);
            var described = (NetworkDescription)type.GetProperty("Description")!.GetValue(network)!;
            Assert.Equal(description, described.ToString());
            Assert.Equal(learningRate, described.LearningRate);
            Assert.Same(described, type.GetProperty("Description")!.GetValue(Activator.CreateInstance(type, 5)));
        }
        finally
        {
            context.Unload();
        }
    }
}
