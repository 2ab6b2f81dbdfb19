using System;

namespace NetGen;

/// <summary>
/// A network that can be saved and resumed exactly: it describes itself (<see cref="Description"/>) and exposes its
/// optimizer's state as one flat vector, so that <see cref="NetworkFile"/> can write parameters and state to a file
/// and load them into another instance that then continues bit for bit as the first would have.
/// </summary>
/// <remarks>
/// <para>The optimizer state is flattened as follows, P being <see cref="INetwork{T}.ParameterCount"/> and every
/// per-parameter block in the flat parameter order:</para>
/// <list type="table">
/// <listheader><term>optimizer</term><description>values</description></listheader>
/// <item><term><see cref="Optimizer.Sgd"/>, no momentum</term><description>2: the step count</description></item>
/// <item><term><see cref="Optimizer.Sgd"/> with momentum</term><description>2 + P: the step count, then the momentum buffer</description></item>
/// <item><term><see cref="Optimizer.Adam"/>, <see cref="Optimizer.AdamW"/></term><description>2 + 2P: the step count, then the first moment m (<c>exp_avg</c>), then the second moment v (<c>exp_avg_sq</c>)</description></item>
/// <item><term><see cref="Optimizer.RMSprop"/></term><description>2 + P: the step count, then the square average s (<c>square_avg</c>); 2 + 2P with momentum, then also the momentum buffer</description></item>
/// <item><term><see cref="Optimizer.Adagrad"/></term><description>2 + P: the step count, then the sum of squared gradients s (<c>sum</c>)</description></item>
/// </list>
/// <para>The step count t (the number of optimizer steps taken, 0 for a new or reset optimizer, below 2^31) is stored
/// exactly in any precision as two whole numbers below 2^24: <c>state[0] = t mod 2^24</c> and
/// <c>state[1] = ⌊t / 2^24⌋</c>. SGD's buffer is taken as empty while t is 0 (PyTorch's first momentum step copies the
/// gradient into it); every other value must be finite, and the second moment at least 0.</para>
/// <para><see cref="SetOptimizerState"/> checks all of that before changing anything and throws
/// <see cref="ArgumentException"/> naming the first offending value.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>, as <see cref="NetworkDescription.Precision"/> says.</typeparam>
public interface IPersistentNetwork<T> : INetwork<T>
    where T : unmanaged
{
    /// <summary>What the network is: topology, activations, loss, optimizer with its current learning rate, precision.</summary>
    NetworkDescription Description { get; }

    /// <summary>The number of values in the flattened optimizer state; equal to <see cref="NetworkDescription.OptimizerStateLength"/>.</summary>
    int OptimizerStateLength { get; }

    /// <summary>Copies the optimizer's state, flattened as the remarks say, into <paramref name="destination"/> (exactly <see cref="OptimizerStateLength"/> values).</summary>
    /// <param name="destination">Exactly <see cref="OptimizerStateLength"/> values, overwritten.</param>
    void GetOptimizerState(Span<T> destination);

    /// <summary>Replaces the optimizer's state from <paramref name="source"/>, flattened as the remarks say, after checking every value.</summary>
    /// <param name="source">Exactly <see cref="OptimizerStateLength"/> values.</param>
    /// <exception cref="ArgumentException">The length is wrong or a value is invalid; nothing is changed.</exception>
    void SetOptimizerState(ReadOnlySpan<T> source);
}
