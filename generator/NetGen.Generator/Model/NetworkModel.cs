namespace NetGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network class, and nothing else: plain values, so the
/// incremental pipeline can compare two runs' models and skip the emit when nothing changed.
/// </summary>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first.</param>
/// <param name="ClassName">The class's name.</param>
/// <param name="LayerSizes">Input size, hidden sizes..., output size.</param>
/// <param name="LearningRate">The attribute's learning rate.</param>
/// <param name="Seed">The attribute's initialisation seed.</param>
/// <param name="Shape">Straight-line code or loops, as the planner chose.</param>
/// <param name="Precision">The number type: <c>double</c> or <c>float</c>.</param>
/// <param name="Initializer">How the initial weights are drawn.</param>
/// <param name="Unroll">The code shape the attribute asked for.</param>
/// <param name="LayerPasses">
/// For a loop-shaped network, each layer's passes (layer 1 first) that are straight-line code; all
/// <see cref="Model.LayerPasses.None"/> otherwise.
/// </param>
/// <param name="UnrolledLayers">The layers the attribute's <c>UnrolledLayers</c> listed, or null when it is not set.</param>
/// <param name="Activations">Each weight layer's activation, layer 1 first.</param>
/// <param name="Loss">The loss the network is trained on.</param>
/// <param name="Reduction">How a batch's losses combine (the default for the loss already filled in).</param>
/// <param name="LeakySlope">The negative slope of every <see cref="Activation.LeakyReLU"/> layer.</param>
/// <param name="Optimizer">The update rule and its hyper-parameters.</param>
/// <param name="HuberDelta">The threshold δ of <see cref="Loss.Huber"/> (1.0 for the other losses).</param>
/// <param name="EluAlpha">The α of every <see cref="Activation.ELU"/> layer.</param>
/// <param name="Dropout">The probability p of inverted dropout on every hidden layer's output in training steps (0: none).</param>
internal sealed record NetworkModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    EquatableArray<int> LayerSizes,
    double LearningRate,
    int Seed,
    CodeShape Shape,
    Precision Precision,
    Initializer Initializer,
    UnrollMode Unroll,
    EquatableArray<LayerPasses> LayerPasses,
    EquatableArray<int>? UnrolledLayers,
    EquatableArray<Activation> Activations,
    Loss Loss,
    Reduction Reduction,
    double LeakySlope,
    OptimizerModel Optimizer,
    double HuberDelta = 1.0,
    double EluAlpha = 1.0,
    double Dropout = 0.0)
{
    /// <summary>True when training steps drop out hidden units.</summary>
    public bool HasDropout => Dropout > 0.0;

    /// <summary>True for <c>float</c>, false for <c>double</c>.</summary>
    public bool SinglePrecision => Precision == Precision.Single;

    /// <summary>The file name of the generated source: the fully qualified name, then <c>.g.cs</c>.</summary>
    public string HintName
    {
        get
        {
            var name = new System.Text.StringBuilder();
            if (Namespace is not null)
            {
                name.Append(Namespace).Append('.');
            }

            foreach (ContainingType type in ContainingTypes)
            {
                name.Append(type.Name).Append('.');
            }

            return name.Append(ClassName).Append(".g.cs").Replace("@", string.Empty).ToString();
        }
    }

    /// <summary>Eight hex digits of FNV-1a over the exact hint name, to tell apart names that differ only in case.</summary>
    public string NameHash
    {
        get
        {
            uint hash = 2166136261;
            foreach (char c in HintName)
            {
                hash = unchecked((hash ^ c) * 16777619);
            }

            return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>An enclosing type, re-declared as <c>partial</c> around the generated class.</summary>
/// <param name="Keyword">class, struct, interface, record or record struct.</param>
/// <param name="Name">The type's name.</param>
internal sealed record ContainingType(string Keyword, string Name);
