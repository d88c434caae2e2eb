using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>
/// Code that runs as one piece: a member of the type, or a lambda or local function (which can be
/// subscribed as an event handler). Members are keyed by symbol; lambdas and local functions by
/// where they are declared, because their symbols are rebuilt for every semantic model.
/// </summary>
internal readonly struct CodeUnit : IEquatable<CodeUnit>
{
    private readonly Location? _declaration;

    private CodeUnit(ISymbol? member, Location? declaration)
    {
        Member = member;
        _declaration = declaration;
    }

    /// <summary>The member (partial methods by their defining part); null for a lambda or local function.</summary>
    public ISymbol? Member { get; }

    /// <summary>Where the unit is declared: a method's name, a lambda's whole expression.</summary>
    public Location? Location => Member is IMethodSymbol method
        ? (method.PartialImplementationPart ?? method).Locations.FirstOrDefault(l => l.IsInSource)
        : Member?.Locations.FirstOrDefault(l => l.IsInSource) ?? _declaration;

    public static CodeUnit Of(ISymbol member) => member is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } function
        ? new CodeUnit(null, function.Locations.FirstOrDefault())
        : new CodeUnit(Normalize(member), null);

    public static CodeUnit Of(IAnonymousFunctionOperation lambda) => new(null, lambda.Syntax.GetLocation());

    /// <summary>Calls bind to a partial method's defining part and to generic members' definitions.</summary>
    public static ISymbol Normalize(ISymbol member) =>
        member is IMethodSymbol method ? (method.PartialDefinitionPart ?? method).OriginalDefinition : member.OriginalDefinition;

    public bool Equals(CodeUnit other) => Member is not null
        ? SymbolEqualityComparer.Default.Equals(Member, other.Member)
        : other.Member is null && Equals(_declaration, other._declaration);

    public override bool Equals(object? obj) => obj is CodeUnit other && Equals(other);

    public override int GetHashCode() => Member is not null
        ? SymbolEqualityComparer.Default.GetHashCode(Member)
        : _declaration?.GetHashCode() ?? 0;
}

/// <summary>
/// What one type's code does that decides whether its connects are paired (RULES.md CHAT004):
/// which clients each code unit disconnects, which of the type's own methods it calls, and which
/// units are subscribed to which events. Filled by operation actions (concurrently) while the type
/// is analyzed, read at the type's symbol end, when every partial part has been seen.
/// </summary>
internal sealed class TypeTeardownFacts
{
    private readonly object _gate = new();
    private readonly Dictionary<CodeUnit, HashSet<ISymbol>> _disconnects = new();
    private readonly Dictionary<CodeUnit, HashSet<CodeUnit>> _calls = new();
    private readonly Dictionary<string, List<CodeUnit>> _handlers = new(StringComparer.Ordinal);

    public void RecordDisconnect(IEnumerable<CodeUnit> units, ISymbol client)
    {
        lock (_gate)
        {
            foreach (var unit in units)
            {
                Set(_disconnects, unit, () => new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(client);
            }
        }
    }

    public void RecordCall(IEnumerable<CodeUnit> callers, CodeUnit callee)
    {
        lock (_gate)
        {
            foreach (var caller in callers)
            {
                Set(_calls, caller, () => new HashSet<CodeUnit>()).Add(callee);
            }
        }
    }

    /// <summary><paramref name="handler"/> is subscribed with <c>+=</c> to the event named <paramref name="eventFullName"/> ("Ns.Type.Event") of this instance.</summary>
    public void RecordHandler(string eventFullName, CodeUnit handler)
    {
        lock (_gate)
        {
            var handlers = Set(_handlers, eventFullName, () => new List<CodeUnit>());
            if (!handlers.Contains(handler))
            {
                handlers.Add(handler);
            }
        }
    }

    public IReadOnlyList<CodeUnit> HandlersOf(string eventFullName)
    {
        lock (_gate)
        {
            return _handlers.TryGetValue(eventFullName, out var handlers) ? handlers.ToList() : (IReadOnlyList<CodeUnit>)Array.Empty<CodeUnit>();
        }
    }

    /// <summary>The events (full names) <paramref name="unit"/> is subscribed to.</summary>
    public IReadOnlyList<string> EventsHandledBy(CodeUnit unit)
    {
        lock (_gate)
        {
            return _handlers.Where(entry => entry.Value.Contains(unit)).Select(entry => entry.Key).OrderBy(name => name, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// True when one of <paramref name="roots"/>, or a method of the type they call (transitively),
    /// disconnects <paramref name="client"/>. Each unit is visited once, so recursion ends.
    /// </summary>
    public bool Disconnects(IEnumerable<CodeUnit> roots, ISymbol client)
    {
        lock (_gate)
        {
            var visited = new HashSet<CodeUnit>();
            var pending = new Stack<CodeUnit>(roots);
            while (pending.Count > 0)
            {
                var unit = pending.Pop();
                if (!visited.Add(unit))
                {
                    continue;
                }

                if (_disconnects.TryGetValue(unit, out var clients) && clients.Contains(client))
                {
                    return true;
                }

                if (_calls.TryGetValue(unit, out var callees))
                {
                    foreach (var callee in callees)
                    {
                        pending.Push(callee);
                    }
                }
            }

            return false;
        }
    }

    /// <summary>The members of the type whose own code disconnects <paramref name="client"/>, by name.</summary>
    public IReadOnlyList<ISymbol> MembersDisconnecting(ISymbol client)
    {
        lock (_gate)
        {
            return _disconnects
                .Where(entry => entry.Key.Member is not null && entry.Value.Contains(client))
                .Select(entry => entry.Key.Member!)
                .OrderBy(member => member.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    private static TValue Set<TKey, TValue>(Dictionary<TKey, TValue> map, TKey key, Func<TValue> create)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var value))
        {
            value = create();
            map.Add(key, value);
        }

        return value;
    }
}

/// <summary>How CHAT004's messages name lifecycle methods and the objects that own a connection.</summary>
internal static class Teardowns
{
    /// <summary>What goes away at teardown, by the framework base type a type derives from.</summary>
    private static readonly Dictionary<string, string> OwnerNouns = new(StringComparer.Ordinal)
    {
        ["Microsoft.AspNetCore.Components.ComponentBase"] = "component",
        ["UnityEngine.MonoBehaviour"] = "MonoBehaviour",
        ["Godot.Node"] = "node",
        ["Microsoft.Xna.Framework.Game"] = "game",
        ["Microsoft.Xna.Framework.GameComponent"] = "game component",
        ["System.Windows.UIElement"] = "element",
        ["System.Windows.Forms.Control"] = "control",
        ["Avalonia.Visual"] = "control",
        ["Microsoft.Maui.Graphics.IDrawable"] = "drawable",
        ["Microsoft.Maui.Controls.Page"] = "page",
        ["Microsoft.Extensions.Hosting.IHostedService"] = "service",
    };

    /// <summary>"component", "MonoBehaviour", ...; "object" for a type of no framework.</summary>
    public static string OwnerNoun(INamedTypeSymbol? frameworkBase) =>
        frameworkBase is not null && OwnerNouns.TryGetValue(FullName(frameworkBase), out var noun) ? noun : "object";

    /// <summary>"Ns.Type.Event", the form <see cref="LifecycleMethod.HandlerOf"/> entries use.</summary>
    public static string FullName(IEventSymbol @event) => FullName(@event.OriginalDefinition.ContainingType) + "." + @event.Name;

    /// <summary>What happens to the owner when a teardown runs, by the teardown's name; "is gone" otherwise.</summary>
    private static readonly Dictionary<string, string> TeardownMoments = new(StringComparer.Ordinal)
    {
        ["OnDestroy"] = "is destroyed",
        ["OnDisable"] = "is disabled",
        ["OnDisappearing"] = "disappears",
        ["OnNavigatedFrom"] = "is navigated away from",
        ["Unloaded"] = "is unloaded",
        ["OnFormClosed"] = "is closed",
        ["_ExitTree"] = "leaves the scene tree",
        ["OnDetachedFromVisualTree"] = "is detached from the visual tree",
        ["StopAsync"] = "stops",
    };

    /// <summary>"the MonoBehaviour is disabled": when the socket should have been closed, after the first of <paramref name="teardowns"/>.</summary>
    public static string Moment(string ownerNoun, IEnumerable<LifecycleMethod> teardowns)
    {
        var first = teardowns.Select(t => t.Name).FirstOrDefault();
        return "the " + ownerNoun + " " + (first is not null && TeardownMoments.TryGetValue(first, out var moment) ? moment : "is gone");
    }

    /// <summary>A lifecycle entry as messages quote it: <c>'OnDestroy'</c>, <c>'Dispose(bool)'</c>, <c>'Unloaded' handler</c>.</summary>
    public static string Quote(LifecycleMethod entry) =>
        entry.IsEventHandler ? "'" + entry.Name + "' handler"
        : entry.Name == "Dispose" && entry.ParameterCount == 1 ? "'Dispose(bool)'"
        : "'" + entry.Name + "'";

    /// <summary>"'OnDisable'", or for handlers "an 'Unloaded' handler": a teardown to name in advice.</summary>
    public static string QuoteOne(LifecycleMethod entry) =>
        entry.IsEventHandler ? ("AEIOUaeiou".IndexOf(entry.Name[0]) >= 0 ? "an " : "a ") + Quote(entry) : Quote(entry);

    /// <summary>A member as messages quote it: its name, <c>'Dispose(bool)'</c>, the type's name for a constructor.</summary>
    public static string Quote(ISymbol member) => "'" + NameOf(member) + "'";

    /// <summary>"A", "A or B", "A, B or C".</summary>
    public static string List(IEnumerable<string> items, string conjunction)
    {
        var distinct = items.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count <= 1
            ? string.Concat(distinct)
            : string.Join(", ", distinct.Take(distinct.Count - 1)) + " " + conjunction + " " + distinct[distinct.Count - 1];
    }

    private static string NameOf(ISymbol member) => member switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor => constructor.ContainingType.Name,
        IMethodSymbol { AssociatedSymbol: { } property } => property.Name,
        IMethodSymbol { ExplicitInterfaceImplementations.Length: > 0 } implementation => NameOf(implementation.ExplicitInterfaceImplementations[0]),
        IMethodSymbol { Name: "Dispose", Parameters.Length: 1 } => "Dispose(bool)",
        _ => member.Name,
    };

    private static string FullName(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
}
