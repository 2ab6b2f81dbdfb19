namespace NetGen;

/// <summary>How the generator shapes a network's code (see <see cref="NetworkAttribute.Unroll"/>).</summary>
#if NETGEN_GENERATOR
internal enum UnrollMode
#else
public enum UnrollMode
#endif
{
    /// <summary>
    /// Unroll small networks into straight-line code with a field per weight; use fixed-size vectorised loops over
    /// one parameter block for large ones, with straight-line inference code (Forward, Predict) for their layers
    /// of at most 32 inputs and 4 units.
    /// </summary>
    Auto = 0,

    /// <summary>Always unroll (a warning says when that will be slow; above 300 parameters it is an error).</summary>
    Always = 1,

    /// <summary>Always use vectorised loops over one parameter block, for every layer not listed in <see cref="NetworkAttribute.UnrolledLayers"/>.</summary>
    Never = 2,
}

/// <summary>The floating-point type a network computes in (see <see cref="NetworkAttribute.Precision"/>).</summary>
#if NETGEN_GENERATOR
internal enum Precision
#else
public enum Precision
#endif
{
    /// <summary><see cref="double"/>, the tutorial's precision; the class implements <see cref="INetwork"/>.</summary>
    Double = 0,

    /// <summary><see cref="float"/>: half the memory and twice the SIMD width; the class implements <see cref="INetwork{T}"/> of <see cref="float"/>.</summary>
    Single = 1,
}

/// <summary>How the initial weights are drawn (biases always start at 0); see <see cref="Initialization"/>.</summary>
#if NETGEN_GENERATOR
internal enum Initializer
#else
public enum Initializer
#endif
{
    /// <summary><c>W ~ N(0, 1)</c>, the tutorial's <c>randn</c>.</summary>
    StandardNormal = 0,

    /// <summary>Xavier/Glorot: <c>W ~ N(0, 2 / (fan_in + fan_out))</c>, which keeps sigmoid layers out of saturation.</summary>
    Xavier = 1,

    /// <summary>He: <c>W ~ N(0, 2 / fan_in)</c>.</summary>
    He = 2,
}
