using System;
using NetGen.Runtime;

namespace NetGen.Reference;

/// <summary>
/// Adam as <c>torch.optim.Adam</c> computes it (<c>_single_tensor_adam</c>: not capturable, not differentiable, no
/// AMSGrad, not maximizing), element by element and in its order of operations:
/// <code>
/// t = t + 1
/// g = ∂L/∂p;  if wd ≠ 0:  g = g + wd · p             (coupled weight decay, an L2 penalty)
/// m = lerp(m, g, 1 − β1)                             (exp_avg.lerp_(grad, 1 − beta1))
/// v = v · β2 + ((1 − β2) · g) · g                    (exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 − beta2))
/// bias1 = 1 − β1^t;  bias2 = 1 − β2^t
/// step = lr / bias1
/// denom = √v / √bias2 + ε
/// p = p + ((−step) · m) / denom                      (param.addcdiv_(exp_avg, denom, value=−step))
/// </code>
/// which is the textbook <c>p = p − lr · m̂ / (√v̂ + ε)</c> with <c>m̂ = m / bias1</c>, <c>v̂ = v / bias2</c>,
/// rearranged as PyTorch rearranges it (so the two agree to rounding, and this class agrees with PyTorch to the bit
/// wherever PyTorch's kernels round each operation once).
/// </summary>
/// <remarks>
/// <para><c>lerp(start, end, w)</c> is ATen's: <c>start + w · (end − start)</c> when <c>|w| &lt; 0.5</c>, otherwise
/// <c>end − (end − start) · (1 − w)</c> (<see cref="Lerp"/>); with the default β1 = 0.9 the weight is 0.1, so
/// <c>m = m + (1 − β1) · (g − m)</c>. ATen's vectorised CPU kernels fuse the multiply-adds of <c>lerp</c> and of
/// <c>add(alpha=wd)</c>; this class rounds each operation as written, the scalar definition.</para>
/// <para>The powers <c>β^t</c> are <see cref="Math.Pow(double, double)"/>, the C library's <c>pow</c> that Python's
/// <c>**</c> calls; the square roots are correctly rounded.</para>
/// <para>m, v and the parameters are stored flushed to +0 below the smallest normal double
/// (<see cref="Arithmetic.FlushSubnormal(double)"/>), as NetGen's kernels store them; PyTorch keeps subnormal values.</para>
/// <para>Generated code must stay in step with this class.</para>
/// </remarks>
public sealed class Adam : IOptimizer
{
    private readonly double[] _m; // exp_avg, the first moment
    private readonly double[] _v; // exp_avg_sq, the second moment
    private double _learningRate;

    /// <summary>Adam for <paramref name="parameterCount"/> parameters, with PyTorch's defaults.</summary>
    /// <param name="parameterCount">How many parameters every <see cref="Step"/> updates, at least 1.</param>
    /// <param name="learningRate">The step size <c>lr</c>, finite and greater than 0 (PyTorch's default is 0.001).</param>
    /// <param name="beta1">The first moment's decay β1, in [0, 1).</param>
    /// <param name="beta2">The second moment's decay β2, in [0, 1).</param>
    /// <param name="epsilon">ε, added to the denominator; finite and greater than 0.</param>
    /// <param name="weightDecay">The L2 penalty wd added to the gradient, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public Adam(int parameterCount, double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0.0)
    {
        OptimizerGuard.Count(parameterCount);
        OptimizerGuard.LearningRate(learningRate, nameof(learningRate));
        OptimizerGuard.Beta(beta1, nameof(beta1));
        OptimizerGuard.Beta(beta2, nameof(beta2));
        OptimizerGuard.Positive(epsilon, nameof(epsilon), "Epsilon");
        OptimizerGuard.NonNegative(weightDecay, nameof(weightDecay), "The weight decay");
        _learningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        _m = new double[parameterCount];
        _v = new double[parameterCount];
    }

    /// <inheritdoc />
    public Optimizer Kind => Optimizer.Adam;

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

    /// <summary>β1, the first moment's decay.</summary>
    public double Beta1 { get; }

    /// <summary>β2, the second moment's decay.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>The weight decay wd, added to the gradient as <c>wd · p</c>.</summary>
    public double WeightDecay { get; }

    /// <summary>The number of steps taken, t (0 for a new or reset optimizer).</summary>
    public int Steps { get; private set; }

    /// <summary>The first moment m (<c>exp_avg</c>), one value per parameter.</summary>
    public ReadOnlySpan<double> FirstMoment => _m;

    /// <summary>The second moment v (<c>exp_avg_sq</c>), one value per parameter.</summary>
    public ReadOnlySpan<double> SecondMoment => _v;

    /// <inheritdoc />
    public int StateLength => OptimizerStateLayout.Length(Optimizer.Adam, 0.0, _m.Length);

    /// <summary>
    /// ATen's <c>lerp(start, end, weight)</c>: <c>start + weight · (end − start)</c> when <c>|weight| &lt; 0.5</c>,
    /// otherwise <c>end − (end − start) · (1 − weight)</c>, so the result is exact at both ends.
    /// </summary>
    /// <param name="start">The value at weight 0.</param>
    /// <param name="end">The value at weight 1.</param>
    /// <param name="weight">The interpolation weight.</param>
    /// <returns>The interpolated value.</returns>
    public static double Lerp(double start, double end, double weight) =>
        Math.Abs(weight) < 0.5
            ? start + (weight * (end - start))
            : end - ((end - start) * (1.0 - weight));

    /// <inheritdoc />
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
    {
        OptimizerGuard.Lengths(_m.Length, parameters, gradients);
        Steps++;
        double beta1 = Beta1;
        double beta2 = Beta2;
        double wd = WeightDecay;
        double biasCorrection1 = 1.0 - Math.Pow(beta1, Steps);
        double biasCorrection2 = 1.0 - Math.Pow(beta2, Steps);
        double stepSize = _learningRate / biasCorrection1;
        double biasCorrection2Sqrt = Math.Sqrt(biasCorrection2);
        for (int k = 0; k < parameters.Length; k++)
        {
            double g = gradients[k];
            if (wd != 0.0)
            {
                g = g + (wd * parameters[k]);
            }

            _m[k] = Arithmetic.FlushSubnormal(Lerp(_m[k], g, 1.0 - beta1));
            _v[k] = Arithmetic.FlushSubnormal((_v[k] * beta2) + (((1.0 - beta2) * g) * g));
            double denom = (Math.Sqrt(_v[k]) / biasCorrection2Sqrt) + Epsilon;
            parameters[k] = Arithmetic.FlushSubnormal(parameters[k] + ((-stepSize * _m[k]) / denom));
        }
    }

    /// <inheritdoc />
    public void Reset()
    {
        Array.Clear(_m);
        Array.Clear(_v);
        Steps = 0;
    }

    /// <summary>Copies the step count, the first moment and the second moment: 2 + 2P values.</summary>
    /// <param name="destination">Exactly <see cref="StateLength"/> values, overwritten.</param>
    public void GetState(Span<double> destination)
    {
        ShapeGuard.ExactLength(destination.Length, StateLength, nameof(destination), "StateLength");
        OptimizerStateLayout.WriteStepCount(destination, Steps);
        _m.CopyTo(destination.Slice(OptimizerStateLayout.StepCountLength, _m.Length));
        _v.CopyTo(destination.Slice(OptimizerStateLayout.StepCountLength + _m.Length, _v.Length));
    }

    /// <summary>Replaces the step count, the first moment and the second moment, after checking every value.</summary>
    /// <param name="source">Exactly <see cref="StateLength"/> values.</param>
    /// <exception cref="ArgumentException">The length is wrong or a value is invalid; nothing is changed.</exception>
    public void SetState(ReadOnlySpan<double> source)
    {
        OptimizerStateLayout.Validate(source, Optimizer.Adam, 0.0, _m.Length, nameof(source));
        Steps = OptimizerStateLayout.ReadStepCount(source);
        source.Slice(OptimizerStateLayout.StepCountLength, _m.Length).CopyTo(_m);
        source.Slice(OptimizerStateLayout.StepCountLength + _m.Length, _v.Length).CopyTo(_v);
    }
}
