using System.Collections.Generic;
using System.Linq;
using NetGen.Training;
using Xunit;
using static NetGen.Tests.TrainingTestSupport;

namespace NetGen.Tests
{
    /// <summary>Fit's early stopping puts back RMSprop's and Adagrad's state (square average, momentum buffer, sum) with the best epoch's parameters.</summary>
    public class OptimizerCheckpointTests
    {
        public static IEnumerable<object[]> Networks() => new[]
        {
            new object[] { new Networks.RMSpropAnd() },
            new object[] { new Networks.AdagradAnd() },
        };

        [Theory]
        [MemberData(nameof(Networks))]
        public void Early_stopping_restores_the_best_epochs_optimizer_state_with_its_parameters(IPersistentNetwork<double> net)
        {
            // As TrainerTests' AND case: every target 1, validation targets halfway between the first outputs and 1.
            double[] x = { 0, 0, 0, 1, 1, 0, 1, 1 };
            double[] t = { 1, 1, 1, 1 };
            var y0 = new double[4];
            net.Predict(x, y0);
            var snapshots = new Dictionary<int, double[]>();
            var states = new Dictionary<int, double[]>();
            TrainingReport report = Trainer.Fit(net, x, t, new FitOptions<double>
            {
                Epochs = 2000,
                BatchSize = 4,
                ValidationInputs = x,
                ValidationTargets = y0.Select(y => (y + 1) / 2).ToArray(),
                EarlyStopping = new EarlyStopping { Patience = 3 },
                Progress = new SyncProgress<EpochReport>(e =>
                {
                    snapshots[e.Epoch] = Parameters(net);
                    states[e.Epoch] = State(net);
                }),
            });

            Assert.True(report.StoppedEarly);
            int best = Assert.IsType<int>(report.BestEpoch);
            Assert.Equal(snapshots[best], Parameters(net));
            Assert.Equal(states[best], State(net));
            Assert.NotEqual(states[report.EpochsRun].Skip(2), State(net).Skip(2)); // the buffers, not only the step count
        }
    }
}

namespace NetGen.Tests.Networks
{
    [Network(2, 4, 1, Optimizer = Optimizer.RMSprop, Momentum = 0.5)]
    public partial class RMSpropAnd { }

    [Network(2, 4, 1, Optimizer = Optimizer.Adagrad, LearningRate = 0.1)]
    public partial class AdagradAnd { }
}
