using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>
/// The rules that judge each connect call where it is made: CHAT001 (<see cref="LoopConnectRule"/>),
/// CHAT003 (<see cref="ServerSideConnectRule"/>), CHAT004 (<see cref="MissingDisconnectRule"/>),
/// CHAT005 (<see cref="RepeatedLifecycleConnectRule"/>) and CHAT007 (<see cref="UserImportRule"/>).
/// They need the same types and the same calls, so they share one analyzer: one per-type filter
/// and one action per call, event subscription and type end, each handing over to the rules. As
/// five analyzers they made ~96,000 of the ~170,000 callbacks of the benchmark's S pass, the same
/// filter and the same call check five times over, and every callback is a chance for a
/// garbage collection to land inside it and be counted as analyzer time (benchmarks/RESULTS.md).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConnectRulesAnalyzer : ChatAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.CHAT001_ConnectInLoop,
        Descriptors.CHAT003_ConnectInServerCode,
        Descriptors.CHAT004_ConnectWithoutDisconnect,
        Descriptors.CHAT005_UnguardedConnectInRepeatedLifecycleMethod,
        Descriptors.CHAT007_ConnectUsedToImportUsers);

    private protected override void OnChatCompilationStart(CompilationStartAnalysisContext context, ChatCompilation chat)
    {
        // The rules that keep state for the whole compilation; the others are per type or stateless.
        var serverSide = new ServerSideConnectRule(context.Compilation, context.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
        var repeatedLifecycle = new RepeatedLifecycleConnectRule(chat);
        context.RegisterSymbolStartAction(
            start =>
            {
                // Only a type whose text spells a connect method can make a connect call: the others
                // are not followed at all, and their pass is never allocated.
                var type = (INamedTypeSymbol)start.Symbol;
                if (chat.ConnectNames.InType(type))
                {
                    new TypePass(chat, serverSide, repeatedLifecycle, type).Register(start);
                }
            },
            SymbolKind.NamedType);
    }

    /// <summary>One type's pass: hands its calls and subscriptions to the rules, and its end to the rules that judge a whole type.</summary>
    private sealed class TypePass
    {
        private readonly ChatCompilation _chat;
        private readonly ServerSideConnectRule _serverSide;
        private readonly RepeatedLifecycleConnectRule _repeatedLifecycle;
        private readonly INamedTypeSymbol _type;
        private readonly MissingDisconnectRule.TypePass _disconnects;

        // CHAT005's handler tracking; null when the compilation references no table event.
        private readonly FrameworkEventHandlers<IInvocationOperation>? _handlers;

        public TypePass(ChatCompilation chat, ServerSideConnectRule serverSide, RepeatedLifecycleConnectRule repeatedLifecycle, INamedTypeSymbol type)
        {
            _chat = chat;
            _serverSide = serverSide;
            _repeatedLifecycle = repeatedLifecycle;
            _type = type;
            _disconnects = new MissingDisconnectRule.TypePass(chat, type);
            _handlers = chat.Events.IsEmpty ? null : new FrameworkEventHandlers<IInvocationOperation>();
        }

        public void Register(SymbolStartAnalysisContext start)
        {
            start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(AnalyzeSubscription, OperationKind.EventAssignment);
            start.RegisterSymbolEndAction(ReportTypeFindings);
        }

        private void AnalyzeInvocation(OperationAnalysisContext context)
        {
            // A nested type's members are the nested type's own pass.
            if (!TypeHierarchy.IsCodeOf(_type, context.ContainingSymbol))
            {
                return;
            }

            var invocation = (IInvocationOperation)context.Operation;
            if (!_chat.Api.IsConnect(invocation))
            {
                _disconnects.AnalyzeOtherCall(context, invocation);
                return;
            }

            if (_chat.IsNonRazorGeneratedCode(invocation.Syntax.SyntaxTree))
            {
                return;
            }

            LoopConnectRule.AnalyzeConnect(context, invocation, _chat.Api);
            UserImportRule.AnalyzeConnect(context, invocation, _chat.Api);
            _serverSide.AnalyzeConnect(context, invocation);
            _repeatedLifecycle.AnalyzeConnect(context, invocation, _handlers);
            _disconnects.AnalyzeConnect(context, invocation);
        }

        private void AnalyzeSubscription(OperationAnalysisContext context)
        {
            if (!TypeHierarchy.IsCodeOf(_type, context.ContainingSymbol))
            {
                return;
            }

            _disconnects.AnalyzeSubscription(context);

            // Generated subscriptions count: XAML's generated partial subscribes "Loaded" handlers too.
            _handlers?.Record(context, _chat.Events);
        }

        private void ReportTypeFindings(SymbolAnalysisContext context)
        {
            _disconnects.ReportUnpairedConnects(context);
            if (_handlers is { HasSubscriptions: true } handlers)
            {
                _repeatedLifecycle.ReportHandlerCalls(context, handlers);
            }
        }
    }
}
