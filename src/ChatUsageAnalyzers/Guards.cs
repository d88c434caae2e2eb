using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>Connection-state reads: the conditions that make a connect run only while disconnected.</summary>
internal static class Guards
{
    /// <summary>True when <paramref name="condition"/> reads a state member of the client <paramref name="connect"/> is made on.</summary>
    public static bool ReadsStateOf(IOperation? condition, IInvocationOperation connect, ChatApi api)
    {
        if (condition is null)
        {
            return false;
        }

        var client = connect.Instance;
        return ReadsState(condition, api, instance => ClientReference.AreSame(instance, client));
    }

    /// <summary>True when <paramref name="condition"/> reads a state member of the client held in <paramref name="clientMember"/> (a field or property of this instance).</summary>
    public static bool ReadsStateOf(IOperation? condition, ISymbol clientMember, ChatApi api) =>
        condition is not null
        && ReadsState(condition, api, instance => ClientReference.Of(instance) is { Home: ClientHome.Member } reference
            && SymbolEqualityComparer.Default.Equals(reference.Symbol?.OriginalDefinition, clientMember.OriginalDefinition));

    /// <summary>
    /// True when <paramref name="connect"/> only runs while a condition on the same client's state
    /// holds: it is inside <c>if (!client.IsConnected)</c> (or the <c>else</c> of the opposite, or a
    /// <c>&amp;&amp;</c> with other conditions), or follows an early <c>return</c> on the opposite.
    /// Which way the condition reads is not judged: any state check around the call keeps it to one
    /// socket at a time.
    /// </summary>
    public static bool IsGuardedByState(IInvocationOperation connect, ChatApi api, CancellationToken cancellationToken = default) =>
        IsGuardedBy(connect, (condition, _) => ReadsStateOf(condition, connect, api), cancellationToken);

    /// <summary>
    /// The operation form of <see cref="IsGuardedBy(SyntaxNode, Func{ExpressionSyntax, bool, bool})"/>:
    /// <paramref name="guardsWhen"/> sees each condition as an operation.
    /// </summary>
    public static bool IsGuardedBy(IOperation operation, Func<IOperation, bool, bool> guardsWhen, CancellationToken cancellationToken)
    {
        var model = operation.SemanticModel;
        return model is not null && IsGuardedBy(
            operation.Syntax,
            (condition, value) => model.GetOperation(condition, cancellationToken) is { } conditionOperation && guardsWhen(conditionOperation, value));
    }

    /// <summary>
    /// True when <paramref name="node"/> is only reached if some condition evaluated to a value for
    /// which <paramref name="guardsWhen"/>(condition, value) holds: it is in a branch of an
    /// <c>if</c> or <c>?:</c>, in the right operand of <c>&amp;&amp;</c> or <c>||</c>, or after an
    /// <c>if (..) return;</c> (or <c>throw</c>, <c>break</c>, <c>continue</c>) in an enclosing block.
    /// Conditions are split on <c>!</c>, <c>&amp;&amp;</c>, <c>||</c> and comparisons with
    /// <c>true</c>/<c>false</c>, so <paramref name="guardsWhen"/> sees the parts. The walk stops at
    /// the enclosing member, lambda or local function: a check outside them is not on the path.
    /// </summary>
    public static bool IsGuardedBy(SyntaxNode node, Func<ExpressionSyntax, bool, bool> guardsWhen)
    {
        var child = node;
        for (var current = node.Parent; current is not null; child = current, current = current.Parent)
        {
            var guarded = current switch
            {
                IfStatementSyntax @if when child == @if.Statement => Implies(@if.Condition, true, guardsWhen),
                IfStatementSyntax @if when child == @if.Else => Implies(@if.Condition, false, guardsWhen),
                ConditionalExpressionSyntax conditional when child == conditional.WhenTrue => Implies(conditional.Condition, true, guardsWhen),
                ConditionalExpressionSyntax conditional when child == conditional.WhenFalse => Implies(conditional.Condition, false, guardsWhen),
                BinaryExpressionSyntax binary when child == binary.Right && binary.IsKind(SyntaxKind.LogicalAndExpression) => Implies(binary.Left, true, guardsWhen),
                BinaryExpressionSyntax binary when child == binary.Right && binary.IsKind(SyntaxKind.LogicalOrExpression) => Implies(binary.Left, false, guardsWhen),
                BlockSyntax block => FollowsEarlyExit(block.Statements, child, guardsWhen),
                SwitchSectionSyntax section => FollowsEarlyExit(section.Statements, child, guardsWhen),
                _ => false,
            };
            if (guarded)
            {
                return true;
            }

            if (current is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="condition"/> having <paramref name="value"/> means one of its parts guards.</summary>
    private static bool Implies(ExpressionSyntax condition, bool value, Func<ExpressionSyntax, bool, bool> guardsWhen)
    {
        switch (condition)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Implies(parenthesized.Expression, value, guardsWhen);
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                return Implies(unary.Operand, !value, guardsWhen);
            case BinaryExpressionSyntax conjunction when conjunction.IsKind(SyntaxKind.LogicalAndExpression):
                // "a && b" is true only when both are; it is false when either is, so then both must guard.
                return value
                    ? Implies(conjunction.Left, true, guardsWhen) || Implies(conjunction.Right, true, guardsWhen)
                    : Implies(conjunction.Left, false, guardsWhen) && Implies(conjunction.Right, false, guardsWhen);
            case BinaryExpressionSyntax disjunction when disjunction.IsKind(SyntaxKind.LogicalOrExpression):
                return value
                    ? Implies(disjunction.Left, true, guardsWhen) && Implies(disjunction.Right, true, guardsWhen)
                    : Implies(disjunction.Left, false, guardsWhen) || Implies(disjunction.Right, false, guardsWhen);
            case BinaryExpressionSyntax comparison when (comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression))
                && (BoolLiteral(comparison.Right) ?? BoolLiteral(comparison.Left)) is { } literal:
                var operand = BoolLiteral(comparison.Right) is null ? comparison.Right : comparison.Left;
                var isEquality = comparison.IsKind(SyntaxKind.EqualsExpression);
                return Implies(operand, value == (isEquality == literal), guardsWhen);
            default:
                return guardsWhen(condition, value);
        }
    }

    private static bool? BoolLiteral(ExpressionSyntax expression) => expression.Kind() switch
    {
        SyntaxKind.TrueLiteralExpression => true,
        SyntaxKind.FalseLiteralExpression => false,
        _ => null,
    };

    /// <summary>An earlier statement of the block is <c>if (condition) exit;</c>, so <paramref name="statement"/> runs only when the condition was false.</summary>
    private static bool FollowsEarlyExit(SyntaxList<StatementSyntax> statements, SyntaxNode statement, Func<ExpressionSyntax, bool, bool> guardsWhen)
    {
        foreach (var earlier in statements)
        {
            if (earlier == statement)
            {
                return false;
            }

            if (earlier is IfStatementSyntax { Else: null } @if && Exits(@if.Statement) && Implies(@if.Condition, false, guardsWhen))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Exits(StatementSyntax statement) => statement switch
    {
        BlockSyntax block => block.Statements.Count > 0 && Exits(block.Statements[block.Statements.Count - 1]),
        ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax => true,
        YieldStatementSyntax yield => yield.IsKind(SyntaxKind.YieldBreakStatement),
        _ => false,
    };

    /// <summary>
    /// True when <paramref name="flagged"/> is only reached behind a once-flag: a <c>bool</c> field
    /// of the instance (or type) that the condition tests and the same member sets to the opposite
    /// value (<c>if (_started) return; _started = true;</c>, or <c>if (!_started) { _started = true; .. }</c>).
    /// The second run of the member finds the flag flipped and skips the call.
    /// </summary>
    public static bool IsBehindOnceFlag(IOperation flagged, CancellationToken cancellationToken)
    {
        var body = Root(flagged);
        return IsGuardedBy(
            flagged,
            (condition, value) => ClientReference.Of(condition) is { Home: ClientHome.Member, Symbol: IFieldSymbol { Type.SpecialType: SpecialType.System_Boolean, IsConst: false } flag }
                && Assigns(body, flag, !value),
            cancellationToken);
    }

    /// <summary>
    /// True when the call's result is cached in a field through <c>??=</c>
    /// (<c>_connect ??= client.ConnectUserAsync(..)</c>, also with <c>await</c> or <c>?.</c>): the
    /// call runs only while the field is still null, so once per instance.
    /// </summary>
    public static bool IsCachedInField(IInvocationOperation call)
    {
        IOperation current = call;
        while (current.Parent is { } parent
            && (parent is IConversionOperation or IParenthesizedOperation or IAwaitOperation
                || (parent is IConditionalAccessOperation access && access.WhenNotNull == current)))
        {
            current = parent;
        }

        return current.Parent is ICoalesceAssignmentOperation assignment
            && assignment.Value == current
            && ClientReference.Of(assignment.Target) is { Home: ClientHome.Member, Symbol: IFieldSymbol };
    }

    /// <summary>The outermost operation of the member (or initializer) that contains <paramref name="operation"/>.</summary>
    private static IOperation Root(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            current = parent;
        }

        return current;
    }

    private static bool Assigns(IOperation body, IFieldSymbol field, bool value) =>
        body.DescendantsAndSelf().OfType<ISimpleAssignmentOperation>().Any(assignment =>
            assignment.Value.ConstantValue is { HasValue: true, Value: bool assigned }
            && assigned == value
            && Flow.WithoutConversions(assignment.Target) is IFieldReferenceOperation target
            && SymbolEqualityComparer.Default.Equals(target.Field.OriginalDefinition, field.OriginalDefinition));

    /// <summary>How many locals deep a state read is followed (<c>var ready = !connected &amp;&amp; ..</c>); also ends self-references in broken code.</summary>
    private const int MaxLocalHops = 3;

    private static bool ReadsState(IOperation condition, ChatApi api, Func<IOperation?, bool> isClient, int localHops = 0) =>
        condition.DescendantsAndSelf().Any(operation => operation switch
        {
            IPropertyReferenceOperation property => api.IsStateMember(property.Property, property.Instance?.Type)
                && isClient(property.Instance),
            IInvocationOperation call => api.IsStateMember(call.TargetMethod, call.Instance?.Type)
                && isClient(call.Instance),
            // Real code often names the check first: "var connected = client.IsConnected; if (connected) return;".
            ILocalReferenceOperation local => localHops < MaxLocalHops
                && InitialValue(local) is { } initializer
                && ReadsState(initializer, api, isClient, localHops + 1),
            _ => false,
        });

    /// <summary>The value a local is declared with (<c>var connected = client.IsConnected;</c>), if it has one.</summary>
    private static IOperation? InitialValue(ILocalReferenceOperation reference)
    {
        if (reference.SemanticModel is not { } model)
        {
            return null;
        }

        foreach (var declaration in reference.Local.DeclaringSyntaxReferences)
        {
            if (declaration.SyntaxTree == model.SyntaxTree
                && declaration.GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer }
                && model.GetOperation(initializer.Value) is { } value)
            {
                return value;
            }
        }

        return null;
    }
}
