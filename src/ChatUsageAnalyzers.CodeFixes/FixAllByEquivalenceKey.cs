using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// Fix All for a provider that registers several code actions per diagnostic: the action the user
/// picked (its equivalence key) chooses the document fixer, each run as a <see cref="BatchFixAllProvider"/>.
/// </summary>
internal sealed class FixAllByEquivalenceKey : FixAllProvider
{
    private readonly IReadOnlyDictionary<string, BatchFixAllProvider> _providers;

    public FixAllByEquivalenceKey(IReadOnlyDictionary<string, Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>>> fixersByKey)
    {
        var providers = new Dictionary<string, BatchFixAllProvider>(StringComparer.Ordinal);
        foreach (var pair in fixersByKey)
        {
            providers.Add(pair.Key, new BatchFixAllProvider(pair.Value));
        }

        _providers = providers;
    }

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
        new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
        fixAllContext.CodeActionEquivalenceKey is { } key && _providers.TryGetValue(key, out var provider)
            ? provider.GetFixAsync(fixAllContext)
            : Task.FromResult<CodeAction?>(null);
}
