using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChatUsageAnalyzers;

/// <summary>
/// Base of every rule: resolves the targeted client symbols (built in, and configured with
/// <c>chat_usage.*</c> options) once per compilation and registers nothing more when none is
/// referenced, so unrelated projects pay only this check.
/// </summary>
public abstract class ChatAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Razor components compile to generated code: rules about Blazor opt in to seeing it.</summary>
    private protected virtual bool AnalyzesRazorGeneratedCode => false;

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(AnalyzesRazorGeneratedCode
            ? GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics
            : GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var options = ChatUsageOptions.Read(start.Compilation, start.Options.AnalyzerConfigOptionsProvider);
            if (ChatApi.TryCreate(start.Compilation, options) is { } api)
            {
                OnChatCompilationStart(start, new ChatCompilation(start.Compilation, api, options));
            }
        });
    }

    /// <summary>Registers the rule's actions for a compilation that references a targeted client.</summary>
    private protected abstract void OnChatCompilationStart(CompilationStartAnalysisContext context, ChatCompilation chat);
}
