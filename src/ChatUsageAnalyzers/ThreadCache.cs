using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers;

/// <summary>
/// A per-compilation memo that each of the driver's threads keeps for itself. The rules run side
/// by side on those threads, and a shared dictionary made them wait on each other's locks (a wait
/// is charged to the waiting rule, and a collection that starts while the holder allocates makes it
/// long); a thread computing an answer another thread already has costs less. The entries live as
/// long as the object that owns the cache, which serves one compilation's analysis.
/// </summary>
internal sealed class ThreadCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ThreadLocal<Dictionary<TKey, TValue>> _entries;

    public ThreadCache(IEqualityComparer<TKey> comparer) =>
        _entries = new ThreadLocal<Dictionary<TKey, TValue>>(() => new Dictionary<TKey, TValue>(comparer));

    /// <summary>
    /// The answer for <paramref name="key"/>, computed on this thread's first request. A static
    /// <paramref name="compute"/> with its state in <paramref name="argument"/> allocates nothing per call.
    /// </summary>
    public TValue GetOrAdd<TArgument>(TKey key, Func<TKey, TArgument, TValue> compute, TArgument argument)
    {
        var entries = _entries.Value!;
        if (!entries.TryGetValue(key, out var value))
        {
            value = compute(key, argument);

            // Indexed again: computing may have added other keys.
            entries[key] = value;
        }

        return value;
    }
}

/// <summary>
/// The answer for the last key each thread asked about, for questions the rules ask one after
/// another about the same key (the per-type filters, which the driver runs for a type on one
/// thread): a dictionary would keep every key of the compilation for an answer used only while
/// its key is the current one. Keys are compared by reference.
/// </summary>
internal sealed class ThreadLast<TKey, TValue>
    where TKey : class
{
    private readonly ThreadLocal<Entry> _last = new(() => new Entry());

    /// <summary>The answer for <paramref name="key"/>, computed unless it is this thread's last key.</summary>
    public TValue GetOrAdd<TArgument>(TKey key, Func<TKey, TArgument, TValue> compute, TArgument argument)
    {
        var last = _last.Value!;
        if (!ReferenceEquals(last.Key, key))
        {
            // The key last: an answer interrupted by cancellation is not taken for the key's.
            last.Value = compute(key, argument);
            last.Key = key;
        }

        return last.Value;
    }

    private sealed class Entry
    {
        public TKey? Key { get; set; }

        public TValue Value { get; set; } = default!;
    }
}

/// <summary>Thread caches keyed by symbol identity, as the compiler compares symbols.</summary>
internal static class ThreadCache
{
    public static ThreadCache<TSymbol, TValue> OfSymbols<TSymbol, TValue>()
        where TSymbol : class, ISymbol =>
        new(SymbolEqualityComparer.Default);
}
