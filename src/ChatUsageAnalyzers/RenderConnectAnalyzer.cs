using System;
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

    private protected override void OnChatCompilationStart(CompilationStartAnalysisContext context, ChatCompilation chat)
    {
        var rule = new RenderConnectRule(chat);
        // A finding is a call in a render method, or in a handler of a render event; the connect a
        // render method reaches may be anywhere. The render events are resolved at the first type
        // (see ChatCompilation); with none referenced no text is searched for them.
        var renderEvents = new Lazy<TextMentions>(() => new TextMentions(chat.Events.Where(e => e.IsRender).Select(e => e.Symbol.Name), chat.Declarations));
        FrameworkEventHandlers<IInvocationOperation>.Register(
            context,
            chat,
            type => chat.Lifecycles.MayDeclareRenderMethod(type) || renderEvents.Value.InType(type),
            (register, handlers) => register(c => rule.AnalyzeInvocation(c, handlers), OperationKind.Invocation),
            rule.ReportHandlerCalls,
            skipGeneratedSubscriptions: true,
            mayHaveFindingsIn: member => member is IMethodSymbol method && chat.Lifecycles.RenderMethodOf(method) is not null);
    }

    private enum RenderSiteKind
    {
        RenderMethod,
        HandlerMethod,
        HandlerLambda,
    }

    /// <summary>
    /// Where a call runs on every render or frame, and how the message names it. Built for every
    /// call the rule looks at, so the message's words are made only when one is reported.
    /// </summary>
    private sealed class RenderSite
    {
        public RenderSite(Framework framework, INamedTypeSymbol? type, string name, RenderSiteKind kind, IParameterSymbol? firstRender = null)
        {
            Framework = framework;
            Type = type;
            Name = name;
            Kind = kind;
            FirstRender = firstRender;
        }

        public Framework Framework { get; }

        /// <summary>The type whose code runs there (its framework decides the advice).</summary>
        public INamedTypeSymbol? Type { get; }

        /// <summary>The render method's or handler's name, or the event's for a lambda handler.</summary>
        public string Name { get; }

        public RenderSiteKind Kind { get; }

        /// <summary>Blazor's <c>firstRender</c> parameter: code it guards runs once per component.</summary>
        public IParameterSymbol? FirstRender { get; }

        /// <summary>"'Update'" or "a 'Rendering' handler".</summary>
        public string Display => Kind == RenderSiteKind.HandlerLambda ? $"a '{Name}' handler" : $"'{Name}'";

        /// <summary>The first name of a call chain: "Update", "Rendering handler".</summary>
        public string ChainHead => Kind == RenderSiteKind.HandlerLambda ? Name + " handler" : Name;
    }

    private sealed class RenderConnectRule
    {
        private readonly ChatCompilation _chat;
        private readonly CallChains _chains;

        public RenderConnectRule(ChatCompilation chat)
        {
            _chat = chat;
            _chains = new CallChains(chat);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context, FrameworkEventHandlers<IInvocationOperation>? handlers)
        {
            var invocation = (IInvocationOperation)context.Operation;
            // Cheap checks first: only connect calls and calls into this compilation's code matter
            // (the assembly, not the declarations: asking a source method for those allocates).
            if ((!_chat.IsSource(invocation.TargetMethod) && !_chat.Api.IsConnect(invocation))
                || _chat.IsNonRazorGeneratedCode(invocation.Syntax.SyntaxTree))
            {
                return;
            }

            switch (Flow.EnclosingFunction(invocation))
            {
                case IAnonymousFunctionOperation lambda when FrameworkEvent.Find(_chat.Events, Flow.SubscribedEvent(lambda), isRender: true) is { } renderEvent:
                    var site = new RenderSite(renderEvent.Framework, context.ContainingSymbol.ContainingType, renderEvent.Symbol.Name, RenderSiteKind.HandlerLambda);
                    Report(Analyze(invocation, site, context.CancellationToken), context);
                    break;
                case ILocalFunctionOperation localFunction when handlers is not null:
                    handlers.Defer(localFunction.Symbol, invocation);
                    break;
                case null when context.ContainingSymbol is IMethodSymbol method:
                    if (RenderSiteOf(method) is { } render)
                    {
                        Report(Analyze(invocation, render, context.CancellationToken), context);
                    }
                    else
                    {
                        handlers?.Defer(method, invocation);
                    }

                    break;
            }
        }

        public void ReportHandlerCalls(SymbolAnalysisContext context, FrameworkEventHandlers<IInvocationOperation> handlers)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            foreach (var (method, call) in handlers.Pending)
            {
                if (handlers.EventsHandledBy(method).FirstOrDefault(handled => handled.IsRender) is { } renderEvent)
                {
                    var site = new RenderSite(renderEvent.Framework, type, method.Name, RenderSiteKind.HandlerMethod);
                    if (Analyze(call, site, context.CancellationToken) is { } diagnostic)
                    {
                        context.ReportDiagnostic(diagnostic);
                    }
                }
            }
        }

        private static void Report(Diagnostic? diagnostic, OperationAnalysisContext context)
        {
            if (diagnostic is not null)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        /// <summary>The finding for a call that runs at <paramref name="site"/>, or null.</summary>
        private Diagnostic? Analyze(IInvocationOperation invocation, RenderSite site, CancellationToken cancellationToken)
        {
            string call;
            if (_chat.Api.IsConnect(invocation))
            {
                if (Guards.IsGuardedByState(invocation, _chat.Api, cancellationToken))
                {
                    return null;
                }

                call = invocation.TargetMethod.Name;
            }
            else
            {
                if (_chains.Find(invocation.TargetMethod, cancellationToken) is not { } chain
                    || (chain.ClientMember is { } client
                        && Guards.IsGuardedBy(invocation, (condition, _) => Guards.ReadsStateOf(condition, client, _chat.Api), cancellationToken)))
                {
                    return null;
                }

                call = chain.Describe(site.ChainHead);
            }

            // Checked last: it reads the conditions around the call, and most calls reach no connect.
            if (site.FirstRender is { } firstRender && Guards.IsGuardedBy(
                invocation,
                (condition, value) => value && condition is IParameterReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Parameter, firstRender),
                cancellationToken))
            {
                return null;
            }

            return Diagnostic.Create(
                Descriptors.CHAT002_ConnectInRenderMethod,
                Flow.ReportedSyntax(invocation).GetLocation(),
                call,
                site.Framework.RenderNoun,
                site.Display,
                site.Framework.Name,
                Advice(site));
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
            return new RenderSite(framework, method.ContainingType, method.Name, RenderSiteKind.RenderMethod, firstRender);
        }

        private string Advice(RenderSite site)
        {
            if (site.Framework.OncePoint is { } once && _chat.Lifecycles.FrameworkOf(site.Type)?.Framework == site.Framework)
            {
                return $"connect once in '{once.Name}'";
            }

            return site.Kind != RenderSiteKind.RenderMethod
                ? "connect once, before subscribing the handler"
                : "guard it with the client's connection state, or connect where the page is created";
        }
    }
}
