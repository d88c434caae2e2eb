using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers;

/// <summary>
/// The per-compilation caches keyed by symbol. The rules fill them side by side from the driver's
/// threads, so they are striped wider than the default (one lock per core): with the default, two
/// threads adding types often waited on each other, and that wait is charged to the rules.
/// </summary>
internal static class SymbolCache
{
    public static ConcurrentDictionary<TSymbol, TValue> Create<TSymbol, TValue>()
        where TSymbol : class, ISymbol =>
        new(concurrencyLevel: 16, capacity: 31, SymbolEqualityComparer.Default);
}
