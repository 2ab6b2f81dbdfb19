namespace NetGen.Reference;

/// <summary>
/// A layer's activation, applied to the pre-activations <c>z</c> (units x N, one column per sample) in the forward
/// pass and differentiated in the backward pass, each written out as PyTorch defines it.
/// </summary>
/// <remarks>Generated code must stay in step with the classes that implement this interface.</remarks>
public interface IActivation
{
    /// <summary>Which <see cref="Activation"/> this is.</summary>
    Activation Kind { get; }

    /// <summary><c>a = f(z)</c> for every column of <paramref name="z"/>.</summary>
    /// <param name="z">The pre-activations, units x N.</param>
    /// <returns>The activations, units x N.</returns>
    Matrix Forward(Matrix z);

    /// <summary>
    /// The chain rule through the activation: given <c>∂L/∂a</c> (<paramref name="upstream"/>), returns
    /// <c>∂L/∂z</c>, using the forward pass's <paramref name="z"/> and <paramref name="a"/> (whichever the formula needs).
    /// </summary>
    /// <param name="z">The pre-activations the forward pass was given, units x N.</param>
    /// <param name="a">The activations the forward pass returned, units x N.</param>
    /// <param name="upstream"><c>∂L/∂a</c>, units x N.</param>
    /// <returns><c>∂L/∂z</c>, units x N.</returns>
    Matrix Backward(Matrix z, Matrix a, Matrix upstream);
}

/// <summary>
/// An activation applied to each unit on its own, <c>a = f(z)</c>, so that its backward pass is
/// <c>∂L/∂z = ∂L/∂a · f'(z)</c> element by element.
/// </summary>
public abstract class ElementwiseActivation : IActivation
{
    /// <inheritdoc />
    public abstract Activation Kind { get; }

    /// <summary><c>f(z)</c> for one unit.</summary>
    /// <param name="z">The unit's pre-activation.</param>
    /// <returns>The unit's activation.</returns>
    public abstract double Value(double z);

    /// <summary><c>f'(z)</c> for one unit, written in terms of <paramref name="z"/> or of <paramref name="a"/> = f(z), whichever the definition uses.</summary>
    /// <param name="z">The unit's pre-activation.</param>
    /// <param name="a">The unit's activation, <c>f(z)</c>.</param>
    /// <returns>The derivative of the activation at <paramref name="z"/>.</returns>
    public abstract double Derivative(double z, double a);

    /// <inheritdoc />
    public Matrix Forward(Matrix z)
    {
        System.ArgumentNullException.ThrowIfNull(z);
        return z.Map(Value);
    }

    /// <summary><c>∂L/∂z = ∂L/∂a · f'(z)</c>, element by element.</summary>
    /// <param name="z">The pre-activations the forward pass was given, units x N.</param>
    /// <param name="a">The activations the forward pass returned, units x N.</param>
    /// <param name="upstream"><c>∂L/∂a</c>, units x N.</param>
    /// <returns><c>∂L/∂z</c>, units x N.</returns>
    public Matrix Backward(Matrix z, Matrix a, Matrix upstream)
    {
        System.ArgumentNullException.ThrowIfNull(z);
        System.ArgumentNullException.ThrowIfNull(a);
        System.ArgumentNullException.ThrowIfNull(upstream);
        var gradient = new Matrix(upstream.Rows, upstream.Columns);
        for (int i = 0; i < upstream.Rows; i++)
        {
            for (int s = 0; s < upstream.Columns; s++)
            {
                gradient[i, s] = upstream[i, s] * Derivative(z[i, s], a[i, s]);
            }
        }

        return gradient;
    }
}
