using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>
/// CHAT004: a connect call whose client is never disconnected where it should be. A client held
/// by the type must be disconnected by the teardown method that pairs with where the connect runs
/// (RULES.md's teardown table), directly or through the type's own methods it calls; a local
/// client must be released by its method unless it escapes. Teardowns can live in another partial
/// part, so members' facts are collected per type (<see cref="TypePass"/>, started by
/// <see cref="ConnectRulesAnalyzer"/> for each type that spells a connect method) and judged at the
/// type's symbol end.
/// </summary>
internal static class MissingDisconnectRule
{
    /// <summary>A connect on a client the type holds, judged once the whole type has been seen.</summary>
    private sealed class HeldConnect
    {
        public HeldConnect(Location location, string method, ISymbol client, ISymbol member, string? handledEvent)
        {
            Location = location;
            Method = method;
            Client = client;
            Member = member;
            HandledEvent = handledEvent;
        }

        public Location Location { get; }

        public string Method { get; }

        /// <summary>The field, property or captured primary-constructor parameter.</summary>
        public ISymbol Client { get; }

        /// <summary>The member whose code makes the call.</summary>
        public ISymbol Member { get; }

        /// <summary>Set when the call is in a lambda subscribed to this event ("Ns.Type.Event") of the instance.</summary>
        public string? HandledEvent { get; }
    }

    /// <summary>The method a connect runs in, as the teardown table sees it.</summary>
    private readonly struct ConnectPoint
    {
        public ConnectPoint(Framework framework, LifecycleMethod? entry, string display)
        {
            Framework = framework;
            Entry = entry;
            Display = display;
        }

        /// <summary>The table the pairing comes from: the type's framework, or <see cref="Lifecycles.AnyType"/>.</summary>
        public Framework Framework { get; }

        /// <summary>The connect-in entry of a teardown pair; null for "any other method".</summary>
        public LifecycleMethod? Entry { get; }

        /// <summary>As the message quotes it: "'OnEnable'", "a 'Loaded' handler".</summary>
        public string Display { get; }
    }

    /// <summary>The teardown methods a type has for one connect point.</summary>
    private sealed class FoundTeardowns
    {
        /// <summary>Teardowns that run, quoted ("'OnDisable'", "the 'Unloaded' handler"): the disconnect must be reachable from one of them.</summary>
        public List<(CodeUnit Unit, string Display)> Running { get; } = new();

        /// <summary>Methods named like a teardown that the framework never calls (no interface, no override).</summary>
        public List<IMethodSymbol> NeverRun { get; } = new();

        /// <summary>
        /// When the type declares no teardown: the teardowns it inherits from its own (source) base
        /// types. Those cannot name this type's client; they reach it only through this type's overrides.
        /// </summary>
        public List<IMethodSymbol> Inherited { get; } = new();

        public Location? FirstLocation =>
            Running.Select(t => t.Unit.Location).FirstOrDefault(l => l is not null)
            ?? NeverRun.Select(m => CodeUnit.Of(m).Location).FirstOrDefault(l => l is not null);
    }

    /// <summary>One type's analysis: facts from its operations, judgement at its symbol end.</summary>
    internal sealed class TypePass
    {
        private readonly ChatCompilation _chat;
        private readonly INamedTypeSymbol _type;
        private readonly TypeTeardownFacts _facts = new();
        private readonly object _gate = new();

        // Most types the filter lets through hold no client: the list is made by the first connect kept.
        private List<HeldConnect>? _connects;

        public TypePass(ChatCompilation chat, INamedTypeSymbol type)
        {
            _chat = chat;
            _type = type;
        }

        public void AnalyzeConnect(OperationAnalysisContext context, IInvocationOperation connect)
        {
            if (OwnMember(context.ContainingSymbol) is { } member)
            {
                AnalyzeConnect(context, connect, member);
            }
        }

        /// <summary>Any other call: a disconnect, or a call to one of the type's own methods (the teardown may reach a disconnect through it).</summary>
        public void AnalyzeOtherCall(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            if (OwnMember(context.ContainingSymbol) is not { } member)
            {
                return;
            }

            var api = _chat.Api;
            if (api.DisconnectMethodNames.Contains(invocation.TargetMethod.Name) && api.IsDisconnect(invocation))
            {
                if (HeldClient(invocation.Instance, member) is { } client)
                {
                    _facts.RecordDisconnect(UnitsAround(invocation, member), client);
                }
            }
            else if (OwnMethodCalled(invocation) is { } callee)
            {
                _facts.RecordCall(UnitsAround(invocation, member), CodeUnit.Of(callee));
            }
        }

        public void AnalyzeSubscription(OperationAnalysisContext context)
        {
            var assignment = (IEventAssignmentOperation)context.Operation;
            if (!assignment.Adds
                || OwnMember(context.ContainingSymbol) is null
                || assignment.EventReference is not IEventReferenceOperation reference
                || !IsThisInstance(reference.Instance))
            {
                return;
            }

            CodeUnit? handler = Flow.SubscribedHandler(assignment.HandlerValue) switch
            {
                IAnonymousFunctionOperation lambda => CodeUnit.Of(lambda),
                IMethodReferenceOperation method when (method.Method.IsStatic || IsThisInstance(method.Instance)) && IsDeclaredHere(method.Method)
                    => CodeUnit.Of(method.Method),
                _ => null,
            };
            if (handler is { } unit)
            {
                _facts.RecordHandler(Teardowns.FullName(reference.Event), unit);
            }
        }

        public void ReportUnpairedConnects(SymbolAnalysisContext context)
        {
            List<HeldConnect> connects;
            lock (_gate)
            {
                if (_connects is null)
                {
                    return;
                }

                connects = _connects;
            }

            var framework = _chat.Lifecycles.FrameworkOf(_type);
            var noun = Teardowns.OwnerNoun(framework?.BaseType);
            foreach (var connect in connects)
            {
                var point = ConnectPointOf(connect, framework?.Framework ?? Lifecycles.AnyType);
                var entries = point.Framework.TeardownFor(point.Entry);
                var teardowns = FindTeardowns(entries, point.Framework);
                if (_facts.Disconnects(TeardownRoots(teardowns), connect.Client))
                {
                    continue;
                }

                var location = teardowns.FirstLocation;
                var (reason, advice) = Explain(connect, point, entries, teardowns, noun);
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.CHAT004_ConnectWithoutDisconnect,
                    connect.Location,
                    location is null ? null : new[] { location },
                    connect.Method,
                    connect.Client.Name,
                    point.Display,
                    reason,
                    Teardowns.Moment(noun, entries),
                    advice));
            }
        }

        private void AnalyzeConnect(OperationAnalysisContext context, IInvocationOperation connect, ISymbol member)
        {
            var reference = ClientReference.Of(connect);
            ISymbol? client;
            if (reference.Home == ClientHome.Local && reference.Symbol is ILocalSymbol local)
            {
                var judgement = LocalClients.Judge(local, connect, _chat.Api);
                switch (judgement.Fate)
                {
                    case LocalClientFate.Abandoned:
                        var method = Teardowns.Quote(member);
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.CHAT004_ConnectWithoutDisconnect,
                            Flow.ReportedSyntax(connect).GetLocation(),
                            connect.TargetMethod.Name,
                            local.Name,
                            method,
                            "this method never disconnects or disposes it",
                            method + " returns",
                            "declare it with 'await using', or disconnect it before the method returns"));
                        return;
                    case LocalClientFate.HeldElsewhere:
                        client = HeldClient(judgement.Holder, member);
                        break;
                    default:
                        return;
                }
            }
            else
            {
                client = HeldClient(connect.Instance, member);
            }

            // A static class or an interface has no instance whose teardown could disconnect: the client lives as long as the app.
            if (client is not null && !_type.IsStatic && _type.TypeKind != TypeKind.Interface)
            {
                var held = new HeldConnect(
                    Flow.ReportedSyntax(connect).GetLocation(),
                    connect.TargetMethod.Name,
                    client,
                    member,
                    SubscribedLambdaAround(connect));
                lock (_gate)
                {
                    (_connects ??= new List<HeldConnect>()).Add(held);
                }
            }
        }

        private ConnectPoint ConnectPointOf(HeldConnect connect, Framework framework)
        {
            if (connect.HandledEvent is { } handled)
            {
                return HandlerPoint(framework, new[] { handled }) ?? new ConnectPoint(framework, null, Teardowns.Quote(connect.Member));
            }

            var display = Teardowns.Quote(connect.Member);
            if (connect.Member is IMethodSymbol method)
            {
                if (Lifecycles.Find(framework.TeardownPairs.SelectMany(p => p.ConnectIn), method, framework) is { } entry)
                {
                    return new ConnectPoint(framework, entry, display);
                }

                if (HandlerPoint(framework, _facts.EventsHandledBy(CodeUnit.Of(method))) is { } handler)
                {
                    // A named handler method keeps its name in the message.
                    return new ConnectPoint(handler.Framework, handler.Entry, display);
                }

                if (Lifecycles.Find(Lifecycles.AnyType.TeardownPairs.SelectMany(p => p.ConnectIn), method, Lifecycles.AnyType) is { } anyType)
                {
                    return new ConnectPoint(Lifecycles.AnyType, anyType, display);
                }
            }

            return new ConnectPoint(framework, null, display);
        }

        /// <summary>The connect-in entry for handlers of one of <paramref name="events"/>, if the framework pairs one.</summary>
        private static ConnectPoint? HandlerPoint(Framework framework, IEnumerable<string> events)
        {
            foreach (var handled in events)
            {
                foreach (var entry in framework.TeardownPairs.SelectMany(p => p.ConnectIn))
                {
                    if (entry.HandledEvent == handled)
                    {
                        return new ConnectPoint(framework, entry, Teardowns.QuoteOne(entry));
                    }
                }
            }

            return null;
        }

        /// <summary>Where a disconnect must be reachable from: the teardowns, or every override when the teardown is inherited.</summary>
        private IEnumerable<CodeUnit> TeardownRoots(FoundTeardowns teardowns)
        {
            var roots = teardowns.Running.Select(t => t.Unit);
            return teardowns.Inherited.Count == 0
                ? roots
                : roots.Concat(_type.GetMembers().OfType<IMethodSymbol>().Where(m => m.IsOverride).Select(m => CodeUnit.Of(m)));
        }

        private FoundTeardowns FindTeardowns(ImmutableArray<LifecycleMethod> entries, Framework framework)
        {
            var found = new FoundTeardowns();
            foreach (var entry in entries)
            {
                if (entry.HandledEvent is { } handled)
                {
                    foreach (var handler in _facts.HandlersOf(handled))
                    {
                        found.Running.Add((handler, handler.Member is { } member ? Teardowns.Quote(member) : "the " + Teardowns.Quote(entry)));
                    }

                    continue;
                }

                foreach (var method in _type.GetMembers(entry.Name).OfType<IMethodSymbol>())
                {
                    if (!entry.Matches(method))
                    {
                        continue;
                    }

                    if (Lifecycles.Find(new[] { entry }, method, framework) is not null)
                    {
                        found.Running.Add((CodeUnit.Of(method), Teardowns.Quote(method)));
                    }
                    else if (!method.IsStatic)
                    {
                        found.NeverRun.Add(method);
                    }
                }

                // "ValueTask IAsyncDisposable.DisposeAsync()" is named after its interface: always called through it.
                foreach (var method in _type.GetMembers().OfType<IMethodSymbol>())
                {
                    if (method.ExplicitInterfaceImplementations.Any(i => i.Name == entry.Name)
                        && (entry.ParameterCount is null || method.Parameters.Length == entry.ParameterCount))
                    {
                        found.Running.Add((CodeUnit.Of(method), Teardowns.Quote(method)));
                    }
                }
            }

            if (found.Running.Count == 0)
            {
                found.Inherited.AddRange(InheritedTeardowns(entries, framework));
            }

            return found;
        }

        /// <summary>Teardowns declared by the type's base types that are in source (a framework's own base never calls into the type's overrides).</summary>
        private IEnumerable<IMethodSymbol> InheritedTeardowns(ImmutableArray<LifecycleMethod> entries, Framework framework)
        {
            for (var @base = _type.BaseType; @base is not null && @base.Locations.Any(l => l.IsInSource); @base = @base.BaseType)
            {
                foreach (var entry in entries)
                {
                    foreach (var method in @base.GetMembers(entry.Name).OfType<IMethodSymbol>())
                    {
                        if (entry.Matches(method) && Lifecycles.Find(new[] { entry }, method, framework) is not null)
                        {
                            yield return method;
                        }
                    }
                }
            }
        }

        /// <summary>The message's "{3}" (why no teardown disconnects the client) and "{5}" (what to do).</summary>
        private (string Reason, string Advice) Explain(HeldConnect connect, ConnectPoint point, ImmutableArray<LifecycleMethod> entries, FoundTeardowns teardowns, string noun)
        {
            string reason;
            string advice;
            if (teardowns.Running.Count > 0)
            {
                var names = teardowns.Running.Select(t => t.Display).Distinct().ToList();
                reason = Teardowns.List(names, "and") + (names.Count == 1 ? " never disconnects it" : " never disconnect it");
                advice = "disconnect it in " + names[0];
            }
            else if (teardowns.Inherited.FirstOrDefault() is { } inherited)
            {
                var name = Teardowns.Quote(inherited);
                reason = $"{name} is inherited from '{inherited.ContainingType.Name}' and no override in '{_type.Name}' disconnects it";
                advice = $"disconnect it in an override that {name} calls";
            }
            else if (teardowns.NeverRun.FirstOrDefault() is { } idle)
            {
                var name = Teardowns.Quote(idle);
                if (idle.Name is "Dispose" or "DisposeAsync" && idle.Parameters.Length == 0)
                {
                    var @interface = idle.Name == "Dispose" ? "IDisposable" : "IAsyncDisposable";
                    reason = $"{name} never runs because the {noun} does not implement {@interface}";
                    advice = $"implement {@interface} and disconnect it in {name}";
                }
                else
                {
                    reason = $"{name} never runs because it does not override the {point.Framework.Name} method";
                    advice = $"make {name} an override and disconnect it there";
                }
            }
            else if (point.Framework.Match == LifecycleMatch.Override && entries.All(e => e.Name is "Dispose" or "DisposeAsync"))
            {
                reason = $"the {noun} does not implement IDisposable or IAsyncDisposable";
                advice = "implement IAsyncDisposable and disconnect it in 'DisposeAsync'";
            }
            else
            {
                reason = $"the {noun} has no {Teardowns.List(entries.Select(Teardowns.Quote), "or")}";
                advice = entries.Any(e => e.Name == "DisposeAsync")
                    ? "implement IAsyncDisposable and disconnect it in 'DisposeAsync'"
                    : "disconnect it in " + (entries.IsEmpty ? "a teardown method" : Teardowns.QuoteOne(entries[0]));
            }

            // A disconnect elsewhere is the usual near miss (OnEnable paired with OnDestroy): name it.
            var elsewhere = _facts.MembersDisconnecting(connect.Client).FirstOrDefault(m =>
                !SymbolEqualityComparer.Default.Equals(m, CodeUnit.Normalize(connect.Member))
                && !teardowns.NeverRun.Any(idle => SymbolEqualityComparer.Default.Equals(m, CodeUnit.Normalize(idle))));
            if (elsewhere is not null)
            {
                reason += point.Entry is null
                    ? $" (the disconnect in {Teardowns.Quote(elsewhere)} is not in a teardown method)"
                    : $" (the disconnect in {Teardowns.Quote(elsewhere)} does not pair with {point.Display})";
            }

            return (reason, advice);
        }

        /// <summary>
        /// The client a call is made on when this type holds it: its own field or property, or a
        /// primary-constructor parameter captured by a member (injected clients are no exception).
        /// </summary>
        private ISymbol? HeldClient(IOperation? receiver, ISymbol member)
        {
            var reference = ClientReference.Of(receiver);
            return reference switch
            {
                { Home: ClientHome.Member, Symbol: { } symbol } when IsDeclaredHere(symbol) => symbol.OriginalDefinition,
                { Home: ClientHome.Parameter, Symbol: IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } parameter }
                    when IsDeclaredHere(constructor) && !SymbolEqualityComparer.Default.Equals(constructor.OriginalDefinition, member.OriginalDefinition)
                    => parameter.OriginalDefinition,
                _ => null,
            };
        }

        private bool IsDeclaredHere(ISymbol symbol) =>
            SymbolEqualityComparer.Default.Equals(symbol.ContainingType?.OriginalDefinition, _type);

        /// <summary>The member of this type whose code is analyzed; null for nested types' members, which get their own pass.</summary>
        private ISymbol? OwnMember(ISymbol symbol)
        {
            while (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } && symbol.ContainingSymbol is { } container)
            {
                symbol = container;
            }

            return IsDeclaredHere(symbol) ? symbol : null;
        }

        /// <summary>
        /// A call on this instance to a method of this type. Calls bind to the most derived override
        /// visible, so a virtual call to a method this type overrides is already this type's method;
        /// <c>base.M()</c> is not.
        /// </summary>
        private IMethodSymbol? OwnMethodCalled(IInvocationOperation invocation)
        {
            var target = invocation.TargetMethod;
            return (target.IsStatic || IsThisInstance(invocation.Instance)) && IsDeclaredHere(target) ? target : null;
        }

        /// <summary>The member, and every lambda and local function around the operation: each of them runs what it contains.</summary>
        private static IEnumerable<CodeUnit> UnitsAround(IOperation operation, ISymbol member)
        {
            yield return CodeUnit.Of(member);
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        yield return CodeUnit.Of(lambda);
                        break;
                    case ILocalFunctionOperation localFunction:
                        yield return CodeUnit.Of(localFunction.Symbol);
                        break;
                }
            }
        }

        /// <summary>The event ("Ns.Type.Event") of this instance that the nearest subscribed lambda around the call handles.</summary>
        private static string? SubscribedLambdaAround(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda)
                {
                    var parent = lambda.Parent;
                    while (parent is IDelegateCreationOperation or IConversionOperation)
                    {
                        parent = parent.Parent;
                    }

                    if (parent is IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation reference }
                        && IsThisInstance(reference.Instance))
                    {
                        return Teardowns.FullName(reference.Event);
                    }
                }
            }

            return null;
        }

        /// <summary>No receiver (a static member, or an implicit <c>this</c>) or an explicit <c>this</c>.</summary>
        private static bool IsThisInstance(IOperation? instance) =>
            instance is null || (instance is IInstanceReferenceOperation && instance.Syntax is not BaseExpressionSyntax);
    }
}
