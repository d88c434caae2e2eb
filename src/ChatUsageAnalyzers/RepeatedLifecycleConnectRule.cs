using System;
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
/// Run by <see cref="ConnectRulesAnalyzer"/>, one instance per compilation.
/// </summary>
internal sealed class RepeatedLifecycleConnectRule
{
    private readonly ChatCompilation _chat;

    public RepeatedLifecycleConnectRule(ChatCompilation chat)
    {
        _chat = chat;
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

    /// <param name="handlers">The type's event handlers; null when the compilation references no table event.</param>
    public void AnalyzeConnect(OperationAnalysisContext context, IInvocationOperation invocation, FrameworkEventHandlers<IInvocationOperation>? handlers)
    {
        switch (Flow.EnclosingFunction(invocation))
        {
            case IAnonymousFunctionOperation lambda when FrameworkEvent.Find(_chat.Events, Flow.SubscribedEvent(lambda), isRender: false) is { } handled:
                var site = new RepeatingSite(handled.Framework, HandlerOf(handled));
                Analyze(invocation, site, context.ContainingSymbol.ContainingType, context.ReportDiagnostic, context.CancellationToken);
                break;
            case ILocalFunctionOperation localFunction when handlers is not null:
                handlers.Defer(localFunction.Symbol, invocation);
                break;
            case null when context.ContainingSymbol is IMethodSymbol method:
                if (RepeatingMethodOf(method) is { } repeating)
                {
                    var methodSite = new RepeatingSite(repeating.Framework, $"'{method.Name}'");
                    Analyze(invocation, methodSite, method.ContainingType, context.ReportDiagnostic, context.CancellationToken);
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
            var handled = handlers.EventsHandledBy(method).ToList();
            if (handled.FirstOrDefault(e => !e.IsRender) is { } repeating
                && !handled.Any(e => e.IsRender)
                && !handlers.RemovesItself(method, repeating.Symbol))
            {
                var site = new RepeatingSite(repeating.Framework, $"'{method.Name}' ({HandlerOf(repeating)})");
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

    /// <summary>"a 'Loaded' handler", "an 'Activated' handler".</summary>
    private static string HandlerOf(FrameworkEvent handled) =>
        ("AEIOUaeiou".IndexOf(handled.Symbol.Name[0]) >= 0 ? "an '" : "a '") + handled.Symbol.Name + "' handler";
}
