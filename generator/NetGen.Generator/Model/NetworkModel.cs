using NetGen.Generator.Parsing;

namespace NetGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network class, and nothing else: the declaration as the parser read it
/// (every option, defaults filled in) and the plan the planner made for it (the code shape and each layer's
/// straight-line passes). Plain values, so the incremental pipeline can compare two runs' models and skip the emit when
/// nothing changed. The declaration's options read through the properties below, so the emitters name them once.
/// </summary>
/// <param name="Declaration">What the class and its attribute say.</param>
/// <param name="Shape">Straight-line code or loops, as the planner chose.</param>
/// <param name="LayerPasses">
/// For a loop-shaped network, each layer's passes (layer 1 first) that are straight-line code; all
/// <see cref="Model.LayerPasses.None"/> otherwise.
/// </param>
internal sealed record NetworkModel(NetworkDeclaration Declaration, CodeShape Shape, EquatableArray<LayerPasses> LayerPasses)
{
    /// <summary>
    /// True where the compilation references NetGen's .NET Standard 2.1 build (Unity, Mono; <see cref="Planning.StandardBuild"/>):
    /// the file then names that build's stand-ins for <c>Vector256</c> and the activations on NetGen's own exp.
    /// </summary>
    public bool Standard { get; init; }

    /// <summary>The class's namespace, or null for the global namespace.</summary>
    public string? Namespace => Declaration.Namespace;

    /// <summary>The enclosing types, outermost first.</summary>
    public EquatableArray<ContainingType> ContainingTypes => Declaration.ContainingTypes;

    /// <summary>The class's name as C# source spells it.</summary>
    public string ClassName => Declaration.ClassName;

    /// <summary>Input size, hidden sizes..., output size.</summary>
    public EquatableArray<int> LayerSizes => Declaration.LayerSizes;

    /// <summary>The learning rate (the optimizer's default filled in).</summary>
    public double LearningRate => Declaration.LearningRate;

    /// <summary>The initialisation seed.</summary>
    public int Seed => Declaration.Seed;

    /// <summary>The number type.</summary>
    public Precision Precision => Declaration.Precision;

    /// <summary>How the initial weights are drawn.</summary>
    public Initializer Initializer => Declaration.Initializer;

    /// <summary>The code shape the attribute asked for.</summary>
    public UnrollMode Unroll => Declaration.Unroll;

    /// <summary>The layers the attribute's <c>UnrolledLayers</c> listed, or null when it is not set.</summary>
    public EquatableArray<int>? UnrolledLayers => Declaration.UnrolledLayers;

    /// <summary>Each weight layer's activation, layer 1 first.</summary>
    public EquatableArray<Activation> Activations => Declaration.Activations;

    /// <summary>The loss the network is trained on.</summary>
    public Loss Loss => Declaration.Loss;

    /// <summary>How a batch's losses combine (the loss's default filled in).</summary>
    public Reduction Reduction => Declaration.Reduction;

    /// <summary>The negative slope of every <see cref="Activation.LeakyReLU"/> layer.</summary>
    public double LeakySlope => Declaration.LeakySlope;

    /// <summary>The update rule and its hyper-parameters.</summary>
    public OptimizerModel Optimizer => Declaration.Optimizer;

    /// <summary>The threshold δ of <see cref="Loss.Huber"/> (1.0 for the other losses).</summary>
    public double HuberDelta => Declaration.HuberDelta;

    /// <summary>The α of every <see cref="Activation.ELU"/> layer.</summary>
    public double EluAlpha => Declaration.EluAlpha;

    /// <summary>The probability p of inverted dropout on every hidden layer's output in training steps (0: none).</summary>
    public double Dropout => Declaration.Dropout;

    /// <summary>True when training steps drop out hidden units.</summary>
    public bool HasDropout => Dropout > 0.0;

    /// <summary>True when exp and log are NetGen's own (the same bits on every machine), false for the platform's.</summary>
    public bool Deterministic => Declaration.Deterministic;

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
