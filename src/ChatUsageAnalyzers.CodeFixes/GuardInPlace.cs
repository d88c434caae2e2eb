using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// Wraps a statement where it is in a <see cref="ConnectionGuard"/>. A statement that declares
/// variables later statements use is guarded together with them (up to the last statement of its
/// block that uses what the guarded statements declare), so that the result compiles. When they
/// assign a variable declared before them that is read afterwards, nothing is offered: skipping the
/// assignment would leave it unassigned or stale. An expression body becomes a block; an embedded
/// statement (<c>if (x) Connect();</c>) gets braces. A statement that connects several clients gets
/// <see cref="ArgumentGuards"/> instead, and keeps running whatever the state.
/// </summary>
internal sealed class GuardInPlace
{
    private GuardInPlace(StatementSite site, ConnectionGuard? guard, ArgumentGuards? argumentGuards, IReadOnlyList<StatementSyntax> statements)
    {
        Site = site;
        Guard = guard;
        ArgumentGuards = argumentGuards;
        Statements = statements;
    }

    public StatementSite Site { get; }

    /// <summary>The guard around the statements; null when <see cref="ArgumentGuards"/> guard the site's arguments instead.</summary>
    public ConnectionGuard? Guard { get; }

    public ArgumentGuards? ArgumentGuards { get; }

    /// <summary>The statements that go under the guard, in order (empty for an expression body); with <see cref="ArgumentGuards"/>, the statement they are in.</summary>
    public IReadOnlyList<StatementSyntax> Statements { get; }

    private TextSpan Span => Statements.Count == 0
        ? Site.Node.Span
        : TextSpan.FromBounds(Statements[0].SpanStart, Statements[Statements.Count - 1].Span.End);

    public static GuardInPlace? TryCreate(StatementSite site, ConnectionGuard guard, SemanticModel model, CancellationToken cancellationToken)
    {
        if (site.Statement is not { } statement)
        {
            return new GuardInPlace(site, guard, argumentGuards: null, Array.Empty<StatementSyntax>());
        }

        var siblings = statement.Parent switch
        {
            BlockSyntax block => block.Statements,
            SwitchSectionSyntax section => section.Statements,
            _ => default(SyntaxList<StatementSyntax>?),
        };
        if (siblings is not { } list)
        {
            // An embedded statement declares nothing (CS1023), so it is guarded alone.
            return new GuardInPlace(site, guard, argumentGuards: null, new[] { statement });
        }

        var first = list.IndexOf(statement);
        var last = first;
        while (LastUserOfDeclarations(list, first, last, model, cancellationToken) is var user && user > last)
        {
            last = user;
        }

        var range = list.Skip(first).Take(last - first + 1).ToList();
        if (range.Any(s => s is LabeledStatementSyntax || s is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 }))
        {
            return null;
        }

        var flow = model.AnalyzeDataFlow(range[0], range[range.Count - 1]);
        if (flow is null || !flow.Succeeded
            || flow.DataFlowsOut.Any(variable => !flow.VariablesDeclared.Contains(variable, SymbolEqualityComparer.Default)))
        {
            return null;
        }

        return new GuardInPlace(site, guard, argumentGuards: null, range);
    }

    /// <summary>Guards the connect arguments of a statement that connects several clients; the statement itself stays as it is.</summary>
    public static GuardInPlace ForArguments(StatementSite site, ArgumentGuards argumentGuards) =>
        new(site, guard: null, argumentGuards, site.Statement is { } statement ? new[] { statement } : Array.Empty<StatementSyntax>());

    /// <summary>Applies guards that do not overlap an earlier one (in source order) to one editor.</summary>
    public static void Apply(SyntaxEditor editor, IEnumerable<GuardInPlace> guards)
    {
        var taken = new List<TextSpan>();
        foreach (var guard in guards.OrderBy(g => g.Site.Node.SpanStart))
        {
            var span = guard.Span;
            if (taken.Any(t => t.OverlapsWith(span)))
            {
                continue;
            }

            taken.Add(span);
            guard.Apply(editor);
        }
    }

    private void Apply(SyntaxEditor editor)
    {
        if (Guard is { } guard)
        {
            Wrap(editor, guard);
        }
        else if (ArgumentGuards is { } argumentGuards)
        {
            foreach (var argument in argumentGuards.Arguments)
            {
                editor.ReplaceNode(argument, (current, _) => argumentGuards.Guarded(argument, (ExpressionSyntax)current));
            }
        }
    }

    private void Wrap(SyntaxEditor editor, ConnectionGuard guard)
    {
        if (Statements.Count == 0)
        {
            WrapExpressionBody(editor, guard);
            return;
        }

        var first = Statements[0];
        var guarded = Statements.Select((s, i) => i == 0 ? s.WithLeadingTrivia() : s).ToList();
        var wrapped = guard.Wrap(guarded);
        if (first.Parent is BlockSyntax or SwitchSectionSyntax)
        {
            var last = Statements[Statements.Count - 1];
            var closeBrace = ((BlockSyntax)wrapped.Statement).CloseBraceToken;
            wrapped = wrapped.WithLeadingTrivia(first.GetLeadingTrivia())
                .ReplaceToken(closeBrace, closeBrace.WithTrailingTrivia(LineEnd(last)));
            editor.ReplaceNode(first, wrapped);
            foreach (var other in Statements.Skip(1))
            {
                editor.RemoveNode(other, SyntaxRemoveOptions.KeepNoTrivia);
            }

            if (first.Parent is BlockSyntax block && BlockLayout.IsSingleLine(block))
            {
                var endOfLine = BlockLayout.EndOfLineOf(block);
                editor.ReplaceNode(block, (current, _) => BlockLayout.OnSeparateLines((BlockSyntax)current, endOfLine));
            }
        }
        else
        {
            editor.ReplaceNode(first, Block(wrapped).WithTriviaFrom(first).WithAdditionalAnnotations(Formatter.Annotation));
        }
    }

    private void WrapExpressionBody(SyntaxEditor editor, ConnectionGuard guard)
    {
        var expression = (ExpressionSyntax)Site.Node;
        var body = BlockLayout.OnSeparateLines(
            Block(guard.Wrap(new StatementSyntax[] { ExpressionStatement(expression.WithoutTrivia()) })),
            BlockLayout.EndOfLineOf(expression),
            Site.Function is AnonymousFunctionExpressionSyntax ? BlockLayout.IndentationOf(Site.Function) : null);
        editor.ReplaceNode(Site.Function, (current, _) => current switch
        {
            MethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default)
                .WithBody(body.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia)),
            LocalFunctionStatementSyntax function => function.WithExpressionBody(null).WithSemicolonToken(default)
                .WithBody(body.WithTrailingTrivia(function.SemicolonToken.TrailingTrivia)),
            ParenthesizedLambdaExpressionSyntax lambda => lambda.WithExpressionBody(null).WithBlock(body.WithTrailingTrivia(lambda.ExpressionBody!.GetTrailingTrivia())),
            SimpleLambdaExpressionSyntax lambda => lambda.WithExpressionBody(null).WithBlock(body.WithTrailingTrivia(lambda.ExpressionBody!.GetTrailingTrivia())),
            _ => current,
        });
    }

    /// <summary>The guard's closing brace ends its line as the last guarded statement did (that statement keeps its comment); without a line break, the formatter chooses.</summary>
    private static SyntaxTriviaList LineEnd(StatementSyntax statement)
    {
        var trailing = statement.GetTrailingTrivia();
        return trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
            ? TriviaList(trailing.Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).Take(1))
            : TriviaList(ElasticMarker);
    }

    /// <summary>The index of the last statement after <paramref name="last"/> that uses a variable or local function declared in <paramref name="first"/>..<paramref name="last"/>; -1 when none does.</summary>
    private static int LastUserOfDeclarations(SyntaxList<StatementSyntax> statements, int first, int last, SemanticModel model, CancellationToken cancellationToken)
    {
        var flow = model.AnalyzeDataFlow(statements[first], statements[last]);
        var declared = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (flow is { Succeeded: true })
        {
            declared.UnionWith(flow.VariablesDeclared);
        }

        for (var i = first; i <= last; i++)
        {
            if (statements[i] is LocalFunctionStatementSyntax function && model.GetDeclaredSymbol(function, cancellationToken) is { } symbol)
            {
                declared.Add(symbol);
            }
        }

        if (declared.Count == 0)
        {
            return -1;
        }

        for (var i = statements.Count - 1; i > last; i--)
        {
            if (statements[i].DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier =>
                model.GetSymbolInfo(identifier, cancellationToken).Symbol is { } used && declared.Contains(used)))
            {
                return i;
            }
        }

        return -1;
    }
}
