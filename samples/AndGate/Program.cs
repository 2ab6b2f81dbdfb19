using System;
using System.Globalization;
using System.IO;
using System.Linq;
using AndGate;

// The tutorial's experiment: learn AND with a 2-4-1 sigmoid network, full batch, 10,000 iterations.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

double[] inputs = { 0, 0, 0, 1, 1, 0, 1, 1 }; // four samples, sample-major
double[] targets = { 0, 0, 0, 1 };
const int Iterations = 10_000;

Console.WriteLine("NetGen AND gate: [Network(2, 4, 1)], learning rate 0.1, seed 0, full batch of 4 samples");
Console.WriteLine("loss L = ½ Σ (y − t)² over the batch (the tutorial prints it divided by the batch size)");
Console.WriteLine();

var net = new AndNet();
var predictions = new double[4];
var losses = new double[Iterations];
for (int iteration = 1; iteration <= Iterations; iteration++)
{
    double loss = net.TrainStep(inputs, targets);
    losses[iteration - 1] = loss;
    if (iteration % 1000 == 0)
    {
        net.Predict(inputs, predictions);
        Console.WriteLine(
            $"iteration {iteration,6}  loss {loss:F6}  targets [{string.Join(", ", targets.Select(t => t.ToString("F0")))}]" +
            $"  predictions [{string.Join(", ", predictions.Select(p => p.ToString("F4")))}]");
    }
}

Console.WriteLine();
PrintTable(net);

// The loss curve, as an image beside where the sample was started.
string curve = Path.GetFullPath("and-loss.png");
var plot = new ScottPlot.Plot();
plot.Add.Signal(losses);
plot.Title("AND gate, [Network(2, 4, 1)]: loss per full-batch step");
plot.XLabel("iteration");
plot.YLabel("loss ½ Σ (y − t)²");
plot.SavePng(curve, 800, 450);
Console.WriteLine();
Console.WriteLine("loss curve written to " + curve);

Console.WriteLine();
Console.WriteLine("Initialisation experiment 1: every weight and bias 0.");
Console.WriteLine("Every hidden unit gets the same input, the same gradient and so the same update: they stay identical,\nso the network has in effect one hidden unit (which is enough for AND).");
Experiment(new double[AndNet.ParameterCount]);

Console.WriteLine();
Console.WriteLine("Initialisation experiment 2: first-layer weights 1, second-layer weights 0, biases 0.");
Console.WriteLine("The hidden units again start identical and stay identical, yet the network still learns AND.");
var ones = new double[AndNet.ParameterCount];
Array.Fill(ones, 1.0, 0, 8); // W1 is the first 2 x 4 = 8 parameters
Experiment(ones);

static void Experiment(double[] start)
{
    double[] inputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
    double[] targets = { 0, 0, 0, 1 };
    var net = new AndNet();
    net.SetParameters(start);
    double loss = net.Train(inputs, targets, Iterations);
    Console.WriteLine($"after {Iterations} iterations: loss {loss:F6}");
    PrintTable(net);
    var p = new double[AndNet.ParameterCount];
    net.GetParameters(p);
    Console.WriteLine("learned W1 (2 x 4, row i = input i):");
    for (int i = 0; i < 2; i++)
    {
        Console.WriteLine("  [" + string.Join(", ", p.Skip(4 * i).Take(4).Select(v => v.ToString("F6").PadLeft(10))) + "]");
    }

    Console.WriteLine("learned b1: [" + string.Join(", ", p.Skip(8).Take(4).Select(v => v.ToString("F6"))) + "]");
    Console.WriteLine("learned W2 (4 x 1): [" + string.Join(", ", p.Skip(12).Take(4).Select(v => v.ToString("F6"))) + "]");
    Console.WriteLine("learned b2: [" + p[16].ToString("F6") + "]");
}

static void PrintTable(AndNet net)
{
    Console.WriteLine("x1  x2  target  prediction");
    double[] inputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
    double[] targets = { 0, 0, 0, 1 };
    var y = new double[1];
    for (int s = 0; s < 4; s++)
    {
        net.Forward(inputs.AsSpan(2 * s, 2), y);
        Console.WriteLine($"{inputs[2 * s],2}  {inputs[2 * s + 1],2}  {targets[s],6}  {y[0],10:F4}");
    }
}
