using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>
/// An event of the lifecycle tables ("handlers of X" entries): its handlers run on every render or
/// frame (<see cref="Framework.Render"/>), or more than once per instance (<see cref="Framework.Repeating"/>).
/// </summary>
internal sealed class FrameworkEvent
{
    private FrameworkEvent(IEventSymbol symbol, Framework framework, bool isRender)
    {
        Symbol = symbol;
        Framework = framework;
        IsRender = isRender;
    }

    public IEventSymbol Symbol { get; }

    public Framework Framework { get; }

    /// <summary>True for a render/per-frame event, false for one whose handlers repeat during an instance's life.</summary>
    public bool IsRender { get; }

    /// <summary>The table events this compilation references, resolved once per compilation.</summary>
    public static ImmutableArray<FrameworkEvent> Resolve(Compilation compilation)
    {
        var events = ImmutableArray.CreateBuilder<FrameworkEvent>();
        foreach (var framework in Lifecycles.All)
        {
            Add(events, compilation, framework, framework.Render, isRender: true);
            Add(events, compilation, framework, framework.Repeating, isRender: false);
        }

        return events.ToImmutable();
    }

    /// <summary>The table event <paramref name="symbol"/> is (or overrides), if any; <paramref name="isRender"/> restricts it to one kind.</summary>
    public static FrameworkEvent? Find(ImmutableArray<FrameworkEvent> events, IEventSymbol? symbol, bool? isRender = null) =>
        symbol is null ? null : events.FirstOrDefault(candidate => (isRender is null || candidate.IsRender == isRender) && candidate.IsOrIsOverriddenBy(symbol));

    /// <summary>True when <paramref name="symbol"/> is this event or overrides it.</summary>
    public bool IsOrIsOverriddenBy(IEventSymbol symbol)
    {
        for (IEventSymbol? current = symbol; current is not null; current = current.OverriddenEvent)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, Symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Method groups can only be subscribed when their shape fits an event handler.</summary>
    public static bool CanHandle(IMethodSymbol method) =>
        method.Parameters.Length == 2 && method.ReturnsVoid && method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction;

    private static void Add(ImmutableArray<FrameworkEvent>.Builder events, Compilation compilation, Framework framework, ImmutableArray<LifecycleMethod> entries, bool isRender)
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
                events.Add(new FrameworkEvent(symbol, framework, isRender));
            }
        }
    }
}

/// <summary>
/// Per type, for the rules that judge handlers of table events: which of the type's methods are
/// subscribed to which events, which handlers unsubscribe themselves (a one-shot <c>Loaded</c>
/// handler runs once), and the findings that wait until the whole type has been seen.
/// </summary>
internal sealed class FrameworkEventHandlers<TFinding>
{
    private readonly ConcurrentQueue<(IMethodSymbol Handler, FrameworkEvent Event)> _subscriptions = new();
    private readonly ConcurrentQueue<(IMethodSymbol Handler, IEventSymbol Event)> _selfRemovals = new();
    private readonly ConcurrentQueue<(IMethodSymbol Method, TFinding Finding)> _pending = new();

    /// <summary>
    /// Registers a handler-aware rule, type by type. A type gets the rule's operation actions only
    /// when <paramref name="mayHaveFindings"/> says its declarations can hold a finding (a cheap
    /// check before binding, see <see cref="TextMentions"/>); a nested type's members go to the
    /// nested type's own pass. When the compilation references a table event, the type's
    /// subscriptions are recorded too and <paramref name="reportHandlers"/> judges the deferred
    /// findings at the type's end (which method handles which event is known only then);
    /// otherwise the actions run without handler tracking.
    /// </summary>
    /// <param name="mayHaveFindings">False for a type that cannot hold a finding of the rule.</param>
    /// <param name="registerActions">Registers the rule's operation actions through the given registrar, with the type's handlers (null without tracking).</param>
    /// <param name="skipGeneratedSubscriptions">True to ignore subscriptions in generated code other than Razor's.</param>
    /// <param name="mayHaveFindingsIn">
    /// When set, and no handler has to be tracked, only the members of the type it accepts get
    /// the actions (a render rule needs only render methods' code).
    /// </param>
    public static void Register(
        CompilationStartAnalysisContext context,
        ChatCompilation chat,
        Func<INamedTypeSymbol, bool> mayHaveFindings,
        Action<Action<Action<OperationAnalysisContext>, OperationKind>, FrameworkEventHandlers<TFinding>?> registerActions,
        Action<SymbolAnalysisContext, FrameworkEventHandlers<TFinding>> reportHandlers,
        bool skipGeneratedSubscriptions = false,
        Func<ISymbol, bool>? mayHaveFindingsIn = null)
    {
        context.RegisterSymbolStartAction(
            start =>
            {
                // The type's closures are allocated in RegisterType, for the types that pass the filter only.
                var type = (INamedTypeSymbol)start.Symbol;
                if (mayHaveFindings(type))
                {
                    RegisterType(start, type, chat, registerActions, reportHandlers, skipGeneratedSubscriptions, mayHaveFindingsIn);
                }
            },
            SymbolKind.NamedType);
    }

    private static void RegisterType(
        SymbolStartAnalysisContext start,
        INamedTypeSymbol type,
        ChatCompilation chat,
        Action<Action<Action<OperationAnalysisContext>, OperationKind>, FrameworkEventHandlers<TFinding>?> registerActions,
        Action<SymbolAnalysisContext, FrameworkEventHandlers<TFinding>> reportHandlers,
        bool skipGeneratedSubscriptions,
        Func<ISymbol, bool>? mayHaveFindingsIn)
    {
        void RegisterOwn(Action<OperationAnalysisContext> action, OperationKind kind) =>
            start.RegisterOperationAction(
                c =>
                {
                    if (TypeHierarchy.IsCodeOf(type, c.ContainingSymbol))
                    {
                        action(c);
                    }
                },
                kind);

        if (chat.Events.IsEmpty)
        {
            if (mayHaveFindingsIn is null)
            {
                registerActions(RegisterOwn, null);
                return;
            }

            // Without handlers to track, only the members that can hold a finding get actions.
            start.RegisterOperationBlockStartAction(block =>
            {
                if (TypeHierarchy.IsCodeOf(type, block.OwningSymbol) && mayHaveFindingsIn(block.OwningSymbol))
                {
                    RegisterBlock(block, registerActions);
                }
            });
            return;
        }

        var handlers = new FrameworkEventHandlers<TFinding>();
        registerActions(RegisterOwn, handlers);
        RegisterOwn(
            c =>
            {
                if (!skipGeneratedSubscriptions || !chat.IsNonRazorGeneratedCode(c.Operation.Syntax.SyntaxTree))
                {
                    handlers.Record(c, chat.Events);
                }
            },
            OperationKind.EventAssignment);
        start.RegisterSymbolEndAction(c =>
        {
            if (handlers.HasSubscriptions)
            {
                reportHandlers(c, handlers);
            }
        });
    }

    // Apart from the block action: a closure over the block is allocated where it is captured, so
    // only for the blocks that get actions (every member of a component starts a block). Walking
    // the block's operations here instead of registering was dearer: the walk allocates, and the
    // collections it triggers are charged to the rule.
    private static void RegisterBlock(
        OperationBlockStartAnalysisContext block,
        Action<Action<Action<OperationAnalysisContext>, OperationKind>, FrameworkEventHandlers<TFinding>?> registerActions) =>
        registerActions((action, kind) => block.RegisterOperationAction(action, kind), null);

    /// <summary>The findings in methods that may be handlers, with their method.</summary>
    public IEnumerable<(IMethodSymbol Method, TFinding Finding)> Pending => _pending;

    /// <summary>Keeps <paramref name="finding"/> for the type's end when <paramref name="method"/> could be subscribed to an event.</summary>
    public void Defer(IMethodSymbol method, TFinding finding)
    {
        if (FrameworkEvent.CanHandle(method))
        {
            _pending.Enqueue((method.OriginalDefinition, finding));
        }
    }

    /// <summary>True once a method of the type was seen subscribed to a table event: only then can a deferred finding be a handler's.</summary>
    public bool HasSubscriptions => !_subscriptions.IsEmpty;

    /// <summary>Records a <c>+=</c> or <c>-=</c> of a method of the analyzed type on a table event.</summary>
    public void Record(OperationAnalysisContext context, ImmutableArray<FrameworkEvent> events)
    {
        var assignment = (IEventAssignmentOperation)context.Operation;
        if (assignment.EventReference is not IEventReferenceOperation reference
            || Flow.SubscribedHandler(assignment.HandlerValue) is not IMethodReferenceOperation { Method: var handler }
            || !SymbolEqualityComparer.Default.Equals(handler.ContainingType, context.ContainingSymbol.ContainingType))
        {
            return;
        }

        handler = handler.OriginalDefinition;
        if (assignment.Adds)
        {
            foreach (var handled in events)
            {
                if (handled.IsOrIsOverriddenBy(reference.Event))
                {
                    _subscriptions.Enqueue((handler, handled));
                }
            }
        }
        else if (FrameworkEvent.Find(events, reference.Event) is { } removed)
        {
            var remover = Flow.EnclosingFunction(assignment) is ILocalFunctionOperation localFunction ? localFunction.Symbol : context.ContainingSymbol;
            if (SymbolEqualityComparer.Default.Equals(remover.OriginalDefinition, handler))
            {
                _selfRemovals.Enqueue((handler, removed.Symbol));
            }
        }
    }

    /// <summary>The table events <paramref name="method"/> is subscribed to, in the order the subscriptions were seen.</summary>
    public IEnumerable<FrameworkEvent> EventsHandledBy(IMethodSymbol method) =>
        _subscriptions.Where(s => SymbolEqualityComparer.Default.Equals(s.Handler, method)).Select(s => s.Event);

    public bool RemovesItself(IMethodSymbol handler, IEventSymbol @event) =>
        _selfRemovals.Any(removal => SymbolEqualityComparer.Default.Equals(removal.Handler, handler)
            && SymbolEqualityComparer.Default.Equals(removal.Event, @event));
}
