namespace NetGen;

/// <summary>The function a layer applies to its pre-activations <c>z = Wᵀ · a + b</c>, as PyTorch defines it.</summary>
#if NETGEN_GENERATOR
internal enum Activation
#else
public enum Activation
#endif
{
    /// <summary>The logistic sigmoid <c>σ(z) = 1 / (1 + e^(−z))</c> (<c>torch.sigmoid</c>), the tutorial's.</summary>
    Sigmoid = 0,

    /// <summary>The hyperbolic tangent <c>tanh(z)</c> (<c>torch.tanh</c>).</summary>
    Tanh = 1,

    /// <summary><c>max(0, z)</c> (<c>torch.relu</c>); its derivative at 0 is taken as 0, as PyTorch takes it.</summary>
    ReLU = 2,

    /// <summary><c>z</c> for <c>z ≥ 0</c>, <c>slope · z</c> otherwise (<c>torch.nn.LeakyReLU</c>, slope 0.01 unless set).</summary>
    LeakyReLU = 3,

    /// <summary><c>z</c> unchanged: a linear layer.</summary>
    Identity = 4,

    /// <summary>
    /// <c>e^(z_j) / Σ_k e^(z_k)</c> over the layer's units (<c>torch.softmax</c>), computed through log-sum-exp; output
    /// layer only.
    /// </summary>
    Softmax = 5,

    /// <summary>
    /// The Gaussian error linear unit in its exact form, <c>z · Φ(z) = ½ z (1 + erf(z / √2))</c> (<c>torch.nn.GELU()</c>,
    /// <c>approximate='none'</c>); its derivative <c>Φ(z) + z · φ(z)</c> is taken from z, which the layer keeps.
    /// </summary>
    GELU = 6,

    /// <summary>
    /// The sigmoid-weighted linear unit <c>z · σ(z)</c> (<c>torch.nn.SiLU</c>); its derivative
    /// <c>σ(z)(1 + z(1 − σ(z)))</c> is taken from z, which the layer keeps.
    /// </summary>
    SiLU = 7,

    /// <summary>
    /// The exponential linear unit (<c>torch.nn.ELU(alpha)</c>): <c>z</c> for <c>z &gt; 0</c>, <c>α(e^z − 1)</c> otherwise, with
    /// α the attribute's <c>EluAlpha</c> (1 unless set); its derivative, 1 for <c>z &gt; 0</c> and <c>α e^z</c> otherwise, is
    /// taken from z, which the layer keeps.
    /// </summary>
    ELU = 8,
}

/// <summary>The loss a network is trained on.</summary>
#if NETGEN_GENERATOR
internal enum Loss
#else
public enum Loss
#endif
{
    /// <summary>The tutorial's square loss <c>½ Σ (y − t)²</c>.</summary>
    Square = 0,

    /// <summary>
    /// Cross-entropy of a <see cref="Activation.Softmax"/> output against target probability rows (one-hot for classes):
    /// <c>−Σ_j t_j · log softmax(z)_j</c>, from the logits z, as <c>torch.nn.CrossEntropyLoss</c> computes it.
    /// </summary>
    CrossEntropy = 1,

    /// <summary>
    /// Binary cross-entropy of a <see cref="Activation.Sigmoid"/> output, from the logits z in the stable form of
    /// <c>torch.nn.BCEWithLogitsLoss</c>: <c>max(z, 0) − z · t + log(1 + e^(−|z|))</c>.
    /// </summary>
    BinaryCrossEntropy = 2,

    /// <summary>
    /// The mean squared error <c>(y − t)²</c> of <c>torch.nn.MSELoss</c>, with no ½; under <see cref="Reduction.Mean"/>
    /// (its default) the mean over every element, samples × outputs. Any output activation but Softmax.
    /// </summary>
    MeanSquaredError = 3,

    /// <summary>
    /// The absolute error <c>|y − t|</c> of <c>torch.nn.L1Loss</c>, whose gradient <c>sign(y − t)</c> is 0 where
    /// <c>y = t</c>; under <see cref="Reduction.Mean"/> (its default) the mean over every element. Any output activation but Softmax.
    /// </summary>
    L1 = 4,

    /// <summary>
    /// The Huber loss of <c>torch.nn.HuberLoss</c> with <c>x = y − t</c> and δ = <c>HuberDelta</c> (1 unless set):
    /// <c>½ x²</c> for <c>|x| &lt; δ</c>, <c>δ (|x| − ½ δ)</c> otherwise, with gradient x clamped to [−δ, δ]; under
    /// <see cref="Reduction.Mean"/> (its default) the mean over every element. Any output activation but Softmax.
    /// </summary>
    Huber = 5,
}

/// <summary>How the per-sample losses of a batch are combined.</summary>
#if NETGEN_GENERATOR
internal enum Reduction
#else
public enum Reduction
#endif
{
    /// <summary>The sum over the batch.</summary>
    Sum = 0,

    /// <summary>The mean, as PyTorch's <c>reduction='mean'</c> takes it for that loss.</summary>
    Mean = 1,
}

/// <summary>The update rule applied to the gradient, as <c>torch.optim</c> defines it.</summary>
#if NETGEN_GENERATOR
internal enum Optimizer
#else
public enum Optimizer
#endif
{
    /// <summary>Stochastic gradient descent (<c>torch.optim.SGD</c>), with optional momentum and Nesterov momentum.</summary>
    Sgd = 0,

    /// <summary>Adam with bias correction (<c>torch.optim.Adam</c>); weight decay, if any, is added to the gradient.</summary>
    Adam = 1,

    /// <summary>Adam with decoupled weight decay (<c>torch.optim.AdamW</c>).</summary>
    AdamW = 2,

    /// <summary>
    /// RMSprop (<c>torch.optim.RMSprop</c>, not centered): a running mean of the squared gradient with smoothing
    /// constant α scales each step; optional momentum; weight decay, if any, is added to the gradient.
    /// </summary>
    RMSprop = 3,

    /// <summary>
    /// Adagrad (<c>torch.optim.Adagrad</c>, no learning-rate decay, a zero initial accumulator): the sum of every squared
    /// gradient so far scales each step; weight decay, if any, is added to the gradient.
    /// </summary>
    Adagrad = 4,
}
