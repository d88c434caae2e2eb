using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// Fix All that fixes each document in one pass over all of its diagnostics. Roslyn's batch fixer
/// merges independently computed text changes and drops or duplicates edits that touch the same
/// place (two connects hoisted before one loop, two guards in one lifetime method); a single
/// editor per document sees them all.
/// </summary>
internal sealed class BatchFixAllProvider : FixAllProvider
{
    private readonly Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> _fixDocument;

    public BatchFixAllProvider(Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> fixDocument) =>
        _fixDocument = fixDocument;

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
        new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
        Task.FromResult<CodeAction?>(CodeAction.Create(
            fixAllContext.CodeActionEquivalenceKey ?? "Fix all",
            cancellationToken => FixAllAsync(fixAllContext, cancellationToken),
            fixAllContext.CodeActionEquivalenceKey));

    private async Task<Solution> FixAllAsync(FixAllContext context, CancellationToken cancellationToken)
    {
        var solution = context.Solution;
        foreach (var document in DocumentsInScope(context))
        {
            var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            if (diagnostics.IsEmpty)
            {
                continue;
            }

            var fixedDocument = await _fixDocument(solution.GetDocument(document.Id)!, diagnostics, cancellationToken).ConfigureAwait(false);
            solution = fixedDocument.Project.Solution;
        }

        return solution;
    }

    private static IEnumerable<Document> DocumentsInScope(FixAllContext context) => context.Scope switch
    {
        FixAllScope.Document => context.Document is null ? Enumerable.Empty<Document>() : new[] { context.Document },
        FixAllScope.Project => context.Project.Documents,
        _ => context.Solution.Projects.SelectMany(p => p.Documents),
    };
}
