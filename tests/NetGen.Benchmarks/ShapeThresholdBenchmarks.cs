using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

// The measurement behind CodeShapePlanner's thresholds: 2-4-1, 4-4-1 and N-8-1 networks (N = 8, 16, 32) unrolled
// and in loops, trained on a batch of 32 (time per sample), and Forward of one sample. Larger ones cannot be
// unrolled (NG0013).
[Network(2, 4, 1, Unroll = UnrollMode.Always)] public partial class Fan2Unrolled { }
[Network(2, 4, 1, Unroll = UnrollMode.Never)] public partial class Fan2Loops { }
[Network(4, 4, 1, Unroll = UnrollMode.Always)] public partial class Fan4Unrolled { }
[Network(4, 4, 1, Unroll = UnrollMode.Never)] public partial class Fan4Loops { }
[Network(8, 8, 1, Unroll = UnrollMode.Always)] public partial class Fan8Unrolled { }
[Network(8, 8, 1, Unroll = UnrollMode.Never)] public partial class Fan8Loops { }
[Network(16, 8, 1, Unroll = UnrollMode.Always)] public partial class Fan16Unrolled { }
[Network(16, 8, 1, Unroll = UnrollMode.Never)] public partial class Fan16Loops { }
[Network(32, 8, 1, Unroll = UnrollMode.Always)] public partial class Fan32Unrolled { }
[Network(32, 8, 1, Unroll = UnrollMode.Never)] public partial class Fan32Loops { }

/// <summary>Unrolled (baseline) against loops, per fan-in: a ratio above 1 means loops are faster.</summary>
public abstract class ShapeThreshold<TUnrolled, TLoops> : NetworkPair<TUnrolled, TLoops, double>
    where TUnrolled : INetwork<double>, new()
    where TLoops : INetwork<double>, new()
{
    [Benchmark(Baseline = true, Description = "unrolled", OperationsPerInvoke = Batch)]
    public double Unrolled() => TrainFirst();

    [Benchmark(Description = "loops", OperationsPerInvoke = Batch)]
    public double Loops() => TrainSecond();

    [Benchmark(Description = "unrolled Forward")]
    public double UnrolledForward() => ForwardFirst();

    [Benchmark(Description = "loops Forward")]
    public double LoopsForward() => ForwardSecond();
}

[MemoryDiagnoser] public class ShapeFan002 : ShapeThreshold<Fan2Unrolled, Fan2Loops> { }
[MemoryDiagnoser] public class ShapeFan004 : ShapeThreshold<Fan4Unrolled, Fan4Loops> { }
[MemoryDiagnoser] public class ShapeFan008 : ShapeThreshold<Fan8Unrolled, Fan8Loops> { }
[MemoryDiagnoser] public class ShapeFan016 : ShapeThreshold<Fan16Unrolled, Fan16Loops> { }
[MemoryDiagnoser] public class ShapeFan032 : ShapeThreshold<Fan32Unrolled, Fan32Loops> { }
