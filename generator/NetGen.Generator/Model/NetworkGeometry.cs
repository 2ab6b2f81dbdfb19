using System.Collections.Generic;

namespace NetGen.Generator.Model;

/// <summary>
/// The geometry of a fully connected network: its sizes, its weight layers and where each parameter sits in the
/// flat order (per layer: the weights row by row, input i to unit j at <c>i · units + j</c>, then the biases).
/// Layers are numbered from 1; size 0 is the input.
/// </summary>
internal sealed class NetworkGeometry
{
    private readonly int[] _sizes;
    private readonly LayerGeometry[] _layers;

    public NetworkGeometry(IReadOnlyList<int> sizes)
    {
        _sizes = new int[sizes.Count];
        for (int i = 0; i < _sizes.Length; i++)
        {
            _sizes[i] = sizes[i];
        }

        _layers = new LayerGeometry[_sizes.Length - 1];
        int offset = 0;
        for (int l = 1; l < _sizes.Length; l++)
        {
            _layers[l - 1] = new LayerGeometry(l, _sizes[l - 1], _sizes[l], offset, l == _sizes.Length - 1);
            offset += _layers[l - 1].ParameterCount;
        }

        ParameterCount = offset;
    }

    /// <summary>The number of weight layers (sizes minus one).</summary>
    public int Layers => _layers.Length;

    /// <summary>Every weight and bias.</summary>
    public int ParameterCount { get; }

    /// <summary>The size of layer <paramref name="layer"/>: 0 is the input, <see cref="Layers"/> the output.</summary>
    public int Size(int layer) => _sizes[layer];

    /// <summary>Every size, input first.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>Weight layer <paramref name="layer"/> (1-based).</summary>
    public LayerGeometry Layer(int layer) => _layers[layer - 1];

    /// <summary>The inputs of each unit of weight layer <paramref name="layer"/>.</summary>
    public int In(int layer) => _sizes[layer - 1];

    /// <summary>The units of weight layer <paramref name="layer"/>.</summary>
    public int Out(int layer) => _sizes[layer];

    public int WeightIndex(int layer, int input, int unit) => Layer(layer).WeightIndex(input, unit);

    public int BiasIndex(int layer, int unit) => Layer(layer).BiasIndex(unit);

    /// <summary>Every parameter in the flat order.</summary>
    public IEnumerable<ParameterPosition> Parameters()
    {
        foreach (LayerGeometry layer in _layers)
        {
            for (int i = 0; i < layer.Inputs; i++)
            {
                for (int j = 0; j < layer.Units; j++)
                {
                    yield return new ParameterPosition(layer.WeightIndex(i, j), layer.Number, i, j);
                }
            }

            for (int j = 0; j < layer.Units; j++)
            {
                yield return new ParameterPosition(layer.BiasIndex(j), layer.Number, ParameterPosition.Bias, j);
            }
        }
    }
}

/// <summary>One weight layer: <see cref="Inputs"/> → <see cref="Units"/>, and where its parameters start in the flat order.</summary>
/// <param name="Number">The layer's number, from 1.</param>
/// <param name="Inputs">The inputs of each unit (the size of the layer below).</param>
/// <param name="Units">The layer's units.</param>
/// <param name="Offset">The flat index of its first weight.</param>
/// <param name="IsOutput">True for the last layer.</param>
internal sealed record LayerGeometry(int Number, int Inputs, int Units, int Offset, bool IsOutput)
{
    /// <summary><c>Inputs · Units</c>.</summary>
    public int Weights => Inputs * Units;

    /// <summary>Weights and biases.</summary>
    public int ParameterCount => Weights + Units;

    /// <summary>The flat index of the first bias.</summary>
    public int BiasOffset => Offset + Weights;

    /// <summary>The flat index of the weight from input <paramref name="input"/> to unit <paramref name="unit"/>.</summary>
    public int WeightIndex(int input, int unit) => Offset + input * Units + unit;

    /// <summary>The flat index of unit <paramref name="unit"/>'s bias.</summary>
    public int BiasIndex(int unit) => BiasOffset + unit;
}

/// <summary>Where one parameter sits: its flat index, its layer, its input (<see cref="Bias"/> for a bias) and its unit.</summary>
internal readonly record struct ParameterPosition(int Index, int Layer, int Input, int Unit)
{
    /// <summary>The <see cref="Input"/> of a bias.</summary>
    public const int Bias = -1;

    public bool IsBias => Input == Bias;
}
