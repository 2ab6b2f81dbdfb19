using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The second partial declaration every network gets: Description, Fit, Evaluate and the safetensors members on every
/// network, and IPersistentNetwork (the optimizer state, Save and Load) on a network trained by plain gradient descent;
/// all warning-free at warning level 9999 with documentation checked. (The option enums are not named here: this
/// project compiles the generator's copies of them as well as the runtime's.)
/// </summary>
public class PersistenceMembersTests
{
    private static readonly string[] EveryNetwork = { "Description", "Fit", "Evaluate", "ImportSafetensors", "ExportSafetensors" };

    private static readonly string[] PlainGradientDescentOnly = { "OptimizerStateLength", "GetOptimizerState", "SetOptimizerState", "Save", "Load" };

    [Theory]
    [InlineData("", true, "3-4-2 Sigmoid, Sigmoid; Square (Sum); Sgd; Double", 0.1)]
    [InlineData(", Precision = Precision.Single, Unroll = UnrollMode.Never, LearningRate = 0.3", true, "3-4-2 Sigmoid, Sigmoid; Square (Sum); Sgd; Single", (double)0.3f)]
    [InlineData(", Hidden = Activation.Tanh, Reduction = Reduction.Mean", true, "3-4-2 Tanh, Sigmoid; Square (Mean); Sgd; Double", 0.1)]
    [InlineData(", Optimizer = Optimizer.Adam", false, "3-4-2 Sigmoid, Sigmoid; Square (Sum); Adam; Double", 0.001)]
    [InlineData(", Momentum = 0.9", false, "3-4-2 Sigmoid, Sigmoid; Square (Sum); Sgd; Double", 0.1)]
    [InlineData(", WeightDecay = 0.01", false, "3-4-2 Sigmoid, Sigmoid; Square (Sum); Sgd; Double", 0.1)]
    public void Every_network_describes_itself_and_plain_gradient_descent_also_persists(string options, bool persistent, string description, double learningRate)
    {
        GeneratorHarness.Run run = GeneratorHarness.Generate("using NetGen;\n/// <summary>x</summary>\n[Network(3, 4, 2" + options + ")] public partial class Net { }");
        Assert.Empty(run.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
        string source = Assert.Single(run.Sources).Value;
        Assert.Equal(persistent, source.Contains("partial class Net : global::NetGen.IPersistentNetwork<", StringComparison.Ordinal));

        (Assembly assembly, AssemblyLoadContext context) = GeneratorHarness.Load(run.Output);
        try
        {
            Type type = assembly.GetType("Net")!;
            Assert.Equal(persistent, type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IPersistentNetwork<>)));
            var names = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).ToHashSet();
            Assert.All(EveryNetwork, name => Assert.Contains(name, names));
            Assert.All(PlainGradientDescentOnly, name => Assert.Equal(persistent, names.Contains(name)));

            object network = Activator.CreateInstance(type)!;
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
