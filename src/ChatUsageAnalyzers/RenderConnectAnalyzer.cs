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

    /// <summary>Blazor components compile from <c>.razor</c> files to generated code.</summary>
    private protected override bool AnalyzesRazorGeneratedCode => true;

    private protected override void OnChatCompilationStart(CompilationStartAnalysisContext context, ChatCompilation chat)
    {
        var rule = new RenderConnectRule(chat);
        // A finding is a call in a render method, or in a handler of a render event; the connect a
        // render method reaches may be anywhere. The render events are resolved at the first type
        // (see ChatCompilation); with none referenced no text is searched for them.
        var renderEvents = new Lazy<TextMentions>(() => new TextMentions(chat.Events.Where(e => e.IsRender).Select(e => e.Symbol.Name)));
        FrameworkEventHandlers<IInvocationOperation>.Register(
            context,
            chat,
            type => chat.Lifecycles.MayDeclareRenderMethod(type) || renderEvents.Value.InType(type),
            (register, handlers) => register(c => rule.AnalyzeInvocation(c, handlers), OperationKind.Invocation),
            rule.ReportHandlerCalls,
            skipGeneratedSubscriptions: true,
            mayHaveFindingsIn: member => member is IMethodSymbol method && chat.Lifecycles.RenderMethodOf(method) is not null);
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

        public RenderConnectRule(ChatCompilation chat)
        {
            _chat = chat;
            _chains = new CallChains(chat);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context, FrameworkEventHandlers<IInvocationOperation>? handlers)
        {
            var invocation = (IInvocationOperation)context.Operation;
            // Cheap checks first: only connect calls and calls into this compilation's code matter.
            if ((!_chat.Api.IsConnect(invocation) && invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty)
                || _chat.IsNonRazorGeneratedCode(invocation.Syntax.SyntaxTree))
            {
                return;
            }

            switch (Flow.EnclosingFunction(invocation))
            {
                case IAnonymousFunctionOperation lambda when FrameworkEvent.Find(_chat.Events, Flow.SubscribedEvent(lambda), isRender: true) is { } renderEvent:
                    var type = context.ContainingSymbol.ContainingType;
                    var name = renderEvent.Symbol.Name;
                    var site = new RenderSite(renderEvent.Framework, $"a '{name}' handler", name + " handler", Advice(renderEvent.Framework, type, isHandler: true), null);
                    Analyze(invocation, site, context.ReportDiagnostic, context.CancellationToken);
                    break;
                case ILocalFunctionOperation localFunction when handlers is not null:
                    handlers.Defer(localFunction.Symbol, invocation);
                    break;
                case null when context.ContainingSymbol is IMethodSymbol method:
                    if (RenderSiteOf(method) is { } render)
                    {
                        Analyze(invocation, render, context.ReportDiagnostic, context.CancellationToken);
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
    }
}
