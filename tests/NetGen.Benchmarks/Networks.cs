namespace NetGen.Benchmarks;

/// <summary>The tutorial's AND network, generated.</summary>
[Network(2, 4, 1)]
public partial class AndNet
{
}
