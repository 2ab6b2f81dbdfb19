using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The parser resolves the options an attribute leaves unset from the ones it sets, as the attribute's documentation
/// says, and the planner carries them into the model the emitter writes. The option enums are compiled into both the
/// generator and the NetGen library, so the model's values are compared by name.
/// </summary>
public class DeclarationDefaultsTests
{
    /// <summary>The model planned for <c>public partial class Net</c> under <paramref name="attribute"/>, which must be valid.</summary>
    private static NetworkModel ModelOf(string attribute)
    {
        Compilation compilation = GeneratorHarness.Compilation("using NetGen;\n" + attribute + " public partial class Net { }");
        INamedTypeSymbol type = compilation.GetTypeByMetadataName("Net") ?? throw new Xunit.Sdk.XunitException("No class Net");
        AttributeData data = type.GetAttributes().Single(a => a.AttributeClass?.ToDisplayString() == NetworkParser.AttributeMetadataName);
        ParsedNetwork parsed = NetworkParser.Parse(type, data, CancellationToken.None) ?? throw new Xunit.Sdk.XunitException("The parser returned nothing");
        Assert.Empty(parsed.Errors);
        return NetworkPlanner.Plan(parsed.Declaration, parsed.Locations).Model ?? throw new Xunit.Sdk.XunitException("No model was planned");
    }

    /// <summary>The model's activations by name, layer 1 first.</summary>
    private static string Activations(NetworkModel model) => string.Join(", ", model.Activations);

    [Fact]
    public void The_tutorials_attribute_gets_the_tutorials_model()
    {
        NetworkModel model = ModelOf("[Network(2, 4, 1)]");
        Assert.Equal("Sigmoid, Sigmoid", Activations(model));
        Assert.Equal("Square", model.Loss.ToString());
        Assert.Equal("Sum", model.Reduction.ToString());
        Assert.Equal(0.01, model.LeakySlope);
        Assert.Equal(OptimizerModel.PlainSgd, model.Optimizer);
        Assert.Equal(0.1, model.LearningRate);
    }

    [Fact]
    public void Options_set_to_their_defaults_give_the_same_model_as_options_left_unset()
    {
        NetworkModel unset = ModelOf("[Network(2, 4, 1)]");
        NetworkModel spelledOut = ModelOf(
            "[Network(2, 4, 1, Hidden = Activation.Sigmoid, Output = Activation.Sigmoid, Loss = Loss.Square, Reduction = Reduction.Sum, "
            + "LeakySlope = 0.01, Optimizer = Optimizer.Sgd, LearningRate = 0.1, Momentum = 0, Nesterov = false, WeightDecay = 0)]");
        NetworkModel asList = ModelOf("[Network(2, 4, 1, Activations = new[] { Activation.Sigmoid, Activation.Sigmoid })]");
        Assert.Equal(unset, spelledOut);
        Assert.Equal(unset, asList);
    }

    [Theory]
    [InlineData("[Network(784, 256, 128, 10, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]", "ReLU, ReLU, Softmax")]
    [InlineData("[Network(2, 3, 3, 1, Hidden = Activation.Tanh)]", "Tanh, Tanh, Sigmoid")]
    [InlineData("[Network(2, 3, 1, Output = Activation.Identity)]", "Sigmoid, Identity")]
    [InlineData("[Network(2, 1, Hidden = Activation.Tanh, Output = Activation.Identity)]", "Identity")]
    public void Hidden_and_Output_expand_to_every_layer(string attribute, string expected) =>
        Assert.Equal(expected, Activations(ModelOf(attribute)));

    [Fact]
    public void Activations_are_used_as_given()
    {
        NetworkModel model = ModelOf("[Network(2, 8, 8, 1, Activations = new[] { Activation.Tanh, Activation.LeakyReLU, Activation.Identity }, LeakySlope = 0.2)]");
        Assert.Equal("Tanh, LeakyReLU, Identity", Activations(model));
        Assert.Equal(0.2, model.LeakySlope);
    }

    [Theory]
    [InlineData("", "Sum")]
    [InlineData(", Loss = Loss.Square", "Sum")]
    [InlineData(", Output = Activation.Softmax, Loss = Loss.CrossEntropy", "Mean")]
    [InlineData(", Loss = Loss.BinaryCrossEntropy", "Mean")]
    [InlineData(", Output = Activation.Softmax, Loss = Loss.CrossEntropy, Reduction = Reduction.Sum", "Sum")]
    [InlineData(", Loss = Loss.Square, Reduction = Reduction.Mean", "Mean")]
    public void The_reduction_is_the_losss_default_unless_given(string options, string expected) =>
        Assert.Equal(expected, ModelOf("[Network(3, 4, 2" + options + ")]").Reduction.ToString());

    [Theory]
    [InlineData("", "Sgd", 0.1, 0.0)]
    [InlineData(", Optimizer = Optimizer.Sgd", "Sgd", 0.1, 0.0)]
    [InlineData(", Optimizer = Optimizer.Adam", "Adam", 0.001, 0.0)]
    [InlineData(", Optimizer = Optimizer.AdamW", "AdamW", 0.001, 0.01)]
    [InlineData(", Optimizer = Optimizer.Adam, LearningRate = 0.1", "Adam", 0.1, 0.0)]
    [InlineData(", Optimizer = Optimizer.AdamW, WeightDecay = 0", "AdamW", 0.001, 0.0)]
    [InlineData(", Optimizer = Optimizer.Adam, WeightDecay = 0.1", "Adam", 0.001, 0.1)]
    [InlineData(", LearningRate = 0.5, WeightDecay = 0.001", "Sgd", 0.5, 0.001)]
    [InlineData(", Optimizer = Optimizer.Adam, Precision = Precision.Single", "Adam", 0.001, 0.0)]
    public void The_learning_rate_and_decay_are_the_optimizers_defaults_unless_given(string options, string kind, double learningRate, double decay)
    {
        NetworkModel model = ModelOf("[Network(2, 4, 1" + options + ")]");
        Assert.Equal(kind, model.Optimizer.Kind.ToString());
        Assert.Equal(learningRate, model.LearningRate);
        Assert.Equal(decay, model.Optimizer.WeightDecay);
    }

    [Fact]
    public void Each_optimizers_hyper_parameters_are_read_and_the_others_keep_their_defaults()
    {
        OptimizerModel adam = ModelOf("[Network(2, 4, 1, Optimizer = Optimizer.Adam, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6)]").Optimizer;
        Assert.Equal("Adam", adam.Kind.ToString());
        Assert.Equal(OptimizerModel.PlainSgd with { Kind = adam.Kind, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6 }, adam);

        OptimizerModel sgd = ModelOf("[Network(2, 4, 1, Momentum = 0.9, Nesterov = true)]").Optimizer;
        Assert.Equal(OptimizerModel.PlainSgd with { Momentum = 0.9, Nesterov = true }, sgd);

        // Sgd ignores Adam's settings (warned as NG0035): the model is the one without them.
        Assert.Equal(OptimizerModel.PlainSgd, ModelOf("[Network(2, 4, 1, Beta1 = 0.5, Epsilon = 1e-3)]").Optimizer);
    }
}
