using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// What every part of the emitter shares while it writes one network: the model, its topology, the writer, the
/// generated number type and its span types, the <c>[GeneratedCode]</c> attribute, the plan of straight-line passes,
/// and the descriptors of the activations and the loss.
/// </summary>
internal sealed class EmitContext
{
    public EmitContext(NetworkModel model, string generatorVersion, IndentedWriter writer)
    {
        Model = model;
        GeneratorVersion = generatorVersion;
        Writer = writer;
        Net = new NetworkGeometry(model.LayerSizes.AsSpan().ToArray());
        Single = model.SinglePrecision;
        Number = Single ? "float" : "double";
        SpanType = "global::System.Span<" + Number + ">";
        ReadOnlySpanType = "global::System.ReadOnlySpan<" + Number + ">";
        GeneratedCodeAttribute =
            "[global::System.CodeDom.Compiler.GeneratedCode(\"" + Parsing.NetworkParser.GeneratorName + "\", \"" + generatorVersion + "\")]";
        _passes = model.LayerPasses.AsSpan().ToArray();
        _activations = model.Activations.Select(ActivationDescriptor.For).ToArray();
        Loss = LossDescriptor.For(model.Loss, model.HuberDelta);
    }

    private readonly LayerPasses[] _passes;
    private readonly ActivationDescriptor[] _activations;

    public NetworkModel Model { get; }

    public string GeneratorVersion { get; }

    public IndentedWriter Writer { get; }

    public NetworkGeometry Net { get; }

    /// <summary>True when the network computes in <c>float</c>.</summary>
    public bool Single { get; }

    /// <summary>The number type of the generated code: <c>double</c> or <c>float</c>.</summary>
    public string Number { get; }

    /// <summary><c>global::System.Span&lt;double&gt;</c> (or of float).</summary>
    public string SpanType { get; }

    /// <summary><c>global::System.ReadOnlySpan&lt;double&gt;</c> (or of float).</summary>
    public string ReadOnlySpanType { get; }

    /// <summary>The attribute line above every generated member.</summary>
    public string GeneratedCodeAttribute { get; }

    /// <summary>The loss the network trains on.</summary>
    public LossDescriptor Loss { get; }

    /// <summary>True for the loop shape (one parameter block, kernels), false for the unrolled shape.</summary>
    public bool Loops => Model.Shape == CodeShape.Loops;

    /// <summary>Samples per vector in the unrolled batch loop: a 256-bit vector holds four doubles or eight floats.</summary>
    public int Lanes => Single ? 8 : 4;

    /// <summary>The activation of layer <paramref name="layer"/> (1-based).</summary>
    public ActivationDescriptor Activation(int layer) => _activations[layer - 1];

    /// <summary>Every distinct activation of the network, in layer order.</summary>
    public IEnumerable<ActivationDescriptor> DistinctActivations => _activations.Distinct();

    /// <summary>A literal of the number type: <c>0.5</c> or <c>0.5f</c>.</summary>
    public string Literal(double value) => Literals.Literal(value, Single);

    /// <summary>The number type's zero literal.</summary>
    public string Zero => Literal(0.0);

    /// <summary>Forward and Predict run layer <paramref name="l"/> in straight-line code (loop shape).</summary>
    public bool StraightInference(int l) => (_passes[l - 1] & LayerPasses.Inference) != 0;

    /// <summary>Training runs layer <paramref name="l"/> (forward over a chunk, gradient, δ) in straight-line code (loop shape).</summary>
    public bool StraightTraining(int l) => (_passes[l - 1] & LayerPasses.Training) != 0;

    /// <summary>Layer <paramref name="l"/> has a straight-line forward method (used by inference, training or both).</summary>
    public bool StraightForward(int l) => _passes[l - 1] != LayerPasses.None;

    /// <summary>Writes the <c>[GeneratedCode]</c> attribute line.</summary>
    public void GeneratedCode() => Writer.Line(GeneratedCodeAttribute);

    /// <summary>The leaky ReLU slope as a literal of the number type (what every leaky ReLU layer uses).</summary>
    public string Slope => Literal(Model.LeakySlope);

    /// <summary>ELU's α as a literal of the number type (what every ELU layer uses).</summary>
    public string EluAlpha => Literal(Model.EluAlpha);

    /// <summary>How a batch's losses combine (the loss's default already filled in).</summary>
    public Reduction Reduction => Model.Reduction;

    /// <summary>The update rule and its hyper-parameters.</summary>
    public OptimizerModel Optimizer => Model.Optimizer;

    /// <summary>What the emitters write about the optimizer.</summary>
    public OptimizerDescriptor OptimizerText => _optimizerText ??= OptimizerDescriptor.For(Model.Optimizer);

    private OptimizerDescriptor? _optimizerText;
}
