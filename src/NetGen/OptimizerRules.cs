using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>The hyper-parameters an optimizer may use, as the <c>[Network]</c> attribute names them.</summary>
[Flags]
internal enum HyperParameters
{
    None = 0,
    Momentum = 1,
    Nesterov = 2,
    Beta1 = 4,
    Beta2 = 8,
    Epsilon = 16,
    WeightDecay = 32,
    Alpha = 64,
}

/// <summary>
/// One per-parameter buffer of an optimizer's state, in the order the flat state holds them after the step count.
/// </summary>
/// <param name="Name">What it holds, in words: <c>the first moment m</c>.</param>
/// <param name="Field">The generated class's field that holds it.</param>
/// <param name="Short">Its symbol in comments: <c>m</c>.</param>
/// <param name="NonNegative">True when every value is at least 0 (a running sum or mean of squares).</param>
/// <param name="WithMomentumOnly">True when the buffer exists only with a momentum factor other than 0.</param>
internal sealed record OptimizerBuffer(string Name, string Field, string Short, bool NonNegative, bool WithMomentumOnly);

/// <summary>
/// What NetGen knows of one optimizer apart from its arithmetic, in one place for the generator and the runtime:
/// its <c>torch.optim</c> class, the hyper-parameters it uses, its defaults, and the buffers of its state.
/// </summary>
internal sealed class OptimizerRule
{
    private OptimizerRule(Optimizer kind, string torchName, double learningRate, double epsilon, double weightDecay, HyperParameters uses, params OptimizerBuffer[] buffers)
    {
        Kind = kind;
        TorchName = torchName;
        DefaultLearningRate = learningRate;
        DefaultEpsilon = epsilon;
        DefaultWeightDecay = weightDecay;
        Uses = uses;
        Buffers = buffers;
    }

    /// <summary>SGD's momentum buffer, which RMSprop keeps too.</summary>
    private static readonly OptimizerBuffer MomentumBuffer = new("the momentum buffer", "__momentumBuffer", "b", NonNegative: false, WithMomentumOnly: true);

    /// <summary>Every optimizer, in the order of the enum.</summary>
    public static IReadOnlyList<OptimizerRule> All { get; } = new[]
    {
        new OptimizerRule(
            Optimizer.Sgd, "SGD", 0.1, 1e-8, 0.0,
            HyperParameters.Momentum | HyperParameters.Nesterov | HyperParameters.WeightDecay,
            MomentumBuffer),
        new OptimizerRule(
            Optimizer.Adam, "Adam", 0.001, 1e-8, 0.0,
            HyperParameters.Beta1 | HyperParameters.Beta2 | HyperParameters.Epsilon | HyperParameters.WeightDecay,
            new OptimizerBuffer("the first moment m", "__m", "m", false, false),
            new OptimizerBuffer("the second moment v", "__v", "v", true, false)),
        new OptimizerRule(
            Optimizer.AdamW, "AdamW", 0.001, 1e-8, 0.01,
            HyperParameters.Beta1 | HyperParameters.Beta2 | HyperParameters.Epsilon | HyperParameters.WeightDecay,
            new OptimizerBuffer("the first moment m", "__m", "m", false, false),
            new OptimizerBuffer("the second moment v", "__v", "v", true, false)),
        new OptimizerRule(
            Optimizer.RMSprop, "RMSprop", 0.01, 1e-8, 0.0,
            HyperParameters.Alpha | HyperParameters.Epsilon | HyperParameters.Momentum | HyperParameters.WeightDecay,
            new OptimizerBuffer("the square average s", "__squareAverage", "s", true, false),
            MomentumBuffer),
        new OptimizerRule(
            Optimizer.Adagrad, "Adagrad", 0.01, 1e-10, 0.0,
            HyperParameters.Epsilon | HyperParameters.WeightDecay,
            new OptimizerBuffer("the sum of squares s", "__sum", "s", true, false)),
    };

    /// <summary>Which optimizer.</summary>
    public Optimizer Kind { get; }

    /// <summary>The class's name in <c>torch.optim</c>.</summary>
    public string TorchName { get; }

    /// <summary>The learning rate when none is set: PyTorch's, except 0.1 for SGD (the tutorial's; PyTorch has none).</summary>
    public double DefaultLearningRate { get; }

    /// <summary>ε when none is set (PyTorch's); the optimizers without one keep Adam's, which changes nothing.</summary>
    public double DefaultEpsilon { get; }

    /// <summary>The weight decay when none is set (PyTorch's).</summary>
    public double DefaultWeightDecay { get; }

    /// <summary>The hyper-parameters the update reads; the others are ignored.</summary>
    public HyperParameters Uses { get; }

    /// <summary>Every buffer the state may hold, in the order of the flat state (see <see cref="BuffersFor"/>).</summary>
    public IReadOnlyList<OptimizerBuffer> Buffers { get; }

    /// <summary>The rule of <paramref name="kind"/>, or null when it is not an optimizer NetGen knows.</summary>
    public static OptimizerRule? Find(Optimizer kind) => (int)kind >= 0 && (int)kind < All.Count ? All[(int)kind] : null;

    /// <summary>The rule of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not an optimizer NetGen knows.</exception>
    public static OptimizerRule For(Optimizer kind) =>
        Find(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer.");

    /// <summary>Whether the update reads <paramref name="option"/>.</summary>
    public bool Reads(HyperParameters option) => (Uses & option) != 0;

    /// <summary>The buffers the state holds for a momentum factor <paramref name="momentum"/>, in order.</summary>
    public IReadOnlyList<OptimizerBuffer> BuffersFor(double momentum)
    {
        var kept = new List<OptimizerBuffer>();
        foreach (OptimizerBuffer buffer in Buffers)
        {
            if (!buffer.WithMomentumOnly || momentum != 0.0)
            {
                kept.Add(buffer);
            }
        }

        return kept;
    }

    /// <summary>
    /// Why <paramref name="option"/> (Momentum or Nesterov) cannot go with <paramref name="kind"/>, and what to change:
    /// the words of NG0034 and of <c>NetworkDescription</c>'s exception.
    /// </summary>
    public static string MomentumMessage(Optimizer kind, string option) =>
        option + " belongs to " + Readers(option == "Nesterov" ? HyperParameters.Nesterov : HyperParameters.Momentum) + ", not Optimizer." + kind
        + (kind is Optimizer.Adam or Optimizer.AdamW ? " (Adam's running mean of the gradient is set by Beta1)" : string.Empty)
        + "; remove " + option + ", or use " + (option == "Nesterov" ? "Optimizer.Sgd" : "one of those optimizers") + ".";

    /// <summary>The optimizers that read <paramref name="option"/>, as <c>Optimizer.Sgd and Optimizer.RMSprop</c>.</summary>
    public static string Readers(HyperParameters option)
    {
        var names = new List<string>();
        foreach (OptimizerRule rule in All)
        {
            if (rule.Reads(option))
            {
                names.Add("Optimizer." + rule.Kind);
            }
        }

        return names.Count == 1 ? names[0] : string.Join(", ", names.GetRange(0, names.Count - 1)) + " and " + names[names.Count - 1];
    }
}
