using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers;

/// <summary>
/// An event of the lifecycle tables ("handlers of X" entries): its handlers run on every render or
/// frame (<see cref="Framework.Render"/>), or more than once per instance (<see cref="Framework.Repeating"/>).
/// </summary>
internal sealed class FrameworkEvent
{
    private FrameworkEvent(IEventSymbol symbol, Framework framework, bool isRender)
    {
        Symbol = symbol;
        Framework = framework;
        IsRender = isRender;
    }

    public IEventSymbol Symbol { get; }

    public Framework Framework { get; }

    /// <summary>True for a render/per-frame event, false for one whose handlers repeat during an instance's life.</summary>
    public bool IsRender { get; }

    /// <summary>The table events this compilation references, resolved once per compilation.</summary>
    public static ImmutableArray<FrameworkEvent> Resolve(Compilation compilation)
    {
        var events = ImmutableArray.CreateBuilder<FrameworkEvent>();
        foreach (var framework in Lifecycles.All)
        {
            Add(events, compilation, framework, framework.Render, isRender: true);
            Add(events, compilation, framework, framework.Repeating, isRender: false);
        }

        return events.ToImmutable();
    }

    /// <summary>The table event <paramref name="symbol"/> is (or overrides), if any.</summary>
    public static FrameworkEvent? Find(ImmutableArray<FrameworkEvent> events, IEventSymbol? symbol)
    {
        for (var current = symbol; current is not null; current = current.OverriddenEvent)
        {
            foreach (var candidate in events)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, candidate.Symbol))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static void Add(ImmutableArray<FrameworkEvent>.Builder events, Compilation compilation, Framework framework, ImmutableArray<LifecycleMethod> entries, bool isRender)
    {
        foreach (var entry in entries)
        {
            if (entry.HandledEvent is not { } fullName)
            {
                continue;
            }

            var type = compilation.GetTypeByMetadataName(fullName.Substring(0, fullName.LastIndexOf('.')));
            foreach (var symbol in type?.GetMembers(entry.Name).OfType<IEventSymbol>() ?? Enumerable.Empty<IEventSymbol>())
            {
                events.Add(new FrameworkEvent(symbol, framework, isRender));
            }
        }
    }
}
