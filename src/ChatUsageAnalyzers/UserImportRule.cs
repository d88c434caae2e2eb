using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>
/// CHAT007: a loop that connects a different user per iteration, as if connecting imported users.
/// CHAT001 leaves these calls to this rule (<see cref="ImportsUsers"/> decides for both). Run by
/// <see cref="ConnectRulesAnalyzer"/>.
/// </summary>
internal static class UserImportRule
{
    /// <summary>
    /// Connect parameters that carry the user or the user id: the reference client's
    /// <c>ConnectUserAsync(ChatUser user, ..)</c>, Stream's <c>ConnectUserAsync(AuthCredentials
    /// userAuthCredentials, ..)</c> and <c>ConnectUserAsync(string apiKey, string userId, ..)</c>.
    /// </summary>
    private static readonly ImmutableHashSet<string> UserParameterNames = ImmutableHashSet.Create("user", "userId", "userAuthCredentials");

    public static void AnalyzeConnect(OperationAnalysisContext context, IInvocationOperation invocation, ChatApi api)
    {
        if (Flow.FindRepeatingLoop(invocation) is not { } loop
            || LoopConnectRule.IsRetry(invocation, loop, api)
            || IterationSourceOfUser(invocation, loop) is not { } iterationVariable)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CHAT007_ConnectUsedToImportUsers,
            Flow.ReportedSyntax(invocation).GetLocation(),
            invocation.TargetMethod.Name,
            loop.Description,
            iterationVariable.Name));
    }

    /// <summary>
    /// True when the user (or user id) that <paramref name="connect"/> passes is derived from the
    /// iteration variable of <paramref name="loop"/> or of a loop around it: the call connects a
    /// different user per item. The hand-off between CHAT001 and CHAT007.
    /// </summary>
    internal static bool ImportsUsers(IInvocationOperation connect, EnclosingLoop loop) =>
        IterationSourceOfUser(connect, loop) is not null;

    /// <summary>The iteration variable the user argument is derived from, if it is.</summary>
    private static ISymbol? IterationSourceOfUser(IInvocationOperation connect, EnclosingLoop loop)
    {
        var userArguments = connect.Arguments
            .Where(a => a.ArgumentKind != ArgumentKind.DefaultValue && a.Parameter is { } p && UserParameterNames.Contains(p.Name))
            .ToList();
        if (userArguments.Count == 0)
        {
            return null;
        }

        var sources = IterationVariablesAround(loop, out var outermost);
        if (sources.Count == 0)
        {
            return null;
        }

        PropagateThroughAssignments(outermost, sources);
        foreach (var argument in userArguments)
        {
            foreach (var reference in argument.Value.DescendantsAndSelf())
            {
                if (ReferencedVariable(reference) is { } variable && sources.TryGetValue(variable, out var source))
                {
                    return source;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The iteration variables of <paramref name="loop"/> and of the loops around it (each mapped to
    /// itself), and the outermost of those loops: the region where values derived from them live.
    /// </summary>
    private static Dictionary<ISymbol, ISymbol> IterationVariablesAround(EnclosingLoop loop, out IOperation outermost)
    {
        var sources = new Dictionary<ISymbol, ISymbol>(SymbolEqualityComparer.Default);
        outermost = loop.Loop;
        for (EnclosingLoop? current = loop; current is { } enclosing; current = Flow.FindRepeatingLoop(enclosing.Loop))
        {
            outermost = enclosing.Loop;
            foreach (var variable in IterationVariables(enclosing.Loop))
            {
                sources[variable] = variable;
            }
        }

        return sources;
    }

    /// <summary>
    /// A <c>foreach</c>'s element variables, a <c>for</c> loop's declared counters (an index into a
    /// collection), an iteration lambda's parameters; <c>while</c> and <c>do</c> have none.
    /// </summary>
    private static IEnumerable<ISymbol> IterationVariables(IOperation loop) => loop switch
    {
        IForEachLoopOperation forEach => forEach.Locals,
        IForLoopOperation @for => @for.Locals,
        IAnonymousFunctionOperation lambda => lambda.Symbol.Parameters,
        _ => Enumerable.Empty<ISymbol>(),
    };

    /// <summary>
    /// Adds the locals that are assigned (or initialized) from an already derived value inside
    /// <paramref name="region"/>, until nothing changes: <c>var user = new ChatUser(row.Id);</c>.
    /// </summary>
    private static void PropagateThroughAssignments(IOperation region, Dictionary<ISymbol, ISymbol> sources)
    {
        var flows = new List<(IEnumerable<ISymbol> Targets, IOperation Value)>();
        foreach (var operation in region.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                    flows.Add((new ISymbol[] { declarator.Symbol }, initializer.Value));
                    break;
                case IAssignmentOperation assignment:
                    flows.Add((AssignedLocals(assignment.Target), assignment.Value));
                    break;
            }
        }

        bool added;
        do
        {
            added = false;
            foreach (var (targets, value) in flows)
            {
                if (SourceOf(value, sources) is not { } source)
                {
                    continue;
                }

                foreach (var target in targets)
                {
                    if (!sources.ContainsKey(target))
                    {
                        sources[target] = source;
                        added = true;
                    }
                }
            }
        }
        while (added);
    }

    private static ISymbol? SourceOf(IOperation value, Dictionary<ISymbol, ISymbol> sources)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (ReferencedVariable(operation) is { } variable && sources.TryGetValue(variable, out var source))
            {
                return source;
            }
        }

        return null;
    }

    /// <summary>The locals an assignment writes: one local, or the locals of a deconstruction (<c>var (id, name) = row;</c>).</summary>
    private static IEnumerable<ISymbol> AssignedLocals(IOperation target) => Flow.WithoutConversions(target) switch
    {
        ILocalReferenceOperation local => new ISymbol[] { local.Local },
        IDeclarationExpressionOperation declaration => AssignedLocals(declaration.Expression),
        ITupleOperation tuple => tuple.Elements.SelectMany(AssignedLocals),
        _ => Enumerable.Empty<ISymbol>(),
    };

    private static ISymbol? ReferencedVariable(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };
}
