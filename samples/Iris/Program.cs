using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Iris;
using NetGen;
using NetGen.Data;
using NetGen.Training;

// Fisher's Iris data: 150 flowers, 4 measurements each, 3 species. A seeded, stratified split holds out a fifth of
// each species; the network never sees those 30 flowers until the end.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Seed = 7;

LabeledData<double> data = Csv.ReadClassification<double>(Path.Combine(AppContext.BaseDirectory, "iris.csv"), "species");
int features = data.FeatureCount;

// Stratified split: shuffle each species' rows with a seeded generator, hold out the last fifth of each.
var random = new Random(Seed);
var train = new List<int>();
var test = new List<int>();
for (int c = 0; c < data.ClassNames.Count; c++)
{
    int[] rows = Enumerable.Range(0, data.Count).Where(r => data.Labels[r] == c).ToArray();
    random.Shuffle(rows);
    int held = rows.Length / 5;
    test.AddRange(rows.Take(held));
    train.AddRange(rows.Skip(held));
}

// Standardise every feature with the training rows' mean and standard deviation (the test rows' are not looked at).
double[] mean = new double[features], deviation = new double[features];
for (int f = 0; f < features; f++)
{
    double[] column = train.Select(r => data.Inputs[r * features + f]).ToArray();
    mean[f] = column.Average();
    deviation[f] = Math.Sqrt(column.Select(v => (v - mean[f]) * (v - mean[f])).Average());
}

(double[] X, int[] Y) Rows(List<int> rows) =>
    (rows.SelectMany(r => Enumerable.Range(0, features).Select(f => (data.Inputs[r * features + f] - mean[f]) / deviation[f])).ToArray(),
     rows.Select(r => data.Labels[r]).ToArray());

(double[] trainX, int[] trainY) = Rows(train);
(double[] testX, int[] testY) = Rows(test);
Console.WriteLine($"Iris: {train.Count} training and {test.Count} held-out flowers (stratified, seed {Seed}); features standardised");
Console.WriteLine("[Network(4, 8, 3)]: tanh hidden layer, softmax + cross-entropy, Adam (learning rate 0.01), batch 8");

var net = new IrisNet(Seed);
TrainingReport report = Trainer.Fit(net, trainX, trainY, new FitOptions<double>
{
    Epochs = 200,
    BatchSize = 8,
    ShuffleSeed = Seed,
    Progress = new EpochProgress(e =>
    {
        if (e.Epoch % 40 == 0)
        {
            Console.WriteLine($"epoch {e.Epoch,3}: training loss {e.Loss:F4}");
        }
    }),
});

Evaluation result = Trainer.Evaluate(net, testX, testY);
Console.WriteLine();
Console.WriteLine("held-out flowers, rows: true species, columns: predicted");
Console.WriteLine("                " + string.Join(" ", data.ClassNames.Select(n => n.PadLeft(10))));
for (int r = 0; r < data.ClassNames.Count; r++)
{
    Console.WriteLine(data.ClassNames[r].PadRight(16) + string.Join(" ", Enumerable.Range(0, data.ClassNames.Count).Select(c => result.ConfusionMatrix![r, c].ToString(CultureInfo.InvariantCulture).PadLeft(10))));
}

Console.WriteLine();
double[] flower = testX.AsSpan(0, features).ToArray();
Console.WriteLine($"first held-out flower: {data.ClassNames[net.Classify(flower)]} (it is {data.ClassNames[testY[0]]})");
Console.WriteLine($"held-out accuracy {result.Accuracy:F4} after {report.EpochsRun} epochs");
return result.Accuracy >= 0.95 ? 0 : 1;

/// <summary>Reports each epoch on the training thread.</summary>
internal sealed class EpochProgress(Action<EpochReport> report) : IProgress<EpochReport>
{
    public void Report(EpochReport value) => report(value);
}
