using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers;

/// <summary>Methods that call a lambda argument once per element (RULES.md CHAT001), as a table.</summary>
internal static class IterationMethods
{
    private static readonly ImmutableDictionary<string, ImmutableHashSet<string>> ByType = new (string Type, string[] Methods)[]
    {
        ("System.Collections.Generic.List`1", new[] { "ForEach" }),
        ("System.Array", new[] { "ForEach" }),
        ("System.Collections.Immutable.ImmutableList`1", new[] { "ForEach" }),
        ("System.Threading.Tasks.Parallel", new[] { "For", "ForEach", "ForEachAsync" }),
        ("System.Linq.Enumerable", new[]
        {
            "Select", "SelectMany", "Where", "ToDictionary", "ToLookup", "ToHashSet", "GroupBy", "Aggregate",
            "All", "Any", "Count", "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault",
            "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "SkipWhile", "TakeWhile", "Sum", "Min", "Max",
            "Average", "Zip", "Join", "GroupJoin", "DistinctBy", "MinBy", "MaxBy",
        }),
        ("System.Linq.ParallelEnumerable", new[] { "Select", "SelectMany", "Where", "ForAll" }),
    }.ToImmutableDictionary(e => e.Type, e => e.Methods.ToImmutableHashSet());

    /// <summary>The "Type.Method" display of an iteration method, or null when <paramref name="method"/> is not one.</summary>
    public static string? Describe(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        var type = definition.ContainingType;
        if (type is null)
        {
            return null;
        }

        var metadataName = type.ContainingNamespace is { IsGlobalNamespace: false } ns
            ? ns.ToDisplayString() + "." + type.MetadataName
            : type.MetadataName;
        return ByType.TryGetValue(metadataName, out var methods) && methods.Contains(definition.Name)
            ? type.Name + "." + definition.Name
            : null;
    }
}
