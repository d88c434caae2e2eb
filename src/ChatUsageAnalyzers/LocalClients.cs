using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>What becomes of a client held in a local variable, within the method that declares it.</summary>
internal enum LocalClientFate
{
    /// <summary>The method created it and neither releases it nor hands it on: its socket outlives the method.</summary>
    Abandoned,

    /// <summary>Disconnected or disposed in the method, or declared in a <c>using</c>.</summary>
    Released,

    /// <summary>Returned, passed as an argument, copied elsewhere: whoever receives it owns it.</summary>
    Escapes,

    /// <summary>Not created here (a foreach or pattern variable, an <c>out</c> argument): its owner is elsewhere.</summary>
    NotOwned,

    /// <summary>Stored into, or copied from, a field or property: see <see cref="LocalClientJudgement.Holder"/>.</summary>
    HeldElsewhere,
}

internal readonly struct LocalClientJudgement
{
    public LocalClientJudgement(LocalClientFate fate, IOperation? holder = null)
    {
        Fate = fate;
        Holder = holder;
    }

    public LocalClientFate Fate { get; }

    /// <summary>For <see cref="LocalClientFate.HeldElsewhere"/>: the reference the client is stored into or was read from.</summary>
    public IOperation? Holder { get; }
}

/// <summary>RULES.md CHAT004 for locals: flagged when the method neither disconnects nor disposes the client and it does not escape.</summary>
internal static class LocalClients
{
    /// <summary>Judges <paramref name="local"/> by reading the whole body of the member that contains <paramref name="anyOperation"/>.</summary>
    public static LocalClientJudgement Judge(ILocalSymbol local, IOperation anyOperation, ChatApi api)
    {
        var root = anyOperation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        IOperation? source = null;
        IOperation? storedInto = null;
        var escapes = false;
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IInvocationOperation call when api.DisconnectMethodNames.Contains(call.TargetMethod.Name)
                    && ClientReference.Of(call) is { Home: ClientHome.Local } client && SymbolEqualityComparer.Default.Equals(client.Symbol, local) && api.IsDisconnect(call):
                case IUsingOperation @using when Holds(@using.Resources, local):
                case IUsingDeclarationOperation usingDeclaration when Holds(usingDeclaration.DeclarationGroup, local):
                    return new LocalClientJudgement(LocalClientFate.Released);
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    source ??= declarator.Initializer?.Value;
                    break;
                case IDeclarationPatternOperation pattern when SymbolEqualityComparer.Default.Equals(pattern.DeclaredSymbol, local):
                    // "if (_client is ChatClient client)": the pattern variable is the tested value.
                    source ??= (pattern.Parent as IIsPatternOperation)?.Value;
                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    var (use, parent) = OutermostUse(reference);
                    switch (parent)
                    {
                        case IAssignmentOperation assignment when assignment.Target == use:
                            source ??= assignment.Value;
                            break;
                        case ISimpleAssignmentOperation assignment when assignment.Value == use && assignment.Target is not ILocalReferenceOperation:
                            storedInto ??= assignment.Target;
                            break;
                        default:
                            escapes |= !IsHarmlessUse(use, parent);
                            break;
                    }

                    break;
            }
        }

        if (storedInto is not null)
        {
            return new LocalClientJudgement(LocalClientFate.HeldElsewhere, storedInto);
        }

        switch (Flow.WithoutConversions(source))
        {
            case null:
                return new LocalClientJudgement(LocalClientFate.NotOwned);
            case IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation or ILocalReferenceOperation:
                // A copy of a client that lives elsewhere: judged where it lives.
                return new LocalClientJudgement(LocalClientFate.HeldElsewhere, Flow.WithoutConversions(source));
        }

        return new LocalClientJudgement(escapes ? LocalClientFate.Escapes : LocalClientFate.Abandoned);
    }

    /// <summary>Uses that neither hand the client on nor keep it: member access on it, comparisons, type tests, <c>nameof</c>.</summary>
    private static bool IsHarmlessUse(IOperation use, IOperation? parent) => parent switch
    {
        IInvocationOperation call => call.Instance == use,
        IMemberReferenceOperation member => member.Instance == use,
        IConditionalAccessOperation access => access.Operation == use,
        IBinaryOperation or IIsPatternOperation or IIsTypeOperation or INameOfOperation => true,
        _ => false,
    };

    private static (IOperation Use, IOperation? Parent) OutermostUse(IOperation reference)
    {
        var use = reference;
        while (use.Parent is IConversionOperation or IParenthesizedOperation)
        {
            use = use.Parent;
        }

        return (use, use.Parent);
    }

    /// <summary>A <c>using</c> resource: the declared local, or the local itself (<c>using (client)</c>).</summary>
    private static bool Holds(IOperation? resources, ILocalSymbol local)
    {
        if (resources is null)
        {
            return false;
        }

        if (IsLocal(resources, local))
        {
            return true;
        }

        foreach (var operation in resources.DescendantsAndSelf())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLocal(IOperation? operation, ILocalSymbol local) =>
        Flow.WithoutConversions(operation) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
}
