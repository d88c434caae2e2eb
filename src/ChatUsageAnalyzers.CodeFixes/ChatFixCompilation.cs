using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// The one place fixers learn what the analyzers knew: the targeted APIs and lifecycle tables of the
/// document's compilation, merged with the project's <c>chat_usage.*</c> options. Without the options
/// a fixer would not recognise a configured client (SignalR's <c>HubConnection</c>) and would offer nothing.
/// </summary>
internal static class ChatFixCompilation
{
    /// <summary>The rules' view of <paramref name="model"/>'s compilation; null when it targets no client.</summary>
    public static ChatCompilation? Create(Document document, SemanticModel model) =>
        ChatCompilation.For(model.Compilation, document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
}
