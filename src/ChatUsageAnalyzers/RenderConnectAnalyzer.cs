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
/// CHAT002: a connect call, or a call that reaches one, in a method that runs on every render or
/// frame (RULES.md: the framework's render methods and handlers of its per-frame events).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RenderConnectAnalyzer : ChatAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CHAT002_ConnectInRenderMethod);

    /// <summary>Blazor components compile from <c>.razor</c> files to generated code.</summary>
    private protected override bool AnalyzesRazorGeneratedCode => true;

    private protected override void OnChatCompilationStart(CompilationStartAnalysisContext context, ChatCompilation chat)
    {
        var rule = new RenderConnectRule(chat, RenderEvent.Resolve(context.Compilation));
        if (rule.RenderEvents.IsEmpty)
        {
            context.RegisterOperationAction(c => rule.AnalyzeInvocation(c, handlers: null), OperationKind.Invocation);
            return;
        }

        // A method subscribed to a per-frame event is known only once the whole type has been seen.
        // (The operations of a nested type's members go to the nested type's own start action.)
        context.RegisterSymbolStartAction(start =>
        {
            var handlers = new HandlerCandidates();
            start.RegisterOperationAction(c => rule.AnalyzeInvocation(c, handlers), OperationKind.Invocation);
            start.RegisterOperationAction(c => rule.RecordSubscription(c, handlers), OperationKind.EventAssignment);
            start.RegisterSymbolEndAction(c => rule.ReportHandlerCalls(c, handlers));
        }, SymbolKind.NamedType);
    }

    /// <summary>An event whose handlers run on every render or frame (a framework's "handlers of" render entry).</summary>
    private sealed class RenderEvent
    {
        private RenderEvent(IEventSymbol symbol, Framework framework)
        {
            Symbol = symbol;
            Framework = framework;
        }

        public IEventSymbol Symbol { get; }

        public Framework Framework { get; }

        public static ImmutableArray<RenderEvent> Resolve(Compilation compilation)
        {
            var events = ImmutableArray.CreateBuilder<RenderEvent>();
            foreach (var framework in Lifecycles.All)
            {
                foreach (var entry in framework.Render)
                {
                    if (entry.HandledEvent is not { } fullName)
                    {
                        continue;
                    }

                    var typeName = fullName.Substring(0, fullName.LastIndexOf('.'));
                    var type = compilation.GetTypeByMetadataName(typeName);
                    foreach (var symbol in type?.GetMembers(entry.Name).OfType<IEventSymbol>() ?? Enumerable.Empty<IEventSymbol>())
                    {
                        events.Add(new RenderEvent(symbol, framework));
                    }
                }
            }

            return events.ToImmutable();
        }
    }

    /// <summary>Per type: methods subscribed to a render event, and calls that are flagged if their method is one.</summary>
    private sealed class HandlerCandidates
    {
        public ConcurrentDictionary<IMethodSymbol, RenderEvent> Subscribed { get; } = new(SymbolEqualityComparer.Default);

        public ConcurrentQueue<(IMethodSymbol Method, IInvocationOperation Call)> Calls { get; } = new();
    }

    /// <summary>Where a call runs on every render or frame, and how the message names it.</summary>
    private sealed class RenderSite
    {
        public RenderSite(Framework framework, string display, string chainHead, string advice, IParameterSymbol? firstRender)
        {
            Framework = framework;
            Display = display;
            ChainHead = chainHead;
            Advice = advice;
            FirstRender = firstRender;
        }

        public Framework Framework { get; }

        /// <summary>"'Update'" or "a 'Rendering' handler".</summary>
        public string Display { get; }

        /// <summary>The first name of a call chain: "Update", "Rendering handler".</summary>
        public string ChainHead { get; }

        public string Advice { get; }

        /// <summary>Blazor's <c>firstRender</c> parameter: code it guards runs once per component.</summary>
        public IParameterSymbol? FirstRender { get; }
    }

    private sealed class RenderConnectRule
    {
        private readonly ChatCompilation _chat;
        private readonly CallChains _chains;

        public RenderConnectRule(ChatCompilation chat, ImmutableArray<RenderEvent> renderEvents)
        {
            _chat = chat;
            _chains = new CallChains(chat);
            RenderEvents = renderEvents;
        }

        public ImmutableArray<RenderEvent> RenderEvents { get; }

        public void AnalyzeInvocation(OperationAnalysisContext context, HandlerCandidates? handlers)
        {
            var invocation = (IInvocationOperation)context.Operation;
            // Cheap checks first: only connect calls and calls into this compilation's code matter.
            if ((!_chat.Api.IsConnect(invocation) && invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty)
                || _chat.IsNonRazorGeneratedCode(invocation.Syntax.SyntaxTree))
            {
                return;
            }

            switch (EnclosingFunction(invocation))
            {
                case IAnonymousFunctionOperation lambda when SubscribedEvent(lambda) is { } renderEvent:
                    var type = context.ContainingSymbol.ContainingType;
                    var name = renderEvent.Symbol.Name;
                    var site = new RenderSite(renderEvent.Framework, $"a '{name}' handler", name + " handler", Advice(renderEvent.Framework, type, isHandler: true), null);
                    Analyze(invocation, site, context.ReportDiagnostic, context.CancellationToken);
                    break;
                case ILocalFunctionOperation localFunction when handlers is not null && CanHandleEvents(localFunction.Symbol):
                    handlers.Calls.Enqueue((localFunction.Symbol, invocation));
                    break;
                case null when context.ContainingSymbol is IMethodSymbol method:
                    if (RenderSiteOf(method) is { } render)
                    {
                        Analyze(invocation, render, context.ReportDiagnostic, context.CancellationToken);
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
            if (assignment.Adds
                && assignment.EventReference is IEventReferenceOperation reference
                && RenderEventOf(reference.Event) is { } renderEvent
                && Flow.SubscribedHandler(assignment.HandlerValue) is IMethodReferenceOperation { Method: var handler }
                && SymbolEqualityComparer.Default.Equals(handler.ContainingType, context.ContainingSymbol.ContainingType)
                && !_chat.IsNonRazorGeneratedCode(assignment.Syntax.SyntaxTree))
            {
                handlers.Subscribed.TryAdd(handler.OriginalDefinition, renderEvent);
            }
        }

        public void ReportHandlerCalls(SymbolAnalysisContext context, HandlerCandidates handlers)
        {
            if (handlers.Subscribed.IsEmpty)
            {
                return;
            }

            var type = (INamedTypeSymbol)context.Symbol;
            foreach (var (method, call) in handlers.Calls)
            {
                if (handlers.Subscribed.TryGetValue(method, out var renderEvent))
                {
                    var site = new RenderSite(renderEvent.Framework, $"'{method.Name}'", method.Name, Advice(renderEvent.Framework, type, isHandler: true), null);
                    Analyze(call, site, context.ReportDiagnostic, context.CancellationToken);
                }
            }
        }

        private void Analyze(IInvocationOperation invocation, RenderSite site, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            if (site.FirstRender is { } firstRender && Guards.IsGuardedBy(
                invocation,
                (condition, value) => value && condition is IParameterReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Parameter, firstRender),
                cancellationToken))
            {
                return;
            }

            string call;
            if (_chat.Api.IsConnect(invocation))
            {
                if (Guards.IsGuardedByState(invocation, _chat.Api, cancellationToken))
                {
                    return;
                }

                call = invocation.TargetMethod.Name;
            }
            else
            {
                if (invocation.SemanticModel is not { } model
                    || _chains.Find(invocation.TargetMethod, model, cancellationToken) is not { } chain
                    || (chain.ClientMember is { } client
                        && Guards.IsGuardedBy(invocation, (condition, _) => Guards.ReadsStateOf(condition, client, _chat.Api), cancellationToken)))
                {
                    return;
                }

                call = chain.Describe(site.ChainHead);
            }

            report(Diagnostic.Create(
                Descriptors.CHAT002_ConnectInRenderMethod,
                Flow.ReportedSyntax(invocation).GetLocation(),
                call,
                site.Framework.RenderNoun,
                site.Display,
                site.Framework.Name,
                site.Advice));
        }

        private RenderSite? RenderSiteOf(IMethodSymbol method)
        {
            if (_chat.Lifecycles.RenderMethodOf(method) is not var (framework, entry))
            {
                return null;
            }

            var firstRender = entry.Name is "OnAfterRender" or "OnAfterRenderAsync" && method.Parameters.Length == 1
                ? method.Parameters[0]
                : null;
            return new RenderSite(framework, $"'{method.Name}'", method.Name, Advice(framework, method.ContainingType, isHandler: false), firstRender);
        }

        private string Advice(Framework framework, INamedTypeSymbol? type, bool isHandler)
        {
            if (framework.OncePoint is { } once && _chat.Lifecycles.FrameworkOf(type)?.Framework == framework)
            {
                return $"connect once in '{once.Name}'";
            }

            return isHandler
                ? "connect once, before subscribing the handler"
                : "guard it with the client's connection state, or connect where the page is created";
        }

        private RenderEvent? RenderEventOf(IEventSymbol? symbol)
        {
            for (var current = symbol; current is not null; current = current.OverriddenEvent)
            {
                foreach (var renderEvent in RenderEvents)
                {
                    if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, renderEvent.Symbol))
                    {
                        return renderEvent;
                    }
                }
            }

            return null;
        }

        /// <summary>The render event a lambda is subscribed to with <c>+=</c>, if it is.</summary>
        private RenderEvent? SubscribedEvent(IAnonymousFunctionOperation lambda)
        {
            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation reference }
                ? RenderEventOf(reference.Event)
                : null;
        }

        /// <summary>Method groups can only be subscribed when their shape fits an event handler.</summary>
        private static bool CanHandleEvents(IMethodSymbol method) =>
            method.Parameters.Length == 2 && method.ReturnsVoid && method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction;

        /// <summary>The nearest lambda or local function around the operation; null when it runs in the member's own body.</summary>
        private static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return null;
        }
    }
}
