namespace NetGen.Generator.Model;

/// <summary>The code a network gets: straight-line code with a field per weight, or vectorised loops over one parameter block.</summary>
internal enum CodeShape
{
    Unrolled = 0,
    Loops = 1,
}

/// <summary>The passes of one layer that get straight-line code inside a network of the loop shape.</summary>
[System.Flags]
internal enum LayerPasses
{
    /// <summary>Every pass calls the vectorised kernels.</summary>
    None = 0,

    /// <summary>Inference: one sample through the layer in Forward and Predict.</summary>
    Inference = 1,

    /// <summary>Training: the layer's forward pass over a chunk of samples, its gradient and the δ it sends down.</summary>
    Training = 2,

    /// <summary>Both.</summary>
    Both = Inference | Training,
}
