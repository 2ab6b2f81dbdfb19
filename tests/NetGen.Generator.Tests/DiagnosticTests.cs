using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>Every misuse of [Network] gets its diagnostic, at the right place, and no generated code.</summary>
public class DiagnosticTests
{
    private const string Doc = "/// <summary>x</summary>\n";

    [Theory]
    [InlineData("NG0001", "[NetGen.Network(2, 1)] public class Plain { }", "Plain", "add the 'partial' modifier")]
    [InlineData("NG0002", "[NetGen.Network(3)] public partial class One { }", "NetGen.Network(3)", "The number of layer sizes given to [Network] on 'One' is 1; give at least two")]
    [InlineData("NG0002", "[NetGen.Network] public partial class None { }", "NetGen.Network", "The number of layer sizes given to [Network] on 'None' is 0;")]
    [InlineData("NG0002", "[NetGen.Network(null)] public partial class Null { }", "NetGen.Network(null)", "on 'Null' is 0;")]
    [InlineData("NG0003", "[NetGen.Network(2, 0, 1)] public partial class Zero { }", "0", "[Network] on 'Zero' gives layer 1 (a hidden layer) a size of 0; make it at least 1")]
    [InlineData("NG0003", "[NetGen.Network(2, -4)] public partial class Negative { }", "-4", "[Network] on 'Negative' gives layer 1 (the output layer) a size of -4;")]
    [InlineData("NG0003", "[NetGen.Network(0, 3)] public partial class NoInputs { }", "0", "[Network] on 'NoInputs' gives the input a size of 0; make it at least 1: every layer, the input included, needs at least one unit")]
    [InlineData("NG0003", "[NetGen.Network(2, 4, 3, -3)] public partial class NoOutputs { }", "-3", "[Network] on 'NoOutputs' gives layer 3 (the output layer) a size of -3;")]
    [InlineData("NG0003", "[NetGen.Network(2, 4, -1, 1)] public partial class Middle { }", "-1", "gives layer 2 (a hidden layer) a size of -1;")]
    [InlineData("NG0004", "[NetGen.Network(5000, 5000, 1)] public partial class Huge { }", "NetGen.Network(5000, 5000, 1)", "has 25010001 parameters")]
    [InlineData("NG0004", "[NetGen.Network(2147483647, 2147483647, 2147483647, 2147483647, 2147483647)] public partial class Absurd { }", "NetGen.Network(2147483647, 2147483647, 2147483647, 2147483647, 2147483647)", "more than 9223372036854775806")]
    [InlineData("NG0005", "[NetGen.Network(2, 1, LearningRate = 0)] public partial class Still { }", "LearningRate = 0", "LearningRate = 0 on 'Still': LearningRate must be finite and greater than 0; got 0. Use a value such as 0.1.")]
    [InlineData("NG0005", "[NetGen.Network(2, 1, LearningRate = -0.5)] public partial class Backwards { }", "LearningRate = -0.5", "LearningRate = -0.5 on 'Backwards': LearningRate must be finite and greater than 0; got -0.5. Use a value such as 0.1.")]
    [InlineData("NG0005", "[NetGen.Network(2, 1, LearningRate = double.NaN)] public partial class NotANumber { }", "LearningRate = double.NaN", "LearningRate = NaN on 'NotANumber': LearningRate must be finite and greater than 0; got NaN. Use a value such as 0.1.")]
    [InlineData("NG0005", "[NetGen.Network(2, 1, LearningRate = double.PositiveInfinity)] public partial class Endless { }", "LearningRate = double.PositiveInfinity", "LearningRate = Infinity on 'Endless': LearningRate must be finite and greater than 0; got Infinity. Use a value such as 0.1.")]
    [InlineData("NG0006", "[NetGen.Network(2, 1)] public static partial class Fixed { }", "Fixed", "remove 'static'")]
    [InlineData("NG0007", "[NetGen.Network(2, 1)] public abstract partial class Vague { }", "Vague", "remove 'abstract'")]
    [InlineData("NG0008", "[NetGen.Network(2, 1)] public partial class Generic<T> { }", "Generic", "generic")]
    [InlineData("NG0008", "public partial class Outer<T> { " + Doc + "[NetGen.Network(2, 1)] public partial class Inner { } }", "Inner", "nested in a generic type")]
    [InlineData("NG0009", "[NetGen.Network(2, 1)] public partial record Rec;", "Rec", "declare it as a 'partial class'")]
    [InlineData("NG0010", "public class Shell { " + Doc + "[NetGen.Network(2, 1)] public partial class Inner { } }", "Shell", "add the 'partial' modifier to 'Shell'")]
    [InlineData("NG0012", "[NetGen.Network(2, 1)] public partial class Clash { " + Doc + "public void Forward() { } }", "Forward", "declares 'Forward'")]
    [InlineData("NG0012", "[NetGen.Network(2, 1)] public partial class Clash { " + Doc + "public int LearningRate => 1; }", "LearningRate", "declares 'LearningRate'")]
    [InlineData("NG0012", "[NetGen.Network(2, 1)] public partial class Clash { " + Doc + "public void ResetOptimizer(bool all) { } }", "ResetOptimizer", "declares 'ResetOptimizer'")]
    [InlineData("NG0012", "[NetGen.Network(2, 1)] public partial class Clash { " + Doc + "public string Description => \"mine\"; }", "Description", "declares 'Description'")]
    [InlineData("NG0012", "[NetGen.Network(2, 1)] public partial class Clash { " + Doc + "public int GetOptimizerState(double[] data) => data.Length; }", "GetOptimizerState", "declares 'GetOptimizerState'")]
    [InlineData("NG0017", "[NetGen.Network(2, 1)] public partial class Classify { }", "Classify", "rename the class")]
    [InlineData("NG0012", "[NetGen.Network(2, 1)] public partial class Clash { " + Doc + "public Clash() { } }", "Clash", "declares 'Clash()'")]
    [InlineData("NG0012", "[NetGen.Network(2, 1)] public partial class Clash { " + Doc + "public Clash(int size) { } }", "Clash", "declares 'Clash(int)'")]
    [InlineData("NG0013", "[NetGen.Network(100, 100, 1, Unroll = NetGen.UnrollMode.Always)] public partial class Forced { }", "Unroll = NetGen.UnrollMode.Always", "has 10201 parameters")]
    [InlineData("NG0016", "[NetGen.Network(2, 1, Unroll = (NetGen.UnrollMode)7)] public partial class Odd { }", "Unroll = (NetGen.UnrollMode)7", "Unroll = 7 on 'Odd'")]
    [InlineData("NG0016", "[NetGen.Network(2, 1, Precision = (NetGen.Precision)2)] public partial class Half { }", "Precision = (NetGen.Precision)2", "Precision.Double")]
    [InlineData("NG0016", "[NetGen.Network(2, 1, Initializer = (NetGen.Initializer)(-1))] public partial class Lecun { }", "Initializer = (NetGen.Initializer)(-1)", "Initializer.StandardNormal")]
    [InlineData("NG0005", "[NetGen.Network(2, 1, LearningRate = 1e300, Precision = NetGen.Precision.Single)] public partial class TooBigForFloat { }", "LearningRate = 1e300", "LearningRate = 1E+300 on 'TooBigForFloat': LearningRate must be finite and greater than 0; got 1E+300, which is Infinity in float (Precision.Single). Use a value such as 0.1.")]
    [InlineData("NG0005", "[NetGen.Network(2, 1, LearningRate = 1e-50, Precision = NetGen.Precision.Single)] public partial class ZeroInFloat { }", "LearningRate = 1e-50", "LearningRate = 1E-50 on 'ZeroInFloat': LearningRate must be finite and greater than 0; got 1E-50, which is 0 in float (Precision.Single). Use a value such as 0.1.")]
    [InlineData("NG0012", "[NetGen.Network(2, 1)] public partial class Scratch { " + Doc + "public int __gradient; }", "__gradient", "declares '__gradient'")]
    [InlineData("NG0017", "[NetGen.Network(2, 1)] public partial class Train { }", "Train", "rename the class")]
    [InlineData("NG0017", "[NetGen.Network(2, 1)] public partial class __Dense { }", "__Dense", "a name starting with '__'")]
    [InlineData("NG0012", "[NetGen.Network(2, 1)] public partial class Shadow { " + Doc + "public static int __Guard; }", "__Guard", "declares '__Guard'")]
    [InlineData("NG0018", "[NetGen.Network(2, 1)] public partial class Prim(string name) { " + Doc + "public string Name => name; }", "Prim", "primary constructor")]
    [InlineData("NG0019", "public class Named { " + Doc + "public Named(string name) { } }\n" + Doc + "[NetGen.Network(2, 1)] public partial class Net : Named { }", "Net", "derives from 'Named'")]
    [InlineData("NG0020", "[NetGen.Network(64, 8, 1, UnrolledLayers = new[] { 0 })] public partial class NoLayerZero { }", "UnrolledLayers = new[] { 0 }", "lists 0, which is not a layer")]
    [InlineData("NG0020", "[NetGen.Network(64, 8, 1, UnrolledLayers = new[] { 3 })] public partial class PastTheOutput { }", "UnrolledLayers = new[] { 3 }", "lists 3, which is not a layer; list each layer at most once, by number: layer 1 takes the inputs and layer 2 is the output layer")]
    [InlineData("NG0020", "[NetGen.Network(64, 8, 1, UnrolledLayers = new[] { 2, 2 })] public partial class Twice { }", "UnrolledLayers = new[] { 2, 2 }", "lists 2, which is listed twice")]
    [InlineData("NG0020", "[NetGen.Network(64, 8, 1, UnrolledLayers = new[] { 2, 2, 2 })] public partial class Thrice { }", "UnrolledLayers = new[] { 2, 2, 2 }", "lists 2, which is listed twice")]
    [InlineData("NG0020", "[NetGen.Network(64, 8, 1, UnrolledLayers = new[] { 0, 0 })] public partial class ZeroTwice { }", "UnrolledLayers = new[] { 0, 0 }", "lists 0, which is not a layer")]
    [InlineData("NG0021", "[NetGen.Network(784, 128, 10, UnrolledLayers = new[] { 2 })] public partial class WideTail { }", "UnrolledLayers = new[] { 2 }", "lists layer 2 (128 x 10 = 1280 weights, inputs x units); straight-line code is written only for layers of at most 256 weights: remove 2 from UnrolledLayers")]
    [InlineData("NG0022", "[NetGen.Network(16, 8, 1, Unroll = NetGen.UnrollMode.Always, UnrolledLayers = new[] { 2 })] public partial class Both { }", "UnrolledLayers = new[] { 2 }", "remove one of them")]
    public void Misuse_is_reported_where_it_is(string id, string declaration, string pointsAt, string messagePart)
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(Doc + declaration);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(pointsAt, GeneratorHarness.TextAt(diagnostic));
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    private const string UsingNetGen = "using NetGen;\n";

    /// <summary>
    /// One description of every numeric option's range: the diagnostic says, after "X = v on 'Class': ", exactly what
    /// ReferenceOptions (and so NetworkDescription) throws for the same value.
    /// </summary>
    [Theory]
    [InlineData("LearningRate = -0.5", "NG0005")]
    [InlineData("Momentum = -1", "NG0033")]
    [InlineData("WeightDecay = double.NaN", "NG0033")]
    [InlineData("Hidden = Activation.LeakyReLU, LeakySlope = -0.2", "NG0033")]
    [InlineData("Optimizer = Optimizer.Adam, Beta1 = 1", "NG0031")]
    [InlineData("Optimizer = Optimizer.Adam, Beta2 = -0.5", "NG0031")]
    [InlineData("Optimizer = Optimizer.Adam, Epsilon = 0", "NG0032")]
    [InlineData("Optimizer = Optimizer.RMSprop, Alpha = 1.5", "NG0044")]
    [InlineData("Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = -2", "NG0041")]
    [InlineData("Hidden = Activation.ELU, EluAlpha = 0", "NG0038")]
    [InlineData("Dropout = 1", "NG0046")]
    public void The_diagnostic_says_what_the_run_time_description_throws(string arguments, string id)
    {
        (_, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(UsingNetGen + Doc + "[Network(2, 4, 1, " + arguments + ")] public partial class Net { }");
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        string words = message.Substring(message.IndexOf("': ", System.StringComparison.Ordinal) + 3);

        int comma = arguments.LastIndexOf(", ", System.StringComparison.Ordinal);
        string option = comma < 0 ? arguments : arguments.Substring(comma + 2);
        string name = option.Substring(0, option.IndexOf(' ', System.StringComparison.Ordinal));
        double value = option.EndsWith("double.NaN", System.StringComparison.Ordinal) ? double.NaN
            : double.Parse(option.Substring(option.IndexOf('=', System.StringComparison.Ordinal) + 2), System.Globalization.CultureInfo.InvariantCulture);
        var options = new NetGen.Reference.ReferenceOptions();
        typeof(NetGen.Reference.ReferenceOptions).GetProperty(name)!.SetValue(options, name is "LearningRate" or "WeightDecay" ? (double?)value : value);
        System.ArgumentException thrown = Assert.ThrowsAny<System.ArgumentException>(() => options.Validate(2));
        Assert.Equal(words + " (Parameter '" + name + "')", thrown.Message);
    }

    private const string SoftmaxOnlyOnOutput = "; NetGen computes softmax only on the output layer, trained with Loss = Loss.CrossEntropy: give ";

    [Theory]
    [InlineData("NG0024", "[Network(4, 8, 3, Hidden = Activation.Softmax, Output = Activation.Softmax, Loss = Loss.CrossEntropy)] public partial class Soft { }", "Hidden = Activation.Softmax", "Hidden = Activation.Softmax on 'Soft' makes the hidden layers Softmax" + SoftmaxOnlyOnOutput + "the hidden layers another activation, such as Activation.ReLU")]
    [InlineData("NG0024", "[Network(4, 8, 8, 3, Activations = new[] { Activation.ReLU, Activation.Softmax, Activation.Softmax }, Loss = Loss.CrossEntropy)] public partial class SoftMiddle { }", "Activations = new[] { Activation.ReLU, Activation.Softmax, Activation.Softmax }", "Activations on 'SoftMiddle' makes layer 2 (a hidden layer) Softmax" + SoftmaxOnlyOnOutput + "layer 2 (a hidden layer) another activation, such as Activation.ReLU")]
    [InlineData("NG0025", "[Network(4, 8, 3, Loss = Loss.CrossEntropy)] public partial class NoSoftmax { }", "Loss = Loss.CrossEntropy", "Loss = Loss.CrossEntropy on 'NoSoftmax' needs a Softmax output layer, but the output layer is Sigmoid; make it Softmax (Output = Activation.Softmax), or use Loss.BinaryCrossEntropy with a Sigmoid output")]
    [InlineData("NG0025", "[Network(4, 3, Activations = new[] { Activation.Identity }, Loss = Loss.CrossEntropy)] public partial class LinearCe { }", "Loss = Loss.CrossEntropy", "Loss = Loss.CrossEntropy on 'LinearCe' needs a Softmax output layer, but the output layer is Identity; make it Softmax (the last entry of Activations), or use Loss.BinaryCrossEntropy with a Sigmoid output")]
    [InlineData("NG0026", "[Network(4, 8, 1, Output = Activation.Tanh, Loss = Loss.BinaryCrossEntropy)] public partial class TanhBce { }", "Loss = Loss.BinaryCrossEntropy", "Loss = Loss.BinaryCrossEntropy on 'TanhBce' needs a Sigmoid output layer, but the output layer is Tanh; make it Sigmoid (Output = Activation.Sigmoid), or use Loss.CrossEntropy with a Softmax output")]
    [InlineData("NG0026", "[Network(4, 8, 3, Output = Activation.Softmax, Loss = Loss.BinaryCrossEntropy)] public partial class SoftmaxBce { }", "Loss = Loss.BinaryCrossEntropy", "Loss = Loss.BinaryCrossEntropy on 'SoftmaxBce' needs a Sigmoid output layer, but the output layer is Softmax; make it Sigmoid (Output = Activation.Sigmoid), or use Loss.CrossEntropy with a Softmax output")]
    [InlineData("NG0027", "[Network(4, 8, 3, Output = Activation.Softmax)] public partial class SquareSoftmax { }", "Output = Activation.Softmax", "'SquareSoftmax' has a Softmax output layer and Loss = Loss.Square; NetGen trains a Softmax output only on cross-entropy (it does not implement the softmax Jacobian for Square, MeanSquaredError, L1 or Huber): set Loss = Loss.CrossEntropy")]
    [InlineData("NG0027", "[Network(4, 3, Activations = new[] { Activation.Softmax }, Loss = Loss.Square)] public partial class SaidSquare { }", "Loss = Loss.Square", "'SaidSquare' has a Softmax output layer and Loss = Loss.Square; NetGen trains a Softmax output only on cross-entropy (it does not implement the softmax Jacobian for Square, MeanSquaredError, L1 or Huber): set Loss = Loss.CrossEntropy")]
    [InlineData("NG0028", "[Network(2, 8, 8, 1, Activations = new[] { Activation.Tanh, Activation.Identity })] public partial class Short { }", "Activations = new[] { Activation.Tanh, Activation.Identity }", "The number of activations in Activations on 'Short' is 2, but the network has 3 weight layers (one per size after the input); give exactly 3, layer 1 first and the output layer last")]
    [InlineData("NG0028", "[Network(2, 1, Activations = new Activation[0])] public partial class Empty { }", "Activations = new Activation[0]", "The number of activations in Activations on 'Empty' is 0, but the network has 1 weight layers (one per size after the input); give exactly 1, layer 1 first and the output layer last")]
    [InlineData("NG0029", "[Network(2, 8, 1, Output = Activation.Identity, Activations = new[] { Activation.Tanh, Activation.Identity })] public partial class Twice { }", "Output = Activation.Identity", "'Twice' sets both Activations and Output; Activations already gives every layer its activation: remove Output and put its value in Activations")]
    [InlineData("NG0029", "[Network(2, 8, 1, Activations = new[] { Activation.Tanh, Activation.Sigmoid }, Hidden = Activation.Tanh)] public partial class Again { }", "Hidden = Activation.Tanh", "'Again' sets both Activations and Hidden; Activations already gives every layer its activation: remove Hidden and put its value in Activations")]
    [InlineData("NG0030", "[Network(2, 4, 1, Nesterov = true)] public partial class NoMomentum { }", "Nesterov = true", "'NoMomentum' sets Nesterov = true without momentum; Nesterov momentum needs Momentum greater than 0: set Momentum (e.g. Momentum = 0.9) or remove Nesterov")]
    [InlineData("NG0031", "[Network(2, 4, 1, Optimizer = Optimizer.Adam, Beta2 = 1)] public partial class Forever { }", "Beta2 = 1", "Beta2 = 1 on 'Forever': Beta2 must be in [0, 1); got 1. Use a value such as 0.999.")]
    [InlineData("NG0031", "[Network(2, 4, 1, Optimizer = Optimizer.AdamW, Beta1 = -0.1)] public partial class Backwards { }", "Beta1 = -0.1", "Beta1 = -0.1 on 'Backwards': Beta1 must be in [0, 1); got -0.1. Use a value such as 0.9.")]
    [InlineData("NG0031", "[Network(2, 4, 1, Optimizer = Optimizer.Adam, Beta2 = double.NaN)] public partial class Undefined { }", "Beta2 = double.NaN", "Beta2 = NaN on 'Undefined': Beta2 must be in [0, 1); got NaN. Use a value such as 0.999.")]
    [InlineData("NG0031", "[Network(2, 4, 1, Optimizer = Optimizer.Adam, Beta2 = 0.99999999, Precision = Precision.Single)] public partial class OneInFloat { }", "Beta2 = 0.99999999", "Beta2 = 0.99999999 on 'OneInFloat': Beta2 must be in [0, 1); got 0.99999999, which is 1 in float (Precision.Single). Use a value such as 0.999.")]
    [InlineData("NG0032", "[Network(2, 4, 1, Optimizer = Optimizer.Adam, Epsilon = 0)] public partial class NoEpsilon { }", "Epsilon = 0", "Epsilon = 0 on 'NoEpsilon': Epsilon must be finite and greater than 0; got 0. Use a value such as 1e-08.")]
    [InlineData("NG0032", "[Network(2, 4, 1, Optimizer = Optimizer.Adam, Epsilon = double.PositiveInfinity)] public partial class Endless { }", "Epsilon = double.PositiveInfinity", "Epsilon = Infinity on 'Endless': Epsilon must be finite and greater than 0; got Infinity. Use a value such as 1e-08.")]
    [InlineData("NG0032", "[Network(2, 4, 1, Optimizer = Optimizer.Adam, Epsilon = 1e-50, Precision = Precision.Single)] public partial class ZeroInFloat { }", "Epsilon = 1e-50", "Epsilon = 1E-50 on 'ZeroInFloat': Epsilon must be finite and greater than 0; got 1E-50, which is 0 in float (Precision.Single). Use a value such as 1e-08.")]
    [InlineData("NG0033", "[Network(2, 4, 1, WeightDecay = -0.01)] public partial class Growing { }", "WeightDecay = -0.01", "WeightDecay = -0.01 on 'Growing': WeightDecay must be finite and at least 0; got -0.01. Use a value such as 0.01.")]
    [InlineData("NG0033", "[Network(2, 4, 1, Momentum = double.PositiveInfinity)] public partial class Runaway { }", "Momentum = double.PositiveInfinity", "Momentum = Infinity on 'Runaway': Momentum must be finite and at least 0; got Infinity. Use a value such as 0.9.")]
    [InlineData("NG0033", "[Network(2, 4, 1, Momentum = -0.5)] public partial class Braking { }", "Momentum = -0.5", "Momentum = -0.5 on 'Braking': Momentum must be finite and at least 0; got -0.5. Use a value such as 0.9.")]
    [InlineData("NG0033", "[Network(2, 4, 1, Hidden = Activation.LeakyReLU, LeakySlope = -0.2)] public partial class Bent { }", "LeakySlope = -0.2", "LeakySlope = -0.2 on 'Bent': LeakySlope must be finite and at least 0; got -0.2. Use a value such as 0.01.")]
    [InlineData("NG0033", "[Network(2, 4, 1, WeightDecay = 1e300, Precision = Precision.Single)] public partial class HugeInFloat { }", "WeightDecay = 1e300", "WeightDecay = 1E+300 on 'HugeInFloat': WeightDecay must be finite and at least 0; got 1E+300, which is Infinity in float (Precision.Single). Use a value such as 0.01.")]
    [InlineData("NG0038", "[Network(2, 4, 1, Hidden = Activation.ELU, EluAlpha = 0)] public partial class Flat { }", "EluAlpha = 0", "EluAlpha = 0 on 'Flat': EluAlpha must be finite and greater than 0; got 0. Use a value such as 1.0 (PyTorch's default).")]
    [InlineData("NG0038", "[Network(2, 4, 1, Hidden = Activation.ELU, EluAlpha = -1)] public partial class Upside { }", "EluAlpha = -1", "EluAlpha = -1 on 'Upside': EluAlpha must be finite and greater than 0; got -1. Use a value such as 1.0 (PyTorch's default).")]
    [InlineData("NG0038", "[Network(2, 4, 1, Output = Activation.ELU, EluAlpha = double.NaN)] public partial class Unknown { }", "EluAlpha = double.NaN", "EluAlpha = NaN on 'Unknown': EluAlpha must be finite and greater than 0; got NaN. Use a value such as 1.0 (PyTorch's default).")]
    [InlineData("NG0038", "[Network(2, 4, 1, Hidden = Activation.ELU, EluAlpha = 1e300, Precision = Precision.Single)] public partial class HugeAlpha { }", "EluAlpha = 1e300", "EluAlpha = 1E+300 on 'HugeAlpha': EluAlpha must be finite and greater than 0; got 1E+300, which is Infinity in float (Precision.Single). Use a value such as 1.0 (PyTorch's default).")]
    [InlineData("NG0016", "[Network(2, 1, Activations = new[] { (Activation)10 })] public partial class OddLayer { }", "Activations = new[] { (Activation)10 }", "Activations = 10 on 'OddLayer' is not one of the values of Activation; use a named value such as Activation.Sigmoid")]
    [InlineData("NG0034", "[Network(2, 4, 1, Optimizer = Optimizer.Adam, Momentum = 0.9)] public partial class AdamMomentum { }", "Momentum = 0.9", "'AdamMomentum' sets Momentum with Optimizer = Optimizer.Adam: Momentum belongs to Optimizer.Sgd and Optimizer.RMSprop, not Optimizer.Adam (Adam's running mean of the gradient is set by Beta1); remove Momentum, or use one of those optimizers")]
    [InlineData("NG0034", "[Network(2, 4, 1, Optimizer = Optimizer.AdamW, Nesterov = true)] public partial class NAdam { }", "Nesterov = true", "'NAdam' sets Nesterov with Optimizer = Optimizer.AdamW: Nesterov belongs to Optimizer.Sgd, not Optimizer.AdamW (Adam's running mean of the gradient is set by Beta1); remove Nesterov, or use Optimizer.Sgd")]
    [InlineData("NG0034", "[Network(2, 4, 1, Optimizer = Optimizer.RMSprop, Momentum = 0.9, Nesterov = true)] public partial class RNesterov { }", "Nesterov = true", "'RNesterov' sets Nesterov with Optimizer = Optimizer.RMSprop: Nesterov belongs to Optimizer.Sgd, not Optimizer.RMSprop; remove Nesterov, or use Optimizer.Sgd")]
    [InlineData("NG0034", "[Network(2, 4, 1, Optimizer = Optimizer.Adagrad, Momentum = 0.9)] public partial class AdagradMomentum { }", "Momentum = 0.9", "'AdagradMomentum' sets Momentum with Optimizer = Optimizer.Adagrad: Momentum belongs to Optimizer.Sgd and Optimizer.RMSprop, not Optimizer.Adagrad; remove Momentum, or use one of those optimizers")]
    [InlineData("NG0044", "[Network(2, 4, 1, Optimizer = Optimizer.RMSprop, Alpha = 1)] public partial class Stuck { }", "Alpha = 1", "Alpha = 1 on 'Stuck': Alpha, RMSprop's smoothing constant, must be in [0, 1); got 1. Use a value such as 0.99.")]
    [InlineData("NG0044", "[Network(2, 4, 1, Optimizer = Optimizer.RMSprop, Alpha = -0.5)] public partial class Negative { }", "Alpha = -0.5", "Alpha = -0.5 on 'Negative': Alpha, RMSprop's smoothing constant, must be in [0, 1); got -0.5. Use a value such as 0.99.")]
    [InlineData("NG0044", "[Network(2, 4, 1, Optimizer = Optimizer.RMSprop, Alpha = 0.99999999, Precision = Precision.Single)] public partial class OneInFloat { }", "Alpha = 0.99999999", "Alpha = 0.99999999 on 'OneInFloat': Alpha, RMSprop's smoothing constant, must be in [0, 1); got 0.99999999, which is 1 in float (Precision.Single). Use a value such as 0.99.")]
    [InlineData("NG0016", "[Network(2, 4, 1, Hidden = (Activation)9)] public partial class OddHidden { }", "Hidden = (Activation)9", "Hidden = 9 on 'OddHidden' is not one of the values of Activation; use a named value such as Activation.Sigmoid")]
    [InlineData("NG0016", "[Network(2, 1, Output = (Activation)(-1))] public partial class OddOutput { }", "Output = (Activation)(-1)", "Output = -1 on 'OddOutput' is not one of the values of Activation; use a named value such as Activation.Sigmoid")]
    [InlineData("NG0041", "[Network(2, 4, 1, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 0)] public partial class Flat { }", "HuberDelta = 0", "HuberDelta = 0 on 'Flat': HuberDelta must be finite and greater than 0; got 0. Use a value such as 1.0 (PyTorch's default).")]
    [InlineData("NG0041", "[Network(2, 4, 1, Loss = Loss.Huber, HuberDelta = double.NaN)] public partial class Undecided { }", "HuberDelta = double.NaN", "HuberDelta = NaN on 'Undecided': HuberDelta must be finite and greater than 0; got NaN. Use a value such as 1.0 (PyTorch's default).")]
    [InlineData("NG0041", "[Network(2, 4, 1, Loss = Loss.Huber, HuberDelta = 1e300, Precision = Precision.Single)] public partial class HugeHuber { }", "HuberDelta = 1e300", "HuberDelta = 1E+300 on 'HugeHuber': HuberDelta must be finite and greater than 0; got 1E+300, which is Infinity in float (Precision.Single). Use a value such as 1.0 (PyTorch's default).")]
    [InlineData("NG0027", "[Network(4, 3, Output = Activation.Softmax, Loss = Loss.MeanSquaredError)] public partial class SoftMse { }", "Loss = Loss.MeanSquaredError", "'SoftMse' has a Softmax output layer and Loss = Loss.MeanSquaredError; NetGen trains a Softmax output only on cross-entropy (it does not implement the softmax Jacobian for Square, MeanSquaredError, L1 or Huber): set Loss = Loss.CrossEntropy")]
    [InlineData("NG0027", "[Network(4, 3, Activations = new[] { Activation.Softmax }, Loss = Loss.Huber)] public partial class SoftHuber { }", "Loss = Loss.Huber", "'SoftHuber' has a Softmax output layer and Loss = Loss.Huber; NetGen trains a Softmax output only on cross-entropy (it does not implement the softmax Jacobian for Square, MeanSquaredError, L1 or Huber): set Loss = Loss.CrossEntropy")]
    [InlineData("NG0016", "[Network(2, 1, Loss = (Loss)6)] public partial class OddLoss { }", "Loss = (Loss)6", "Loss = 6 on 'OddLoss' is not one of the values of Loss; use a named value such as Loss.Square")]
    [InlineData("NG0016", "[Network(2, 1, Reduction = (Reduction)2)] public partial class OddReduction { }", "Reduction = (Reduction)2", "Reduction = 2 on 'OddReduction' is not one of the values of Reduction; use a named value such as Reduction.Sum")]
    [InlineData("NG0016", "[Network(2, 1, Optimizer = (Optimizer)5)] public partial class OddOptimizer { }", "Optimizer = (Optimizer)5", "Optimizer = 5 on 'OddOptimizer' is not one of the values of Optimizer; use a named value such as Optimizer.Sgd")]
    [InlineData("NG0046", "[Network(2, 4, 1, Dropout = 1.0)] public partial class AllDropped { }", "Dropout = 1.0", "Dropout = 1 on 'AllDropped': Dropout, the probability of zeroing a hidden unit's output in a training step, must be at least 0 and below 1; got 1. Use a value such as 0.5, or 0 for none.")]
    [InlineData("NG0046", "[Network(2, 4, 1, Dropout = -0.1)] public partial class NegativeDropout { }", "Dropout = -0.1", "Dropout = -0.1 on 'NegativeDropout': Dropout, the probability of zeroing a hidden unit's output in a training step, must be at least 0 and below 1; got -0.1. Use a value such as 0.5, or 0 for none.")]
    [InlineData("NG0046", "[Network(2, 4, 1, Dropout = double.NaN)] public partial class NaNDropout { }", "Dropout = double.NaN", "Dropout = NaN on 'NaNDropout': Dropout, the probability of zeroing a hidden unit's output in a training step, must be at least 0 and below 1; got NaN. Use a value such as 0.5, or 0 for none.")]
    [InlineData("NG0047", "[Network(4, 3, Dropout = 0.2)] public partial class NoHidden { }", "Dropout = 0.2", "Dropout on 'NoHidden': Dropout acts on the hidden layers' outputs, and this network has no hidden layer. Remove Dropout, or add a hidden layer size.")]
    public void An_option_combination_NetGen_cannot_train_is_reported_at_the_argument_to_change(string id, string declaration, string pointsAt, string message)
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(UsingNetGen + Doc + declaration);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(pointsAt, GeneratorHarness.TextAt(diagnostic));
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("RMSprop", "Beta1 = 0.8", "Beta1", "Optimizer.Adam and Optimizer.AdamW")]
    [InlineData("Adagrad", "Beta2 = 0.9", "Beta2", "Optimizer.Adam and Optimizer.AdamW")]
    [InlineData("Adam", "Alpha = 0.9", "Alpha", "Optimizer.RMSprop")]
    [InlineData("Sgd", "Alpha = 0.9", "Alpha", "Optimizer.RMSprop")]
    [InlineData("Adagrad", "Alpha = 0.5", "Alpha", "Optimizer.RMSprop")]
    public void A_hyper_parameter_the_optimizer_ignores_is_a_warning_and_the_code_is_the_one_without_it(string optimizer, string option, string name, string readers)
    {
        string declaration = "[Network(2, 4, 1, Optimizer = Optimizer." + optimizer + ", " + option + ")] public partial class Net { }";
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(UsingNetGen + Doc + declaration);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("NG0045", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(option, GeneratorHarness.TextAt(diagnostic));
        Assert.Equal(
            name + " on 'Net' is a hyper-parameter of " + readers + ", which Optimizer." + optimizer + " ignores; remove " + name + ", or use an optimizer that reads it",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        string without = Assert.Single(GeneratorHarness.Generate(
            UsingNetGen + Doc + "[Network(2, 4, 1, Optimizer = Optimizer." + optimizer + ")] public partial class Net { }").Sources).Value;
        Assert.Equal(without, Assert.Single(run.Sources).Value);
    }

    [Theory]
    [InlineData("Beta1 = 0.8", "Beta1")]
    [InlineData("Beta2 = 0.99", "Beta2")]
    [InlineData("Epsilon = 1e-7", "Epsilon")]
    public void An_Adam_option_on_an_Sgd_network_is_a_warning_and_the_tutorials_code_is_still_generated(string option, string name)
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + "[Network(2, 4, 1, " + option + ")] public partial class AndNet { }");
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("NG0035", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(option, GeneratorHarness.TextAt(diagnostic));
        Assert.Equal(
            name + " on 'AndNet' is a hyper-parameter of Optimizer.Adam and Optimizer.AdamW, which Optimizer.Sgd ignores; remove " + name + ", or set Optimizer = Optimizer.Adam to use it",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // The ignored value changes nothing: the code is the tutorial network's.
        string tutorial = Assert.Single(GeneratorHarness.Generate(UsingNetGen + Doc + "[Network(2, 4, 1)] public partial class AndNet { }").Sources).Value;
        Assert.Equal(tutorial, Assert.Single(run.Sources).Value);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
    }

    [Theory]
    [InlineData("")]
    [InlineData(", Activations = new[] { Activation.GELU, Activation.SiLU }")]
    public void An_EluAlpha_without_an_ELU_layer_is_a_warning_and_the_network_is_generated_without_it(string layers)
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + "[Network(2, 4, 1, EluAlpha = 0.5" + layers + ")] public partial class Alpha { }");
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("NG0039", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("EluAlpha = 0.5", GeneratorHarness.TextAt(diagnostic));
        Assert.Equal(
            "EluAlpha on 'Alpha' sets the α of Activation.ELU, but no layer of 'Alpha' is ELU, so it has no effect; remove EluAlpha, or make a layer Activation.ELU",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // The code is that of the network without the option, down to its description.
        string without = Assert.Single(GeneratorHarness.Generate(UsingNetGen + Doc + "[Network(2, 4, 1" + layers + ")] public partial class Alpha { }").Sources).Value;
        Assert.Equal(without, Assert.Single(run.Sources).Value);

        // With an ELU layer the α is used (it is in the generated code), and nothing is reported.
        (GeneratorHarness.Run usedRun, IReadOnlyList<Diagnostic> used) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + "[Network(2, 4, 1, Hidden = Activation.ELU, EluAlpha = 0.5)] public partial class Alpha { }");
        Assert.Empty(used);
        Assert.Contains("eluAlpha: 0.5", Assert.Single(usedRun.Sources).Value, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LeakySlope = 0.2", "")]
    [InlineData("LeakySlope = 0.2", ", Activations = new[] { Activation.ReLU, Activation.Sigmoid }")]
    public void A_LeakySlope_without_a_LeakyReLU_layer_is_a_warning_and_the_network_is_generated_without_it(string option, string layers)
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + "[Network(2, 4, 1, " + option + layers + ")] public partial class Slope { }");
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("NG0036", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(option, GeneratorHarness.TextAt(diagnostic));
        Assert.Equal(
            "LeakySlope on 'Slope' sets the negative slope of Activation.LeakyReLU, but no layer of 'Slope' is LeakyReLU, so it has no effect; remove LeakySlope, or make a layer Activation.LeakyReLU",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // The code is that of the network without the option, down to its description and header.
        string without = Assert.Single(GeneratorHarness.Generate(UsingNetGen + Doc + "[Network(2, 4, 1" + layers + ")] public partial class Slope { }").Sources).Value;
        Assert.Equal(without, Assert.Single(run.Sources).Value);

        // With a LeakyReLU layer the slope is used, and nothing is reported.
        (_, IReadOnlyList<Diagnostic> used) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + "[Network(2, 4, 1, Hidden = Activation.LeakyReLU, " + option + ")] public partial class Slope { }");
        Assert.Empty(used);
    }

    [Theory]
    [InlineData("Loss = Loss.MeanSquaredError, ")]
    [InlineData("")]
    public void A_HuberDelta_without_the_Huber_loss_is_a_warning_and_the_network_is_generated_without_it(string loss)
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + "[Network(2, 4, 1, " + loss + "HuberDelta = 2.5)] public partial class Threshold { }");
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("NG0042", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("HuberDelta = 2.5", GeneratorHarness.TextAt(diagnostic));
        string kind = loss.Length == 0 ? "Square" : "MeanSquaredError";
        Assert.Equal(
            "HuberDelta on 'Threshold' sets the threshold of Loss.Huber, but 'Threshold' is trained on Loss." + kind + ", so it has no effect; remove HuberDelta, or set Loss = Loss.Huber",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        // The code is that of the network without the option, down to its description.
        string without = Assert.Single(GeneratorHarness.Generate(UsingNetGen + Doc + "[Network(2, 4, 1" + (loss.Length == 0 ? string.Empty : ", " + loss.TrimEnd(',', ' ')) + ")] public partial class Threshold { }").Sources).Value;
        Assert.Equal(without, Assert.Single(run.Sources).Value);

        // With the Huber loss the threshold is used, and nothing is reported.
        (GeneratorHarness.Run huber, IReadOnlyList<Diagnostic> used) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + "[Network(2, 4, 1, Output = Activation.Identity, Loss = Loss.Huber, HuberDelta = 2.5)] public partial class Threshold { }");
        Assert.Empty(used);
        string code = Assert.Single(huber.Sources).Value;
        Assert.Contains("huberDelta: 2.5", code, StringComparison.Ordinal);
        Assert.Empty(GeneratorHarness.CompilerProblems(huber.Output));
    }

    [Theory]
    [InlineData("Activations = new[] { Activation.ReLU }", "NG0028")]                                           // wrong length
    [InlineData("Activations = new[] { (Activation)42, Activation.Sigmoid }", "NG0016")]                          // unknown value
    [InlineData("Hidden = Activation.LeakyReLU, Activations = new[] { Activation.ReLU, Activation.Sigmoid }", "NG0029")]
    public void A_LeakySlope_is_not_judged_while_the_activations_have_an_error(string layers, string error)
    {
        (_, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + "[Network(2, 4, 1, LeakySlope = 0.2, " + layers + ")] public partial class Slope { }");
        Assert.Equal(new[] { error }, diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void A_softmax_hidden_layer_in_UnrolledLayers_is_only_the_softmax_error()
    {
        (_, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + "[Network(2, 24, 4, 3, Activations = new[] { Activation.ReLU, Activation.Softmax, Activation.Softmax }, Loss = Loss.CrossEntropy, UnrolledLayers = new[] { 2 })] public partial class Twice { }");
        Assert.Equal(new[] { "NG0024" }, diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Listing_the_softmax_layer_in_UnrolledLayers_is_a_warning_and_the_other_layers_are_unrolled_as_asked()
    {
        const string Head = "[Network(2, 24, 4, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, ";
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + Head + "UnrolledLayers = new[] { 2, 3 })] public partial class Classifier { }");
        Assert.True(diagnostics.Count == 1, string.Join("\n", diagnostics));
        Diagnostic diagnostic = diagnostics[0];
        Assert.Equal("NG0037", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("UnrolledLayers = new[] { 2, 3 }", GeneratorHarness.TextAt(diagnostic));
        Assert.Equal(
            "UnrolledLayers on 'Classifier' lists layer 3, the Softmax output layer, which NetGen always computes with its vectorised softmax kernel; remove 3 from UnrolledLayers",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));

        (GeneratorHarness.Run asked, IReadOnlyList<Diagnostic> none) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + Head + "UnrolledLayers = new[] { 2 })] public partial class Classifier { }");
        Assert.Empty(none);
        // Only the comments that quote the attribute differ, and how they wrap.
        Assert.Equal(
            GeneratedText.Flat(Assert.Single(asked.Sources).Value),
            GeneratedText.Flat(Assert.Single(run.Sources).Value.Replace("new[] { 2, 3 }", "new[] { 2 }", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_problem_of_the_new_options_is_reported_together()
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            UsingNetGen + Doc + "[Network(2, 4, 1, Hidden = Activation.Tanh, Activations = new[] { Activation.Tanh }, Optimizer = Optimizer.Adam, Momentum = -1, Beta1 = 1, Epsilon = 0)] public partial class Many { }");
        Assert.Equal(new[] { "NG0028", "NG0029", "NG0031", "NG0032", "NG0033", "NG0034" }, diagnostics.Select(d => d.Id).OrderBy(i => i, System.StringComparer.Ordinal));
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam, LearningRate = 0.001, Precision = Precision.Single, Initializer = Initializer.He")]
    [InlineData("Activations = new[] { Activation.Tanh, Activation.Identity }")]
    [InlineData("Hidden = Activation.LeakyReLU, LeakySlope = 0.2, Loss = Loss.BinaryCrossEntropy, Reduction = Reduction.Sum")]
    [InlineData("Momentum = 0.9, Nesterov = true, WeightDecay = 0.0005")]
    [InlineData("Optimizer = Optimizer.AdamW, Beta1 = 0, Beta2 = 0.99, Epsilon = 1e-6, WeightDecay = 0")]
    [InlineData("Optimizer = Optimizer.Adam, Precision = Precision.Single")]
    [InlineData("Activations = null, Hidden = Activation.Tanh")]
    [InlineData("Loss = Loss.Square, Reduction = Reduction.Sum, Optimizer = Optimizer.Sgd, Hidden = Activation.Sigmoid, Output = Activation.Sigmoid, Momentum = 0, Nesterov = false, WeightDecay = 0")]
    public void Options_that_go_together_get_no_diagnostic(string options) =>
        Assert.Empty(AnalyzerOnly(UsingNetGen + Doc + "[Network(3, 4, 2, " + options + ")] public partial class Fine { }"));

    [Fact]
    public void Softmax_as_Hidden_is_not_reported_when_there_is_no_hidden_layer() =>
        Assert.Empty(AnalyzerOnly(
            UsingNetGen + Doc + "[Network(3, 2, Hidden = Activation.Softmax, Output = Activation.Softmax, Loss = Loss.CrossEntropy)] public partial class Flat { }"));

    /// <summary>The analyzer's diagnostics for a compilation of <paramref name="source"/> alone, without the generated code.</summary>
    private static IReadOnlyList<Diagnostic> AnalyzerOnly(string source) =>
        GeneratorHarness.Compilation(source)
            .WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    [Theory]
    [InlineData("NG0014", DiagnosticSeverity.Warning, "[NetGen.Network(100, 1, Unroll = NetGen.UnrollMode.Always)] public partial class WideSum { }", "a unit sums 100 inputs (more than 8)")]
    [InlineData("NG0014", DiagnosticSeverity.Warning, "[NetGen.Network(3, 9, 2, Unroll = NetGen.UnrollMode.Always)] public partial class WideHidden { }", "a unit sums 9 inputs (more than 8)")]
    [InlineData("NG0015", DiagnosticSeverity.Info, "[NetGen.Network(2, 4, 1, Unroll = NetGen.UnrollMode.Never)] public partial class TinyLoops { }", "runs faster unrolled")]
    [InlineData("NG0015", DiagnosticSeverity.Info, "[NetGen.Network(2, 4, 1, UnrolledLayers = new[] { 2 })] public partial class TinyListed { }", "asks for UnrolledLayers, which keeps the parameters in one block")]
    [InlineData("NG0023", DiagnosticSeverity.Warning, "[NetGen.Network(16, 16, 1, UnrolledLayers = new[] { 1 })] public partial class SixteenUnits { }", "lists layer 1 (16 x 16 weights, inputs x units), which NetGen's vectorised loops run faster; remove 1 from UnrolledLayers")]
    [InlineData("NG0023", DiagnosticSeverity.Warning, "[NetGen.Network(64, 2, 1, UnrolledLayers = new[] { 1 })] public partial class LongSums { }", "lists layer 1 (64 x 2 weights, inputs x units)")]
    [InlineData("NG0023", DiagnosticSeverity.Warning, "[NetGen.Network(2, 32, 32, 1, UnrolledLayers = new[] { 1 })] public partial class ManyUnits { }", "lists layer 1 (2 x 32 weights, inputs x units)")]
    public void A_forced_slow_shape_is_reported_and_still_generates(string id, DiagnosticSeverity severity, string declaration, string messagePart)
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(Doc + declaration);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.StartsWith(declaration.Contains("UnrolledLayers", System.StringComparison.Ordinal) ? "UnrolledLayers = new[] { " : "Unroll = NetGen.UnrollMode.", GeneratorHarness.TextAt(diagnostic), System.StringComparison.Ordinal);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Single(run.Sources);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
    }

    [Theory]
    [InlineData("UnrolledLayers = new[] { 2 }", "__Forward2(", true)]               // 8 → 1, within the thresholds
    [InlineData("UnrolledLayers = new int[0]", "new int[] { }", false)]             // every layer on the kernels
    [InlineData("UnrolledLayers = null", "__Forward2(", false)]                     // as if unset: the planner's choice (inference only)
    [InlineData("Unroll = NetGen.UnrollMode.Never, UnrolledLayers = new[] { 2 }", "__Backward2(", true)]
    public void UnrolledLayers_within_the_thresholds_is_taken_without_a_word(string option, string expected, bool backward)
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            Doc + "[NetGen.Network(64, 8, 1, " + option + ")] public partial class Listed { }");
        Assert.Empty(diagnostics);
        string source = Assert.Single(run.Sources).Value;
        Assert.Contains("private readonly double[] __parameters", source, System.StringComparison.Ordinal);
        Assert.Contains(expected, source, System.StringComparison.Ordinal);
        Assert.Equal(backward, source.Contains("__Backward2(", System.StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
    }

    [Fact]
    public void Class_names_that_differ_only_in_case_both_generate()
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            Doc + "[NetGen.Network(2, 1)] public partial class Net { }\n" + Doc + "[NetGen.Network(3, 1)] public partial class NET { }");
        Assert.Empty(diagnostics);
        Assert.Equal(2, run.Sources.Count);
        Assert.Equal(2, run.Sources.Keys.Select(k => k.ToUpperInvariant()).Distinct().Count());
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
    }

    [Fact]
    public void A_class_deriving_from_a_network_class_is_reported_and_the_base_still_generates()
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            Doc + "[NetGen.Network(2, 1)] public partial class Base { }\n" + Doc + "[NetGen.Network(2, 1)] public partial class Derived : Base { }");
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal("NG0011", diagnostic.Id);
        Assert.Equal("Derived", GeneratorHarness.TextAt(diagnostic));
        Assert.Equal(new[] { "Base.g.cs" }, run.Sources.Keys);
    }

    [Fact]
    public void Several_problems_of_one_class_are_all_reported()
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            Doc + "[NetGen.Network(0, 3, -1, LearningRate = -1)] public class Many { }");
        Assert.Equal(new[] { "NG0001", "NG0003", "NG0003", "NG0005" }, diagnostics.Select(d => d.Id).OrderBy(i => i));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_valid_network_gets_no_diagnostic_even_with_its_generated_members_present()
    {
        (GeneratorHarness.Run run, IReadOnlyList<Diagnostic> diagnostics) = GeneratorHarness.Analyze(
            Doc + "[NetGen.Network(2, 3, 1)] public partial class Fine { " + Doc + "public Fine(string name) : this(7) { Name = name; } " + Doc + "public string Name { get; } = \"\"; }");
        Assert.Empty(diagnostics);
        Assert.Single(run.Sources);
        Assert.Empty(GeneratorHarness.CompilerProblems(run.Output));
    }

    [Fact]
    public void Every_descriptor_is_documented_and_tracked()
    {
        string root = RepositoryRoot();
        string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "generator", "DIAGNOSTICS.md"));
        string unshipped = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "generator", "NetGen.Generator", "AnalyzerReleases.Unshipped.md"));
        string shipped = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "generator", "NetGen.Generator", "AnalyzerReleases.Shipped.md"));
        var ids = new NetworkAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (DiagnosticDescriptor d in new NetworkAnalyzer().SupportedDiagnostics)
        {
            Assert.StartsWith("NG", d.Id, System.StringComparison.Ordinal);
            Assert.Equal("NetGen", d.Category);
            Assert.Contains("## " + d.Id, docs, System.StringComparison.Ordinal);
            Assert.True(unshipped.Contains(d.Id, System.StringComparison.Ordinal) || shipped.Contains(d.Id, System.StringComparison.Ordinal), d.Id + " is not in the release-tracking files");
        }
    }

    [Fact]
    public void No_descriptor_has_a_help_link_and_each_names_its_section_of_the_reference()
    {
        // NetGen has no published address; a link would have to be invented. The description points to the doc instead.
        Assert.NotEmpty(new NetworkAnalyzer().SupportedDiagnostics);
        foreach (DiagnosticDescriptor d in new NetworkAnalyzer().SupportedDiagnostics)
        {
            Assert.True(string.IsNullOrEmpty(d.HelpLinkUri), d.Id + " links to " + d.HelpLinkUri);
            string description = d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith(d.Id + " is explained", description, System.StringComparison.Ordinal);
            Assert.Contains("DIAGNOSTICS.md", description, System.StringComparison.Ordinal);
        }
    }

    internal static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, "..", ".."));
}
