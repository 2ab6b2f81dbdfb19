using NetGen;

namespace AndGate;

/// <summary>The tutorial's network for the AND gate: 2 inputs, 4 hidden sigmoid units, 1 output, learning rate 0.1.</summary>
[Network(2, 4, 1)]
public partial class AndNet
{
}
