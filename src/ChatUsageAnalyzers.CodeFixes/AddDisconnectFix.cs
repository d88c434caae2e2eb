using System;
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
/// the teardown paired with the connect (created when missing, with its interface and <c>async</c>),
/// in whichever file of the type that teardown is; a local client gets <c>await using</c>, or a
/// <c>try/finally</c> that releases it. A fix can edit several documents, so it (and its Fix All)
/// changes the solution: all plans are made first, then each document is edited once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddDisconnectFix))]
[Shared]
internal sealed class AddDisconnectFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.CHAT004_ConnectWithoutDisconnect.Id);

    public override FixAllProvider GetFixAllProvider() => new SolutionFixAll();

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || ChatFixCompilation.Create(context.Document, model) is not { } chat)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (DisconnectPlan.TryCreate(root, model, chat, diagnostic, context.CancellationToken) is { } plan)
            {
                var solution = context.Document.Project.Solution;
                var fixes = new[] { (context.Document, ImmutableArray.Create(diagnostic)) };
                context.RegisterCodeFix(
                    CodeAction.Create(Title(plan), ct => FixAllAsync(solution, fixes, ct), EquivalenceKeys.AddDisconnect),
                    diagnostic);
            }
        }
    }

    private static string Title(DisconnectPlan plan) =>
        plan.LocalDeclaration is not null
            ? (plan.UseAwaitUsing ? $"Declare '{plan.Client.Name}' with 'await using'" : $"Release '{plan.Client.Name}' in a finally block")
            : $"Disconnect '{plan.Client.Name}' in '{plan.ExistingTeardown?.Identifier.ValueText ?? plan.NewTeardown!.Name}'";

    /// <summary>Applies the plans of every diagnostic at once: one editor per document they write to.</summary>
    internal static async Task<Solution> FixAllAsync(Solution solution, IEnumerable<(Document Document, ImmutableArray<Diagnostic> Diagnostics)> fixes, CancellationToken cancellationToken)
    {
        var plans = new List<DisconnectPlan>();
        foreach (var (document, diagnostics) in fixes)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is not null && model is not null && ChatFixCompilation.Create(document, model) is { } chat)
            {
                plans.AddRange(diagnostics.Select(d => DisconnectPlan.TryCreate(root, model, chat, d, cancellationToken)).OfType<DisconnectPlan>());
            }
        }

        // One release per client and target, in the order the clients are first connected.
        plans = plans.OrderBy(p => p.ConnectTree.FilePath, StringComparer.Ordinal).ThenBy(p => p.ConnectPosition).ToList();
        var editors = new Dictionary<SyntaxTree, SyntaxEditor>();
        SyntaxEditor EditorOf(SyntaxNode node)
        {
            var tree = node.SyntaxTree;
            if (!editors.TryGetValue(tree, out var editor))
            {
                editor = new SyntaxEditor(tree.GetRoot(cancellationToken), solution.Workspace);
                editors.Add(tree, editor);
            }

            return editor;
        }

        foreach (var group in plans.Where(p => p.ExistingTeardown is not null).GroupBy(p => p.ExistingTeardown!))
        {
            var first = group.First();
            var releases = Releases(group, first.Style, LanguageVersionOf(group.Key.SyntaxTree));
            EditorOf(group.Key).ReplaceNode(group.Key, (current, _) => TeardownBody.AddReleases((MethodDeclarationSyntax)current, releases, first.Style, first.TeardownReturnsVoid));
        }

        // A type whose connects are in several parts gets each new teardown once, beside its first connect.
        var newTeardowns = plans.Where(p => p.NewTeardown is not null)
            .GroupBy(p => (Type: p.TypeSymbol!, p.NewTeardown!.Name, p.NewTeardown.Slot.Parameters.Length), NewTeardownComparer.Instance);

        // Each interface a type lacks is listed once, on the part that gets (or has) its method.
        var interfaces = new List<(ISymbol Type, ITypeSymbol Interface, TypeDeclarationSyntax Part)>();
        void AddInterface(ISymbol type, ITypeSymbol @interface, TypeDeclarationSyntax part)
        {
            if (!interfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.Type, type) && SymbolEqualityComparer.Default.Equals(i.Interface, @interface)))
            {
                interfaces.Add((type, @interface, part));
            }
        }

        foreach (var group in newTeardowns)
        {
            var first = group.First();
            var teardown = first.NewTeardown!;
            var editor = EditorOf(first.TypePart!);
            var releases = Releases(group, teardown.Style, LanguageVersionOf(first.TypePart!.SyntaxTree));
            var statements = teardown.Style == ReleaseStyle.DisposeWhenDisposing
                ? new List<StatementSyntax> { IfStatement(IdentifierName(teardown.Slot.Parameters[0].Name), Block(releases)) }
                : releases;
            editor.AddMember(first.TypePart!, teardown.Slot.Create(statements, teardown.Style == ReleaseStyle.AwaitDisconnect, editor.Generator));
            if (teardown.InterfaceToAdd is not null)
            {
                AddInterface(first.TypeSymbol!, teardown.InterfaceToAdd, first.TypePart!);
            }
        }

        foreach (var plan in plans.Where(p => p.InterfaceToAdd is not null))
        {
            AddInterface(plan.TypeSymbol!, plan.InterfaceToAdd!, plan.TypePart!);
        }

        foreach (var (_, @interface, part) in interfaces)
        {
            EditorOf(part).ReplaceNode(part, (current, generator) => BaseTypes.Add((TypeDeclarationSyntax)current, TeardownFactory.TypeName(@interface, generator)));
        }

        foreach (var block in plans.Where(p => p.LocalDeclaration is { } && !p.UseAwaitUsing).GroupBy(p => (BlockSyntax)p.LocalDeclaration!.Parent!))
        {
            var wrapped = block.GroupBy(p => p.Client, SymbolEqualityComparer.Default).Select(g => g.First()).ToList();
            EditorOf(block.Key).ReplaceNode(block.Key, (current, _) => LocalRelease.WrapInTryFinally((BlockSyntax)current, block.Key, wrapped));
        }

        foreach (var plan in plans.Where(p => p.LocalDeclaration is { } && p.UseAwaitUsing).GroupBy(p => p.LocalDeclaration!).Select(g => g.First()))
        {
            EditorOf(plan.LocalDeclaration!).ReplaceNode(plan.LocalDeclaration!, (current, _) => LocalRelease.WithAwaitUsing((LocalDeclarationStatementSyntax)current));
        }

        foreach (var pair in editors)
        {
            if (solution.GetDocument(pair.Key) is not { } document)
            {
                continue;
            }

            var finished = await FileStyle.FinishAsync(document.WithSyntaxRoot(pair.Value.GetChangedRoot()), cancellationToken).ConfigureAwait(false);
            var finishedRoot = await finished.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            solution = (finishedRoot is null ? finished : finished.WithSyntaxRoot(WithoutElasticTrivia(finishedRoot))).Project.Solution;
        }

        return solution;
    }

    private static LanguageVersion LanguageVersionOf(SyntaxTree tree) =>
        (tree.Options as CSharpParseOptions)?.LanguageVersion ?? LanguageVersion.CSharp7_3;

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
            .Select(g => Release(g.First().Receiver, g.First().DisconnectMethod, g.Any(p => p.MayBeNull), style, languageVersion))
            .ToList();

    /// <summary>
    /// <c>await client.DisconnectUserAsync();</c> (<paramref name="disconnectMethod"/>, for an awaited
    /// release) or <c>client.Dispose();</c>, null-guarded when the client may be null.
    /// </summary>
    internal static StatementSyntax Release(ExpressionSyntax receiver, string? disconnectMethod, bool mayBeNull, ReleaseStyle style, LanguageVersion languageVersion)
    {
        if (style != ReleaseStyle.AwaitDisconnect)
        {
            var dispose = mayBeNull
                ? (ExpressionSyntax)ConditionalAccessExpression(receiver, InvocationExpression(MemberBindingExpression(IdentifierName("Dispose"))))
                : InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, IdentifierName("Dispose")));
            return ExpressionStatement(dispose);
        }

        var disconnect = ExpressionStatement(AwaitExpression(InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, IdentifierName(disconnectMethod ?? "DisconnectUserAsync")))));
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

/// <summary>Groups new teardowns by type, name and parameter count: symbols of one type from different documents' models are equal.</summary>
internal sealed class NewTeardownComparer : IEqualityComparer<(INamedTypeSymbol Type, string Name, int ParameterCount)>
{
    public static readonly NewTeardownComparer Instance = new();

    public bool Equals((INamedTypeSymbol Type, string Name, int ParameterCount) x, (INamedTypeSymbol Type, string Name, int ParameterCount) y) =>
        SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && x.Name == y.Name && x.ParameterCount == y.ParameterCount;

    public int GetHashCode((INamedTypeSymbol Type, string Name, int ParameterCount) obj) =>
        SymbolEqualityComparer.Default.GetHashCode(obj.Type) ^ obj.Name.GetHashCode() ^ obj.ParameterCount;
}

/// <summary>
/// Fix All for <see cref="AddDisconnectFix"/>: the diagnostics of every document in scope are fixed
/// in one pass, so that connects in several files of one type share one new teardown.
/// </summary>
internal sealed class SolutionFixAll : FixAllProvider
{
    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
        new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) =>
        Task.FromResult<CodeAction?>(CodeAction.Create(
            fixAllContext.CodeActionEquivalenceKey ?? "Fix all",
            cancellationToken => FixAllAsync(fixAllContext, cancellationToken),
            fixAllContext.CodeActionEquivalenceKey));

    private static async Task<Solution> FixAllAsync(FixAllContext context, CancellationToken cancellationToken)
    {
        var documents = context.Scope switch
        {
            FixAllScope.Document => context.Document is null ? Enumerable.Empty<Document>() : new[] { context.Document },
            FixAllScope.Project => context.Project.Documents,
            _ => context.Solution.Projects.SelectMany(p => p.Documents),
        };
        var fixes = new List<(Document, ImmutableArray<Diagnostic>)>();
        foreach (var document in documents)
        {
            var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            if (!diagnostics.IsEmpty)
            {
                fixes.Add((document, diagnostics));
            }
        }

        return await AddDisconnectFix.FixAllAsync(context.Solution, fixes, cancellationToken).ConfigureAwait(false);
    }
}
