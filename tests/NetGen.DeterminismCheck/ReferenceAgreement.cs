using System;
using System.Numerics;
using NetGen.Reference;

namespace NetGen.DeterminismCheck;

/// <summary>
/// How far a generated network was from <see cref="ReferenceNetwork"/> built from its own description, as the largest
/// deviation of each measure relative to the largest magnitude of what it measures.
/// </summary>
/// <param name="Values">Outputs, loss and gradient from the same parameters.</param>
/// <param name="Training">The losses of the training steps and the parameters after them.</param>
/// <param name="ValuesTolerance">The tolerance of <paramref name="Values"/> for the network's precision.</param>
/// <param name="TrainingTolerance">The tolerance of <paramref name="Training"/>.</param>
/// <param name="Where">What deviated most.</param>
internal sealed record Agreement(double Values, double Training, double ValuesTolerance, double TrainingTolerance, string Where)
{
    /// <summary>Whether both deviations are within their tolerances (NaN is not).</summary>
    public bool Agrees => Values <= ValuesTolerance && Training <= TrainingTolerance;
}

/// <summary>
/// The generated network against the reference network, which computes every layer the way the tutorial writes it,
/// in double, with the platform's exp and log. The reference is not bit-exact (it rounds differently), so this is a
/// tolerance check; it catches what a wrong kernel on one instruction set gives: a lane, a tail or a vector width
/// computed wrongly is off by far more than rounding.
/// </summary>
internal static class ReferenceAgreement
{
    /// <summary>Training steps compared.</summary>
    private const int Steps = 5;

    public static Agreement Compare<T>(IPersistentNetwork<T> generated, int seed, CheckData<T> data)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool single = typeof(T) == typeof(float);
        // Double networks differ from the reference by rounding alone (seen: below 1e-14 for the values, 1e-12 after
        // training), float ones by float rounding (seen: below 1e-6); a wrong lane or tail is off by far more.
        double valuesTolerance = single ? 1e-4 : 1e-10;
        double trainingTolerance = single ? 1e-3 : 1e-8;
        var reference = new ReferenceNetwork(generated.Description, seed);
        int p = generated.ParameterCount, inputs = generated.InputSize, outputs = generated.OutputSize;
        int n = Math.Min(data.Count, 8);

        var start = new T[p];
        generated.GetParameters(start);
        reference.SetParameters(CheckData<T>.ToDouble(start));
        reference.LearningRate = double.CreateTruncating(generated.LearningRate);

        ReadOnlySpan<T> x = data.InputRows(0, n, inputs), t = data.TargetRows(0, n, outputs);
        double[] xd = CheckData<T>.ToDouble(x), td = CheckData<T>.ToDouble(t);
        var worst = new Worst();

        var y = new T[n * outputs];
        var yd = new double[y.Length];
        generated.Predict(x, y);
        reference.Predict(xd, yd);
        worst.Vector("Predict", yd, CheckData<T>.ToDouble(y));

        var g = new T[p];
        var gd = new double[p];
        T loss = generated.ComputeGradients(x, t, g);
        double lossd = reference.ComputeGradients(xd, td, gd);
        worst.Scalar("loss", lossd, double.CreateTruncating(loss));
        worst.Vector("gradient", gd, CheckData<T>.ToDouble(g));
        var values = worst;

        worst = new Worst();
        for (int step = 0; step < Steps; step++)
        {
            T l = generated.TrainStep(x, t);
            double ld = reference.TrainStep(xd, td);
            worst.Scalar($"loss of step {step + 1}", ld, double.CreateTruncating(l));
        }

        var after = new T[p];
        var afterd = new double[p];
        generated.GetParameters(after);
        reference.GetParameters(afterd);
        worst.Vector($"parameters after {Steps} steps", afterd, CheckData<T>.ToDouble(after));

        string where = values.Deviation / valuesTolerance >= worst.Deviation / trainingTolerance ? values.Where : worst.Where;
        return new Agreement(values.Deviation, worst.Deviation, valuesTolerance, trainingTolerance, where);
    }

    /// <summary>The largest relative deviation seen, and where.</summary>
    private sealed class Worst
    {
        public double Deviation { get; private set; }

        public string Where { get; private set; } = "";

        public void Scalar(string what, double expected, double actual) =>
            Note(what, Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-300));

        /// <summary>Every element against the largest magnitude of <paramref name="expected"/>.</summary>
        public void Vector(string what, double[] expected, double[] actual)
        {
            double scale = 1e-300;
            foreach (double e in expected)
            {
                scale = Math.Max(scale, Math.Abs(e));
            }

            for (int k = 0; k < expected.Length; k++)
            {
                Note($"{what}[{k}]", Math.Abs(actual[k] - expected[k]) / scale);
            }
        }

        private void Note(string what, double deviation)
        {
            if (deviation > Deviation || (double.IsNaN(deviation) && !double.IsPositiveInfinity(Deviation)))
            {
                Deviation = double.IsNaN(deviation) ? double.PositiveInfinity : deviation;
                Where = what;
            }
        }
    }
}
