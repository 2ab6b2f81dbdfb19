using System;

namespace NetGen;

/// <summary>
/// Marks a <c>partial</c> class as a fully connected sigmoid network whose trainer NetGen generates at
/// compile time. The sizes are the input size, then each hidden layer's size, then the output size.
/// </summary>
/// <example>
/// <code>
/// [Network(2, 4, 1)]                 // 2 inputs, one hidden layer of 4 units, 1 output
/// public partial class AndNet { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares the topology: input size, hidden sizes..., output size (at least two sizes, each at least 1).</summary>
    /// <param name="layerSizes">The size of every layer, input first and output last.</param>
    public NetworkAttribute(params int[] layerSizes)
    {
        LayerSizes = layerSizes ?? Array.Empty<int>();
    }

    /// <summary>The layer sizes as written on the attribute, input first and output last.</summary>
    public int[] LayerSizes { get; }

    /// <summary>The step size of gradient descent used by <c>TrainStep</c> and <c>Train</c>; 0.1 unless set (the tutorial's value).</summary>
    public double LearningRate { get; set; } = 0.1;

    /// <summary>The seed of the weight initialisation used by the parameterless constructor; 0 unless set.</summary>
    public int Seed { get; set; }

    /// <summary>Straight-line code or vectorised loops; <see cref="UnrollMode.Auto"/> unless set.</summary>
    public UnrollMode Unroll { get; set; }

    /// <summary>
    /// The layers, by number (1 is the first layer of weights, the last is the output layer), whose forward and
    /// backward passes are straight-line code in a network whose parameters are one vectorised block; the other
    /// layers keep the vectorised loops. A listed layer may have at most 256 weights (inputs x units). Unset (or
    /// null), the planner chooses per layer and pass (see the README's thresholds); setting it, even to an empty
    /// list, takes that choice over and puts the network in one parameter block, as <see cref="UnrollMode.Never"/>
    /// does, even a network small enough to unroll. It cannot be combined with <see cref="UnrollMode.Always"/>.
    /// </summary>
    /// <example><c>[Network(64, 8, 1, UnrolledLayers = new[] { 2 })]</c>: the 8-to-1 output layer as straight-line code.</example>
    public int[]? UnrolledLayers { get; set; }

    /// <summary>The floating-point type of the network; <see cref="Precision.Double"/> unless set.</summary>
    public Precision Precision { get; set; }

    /// <summary>How the initial weights are drawn; <see cref="Initializer.StandardNormal"/> (the tutorial's) unless set.</summary>
    public Initializer Initializer { get; set; }
}
