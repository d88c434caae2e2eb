using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// The guard of a statement that connects several clients, such as
/// <c>await Task.WhenAll(a.ConnectUserAsync(..), b.ConnectUserAsync(..))</c>: each connect that is an
/// argument of <c>Task.WhenAll</c> is guarded by its own client's state,
/// <c>!a.IsConnected ? a.ConnectUserAsync(..) : Task.CompletedTask</c>. One condition around the
/// whole statement would be wrong either way: <c>!a.IsConnected &amp;&amp; !b.IsConnected</c> skips
/// <c>b</c>'s connect while <c>a</c> is connected, and one guard per client nested around it does the
/// same. Guarding each argument connects exactly the clients that are not connected, still
/// concurrently, and the statement keeps running whatever the state.
/// </summary>
internal sealed class ArgumentGuards
{
    private readonly Dictionary<ExpressionSyntax, ConnectionGuard> _guardsByArgument;

    private ArgumentGuards(Dictionary<ExpressionSyntax, ConnectionGuard> guardsByArgument) => _guardsByArgument = guardsByArgument;

    /// <summary>
    /// The guards for <paramref name="calls"/> (the unguarded connects of <paramref name="site"/>, each
    /// with its client's guard); null unless every one has a guard and is a <c>Task</c>-typed argument of
    /// <c>Task.WhenAll</c> whose overload stays the same or whose result is not used (the guarded
    /// arguments are plain <c>Task</c>s, which turns <c>WhenAll&lt;T&gt;</c> into <c>WhenAll</c>).
    /// </summary>
    public static ArgumentGuards? TryCreate(StatementSite site, IEnumerable<(IInvocationOperation Call, ConnectionGuard? Guard)> calls, SemanticModel model, CancellationToken cancellationToken)
    {
        var guardsByArgument = new Dictionary<ExpressionSyntax, ConnectionGuard>();
        foreach (var (call, guard) in calls)
        {
            if (guard is null || !IsTask(call.Type) || WhenAllArgument(call, site, model, cancellationToken) is not { } argument)
            {
                return null;
            }

            guardsByArgument[argument] = guard;
        }

        return guardsByArgument.Count == 0 ? null : new ArgumentGuards(guardsByArgument);
    }

    /// <summary>The argument expressions that get a guard (in the original tree).</summary>
    public IEnumerable<ExpressionSyntax> Arguments => _guardsByArgument.Keys;

    /// <summary><paramref name="argument"/> (one of <see cref="Arguments"/>, as it is now) under its client's guard.</summary>
    public ExpressionSyntax Guarded(ExpressionSyntax original, ExpressionSyntax argument)
    {
        var completedTask = MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            ParseTypeName("global::System.Threading.Tasks.Task").WithAdditionalAnnotations(Simplifier.Annotation),
            IdentifierName("CompletedTask"));
        return ConditionalExpression(_guardsByArgument[original].Condition, argument.WithoutTrivia(), completedTask)
            .WithTriviaFrom(argument)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    /// <summary>The site's statement with every argument guarded (an expression body becomes an expression statement).</summary>
    public StatementSyntax GuardedStatement(StatementSite site)
    {
        var rewritten = site.Node.ReplaceNodes(Arguments, Guarded);
        return rewritten as StatementSyntax ?? ExpressionStatement(((ExpressionSyntax)rewritten).WithoutTrivia());
    }

    private static bool IsTask(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Task", Arity: 0 or 1 } named
        && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    /// <summary>The argument of <c>Task.WhenAll</c> that <paramref name="call"/> is (in parentheses or after <c>?.</c>); null otherwise.</summary>
    private static ExpressionSyntax? WhenAllArgument(IInvocationOperation call, StatementSite site, SemanticModel model, CancellationToken cancellationToken)
    {
        var expression = Flow.ReportedSyntax(call);
        while (expression.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized;
        }

        if (expression.Parent is not ArgumentSyntax { RefKindKeyword.RawKind: 0, Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax whenAll } }
            || model.GetOperation(whenAll, cancellationToken) is not IInvocationOperation { TargetMethod: { Name: "WhenAll", IsStatic: true } method }
            || !IsTask(method.ContainingType)
            || method.ContainingType.Arity != 0
            || (method.IsGenericMethod && !ResultIsDiscarded(whenAll, site, model, cancellationToken)))
        {
            return null;
        }

        return (ExpressionSyntax)expression;
    }

    /// <summary>True when the statement only awaits or discards <paramref name="whenAll"/>'s task (through <c>ConfigureAwait</c>, <c>_ =</c>).</summary>
    private static bool ResultIsDiscarded(InvocationExpressionSyntax whenAll, StatementSite site, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode node = whenAll;
        while (true)
        {
            switch (node.Parent)
            {
                case ParenthesizedExpressionSyntax or AwaitExpressionSyntax:
                    node = node.Parent;
                    continue;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configured } access when access.Expression == node:
                    node = configured;
                    continue;
                case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && assignment.Right == node
                    && model.GetOperation(assignment.Left, cancellationToken) is IDiscardOperation:
                    node = assignment;
                    continue;
            }

            return node == site.Node || (node.Parent is ExpressionStatementSyntax statement && statement == site.Node);
        }
    }
}
