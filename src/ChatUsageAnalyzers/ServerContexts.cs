using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>Why a whole project counts as server-side (RULES.md CHAT003, first bullet).</summary>
internal enum ServerProject
{
    None,
    Web,
    AzureFunctions,
    WebJobs,
    WorkerService,

    /// <summary><c>chat_usage.server_side = true</c> in an analyzer config, on a project nothing else classifies.</summary>
    Configured,
}

/// <summary>
/// Where code runs on a server (RULES.md CHAT003) as tables, resolved against one compilation:
/// server-side types, Azure Functions attributes, endpoint-mapping methods, middleware, and the
/// project classification from build properties and references.
/// </summary>
internal sealed class ServerContexts
{
    public const string ServerSideOption = ChatUsageOptions.ServerSideKey;

    private const string WebSdkProperty = "build_property.UsingMicrosoftNETSdkWeb";
    private const string WorkerSdkProperty = "build_property.UsingMicrosoftNETSdkWorker";
    private const string FunctionsVersionProperty = "build_property.AzureFunctionsVersion";
    private const string BlazorWebAssemblyProperty = "build_property.UsingMicrosoftNETSdkBlazorWebAssembly";
    private const string MauiProperty = "build_property.UseMaui";

    /// <summary>
    /// Types whose code runs on a server in any project, and how the message names them.
    /// <c>BackgroundService</c> implements <c>IHostedService</c>, so one entry covers both.
    /// </summary>
    public static readonly ImmutableArray<(string MetadataName, string Noun)> ServerTypes = ImmutableArray.Create(
        ("Microsoft.AspNetCore.Mvc.ControllerBase", "ASP.NET Core controller"),
        ("Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "Razor Pages page model"),
        ("Microsoft.AspNetCore.SignalR.Hub", "SignalR hub"),
        (HostedServiceInterface, "hosted service"));

    /// <summary>Attributes that make a method an Azure Function: the isolated worker's and the in-process (WebJobs) one.</summary>
    public static readonly ImmutableArray<string> FunctionAttributes = ImmutableArray.Create(
        "Microsoft.Azure.Functions.Worker.FunctionAttribute",
        "Microsoft.Azure.WebJobs.FunctionNameAttribute");

    /// <summary>Referenced types that make every line of the project server code.</summary>
    public static readonly ImmutableArray<(string MetadataName, ServerProject Project)> ServerProjectMarkers = ImmutableArray.Create(
        ("Microsoft.Azure.Functions.Worker.FunctionAttribute", ServerProject.AzureFunctions),
        ("Microsoft.Azure.WebJobs.FunctionNameAttribute", ServerProject.WebJobs));

    /// <summary>A project that implements this in its own source (so it references hosting) is a worker service.</summary>
    public const string HostedServiceInterface = "Microsoft.Extensions.Hosting.IHostedService";

    /// <summary>The simple names a hosted service's base list uses (<c>BackgroundService</c> and <c>IHostedLifecycleService</c> implement the interface).</summary>
    public static readonly ImmutableArray<string> HostedServiceBaseNames = ImmutableArray.Create("IHostedService", "BackgroundService", "IHostedLifecycleService");

    /// <summary>Endpoint-routing extension methods whose lambda argument is a request handler.</summary>
    public static readonly ImmutableHashSet<string> EndpointMapMethods = ImmutableHashSet.Create(
        "Map", "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods");

    public const string EndpointRouteBuilder = "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder";

    /// <summary>Convention-based middleware: a class with <c>Invoke</c>/<c>InvokeAsync(HttpContext, ...)</c>.</summary>
    public static readonly ImmutableHashSet<string> MiddlewareMethods = ImmutableHashSet.Create("Invoke", "InvokeAsync");

    public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";

    public const string BlazorComponent = "Microsoft.AspNetCore.Components.ComponentBase";

    /// <summary>A compilation that defines (or references) this is a .NET MAUI app, even without <c>UseMaui</c>.</summary>
    public const string MauiMarker = "Microsoft.Maui.Controls.Element";

    private readonly ImmutableArray<(INamedTypeSymbol Type, string Noun)> _serverTypes;
    private readonly ImmutableArray<INamedTypeSymbol> _functionAttributes;
    private readonly INamedTypeSymbol? _endpointRouteBuilder;
    private readonly INamedTypeSymbol? _httpContext;
    private readonly INamedTypeSymbol? _blazorComponent;
    private readonly Lazy<ServerProject> _project;
    private readonly ThreadCache<INamedTypeSymbol, string?> _typeContexts = ThreadCache.OfSymbols<INamedTypeSymbol, string?>();

    private ServerContexts(Compilation compilation, AnalyzerConfigOptions buildProperties)
    {
        _serverTypes = ServerTypes
            .Select(entry => (Type: compilation.GetTypeByMetadataName(entry.MetadataName), entry.Noun))
            .Where(entry => entry.Type is not null)
            .Select(entry => (entry.Type!, entry.Noun))
            .ToImmutableArray();
        _functionAttributes = Resolve(compilation, FunctionAttributes);
        _endpointRouteBuilder = compilation.GetTypeByMetadataName(EndpointRouteBuilder);
        _httpContext = compilation.GetTypeByMetadataName(HttpContext);
        _blazorComponent = compilation.GetTypeByMetadataName(BlazorComponent);
        _project = new Lazy<ServerProject>(() => ClassifyProject(compilation, buildProperties));
    }

    /// <summary>
    /// The contexts of one compilation, or null for a Blazor WebAssembly or .NET MAUI project: their
    /// code runs on the user's device whatever the other properties say.
    /// </summary>
    public static ServerContexts? TryCreate(Compilation compilation, AnalyzerConfigOptions buildProperties)
    {
        if (IsTrue(buildProperties, BlazorWebAssemblyProperty) || IsTrue(buildProperties, MauiProperty)
            || compilation.GetTypeByMetadataName(MauiMarker) is not null)
        {
            return null;
        }

        return new ServerContexts(compilation, buildProperties);
    }

    /// <summary>
    /// The server-side code the connect is in, named for the message ("ASP.NET Core controller
    /// 'OrdersController'"), or null when nothing about the code itself says server.
    /// </summary>
    public string? DescribeCode(IInvocationOperation connect, ISymbol containingSymbol)
    {
        if (EndpointMapOf(connect) is { } map)
        {
            return $"minimal API endpoint '{map}'";
        }

        var member = OutermostMember(containingSymbol);
        if (member is IMethodSymbol method && IsAzureFunction(method))
        {
            return $"Azure Function '{method.Name}'";
        }

        return member.ContainingType is { } type ? _typeContexts.GetOrAdd(type, static (type, contexts) => contexts.DescribeType(type), this) : null;
    }

    /// <summary>
    /// The project-wide reason the connect runs on a server, or null. <paramref name="configured"/>
    /// is <c>chat_usage.server_side</c> when set: it overrides the classification from properties and references.
    /// </summary>
    public string? DescribeProject(ISymbol containingSymbol, bool? configured)
    {
        var project = configured switch
        {
            false => ServerProject.None,
            true when _project.Value == ServerProject.None => ServerProject.Configured,
            _ => _project.Value,
        };

        if (project == ServerProject.Web && _blazorComponent is not null
            && OutermostMember(containingSymbol).ContainingType is { } type && Lifecycles.InheritsFrom(type, _blazorComponent))
        {
            return $"Blazor component '{type.Name}' in a web project: the interactive server render mode runs it on the server";
        }

        return project switch
        {
            ServerProject.Web => "web project",
            ServerProject.AzureFunctions => "Azure Functions project",
            ServerProject.WebJobs => "Azure WebJobs SDK project",
            ServerProject.WorkerService => "worker service project",
            ServerProject.Configured => $"project configured as server-side by {ServerSideOption} = true",
            _ => null,
        };
    }

    /// <summary>The Map method whose handler lambda (at any depth) contains the connect.</summary>
    private string? EndpointMapOf(IOperation connect)
    {
        if (_endpointRouteBuilder is null)
        {
            return null;
        }

        for (var current = connect.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda
                && Flow.InvocationReceiving(lambda) is { } call
                && IsEndpointMap(call.TargetMethod, _endpointRouteBuilder))
            {
                return call.TargetMethod.Name;
            }
        }

        return null;
    }

    private static bool IsEndpointMap(IMethodSymbol method, INamedTypeSymbol endpointRouteBuilder)
    {
        if (!EndpointMapMethods.Contains(method.Name))
        {
            return false;
        }

        var definition = method.ReducedFrom ?? method;
        return definition.IsExtensionMethod
            && definition.Parameters.Length > 0
            && IsOrInheritsFrom(definition.Parameters[0].Type, endpointRouteBuilder);
    }

    private bool IsAzureFunction(IMethodSymbol method) =>
        !_functionAttributes.IsEmpty
        && method.GetAttributes().Any(attribute => attribute.AttributeClass is { } attributeClass
            && _functionAttributes.Any(function => IsOrInheritsFrom(attributeClass, function)));

    private string? DescribeType(INamedTypeSymbol type)
    {
        foreach (var (serverType, noun) in _serverTypes)
        {
            if (Lifecycles.InheritsFrom(type, serverType))
            {
                return $"{noun} '{type.Name}'";
            }
        }

        return IsMiddleware(type) ? $"middleware '{type.Name}'" : null;
    }

    private bool IsMiddleware(INamedTypeSymbol type) =>
        _httpContext is not null
        && MiddlewareMethods.Any(name => type.GetMembers(name).Any(member => member is IMethodSymbol { IsStatic: false } method
            && method.Parameters.Length > 0
            && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _httpContext)));

    private static ServerProject ClassifyProject(Compilation compilation, AnalyzerConfigOptions buildProperties)
    {
        if (IsTrue(buildProperties, WebSdkProperty))
        {
            return ServerProject.Web;
        }

        if (buildProperties.TryGetValue(FunctionsVersionProperty, out var functionsVersion) && !string.IsNullOrWhiteSpace(functionsVersion))
        {
            return ServerProject.AzureFunctions;
        }

        foreach (var (marker, project) in ServerProjectMarkers)
        {
            if (compilation.GetTypeByMetadataName(marker) is not null)
            {
                return project;
            }
        }

        return IsTrue(buildProperties, WorkerSdkProperty) || DefinesHostedService(compilation)
            ? ServerProject.WorkerService
            : ServerProject.None;
    }

    /// <summary>
    /// A hosted service declared in this compilation's source. Runs on each new compilation (each
    /// keystroke in the IDE), so it reads declarations as syntax, kept per syntax tree (an edit
    /// re-reads one tree), and binds only the classes whose base list names a hosted-service type
    /// directly or through an alias. A deeper source class needs no look: the first class of its
    /// chain that is in source names the hosted type itself.
    /// </summary>
    private static bool DefinesHostedService(Compilation compilation)
    {
        if (compilation.GetTypeByMetadataName(HostedServiceInterface) is not { } hostedService)
        {
            return false;
        }

        var declarations = compilation.SyntaxTrees.Select(tree => Declarations.GetValue(tree, TreeDeclarations.Read)).ToList();
        var hostedNames = new HashSet<string>(HostedServiceBaseNames);
        hostedNames.UnionWith(declarations.SelectMany(d => d.Aliases).Where(alias => hostedNames.Contains(alias.Target)).Select(alias => alias.Name));
        foreach (var (name, baseNames) in declarations.SelectMany(d => d.Types))
        {
            if (!baseNames.Any(hostedNames.Contains))
            {
                continue;
            }

            foreach (var symbol in compilation.GetSymbolsWithName(name, SymbolFilter.Type))
            {
                if (symbol is INamedTypeSymbol { TypeKind: TypeKind.Class } type && Lifecycles.InheritsFrom(type, hostedService))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly ConditionalWeakTable<SyntaxTree, TreeDeclarations> Declarations = new();

    /// <summary>One tree's types with a base list (nested ones too) and its using aliases, by simple names; never reads members' bodies.</summary>
    private sealed class TreeDeclarations
    {
        public List<(string Name, List<string> BaseNames)> Types { get; } = new();

        public List<(string Name, string Target)> Aliases { get; } = new();

        public static TreeDeclarations Read(SyntaxTree tree)
        {
            var declarations = new TreeDeclarations();
            declarations.Collect(tree.GetRoot());
            return declarations;
        }

        private void Collect(SyntaxNode container)
        {
            foreach (var child in container.ChildNodes())
            {
                switch (child)
                {
                    case UsingDirectiveSyntax { Alias: { } alias } directive:
                        Aliases.Add((alias.Name.Identifier.ValueText, ImportedNamespaces.SimpleNameOf(directive.Name) ?? string.Empty));
                        break;
                    case TypeDeclarationSyntax type:
                        if (type.BaseList is { } baseList)
                        {
                            Types.Add((type.Identifier.ValueText, baseList.Types.Select(b => ImportedNamespaces.SimpleNameOf(b.Type) ?? string.Empty).ToList()));
                        }

                        Collect(type);
                        break;
                    case MemberDeclarationSyntax member when ImportedNamespaces.IsNamespace(member):
                        Collect(member);
                        break;
                }
            }
        }
    }

    /// <summary>Lambdas and local functions belong to the member that declares them.</summary>
    private static ISymbol OutermostMember(ISymbol symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction } && symbol.ContainingSymbol is { } outer)
        {
            symbol = outer;
        }

        return symbol;
    }

    private static bool IsOrInheritsFrom(ITypeSymbol type, INamedTypeSymbol baseType) =>
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, baseType) || Lifecycles.InheritsFrom(type, baseType);

    private static ImmutableArray<INamedTypeSymbol> Resolve(Compilation compilation, IEnumerable<string> metadataNames) =>
        metadataNames.Select(compilation.GetTypeByMetadataName).OfType<INamedTypeSymbol>().ToImmutableArray();

    private static bool IsTrue(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && ChatUsageOptions.ParseBoolean(value) == true;
}
