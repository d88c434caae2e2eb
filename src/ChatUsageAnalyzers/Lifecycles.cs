using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers;

/// <summary>How a framework's lifecycle methods are recognised on a derived type.</summary>
internal enum LifecycleMatch
{
    /// <summary>Overrides (or implements, for an interface base) the framework's member.</summary>
    Override,

    /// <summary>Unity and Godot messages are not virtual: matched by name and parameter count on a derived type.</summary>
    Message,
}

/// <summary>A lifecycle method: a name, and a parameter count when overloads differ.</summary>
internal readonly struct LifecycleMethod
{
    private LifecycleMethod(string name, int? parameterCount, string? handledEvent)
    {
        Name = name;
        ParameterCount = parameterCount;
        HandledEvent = handledEvent;
    }

    public string Name { get; }

    public int? ParameterCount { get; }

    /// <summary>Set for "handlers of event X": <see cref="Name"/> is then the event's name.</summary>
    public string? HandledEvent { get; }

    public bool IsEventHandler => HandledEvent is not null;

    public static LifecycleMethod Method(string name, int? parameterCount = null) => new(name, parameterCount, null);

    /// <summary>Any method subscribed to the event (full name of the declaring type + "." + event name).</summary>
    public static LifecycleMethod HandlerOf(string eventFullName) =>
        new(eventFullName.Substring(eventFullName.LastIndexOf('.') + 1), null, eventFullName);

    public bool Matches(IMethodSymbol method) =>
        !IsEventHandler && method.Name == Name && (ParameterCount is null || method.Parameters.Length == ParameterCount);

    public override string ToString() => IsEventHandler ? Name + " handler" : Name;
}

/// <summary>A connect point and the teardown methods that must disconnect what it connects.</summary>
internal sealed class TeardownPair
{
    public TeardownPair(LifecycleMethod[] connectIn, LifecycleMethod[] disconnectIn)
    {
        ConnectIn = connectIn.ToImmutableArray();
        DisconnectIn = disconnectIn.ToImmutableArray();
    }

    public ImmutableArray<LifecycleMethod> ConnectIn { get; }

    public ImmutableArray<LifecycleMethod> DisconnectIn { get; }
}

/// <summary>A UI or game framework's lifecycle, as data (RULES.md tables for CHAT002, CHAT004, CHAT005).</summary>
internal sealed class Framework
{
    public Framework(
        string name,
        string[] baseTypes,
        LifecycleMatch match,
        string renderNoun,
        LifecycleMethod[] render,
        LifecycleMethod? oncePoint,
        TeardownPair[] teardownPairs,
        LifecycleMethod[] instanceTeardown,
        LifecycleMethod[] repeating)
    {
        Name = name;
        BaseTypes = baseTypes.ToImmutableArray();
        Match = match;
        RenderNoun = renderNoun;
        Render = render.ToImmutableArray();
        OncePoint = oncePoint;
        TeardownPairs = teardownPairs.ToImmutableArray();
        InstanceTeardown = instanceTeardown.ToImmutableArray();
        Repeating = repeating.ToImmutableArray();
    }

    public string Name { get; }

    /// <summary>Full metadata names; a type deriving from (or implementing) any of them belongs to the framework.</summary>
    public ImmutableArray<string> BaseTypes { get; }

    public LifecycleMatch Match { get; }

    /// <summary>"frame" or "render": what the render methods run once per.</summary>
    public string RenderNoun { get; }

    public ImmutableArray<LifecycleMethod> Render { get; }

    /// <summary>The once-per-instance method code fixes move a connect into; null when there is none (MAUI IDrawable).</summary>
    public LifecycleMethod? OncePoint { get; }

    public ImmutableArray<TeardownPair> TeardownPairs { get; }

    /// <summary>Where a connect from any other method of the type must be disconnected.</summary>
    public ImmutableArray<LifecycleMethod> InstanceTeardown { get; }

    /// <summary>Methods that run more than once per instance (CHAT005).</summary>
    public ImmutableArray<LifecycleMethod> Repeating { get; }

    /// <summary>The teardown methods that must disconnect a connect made in <paramref name="connectIn"/>.</summary>
    public ImmutableArray<LifecycleMethod> TeardownFor(LifecycleMethod? connectIn)
    {
        if (connectIn is { } method)
        {
            foreach (var pair in TeardownPairs)
            {
                if (pair.ConnectIn.Any(m => m.Name == method.Name && m.IsEventHandler == method.IsEventHandler))
                {
                    return pair.DisconnectIn;
                }
            }
        }

        return InstanceTeardown;
    }
}

/// <summary>The framework tables, and their resolution against one compilation.</summary>
internal sealed class Lifecycles
{
    private static LifecycleMethod M(string name, int? parameterCount = null) => LifecycleMethod.Method(name, parameterCount);

    private static LifecycleMethod[] Ms(params string[] names) => names.Select(n => M(n)).ToArray();

    private static TeardownPair Pair(LifecycleMethod[] connectIn, LifecycleMethod[] disconnectIn) => new(connectIn, disconnectIn);

    private static readonly LifecycleMethod[] PlainDispose = { M("Dispose", 0), M("DisposeAsync", 0), M("Dispose", 1) };

    public static readonly ImmutableArray<Framework> All = ImmutableArray.Create(
        new Framework(
            "Blazor",
            new[] { "Microsoft.AspNetCore.Components.ComponentBase" },
            LifecycleMatch.Override,
            "render",
            new[] { M("BuildRenderTree", 1), M("ShouldRender", 0), M("OnAfterRender", 1), M("OnAfterRenderAsync", 1) },
            M("OnInitializedAsync", 0),
            new[] { Pair(new[] { M("OnInitialized"), M("OnInitializedAsync"), M("OnAfterRender"), M("OnAfterRenderAsync"), M("SetParametersAsync") }, new[] { M("Dispose", 0), M("DisposeAsync", 0) }) },
            new[] { M("Dispose", 0), M("DisposeAsync", 0) },
            new[] { M("OnParametersSet", 0), M("OnParametersSetAsync", 0), M("SetParametersAsync", 1) }),
        new Framework(
            "Unity",
            new[] { "UnityEngine.MonoBehaviour" },
            LifecycleMatch.Message,
            "frame",
            new[] { M("Update", 0), M("LateUpdate", 0), M("FixedUpdate", 0), M("OnGUI", 0), M("OnRenderObject", 0), M("OnWillRenderObject", 0), M("OnPreRender", 0), M("OnPostRender", 0), M("OnRenderImage", 2), M("OnDrawGizmos", 0) },
            M("Start", 0),
            new[]
            {
                Pair(Ms("Awake", "Start"), Ms("OnDestroy", "OnApplicationQuit")),
                Pair(Ms("OnEnable"), Ms("OnDisable")),
            },
            Ms("OnDestroy", "OnApplicationQuit"),
            new[] { M("OnEnable", 0), M("OnApplicationFocus", 1), M("OnApplicationPause", 1) }),
        new Framework(
            "Godot",
            new[] { "Godot.Node" },
            LifecycleMatch.Message,
            "frame",
            new[] { M("_Process", 1), M("_PhysicsProcess", 1), M("_Draw", 0) },
            M("_Ready", 0),
            new[] { Pair(Ms("_Ready", "_EnterTree"), Ms("_ExitTree")) },
            Ms("_ExitTree"),
            Array.Empty<LifecycleMethod>()),
        new Framework(
            "MonoGame",
            new[] { "Microsoft.Xna.Framework.Game", "Microsoft.Xna.Framework.GameComponent" },
            LifecycleMatch.Override,
            "frame",
            new[] { M("Update", 1), M("Draw", 1) },
            M("Initialize", 0),
            new[] { Pair(Ms("Initialize", "LoadContent"), new[] { M("UnloadContent", 0), M("OnExiting"), M("Dispose", 1) }) },
            new[] { M("UnloadContent", 0), M("OnExiting"), M("Dispose", 1) },
            Array.Empty<LifecycleMethod>()),
        new Framework(
            "WPF",
            new[] { "System.Windows.UIElement" },
            LifecycleMatch.Override,
            "render",
            new[] { M("OnRender", 1), M("MeasureOverride", 1), M("ArrangeOverride", 1), LifecycleMethod.HandlerOf("System.Windows.Media.CompositionTarget.Rendering") },
            M("OnInitialized", 1),
            new[] { Pair(new[] { LifecycleMethod.HandlerOf("System.Windows.FrameworkElement.Loaded"), M("OnInitialized", 1) }, new[] { LifecycleMethod.HandlerOf("System.Windows.FrameworkElement.Unloaded"), M("OnClosed", 1) }) },
            new[] { LifecycleMethod.HandlerOf("System.Windows.FrameworkElement.Unloaded"), M("OnClosed", 1) },
            new[] { LifecycleMethod.HandlerOf("System.Windows.FrameworkElement.Loaded"), M("OnActivated", 1) }),
        new Framework(
            "WinForms",
            new[] { "System.Windows.Forms.Control" },
            LifecycleMatch.Override,
            "paint",
            new[] { M("OnPaint", 1), M("OnPaintBackground", 1), LifecycleMethod.HandlerOf("System.Windows.Forms.Control.Paint") },
            M("OnLoad", 1),
            new[] { Pair(new[] { M("OnLoad", 1) }, new[] { M("OnFormClosed", 1), M("Dispose", 1) }) },
            new[] { M("OnFormClosed", 1), M("Dispose", 1) },
            new[] { LifecycleMethod.HandlerOf("System.Windows.Forms.Form.Activated"), LifecycleMethod.HandlerOf("System.Windows.Forms.Control.VisibleChanged"), M("OnActivated", 1) }),
        new Framework(
            "Avalonia",
            new[] { "Avalonia.Visual" },
            LifecycleMatch.Override,
            "render",
            new[] { M("Render", 1) },
            M("OnAttachedToVisualTree", 1),
            new[] { Pair(new[] { M("OnAttachedToVisualTree", 1) }, new[] { M("OnDetachedFromVisualTree", 1) }) },
            new[] { M("OnDetachedFromVisualTree", 1) },
            Array.Empty<LifecycleMethod>()),
        new Framework(
            "MAUI",
            new[] { "Microsoft.Maui.Graphics.IDrawable" },
            LifecycleMatch.Override,
            "draw",
            new[] { M("Draw", 2) },
            null,
            Array.Empty<TeardownPair>(),
            PlainDispose,
            Array.Empty<LifecycleMethod>()),
        new Framework(
            "MAUI",
            new[] { "Microsoft.Maui.Controls.Page" },
            LifecycleMatch.Override,
            "appearance",
            Array.Empty<LifecycleMethod>(),
            null,
            new[]
            {
                Pair(new[] { M("OnAppearing", 0) }, new[] { M("OnDisappearing", 0) }),
                Pair(new[] { M("OnNavigatedTo", 1) }, new[] { M("OnNavigatedFrom", 1) }),
            },
            new[] { M("OnDisappearing", 0) },
            // A window's Activated and Resumed handlers are usually subscribed from the App (CreateWindow), not from a page.
            new[]
            {
                M("OnAppearing", 0),
                M("OnNavigatedTo", 1),
                LifecycleMethod.HandlerOf("Microsoft.Maui.Controls.Window.Activated"),
                LifecycleMethod.HandlerOf("Microsoft.Maui.Controls.Window.Resumed"),
            }),
        new Framework(
            "hosted service",
            new[] { "Microsoft.Extensions.Hosting.IHostedService" },
            LifecycleMatch.Override,
            "start",
            Array.Empty<LifecycleMethod>(),
            null,
            new[] { Pair(new[] { M("StartAsync", 1) }, new[] { M("StopAsync", 1) }) },
            PlainDispose,
            Array.Empty<LifecycleMethod>()));

    /// <summary>Pairs that hold on any type by name alone (RULES.md CHAT004: OnNavigatedTo -> OnNavigatedFrom).</summary>
    public static readonly Framework AnyType = new(
        "any type",
        Array.Empty<string>(),
        LifecycleMatch.Message,
        "call",
        Array.Empty<LifecycleMethod>(),
        null,
        new[] { Pair(new[] { M("OnNavigatedTo", 1) }, new[] { M("OnNavigatedFrom", 1) }) },
        PlainDispose,
        Array.Empty<LifecycleMethod>());

    /// <summary>Reports a <c>chat_usage.render_methods</c> entry on a type of no framework above.</summary>
    public static readonly Framework ConfiguredRender = Configured(ChatUsageOptions.RenderMethodsKey, "render");

    /// <summary>Reports a <c>chat_usage.repeating_methods</c> entry on a type of no framework above.</summary>
    public static readonly Framework ConfiguredRepeating = Configured(ChatUsageOptions.RepeatingMethodsKey, "call");

    private static Framework Configured(string key, string noun) => new(
        "configured in " + key,
        Array.Empty<string>(),
        LifecycleMatch.Message,
        noun,
        Array.Empty<LifecycleMethod>(),
        null,
        Array.Empty<TeardownPair>(),
        PlainDispose,
        Array.Empty<LifecycleMethod>());

    private readonly ImmutableArray<(Framework Framework, INamedTypeSymbol BaseType)> _present;
    private readonly ThreadCache<INamedTypeSymbol, (Framework Framework, INamedTypeSymbol BaseType)?> _byType = ThreadCache.OfSymbols<INamedTypeSymbol, (Framework Framework, INamedTypeSymbol BaseType)?>();
    private readonly ImmutableArray<ResolvedEntry> _configuredRender;
    private readonly ImmutableArray<ResolvedEntry> _configuredRepeating;

    /// <summary>A plain set: looked up for every member name of every type.</summary>
    private readonly HashSet<string> _renderMethodNames;

    /// <summary>The referenced base types whose framework has render methods (not only render events).</summary>
    private readonly ImmutableArray<INamedTypeSymbol> _renderBaseTypes;

    private Lifecycles(ImmutableArray<(Framework Framework, INamedTypeSymbol BaseType)> present, ChatUsageOptions options)
    {
        _present = present;
        _configuredRender = options.ResolvedFor(ConfiguredRole.Render).ToImmutableArray();
        _configuredRepeating = options.ResolvedFor(ConfiguredRole.Repeating).ToImmutableArray();
        _renderMethodNames = new HashSet<string>(
            present.SelectMany(p => p.Framework.Render).Where(entry => !entry.IsEventHandler).Select(entry => entry.Name)
                .Concat(_configuredRender.Select(entry => entry.MemberName)),
            StringComparer.Ordinal);
        _renderBaseTypes = present.Where(p => p.Framework.Render.Any(entry => !entry.IsEventHandler)).Select(p => p.BaseType).ToImmutableArray();
    }

    /// <summary>
    /// True when <paramref name="type"/> declares a member named like a render or per-frame method
    /// of the referenced frameworks or the configuration: names only, read from the declarations
    /// without binding. A type that declares none has no render method of its own, and neither has
    /// a type of no such framework while nothing is configured.
    /// </summary>
    public bool MayDeclareRenderMethod(INamedTypeSymbol type)
    {
        if (_renderMethodNames.Count == 0 || (_configuredRender.IsEmpty && !DerivesFromAny(type, _renderBaseTypes)))
        {
            return false;
        }

        // Source types hand out their member names as a set: a few lookups, nothing allocated.
        if (type.MemberNames is ICollection<string> memberNames)
        {
            foreach (var name in _renderMethodNames)
            {
                if (memberNames.Contains(name))
                {
                    return true;
                }
            }

            return false;
        }

        return type.MemberNames.Any(_renderMethodNames.Contains);
    }

    /// <summary>The framework tables plus the <c>chat_usage.render_methods</c> and <c>repeating_methods</c> entries.</summary>
    public static Lifecycles Create(Compilation compilation, ChatUsageOptions options)
    {
        var present = ImmutableArray.CreateBuilder<(Framework, INamedTypeSymbol)>();
        foreach (var framework in All)
        {
            foreach (var baseType in framework.BaseTypes)
            {
                if (compilation.GetTypeByMetadataName(baseType) is { } symbol)
                {
                    present.Add((framework, symbol));
                }
            }
        }

        return new Lifecycles(present.ToImmutable(), options);
    }

    /// <summary>
    /// The render or per-frame entry <paramref name="method"/> is (CHAT002): its framework's
    /// <see cref="Framework.Render"/> entry, or a <c>chat_usage.render_methods</c> entry (the
    /// configured method on that type or a type deriving from it), reported under the type's
    /// framework or else <see cref="ConfiguredRender"/>. Event-handler entries are not matched here.
    /// </summary>
    public (Framework Framework, LifecycleMethod Entry)? RenderMethodOf(IMethodSymbol method) =>
        _renderMethodNames.Contains(method.Name)
            ? TableOrConfigured(method, framework => framework.Render, _configuredRender, ConfiguredRender)
            : null;

    /// <summary>
    /// The entry <paramref name="method"/> is among the methods that run more than once per
    /// instance (CHAT005): its framework's <see cref="Framework.Repeating"/> entry, or a
    /// <c>chat_usage.repeating_methods</c> entry, reported under the type's framework or else
    /// <see cref="ConfiguredRepeating"/>. Event-handler entries are not matched here.
    /// </summary>
    public (Framework Framework, LifecycleMethod Entry)? RepeatingMethodOf(IMethodSymbol method) =>
        TableOrConfigured(method, framework => framework.Repeating, _configuredRepeating, ConfiguredRepeating);

    private (Framework Framework, LifecycleMethod Entry)? TableOrConfigured(
        IMethodSymbol method,
        Func<Framework, ImmutableArray<LifecycleMethod>> table,
        ImmutableArray<ResolvedEntry> configured,
        Framework configuredFramework)
    {
        var framework = FrameworkOf(method.ContainingType)?.Framework;
        if (framework is not null && Find(table(framework), method, framework) is { } entry)
        {
            return (framework, entry);
        }

        if (configured.IsEmpty || method.IsStatic || method.MethodKind != MethodKind.Ordinary || method.ContainingType is not { } type)
        {
            return null;
        }

        foreach (var candidate in configured)
        {
            if (candidate.MemberName == method.Name
                && (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, candidate.Type) || InheritsFrom(type, candidate.Type)))
            {
                return (framework ?? configuredFramework, LifecycleMethod.Method(method.Name));
            }
        }

        return null;
    }

    /// <summary>The framework a type belongs to (by base class or implemented interface), or null.</summary>
    public (Framework Framework, INamedTypeSymbol BaseType)? FrameworkOf(INamedTypeSymbol? type)
    {
        if (type is null || _present.IsEmpty)
        {
            return null;
        }

        return _byType.GetOrAdd(type, static (type, lifecycles) => lifecycles.FindFramework(type), this);
    }

    private (Framework Framework, INamedTypeSymbol BaseType)? FindFramework(INamedTypeSymbol type)
    {
        foreach (var entry in _present)
        {
            if (InheritsFrom(type, entry.BaseType))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>
    /// The lifecycle entry of <paramref name="list"/> that <paramref name="method"/> is: an override
    /// (or interface implementation) of the framework's member, or for messages a same-named method.
    /// Event-handler entries are matched by the caller, which sees the subscriptions.
    /// </summary>
    public static LifecycleMethod? Find(IEnumerable<LifecycleMethod> list, IMethodSymbol method, Framework framework)
    {
        foreach (var entry in list)
        {
            if (entry.Matches(method) && IsFrameworkMember(method, framework))
            {
                return entry;
            }
        }

        return null;
    }

    private static bool IsFrameworkMember(IMethodSymbol method, Framework framework)
    {
        if (method.IsStatic)
        {
            return false;
        }

        // Unity and Godot call their messages by name; everything else is called through the
        // framework's virtual or interface member, so a same-named method that is neither never runs.
        return framework.Match == LifecycleMatch.Message || method.IsOverride || ImplementsInterfaceMember(method);
    }

    /// <summary>True for an implicit or explicit implementation of an interface member (Blazor's Dispose, IDrawable.Draw).</summary>
    public static bool ImplementsInterfaceMember(IMethodSymbol method) =>
        method.ExplicitInterfaceImplementations.Length > 0
        || method.ContainingType.AllInterfaces.Any(i => i.GetMembers(method.Name).Any(member =>
            SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method)));

    // Asked of every type, before its member names (a record builds its members to list them): a
    // loop, where a lambda would allocate a closure per type.
    private static bool DerivesFromAny(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> baseTypes)
    {
        foreach (var baseType in baseTypes)
        {
            if (InheritsFrom(type, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool InheritsFrom(ITypeSymbol type, INamedTypeSymbol baseType)
    {
        if (baseType.TypeKind == TypeKind.Interface)
        {
            return type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, baseType));
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
