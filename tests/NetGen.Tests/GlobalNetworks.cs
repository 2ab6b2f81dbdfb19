using NetGen;

/// <summary>A network in the global namespace.</summary>
[Network(3, 2)]
public partial class GlobalNet { }
