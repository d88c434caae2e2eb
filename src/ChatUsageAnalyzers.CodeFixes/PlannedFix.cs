using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// A fix with one action: each diagnostic becomes a plan (or gets no action), and one pass over a
/// document applies every plan, for a single fix and for Fix All alike.
/// </summary>
internal abstract class PlannedFix<TPlan> : CodeFixProvider
    where TPlan : class
{
    private protected abstract string EquivalenceKey { get; }

    public sealed override FixAllProvider GetFixAllProvider() => new BatchFixAllProvider(FixDocumentAsync);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (TryPlan(root, model, diagnostic, context.CancellationToken) is { } plan)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title(plan),
                        ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>What fixing <paramref name="diagnostic"/> takes, or null when the fix is not offered.</summary>
    private protected abstract TPlan? TryPlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    private protected abstract string Title(TPlan plan);

    /// <summary>Applies the plans of all <paramref name="diagnostics"/> of one document in one edit.</summary>
    private protected abstract Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken);
}
