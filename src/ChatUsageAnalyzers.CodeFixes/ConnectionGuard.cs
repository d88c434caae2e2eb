using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// The connection-state check that keeps a client to one socket at a time, written on the client
/// expression a call uses: <c>!client.IsConnected</c> for the reference client, and
/// <c>!client.IsConnected &amp;&amp; !client.IsConnecting</c> for Stream's SDK, whose connect starts over
/// when it is called while a connection is being opened. A receiver reached through <c>?.</c> keeps
/// its null check: <c>client?.IsConnected == false</c>. A client whose state is an enum with a
/// <c>Disconnected</c> value (SignalR's configured <c>HubConnection.State</c>) gets
/// <c>hub.State == HubConnectionState.Disconnected</c>. The analyzers count each form as a guard.
/// </summary>
internal sealed class ConnectionGuard
{
    /// <summary>Boolean state members that are true while a connect must not start again, in the order the condition tests them.</summary>
    private static readonly string[] BusyStateMembers = { "IsConnected", "IsConnecting" };

    /// <summary>The value of an enum state member in which a connect may start.</summary>
    private const string DisconnectedValue = "Disconnected";

    private ConnectionGuard(ExpressionSyntax condition)
    {
        Condition = condition;
        Text = TokensOf(condition);
    }

    /// <summary>The condition under which the connect may run, without trivia.</summary>
    public ExpressionSyntax Condition { get; }

    /// <summary>The condition's tokens: two guards with the same text check the same client.</summary>
    public string Text { get; }

    /// <summary>The guard for the client a connect call is made on; null when its receiver is implicit, not a plain member or variable path, or has no state member.</summary>
    public static ConnectionGuard? ForCall(IInvocationOperation call, ChatApi api)
    {
        // "client?.Connect()": the (implicit) instance stands for the expression before "?.".
        var instance = call.Instance;
        var conditional = instance is IConditionalAccessInstanceOperation;
        if (instance is null || (instance.IsImplicit && !conditional))
        {
            return null;
        }

        return instance.Syntax is ExpressionSyntax receiver ? For(receiver, instance.Type, conditional, api) : null;
    }

    /// <summary>
    /// The guard for <paramref name="receiver"/> of type <paramref name="receiverType"/>; null when the
    /// expression could change between the check and the call (anything but names, <c>this</c>,
    /// <c>base</c> and member accesses on them) or the type has no boolean busy state member.
    /// </summary>
    public static ConnectionGuard? For(ExpressionSyntax receiver, ITypeSymbol? receiverType, bool conditionalAccess, ChatApi api)
    {
        receiver = Unparenthesized(receiver);
        if (!IsStablePath(receiver) || api.ApiOf(receiverType) is not { } client)
        {
            return null;
        }

        var target = receiver.WithoutTrivia();
        var members = BusyStateMembers
            .Where(name => client.Definition.StateMembers.Contains(name) && HasBooleanProperty(receiverType!, name))
            .ToList();
        if (members.Count == 0)
        {
            return DisconnectedStateCheck(target, receiverType!, client, conditionalAccess) is { } check ? new ConnectionGuard(check) : null;
        }

        var checks = members.Select(name => conditionalAccess
            ? (ExpressionSyntax)BinaryExpression(
                SyntaxKind.EqualsExpression,
                ConditionalAccessExpression(target, MemberBindingExpression(IdentifierName(name))),
                LiteralExpression(SyntaxKind.FalseLiteralExpression))
            : PrefixUnaryExpression(
                SyntaxKind.LogicalNotExpression,
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, IdentifierName(name))));
        return new ConnectionGuard(checks.Aggregate((left, right) => BinaryExpression(SyntaxKind.LogicalAndExpression, left, right)));
    }

    /// <summary>
    /// <c>receiver.State == HubConnectionState.Disconnected</c>: for a state member of enum type with a
    /// <c>Disconnected</c> value (SignalR's <c>HubConnection.State</c> when configured), connecting is
    /// right exactly in that state. Null for any other state member: a configured boolean other than
    /// <c>IsConnected</c>/<c>IsConnecting</c> does not say which of its values means "connected".
    /// </summary>
    private static ExpressionSyntax? DisconnectedStateCheck(ExpressionSyntax target, ITypeSymbol receiverType, ClientApi client, bool conditionalAccess)
    {
        foreach (var name in client.Definition.StateMembers.OrderBy(n => n, System.StringComparer.Ordinal))
        {
            var stateType = TypeHierarchy.SelfAndSupertypes(receiverType)
                .SelectMany(t => t.GetMembers(name))
                .Select(member => member switch
                {
                    IPropertySymbol { IsStatic: false, IsWriteOnly: false, Parameters.IsEmpty: true } property => property.Type,
                    IFieldSymbol { IsStatic: false } field => field.Type,
                    _ => null,
                })
                .FirstOrDefault(type => type is not null);
            if (stateType is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType
                || !enumType.GetMembers(DisconnectedValue).OfType<IFieldSymbol>().Any())
            {
                continue;
            }

            var state = conditionalAccess
                ? (ExpressionSyntax)ConditionalAccessExpression(target, MemberBindingExpression(IdentifierName(name)))
                : MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, IdentifierName(name));
            var disconnected = MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                ParseTypeName(enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithAdditionalAnnotations(Simplifier.Annotation),
                IdentifierName(DisconnectedValue));
            return BinaryExpression(SyntaxKind.EqualsExpression, state, disconnected);
        }

        return null;
    }

    /// <summary><c>if (condition) { statements }</c>, formatted where it lands; the statements keep their comments.</summary>
    public IfStatementSyntax Wrap(IEnumerable<StatementSyntax> statements) =>
        IfStatement(Condition, Block(statements)).WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>True for an <c>if</c> without <c>else</c> whose braced body runs under this very condition.</summary>
    public bool Guards(StatementSyntax statement) =>
        statement is IfStatementSyntax { Else: null, Statement: BlockSyntax } existing && TokensOf(existing.Condition) == Text;

    /// <summary>A node's tokens without trivia: equal for code that differs only in layout and comments.</summary>
    public static string TokensOf(SyntaxNode node) => string.Concat(node.DescendantTokens().Select(t => t.Text));

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    private static bool IsStablePath(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax or ThisExpressionSyntax or BaseExpressionSyntax => true,
        MemberAccessExpressionSyntax access => access.IsKind(SyntaxKind.SimpleMemberAccessExpression)
            && access.Name is IdentifierNameSyntax
            && IsStablePath(Unparenthesized(access.Expression)),
        _ => false,
    };

    private static bool HasBooleanProperty(ITypeSymbol type, string name) =>
        TypeHierarchy.SelfAndSupertypes(type).Any(t => t.GetMembers(name).OfType<IPropertySymbol>()
            .Any(p => p.Type.SpecialType == SpecialType.System_Boolean && !p.IsStatic && !p.IsWriteOnly && p.Parameters.IsEmpty));

}
