using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>
/// CHAT005: a connect call that is not guarded, in a lifecycle method that runs more than once per
/// instance (RULES.md: Blazor's OnParametersSet{Async}, Unity's OnEnable, a MAUI page's
/// OnAppearing, handlers of WPF's Loaded, ...). Guarded means behind the same client's state, a
/// once-flag, or cached in a field through <c>??=</c>. Render and per-frame methods are CHAT002's:
/// a method that is both (through configuration, or a handler of both kinds of event) is left to it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RepeatedLifecycleConnectAnalyzer : ChatAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CHAT005_UnguardedConnectInRepeatedLifecycleMethod);

    /// <summary>Blazor components compile from <c>.razor</c> files to generated code.</summary>
    private protected override bool AnalyzesRazorGeneratedCode => true;

    private protected override void OnChatCompilationStart(CompilationStartAnalysisContext context, ChatCompilation chat)
    {
        var rule = new RepeatedConnectRule(chat, LifecycleEvent.Resolve(context.Compilation));
        if (rule.Events.IsEmpty)
        {
            context.RegisterOperationAction(c => rule.AnalyzeInvocation(c, handlers: null), OperationKind.Invocation);
            return;
        }

        // Which event a method handles is known only once the whole type has been seen (XAML's
        // generated partial subscribes "Loaded" handlers too, so generated subscriptions count).
        context.RegisterSymbolStartAction(start =>
        {
            var handlers = new HandlerCandidates();
            start.RegisterOperationAction(c => rule.AnalyzeInvocation(c, handlers), OperationKind.Invocation);
            start.RegisterOperationAction(c => rule.RecordSubscription(c, handlers), OperationKind.EventAssignment);
            start.RegisterSymbolEndAction(c => rule.ReportHandlerCalls(c, handlers));
        }, SymbolKind.NamedType);
    }

    /// <summary>An event from a framework table: its handlers run more than once (CHAT005) or on every render (CHAT002's).</summary>
    private sealed class LifecycleEvent
    {
        private LifecycleEvent(IEventSymbol symbol, Framework framework, bool repeats)
        {
            Symbol = symbol;
            Framework = framework;
            Repeats = repeats;
        }

        public IEventSymbol Symbol { get; }

        public Framework Framework { get; }

        /// <summary>True for CHAT005's table; false for a render event, whose handlers CHAT002 judges.</summary>
        public bool Repeats { get; }

        public static ImmutableArray<LifecycleEvent> Resolve(Compilation compilation)
        {
            var events = ImmutableArray.CreateBuilder<LifecycleEvent>();
            foreach (var framework in Lifecycles.All)
            {
                AddHandled(events, compilation, framework, framework.Repeating, repeats: true);
                AddHandled(events, compilation, framework, framework.Render, repeats: false);
            }

            return events.ToImmutable();
        }

        private static void AddHandled(ImmutableArray<LifecycleEvent>.Builder events, Compilation compilation, Framework framework, ImmutableArray<LifecycleMethod> entries, bool repeats)
        {
            foreach (var entry in entries)
            {
                if (entry.HandledEvent is not { } fullName)
                {
                    continue;
                }

                var type = compilation.GetTypeByMetadataName(fullName.Substring(0, fullName.LastIndexOf('.')));
                foreach (var symbol in type?.GetMembers(entry.Name).OfType<IEventSymbol>() ?? Enumerable.Empty<IEventSymbol>())
                {
                    events.Add(new LifecycleEvent(symbol, framework, repeats));
                }
            }
        }
    }

    /// <summary>Per type: which methods handle which lifecycle events, and the connects that are flagged if their method repeats.</summary>
    private sealed class HandlerCandidates
    {
        public ConcurrentDictionary<IMethodSymbol, LifecycleEvent> Repeating { get; } = new(SymbolEqualityComparer.Default);

        public ConcurrentDictionary<IMethodSymbol, bool> Rendering { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>Handlers that unsubscribe themselves from the event they handle (WPF's one-shot Loaded handler).</summary>
        public ConcurrentQueue<(IMethodSymbol Handler, IEventSymbol Event)> SelfRemoving { get; } = new();

        public ConcurrentQueue<(IMethodSymbol Method, IInvocationOperation Call)> Calls { get; } = new();

        public bool RemovesItself(IMethodSymbol handler, IEventSymbol @event) =>
            SelfRemoving.Any(removal => SymbolEqualityComparer.Default.Equals(removal.Handler, handler)
                && SymbolEqualityComparer.Default.Equals(removal.Event, @event));
    }

    /// <summary>Where a connect runs more than once, as the message names it.</summary>
    private readonly struct RepeatingSite
    {
        public RepeatingSite(Framework framework, string display)
        {
            Framework = framework;
            Display = display;
        }

        public Framework Framework { get; }

        /// <summary>"'OnEnable'", "a 'Loaded' handler", "'OnLoaded' (a 'Loaded' handler)".</summary>
        public string Display { get; }
    }

    private sealed class RepeatedConnectRule
    {
        private readonly ChatCompilation _chat;

        public RepeatedConnectRule(ChatCompilation chat, ImmutableArray<LifecycleEvent> events)
        {
            _chat = chat;
            Events = events;
        }

        public ImmutableArray<LifecycleEvent> Events { get; }

        public void AnalyzeInvocation(OperationAnalysisContext context, HandlerCandidates? handlers)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!_chat.Api.IsConnect(invocation) || _chat.IsNonRazorGeneratedCode(invocation.Syntax.SyntaxTree))
            {
                return;
            }

            switch (Flow.EnclosingFunction(invocation))
            {
                case IAnonymousFunctionOperation lambda when EventOf(Flow.SubscribedEvent(lambda)) is { Repeats: true } handled:
                    var site = new RepeatingSite(handled.Framework, HandlerOf(handled));
                    Analyze(invocation, site, context.ContainingSymbol.ContainingType, context.ReportDiagnostic, context.CancellationToken);
                    break;
                case ILocalFunctionOperation localFunction when handlers is not null && CanHandleEvents(localFunction.Symbol):
                    handlers.Calls.Enqueue((localFunction.Symbol, invocation));
                    break;
                case null when context.ContainingSymbol is IMethodSymbol method:
                    if (RepeatingMethodOf(method) is { } repeating)
                    {
                        var methodSite = new RepeatingSite(repeating.Framework, $"'{method.Name}'");
                        Analyze(invocation, methodSite, method.ContainingType, context.ReportDiagnostic, context.CancellationToken);
                    }
                    else if (handlers is not null && CanHandleEvents(method))
                    {
                        handlers.Calls.Enqueue((method.OriginalDefinition, invocation));
                    }

                    break;
            }
        }

        public void RecordSubscription(OperationAnalysisContext context, HandlerCandidates handlers)
        {
            var assignment = (IEventAssignmentOperation)context.Operation;
            if (assignment.EventReference is not IEventReferenceOperation reference
                || EventOf(reference.Event) is not { } handled
                || Flow.SubscribedHandler(assignment.HandlerValue) is not IMethodReferenceOperation { Method: var handler }
                || !SymbolEqualityComparer.Default.Equals(handler.ContainingType, context.ContainingSymbol.ContainingType))
            {
                return;
            }

            handler = handler.OriginalDefinition;
            if (!assignment.Adds)
            {
                var remover = Flow.EnclosingFunction(assignment) is ILocalFunctionOperation localFunction ? localFunction.Symbol : context.ContainingSymbol;
                if (SymbolEqualityComparer.Default.Equals(remover.OriginalDefinition, handler))
                {
                    handlers.SelfRemoving.Enqueue((handler, handled.Symbol));
                }
            }
            else if (handled.Repeats)
            {
                handlers.Repeating.TryAdd(handler, handled);
            }
            else
            {
                handlers.Rendering.TryAdd(handler, true);
            }
        }

        public void ReportHandlerCalls(SymbolAnalysisContext context, HandlerCandidates handlers)
        {
            if (handlers.Repeating.IsEmpty)
            {
                return;
            }

            var type = (INamedTypeSymbol)context.Symbol;
            foreach (var (method, call) in handlers.Calls)
            {
                if (handlers.Repeating.TryGetValue(method, out var handled)
                    && !handlers.Rendering.ContainsKey(method)
                    && !handlers.RemovesItself(method, handled.Symbol))
                {
                    var site = new RepeatingSite(handled.Framework, $"'{method.Name}' ({HandlerOf(handled)})");
                    Analyze(call, site, type, context.ReportDiagnostic, context.CancellationToken);
                }
            }
        }

        /// <summary>
        /// The repeating-method table lookup (RULES.md CHAT005), the one place a method is judged to
        /// run more than once per instance. A render or per-frame method is CHAT002's, never this rule's.
        /// </summary>
        private (Framework Framework, LifecycleMethod Entry)? RepeatingMethodOf(IMethodSymbol method) =>
            _chat.Lifecycles.RenderMethodOf(method) is null ? _chat.Lifecycles.RepeatingMethodOf(method) : null;

        private void Analyze(IInvocationOperation connect, RepeatingSite site, INamedTypeSymbol? type, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            if (Guards.IsCachedInField(connect)
                || Guards.IsGuardedByState(connect, _chat.Api, cancellationToken)
                || Guards.IsBehindOnceFlag(connect, cancellationToken))
            {
                return;
            }

            report(Diagnostic.Create(
                Descriptors.CHAT005_UnguardedConnectInRepeatedLifecycleMethod,
                Flow.ReportedSyntax(connect).GetLocation(),
                connect.TargetMethod.Name,
                site.Display,
                site.Framework.Name,
                Advice(connect, site.Framework, type)));
        }

        /// <summary>The state check of the API in use, and the once-per-instance method when the type has one.</summary>
        private string Advice(IInvocationOperation connect, Framework framework, INamedTypeSymbol? type)
        {
            var stateMembers = _chat.Api.ApiOf(connect.Instance?.Type ?? connect.TargetMethod.ContainingType)?.Definition.StateMembers;
            var state = stateMembers is null ? null
                : stateMembers.Contains("IsConnected") ? "IsConnected"
                : stateMembers.OrderBy(name => name, StringComparer.Ordinal).FirstOrDefault();
            var guard = state is null ? "guard it with the client's connection state" : $"check '{state}' before connecting";
            return framework.OncePoint is { } once && _chat.Lifecycles.FrameworkOf(type)?.Framework == framework
                ? $"{guard}, or connect once in '{once.Name}'"
                : guard;
        }

        private LifecycleEvent? EventOf(IEventSymbol? symbol)
        {
            for (var current = symbol; current is not null; current = current.OverriddenEvent)
            {
                foreach (var lifecycleEvent in Events)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, lifecycleEvent.Symbol))
                    {
                        return lifecycleEvent;
                    }
                }
            }

            return null;
        }

        /// <summary>"a 'Loaded' handler", "an 'Activated' handler".</summary>
        private static string HandlerOf(LifecycleEvent handled) =>
            ("AEIOUaeiou".IndexOf(handled.Symbol.Name[0]) >= 0 ? "an '" : "a '") + handled.Symbol.Name + "' handler";

        /// <summary>Method groups can only be subscribed when their shape fits an event handler.</summary>
        private static bool CanHandleEvents(IMethodSymbol method) =>
            method.Parameters.Length == 2 && method.ReturnsVoid && method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction;
    }
}
