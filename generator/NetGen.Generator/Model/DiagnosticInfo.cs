using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Model;

/// <summary>Where a diagnostic points, as plain values (a <see cref="Location"/> would pin a syntax tree in the cache).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>The location in <paramref name="tree"/> when that tree is the file, so editors can underline it.</summary>
    public Location ToLocation(SyntaxTree? tree) =>
        tree is not null && tree.FilePath == FilePath ? Location.Create(tree, Span) : Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}

/// <summary>A diagnostic to report, as plain values: which descriptor, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>The diagnostic, located in the matching tree of <paramref name="trees"/>.</summary>
    public Diagnostic ToDiagnostic(System.Func<string, SyntaxTree?> trees) =>
        Diagnostic.Create(
            Diagnostics.DiagnosticDescriptors.ById(Id),
            Location?.ToLocation(trees(Location.FilePath)),
            Arguments.AsSpan().ToArray());

    /// <summary>A diagnostic of <paramref name="descriptor"/> at <paramref name="location"/> with its message arguments.</summary>
    public static DiagnosticInfo Of(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, new EquatableArray<string>(arguments));
}
