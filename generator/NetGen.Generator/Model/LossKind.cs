namespace NetGen.Generator.Model;

/// <summary>
/// The loss a network is trained on. The model names it; the text the emitter writes for it comes from its
/// <see cref="Emit.LossDescriptor"/>.
/// </summary>
internal enum LossKind
{
    /// <summary>The square loss <c>L = ½ Σ (y − t)²</c>, summed over a batch.</summary>
    Square = 0,
}
