using System;
using System.Collections.Generic;
using NetGen.Reference;
using NetGen.Testing;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The reference network's optimizers against the torch.optim formulas written here in their simplest textbook form
/// (Adam via m̂ / (√v̂ + ε)), step by step on a tiny network, and the details that set PyTorch's definitions apart:
/// the momentum buffer starts as the first gradient, Nesterov, coupled and decoupled weight decay, and a reset that
/// restores a new optimizer's state.
/// </summary>
public class ReferenceOptimizerTests
{
    private static readonly int[] Sizes = { 2, 3, 2 };
    private static readonly double[] Inputs = { 0.5, -1.0, 1.5, 0.25, -0.75, 2.0 };
    private static readonly double[] Targets = { 0.9, 0.1, 0.2, 0.7, 0.4, 0.6 };

    private static readonly Dictionary<string, ReferenceOptions> Setting = new()
    {
        ["sgd"] = new ReferenceOptions { LearningRate = 0.3 },
        ["sgd, weight decay"] = new ReferenceOptions { LearningRate = 0.3, WeightDecay = 0.05 },
        ["sgd, momentum"] = new ReferenceOptions { LearningRate = 0.3, Momentum = 0.9 },
        ["sgd, momentum, weight decay"] = new ReferenceOptions { LearningRate = 0.3, Momentum = 0.8, WeightDecay = 0.05 },
        ["sgd, nesterov"] = new ReferenceOptions { LearningRate = 0.3, Momentum = 0.9, Nesterov = true },
        ["sgd, nesterov, weight decay"] = new ReferenceOptions { LearningRate = 0.3, Momentum = 0.5, Nesterov = true, WeightDecay = 0.1 },
        ["adam"] = new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01 },
        ["adam, defaults"] = new ReferenceOptions { Optimizer = Optimizer.Adam },
        ["adam, weight decay"] = new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01, WeightDecay = 0.1 },
        ["adam, small betas"] = new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01, Beta1 = 0.3, Beta2 = 0.6, Epsilon = 1e-3 },
        ["adamw"] = new ReferenceOptions { Optimizer = Optimizer.AdamW, LearningRate = 0.01 },
        ["adamw, defaults"] = new ReferenceOptions { Optimizer = Optimizer.AdamW },
        ["adamw, strong decay"] = new ReferenceOptions { Optimizer = Optimizer.AdamW, LearningRate = 0.01, WeightDecay = 0.5, Beta1 = 0.5 },
        ["adam, cross-entropy"] = new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01, Output = Activation.Softmax, Loss = Loss.CrossEntropy },
    };

    public static IEnumerable<object[]> Settings()
    {
        foreach (string name in Setting.Keys)
        {
            yield return new object[] { name };
        }
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_step_agrees_with_the_textbook_formulas(string name)
    {
        ReferenceOptions options = Setting[name];
        var net = new ReferenceNetwork(Sizes, options);
        var textbook = new Textbook(options, net.ParameterCount);
        var before = new double[net.ParameterCount];
        var after = new double[net.ParameterCount];
        var gradient = new double[net.ParameterCount];
        for (int step = 1; step <= 6; step++)
        {
            net.GetParameters(before);
            net.ComputeGradients(Inputs, Targets, gradient); // the gradient the step will use; the optimizer is untouched
            double[] expected = textbook.Step(before, gradient);
            net.TrainStep(Inputs, Targets);
            net.GetParameters(after);
            for (int k = 0; k < after.Length; k++)
            {
                // Compare the updates, not the parameters, so that a small update is held to the same relative bound.
                Equivalence.Close(expected[k] - before[k], after[k] - before[k], $"{name}, step {step}, Δp[{k}]", relative: 1e-12, floor: 1e-17);
            }
        }
    }

    [Fact]
    public void The_momentum_buffer_starts_as_the_first_gradient()
    {
        var plain = new ReferenceNetwork(Sizes, new ReferenceOptions { LearningRate = 0.3 });
        var momentum = new ReferenceNetwork(Sizes, new ReferenceOptions { LearningRate = 0.3, Momentum = 0.9 });
        var g0 = new double[plain.ParameterCount];
        momentum.ComputeGradients(Inputs, Targets, g0);

        // PyTorch's buf = grad.clone() on the first step: the first step is plain gradient descent, to the bit
        // (not lr · (1 − μ) · g, nor lr · μ · 0 + …).
        plain.TrainStep(Inputs, Targets);
        momentum.TrainStep(Inputs, Targets);
        Equivalence.AssertSameParameters(plain, momentum);
        var sgd = (Sgd)momentum.OptimizerState;
        Assert.Equal(g0, sgd.Buffer.ToArray());

        // The second step: buf = μ · g0 + g1, p = p − lr · buf.
        var p1 = new double[plain.ParameterCount];
        var g1 = new double[plain.ParameterCount];
        momentum.GetParameters(p1);
        momentum.ComputeGradients(Inputs, Targets, g1);
        momentum.TrainStep(Inputs, Targets);
        var p2 = new double[plain.ParameterCount];
        momentum.GetParameters(p2);
        for (int k = 0; k < p2.Length; k++)
        {
            Equivalence.Close(-0.3 * ((0.9 * g0[k]) + g1[k]), p2[k] - p1[k], $"second step Δp[{k}]", relative: 1e-12, floor: 1e-17);
            Assert.Equal((g0[k] * 0.9) + g1[k], sgd.Buffer[k]);
        }
    }

    [Fact]
    public void Nesterov_steps_along_the_gradient_plus_momentum_times_the_buffer()
    {
        var net = new ReferenceNetwork(Sizes, new ReferenceOptions { LearningRate = 0.3, Momentum = 0.9, Nesterov = true });
        var p0 = new double[net.ParameterCount];
        var g0 = new double[net.ParameterCount];
        net.GetParameters(p0);
        net.ComputeGradients(Inputs, Targets, g0);
        net.TrainStep(Inputs, Targets);
        var p1 = new double[net.ParameterCount];
        net.GetParameters(p1);
        for (int k = 0; k < p1.Length; k++)
        {
            // buf = g0, then g + μ · buf = (1 + μ) g0.
            Equivalence.Close(-0.3 * 1.9 * g0[k], p1[k] - p0[k], $"Nesterov first step Δp[{k}]", relative: 1e-12, floor: 1e-17);
        }
    }

    [Fact]
    public void Adam_first_step_moves_each_parameter_by_the_learning_rate_against_its_gradient_sign()
    {
        // t = 1: m̂ = g and v̂ = g², so Δp = −lr · g / (|g| + ε).
        var net = new ReferenceNetwork(Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01 });
        Assert.Equal(0.0, net.Options.EffectiveWeightDecay);
        var p0 = new double[net.ParameterCount];
        var g = new double[net.ParameterCount];
        net.GetParameters(p0);
        net.ComputeGradients(Inputs, Targets, g);
        net.TrainStep(Inputs, Targets);
        var p1 = new double[net.ParameterCount];
        net.GetParameters(p1);
        for (int k = 0; k < p1.Length; k++)
        {
            Equivalence.Close(-0.01 * g[k] / (Math.Abs(g[k]) + 1e-8), p1[k] - p0[k], $"Δp[{k}]", relative: 1e-12, floor: 1e-17);
        }
    }

    [Fact]
    public void Adam_couples_weight_decay_into_the_gradient_and_AdamW_decouples_it()
    {
        const double lr = 0.01, wd = 0.5;
        var adam = new ReferenceNetwork(Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = lr, WeightDecay = wd });
        var adamW = new ReferenceNetwork(Sizes, new ReferenceOptions { Optimizer = Optimizer.AdamW, LearningRate = lr, WeightDecay = wd });
        var p0 = new double[adam.ParameterCount];
        var g = new double[adam.ParameterCount];
        adam.GetParameters(p0);
        adam.ComputeGradients(Inputs, Targets, g);
        adam.TrainStep(Inputs, Targets);
        adamW.TrainStep(Inputs, Targets);
        var pAdam = new double[adam.ParameterCount];
        var pAdamW = new double[adam.ParameterCount];
        adam.GetParameters(pAdam);
        adamW.GetParameters(pAdamW);
        bool differ = false;
        for (int k = 0; k < p0.Length; k++)
        {
            // Adam: the decay enters the moments, so the first step is −lr · sign(g + wd · p).
            double coupled = g[k] + (wd * p0[k]);
            Equivalence.Close(p0[k] - (lr * coupled / (Math.Abs(coupled) + 1e-8)), pAdam[k], $"Adam p[{k}]", relative: 1e-14, floor: 1e-17);

            // AdamW: p shrinks by lr · wd · p first, then the Adam step on g alone.
            Equivalence.Close((p0[k] * (1 - (lr * wd))) - (lr * g[k] / (Math.Abs(g[k]) + 1e-8)), pAdamW[k], $"AdamW p[{k}]", relative: 1e-14, floor: 1e-17);
            differ |= pAdam[k] != pAdamW[k];
        }

        Assert.True(differ);
    }

    [Fact]
    public void Sgd_weight_decay_is_added_to_the_gradient()
    {
        var net = new ReferenceNetwork(Sizes, new ReferenceOptions { LearningRate = 0.3, WeightDecay = 0.05 });
        var p0 = new double[net.ParameterCount];
        var g = new double[net.ParameterCount];
        net.GetParameters(p0);
        net.ComputeGradients(Inputs, Targets, g);
        net.TrainStep(Inputs, Targets);
        var p1 = new double[net.ParameterCount];
        net.GetParameters(p1);
        for (int k = 0; k < p1.Length; k++)
        {
            Equivalence.Close(p0[k] - (0.3 * (g[k] + (0.05 * p0[k]))), p1[k], $"p[{k}]", relative: 1e-15, floor: 1e-17);
        }
    }

    [Fact]
    public void AdamW_without_decay_is_Adam_to_the_bit()
    {
        var adam = new ReferenceNetwork(Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01 });
        var adamW = new ReferenceNetwork(Sizes, new ReferenceOptions { Optimizer = Optimizer.AdamW, LearningRate = 0.01, WeightDecay = 0 });
        Assert.Equal(adam.Train(Inputs, Targets, 20), adamW.Train(Inputs, Targets, 20));
        Equivalence.AssertSameParameters(adam, adamW);
    }

    [Fact]
    public void Defaults_follow_PyTorch()
    {
        Assert.Equal(0.1, new ReferenceNetwork(Sizes, new ReferenceOptions()).LearningRate);
        Assert.Equal(0.001, new ReferenceNetwork(Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam }).LearningRate);
        var adamW = new ReferenceNetwork(Sizes, new ReferenceOptions { Optimizer = Optimizer.AdamW });
        Assert.Equal(0.001, adamW.LearningRate);
        var optimizer = (AdamW)adamW.OptimizerState;
        Assert.Equal(0.01, optimizer.WeightDecay);
        Assert.Equal(0.9, optimizer.Beta1);
        Assert.Equal(0.999, optimizer.Beta2);
        Assert.Equal(1e-8, optimizer.Epsilon);
        Assert.Equal(0.0, ((Adam)new ReferenceNetwork(Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam }).OptimizerState).WeightDecay);
    }

    [Fact]
    public void Lerp_is_ATens_two_sided_formula()
    {
        Assert.Equal(1.5, Adam.Lerp(1.0, 3.0, 0.25));  // start + w · (end − start)
        Assert.Equal(2.5, Adam.Lerp(1.0, 3.0, 0.75));  // end − (end − start) · (1 − w)
        Assert.Equal(1e20, Adam.Lerp(1e20, 1.0, 0.0));
        Assert.Equal(1.0, Adam.Lerp(1e20, 1.0, 1.0)); // exact at the far end, where start + 1 · (end − start) gives 0
        Assert.Equal(0.0, 1e20 + (1.0 * (1.0 - 1e20)));
    }

    [Theory]
    [InlineData(Optimizer.Sgd)]
    [InlineData(Optimizer.Adam)]
    [InlineData(Optimizer.AdamW)]
    public void ResetOptimizer_restores_a_new_optimizers_state(Optimizer optimizer)
    {
        ReferenceOptions options = optimizer == Optimizer.Sgd
            ? new ReferenceOptions { LearningRate = 0.3, Momentum = 0.9 }
            : new ReferenceOptions { Optimizer = optimizer, LearningRate = 0.01 };
        var p0 = new double[new ReferenceNetwork(Sizes, options).ParameterCount];
        new ReferenceNetwork(Sizes, options).GetParameters(p0);

        var fresh = new ReferenceNetwork(Sizes, options);
        fresh.Train(Inputs, Targets, 3);

        var reset = new ReferenceNetwork(Sizes, options);
        reset.Train(Inputs, Targets, 5);
        reset.SetParameters(p0);
        reset.ResetOptimizer();
        reset.Train(Inputs, Targets, 3);
        Equivalence.AssertSameParameters(fresh, reset);

        // Without the reset the remembered state changes the result, so the comparison above can fail.
        var kept = new ReferenceNetwork(Sizes, options);
        kept.Train(Inputs, Targets, 5);
        kept.SetParameters(p0);
        kept.Train(Inputs, Targets, 3);
        var a = new double[p0.Length];
        var b = new double[p0.Length];
        fresh.GetParameters(a);
        kept.GetParameters(b);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void ComputeGradients_leaves_the_optimizer_state_alone()
    {
        var options = new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01 };
        var probed = new ReferenceNetwork(Sizes, options);
        var untouched = new ReferenceNetwork(Sizes, options);
        var g = new double[probed.ParameterCount];
        for (int i = 0; i < 3; i++)
        {
            probed.ComputeGradients(Inputs, Targets, g);
            probed.TrainStep(Inputs, Targets);
            untouched.TrainStep(Inputs, Targets);
        }

        Assert.Equal(3, ((Adam)probed.OptimizerState).Steps);
        Equivalence.AssertSameParameters(untouched, probed);
    }

    [Fact]
    public void The_learning_rate_can_change_between_steps()
    {
        var changed = new ReferenceNetwork(Sizes, new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01 });
        var textbook = new Textbook(new ReferenceOptions { Optimizer = Optimizer.Adam, LearningRate = 0.01 }, changed.ParameterCount);
        var p = new double[changed.ParameterCount];
        var g = new double[changed.ParameterCount];
        changed.GetParameters(p);
        changed.ComputeGradients(Inputs, Targets, g);
        double[] expected = textbook.Step(p, g);
        changed.TrainStep(Inputs, Targets);
        changed.LearningRate = 0.002;
        textbook.LearningRate = 0.002;
        changed.GetParameters(p);
        changed.ComputeGradients(Inputs, Targets, g);
        expected = textbook.Step(p, g);
        changed.TrainStep(Inputs, Targets);
        var actual = new double[p.Length];
        changed.GetParameters(actual);
        Equivalence.AllClose(expected, actual, "after a change of learning rate", relative: 1e-14, floor: 1e-17);
    }

    /// <summary>
    /// torch.optim's rules in their textbook form: SGD with the buffer started at the first gradient; Adam as
    /// <c>p − lr · m̂ / (√v̂ + ε)</c> with <c>m̂ = m / (1 − β1^t)</c>, <c>v̂ = v / (1 − β2^t)</c>; AdamW shrinking p by
    /// <c>lr · wd · p</c> first.
    /// </summary>
    private sealed class Textbook
    {
        private readonly ReferenceOptions _o;
        private readonly double[] _m, _v, _buffer;
        private int _t;

        public Textbook(ReferenceOptions options, int count)
        {
            _o = options;
            LearningRate = options.EffectiveLearningRate;
            _m = new double[count];
            _v = new double[count];
            _buffer = new double[count];
        }

        public double LearningRate { get; set; }

        public double[] Step(double[] parameters, double[] gradients)
        {
            double lr = LearningRate, wd = _o.EffectiveWeightDecay;
            var p = (double[])parameters.Clone();
            _t++;
            for (int k = 0; k < p.Length; k++)
            {
                double g = gradients[k];
                if (_o.Optimizer == Optimizer.Sgd)
                {
                    g += wd * p[k];
                    if (_o.Momentum > 0)
                    {
                        _buffer[k] = _t == 1 ? g : (_o.Momentum * _buffer[k]) + g;
                        g = _o.Nesterov ? g + (_o.Momentum * _buffer[k]) : _buffer[k];
                    }

                    p[k] -= lr * g;
                    continue;
                }

                if (_o.Optimizer == Optimizer.AdamW)
                {
                    p[k] -= lr * wd * p[k];
                }
                else
                {
                    g += wd * p[k];
                }

                _m[k] = (_o.Beta1 * _m[k]) + ((1 - _o.Beta1) * g);
                _v[k] = (_o.Beta2 * _v[k]) + ((1 - _o.Beta2) * g * g);
                double mHat = _m[k] / (1 - Math.Pow(_o.Beta1, _t));
                double vHat = _v[k] / (1 - Math.Pow(_o.Beta2, _t));
                p[k] -= lr * mHat / (Math.Sqrt(vHat) + _o.EffectiveEpsilon);
            }

            return p;
        }
    }
}
