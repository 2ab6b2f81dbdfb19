using System;
using System.IO;
using System.Linq;
using NetGen.Reference;
using Xunit;

namespace NetGen.Tests
{
    /// <summary>
    /// Files in format version 1, written by NetGen before version 2 existed (<c>Fixtures/v1/*.netgen</c>): each still
    /// loads, to the parameters and optimizer state that training the same network the same way gives today.
    /// </summary>
    public class VersionOneFileTests
    {
        /// <summary>The training data of every fixture: 4 samples of 3 inputs and 2 targets.</summary>
        internal static readonly double[] Inputs = { 0.5, -1.0, 2.0, 1.0, 0.0, -0.5, -1.5, 0.25, 0.75, 0.1, 0.9, -0.3 };

        internal static readonly double[] Targets = { 0.2, 0.8, 0.9, 0.1, 0.4, 0.6, 0.7, 0.3 };

        /// <summary>The number of full-batch steps each fixture was trained for.</summary>
        internal const int Steps = 7;

        private static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "v1", name);

        /// <summary>The double SGD fixture's network: 3-4-2 tanh/sigmoid, momentum 0.9, weight decay 0.01, lr 0.05, seed 5.</summary>
        internal static ReferenceNetwork SgdMomentum() => new(
            new[] { 3, 4, 2 },
            new ReferenceOptions { Hidden = Activation.Tanh, Momentum = 0.9, WeightDecay = 0.01, LearningRate = 0.05, Seed = 5 });

        /// <summary>Trains <paramref name="net"/> for <see cref="Steps"/> full-batch steps on the fixtures' data.</summary>
        internal static void Train(INetwork<double> net)
        {
            net.Train(Inputs, Targets, Steps);
        }

        internal static void Train(INetwork<float> net)
        {
            net.Train(Inputs.Select(v => (float)v).ToArray(), Targets.Select(v => (float)v).ToArray(), Steps);
        }

        private static T[] Parameters<T>(IPersistentNetwork<T> net)
            where T : unmanaged
        {
            var p = new T[net.ParameterCount];
            net.GetParameters(p);
            return p;
        }

        private static T[] State<T>(IPersistentNetwork<T> net)
            where T : unmanaged
        {
            var s = new T[net.OptimizerStateLength];
            net.GetOptimizerState(s);
            return s;
        }

        private static void AssertClose(float[] expected, float[] actual)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int k = 0; k < expected.Length; k++)
            {
                Assert.True(Math.Abs(expected[k] - actual[k]) <= 1e-5 * Math.Max(1, Math.Abs(expected[k])), $"value {k}: {expected[k]:R} against {actual[k]:R}");
            }
        }

        [Fact]
        public void The_version_1_files_say_version_1()
        {
            foreach (string name in new[] { "sgd-momentum-double.netgen", "adam-single.netgen" })
            {
                byte[] bytes = File.ReadAllBytes(Path(name));
                Assert.Equal(1u, BitConverter.ToUInt32(bytes, 8));
            }
        }

        [Fact]
        public void A_version_1_double_SGD_file_with_momentum_loads_to_the_network_trained_the_same_way()
        {
            NetworkDescription description = NetworkFile.ReadDescription(Path("sgd-momentum-double.netgen"));
            Assert.Equal(new[] { 3, 4, 2 }, description.LayerSizes);
            Assert.Equal(new[] { Activation.Tanh, Activation.Sigmoid }, description.Activations);
            Assert.Equal(Optimizer.Sgd, description.Optimizer);
            Assert.Equal(0.9, description.Momentum);
            Assert.Equal(0.01, description.WeightDecay);
            Assert.Equal(0.05, description.LearningRate);
            Assert.Equal(Precision.Double, description.Precision);

            ReferenceNetwork expected = SgdMomentum();
            Train(expected);
            ReferenceNetwork loaded = new(new[] { 3, 4, 2 }, new ReferenceOptions { Hidden = Activation.Tanh, Momentum = 0.9, WeightDecay = 0.01, Seed = 99 });
            NetworkFile.Load(loaded, Path("sgd-momentum-double.netgen"));
            Assert.Equal(0.05, loaded.LearningRate);
            Assert.Equal(Parameters(expected), Parameters(loaded));
            Assert.Equal(State(expected), State(loaded));
            Assert.Equal(Steps, State(loaded)[0]);

            // And training goes on from there exactly as an unbroken run.
            Train(expected);
            Train(loaded);
            Assert.Equal(Parameters(expected), Parameters(loaded));
        }

        [Fact]
        public void A_version_1_float_Adam_file_loads_to_the_network_trained_the_same_way()
        {
            NetworkDescription description = NetworkFile.ReadDescription(Path("adam-single.netgen"));
            Assert.Equal(new[] { 3, 4, 2 }, description.LayerSizes);
            Assert.Equal(Optimizer.Adam, description.Optimizer);
            Assert.Equal(0.8, description.Beta1);
            Assert.Equal(0.99, description.Beta2);
            Assert.Equal(1e-6, description.Epsilon);
            Assert.Equal((double)0.01f, description.LearningRate);
            Assert.Equal(Precision.Single, description.Precision);

            // The file was written on .NET 10, whose float tanh and exp may differ in the last bit from another
            // runtime's: the values are compared to float rounding, the step count exactly.
            var expected = new Networks.VersionOneAdamSingle(seed: 5);
            Train(expected);
            var loaded = new Networks.VersionOneAdamSingle(seed: 99);
            NetworkFile.Load(loaded, Path("adam-single.netgen"));
            AssertClose(Parameters(expected), Parameters(loaded));
            AssertClose(State(expected), State(loaded));
            Assert.Equal(Steps, State(loaded)[0]);
            Train(expected);
            Train(loaded);
            AssertClose(Parameters(expected), Parameters(loaded));
        }
    }
}

namespace NetGen.Tests.Networks
{
    /// <summary>The float Adam network of <c>Fixtures/v1/adam-single.netgen</c>.</summary>
    [Network(3, 4, 2, Hidden = Activation.Tanh, Optimizer = Optimizer.Adam, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6, LearningRate = 0.01, Precision = Precision.Single)]
    public partial class VersionOneAdamSingle { }
}

namespace NetGen.Tests.Networks
{
    // RMSprop and Adagrad networks in both shapes and precisions, for saving and resuming.
    [Network(3, 6, 4, Hidden = Activation.Tanh, Output = Activation.Softmax, Loss = Loss.CrossEntropy, Optimizer = Optimizer.RMSprop, Momentum = 0.9, WeightDecay = 0.01)]
    public partial class RMSpropClassifier { }

    [Network(20, 16, 3, Hidden = Activation.ReLU, Loss = Loss.BinaryCrossEntropy, Optimizer = Optimizer.RMSprop, Alpha = 0.9, Precision = Precision.Single, Unroll = UnrollMode.Never)]
    public partial class RMSpropLoops { }

    [Network(2, 4, 1, Hidden = Activation.Tanh, Optimizer = Optimizer.Adagrad, Precision = Precision.Single)]
    public partial class AdagradSingle { }

    [Network(20, 16, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Optimizer = Optimizer.Adagrad, WeightDecay = 0.01, Unroll = UnrollMode.Never)]
    public partial class AdagradLoops { }
}
