namespace NetGen;

/// <summary>How a weights file lays out a dense layer's weights and names its tensors (see <see cref="Safetensors"/>).</summary>
public enum WeightLayout
{
    /// <summary>
    /// PyTorch's <c>nn.Linear</c>: <c>{prefix}.weight</c> of shape <c>[out, in]</c> (the transpose of NetGen's W) and
    /// <c>{prefix}.bias</c> of shape <c>[out]</c>. Without prefixes, the names of an <c>nn.Sequential</c>'s state dict:
    /// <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, … (any increasing module indices, in order).
    /// </summary>
    PyTorch = 0,

    /// <summary>
    /// Keras's <c>Dense</c>: <c>{prefix}/kernel</c> of shape <c>[in, out]</c> (NetGen's W as it is) and
    /// <c>{prefix}/bias</c> of shape <c>[out]</c>. Without prefixes, Keras's default layer names:
    /// <c>dense</c>, <c>dense_1</c>, <c>dense_2</c>, ….
    /// </summary>
    Keras = 1,
}
