using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// The fixes of a connect that runs more often than once per instance (CHAT002 in render and
/// per-frame methods, CHAT005 in lifecycle methods that repeat): move the connect statement (or the
/// statement calling a method that connects) into the type's once-per-instance method, inside a
/// connection-state guard; or wrap it in that guard where it is. Each rule has its own equivalence
/// keys, so that Fix All for one rule leaves the other's diagnostics alone.
/// </summary>
internal abstract class ConnectPlacementFix : CodeFixProvider
{
    /// <summary>The rule this provider fixes.</summary>
    private protected abstract DiagnosticDescriptor Rule { get; }

    private protected abstract string MoveKey { get; }

    private protected abstract string GuardKey { get; }

    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(Rule.Id);

    public sealed override FixAllProvider GetFixAllProvider() => new FixAllByEquivalenceKey(
        new Dictionary<string, Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>>>
        {
            [MoveKey] = MoveAsync,
            [GuardKey] = GuardAsync,
        });

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (await Analysis.CreateAsync(context.Document, context.CancellationToken).ConfigureAwait(false) is not { } analysis)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (analysis.Resolve(diagnostic) is not { } call)
            {
                continue;
            }

            if (analysis.PlanMove(call) is { } move)
            {
                var what = call.ConnectsSeveralClients ? "the statement" : call.IsConnect ? "the connect call" : $"the call to '{call.MethodName}'";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Move {what} into '{move.Target.Name}'",
                        ct => MoveAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                        MoveKey),
                    diagnostic);
            }

            if (analysis.PlanGuard(call) is { } guard)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        guard.Guard is { } condition ? $"Wrap in 'if ({condition.Condition.NormalizeWhitespace()})'" : "Guard each connect by its client's state",
                        ct => GuardAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                        GuardKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> MoveAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (await Analysis.CreateAsync(document, cancellationToken).ConfigureAwait(false) is not { } analysis)
        {
            return document;
        }

        var moves = diagnostics.Select(analysis.Resolve).OfType<ReportedCall>().Select(analysis.PlanMove).OfType<OnceMove>().ToList();
        var editor = new SyntaxEditor(analysis.Root, document.Project.Solution.Workspace);
        OnceMove.Apply(editor, moves);
        return await FileStyle.FinishAsync(document.WithSyntaxRoot(editor.GetChangedRoot()), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> GuardAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (await Analysis.CreateAsync(document, cancellationToken).ConfigureAwait(false) is not { } analysis)
        {
            return document;
        }

        var guards = diagnostics.Select(analysis.Resolve).OfType<ReportedCall>().Select(analysis.PlanGuard).OfType<GuardInPlace>().ToList();
        var editor = new SyntaxEditor(analysis.Root, document.Project.Solution.Workspace);
        GuardInPlace.Apply(editor, guards);
        return await FileStyle.FinishAsync(document.WithSyntaxRoot(editor.GetChangedRoot()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A reported call: a connect call, or a call whose chain reaches one.</summary>
    private sealed class ReportedCall
    {
        public ReportedCall(StatementSite site, bool isConnect, string methodName, ConnectionGuard? guard, bool connectsSeveralClients, ArgumentGuards? argumentGuards)
        {
            Site = site;
            IsConnect = isConnect;
            MethodName = methodName;
            Guard = guard;
            ConnectsSeveralClients = connectsSeveralClients;
            ArgumentGuards = argumentGuards;
        }

        public StatementSite Site { get; }

        public bool IsConnect { get; }

        public string MethodName { get; }

        /// <summary>The state check around the call's statement: its client's; null when that client is not known here or the statement connects several clients.</summary>
        public ConnectionGuard? Guard { get; }

        /// <summary>
        /// True when the call's statement also connects another client (or one that is not known
        /// here): no single condition around the statement is right for all of them.
        /// </summary>
        public bool ConnectsSeveralClients { get; }

        /// <summary>How each connect of a statement that connects several clients is guarded; null when they cannot be guarded one by one.</summary>
        public ArgumentGuards? ArgumentGuards { get; }
    }

    /// <summary>A call in a reported statement that connects (directly or through a chain), with its client's guard when known.</summary>
    private readonly struct ConnectingCall
    {
        public ConnectingCall(IInvocationOperation invocation, ConnectionGuard? guard, bool isFlagged)
        {
            Invocation = invocation;
            Guard = guard;
            IsFlagged = isFlagged;
        }

        public IInvocationOperation Invocation { get; }

        public ConnectionGuard? Guard { get; }

        /// <summary>False when the call is already guarded by its client's state.</summary>
        public bool IsFlagged { get; }
    }

    /// <summary>What the fixes need to know about one document, resolved once per fix.</summary>
    private sealed class Analysis
    {
        private readonly SemanticModel _model;
        private readonly ChatApi _api;
        private readonly Lifecycles _lifecycles;
        private readonly CallChains _chains;
        private readonly CancellationToken _cancellationToken;

        private Analysis(SyntaxNode root, SemanticModel model, ChatCompilation chat, CancellationToken cancellationToken)
        {
            Root = root;
            _model = model;
            _api = chat.Api;
            _lifecycles = chat.Lifecycles;
            _chains = new CallChains(chat);
            _cancellationToken = cancellationToken;
        }

        public SyntaxNode Root { get; }

        public static async Task<Analysis?> CreateAsync(Document document, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            // Razor's generated code is rewritten from the .razor file on every build: there is nothing to edit.
            return root is null || model is null || GeneratedCode.IsRazor(root.SyntaxTree) || ChatFixCompilation.Create(document, model) is not { } chat
                ? null
                : new Analysis(root, model, chat, cancellationToken);
        }

        public ReportedCall? Resolve(Diagnostic diagnostic)
        {
            if (diagnostic.Location.SourceTree != Root.SyntaxTree)
            {
                return null;
            }

            var reported = Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (Invocation(reported) is not { } syntax
                || _model.GetOperation(syntax, _cancellationToken) is not IInvocationOperation invocation
                || StatementSite.Of(reported, _model, _cancellationToken) is not { } site)
            {
                return null;
            }

            var isConnect = _api.IsConnect(invocation);
            var name = invocation.TargetMethod.Name;
            var calls = ConnectingCalls(site);
            // A call with an unknown client counts as a client of its own: a guard on another client is not its guard.
            var clients = calls.Select((call, index) => call.Guard?.Text ?? index.ToString(CultureInfo.InvariantCulture)).Distinct().Count();
            if (clients <= 1)
            {
                var guard = isConnect ? ConnectionGuard.ForCall(invocation, _api) : ChainGuard(invocation);
                return new ReportedCall(site, isConnect, name, guard, connectsSeveralClients: false, argumentGuards: null);
            }

            var argumentGuards = ArgumentGuards.TryCreate(
                site, calls.Where(c => c.IsFlagged).Select(c => (c.Invocation, c.Guard)), _model, _cancellationToken);
            return new ReportedCall(site, isConnect, name, guard: null, connectsSeveralClients: true, argumentGuards);
        }

        public OnceMove? PlanMove(ReportedCall call) =>
            OnceMove.TryCreate(call.Site, call.Guard, call.ArgumentGuards, _model, _lifecycles, _cancellationToken);

        public GuardInPlace? PlanGuard(ReportedCall call) => call switch
        {
            { Guard: { } guard } => GuardInPlace.TryCreate(call.Site, guard, _model, _cancellationToken),
            { ArgumentGuards: { } argumentGuards } => GuardInPlace.ForArguments(call.Site, argumentGuards),
            _ => null,
        };

        /// <summary>The connect calls and calls into connecting chains that the site itself runs (not those in its lambdas), in source order.</summary>
        private List<ConnectingCall> ConnectingCalls(StatementSite site)
        {
            var calls = new List<ConnectingCall>();
            foreach (var syntax in site.Node.DescendantNodesAndSelf(n => n == site.Node || !StatementSite.IsNestedFunction(n)).OfType<InvocationExpressionSyntax>())
            {
                if (_model.GetOperation(syntax, _cancellationToken) is not IInvocationOperation invocation)
                {
                    continue;
                }

                if (_api.IsConnect(invocation))
                {
                    calls.Add(new ConnectingCall(invocation, ConnectionGuard.ForCall(invocation, _api), !Guards.IsGuardedByState(invocation, _api, _cancellationToken)));
                }
                else if (_chains.Find(invocation.TargetMethod, _cancellationToken) is { } chain)
                {
                    var guarded = chain.ClientMember is { } client
                        && Guards.IsGuardedBy(invocation, (condition, _) => Guards.ReadsStateOf(condition, client, _api), _cancellationToken);
                    calls.Add(new ConnectingCall(invocation, ChainGuard(invocation), !guarded));
                }
            }

            return calls;
        }

        /// <summary>
        /// The guard of a call chain (<c>Update -> EnsureChat -> ConnectUserAsync</c>): the state of the
        /// field or property the chain connects, when the call is made on this instance and that member
        /// is visible here by its simple name.
        /// </summary>
        private ConnectionGuard? ChainGuard(IInvocationOperation invocation)
        {
            if (invocation.Instance is not (null or IInstanceReferenceOperation)
                || _chains.Find(invocation.TargetMethod, _cancellationToken) is not { ClientMember: { } member }
                || _model.LookupSymbols(invocation.Syntax.SpanStart, name: member.Name) is not { Length: 1 } found
                || !SymbolEqualityComparer.Default.Equals(found[0].OriginalDefinition, member.OriginalDefinition))
            {
                return null;
            }

            var memberType = member switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                _ => null,
            };
            return ConnectionGuard.For(SyntaxFactory.IdentifierName(member.Name), memberType, conditionalAccess: false, _api);
        }

        /// <summary>The invocation a diagnostic is reported on: the node itself, or the call at the end of a <c>?.</c> chain.</summary>
        private static InvocationExpressionSyntax? Invocation(SyntaxNode reported)
        {
            var node = reported;
            while (node is ConditionalAccessExpressionSyntax access)
            {
                node = access.WhenNotNull;
            }

            return node as InvocationExpressionSyntax;
        }
    }
}
