using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>
/// CHAT006: a client made per use: a transient DI registration of a targeted client, or a creation
/// (constructor or factory method) in a loop, a render/per-frame method or a repeating lifecycle method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ClientCreationAnalyzer : ChatAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CHAT006_ClientCreatedPerUse);

    private protected override void OnChatCompilationStart(CompilationStartAnalysisContext context, ChatCompilation chat)
    {
        var rule = new ClientCreationRule(chat);
        FrameworkEventHandlers<Creation>.Register(
            context,
            chat,
            type => rule.Factories.Names.InType(type),
            (register, handlers) =>
            {
                if (rule.Factories.HasConstructors)
                {
                    register(c => rule.AnalyzeObjectCreation(c, handlers), OperationKind.ObjectCreation);
                }

                register(c => rule.AnalyzeInvocation(c, handlers), OperationKind.Invocation);
            },
            rule.ReportHandlerCreations);
    }

    /// <summary>A client creation, as the diagnostic names it.</summary>
    private readonly struct Creation
    {
        public Creation(IOperation operation, string display, ITypeSymbol client, SyntaxNode reported)
        {
            Operation = operation;
            Display = display;
            Client = client;
            Reported = reported;
        }

        public IOperation Operation { get; }

        /// <summary>"new ChatClient" or "StreamChatClient.CreateDefaultClient".</summary>
        public string Display { get; }

        public ITypeSymbol Client { get; }

        public SyntaxNode Reported { get; }
    }

    private sealed class ClientCreationRule
    {
        private readonly ChatCompilation _chat;
        private readonly Lazy<ClientFactories> _factories;

        public ClientCreationRule(ChatCompilation chat)
        {
            _chat = chat;

            // Resolved at the first type, not at compilation start (see ChatCompilation).
            _factories = new Lazy<ClientFactories>(() => ClientFactories.Resolve(chat));
        }

        public ClientFactories Factories => _factories.Value;

        public void AnalyzeObjectCreation(OperationAnalysisContext context, FrameworkEventHandlers<Creation>? handlers)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (Factories.IsClientConstructor(creation.Constructor))
            {
                var type = creation.Constructor!.ContainingType;
                AnalyzeCreation(context, new Creation(creation, "new " + type.Name, type, creation.Syntax), handlers);
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context, FrameworkEventHandlers<Creation>? handlers)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name == ClientFactories.PerUseRegistration)
            {
                AnalyzeRegistration(context, invocation);
            }
            else if (Factories.IsFactoryMethod(method))
            {
                var creation = new Creation(invocation, method.ContainingType.Name + "." + method.Name, method.ReturnType, Flow.ReportedSyntax(invocation));
                AnalyzeCreation(context, creation, handlers);
            }
        }

        public void ReportHandlerCreations(SymbolAnalysisContext context, FrameworkEventHandlers<Creation> handlers)
        {
            foreach (var (method, creation) in handlers.Pending)
            {
                if (handlers.EventsHandledBy(method).FirstOrDefault() is { } handled && !handlers.RemovesItself(method, handled.Symbol))
                {
                    var (when, advice) = HandlerRecurrence(handled, $"'{method.Name}' (a '{handled.Symbol.Name}' handler)", method.ContainingType);
                    Report(context.ReportDiagnostic, creation, when, advice);
                }
            }
        }

        private void AnalyzeRegistration(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            if (Factories.Registrations is not { } registrations
                || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, registrations)
                || RegisteredClient(invocation) is not { } client
                || ForwardsToAnotherRegistration(invocation)
                || _chat.IsNonRazorGeneratedCode(invocation.Syntax.SyntaxTree))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.CHAT006_ClientCreatedPerUse,
                Flow.ReportedSyntax(invocation).GetLocation(),
                invocation.TargetMethod.Name,
                client.Name,
                "on every resolution",
                $"register it with '{ClientFactories.SharedRegistration}'"));
        }

        /// <summary>The targeted client type a registration names: a type argument, or a <c>typeof</c> argument.</summary>
        private ITypeSymbol? RegisteredClient(IInvocationOperation registration)
        {
            foreach (var typeArgument in registration.TargetMethod.TypeArguments)
            {
                if (_chat.Api.ApiOf(typeArgument) is not null)
                {
                    return typeArgument;
                }
            }

            foreach (var argument in registration.Arguments)
            {
                if (Flow.WithoutConversions(argument.Value) is ITypeOfOperation { TypeOperand: var type } && _chat.Api.ApiOf(type) is not null)
                {
                    return type;
                }
            }

            return null;
        }

        /// <summary>
        /// A factory that only resolves another registration (<c>sp =&gt; sp.GetRequiredService&lt;ChatClient&gt;()</c>,
        /// the usual way to expose one singleton under a second service type) creates no client.
        /// </summary>
        private static bool ForwardsToAnotherRegistration(IInvocationOperation registration)
        {
            foreach (var argument in registration.Arguments)
            {
                if (Flow.WithoutConversions(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation factory })
                {
                    var returned = factory.Body.Descendants().OfType<IReturnOperation>().Select(r => Flow.WithoutConversions(r.ReturnedValue)).ToList();
                    return returned.Count > 0 && returned.All(value => value is IInvocationOperation resolution
                        && ClientFactories.ServiceResolutionMethods.Contains(resolution.TargetMethod.Name));
                }
            }

            return false;
        }

        private void AnalyzeCreation(OperationAnalysisContext context, Creation creation, FrameworkEventHandlers<Creation>? handlers)
        {
            var operation = creation.Operation;
            if (_chat.IsNonRazorGeneratedCode(operation.Syntax.SyntaxTree) || IsCreatedOnce(operation, context.CancellationToken))
            {
                return;
            }

            if (Flow.FindRepeatingLoop(operation) is { } loop)
            {
                Report(context.ReportDiagnostic, creation, $"on every iteration of this '{loop.Description}' loop", "create it once, before the loop, and reuse it");
                return;
            }

            var type = context.ContainingSymbol.ContainingType;
            switch (Flow.EnclosingFunction(operation))
            {
                case IAnonymousFunctionOperation lambda when FrameworkEvent.Find(_chat.Events, Flow.SubscribedEvent(lambda)) is { } handled:
                    var (handlerWhen, handlerAdvice) = HandlerRecurrence(handled, $"a '{handled.Symbol.Name}' handler", type);
                    Report(context.ReportDiagnostic, creation, handlerWhen, handlerAdvice);
                    break;
                case null when context.ContainingSymbol is IMethodSymbol method:
                    if (Recurrence(operation, method, context.CancellationToken) is { } recurrence)
                    {
                        Report(context.ReportDiagnostic, creation, recurrence.When, OncePerInstance(recurrence.Framework, type));
                    }
                    else
                    {
                        handlers?.Defer(method, creation);
                    }

                    break;
            }
        }

        private static void Report(Action<Diagnostic> report, Creation creation, string when, string advice) =>
            report(Diagnostic.Create(
                Descriptors.CHAT006_ClientCreatedPerUse,
                creation.Reported.GetLocation(),
                creation.Display,
                creation.Client.Name,
                when,
                advice));

        /// <summary>How often a handler of <paramref name="handled"/> runs, and where to create the client instead.</summary>
        private (string When, string Advice) HandlerRecurrence(FrameworkEvent handled, string display, INamedTypeSymbol? type)
        {
            var when = handled.IsRender
                ? $"on every {handled.Framework.RenderNoun} in {display} ({handled.Framework.Name})"
                : $"every time {display} runs ({handled.Framework.Name})";
            return (when, OncePerInstance(handled.Framework, type));
        }

        private string OncePerInstance(Framework framework, INamedTypeSymbol? type) =>
            framework.OncePoint is { } once && _chat.Lifecycles.FrameworkOf(type)?.Framework == framework
                ? $"create it once per instance, in a field or in '{once.Name}'"
                : "create it once per instance, in a field";

        /// <summary>How often <paramref name="method"/> runs, when it is a render/per-frame or repeating lifecycle method (built in or configured).</summary>
        private (Framework Framework, string When)? Recurrence(IOperation creation, IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (_chat.Lifecycles.RenderMethodOf(method) is { } render)
            {
                return IsFirstRenderOnly(creation, render.Entry, method, cancellationToken)
                    ? null
                    : (render.Framework, $"on every {render.Framework.RenderNoun} in '{method.Name}' ({render.Framework.Name})");
            }

            return _chat.Lifecycles.RepeatingMethodOf(method) is { } repeating
                ? (repeating.Framework, $"every time '{method.Name}' runs ({repeating.Framework.Name})")
                : null;
        }

        /// <summary>Blazor's <c>OnAfterRender{Async}(firstRender)</c>: code guarded by <c>firstRender</c> runs once per component.</summary>
        private static bool IsFirstRenderOnly(IOperation creation, LifecycleMethod render, IMethodSymbol method, CancellationToken cancellationToken) =>
            render.Name is "OnAfterRender" or "OnAfterRenderAsync"
            && method.Parameters.Length == 1
            && Guards.IsGuardedBy(
                creation,
                (condition, value) => value && condition is IParameterReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Parameter, method.Parameters[0]),
                cancellationToken);

        /// <summary>
        /// Lazy creation makes one client however often the code runs: <c>_client ??= new ..</c>, or an
        /// assignment reached only when a null check of the assigned variable says it is empty.
        /// </summary>
        private static bool IsCreatedOnce(IOperation creation, CancellationToken cancellationToken)
        {
            var value = creation;
            while (value.Parent is IConversionOperation or IParenthesizedOperation)
            {
                value = value.Parent;
            }

            return value.Parent switch
            {
                ICoalesceAssignmentOperation coalesce => coalesce.Value == value,
                ISimpleAssignmentOperation assignment when assignment.Value == value => Guards.IsGuardedBy(
                    creation,
                    (condition, _) => IsNullCheckOf(condition, assignment.Target),
                    cancellationToken),
                _ => false,
            };
        }

        private static bool IsNullCheckOf(IOperation condition, IOperation target)
        {
            var operations = condition.DescendantsAndSelf().ToList();
            return operations.Any(o => o.ConstantValue is { HasValue: true, Value: null })
                && operations.Any(o => o is IFieldReferenceOperation or IPropertyReferenceOperation or ILocalReferenceOperation
                    && ClientReference.AreSame(o, target));
        }
    }
}
