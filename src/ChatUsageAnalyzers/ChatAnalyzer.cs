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

    /// <summary>Registers the rule's actions for a compilation that references a targeted client.</summary>
    private protected abstract void OnChatCompilationStart(CompilationStartAnalysisContext context, ChatCompilation chat);
}
