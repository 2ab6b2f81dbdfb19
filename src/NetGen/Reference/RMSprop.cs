using System;
using NetGen.Runtime;

namespace NetGen.Reference;

/// <summary>
/// RMSprop as <c>torch.optim.RMSprop</c> computes it (<c>_single_tensor_rmsprop</c>: not centered, not capturable,
/// not differentiable, not maximizing), element by element and in its order of operations:
/// <code>
/// g = ∂L/∂p;  if wd ≠ 0:  g = g + wd · p             (grad.add(param, alpha=weight_decay))
/// s = s · α + ((1 − α) · g) · g                      (square_avg.mul_(alpha).addcmul_(grad, grad, value=1 − alpha))
/// avg = √s + ε                                       (square_avg.sqrt().add_(eps))
/// if μ ≠ 0:  b = b · μ + g / avg;  p = p + (−lr) · b (buf.mul_(momentum).addcdiv_(grad, avg); param.add_(buf, alpha=−lr))
/// else:      p = p + ((−lr) · g) / avg               (param.addcdiv_(grad, avg, value=−lr))
/// </code>
/// with s (<c>square_avg</c>) and b (<c>momentum_buffer</c>) starting at 0. Each operation is rounded as written, the
/// scalar definition; generated code (<see cref="Dense.RMSprop{T}"/>) fuses where the kernels fuse. s, b and the
/// parameters are stored flushed to +0 below the smallest normal double (<see cref="Arithmetic.FlushSubnormal(double)"/>),
/// as the kernels store them; PyTorch keeps subnormal values.
/// </summary>
public sealed class RMSprop : IOptimizer
{
    private readonly double[] _s; // square_avg
    private readonly double[] _b; // momentum_buffer, used only with momentum
    private double _learningRate;

    /// <summary>RMSprop for <paramref name="parameterCount"/> parameters, with PyTorch's defaults.</summary>
    /// <param name="parameterCount">How many parameters every <see cref="Step"/> updates, at least 1.</param>
    /// <param name="learningRate">The step size <c>lr</c>, finite and greater than 0 (PyTorch's default is 0.01).</param>
    /// <param name="alpha">The smoothing constant α of the square average, in [0, 1).</param>
    /// <param name="epsilon">ε, added to the denominator; finite and greater than 0.</param>
    /// <param name="weightDecay">The L2 penalty wd added to the gradient, at least 0.</param>
    /// <param name="momentum">The momentum factor μ, at least 0 (0: no buffer).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public RMSprop(int parameterCount, double learningRate = 0.01, double alpha = 0.99, double epsilon = 1e-8, double weightDecay = 0.0, double momentum = 0.0)
    {
        OptimizerGuard.Count(parameterCount);
        OptimizerGuard.LearningRate(learningRate, nameof(learningRate));
        OptimizerGuard.Beta(alpha, nameof(alpha));
        OptimizerGuard.Positive(epsilon, nameof(epsilon), "Epsilon");
        OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay), "The weight decay");
        OptimizerGuard.NonNegative(momentum, nameof(momentum), "The momentum");
        _learningRate = learningRate;
        Alpha = alpha;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Momentum = momentum;
        _s = new double[parameterCount];
        _b = new double[momentum != 0.0 ? parameterCount : 0];
    }

    /// <inheritdoc />
    public Optimizer Kind => Optimizer.RMSprop;

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

    /// <summary>α, the smoothing constant of the square average.</summary>
    public double Alpha { get; }

    /// <summary>ε, added to the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>The weight decay wd, added to the gradient as <c>wd · p</c>.</summary>
    public double WeightDecay { get; }

    /// <summary>The momentum factor μ (0: none).</summary>
    public double Momentum { get; }

    /// <summary>The number of steps taken (0 for a new or reset optimizer).</summary>
    public int Steps { get; private set; }

    /// <summary>The square average s (<c>square_avg</c>), one value per parameter.</summary>
    public ReadOnlySpan<double> SquareAverage => _s;

    /// <summary>The momentum buffer b (<c>momentum_buffer</c>), one value per parameter; empty without momentum.</summary>
    public ReadOnlySpan<double> Buffer => _b;

    /// <inheritdoc />
    public int StateLength => OptimizerStateLayout.Length(Optimizer.RMSprop, Momentum, _s.Length);

    /// <inheritdoc />
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
    {
        OptimizerGuard.Lengths(_s.Length, parameters, gradients);
        Steps++;
        double lr = _learningRate;
        double alpha = Alpha;
        double mu = Momentum;
        double wd = WeightDecay;
        for (int k = 0; k < parameters.Length; k++)
        {
            double g = gradients[k];
            if (wd != 0.0)
            {
                g = g + (wd * parameters[k]);
            }

            _s[k] = Arithmetic.FlushSubnormal((_s[k] * alpha) + (((1.0 - alpha) * g) * g));
            double avg = Math.Sqrt(_s[k]) + Epsilon;
            if (mu != 0.0)
            {
                _b[k] = Arithmetic.FlushSubnormal((_b[k] * mu) + (g / avg));
                parameters[k] = Arithmetic.FlushSubnormal(parameters[k] + (-lr * _b[k]));
            }
            else
            {
                parameters[k] = Arithmetic.FlushSubnormal(parameters[k] + ((-lr * g) / avg));
            }
        }
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_s);
        Array.Clear(_b);
        Steps = 0;
    }

    /// <summary>Copies the step count, the square average and (with momentum) the momentum buffer.</summary>
    /// <param name="destination">Exactly <see cref="StateLength"/> values, overwritten.</param>
    public void GetState(Span<double> destination)
    {
        ShapeGuard.ExactLength(destination.Length, StateLength, nameof(destination), "StateLength");
        OptimizerStateLayout.WriteStepCount(destination, Steps);
        _s.CopyTo(destination.Slice(OptimizerStateLayout.StepCountLength, _s.Length));
        _b.CopyTo(destination[(OptimizerStateLayout.StepCountLength + _s.Length)..]);
    }

    /// <summary>Replaces the step count and buffers, after checking every value.</summary>
    /// <param name="source">Exactly <see cref="StateLength"/> values.</param>
    /// <exception cref="ArgumentException">The length is wrong or a value is invalid; nothing is changed.</exception>
    public void SetState(ReadOnlySpan<double> source)
    {
        OptimizerStateLayout.Validate(source, Optimizer.RMSprop, Momentum, _s.Length, nameof(source));
        Steps = OptimizerStateLayout.ReadStepCount(source);
        source.Slice(OptimizerStateLayout.StepCountLength, _s.Length).CopyTo(_s);
        source[(OptimizerStateLayout.StepCountLength + _s.Length)..].CopyTo(_b);
    }
}
