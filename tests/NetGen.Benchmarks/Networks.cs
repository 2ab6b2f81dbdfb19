namespace NetGen.Benchmarks;

/// <summary>The tutorial's AND network, generated.</summary>
[Network(2, 4, 1)]
public partial class AndNet
{
}

/// <summary>The tutorial's AND network declared deterministic: NetGen's own exp, the same bits on every machine.</summary>
[Network(2, 4, 1, Deterministic = true)]
public partial class DeterministicAndNet
{
}
