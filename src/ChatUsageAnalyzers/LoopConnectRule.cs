using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>
/// CHAT001: a connect call that a loop (or an iteration method's lambda) repeats; a call that
/// connects a different user per iteration is CHAT007's. Run by <see cref="ConnectRulesAnalyzer"/>.
/// </summary>
internal static class LoopConnectRule
{
    public static void AnalyzeConnect(OperationAnalysisContext context, IInvocationOperation invocation, ChatApi api)
    {
        if (Flow.FindRepeatingLoop(invocation) is not { } loop || IsRetry(invocation, loop, api)
            || UserImportRule.ImportsUsers(invocation, loop))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CHAT001_ConnectInLoop,
            Flow.ReportedSyntax(invocation).GetLocation(),
            invocation.TargetMethod.Name,
            loop.Description));
    }

    /// <summary>
    /// A retry loop holds one socket at a time: it runs only while the client is not connected, or
    /// it leaves the loop right after a connect that succeeded.
    /// </summary>
    internal static bool IsRetry(IInvocationOperation connect, EnclosingLoop loop, ChatApi api)
    {
        if (loop.Loop is ILoopOperation statement && Guards.ReadsStateOf(LoopCondition(statement), connect, api))
        {
            return true;
        }

        var enclosing = Flow.EnclosingStatement(connect);
        // An expression-bodied lambda returns implicitly: only a written "return" hands the result to the caller.
        return enclosing is IReturnOperation { IsImplicit: false } || Flow.IsFollowedByLoopExit(enclosing);
    }

    private static IOperation? LoopCondition(ILoopOperation loop) => loop switch
    {
        IWhileLoopOperation whileLoop => whileLoop.Condition,
        IForLoopOperation forLoop => forLoop.Condition,
        _ => null,
    };
}
