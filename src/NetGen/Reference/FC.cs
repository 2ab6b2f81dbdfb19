namespace NetGen.Reference;

/// <summary>
/// A fully connected layer, as in the tutorial: <c>W</c> is (inputs x outputs), <c>b</c> is (outputs x 1),
/// <c>a = f(Wᵀ · x + b)</c> with the layer's <see cref="Activation"/> f (the tutorial's sigmoid unless given), and
/// <see cref="Forward"/> keeps what <see cref="Backward"/> needs. A batch is a matrix whose columns are samples.
/// </summary>
/// <remarks>
/// Unlike the tutorial's <c>FC.backward</c>, <see cref="Backward"/> does not update the weights: it stores the
/// gradient and returns the residual for the layer below computed with the weights as they are, and the
/// network applies every update afterwards (with its <see cref="IOptimizer"/>; <see cref="ApplyGradients"/> is plain
/// gradient descent). It also keeps one bias gradient per
/// unit (the tutorial's <c>np.sum(residual_z)</c> adds every unit's into one number). Both make the result the
/// true gradient. Generated code (the emitter in NetGen.Generator) must stay in step with this class.
/// </remarks>
public sealed class FC
{
    private Matrix? _bottom; // the layer's input, kept by Forward for Backward (tutorial: bottomVal)
    private Matrix? _z;      // the layer's pre-activations Wᵀ · x + b, kept by Forward for Backward
    private Matrix? _top;    // the layer's output f(z), kept by Forward for Backward (tutorial: topVal)

    /// <summary>A sigmoid layer from <paramref name="inputs"/> units to <paramref name="outputs"/> units, with zero weights and biases.</summary>
    public FC(int inputs, int outputs)
        : this(inputs, outputs, fusedMultiplyAdd: false)
    {
    }

    /// <summary>
    /// A sigmoid layer from <paramref name="inputs"/> units to <paramref name="outputs"/> units, with zero weights and
    /// biases, whose matrix products fuse each multiply-add when <paramref name="fusedMultiplyAdd"/> is set
    /// (see <see cref="Matrix.Dot(Matrix, Matrix, bool)"/>).
    /// </summary>
    public FC(int inputs, int outputs, bool fusedMultiplyAdd)
        : this(inputs, outputs, new Sigmoid(), fusedMultiplyAdd)
    {
    }

    /// <summary>
    /// A layer from <paramref name="inputs"/> units to <paramref name="outputs"/> units applying
    /// <paramref name="activation"/>, with zero weights and biases, whose matrix products fuse each multiply-add when
    /// <paramref name="fusedMultiplyAdd"/> is set (see <see cref="Matrix.Dot(Matrix, Matrix, bool)"/>).
    /// </summary>
    public FC(int inputs, int outputs, IActivation activation, bool fusedMultiplyAdd)
    {
        System.ArgumentNullException.ThrowIfNull(activation);
        Activation = activation;
        FusedMultiplyAdd = fusedMultiplyAdd;
        W = new Matrix(inputs, outputs);
        B = new Matrix(outputs, 1);
        GradW = new Matrix(inputs, outputs);
        GradB = new Matrix(outputs, 1);
    }

    /// <summary>The layer's activation f.</summary>
    public IActivation Activation { get; }

    /// <summary>Whether the layer's matrix products round once per multiply-add (fused) or twice.</summary>
    public bool FusedMultiplyAdd { get; }

    /// <summary>The weights, inputs x outputs: <c>W[i, j]</c> connects input i to unit j.</summary>
    public Matrix W { get; }

    /// <summary>The biases, outputs x 1.</summary>
    public Matrix B { get; }

    /// <summary>∂L/∂W from the last <see cref="Backward"/>.</summary>
    public Matrix GradW { get; private set; }

    /// <summary>∂L/∂b from the last <see cref="Backward"/>, one entry per unit.</summary>
    public Matrix GradB { get; private set; }

    /// <summary>The pre-activations (logits) <c>z = Wᵀ · x + b</c> of the last <see cref="Forward"/>, outputs x N.</summary>
    public Matrix PreActivations => _z ?? throw new System.InvalidOperationException("PreActivations needs a Forward first.");

    /// <summary><c>z = Wᵀ · x + b</c>, <c>a = f(z)</c> for every column of <paramref name="bottom"/>.</summary>
    public Matrix Forward(Matrix bottom)
    {
        Matrix z = Matrix.AddColumn(Matrix.Dot(W.T(), bottom, FusedMultiplyAdd), B);
        _bottom = bottom;
        _z = z;
        _top = Activation.Forward(z);
        return _top;
    }

    /// <summary>
    /// Given <c>∂L/∂a</c> (outputs x N), computes <c>δ = ∂L/∂z</c> through the activation (for the sigmoid,
    /// <c>δ = ∂L/∂a ⊙ a(1 − a)</c>), then as <see cref="BackwardFromPreActivations"/>.
    /// </summary>
    public Matrix Backward(Matrix topGradient)
    {
        Matrix top = _top ?? throw new System.InvalidOperationException("Backward needs a Forward first.");
        return BackwardFromPreActivations(Activation.Backward(_z!, top, topGradient));
    }

    /// <summary>
    /// Given <c>δ = ∂L/∂z</c> (outputs x N), stores <c>∂L/∂W = x · δᵀ</c> and <c>∂L/∂b = Σ_samples δ</c>, and returns
    /// <c>∂L/∂x = W · δ</c>. The network calls it directly on the output layer when the loss gives <c>∂L/∂z</c> from the
    /// logits (the cross-entropies), so the activation's own backward pass is folded into the loss.
    /// </summary>
    public Matrix BackwardFromPreActivations(Matrix residualZ)
    {
        System.ArgumentNullException.ThrowIfNull(residualZ);
        Matrix bottom = _bottom ?? throw new System.InvalidOperationException("Backward needs a Forward first.");
        GradW = Matrix.Dot(bottom, residualZ.T(), FusedMultiplyAdd);
        GradB = residualZ.SumRows();
        return Matrix.Dot(W, residualZ, FusedMultiplyAdd);
    }

    /// <summary>Gradient descent: <c>W -= lr · ∂L/∂W</c>, <c>b -= lr · ∂L/∂b</c>.</summary>
    public void ApplyGradients(double learningRate)
    {
        W.SubtractScaled(learningRate, GradW);
        B.SubtractScaled(learningRate, GradB);
    }
}
