namespace NetGen.Generator.Model;

/// <summary>
/// The update rule and its hyper-parameters, as torch.optim names them, with every default filled in: plain gradient
/// descent (<see cref="Optimizer.Sgd"/>, no momentum, no decay) is the tutorial's.
/// </summary>
/// <param name="Kind">The optimizer (see <see cref="OptimizerRule"/>).</param>
/// <param name="Momentum">SGD's and RMSprop's momentum μ (0: none).</param>
/// <param name="Nesterov">SGD's Nesterov momentum (needs μ &gt; 0).</param>
/// <param name="Beta1">Adam's β1, in [0, 1).</param>
/// <param name="Beta2">Adam's β2, in [0, 1).</param>
/// <param name="Epsilon">ε of Adam, AdamW, RMSprop and Adagrad, added after the square root; greater than 0.</param>
/// <param name="WeightDecay">The weight decay: decoupled for AdamW, added to the gradient for the others.</param>
/// <param name="Alpha">RMSprop's smoothing constant α, in [0, 1).</param>
internal sealed record OptimizerModel(
    Optimizer Kind,
    double Momentum,
    bool Nesterov,
    double Beta1,
    double Beta2,
    double Epsilon,
    double WeightDecay,
    double Alpha)
{
    /// <summary>The tutorial's rule: <c>p -= η · ∂L/∂p</c>.</summary>
    public static readonly OptimizerModel PlainSgd = new(
        Optimizer.Sgd, 0.0, false, OptionRules.DefaultBeta1, OptionRules.DefaultBeta2, OptimizerRule.For(Optimizer.Sgd).DefaultEpsilon, 0.0, OptionRules.DefaultAlpha);

    /// <summary>True for plain gradient descent with no momentum and no decay, which needs no optimizer state.</summary>
    public bool IsPlainSgd => Kind == Optimizer.Sgd && Momentum == 0.0 && WeightDecay == 0.0;
}
