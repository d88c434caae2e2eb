using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>Adds release statements to an existing teardown method, keeping its body, base call and trivia.</summary>
internal static class TeardownBody
{
    /// <summary>
    /// A non-async Task-returning method can become async when its only result is its expression
    /// body or one trailing <c>return</c>: that result is then awaited (or dropped when already completed).
    /// </summary>
    public static bool CanBecomeAsync(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody is not null)
        {
            return true;
        }

        var returns = OwnReturns(method.Body!).ToList();
        return returns.Count == 0
            || (returns.Count == 1 && returns[0].Expression is not null && method.Body!.Statements.LastOrDefault() == returns[0]);
    }

    /// <summary>
    /// The method with <paramref name="releases"/> appended (before a trailing base call or
    /// <c>return;</c>), inside <c>if (disposing)</c> for <see cref="ReleaseStyle.DisposeWhenDisposing"/>,
    /// made async when it must await.
    /// </summary>
    public static MethodDeclarationSyntax AddReleases(MethodDeclarationSyntax method, IReadOnlyList<StatementSyntax> releases, ReleaseStyle style, bool returnsVoid)
    {
        var makeAsync = style == ReleaseStyle.AwaitDisconnect && !method.Modifiers.Any(SyntaxKind.AsyncKeyword);
        var resultBecomesAwait = makeAsync && !returnsVoid;
        BlockSyntax body;
        if (method.Body is { } block)
        {
            body = block;
            if (resultBecomesAwait && block.Statements.LastOrDefault() is ReturnStatementSyntax { Expression: { } result } trailing)
            {
                body = AwaitedResult(result) is { } awaited
                    ? body.ReplaceNode(trailing, awaited.WithTriviaFrom(trailing))
                    : body.RemoveNode(trailing, SyntaxRemoveOptions.KeepExteriorTrivia)!;
            }
        }
        else
        {
            // An expression body becomes a block; the comment after its ';' follows the closing brace.
            var expression = method.ExpressionBody!.Expression;
            var statement = !resultBecomesAwait ? ExpressionStatement(expression.WithoutTrivia()) : AwaitedResult(expression);
            body = Block(statement is null ? Enumerable.Empty<StatementSyntax>() : new[] { statement })
                .WithCloseBraceToken(Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(method.SemicolonToken.TrailingTrivia))
                .WithAdditionalAnnotations(Formatter.Annotation);
            method = method.WithExpressionBody(null).WithSemicolonToken(default).WithParameterList(method.ParameterList.WithoutTrailingTrivia());
        }

        var statements = body.Statements.ToList();
        var index = statements.Count > 0 && IsTrailingStatement(statements[statements.Count - 1]) ? statements.Count - 1 : statements.Count;
        var added = releases.Select(r => r.WithAdditionalAnnotations(Formatter.Annotation)).ToList();
        if (style == ReleaseStyle.DisposeWhenDisposing)
        {
            var disposing = method.ParameterList.Parameters[0].Identifier.ValueText;
            var existingIf = statements.OfType<IfStatementSyntax>().FirstOrDefault(s => s.Else is null && s.Condition is IdentifierNameSyntax name && name.Identifier.ValueText == disposing);
            if (existingIf is not null)
            {
                var thenBlock = existingIf.Statement as BlockSyntax ?? Block(existingIf.Statement).WithAdditionalAnnotations(Formatter.Annotation);
                statements[statements.IndexOf(existingIf)] = existingIf.WithStatement(thenBlock.WithStatements(thenBlock.Statements.AddRange(added)));
                added.Clear();
            }
            else
            {
                added = new List<StatementSyntax> { IfStatement(IdentifierName(disposing), Block(releases)).WithAdditionalAnnotations(Formatter.Annotation) };
            }
        }

        statements.InsertRange(index, added);
        body = body.WithStatements(List(statements));
        if (method.Body is { } original && !original.ToString().Contains("\n"))
        {
            // "{ }" on one line: opened up, as a body with statements is written.
            body = body.WithAdditionalAnnotations(Formatter.Annotation);
        }

        method = method.WithBody(body);
        return makeAsync ? AsyncModifier.Add(method) : method;
    }

    /// <summary><c>await result;</c>, or null for a result that is already complete (<c>Task.CompletedTask</c>, <c>default</c>).</summary>
    private static StatementSyntax? AwaitedResult(ExpressionSyntax result) => result switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask" } => null,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.DefaultLiteralExpression } => null,
        DefaultExpressionSyntax => null,
        ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } => null,
        ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } => null,
        _ => ExpressionStatement(AwaitExpression(result.WithoutTrivia())).WithAdditionalAnnotations(Formatter.Annotation),
    };

    /// <summary>A final <c>base.X(...)</c> call or <c>return;</c>: teardown code goes before it.</summary>
    private static bool IsTrailingStatement(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax { Expression: null } => true,
        ExpressionStatementSyntax { Expression: var expression } => (expression is AwaitExpressionSyntax awaited ? awaited.Expression : expression)
            is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax } },
        _ => false,
    };

    private static IEnumerable<ReturnStatementSyntax> OwnReturns(BlockSyntax body) =>
        body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>();
}
