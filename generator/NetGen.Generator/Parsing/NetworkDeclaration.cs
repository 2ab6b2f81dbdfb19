using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// What a <c>[Network]</c> class and its attribute say, read and nothing more: no plan, no code shape. Plain values
/// and no locations, so the generator's first pipeline step stays cached while the class only moves in its file.
/// </summary>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first.</param>
/// <param name="ClassName">The class's name as C# source spells it (<c>@class</c> for a class named <c>class</c>).</param>
/// <param name="LayerSizes">The sizes as written (the parser reports any below 1).</param>
/// <param name="LearningRate">The learning rate; unless set, the optimizer's (<see cref="OptimizerRule.DefaultLearningRate"/>).</param>
/// <param name="Seed">The initialisation seed, 0 unless set.</param>
/// <param name="Unroll">The code shape asked for (Auto where the value was not a member, reported).</param>
/// <param name="Precision">The number type asked for.</param>
/// <param name="Initializer">The initialiser asked for.</param>
/// <param name="UnrolledLayers">The layers <c>UnrolledLayers</c> lists, or null when it is not set.</param>
/// <param name="Activations">Each weight layer's activation, layer 1 first, from <c>Hidden</c>/<c>Output</c> or <c>Activations</c>.</param>
/// <param name="Loss">The loss.</param>
/// <param name="Reduction">The reduction, with the loss's default filled in (Sum for Square, Mean for the cross-entropies).</param>
/// <param name="LeakySlope">The negative slope of LeakyReLU layers, 0.01 unless set.</param>
/// <param name="Optimizer">The update rule and its hyper-parameters, defaults filled in.</param>
/// <param name="HuberDelta">The threshold δ of <see cref="Loss.Huber"/>, 1.0 unless set (and for the other losses).</param>
/// <param name="EluAlpha">The α of ELU layers, 1 unless set.</param>
/// <param name="Dropout">The probability of dropping a hidden unit's output in a training step, 0 (none) unless set.</param>
/// <param name="Deterministic">True where exp and log must be NetGen's own, for the same bits on every machine.</param>
internal sealed record NetworkDeclaration(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    EquatableArray<int> LayerSizes,
    double LearningRate,
    int Seed,
    UnrollMode Unroll,
    Precision Precision,
    Initializer Initializer,
    EquatableArray<int>? UnrolledLayers,
    EquatableArray<Activation> Activations,
    Loss Loss,
    Reduction Reduction,
    double LeakySlope,
    OptimizerModel Optimizer,
    double HuberDelta = OptionRules.DefaultHuberDelta,
    double EluAlpha = OptionRules.DefaultEluAlpha,
    double Dropout = 0.0,
    bool Deterministic = false)
{
    /// <summary>The class's name as diagnostics show it, without the <c>@</c> of an escaped keyword.</summary>
    public string Name => ClassName.TrimStart('@');

    /// <summary>True when every size is at least 1 and there are at least two of them.</summary>
    public bool SizesValid
    {
        get
        {
            if (LayerSizes.Count < 2)
            {
                return false;
            }

            foreach (int size in LayerSizes)
            {
                if (size < 1)
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>Where the planner's diagnostics point: the attribute, and its <c>Unroll</c> and <c>UnrolledLayers</c> arguments.</summary>
/// <param name="Attribute">The attribute (the class name when it has no syntax).</param>
/// <param name="Unroll">The <c>Unroll</c> argument, or the attribute when it is not set.</param>
/// <param name="UnrolledLayers">The <c>UnrolledLayers</c> argument, or the attribute when it is not set.</param>
internal sealed record DeclarationLocations(LocationInfo? Attribute, LocationInfo? Unroll, LocationInfo? UnrolledLayers);

/// <summary>
/// The parser's result for one class: the declaration, where its arguments are, the errors in what it says, and
/// its warnings (options that have no effect; the network is still generated). The planner adds the diagnostics
/// about the code it plans.
/// </summary>
internal sealed record ParsedNetwork(
    NetworkDeclaration Declaration, DeclarationLocations Locations, EquatableArray<DiagnosticInfo> Errors, EquatableArray<DiagnosticInfo> Warnings)
{
    /// <summary>The declaration when it has no error, so a network can be planned and emitted from it; null otherwise.</summary>
    public NetworkDeclaration? Valid => Errors.Count == 0 ? Declaration : null;
}
