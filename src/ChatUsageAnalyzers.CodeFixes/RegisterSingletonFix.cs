using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// CHAT006 on a DI registration: renames <c>AddTransient</c> to <c>AddSingleton</c>. Every
/// <c>AddTransient</c> overload has an <c>AddSingleton</c> twin with the same parameters, so type
/// arguments, <c>typeof</c> arguments, the factory and the extension or static-call form all stay.
/// Creations in loops, render or repeating methods get no fix: where the one client should live is
/// the author's design decision.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RegisterSingletonFix))]
[Shared]
internal sealed class RegisterSingletonFix : PlannedFix<SimpleNameSyntax>
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.CHAT006_ClientCreatedPerUse.Id);

    private protected override string EquivalenceKey => EquivalenceKeys.RegisterClientAsSingleton;

    private protected override SimpleNameSyntax? TryPlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        RegistrationName(root, model, diagnostic, cancellationToken);

    private protected override string Title(SimpleNameSyntax plan) =>
        $"Register the client with '{ClientFactories.SharedRegistration}'";

    private protected override async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var names = diagnostics
            .Select(d => RegistrationName(root, model, d, cancellationToken))
            .OfType<SimpleNameSyntax>()
            .Select(n => n.Identifier)
            .Distinct()
            .ToList();

        // Only the method name changes: the token keeps its trivia and nothing else moves, so no formatting is needed.
        var fixedRoot = root.ReplaceTokens(
            names,
            (original, _) => SyntaxFactory.Identifier(original.LeadingTrivia, ClientFactories.SharedRegistration, original.TrailingTrivia));
        return document.WithSyntaxRoot(fixedRoot);
    }

    /// <summary>The <c>AddTransient</c> name of the reported registration; null for a reported creation.</summary>
    private static SimpleNameSyntax? RegistrationName(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } reported)
        {
            return null;
        }

        // The diagnostic covers the whole call, or the conditional access around it ("services?.AddTransient<..>()").
        var invocation = reported as InvocationExpressionSyntax
            ?? (reported as ConditionalAccessExpressionSyntax)?.WhenNotNull as InvocationExpressionSyntax;
        var name = invocation?.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            _ => null,
        };
        if (name is null || name.Identifier.ValueText != ClientFactories.PerUseRegistration)
        {
            return null;
        }

        return model.GetSymbolInfo(invocation!, cancellationToken).Symbol is IMethodSymbol method
            && method.ContainingType.ToDisplayString() == ClientFactories.RegistrationExtensionsMetadataName
            ? name
            : null;
    }
}
