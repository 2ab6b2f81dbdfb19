using System;
using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// A generated network's training members refuse data that is not finite before they change anything, and a step whose
/// loss or gradient is not finite throws TrainingDivergedException and leaves the parameters and optimizer state as they
/// were before it.
/// </summary>
public class TrainingGuardTests
{
    private static double[] Parameters(INetwork net)
    {
        var p = new double[net.ParameterCount];
        net.GetParameters(p);
        return p;
    }

    private static double[] State(IPersistentNetwork<double> net)
    {
        var s = new double[net.OptimizerStateLength];
        net.GetOptimizerState(s);
        return s;
    }

    [Fact]
    public void A_NaN_or_infinity_in_the_data_is_refused_naming_the_sample_and_feature_and_nothing_changes()
    {
        var net = new AndNet();
        double[] before = Parameters(net), state = State(net);
        double[] inputs = { 0, 0, 0, 1, 1, double.NaN, 1, 1 };
        double[] targets = { 0, 0, 0, 1 };

        ArgumentException e = Assert.Throws<ArgumentException>(() => net.TrainStep(inputs, targets));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("sample 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("feature 1", e.Message, StringComparison.Ordinal);

        inputs[5] = 0;
        targets[3] = double.PositiveInfinity;
        e = Assert.Throws<ArgumentException>(() => net.Train(inputs, targets, 10));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("sample 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => net.ComputeGradients(inputs, targets, new double[AndNet.ParameterCount]));

        Assert.Equal(before, Parameters(net));
        Assert.Equal(state, State(net));
    }

    [Fact]
    public void A_classifier_refuses_non_finite_inputs_with_labels_too()
    {
        var net = new AdamClassifier();
        double[] before = Parameters(net);
        double[] inputs = { 0.5, -1, 2, 1, double.NegativeInfinity, -0.5 };
        ArgumentException e = Assert.Throws<ArgumentException>(() => net.TrainStep(inputs, new[] { 2, 0 }));
        Assert.Contains("sample 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, Parameters(net));
    }

    /// <summary>Steps until the guard throws; every step before changed something, the refused one nothing.</summary>
    private static TrainingDivergedException DivergeAndCheck<TNet>(TNet net, double[] inputs, double[] targets)
        where TNet : INetwork, IPersistentNetwork<double>
    {
        for (int step = 1; step <= 10_000; step++)
        {
            double[] before = Parameters(net), state = State(net);
            try
            {
                net.TrainStep(inputs, targets);
            }
            catch (TrainingDivergedException e)
            {
                Assert.True(e.StepChangedNothing);
                Assert.Equal(step, e.Step);
                Assert.Equal(0, e.Epoch);
                Assert.Equal(before, Parameters(net));
                Assert.Equal(state, State(net));
                Assert.All(Parameters(net), p => Assert.True(double.IsFinite(p)));
                Assert.Contains("the step changed nothing", e.Message, StringComparison.Ordinal);
                return e;
            }
        }

        throw new Xunit.Sdk.XunitException("the learning rate did not make training diverge");
    }

    [Fact]
    public void A_diverging_unrolled_network_with_momentum_stops_with_its_parameters_and_state_intact()
    {
        var net = new LinearNet { LearningRate = 50 };
        double[] inputs = { 1, 2, -1, 3, 2, 2 };
        double[] targets = { 1, -1, 2 };
        DivergeAndCheck(net, inputs, targets);
    }

    [Fact]
    public void A_diverging_loop_shaped_Adam_network_stops_with_its_parameters_and_state_intact()
    {
        var net = new LinearLoops();
        double[] inputs = Enumerable.Range(0, 3 * 20).Select(i => Math.Sin(i) * 100).ToArray();
        double[] targets = { 1, -1, 2 };
        TrainingDivergedException e = DivergeAndCheck(net, inputs, targets);
        Assert.True(e.Step > 1); // the first steps were finite and applied
    }

    [Fact]
    public void Fit_reports_a_refused_step_with_its_epoch_and_leaves_the_parameters_and_state_of_before_that_step()
    {
        // Six samples in batches of 3: two steps per epoch, in the data's order.
        double[] inputs = { 1, 2, -1, 3, 2, 2, 0.5, 1, -2, 1, 1, -1 };
        double[] targets = { 1, -1, 2, 0, 1, -1 };
        var net = new LinearNet { LearningRate = 50 };
        TrainingDivergedException e = Assert.Throws<TrainingDivergedException>(
            () => Trainer.Fit(net, inputs, targets, new FitOptions<double> { Epochs = 1_000, BatchSize = 3, ShuffleSeed = null }));

        // The same steps by hand: the network as it was when its own step refused.
        var twin = new LinearNet { LearningRate = 50 };
        int epoch = 0, step = 0;
        double lastLoss = double.NaN;
        TrainingDivergedException? refused = null;
        while (refused is null && epoch < 1_000)
        {
            epoch++;
            for (step = 1; step <= 2; step++)
            {
                try
                {
                    lastLoss = twin.TrainStep(inputs.AsSpan((step - 1) * 6, 6), targets.AsSpan((step - 1) * 3, 3));
                }
                catch (TrainingDivergedException r)
                {
                    refused = r;
                    break;
                }
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(epoch, e.Epoch);
        Assert.Equal(step, e.Step);
        Assert.True(e.Epoch > 1, "some epochs trained before the divergence");
        Assert.True(e.StepChangedNothing);
        Assert.False(e.ParametersRestored);
        Assert.Equal(lastLoss, e.LastFiniteLoss);
        Assert.Same(typeof(TrainingDivergedException), e.InnerException?.GetType());
        Assert.Equal(Parameters(twin), Parameters(net));
        Assert.Equal(State(twin), State(net));
        Assert.All(Parameters(net), p => Assert.True(double.IsFinite(p)));
        Assert.Contains($"step {e.Step} of epoch {e.Epoch}", e.Message, StringComparison.Ordinal);
        Assert.Contains("the parameters and the optimizer state are as they were before it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_puts_back_the_last_epoch_when_an_update_from_a_finite_gradient_overflowed_a_parameter()
    {
        // η = 1e307 times gradients in the hundreds exceeds double's largest value: the step's loss and gradient are
        // finite, so it is applied and writes an infinity; the next step's loss is not finite and is refused.
        // Two steps per epoch (batches of 3), so the refused step comes before the end-of-epoch check.
        double[] inputs = { 100, 200, -100, 300, 200, 200, 100, 200, -100, 300, 200, 200 };
        double[] targets = { 1, -1, 2, 1, -1, 2 };
        var probe = new LinearNet { LearningRate = 1e307 };
        probe.TrainStep(inputs.AsSpan(0, 6), targets.AsSpan(0, 3));
        Assert.Contains(Parameters(probe), p => !double.IsFinite(p));

        var net = new LinearNet { LearningRate = 1e307 };
        double[] start = Parameters(net), startState = State(net);
        TrainingDivergedException e = Assert.Throws<TrainingDivergedException>(
            () => Trainer.Fit(net, inputs, targets, new FitOptions<double> { Epochs = 10, BatchSize = 3, ShuffleSeed = null }));
        Assert.Equal(1, e.Epoch);
        Assert.Equal(2, e.Step);
        Assert.True(e.ParametersNotFinite);
        Assert.False(e.StepChangedNothing);
        Assert.True(Assert.IsType<TrainingDivergedException>(e.InnerException).StepChangedNothing);
        Assert.Contains("overflowed", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, e.RestoredEpoch);
        Assert.Equal(start, Parameters(net));
        Assert.Equal(startState, State(net)); // the momentum buffer and step count too, not only the parameters
    }

    [Fact]
    public void Fit_puts_back_the_parameters_and_optimizer_state_of_the_last_epoch_when_an_epoch_ends_with_an_infinity()
    {
        // One step per epoch; the second epoch's rate overflows a parameter, which the end-of-epoch check finds.
        double[] inputs = { 100, 200, -100, 300, 200, 200 };
        double[] targets = { 1, -1, 2 };
        var net = new LinearNet { LearningRate = 1e-6 };
        TrainingDivergedException e = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(net, inputs, targets, new FitOptions<double>
        {
            Epochs = 3,
            BatchSize = 3,
            LearningRateSchedule = LearningRateSchedule.FromFunction((epoch, rate) => epoch == 0 ? rate : 1e307),
        }));

        var twin = new LinearNet { LearningRate = 1e-6 };
        twin.TrainStep(inputs, targets);
        Assert.Equal(2, e.Epoch);
        Assert.True(e.ParametersNotFinite);
        Assert.Equal(1, e.RestoredEpoch);
        Assert.Equal(Parameters(twin), Parameters(net));
        Assert.Equal(State(twin), State(net));
        Assert.Equal(1e-6, net.LearningRate);
    }

    [Fact]
    public void Fit_refuses_a_network_that_starts_with_an_infinity_and_changes_nothing()
    {
        double[] inputs = { 1, 2, -1, 3, 2, 2 };
        double[] targets = { 1, -1, 2 };
        var net = new LinearNet();
        double[] p = Parameters(net);
        p[3] = double.PositiveInfinity;
        net.SetParameters(p);
        double[] state = State(net);
        ArgumentException e = Assert.Throws<ArgumentException>(() => Trainer.Fit(net, inputs, targets, new FitOptions<double> { Epochs = 2, BatchSize = 3 }));
        Assert.Equal("network", e.ParamName);
        Assert.Contains("before training", e.Message, StringComparison.Ordinal);
        Assert.Equal(p, Parameters(net));
        Assert.Equal(state, State(net));
    }

    /// <summary>Inputs of 1e25 give gradients near 1e26, finite in float, whose square overflows Adam's second moment.</summary>
    private static (float[] X, float[] T) Huge()
    {
        float[] x = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? 1e25f : -1e25f)).ToArray();
        float[] t = { 0.5f, 0.5f, 0.5f }; // never met by a saturated sigmoid, so the output gradient stays ±0.5
        return (x, t);
    }

    private static float[] FloatState(AdamWLoops net)
    {
        var s = new float[net.OptimizerStateLength];
        net.GetOptimizerState(s);
        return s;
    }

    private static float[] FloatParameters(AdamWLoops net)
    {
        var p = new float[AdamWLoops.ParameterCount];
        net.GetParameters(p);
        return p;
    }

    [Fact]
    public void Fit_catches_an_Adam_second_moment_that_overflowed_from_a_finite_gradient_and_restores_parameters_and_state()
    {
        (float[] x, float[] t) = Huge();

        // Outside Fit the step is accepted (its loss and gradient are finite) and leaves v infinite.
        var probe = new AdamWLoops();
        float loss = probe.TrainStep(x, t);
        Assert.True(float.IsFinite(loss));
        Assert.Contains(FloatState(probe), v => float.IsPositiveInfinity(v));
        Assert.All(FloatParameters(probe), w => Assert.True(float.IsFinite(w)));

        // Fit finds it at the end of the epoch and puts back the parameters and state it started with.
        var net = new AdamWLoops();
        float[] start = FloatParameters(net), startState = FloatState(net);
        TrainingDivergedException e = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(net, x, t, new FitOptions<float> { Epochs = 3, BatchSize = 1 }));
        Assert.Equal(1, e.Epoch);
        Assert.True(e.ParametersNotFinite);
        Assert.Equal(0, e.RestoredEpoch);
        Assert.Equal(start, FloatParameters(net));
        Assert.Equal(startState, FloatState(net));

        // And a network that already holds such a state is refused before anything changes.
        float[] probeState = FloatState(probe), probeParameters = FloatParameters(probe);
        ArgumentException refused = Assert.Throws<ArgumentException>(() => Trainer.Fit(probe, x, t, new FitOptions<float> { Epochs = 1, BatchSize = 1 }));
        Assert.Contains("optimizer state", refused.Message, StringComparison.Ordinal);
        Assert.Equal(probeState, FloatState(probe));
        Assert.Equal(probeParameters, FloatParameters(probe));
    }
}
