using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>
/// Base of every rule: resolves the targeted client symbols (built in, and configured with
/// <c>chat_usage.*</c> options) once per compilation and registers nothing more when none is
/// referenced, so unrelated projects pay only this check.
/// </summary>
public abstract class ChatAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();

        // Razor components compile to generated code, so every rule sees generated code and skips
        // the rest itself (ChatCompilation.IsNonRazorGeneratedCode: file name and header). Left to
        // the driver, each diagnostic reported would also make it scan its whole file's tokens for
        // [GeneratedCode] attributes, once per file, charged to the rule that reports.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            if (ChatCompilation.For(start.Compilation, start.Options.AnalyzerConfigOptionsProvider) is { } chat)
            {
                OnChatCompilationStart(start, chat);
            }
        });
    }

    /// <summary>
    /// Registers <paramref name="analyze"/> for the connect calls of the compilation, outside
    /// generated code other than Razor's. Actions are registered type by type, and only for types
    /// whose text spells a connect method, so code without one costs one cheap check per type
    /// instead of a callback per invocation.
    /// </summary>
    private protected static void RegisterConnectCallAction(
        CompilationStartAnalysisContext context,
        ChatCompilation chat,
        Action<OperationAnalysisContext, IInvocationOperation> analyze) =>
        context.RegisterSymbolStartAction(
            start =>
            {
                // The type's closure is allocated below, for the types that pass the filter only.
                var type = (INamedTypeSymbol)start.Symbol;
                if (chat.ConnectNames.InType(type))
                {
                    RegisterConnectCalls(start, type, chat, analyze);
                }
            },
            SymbolKind.NamedType);

    private static void RegisterConnectCalls(
        SymbolStartAnalysisContext start,
        INamedTypeSymbol type,
        ChatCompilation chat,
        Action<OperationAnalysisContext, IInvocationOperation> analyze) =>
        start.RegisterOperationAction(
            c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                if (TypeHierarchy.IsCodeOf(type, c.ContainingSymbol) && chat.Api.IsConnect(invocation)
                    && !chat.IsNonRazorGeneratedCode(invocation.Syntax.SyntaxTree))
                {
                    analyze(c, invocation);
                }
            },
            OperationKind.Invocation);

    /// <summary>Registers the rule's actions for a compilation that references a targeted client.</summary>
    private protected abstract void OnChatCompilationStart(CompilationStartAnalysisContext context, ChatCompilation chat);
}
