using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>
/// CHAT003: a connect call in code that runs on a server (a server project, or server-side code in
/// any project). Run by <see cref="ConnectRulesAnalyzer"/>, one instance per compilation.
/// </summary>
internal sealed class ServerSideConnectRule
{
    private readonly Lazy<ServerContexts?> _server;

    public ServerSideConnectRule(Compilation compilation, AnalyzerConfigOptions buildProperties)
    {
        // Resolved at the first connect call, not at compilation start (see ChatCompilation).
        _server = new Lazy<ServerContexts?>(() => ServerContexts.TryCreate(compilation, buildProperties));
    }

    public void AnalyzeConnect(OperationAnalysisContext context, IInvocationOperation invocation)
    {
        if (_server.Value is not { } server)
        {
            return;
        }

        var where = server.DescribeCode(invocation, context.ContainingSymbol)
            ?? server.DescribeProject(context.ContainingSymbol, ChatUsageOptions.ServerSide(context.Options.AnalyzerConfigOptionsProvider, invocation.Syntax.SyntaxTree));
        if (where is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.CHAT003_ConnectInServerCode,
            Flow.ReportedSyntax(invocation).GetLocation(),
            invocation.TargetMethod.Name,
            where));
    }
}
