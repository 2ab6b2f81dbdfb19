using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace NetGen.MonoCheck
{
    /// <summary>The checks (see Program): training, resuming from a file, safetensors, allocation and bad input.</summary>
    public static class Checks
    {
        private const int Steps = 300;
        private const int Batch = 8;

        /// <summary>Every check, in order.</summary>
        public static void All(List<string> lines)
        {
            AndGate(lines);
            Network<double>(lines, "SoftmaxAdam", () => new SoftmaxAdam(), OneHot<double>);
            Network<float>(lines, "SingleLanes", () => new SingleLanes(), Unit<float>);
            Network<double>(lines, "TanhNesterov", () => new TanhNesterov(), Signed<double>);
            Network<float>(lines, "ReluRmsprop", () => new ReluRmsprop(), Binary<float>);
            Network<double>(lines, "LeakyAdagrad", () => new LeakyAdagrad(), Signed<double>);
            Network<double>(lines, "DropoutAdamW", () => new DropoutAdamW(), OneHot<double>);
            Network<float>(lines, "SingleL1", () => new SingleL1(), Signed<float>);
            Network<float>(lines, "SiluLoops", () => new SiluLoops(), Binary<float>);
            Network<double>(lines, "GeluLoops", () => new GeluLoops(), OneHot<double>);
            Network<double>(lines, "MixedTail", () => new MixedTail(), Unit<double>);
            Network<double>(lines, "EluRmsprop", () => new EluRmsprop(), Signed<double>);
            Network<double>(lines, "TanhLoops", () => new TanhLoops(), OneHotOf<double>(4), exact: false);
            Fit(lines, "fit:SoftmaxAdam", new SoftmaxAdam(), threads: 1);
            Fit(lines, "fit:SoftmaxAdam-2-threads", new SoftmaxAdam(), threads: 2);
            FitSingle(lines);
            Steering(lines);
        }

        /// <summary>
        /// The steering sample's two minutes of game time: the agent learns (its steering error falls to a third or less),
        /// the frames after the first ten seconds allocate nothing, and the run is the same bits on both runtimes. The
        /// network's median cost per frame is printed, not compared.
        /// </summary>
        private static void Steering(List<string> lines)
        {
            const int Window = 10 * global::Steering.World.FrameRate;
            var world = new global::Steering.World(seed: 42);
            var ticks = new long[Window];
            double first = 0, last = 0;
            long allocated = 0;
            var hash = new Fnv();
            for (int window = 1; window <= 12; window++)
            {
                double error = 0;
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int f = 0; f < Window; f++)
                {
                    ticks[f] = world.Step();
                    error += world.ModelError;
                    hash.Add(world.Loss);
                }

                allocated += window == 1 ? 0 : GC.GetAllocatedBytesForCurrentThread() - before;
                first = window == 1 ? error / Window : first;
                last = error / Window;
            }

            (double x, double y, double vx, double vy) = world.State;
            hash.Add(x);
            hash.Add(y);
            hash.Add(vx);
            hash.Add(vy);
            string result = !(last < first / 3) ? "FAIL: the steering error went from " + Round(first) + " to " + Round(last)
                : allocated != 0 ? "FAIL: frames after the first window allocated " + allocated + " B"
                : "ok";
            Array.Sort(ticks);
            double microseconds = ticks[Window / 2] * 1e6 / System.Diagnostics.Stopwatch.Frequency;
            lines.Add("steering\t" + result + "\texact\t" + hash.Hex);
            lines.Add("steering:cost\tok\tinfo\t" + microseconds.ToString("F2", CultureInfo.InvariantCulture) + " µs per frame (median of the last 10 s), steering error "
                + (100 * first).ToString("F1", CultureInfo.InvariantCulture) + " % to " + (100 * last).ToString("F1", CultureInfo.InvariantCulture) + " %, "
                + allocated + " B after the first 10 s");
        }

        /// <summary>
        /// Fit with everything that decides its numbers: shuffled batches, a validation split, early stopping, a cosine
        /// schedule and, with <paramref name="threads"/> above 1, every step split across threads; the history and the
        /// parameters must be the same bits on both runtimes.
        /// </summary>
        private static void Fit(List<string> lines, string name, IPersistentNetwork<double> net, int threads)
        {
            var random = new Lcg(17);
            const int Samples = 96;
            double[] x = Values<double>(random, Samples * net.InputSize, -1.0, 1.0);
            int[] labels = Enumerable.Range(0, Samples).Select(_ => (int)(random.Next() * net.OutputSize)).ToArray();
            var options = new NetGen.Training.FitOptions<double>
            {
                Epochs = 12,
                BatchSize = 10,
                ShuffleSeed = 5,
                ValidationSplit = 0.25,
                EarlyStopping = new NetGen.Training.EarlyStopping { Patience = 3 },
                LearningRateSchedule = NetGen.Training.LearningRateSchedule.CosineAnnealing(12),
                Threads = threads,
            };
            try
            {
                NetGen.Training.TrainingReport report = net.Fit(x, labels, options);
                var hash = new Fnv();
                foreach (NetGen.Training.EpochReport epoch in report.History)
                {
                    hash.Add(epoch.Loss);
                    hash.Add(epoch.ValidationLoss ?? -1.0);
                    hash.Add(epoch.LearningRate);
                }

                double[] parameters = new double[net.ParameterCount];
                net.GetParameters(parameters);
                hash.Add(parameters);
                string result = report.History.Count > 0 && report.History.All(e => !double.IsNaN(e.Loss)) ? "ok" : "FAIL: no finite history";
                lines.Add(name + "\t" + result + "\texact\t" + hash.Hex + " epochs " + report.History.Count + " best " + report.BestEpoch);
            }
            catch (Exception e)
            {
                lines.Add(name + "\tFAIL: " + e.GetType().Name + ": " + OneLine(e.Message) + "\texact\t-");
            }
        }

        /// <summary>Fit in float on target rows, the square loss's lanes included, with a step-decay schedule.</summary>
        private static void FitSingle(List<string> lines)
        {
            var net = new SingleLanes();
            var random = new Lcg(23);
            float[] x = Values<float>(random, 64 * SingleLanes.InputSize, -1.0, 1.0);
            float[] t = Values<float>(random, 64 * SingleLanes.OutputSize, 0.0, 1.0);
            var options = new NetGen.Training.FitOptions<float>
            {
                Epochs = 6,
                BatchSize = 9,
                LearningRateSchedule = NetGen.Training.LearningRateSchedule.StepDecay(2, 0.5),
            };
            try
            {
                NetGen.Training.TrainingReport report = net.Fit(x, t, options);
                var hash = new Fnv();
                foreach (NetGen.Training.EpochReport epoch in report.History)
                {
                    hash.Add(epoch.Loss);
                }

                float[] parameters = new float[SingleLanes.ParameterCount];
                net.GetParameters(parameters);
                hash.Add(parameters);
                lines.Add("fit:SingleLanes\tok\texact\t" + hash.Hex);
            }
            catch (Exception e)
            {
                lines.Add("fit:SingleLanes\tFAIL: " + e.GetType().Name + ": " + OneLine(e.Message) + "\texact\t-");
            }
        }

        /// <summary>"Mono" or ".NET", with the version.</summary>
        public static string RuntimeName() =>
            Type.GetType("Mono.Runtime") is null ? ".NET " + Environment.Version : "Mono " + Environment.Version;

        /// <summary>The tutorial's AND gate: 10,000 iterations on the four samples learn it; the outputs agree closely.</summary>
        private static void AndGate(List<string> lines)
        {
            var net = new AndNet();
            double[] x = { 0, 0, 0, 1, 1, 0, 1, 1 };
            double[] t = { 0, 0, 0, 1 };
            double loss = net.Train(x, t, 10_000);
            var y = new double[4];
            net.Predict(x, y);
            string result = y[0] < 0.1 && y[1] < 0.1 && y[2] < 0.1 && y[3] > 0.9 ? "ok" : "FAIL: the AND gate was not learned: " + Text(y);
            lines.Add("and-gate\t" + result + "\tclose\t" + Text(new[] { loss }) + " " + Text(y));
        }

        /// <summary>Training, resuming, safetensors, allocation and bad input for one deterministic network.</summary>
        private static void Network<T>(List<string> lines, string name, Func<IPersistentNetwork<T>> create, Func<Lcg, int, T[]> targets, bool exact = true)
            where T : unmanaged
        {
            var random = new Lcg((ulong)name.Length * 7919UL);
            IPersistentNetwork<T> net = create();
            T[] x = Values<T>(random, Batch * net.InputSize, -1.0, 1.0);
            T[] t = targets(random, Batch * net.OutputSize);

            // Training: the bits of the losses, the parameters, the optimizer state and the outputs.
            var hash = new Fnv();
            string result = "ok";
            double first = 0, last = 0;
            for (int step = 1; step <= Steps; step++)
            {
                double loss = ToDouble(net.TrainStep(x, t));
                hash.Add(loss);
                first = step == 1 ? loss : first;
                last = loss;
                if (double.IsNaN(loss) || double.IsInfinity(loss))
                {
                    result = "FAIL: the loss of step " + step + " is " + loss;
                    break;
                }
            }

            if (result == "ok" && !(last < first))
            {
                result = "FAIL: training did not lower the loss (" + first + " to " + last + ")";
            }

            T[] parameters = new T[net.ParameterCount];
            net.GetParameters(parameters);
            T[] state = new T[net.OptimizerStateLength];
            net.GetOptimizerState(state);
            T[] outputs = new T[Batch * net.OutputSize];
            net.Predict(x, outputs);
            hash.Add(parameters);
            hash.Add(state);
            hash.Add(outputs);
            lines.Add(exact
                ? name + ":train\t" + result + "\texact\t" + hash.Hex + " " + Bits(ToDouble(outputs[0]))
                : name + ":train\t" + result + "\tclose\t" + Round(last) + " " + string.Join(" ", outputs.Take(8).Select(v => Round(ToDouble(v)))));

            lines.Add(name + ":resume\t" + Resume(create, net, x, t) + "\texact\t-");
            lines.Add(name + ":safetensors\t" + Safetensors(create, net) + "\texact\t-");
            lines.Add(name + ":allocation\t" + Allocation(net, x, t) + "\texact\t-");
            lines.Add(name + ":bad-input\t" + BadInput(net, x, t) + "\texact\t-");
        }

        /// <summary>Saved and loaded into a new network, training goes on with the same bits as in the original.</summary>
        private static string Resume<T>(Func<IPersistentNetwork<T>> create, IPersistentNetwork<T> net, T[] x, T[] t)
            where T : unmanaged
        {
            try
            {
                using var file = new MemoryStream();
                Files.Save(net, file);
                file.Position = 0;
                IPersistentNetwork<T> copy = create();
                Files.Load(copy, file);
                for (int step = 0; step < 5; step++)
                {
                    double a = ToDouble(net.TrainStep(x, t)), b = ToDouble(copy.TrainStep(x, t));
                    if (Bits(a) != Bits(b))
                    {
                        return "FAIL: after loading, step " + (step + 1) + " gives loss " + Round(b) + " instead of " + Round(a);
                    }
                }

                return SameParameters(net, copy) ? "ok" : "FAIL: after loading and 5 steps the parameters differ";
            }
            catch (Exception e)
            {
                return "FAIL: " + e.GetType().Name + ": " + OneLine(e.Message);
            }
        }

        /// <summary>Exported to safetensors and imported into a new network, the parameters are the same bits.</summary>
        private static string Safetensors<T>(Func<IPersistentNetwork<T>> create, IPersistentNetwork<T> net)
            where T : unmanaged
        {
            try
            {
                using var file = new MemoryStream();
                Files.ExportSafetensors(net, file);
                file.Position = 0;
                IPersistentNetwork<T> copy = create();
                Files.ImportSafetensors(copy, file);
                return SameParameters(net, copy) ? "ok" : "FAIL: the imported parameters differ";
            }
            catch (Exception e)
            {
                return "FAIL: " + e.GetType().Name + ": " + OneLine(e.Message);
            }
        }

        /// <summary>After a warm-up, 1,000 training steps allocate nothing.</summary>
        private static string Allocation<T>(IPersistentNetwork<T> net, T[] x, T[] t)
            where T : unmanaged
        {
            for (int step = 0; step < 100; step++)
            {
                net.TrainStep(x, t);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int step = 0; step < 1000; step++)
            {
                net.TrainStep(x, t);
            }

            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            return bytes == 0 ? "ok" : "FAIL: 1,000 training steps allocated " + bytes + " B";
        }

        /// <summary>A wrong length is an exception naming the size; a step on a non-finite input changes nothing.</summary>
        private static string BadInput<T>(IPersistentNetwork<T> net, T[] x, T[] t)
            where T : unmanaged
        {
            try
            {
                net.TrainStep(x.AsSpan(1), t);
                return "FAIL: a batch one value short was accepted";
            }
            catch (ArgumentException e) when (e.Message.Contains("InputSize"))
            {
            }

            T[] before = new T[net.ParameterCount];
            net.GetParameters(before);
            T[] poisoned = (T[])x.Clone();
            poisoned[3] = FromDouble<T>(double.NaN);
            try
            {
                net.TrainStep(poisoned, t);
                return "FAIL: a NaN input was accepted";
            }
            catch (ArgumentException)
            {
            }

            T[] after = new T[net.ParameterCount];
            net.GetParameters(after);
            return before.SequenceEqual(after) ? "ok" : "FAIL: a refused step changed the parameters";
        }

        private static bool SameParameters<T>(IPersistentNetwork<T> a, IPersistentNetwork<T> b)
            where T : unmanaged
        {
            T[] pa = new T[a.ParameterCount], pb = new T[b.ParameterCount];
            a.GetParameters(pa);
            b.GetParameters(pb);
            return pa.Select(v => Bits(ToDouble(v))).SequenceEqual(pb.Select(v => Bits(ToDouble(v))));
        }

        private static T[] OneHot<T>(Lcg random, int length)
            where T : unmanaged => OneHotOf<T>(3)(random, length);

        /// <summary>Rows of <paramref name="classes"/> values, each with a 1 at a random class.</summary>
        private static Func<Lcg, int, T[]> OneHotOf<T>(int classes)
            where T : unmanaged => (random, length) =>
            {
                var values = new double[length];
                for (int row = 0; row < length / classes; row++)
                {
                    values[(row * classes) + (int)(random.Next() * classes)] = 1.0;
                }

                return values.Select(FromDouble<T>).ToArray();
            };

        private static T[] Unit<T>(Lcg random, int length)
            where T : unmanaged => Values<T>(random, length, 0.0, 1.0);

        private static T[] Signed<T>(Lcg random, int length)
            where T : unmanaged => Values<T>(random, length, -1.0, 1.0);

        private static T[] Binary<T>(Lcg random, int length)
            where T : unmanaged => Enumerable.Range(0, length).Select(_ => FromDouble<T>(random.Next() < 0.5 ? 0.0 : 1.0)).ToArray();

        private static T[] Values<T>(Lcg random, int length, double low, double high)
            where T : unmanaged => Enumerable.Range(0, length).Select(_ => FromDouble<T>(low + ((high - low) * random.Next()))).ToArray();

        private static T FromDouble<T>(double value)
            where T : unmanaged => typeof(T) == typeof(float) ? (T)(object)(float)value : (T)(object)value;

        private static double ToDouble<T>(T value)
            where T : unmanaged => value is float f ? f : (double)(object)value;

        private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture);

        private static string Round(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static string Text(double[] values) => string.Join(" ", values.Select(Round));

        private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\t', ' ');

        /// <summary>
        /// The file methods for a network of either precision: they are extension methods on IPersistentNetwork of float
        /// or double (with generic math's constraint in the .NET builds), which a check written for any T calls through here.
        /// </summary>
        private static class Files
        {
            public static void Save<T>(IPersistentNetwork<T> net, Stream stream)
                where T : unmanaged => Either(net, d => d.Save(stream), f => f.Save(stream));

            public static void Load<T>(IPersistentNetwork<T> net, Stream stream)
                where T : unmanaged => Either(net, d => d.Load(stream), f => f.Load(stream));

            public static void ExportSafetensors<T>(IPersistentNetwork<T> net, Stream stream)
                where T : unmanaged => Either(net, d => d.ExportSafetensors(stream), f => f.ExportSafetensors(stream));

            public static void ImportSafetensors<T>(IPersistentNetwork<T> net, Stream stream)
                where T : unmanaged => Either(net, d => d.ImportSafetensors(stream), f => f.ImportSafetensors(stream));

            private static void Either<T>(IPersistentNetwork<T> net, Action<IPersistentNetwork<double>> ifDouble, Action<IPersistentNetwork<float>> ifSingle)
                where T : unmanaged
            {
                if (net is IPersistentNetwork<double> d)
                {
                    ifDouble(d);
                }
                else
                {
                    ifSingle((IPersistentNetwork<float>)net);
                }
            }
        }

        /// <summary>A 64-bit linear congruential generator (Knuth's MMIX constants): the same numbers on every runtime.</summary>
        private sealed class Lcg
        {
            private ulong _state;

            public Lcg(ulong seed) => _state = seed;

            /// <summary>A number in [0, 1) from the top 53 bits.</summary>
            public double Next()
            {
                _state = unchecked((_state * 6364136223846793005UL) + 1442695040888963407UL);
                return (_state >> 11) * (1.0 / 9007199254740992.0);
            }
        }

        /// <summary>FNV-1a over the bits of numbers.</summary>
        private sealed class Fnv
        {
            private ulong _hash = 14695981039346656037UL;

            public string Hex => _hash.ToString("X16", CultureInfo.InvariantCulture);

            public void Add(double value)
            {
                ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
                for (int k = 0; k < 8; k++)
                {
                    _hash = unchecked((_hash ^ ((bits >> (8 * k)) & 0xFF)) * 1099511628211UL);
                }
            }

            public void Add<T>(T[] values)
                where T : unmanaged
            {
                foreach (T value in values)
                {
                    Add(ToDouble(value));
                }
            }
        }
    }
}
