using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Reference;
using Xunit;

namespace NetGen.Tests
{
    /// <summary>
    /// RMSprop and Adagrad against PyTorch's own numbers (<c>Fixtures/Torch/optimizers.json</c>, written by
    /// <c>optimizers.py</c>): a 3-4-2 sigmoid network on the square loss after 10 full-batch steps of
    /// <c>torch.optim.RMSprop</c> and <c>torch.optim.Adagrad</c> with default and other hyper-parameters, from the same
    /// starting parameters. The reference network and generated networks (unrolled and loop-shaped, double and float)
    /// reproduce them.
    /// </summary>
    public class RMSpropAdagradTorchTests
    {
        /// <summary>
        /// Double against torch's float64: the gradients are the same sums rounded in another order and the unrolled
        /// code fuses none, the kernels some multiply-adds; 10 steps keep the difference near 1e-15.
        /// </summary>
        private const double DoubleTolerance = 1e-12;

        /// <summary>Float against torch's float64: float rounding over 10 steps of a normalised update.</summary>
        private const double SingleTolerance = 2e-5;

        private static readonly JsonElement Fixture = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Torch", "optimizers.json"))).RootElement;

        private static double[] Doubles(JsonElement element) => element.EnumerateArray().Select(e => e.GetDouble()).ToArray();

        private static JsonElement Case(string name) => Fixture.GetProperty("cases").GetProperty(name);

        public static IEnumerable<object[]> Cases() => new[] { "RMSprop", "RMSpropMomentum", "Adagrad", "AdagradDecay" }.Select(c => new object[] { c });

        /// <summary>The reference network with the case's torch.optim arguments.</summary>
        private static ReferenceNetwork Reference(string name)
        {
            JsonElement c = Case(name);
            JsonElement a = c.GetProperty("arguments");
            double Argument(string key, double otherwise) => a.TryGetProperty(key, out JsonElement v) ? v.GetDouble() : otherwise;
            return new ReferenceNetwork(Doubles(Fixture.GetProperty("sizes")).Select(s => (int)s).ToArray(), new ReferenceOptions
            {
                Optimizer = Enum.Parse<Optimizer>(c.GetProperty("optimizer").GetString()!),
                LearningRate = Argument("lr", 0),
                Alpha = Argument("alpha", 0.99),
                Epsilon = a.TryGetProperty("eps", out JsonElement eps) ? eps.GetDouble() : null,
                WeightDecay = Argument("weight_decay", 0.0),
                Momentum = Argument("momentum", 0.0),
            });
        }

        private static double[] Train<T>(INetwork<T> net)
            where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
        {
            T[] Of(double[] values) => values.Select(T.CreateTruncating).ToArray();
            net.SetParameters(Of(Doubles(Fixture.GetProperty("initial"))));
            net.Train(Of(Doubles(Fixture.GetProperty("inputs"))), Of(Doubles(Fixture.GetProperty("targets"))), Fixture.GetProperty("steps").GetInt32());
            var p = new T[net.ParameterCount];
            net.GetParameters(p);
            return p.Select(double.CreateTruncating).ToArray();
        }

        private static void AssertClose(string name, double[] actual, double tolerance)
        {
            double[] expected = Doubles(Case(name).GetProperty("parameters"));
            Assert.Equal(expected.Length, actual.Length);
            for (int k = 0; k < expected.Length; k++)
            {
                Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance, $"{name}, parameter {k}: torch {expected[k]:R}, NetGen {actual[k]:R}");
            }
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void The_reference_network_gives_torchs_parameters(string name)
        {
            ReferenceNetwork net = Reference(name);
            AssertClose(name, Train(net), DoubleTolerance);

            // The fixture moved the parameters: a wrong rule would not pass unnoticed.
            double[] initial = Doubles(Fixture.GetProperty("initial"));
            double[] expected = Doubles(Case(name).GetProperty("parameters"));
            Assert.True(initial.Zip(expected, (a, b) => Math.Abs(a - b)).Max() > 1e-2);
        }

        [Fact]
        public void Generated_networks_give_torchs_parameters()
        {
            AssertClose("RMSprop", Train(new Networks.TorchRMSprop()), DoubleTolerance);
            AssertClose("RMSpropMomentum", Train(new Networks.TorchRMSpropMomentum()), DoubleTolerance);
            AssertClose("RMSpropMomentum", Train(new Networks.TorchRMSpropMomentumLoops()), DoubleTolerance);
            AssertClose("Adagrad", Train(new Networks.TorchAdagrad()), DoubleTolerance);
            AssertClose("AdagradDecay", Train(new Networks.TorchAdagradDecay()), DoubleTolerance);
            AssertClose("AdagradDecay", Train(new Networks.TorchAdagradDecayLoops()), DoubleTolerance);
            AssertClose("RMSpropMomentum", Train(new Networks.TorchRMSpropMomentumSingle()), SingleTolerance);
            AssertClose("Adagrad", Train(new Networks.TorchAdagradSingleLoops()), SingleTolerance);
        }
    }
}

namespace NetGen.Tests.Networks
{
    // The networks of Fixtures/Torch/optimizers.py, each with its case's torch.optim arguments.
    [Network(3, 4, 2, Optimizer = Optimizer.RMSprop)]
    public partial class TorchRMSprop { }

    [Network(3, 4, 2, Optimizer = Optimizer.RMSprop, LearningRate = 0.01, Alpha = 0.9, Epsilon = 1e-6, WeightDecay = 0.01, Momentum = 0.5)]
    public partial class TorchRMSpropMomentum { }

    [Network(3, 4, 2, Optimizer = Optimizer.RMSprop, LearningRate = 0.01, Alpha = 0.9, Epsilon = 1e-6, WeightDecay = 0.01, Momentum = 0.5, Unroll = UnrollMode.Never)]
    public partial class TorchRMSpropMomentumLoops { }

    [Network(3, 4, 2, Optimizer = Optimizer.RMSprop, LearningRate = 0.01, Alpha = 0.9, Epsilon = 1e-6, WeightDecay = 0.01, Momentum = 0.5, Precision = Precision.Single)]
    public partial class TorchRMSpropMomentumSingle { }

    [Network(3, 4, 2, Optimizer = Optimizer.Adagrad)]
    public partial class TorchAdagrad { }

    [Network(3, 4, 2, Optimizer = Optimizer.Adagrad, Precision = Precision.Single, Unroll = UnrollMode.Never)]
    public partial class TorchAdagradSingleLoops { }

    [Network(3, 4, 2, Optimizer = Optimizer.Adagrad, LearningRate = 0.05, Epsilon = 1e-6, WeightDecay = 0.1)]
    public partial class TorchAdagradDecay { }

    [Network(3, 4, 2, Optimizer = Optimizer.Adagrad, LearningRate = 0.05, Epsilon = 1e-6, WeightDecay = 0.1, Unroll = UnrollMode.Never)]
    public partial class TorchAdagradDecayLoops { }
}
