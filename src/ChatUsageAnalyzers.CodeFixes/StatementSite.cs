using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// Where a reported call runs as a unit that a fix can wrap or move: an expression or declaration
/// statement (not a <c>using</c> declaration), or the expression body of a function whose body could
/// as well be that expression as a statement (a <c>void</c> function, or an <c>async</c> one returning
/// <c>Task</c> or <c>ValueTask</c>).
/// </summary>
internal sealed class StatementSite
{
    private StatementSite(SyntaxNode node, SyntaxNode function)
    {
        Node = node;
        Function = function;
    }

    /// <summary>A <see cref="StatementSyntax"/>, or the <see cref="ExpressionSyntax"/> of an expression body.</summary>
    public SyntaxNode Node { get; }

    /// <summary>The method, accessor, local function or lambda the site is in.</summary>
    public SyntaxNode Function { get; }

    public StatementSyntax? Statement => Node as StatementSyntax;

    public bool IsExpressionBody => Node is ExpressionSyntax;

    /// <summary>The site as a statement, with its trivia (an expression body becomes an expression statement).</summary>
    public StatementSyntax AsStatement() => Node switch
    {
        StatementSyntax statement => statement,
        _ => SyntaxFactory.ExpressionStatement(((ExpressionSyntax)Node).WithoutTrivia()),
    };

    /// <summary>True when the site itself awaits (an <c>await</c> outside nested lambdas and local functions).</summary>
    public bool Awaits => Awaiting(Node);

    public static StatementSite? Of(SyntaxNode reported, SemanticModel model, CancellationToken cancellationToken)
    {
        var child = reported;
        for (var current = reported.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case ExpressionStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, IsConst: false }:
                    return EnclosingFunction(current) is { } function ? new StatementSite(current, function) : null;
                case StatementSyntax:
                    return null;
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax:
                    return BodyCanBeStatement(arrow.Parent, arrow.Expression, model, cancellationToken)
                        ? new StatementSite(arrow.Expression, arrow.Parent)
                        : null;
                case AnonymousFunctionExpressionSyntax lambda when child == lambda.ExpressionBody:
                    return BodyCanBeStatement(lambda, lambda.ExpressionBody, model, cancellationToken)
                        ? new StatementSite(lambda.ExpressionBody, lambda)
                        : null;
                case MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="node"/> awaits outside nested lambdas and local functions.</summary>
    public static bool Awaiting(SyntaxNode node) =>
        node.DescendantNodesAndSelf(n => n == node || !IsNestedFunction(n)).Any(n => n switch
        {
            AwaitExpressionSyntax => true,
            CommonForEachStatementSyntax forEach => forEach.AwaitKeyword.RawKind != 0,
            UsingStatementSyntax @using => @using.AwaitKeyword.RawKind != 0,
            LocalDeclarationStatementSyntax declaration => declaration.AwaitKeyword.RawKind != 0,
            _ => false,
        });

    public static bool IsNestedFunction(SyntaxNode node) => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    /// <summary>The symbols of the variables the site declares (declarators, <c>out var</c>, patterns).</summary>
    public IReadOnlyList<ISymbol> DeclaredVariables(SemanticModel model, CancellationToken cancellationToken) =>
        Node.DescendantNodesAndSelf(n => n == Node || !IsNestedFunction(n))
            .Select(n => n switch
            {
                VariableDeclaratorSyntax declarator => model.GetDeclaredSymbol(declarator, cancellationToken),
                SingleVariableDesignationSyntax designation => model.GetDeclaredSymbol(designation, cancellationToken),
                _ => null,
            })
            .OfType<ISymbol>()
            .ToList();

    private static SyntaxNode? EnclosingFunction(SyntaxNode statement) =>
        statement.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
            or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax);

    private static bool BodyCanBeStatement(SyntaxNode function, ExpressionSyntax body, SemanticModel model, CancellationToken cancellationToken)
    {
        var symbol = function is AnonymousFunctionExpressionSyntax
            ? model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol
            : model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;
        if (symbol is null || !IsStatementExpression(body))
        {
            return false;
        }

        return symbol.ReturnsVoid || (symbol.IsAsync && IsNonGenericAwaitable(symbol.ReturnType));
    }

    /// <summary><c>Task</c> or <c>ValueTask</c>: what an <c>async</c> method without a result returns.</summary>
    public static bool IsNonGenericAwaitable(ITypeSymbol type) =>
        type is INamedTypeSymbol { Arity: 0, Name: "Task" or "ValueTask" } named
        && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    private static bool IsStatementExpression(ExpressionSyntax expression) =>
        expression is InvocationExpressionSyntax or AwaitExpressionSyntax or AssignmentExpressionSyntax
            or ObjectCreationExpressionSyntax or ConditionalAccessExpressionSyntax
        || expression.IsKind(SyntaxKind.PreIncrementExpression) || expression.IsKind(SyntaxKind.PreDecrementExpression)
        || expression.IsKind(SyntaxKind.PostIncrementExpression) || expression.IsKind(SyntaxKind.PostDecrementExpression);
}
