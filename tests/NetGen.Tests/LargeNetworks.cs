using NetGen;

// Networks that get the loop shape (vectorised kernels over one parameter block), and single precision.
namespace NetGen.Tests.Large
{
    /// <summary>A loop-shaped network small enough for finite differences over every parameter.</summary>
    [Network(12, 20, 3, Unroll = UnrollMode.Never)]
    public partial class GradientLoops { }

    /// <summary>The MNIST-shaped network of the benchmarks, in double.</summary>
    [Network(784, 128, 10, Initializer = Initializer.Xavier)]
    public partial class Mnist { }

    /// <summary>The same in single precision.</summary>
    [Network(784, 128, 10, Precision = Precision.Single, Initializer = Initializer.Xavier)]
    public partial class MnistSingle { }

    /// <summary>Odd sizes, so every kernel runs its vector remainder and scalar tail; fan-in 70 chooses loops.</summary>
    [Network(70, 33, 9, 5, Initializer = Initializer.He, Seed = 3)]
    public partial class OddLoops { }

    /// <summary>More than 1,024 parameters with short sums: loops by parameter count.</summary>
    [Network(40, 40, 40)]
    public partial class ManyParameters { }

    /// <summary>A small network forced into loops (NG0015 tells this is slower; it is information only).</summary>
    [Network(3, 5, 2, Unroll = UnrollMode.Never)]
    public partial class SmallLoops { }

    /// <summary>The AND network in single precision, unrolled.</summary>
    [Network(2, 4, 1, Precision = Precision.Single)]
    public partial class AndSingle { }

    /// <summary>Loops for the 40-input layer; Forward runs the two small layers after it in straight-line code (the planner's choice).</summary>
    [Network(40, 6, 3, 1, Seed = 11)]
    public partial class MixedTail { }

    /// <summary>MixedTail with every layer on the kernels: the twin its straight-line layers must match bit for bit.</summary>
    [Network(40, 6, 3, 1, Seed = 11, Unroll = UnrollMode.Never)]
    public partial class MixedTailKernels { }

    /// <summary>MixedHead's all-kernel twin.</summary>
    [Network(3, 8, 20, 2, Initializer = Initializer.Xavier, Unroll = UnrollMode.Never)]
    public partial class MixedHeadKernels { }

    /// <summary>MixedSingle's all-kernel twin.</summary>
    [Network(2, 24, 24, 2, Precision = Precision.Single, Unroll = UnrollMode.Never)]
    public partial class MixedSingleKernels { }

    // Layers forced into straight-line code for both passes; NetGen warns that loops are faster for them.
#pragma warning disable NG0023
    /// <summary>Straight-line first layer (no δ below it) and middle layer (8 → 20, with δ below), loops for the last.</summary>
    [Network(3, 8, 20, 2, Initializer = Initializer.Xavier, UnrolledLayers = new[] { 1, 2 })]
    public partial class MixedHead { }

    /// <summary>Straight-line first and last layers around a kernel layer, in single precision.</summary>
    [Network(2, 24, 24, 2, Precision = Precision.Single, UnrolledLayers = new[] { 1, 3 })]
    public partial class MixedSingle { }
#pragma warning restore NG0023

    /// <summary>A deep, wide single-precision network in loops.</summary>
    [Network(96, 64, 48, 10, Precision = Precision.Single, Initializer = Initializer.Xavier)]
    public partial class DeepSingle { }
}
