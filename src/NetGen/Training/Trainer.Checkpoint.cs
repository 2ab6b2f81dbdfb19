using System;
using System.Buffers;
#if !NETGEN_PORTABLE
using System.Numerics;
#endif
using NetGen.Reference;
using NetGen.Runtime;

namespace NetGen.Training;

// Trainer's checkpoint of a network: what Fit puts back when training diverges.
public static partial class Trainer
{
    /// <summary>
    /// A network's parameters and, for an <see cref="IPersistentNetwork{T}"/> (every generated network and
    /// <see cref="ReferenceNetwork"/>), its optimizer state, in rented arrays: what <c>Fit</c> puts back on divergence.
    /// </summary>
    private sealed class Checkpoint<T>
#if NETGEN_PORTABLE
        where T : unmanaged
#else
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
#endif
    {
        private readonly T[] _parameters;
        private readonly T[]? _state;
        private readonly int _parameterCount;
        private readonly int _stateLength;
        private readonly IPersistentNetwork<T>? _persistent;

        public Checkpoint(INetwork<T> network)
        {
            _parameterCount = network.ParameterCount;
            _persistent = network as IPersistentNetwork<T>;
            _stateLength = _persistent?.OptimizerStateLength ?? 0;
            _parameters = ArrayPool<T>.Shared.Rent(_parameterCount);
            _state = _persistent is null ? null : ArrayPool<T>.Shared.Rent(_stateLength);
        }

        public ReadOnlySpan<T> Parameters => _parameters.AsSpan(0, _parameterCount);

        private Span<T> State => _state.AsSpan(0, _stateLength);

        public void Capture(INetwork<T> network)
        {
            network.GetParameters(_parameters.AsSpan(0, _parameterCount));
            _persistent?.GetOptimizerState(State);
        }

        public bool IsFinite() => Dense.AllFinite<T>(Parameters) && (_stateLength == 0 || Dense.AllFinite<T>(State));

        public void CopyTo(Checkpoint<T> other)
        {
            Parameters.CopyTo(other._parameters);
            if (_state is not null)
            {
                State.CopyTo(other._state);
            }
        }

        public void Restore(INetwork<T> network)
        {
            network.SetParameters(Parameters);
            _persistent?.SetOptimizerState(State);
        }

        public void Return()
        {
            ArrayPool<T>.Shared.Return(_parameters);
            if (_state is not null)
            {
                ArrayPool<T>.Shared.Return(_state);
            }
        }
    }
}
