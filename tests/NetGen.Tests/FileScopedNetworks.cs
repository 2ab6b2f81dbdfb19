using NetGen;

namespace NetGen.Tests.FileScoped;

/// <summary>A network in a file-scoped namespace.</summary>
[Network(2, 5, 3)]
internal partial class FileScopedNet { }
