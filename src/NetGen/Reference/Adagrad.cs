using System;
using NetGen.Runtime;

namespace NetGen.Reference;

/// <summary>
/// Adagrad as <c>torch.optim.Adagrad</c> computes it (<c>_single_tensor_adagrad</c> with <c>lr_decay = 0</c> and
/// <c>initial_accumulator_value = 0</c>; dense, not maximizing), element by element and in its order of operations:
/// <code>
/// t = t + 1;  clr = lr / (1 + (t − 1) · 0) = lr
/// g = ∂L/∂p;  if wd ≠ 0:  g = g + wd · p             (grad.add(param, alpha=weight_decay))
/// s = s + g · g                                      (state_sum.addcmul_(grad, grad, value=1))
/// std = √s + ε                                       (state_sum.sqrt().add_(eps))
/// p = p + ((−clr) · g) / std                         (param.addcdiv_(grad, std, value=−clr))
/// </code>
/// with s (<c>sum</c>) starting at 0. Each operation is rounded as written; generated code
/// (<see cref="Dense.Adagrad{T}"/>) fuses where the kernels fuse. s and the parameters are stored flushed to +0 below
/// the smallest normal double (<see cref="Arithmetic.FlushSubnormal(double)"/>), as the kernels store them; PyTorch
/// keeps subnormal values.
/// </summary>
public sealed class Adagrad : IOptimizer
{
    private readonly double[] _s; // sum
    private double _learningRate;

    /// <summary>Adagrad for <paramref name="parameterCount"/> parameters, with PyTorch's defaults.</summary>
    /// <param name="parameterCount">How many parameters every <see cref="Step"/> updates, at least 1.</param>
    /// <param name="learningRate">The step size <c>lr</c>, finite and greater than 0 (PyTorch's default is 0.01).</param>
    /// <param name="epsilon">ε, added to the denominator; finite and greater than 0.</param>
    /// <param name="weightDecay">The L2 penalty wd added to the gradient, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public Adagrad(int parameterCount, double learningRate = 0.01, double epsilon = 1e-10, double weightDecay = 0.0)
    {
        OptimizerGuard.Count(parameterCount);
        OptimizerGuard.LearningRate(learningRate, nameof(learningRate));
        OptimizerGuard.Positive(epsilon, nameof(epsilon), "Epsilon");
        OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay), "The weight decay");
        _learningRate = learningRate;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        _s = new double[parameterCount];
    }

    /// <inheritdoc />
    public Optimizer Kind => Optimizer.Adagrad;

    /// <inheritdoc />
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            OptimizerGuard.LearningRate(value, nameof(value));
            _learningRate = value;
        }
    }

    /// <summary>ε, added to the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>The weight decay wd, added to the gradient as <c>wd · p</c>.</summary>
    public double WeightDecay { get; }

    /// <summary>The number of steps taken, t (0 for a new or reset optimizer).</summary>
    public int Steps { get; private set; }

    /// <summary>The sum of squared gradients s (<c>sum</c>), one value per parameter.</summary>
    public ReadOnlySpan<double> Sum => _s;

    /// <inheritdoc />
    public int StateLength => OptimizerStateLayout.Length(Optimizer.Adagrad, 0.0, _s.Length);

    /// <inheritdoc />
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
    {
        OptimizerGuard.Lengths(_s.Length, parameters, gradients);
        Steps++;
        double clr = _learningRate; // lr / (1 + (t − 1) · lr_decay) with lr_decay = 0
        double wd = WeightDecay;
        for (int k = 0; k < parameters.Length; k++)
        {
            double g = gradients[k];
            if (wd != 0.0)
            {
                g = g + (wd * parameters[k]);
            }

            _s[k] = Arithmetic.FlushSubnormal(_s[k] + (g * g));
            double std = Math.Sqrt(_s[k]) + Epsilon;
            parameters[k] = Arithmetic.FlushSubnormal(parameters[k] + ((-clr * g) / std));
        }
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_s);
        Steps = 0;
    }

    /// <summary>Copies the step count and the sum of squares: 2 + P values.</summary>
    /// <param name="destination">Exactly <see cref="StateLength"/> values, overwritten.</param>
    public void GetState(Span<double> destination)
    {
        ShapeGuard.ExactLength(destination.Length, StateLength, nameof(destination), "StateLength");
        OptimizerStateLayout.WriteStepCount(destination, Steps);
        _s.CopyTo(destination[OptimizerStateLayout.StepCountLength..]);
    }

    /// <summary>Replaces the step count and the sum of squares, after checking every value.</summary>
    /// <param name="source">Exactly <see cref="StateLength"/> values.</param>
    /// <exception cref="ArgumentException">The length is wrong or a value is invalid; nothing is changed.</exception>
    public void SetState(ReadOnlySpan<double> source)
    {
        OptimizerStateLayout.Validate(source, Optimizer.Adagrad, 0.0, _s.Length, nameof(source));
        Steps = OptimizerStateLayout.ReadStepCount(source);
        source[OptimizerStateLayout.StepCountLength..].CopyTo(_s);
    }
}
