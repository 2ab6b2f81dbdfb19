using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Emit;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// No line of a generated file is wider than 160 characters: not in the accepted snapshots, not in a network of any
/// shape, precision, activation, loss, optimizer or dropout (the harness checks every file the other tests generate
/// as well); and breaking a line only moves whitespace.
/// </summary>
public class LineWidthTests
{
    private static readonly string[] Activations = { "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "Identity", "GELU", "SiLU", "ELU" };

    /// <summary>Each loss with an output activation it takes.</summary>
    private static readonly (string Loss, string Output)[] Losses =
    {
        ("Square", "Sigmoid"), ("MeanSquaredError", "Tanh"), ("L1", "Identity"), ("Huber", "Identity"),
        ("CrossEntropy", "Softmax"), ("BinaryCrossEntropy", "Sigmoid"),
    };

    /// <summary>Each optimizer with every hyper-parameter it reads set away from its default.</summary>
    private static readonly string[] Optimizers =
    {
        "Optimizer = NetGen.Optimizer.Sgd",
        "Optimizer = NetGen.Optimizer.Sgd, Momentum = 0.875, Nesterov = true, WeightDecay = 0.000125",
        "Optimizer = NetGen.Optimizer.Adam, Beta1 = 0.85, Beta2 = 0.9995, Epsilon = 1.25e-7, WeightDecay = 0.0625",
        "Optimizer = NetGen.Optimizer.AdamW, Beta1 = 0.85, Beta2 = 0.9995, Epsilon = 1.25e-7, WeightDecay = 0.0625",
        "Optimizer = NetGen.Optimizer.RMSprop, Alpha = 0.95, Momentum = 0.5, Epsilon = 1.25e-7, WeightDecay = 0.0625",
        "Optimizer = NetGen.Optimizer.Adagrad, Epsilon = 1.25e-7, WeightDecay = 0.0625",
    };

    [Fact]
    public void No_accepted_snapshot_has_a_line_wider_than_160_characters()
    {
        string[] snapshots = Directory.GetFiles(SnapshotDirectory(), "*.verified.cs");
        Assert.NotEmpty(snapshots);
        foreach (string snapshot in snapshots)
        {
            GeneratedText.AssertWidth(File.ReadAllText(snapshot), Path.GetFileName(snapshot));
        }
    }

    [Theory]
    [InlineData("Always", "Double")]
    [InlineData("Always", "Single")]
    [InlineData("Never", "Double")]
    [InlineData("Never", "Single")]
    public void No_generated_network_has_a_line_wider_than_160_characters(string unroll, string precision)
    {
        // Wide layers (long sums and gradient rows), straight-line layers in the loop shape, a deep namespace and long
        // class names, and options that all differ from their defaults (a long header and remarks).
        string sizes = unroll == "Always" ? "20, 8, 8, 3" : "40, 16, 12, 4";
        string common = "Unroll = NetGen.UnrollMode." + unroll + ", Precision = NetGen.Precision." + precision
            + ", Seed = 123456789, Initializer = NetGen.Initializer.Xavier" + (unroll == "Never" ? ", UnrolledLayers = new[] { 2, 3 }" : string.Empty);
        var classes = new List<string>();
        int n = 0;
        void Add(string options, bool dropout) =>
            classes.Add("/// <summary>x</summary>\n[NetGen.Network(" + sizes + ", " + common + ", " + options
                + (dropout ? ", Dropout = 0.375" : string.Empty) + ")]\npublic partial class ANetworkWithAVeryLongNameIndeed" + n++ + " { }");

        // Every activation in every position, each loss with each reduction, each optimizer, with and without dropout.
        for (int i = 0; i < Activations.Length; i++)
        {
            string layers = string.Join(", ", Enumerable.Range(i, 3).Select(k => "NetGen.Activation." + Activations[k % Activations.Length]));
            Add("Activations = new[] { " + layers + " }, LeakySlope = 0.0625, EluAlpha = 0.75, LearningRate = 0.000123456789", i % 2 == 0);
        }

        for (int i = 0; i < Losses.Length; i++)
        {
            (string loss, string output) = Losses[i];
            Add("Hidden = NetGen.Activation.Tanh, Output = NetGen.Activation." + output + ", Loss = NetGen.Loss." + loss
                + ", Reduction = NetGen.Reduction." + (i % 2 == 0 ? "Sum" : "Mean") + (loss == "Huber" ? ", HuberDelta = 0.3125" : string.Empty), i % 2 == 1);
        }

        for (int i = 0; i < Optimizers.Length; i++)
        {
            Add("Output = NetGen.Activation.Softmax, Loss = NetGen.Loss.CrossEntropy, " + Optimizers[i], i % 2 == 0);
        }

        string source = "namespace Samples.A.Rather.Deeply.Nested.Namespace.For.Testing.How.Wide.Lines.Get\n{\n"
            + "/// <summary>x</summary>\npublic partial class AnOuterClassWithALongName\n{\n" + string.Join("\n", classes) + "\n}\n}\n";
        GeneratorHarness.Run run = GeneratorHarness.Generate(source); // fails on a wide line of any generated file
        Assert.Equal(classes.Count, run.Sources.Count);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        // Broken lines are still C# (the other tests compile and run generated networks; compiling these too would be slow).
        Assert.All(run.Sources.Values, text => Assert.Empty(CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions).GetDiagnostics()));
        Assert.Contains(run.Sources.Values, text => text.Split('\n').Any(line => line.Length > 150)); // the test does reach the limit
    }

    [Fact]
    public void A_broken_statement_keeps_its_tokens_and_breaks_nowhere_inside_a_string()
    {
        string call = "loss += __Dense.OutputDelta<double>(a2, t, d2, scale, global::NetGen.Activation.Sigmoid, 0.0, global::NetGen.Loss.MeanSquaredError, 1.0, "
            + "\"a, b + c, (d)\", 'x', first + second - third);";
        List<string> lines = LineBreaker.Code(call, 60, 4);
        Assert.True(lines.Count > 1);
        Assert.All(lines.Take(lines.Count - 1), line => Assert.True(line.Length <= 60, line));
        Assert.Equal(Regex.Replace(call, @"\s+", string.Empty), Regex.Replace(string.Concat(lines), @"\s+", string.Empty));
        Assert.Contains(lines, line => line.Contains("\"a, b + c, (d)\"", StringComparison.Ordinal));

        // At the shallowest nesting first: the arguments go to the next line rather than a sum inside one of them.
        Assert.Equal(
            new[] { "var a2_0 = __VectorActivations.Sigmoid(", "__All(w0) * a1_0 + __All(w1) * a1_1 + __All(b));" },
            LineBreaker.Code("var a2_0 = __VectorActivations.Sigmoid(__All(w0) * a1_0 + __All(w1) * a1_1 + __All(b));", 70, 4));
    }

    [Fact]
    public void Long_comments_wrap_between_words_and_keep_xml_tags_and_formulas_whole()
    {
        var w = new IndentedWriter();
        w.Line("/// <summary>" + string.Concat(Enumerable.Repeat("The loss of a batch and <see cref=\"Forward\"/> with <c>a_l = σ(W_lᵀ · a_(l−1) + b_l)</c>. ", 3)) + "</summary>");
        w.Line("// A comment " + string.Concat(Enumerable.Repeat("that runs on, with e_j = a_j − t_j, ", 6)) + "and ends.");
        string[] lines = w.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal("/// <summary>", lines[0]);
        Assert.Contains("/// </summary>", lines);
        Assert.All(lines, line => Assert.True(line.Length <= IndentedWriter.ProseWidth, line));
        Assert.All(lines, line => Assert.StartsWith("//", line, StringComparison.Ordinal));
        string text = GeneratedText.Flat(w.ToString());
        Assert.Contains("<see cref=\"Forward\"/>", text, StringComparison.Ordinal);
        Assert.Contains("<c>a_l = σ(W_lᵀ · a_(l−1) + b_l)</c>", string.Join("\n", lines), StringComparison.Ordinal);
        Assert.Contains("e_j = a_j − t_j", string.Join("\n", lines), StringComparison.Ordinal);
    }

    private static string SnapshotDirectory([CallerFilePath] string file = "") => Path.Combine(Path.GetDirectoryName(file)!, "Snapshots");
}
