using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>A loop that repeats an operation: a loop statement, or an iteration method's lambda.</summary>
internal readonly struct EnclosingLoop
{
    public EnclosingLoop(IOperation loop, string description)
    {
        Loop = loop;
        Description = description;
    }

    /// <summary>The <see cref="ILoopOperation"/>, or the <see cref="IAnonymousFunctionOperation"/> passed to an iteration method.</summary>
    public IOperation Loop { get; }

    /// <summary>"foreach", "for", "while", "do" or "Type.Method" for an iteration method.</summary>
    public string Description { get; }
}

/// <summary>Control-flow questions the rules ask about an operation, answered by walking up the tree.</summary>
internal static class Flow
{
    /// <summary>
    /// The nearest loop that runs <paramref name="operation"/> more than once, stopping at a local
    /// function or a lambda that is not an iteration lambda (their bodies run when called, not per iteration).
    /// </summary>
    public static EnclosingLoop? FindRepeatingLoop(IOperation operation)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation loop when RunsRepeatedly(loop, child):
                    return new EnclosingLoop(loop, Keyword(loop));
                case IAnonymousFunctionOperation lambda:
                    return IterationMethodOf(lambda) is { } iteration ? new EnclosingLoop(lambda, iteration) : null;
                case ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The syntax a call is reported on: the whole invocation expression, including the receiver of
    /// a <c>?.</c> access (<c>client?.ConnectUserAsync(..)</c>, not just <c>.ConnectUserAsync(..)</c>).
    /// </summary>
    public static SyntaxNode ReportedSyntax(IInvocationOperation invocation)
    {
        IOperation current = invocation;
        while (current.Parent is IConditionalAccessOperation access && access.WhenNotNull == current)
        {
            current = access;
        }

        return current.Syntax;
    }

    /// <summary>The operation under any conversions and parentheses.</summary>
    public static IOperation? WithoutConversions(IOperation? operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary>
    /// What an event subscription (<c>x.E += handler</c>) passes: the method reference or lambda
    /// under delegate creations (<c>new EventHandler(M)</c>), conversions and parentheses.
    /// </summary>
    public static IOperation? SubscribedHandler(IOperation? handlerValue)
    {
        var operation = WithoutConversions(handlerValue);
        while (operation is IDelegateCreationOperation creation)
        {
            operation = WithoutConversions(creation.Target);
        }

        return operation;
    }

    /// <summary>The nearest lambda or local function around the operation; null when it runs in the member's own body.</summary>
    public static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The event a lambda is subscribed to with <c>+=</c> (<c>Loaded += (s, e) => ..</c>), if it is.</summary>
    public static IEventSymbol? SubscribedEvent(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation reference }
            ? reference.Event
            : null;
    }

    /// <summary>The statement that contains <paramref name="operation"/> directly in a block (or the operation's outermost expression).</summary>
    public static IOperation EnclosingStatement(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent && parent is not IBlockOperation && parent.Syntax is not BlockSyntax
            && current.Syntax is not StatementSyntax)
        {
            current = parent;
        }

        return current;
    }

    /// <summary>True when the statement after <paramref name="statement"/> in its block leaves the loop (<c>break</c>, <c>return</c>, <c>throw</c>).</summary>
    public static bool IsFollowedByLoopExit(IOperation statement)
    {
        if (statement.Parent is not IBlockOperation block)
        {
            return false;
        }

        var index = block.Operations.IndexOf(statement);
        if (index < 0 || index + 1 >= block.Operations.Length)
        {
            return false;
        }

        return block.Operations[index + 1] switch
        {
            IBranchOperation { BranchKind: BranchKind.Break } => true,
            // Lambdas and void methods end with an implicit return that leaves nothing.
            IReturnOperation { IsImplicit: false } => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IThrowOperation => true,
            _ => false,
        };
    }

    /// <summary>The iteration method ("Parallel.ForEach") a lambda is passed to, if it is passed to one.</summary>
    public static string? IterationMethodOf(IAnonymousFunctionOperation lambda) =>
        InvocationReceiving(lambda) is { } invocation ? IterationMethods.Describe(invocation.TargetMethod) : null;

    /// <summary>The call a lambda is passed to as an argument (through its delegate conversion), if any.</summary>
    public static IInvocationOperation? InvocationReceiving(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation invocation } ? invocation : null;
    }

    /// <summary>
    /// Loop parts that run once are not "inside": a <c>for</c> initializer and a <c>foreach</c>
    /// collection. The body, condition and increment repeat.
    /// </summary>
    private static bool RunsRepeatedly(ILoopOperation loop, IOperation child)
    {
        var span = child.Syntax.Span;
        return loop.Syntax switch
        {
            ForStatementSyntax @for => !(@for.Declaration?.Span.Contains(span) ?? false)
                && !@for.Initializers.Span.Contains(span),
            CommonForEachStatementSyntax forEach => !forEach.Expression.Span.Contains(span),
            _ => true,
        };
    }

    private static string Keyword(ILoopOperation loop) => loop.Syntax switch
    {
        ForStatementSyntax => "for",
        CommonForEachStatementSyntax => "foreach",
        WhileStatementSyntax => "while",
        DoStatementSyntax => "do",
        _ => loop.LoopKind.ToString().ToLowerInvariant(),
    };
}
