using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NetGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/NetGen.Benchmarks -- --filter '*'</c> runs every benchmark with
/// BenchmarkDotNet's defaults; <c>-- --quick</c> runs them in-process with short runs and prints one markdown
/// table of ratios (medians) against each workload's baseline (the runtime-sized C# network, unless it names another).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--quick"))
        {
            IConfig quick = DefaultConfig.Instance
                .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("quick"))
                .WithOptions(ConfigOptions.DisableLogFile);
            Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
                .Run(args.Where(a => a != "--quick").DefaultIfEmpty("--filter=*").ToArray(), quick).ToArray();
            Console.WriteLine(QuickTable.Render(summaries));
            return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
