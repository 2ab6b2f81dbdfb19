using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

// The measurement behind CodeShapePlanner's per-layer thresholds: networks kept in one parameter block whose
// layer under test (inputs x units) runs either through the vectorised kernels (Unroll = Never) or as
// straight-line code (UnrolledLayers); every other layer is the same in both. Tails after a 64-input kernel
// layer: 64-f-u for the layer f x u; heads: the first layer of 2-32-32-1 and 4-16-16-1; three tails in float too.
[Network(64, 4, 1, Unroll = UnrollMode.Never)] public partial class Tail4x1Loops { }
[Network(64, 4, 1, UnrolledLayers = new[] { 2 })] public partial class Tail4x1Straight { }
[Network(64, 8, 1, Unroll = UnrollMode.Never)] public partial class Tail8x1Loops { }
[Network(64, 8, 1, UnrolledLayers = new[] { 2 })] public partial class Tail8x1Straight { }
[Network(64, 16, 1, Unroll = UnrollMode.Never)] public partial class Tail16x1Loops { }
[Network(64, 16, 1, UnrolledLayers = new[] { 2 })] public partial class Tail16x1Straight { }
[Network(64, 32, 1, Unroll = UnrollMode.Never)] public partial class Tail32x1Loops { }
[Network(64, 32, 1, UnrolledLayers = new[] { 2 })] public partial class Tail32x1Straight { }
[Network(64, 8, 4, Unroll = UnrollMode.Never)] public partial class Tail8x4Loops { }
[Network(64, 8, 4, UnrolledLayers = new[] { 2 })] public partial class Tail8x4Straight { }
[Network(64, 8, 8, Unroll = UnrollMode.Never)] public partial class Tail8x8Loops { }
[Network(64, 8, 8, UnrolledLayers = new[] { 2 })] public partial class Tail8x8Straight { }
[Network(64, 8, 16, Unroll = UnrollMode.Never)] public partial class Tail8x16Loops { }
[Network(64, 8, 16, UnrolledLayers = new[] { 2 })] public partial class Tail8x16Straight { }
[Network(64, 8, 32, Unroll = UnrollMode.Never)] public partial class Tail8x32Loops { }
[Network(64, 8, 32, UnrolledLayers = new[] { 2 })] public partial class Tail8x32Straight { }
[Network(2, 32, 32, 1, Unroll = UnrollMode.Never)] public partial class Head2x32Loops { }
[Network(2, 32, 32, 1, UnrolledLayers = new[] { 1 })] public partial class Head2x32Straight { }
[Network(4, 16, 16, 1, Unroll = UnrollMode.Never)] public partial class Head4x16Loops { }
[Network(4, 16, 16, 1, UnrolledLayers = new[] { 1 })] public partial class Head4x16Straight { }
[Network(64, 8, 1, Unroll = UnrollMode.Never, Precision = Precision.Single)] public partial class Tail8x1LoopsF32 { }
[Network(64, 8, 1, UnrolledLayers = new[] { 2 }, Precision = Precision.Single)] public partial class Tail8x1StraightF32 { }
[Network(64, 8, 4, Unroll = UnrollMode.Never, Precision = Precision.Single)] public partial class Tail8x4LoopsF32 { }
[Network(64, 8, 4, UnrolledLayers = new[] { 2 }, Precision = Precision.Single)] public partial class Tail8x4StraightF32 { }
[Network(64, 8, 8, Unroll = UnrollMode.Never, Precision = Precision.Single)] public partial class Tail8x8LoopsF32 { }
[Network(64, 8, 8, UnrolledLayers = new[] { 2 }, Precision = Precision.Single)] public partial class Tail8x8StraightF32 { }

/// <summary>
/// One layer through the kernels (baseline) against the same layer in straight-line code: training on a batch of
/// 32 (time per sample) and Forward of one sample. Same initial weights and data in both.
/// </summary>
public abstract class LayerThreshold<TLoops, TStraight, T> : NetworkPair<TLoops, TStraight, T>
    where TLoops : INetwork<T>, new()
    where TStraight : INetwork<T>, new()
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    [Benchmark(Baseline = true, Description = "loops", OperationsPerInvoke = Batch)]
    public T Loops() => TrainFirst();

    [Benchmark(Description = "straight-line", OperationsPerInvoke = Batch)]
    public T Straight() => TrainSecond();

    [Benchmark(Description = "loops Forward")]
    public T LoopsForward() => ForwardFirst();

    [Benchmark(Description = "straight-line Forward")]
    public T StraightForward() => ForwardSecond();
}

[MemoryDiagnoser] public class LayerTail4x1 : LayerThreshold<Tail4x1Loops, Tail4x1Straight, double> { }
[MemoryDiagnoser] public class LayerTail8x1 : LayerThreshold<Tail8x1Loops, Tail8x1Straight, double> { }
[MemoryDiagnoser] public class LayerTail16x1 : LayerThreshold<Tail16x1Loops, Tail16x1Straight, double> { }
[MemoryDiagnoser] public class LayerTail32x1 : LayerThreshold<Tail32x1Loops, Tail32x1Straight, double> { }
[MemoryDiagnoser] public class LayerTail8x4 : LayerThreshold<Tail8x4Loops, Tail8x4Straight, double> { }
[MemoryDiagnoser] public class LayerTail8x8 : LayerThreshold<Tail8x8Loops, Tail8x8Straight, double> { }
[MemoryDiagnoser] public class LayerTail8x16 : LayerThreshold<Tail8x16Loops, Tail8x16Straight, double> { }
[MemoryDiagnoser] public class LayerTail8x32 : LayerThreshold<Tail8x32Loops, Tail8x32Straight, double> { }
[MemoryDiagnoser] public class LayerHead2x32 : LayerThreshold<Head2x32Loops, Head2x32Straight, double> { }
[MemoryDiagnoser] public class LayerHead4x16 : LayerThreshold<Head4x16Loops, Head4x16Straight, double> { }
[MemoryDiagnoser] public class LayerTail8x1F32 : LayerThreshold<Tail8x1LoopsF32, Tail8x1StraightF32, float> { }
[MemoryDiagnoser] public class LayerTail8x4F32 : LayerThreshold<Tail8x4LoopsF32, Tail8x4StraightF32, float> { }
[MemoryDiagnoser] public class LayerTail8x8F32 : LayerThreshold<Tail8x8LoopsF32, Tail8x8StraightF32, float> { }
