using System;
using NetGen.Runtime;

namespace NetGen.Reference;

/// <summary>
/// Stochastic gradient descent as <c>torch.optim.SGD</c> (<c>_single_tensor_sgd</c>, dampening 0, not maximizing)
/// computes it, element by element and in its order of operations:
/// <code>
/// g = ∂L/∂p
/// if wd ≠ 0:  g = g + wd · p                        (coupled weight decay)
/// if μ ≠ 0:   buf = g (a copy) on the first step, buf = μ · buf + g afterwards
///             g = g + μ · buf  if nesterov, else  g = buf
/// p = p − lr · g
/// </code>
/// With μ = 0 and wd = 0 this is the tutorial's plain gradient descent <c>p = p − lr · g</c>.
/// </summary>
/// <remarks>
/// PyTorch's momentum buffer starts as the first gradient itself, not as 0 and not scaled by <c>1 − dampening</c>,
/// and the step size multiplies the whole velocity (not the gradient inside it, as in Sutskever et al.).
/// With momentum or weight decay, the buffer and the parameters are stored flushed to +0 below the smallest normal
/// double (<see cref="Arithmetic.FlushSubnormal(double)"/>), as NetGen's kernels store them; plain gradient descent
/// stores its result as computed. Generated code must stay in step with this class.
/// </remarks>
public sealed class Sgd : IOptimizer
{
    private readonly double[] _buffer; // the momentum buffer, allocated once
    private double _learningRate;

    /// <summary>SGD for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">How many parameters every <see cref="Step"/> updates, at least 1.</param>
    /// <param name="learningRate">The step size <c>lr</c>, finite and greater than 0.</param>
    /// <param name="momentum">The momentum factor μ, at least 0 (0 = no momentum).</param>
    /// <param name="nesterov">Nesterov momentum; needs <paramref name="momentum"/> greater than 0.</param>
    /// <param name="weightDecay">The L2 penalty wd added to the gradient, at least 0.</param>
    /// <exception cref="ArgumentException">A value is out of range, or Nesterov is asked for without momentum.</exception>
    public Sgd(int parameterCount, double learningRate, double momentum = 0.0, bool nesterov = false, double weightDecay = 0.0)
    {
        OptimizerGuard.Count(parameterCount);
        OptimizerGuard.LearningRate(learningRate, nameof(learningRate));
        OptimizerGuard.NonNegative(momentum, nameof(momentum), "The momentum");
        OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay), "The weight decay");
        if (nesterov && momentum == 0.0)
        {
            throw new ArgumentException("Nesterov momentum needs a momentum greater than 0.", nameof(nesterov));
        }

        _learningRate = learningRate;
        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        _buffer = new double[parameterCount];
    }

    /// <inheritdoc />
    public Optimizer Kind => Optimizer.Sgd;

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

    /// <summary>The momentum factor μ.</summary>
    public double Momentum { get; }

    /// <summary>Whether the momentum is Nesterov's.</summary>
    public bool Nesterov { get; }

    /// <summary>The weight decay wd (an L2 penalty added to the gradient).</summary>
    public double WeightDecay { get; }

    /// <summary>The momentum buffer, one value per parameter (all 0 before the first step).</summary>
    public ReadOnlySpan<double> Buffer => _buffer;

    /// <summary>The number of steps taken (0 for a new or reset optimizer); the buffer holds a gradient once it is 1.</summary>
    public int Steps { get; private set; }

    /// <inheritdoc />
    public int StateLength => OptimizerStateLayout.Length(Optimizer.Sgd, Momentum, _buffer.Length);

    /// <inheritdoc />
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
    {
        OptimizerGuard.Lengths(_buffer.Length, parameters, gradients);
        double lr = _learningRate;
        double mu = Momentum;
        double wd = WeightDecay;
        for (int k = 0; k < parameters.Length; k++)
        {
            double g = gradients[k];
            if (wd != 0.0)
            {
                g = g + (wd * parameters[k]);
            }

            if (mu != 0.0)
            {
                _buffer[k] = Arithmetic.FlushSubnormal(Steps > 0 ? (_buffer[k] * mu) + g : g);
                g = Nesterov ? g + (mu * _buffer[k]) : _buffer[k];
            }

            double updated = parameters[k] - (lr * g);
            parameters[k] = mu != 0.0 || wd != 0.0 ? Arithmetic.FlushSubnormal(updated) : updated;
        }

        Steps++;
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_buffer);
        Steps = 0;
    }

    /// <summary>Copies the step count and, with momentum, the buffer: 2 or 2 + P values.</summary>
    /// <param name="destination">Exactly <see cref="StateLength"/> values, overwritten.</param>
    public void GetState(Span<double> destination)
    {
        ShapeGuard.ExactLength(destination.Length, StateLength, nameof(destination), "StateLength");
        OptimizerStateLayout.WriteStepCount(destination, Steps);
        if (Momentum != 0.0)
        {
            _buffer.CopyTo(destination[OptimizerStateLayout.StepCountLength..]);
        }
    }

    /// <summary>Replaces the step count and, with momentum, the buffer, after checking every value.</summary>
    /// <param name="source">Exactly <see cref="StateLength"/> values.</param>
    /// <exception cref="ArgumentException">The length is wrong or a value is invalid; nothing is changed.</exception>
    public void SetState(ReadOnlySpan<double> source)
    {
        OptimizerStateLayout.Validate(source, Optimizer.Sgd, Momentum, _buffer.Length, nameof(source));
        Steps = OptimizerStateLayout.ReadStepCount(source);
        if (Momentum != 0.0)
        {
            source[OptimizerStateLayout.StepCountLength..].CopyTo(_buffer);
        }
    }
}
