using System;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Emit;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The text the emitter writes for activations, losses, reductions and optimizers other than the tutorial's, on
/// hand-built models: the header's attribute, the remarks, which members exist and the optimizer's update method as
/// both shapes call it.
/// </summary>
public class TrainingOptionsEmitterTests
{
    private static string Emit(TrainingSetup setup)
    {
        string text = GeneratedText.AssertWidth(NetworkEmitter.Emit(setup.Model(), "1.2.3.4"));
        Assert.Empty(CSharpSyntaxTree.ParseText(text).GetDiagnostics());
        return text;
    }

    [Fact]
    public void The_header_spells_the_options_that_differ_from_their_defaults()
    {
        string text = GeneratedText.Flat(Emit(TrainingSetup.Of("Net", new[] { 3, 5, 4 }, new[] { "Tanh", "Softmax" }, "CrossEntropy", "Mean", "Adam")));
        Assert.Contains(
            "from [Network(3, 5, 4, LearningRate = 0.1, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.Adam)] on Net.",
            text,
            StringComparison.Ordinal);

        text = GeneratedText.Flat(Emit(TrainingSetup.Of("Net", new[] { 2, 6, 3, 1 }, new[] { "ReLU", "LeakyReLU", "Sigmoid" }, "BinaryCrossEntropy", "Sum", "SgdMomentum")));
        Assert.Contains(
            "[Network(2, 6, 3, 1, Activations = new[] { Activation.ReLU, Activation.LeakyReLU, Activation.Sigmoid }, Loss = Loss.BinaryCrossEntropy, "
            + "Reduction = Reduction.Sum, Momentum = 0.9, Nesterov = true, WeightDecay = 0.001)]",
            text,
            StringComparison.Ordinal);

        // AdamW's default rate (0.001) and decay (0.01) and the square loss's default reduction (Sum) are not spelled.
        text = Emit(TrainingSetup.Of("Net", new[] { 2, 3, 1 }, new[] { "Sigmoid", "Identity" }, "Square", "Sum", "AdamW") with { LearningRate = 0.001 });
        Assert.Contains("[Network(2, 3, 1, Output = Activation.Identity, Optimizer = Optimizer.AdamW)]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_remarks_give_the_loss_the_reduction_and_the_update_rule_in_torch_optim_s_terms()
    {
        string text = Emit(TrainingSetup.Of("Net", new[] { 3, 5, 4 }, new[] { "Tanh", "Softmax" }, "CrossEntropy", "Mean", "AdamW"));
        string flat = GeneratedText.Flat(text);
        Assert.Contains("trained by AdamW on", flat, StringComparison.Ordinal);
        Assert.Contains("the cross-entropy of the softmax output <c>L = −Σ t · log softmax(z)</c> averaged over a batch", flat, StringComparison.Ordinal);
        Assert.Contains("divided by N, the number of samples (PyTorch's <c>reduction='mean'</c>)", flat, StringComparison.Ordinal);
        Assert.Contains("Optimizer: <c>torch.optim.AdamW(lr, betas=(0.9, 0.999), eps=1E-08, weight_decay=0.01)</c>", text, StringComparison.Ordinal);
        Assert.Contains("/// p ← p · (1 − lr · 0.01)\n", text, StringComparison.Ordinal);
        Assert.Contains("/// p ← p − lr / (1 − 0.9^t) · m / (√v / √(1 − 0.999^t) + 1E-08)\n", text, StringComparison.Ordinal);
        Assert.Contains("/// 1       3 → 5      tanh ", text, StringComparison.Ordinal);
        Assert.Contains("/// 2       5 → 4      softmax ", text, StringComparison.Ordinal);

        text = Emit(TrainingSetup.Of("Net", new[] { 2, 3, 2 }, new[] { "Sigmoid", "Sigmoid" }, "BinaryCrossEntropy", "Mean", "SgdMomentum"));
        Assert.Contains("averaged over every output of a batch", text, StringComparison.Ordinal);
        Assert.Contains("divided by N · 2, every output of the N samples", text, StringComparison.Ordinal);
        Assert.Contains("/// b ← 0.9 · b + g (b ← g on the first step)\n", text, StringComparison.Ordinal);
        Assert.Contains("/// g ← g + 0.9 · b\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_optimizer_s_update_has_the_name_and_signature_both_shapes_call()
    {
        string adam = Emit(TrainingSetup.Of("Net", new[] { 2, 3, 1 }, new[] { "Tanh", "Sigmoid" }, "Square", "Sum", "Adam"));
        Assert.Contains("private void __Update(global::System.Span<double> parameters, global::System.ReadOnlySpan<double> gradient)", adam, StringComparison.Ordinal);
        Assert.Contains("__Dense.Adam(", adam, StringComparison.Ordinal);
        Assert.Contains("__Update(p, g);", adam, StringComparison.Ordinal);
        Assert.Contains("public void ResetOptimizer()", adam, StringComparison.Ordinal);

        string single = Emit(TrainingSetup.Of("Net", new[] { 2, 3, 1 }, new[] { "Tanh", "Sigmoid" }, "Square", "Sum", "SgdMomentum", single: true));
        Assert.Contains("private void __Update(global::System.Span<float> parameters, global::System.ReadOnlySpan<float> gradient)", single, StringComparison.Ordinal);
        Assert.Contains("__Dense.Sgd(", single, StringComparison.Ordinal);

        // Plain gradient descent updates the fields in place and keeps no state, but can still be reset.
        string plain = Emit(TrainingSetup.Of("Net", new[] { 2, 3, 1 }, new[] { "Tanh", "Sigmoid" }, "Square", "Sum", "Sgd"));
        Assert.DoesNotContain("__Update", plain, StringComparison.Ordinal);
        Assert.Contains("__w1_0_0 -= rate * g[0];", plain, StringComparison.Ordinal);
        Assert.Contains("public void ResetOptimizer()", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_cross_entropy_networks_take_class_labels_and_only_the_square_loss_keeps_the_four_lane_block()
    {
        string ce = Emit(TrainingSetup.Of("Net", new[] { 3, 5, 4 }, new[] { "ReLU", "Softmax" }, "CrossEntropy", "Mean", "Sgd"));
        Assert.Contains("public double TrainStep(global::System.ReadOnlySpan<double> inputs, global::System.ReadOnlySpan<int> labels)", ce, StringComparison.Ordinal);
        Assert.Contains("public int Classify(global::System.ReadOnlySpan<double> input)", ce, StringComparison.Ordinal);
        Assert.DoesNotContain("__BackpropagateLanes", ce, StringComparison.Ordinal);
        Assert.Contains("double lse = __Math.Log(sum);", ce, StringComparison.Ordinal);

        string bce = Emit(TrainingSetup.Of("Net", new[] { 3, 5, 2 }, new[] { "ReLU", "Sigmoid" }, "BinaryCrossEntropy", "Mean", "Sgd"));
        Assert.DoesNotContain("TrainStep(global::System.ReadOnlySpan<double> inputs, global::System.ReadOnlySpan<int> labels)", bce, StringComparison.Ordinal);
        Assert.DoesNotContain("Classify(", bce, StringComparison.Ordinal);
        Assert.DoesNotContain("__BackpropagateLanes", bce, StringComparison.Ordinal);
        Assert.Contains("private static double __Log1P(double x)", bce, StringComparison.Ordinal);

        string square = Emit(TrainingSetup.Of("Net", new[] { 3, 5, 2 }, new[] { "LeakyReLU", "Identity" }, "Square", "Mean", "Sgd"));
        Assert.DoesNotContain("TrainStep(global::System.ReadOnlySpan<double> inputs, global::System.ReadOnlySpan<int> labels)", square, StringComparison.Ordinal);
        Assert.Contains(
            "private double __BackpropagateLanes(\n            global::System.ReadOnlySpan<double> inputs, global::System.ReadOnlySpan<double> targets, int samples, global::System.Span<double> g,"
            + " double scale)",
            square,
            StringComparison.Ordinal);
        Assert.DoesNotContain("using __Math", square, StringComparison.Ordinal);
    }
}
