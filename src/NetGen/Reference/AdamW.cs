using System;

namespace NetGen.Reference;

/// <summary>
/// Adam with decoupled weight decay, as <c>torch.optim.AdamW</c> computes it (<c>_single_tensor_adamw</c>): first
/// <c>p = p · (1 − lr · wd)</c> (<c>param.mul_(1 − lr * weight_decay)</c>), then the <see cref="Adam"/> step on the
/// unchanged gradient, with no decay added to it:
/// <code>
/// t = t + 1
/// p = p · (1 − lr · wd)
/// m = lerp(m, g, 1 − β1);  v = v · β2 + ((1 − β2) · g) · g
/// p = p + ((−lr / (1 − β1^t)) · m) / (√v / √(1 − β2^t) + ε)
/// </code>
/// </summary>
/// <remarks>
/// Unlike <see cref="Adam"/>'s weight decay, the decay here never enters the moments, so it is not rescaled by
/// <c>1 / (√v̂ + ε)</c> (Loshchilov and Hutter, "Decoupled Weight Decay Regularization"). PyTorch's default decay is
/// 0.01. Generated code must stay in step with this class.
/// </remarks>
public sealed class AdamW : IOptimizer
{
    private readonly Adam _adam; // the Adam step, with no decay of its own

    /// <summary>AdamW for <paramref name="parameterCount"/> parameters, with PyTorch's defaults.</summary>
    /// <param name="parameterCount">How many parameters every <see cref="Step"/> updates, at least 1.</param>
    /// <param name="learningRate">The step size <c>lr</c>, finite and greater than 0 (PyTorch's default is 0.001).</param>
    /// <param name="beta1">The first moment's decay β1, in [0, 1).</param>
    /// <param name="beta2">The second moment's decay β2, in [0, 1).</param>
    /// <param name="epsilon">ε, added to the denominator; finite and greater than 0.</param>
    /// <param name="weightDecay">The decoupled decay wd, at least 0 (PyTorch's default is 0.01).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public AdamW(int parameterCount, double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.01)
    {
        OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay), "The weight decay");
        _adam = new Adam(parameterCount, learningRate, beta1, beta2, epsilon, weightDecay: 0.0);
        WeightDecay = weightDecay;
    }

    /// <inheritdoc />
    public Optimizer Kind => Optimizer.AdamW;

    /// <inheritdoc />
    public double LearningRate
    {
        get => _adam.LearningRate;
        set => _adam.LearningRate = value;
    }

    /// <summary>β1, the first moment's decay.</summary>
    public double Beta1 => _adam.Beta1;

    /// <summary>β2, the second moment's decay.</summary>
    public double Beta2 => _adam.Beta2;

    /// <summary>ε, added to the denominator.</summary>
    public double Epsilon => _adam.Epsilon;

    /// <summary>The decoupled weight decay wd: each step first multiplies every parameter by <c>1 − lr · wd</c>.</summary>
    public double WeightDecay { get; }

    /// <summary>The number of steps taken, t (0 for a new or reset optimizer).</summary>
    public int Steps => _adam.Steps;

    /// <summary>The first moment m (<c>exp_avg</c>), one value per parameter.</summary>
    public ReadOnlySpan<double> FirstMoment => _adam.FirstMoment;

    /// <summary>The second moment v (<c>exp_avg_sq</c>), one value per parameter.</summary>
    public ReadOnlySpan<double> SecondMoment => _adam.SecondMoment;

    /// <inheritdoc />
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
    {
        OptimizerGuard.Lengths(_adam.FirstMoment.Length, parameters, gradients);
        double decay = 1.0 - (_adam.LearningRate * WeightDecay);
        for (int k = 0; k < parameters.Length; k++)
        {
            parameters[k] = parameters[k] * decay;
        }

        _adam.Step(parameters, gradients);
    }

    /// <inheritdoc />
    public void Reset() => _adam.Reset();

    /// <inheritdoc />
    public int StateLength => _adam.StateLength;

    /// <summary>Copies the step count, the first moment and the second moment: 2 + 2P values, laid out as <see cref="Adam"/>'s.</summary>
    /// <param name="destination">Exactly <see cref="StateLength"/> values, overwritten.</param>
    public void GetState(Span<double> destination) => _adam.GetState(destination);

    /// <summary>Replaces the step count, the first moment and the second moment, after checking every value.</summary>
    /// <param name="source">Exactly <see cref="StateLength"/> values.</param>
    /// <exception cref="ArgumentException">The length is wrong or a value is invalid; nothing is changed.</exception>
    public void SetState(ReadOnlySpan<double> source) => _adam.SetState(source);
}
