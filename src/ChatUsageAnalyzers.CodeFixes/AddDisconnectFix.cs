using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// CHAT004: releases the client where its owner ends. A client held by the type is disconnected in
/// the teardown paired with the connect (created when missing, with its interface and <c>async</c>);
/// a local client gets <c>await using</c>, or a <c>try/finally</c> that releases it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddDisconnectFix))]
[Shared]
internal sealed class AddDisconnectFix : PlannedFix<DisconnectPlan>
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.CHAT004_ConnectWithoutDisconnect.Id);

    private protected override string EquivalenceKey => EquivalenceKeys.AddDisconnect;

    private protected override DisconnectPlan? TryPlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        DisconnectPlan.TryCreate(root, model, diagnostic, cancellationToken);

    private protected override string Title(DisconnectPlan plan) =>
        plan.LocalDeclaration is not null
            ? (plan.UseAwaitUsing ? $"Declare '{plan.Client.Name}' with 'await using'" : $"Release '{plan.Client.Name}' in a finally block")
            : $"Disconnect '{plan.Client.Name}' in '{plan.ExistingTeardown?.Identifier.ValueText ?? plan.NewTeardown!.Name}'";

    private protected override async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        // One release per client and target, in the order the clients are first connected.
        var plans = diagnostics
            .Select(d => DisconnectPlan.TryCreate(root, model, d, cancellationToken))
            .OfType<DisconnectPlan>()
            .OrderBy(p => p.ConnectPosition)
            .ToList();
        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace);
        var languageVersion = (root.SyntaxTree.Options as CSharpParseOptions)?.LanguageVersion ?? LanguageVersion.CSharp7_3;

        foreach (var group in plans.Where(p => p.ExistingTeardown is not null).GroupBy(p => p.ExistingTeardown!))
        {
            var first = group.First();
            var releases = Releases(group, first.Style, languageVersion);
            var returnsVoid = model.GetDeclaredSymbol(group.Key, cancellationToken)?.ReturnsVoid ?? true;
            editor.ReplaceNode(group.Key, (current, _) => TeardownBody.AddReleases((MethodDeclarationSyntax)current, releases, first.Style, returnsVoid));
        }

        foreach (var group in plans.Where(p => p.NewTeardown is not null).GroupBy(p => (p.TypePart!, p.NewTeardown!.Name)))
        {
            var teardown = group.First().NewTeardown!;
            editor.AddMember(group.Key.Item1, TeardownFactory.Create(teardown, Releases(group, teardown.Style, languageVersion), editor.Generator, model.Compilation));
        }

        foreach (var part in plans.Where(p => p.TypePart is not null).GroupBy(p => p.TypePart!))
        {
            var interfaces = part.Select(p => p.InterfaceToAdd ?? p.NewTeardown?.InterfaceToAdd).OfType<ITypeSymbol>().Distinct<ITypeSymbol>(SymbolEqualityComparer.Default).ToList();
            foreach (var @interface in interfaces)
            {
                editor.ReplaceNode(part.Key, (current, generator) => BaseTypes.Add((TypeDeclarationSyntax)current, TeardownFactory.TypeName(@interface, generator)));
            }
        }

        foreach (var block in plans.Where(p => p.LocalDeclaration is { } && !p.UseAwaitUsing).GroupBy(p => (BlockSyntax)p.LocalDeclaration!.Parent!))
        {
            var wrapped = block.GroupBy(p => p.Client, SymbolEqualityComparer.Default).Select(g => g.First()).ToList();
            editor.ReplaceNode(block.Key, (current, _) => LocalRelease.WrapInTryFinally((BlockSyntax)current, block.Key, wrapped));
        }

        foreach (var plan in plans.Where(p => p.LocalDeclaration is { } && p.UseAwaitUsing).GroupBy(p => p.LocalDeclaration!).Select(g => g.First()))
        {
            editor.ReplaceNode(plan.LocalDeclaration!, (current, _) => LocalRelease.WithAwaitUsing((LocalDeclarationStatementSyntax)current));
        }

        var finished = await FileStyle.FinishAsync(document.WithSyntaxRoot(editor.GetChangedRoot()), cancellationToken).ConfigureAwait(false);
        var finishedRoot = await finished.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return finishedRoot is null ? finished : finished.WithSyntaxRoot(WithoutElasticTrivia(finishedRoot));
    }

    /// <summary>
    /// Elastic trivia left by the generated nodes would be formatted again by the host with its
    /// default options (spaces in a tab-indented file); fixed trivia keep the file's style.
    /// </summary>
    private static SyntaxNode WithoutElasticTrivia(SyntaxNode root) =>
        root.ReplaceTrivia(
            root.DescendantTrivia().Where(t => t.HasAnnotation(SyntaxAnnotation.ElasticAnnotation)),
            (original, _) => original.IsKind(SyntaxKind.EndOfLineTrivia) ? EndOfLine(original.ToString()) : Whitespace(original.ToString()));

    /// <summary>One release statement per distinct client of <paramref name="plans"/>.</summary>
    private static List<StatementSyntax> Releases(IEnumerable<DisconnectPlan> plans, ReleaseStyle style, LanguageVersion languageVersion) =>
        plans.GroupBy(p => p.Client, SymbolEqualityComparer.Default)
            .Select(g => Release(g.First().Receiver, g.Any(p => p.MayBeNull), style, languageVersion))
            .ToList();

    /// <summary><c>await client.DisconnectUserAsync();</c> or <c>client.Dispose();</c>, null-guarded when the client may be null.</summary>
    internal static StatementSyntax Release(ExpressionSyntax receiver, bool mayBeNull, ReleaseStyle style, LanguageVersion languageVersion)
    {
        if (style != ReleaseStyle.AwaitDisconnect)
        {
            var dispose = mayBeNull
                ? (ExpressionSyntax)ConditionalAccessExpression(receiver, InvocationExpression(MemberBindingExpression(IdentifierName("Dispose"))))
                : InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, IdentifierName("Dispose")));
            return ExpressionStatement(dispose);
        }

        var disconnect = ExpressionStatement(AwaitExpression(InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, IdentifierName("DisconnectUserAsync")))));
        if (!mayBeNull)
        {
            return disconnect;
        }

        ExpressionSyntax notNull = languageVersion >= LanguageVersion.CSharp9
            ? IsPatternExpression(receiver, UnaryPattern(Token(SyntaxKind.NotKeyword), ConstantPattern(LiteralExpression(SyntaxKind.NullLiteralExpression))))
            : BinaryExpression(SyntaxKind.NotEqualsExpression, receiver, LiteralExpression(SyntaxKind.NullLiteralExpression));
        return IfStatement(notNull, Block(disconnect));
    }
}
