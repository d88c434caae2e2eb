using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>CHAT003: a connect call in code that runs on a server (a server project, or server-side code in any project).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ServerSideConnectAnalyzer : ChatAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CHAT003_ConnectInServerCode);

    private protected override void OnChatCompilationStart(CompilationStartAnalysisContext context, ChatCompilation chat)
    {
        // Resolved at the first connect call, not at compilation start (see ChatCompilation).
        var compilation = context.Compilation;
        var buildProperties = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var server = new Lazy<ServerContexts?>(() => ServerContexts.TryCreate(compilation, buildProperties));
        RegisterConnectCallAction(context, chat, (c, invocation) =>
        {
            if (server.Value is { } contexts)
            {
                AnalyzeConnect(c, invocation, chat, contexts);
            }
        });
    }

    private static void AnalyzeConnect(OperationAnalysisContext context, IInvocationOperation invocation, ChatCompilation chat, ServerContexts server)
    {
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
