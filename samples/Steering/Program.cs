using System;
using System.Diagnostics;
using System.Globalization;
using Steering;

// A body learns, while the game runs, which command moves it which way, and uses what it learned to chase a target.
// Two minutes of game time at 60 frames a second, reported every ten seconds: how far the model's commands missed the
// acceleration wanted (relative to the thrusters' strength), how far from the target the body was, what the network
// cost per frame (the median of the window) and what the frames allocated.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Window = 10 * World.FrameRate;
var world = new World(seed: 42);
var ticks = new long[Window];
Console.WriteLine("seconds  steering error  distance  network per frame (median)  allocated");
double first = 0, last = 0;
for (int window = 1; window <= 12; window++)
{
    double distance = 0, error = 0;
    long before = GC.GetAllocatedBytesForCurrentThread();
    for (int f = 0; f < Window; f++)
    {
        ticks[f] = world.Step();
        distance += world.Distance;
        error += world.ModelError;
    }

    long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    Array.Sort(ticks);
    double microseconds = ticks[Window / 2] * 1e6 / Stopwatch.Frequency;
    double mean = error / Window;
    first = window == 1 ? mean : first;
    last = mean;
    Console.WriteLine($"{window * 10,7}  {mean,14:P1}  {distance / Window,8:F2}  {microseconds,23:F2} µs  {allocated,7} B");
}

Console.WriteLine(last < first / 3
    ? $"Learned: the steering error fell from {first:P1} to {last:P1}."
    : $"Not learned: the steering error went from {first:P1} to {last:P1}.");
return last < first / 3 ? 0 : 1;
