using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>Where the client a call is made on lives.</summary>
internal enum ClientHome
{
    /// <summary>A field or property of the instance (or type) whose code makes the call.</summary>
    Member,

    Local,

    Parameter,

    /// <summary>Reached through another object (<c>_services.Chat</c>), a call result, or anything else: its owner is elsewhere.</summary>
    Elsewhere,
}

/// <summary>The client a connect or disconnect is invoked on: "the same client" means the same symbol.</summary>
internal readonly struct ClientReference
{
    private ClientReference(ISymbol? symbol, ClientHome home)
    {
        Symbol = symbol;
        Home = home;
    }

    public ISymbol? Symbol { get; }

    public ClientHome Home { get; }

    public static ClientReference Of(IInvocationOperation invocation) => Of(invocation.Instance);

    /// <summary>Resolves a receiver expression, looking through conversions, parentheses and <c>?.</c>.</summary>
    public static ClientReference Of(IOperation? receiver)
    {
        receiver = Unwrap(receiver);
        return receiver switch
        {
            IFieldReferenceOperation field when IsOwnInstance(field.Instance) => new(field.Field, ClientHome.Member),
            IPropertyReferenceOperation property when IsOwnInstance(property.Instance) => new(property.Property, ClientHome.Member),
            ILocalReferenceOperation local => new(local.Local, ClientHome.Local),
            IParameterReferenceOperation parameter => new(parameter.Parameter, ClientHome.Parameter),
            _ => new(null, ClientHome.Elsewhere),
        };
    }

    public bool IsSameClient(ClientReference other) =>
        Symbol is not null && SymbolEqualityComparer.Default.Equals(Symbol.OriginalDefinition, other.Symbol?.OriginalDefinition);

    /// <summary>
    /// Two receivers denote the same client: the same field, property, local or parameter, or (for
    /// clients reached through other objects, <c>_services.Chat</c>) the same expression text.
    /// </summary>
    public static bool AreSame(IOperation? first, IOperation? second)
    {
        var a = Of(first);
        var b = Of(second);
        if (a.Symbol is not null || b.Symbol is not null)
        {
            return a.IsSameClient(b);
        }

        var left = Unwrap(first);
        var right = Unwrap(second);
        return left is not null && right is not null
            && left.Syntax.ToString() == right.Syntax.ToString();
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                case IConditionalAccessInstanceOperation instance:
                    // "client?.Connect()": the receiver is the expression before "?.".
                    operation = FindConditionalAccess(instance)?.Operation;
                    if (operation is null)
                    {
                        return null;
                    }

                    break;
                default:
                    return operation;
            }
        }
    }

    private static IConditionalAccessOperation? FindConditionalAccess(IOperation instance)
    {
        // The instance stands for the receiver of the nearest "?." whose member part it is in; its
        // syntax is the receiver's, outside that member part, so the walk tracks the operation path.
        var child = instance;
        for (var current = instance.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IConditionalAccessOperation access && access.WhenNotNull == child)
            {
                return access;
            }
        }

        return null;
    }

    /// <summary>A member of this instance (implicit or explicit <c>this</c>), or a static member.</summary>
    private static bool IsOwnInstance(IOperation? instance) =>
        instance is null || instance is IInstanceReferenceOperation;
}
