using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>CHAT001: moves the connect statement (with its await and any assignment) to just before the loop.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveConnectBeforeLoopFix))]
[Shared]
internal sealed class MoveConnectBeforeLoopFix : PlannedFix<HoistPlan>
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.CHAT001_ConnectInLoop.Id);

    private protected override string EquivalenceKey => EquivalenceKeys.MoveConnectBeforeLoop;

    private protected override HoistPlan? TryPlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        HoistPlan.TryCreate(root, model, diagnostic, cancellationToken);

    private protected override string Title(HoistPlan plan) => "Move the connect call before the loop";

    private protected override async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        // Each statement is hoisted once, before its own loop, keeping the source order of statements hoisted out of one loop.
        var plans = diagnostics
            .Select(d => HoistPlan.TryCreate(root, model, d, cancellationToken))
            .OfType<HoistPlan>()
            .GroupBy(p => p.Statement)
            .Select(g => g.First())
            .GroupBy(p => p.Loop);

        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace);
        foreach (var loopPlans in plans)
        {
            var loop = loopPlans.Key;
            var body = loopPlans.First().LoopBody;
            var statements = loopPlans.Select(p => p.Statement).OrderBy(s => s.SpanStart).ToList();
            foreach (var statement in statements)
            {
                if (statement == body)
                {
                    // An unbraced body: leave an empty block rather than a loop without a body.
                    editor.ReplaceNode(statement, SyntaxFactory.Block().WithTriviaFrom(statement));
                }
                else
                {
                    editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
                }
            }

            var hoisted = statements.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)).ToList();
            InsertBefore(editor, loop, hoisted);
        }

        return await FileStyle.FinishAsync(document.WithSyntaxRoot(editor.GetChangedRoot()), cancellationToken).ConfigureAwait(false);
    }

    private static void InsertBefore(SyntaxEditor editor, StatementSyntax loop, List<StatementSyntax> hoisted)
    {
        switch (loop.Parent)
        {
            case BlockSyntax:
            case SwitchSectionSyntax:
                editor.InsertBefore(loop, hoisted);
                break;
            case GlobalStatementSyntax global:
                editor.InsertBefore(global, hoisted.Select(SyntaxFactory.GlobalStatement));
                break;
            default:
                // The loop is an embedded statement ("if (x) foreach (...)"): it becomes a block.
                editor.ReplaceNode(loop, (current, _) => SyntaxFactory.Block(hoisted.Append((StatementSyntax)current.WithoutLeadingTrivia()))
                    .WithLeadingTrivia(current.GetLeadingTrivia())
                    .WithAdditionalAnnotations(Formatter.Annotation));
                break;
        }
    }
}
