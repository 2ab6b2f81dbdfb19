namespace NetGen.Generator.Model;

/// <summary>
/// The function a weight layer applies to its pre-activations. The model names it; everything the emitter writes
/// for it (the scalar and vector calls, the kernels, the derivative, the comments) comes from its
/// <see cref="Emit.ActivationDescriptor"/>.
/// </summary>
internal enum ActivationKind
{
    /// <summary>The logistic sigmoid <c>σ(z) = 1 / (1 + e^(−z))</c>.</summary>
    Sigmoid = 0,
}
