using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace NetGen.Benchmarks;

/// <summary>
/// One markdown table: each workload's rows with median time, bytes allocated and the ratio of medians to the baseline
/// (the runtime-sized C# network, unless a workload names another).
/// </summary>
internal static class QuickTable
{
    public static string Render(Summary[] summaries)
    {
        var text = new StringBuilder();
        text.AppendLine("| workload | implementation | median per operation | operations/s | allocated | speed-up over the baseline |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                // The baseline of the same parameters and categories (each [Params] value and each category has its own).
                BenchmarkReport? baseline = summary.Reports.FirstOrDefault(r =>
                    r.BenchmarkCase.Descriptor.Baseline && r.BenchmarkCase.Parameters.DisplayInfo == report.BenchmarkCase.Parameters.DisplayInfo
                    && r.BenchmarkCase.Descriptor.Categories.SequenceEqual(report.BenchmarkCase.Descriptor.Categories));
                double? baseMedian = baseline?.ResultStatistics?.Median;
                double? median = report.ResultStatistics?.Median;
                string ratio = median is > 0 && baseMedian is > 0 ? (baseMedian.Value / median.Value).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a";
                long? bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                text.Append("| ").Append(report.BenchmarkCase.Descriptor.Type.Name)
                    .Append(" | ").Append(report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''))
                    .Append(report.BenchmarkCase.HasParameters ? " (" + report.BenchmarkCase.Parameters.DisplayInfo + ")" : string.Empty)
                    .Append(" | ").Append(median is null ? "n/a" : Time(median.Value))
                    .Append(" | ").Append(median is > 0 ? (1e9 / median.Value).ToString("N0", CultureInfo.InvariantCulture) : "n/a")
                    .Append(" | ").Append(bytes is null ? "n/a" : bytes.Value.ToString(CultureInfo.InvariantCulture) + " B")
                    .Append(" | ").Append(ratio).AppendLine(" |");
            }
        }

        return text.ToString();
    }

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => nanoseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
        < 1_000_000 => (nanoseconds / 1_000).ToString("0.00", CultureInfo.InvariantCulture) + " µs",
        _ => (nanoseconds / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
    };
}
