using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers;

/// <summary>
/// The per-compilation caches keyed by symbol. The rules fill them side by side from the driver's
/// threads, and a thread waiting on another's lock is charged for it (including any garbage
/// collection that pauses the holder), so they are striped wider than the default (one lock per
/// core). A cache that takes thousands of entries starts large: growing takes every stripe's lock
/// while it rehashes.
/// </summary>
internal static class SymbolCache
{
    public static ConcurrentDictionary<TSymbol, TValue> Create<TSymbol, TValue>(int capacity = 31)
        where TSymbol : class, ISymbol =>
        new(concurrencyLevel: 16, capacity, SymbolEqualityComparer.Default);
}
