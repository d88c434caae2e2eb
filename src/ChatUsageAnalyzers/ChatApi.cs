using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>One targeted client API: its type and which of its members connect, disconnect or report state.</summary>
internal sealed class ClientApiDefinition
{
    public ClientApiDefinition(string? assemblyName, string typeMetadataName, string[] connectMethods, string[] disconnectMethods, string[] stateMembers)
    {
        AssemblyName = assemblyName;
        TypeMetadataName = typeMetadataName;
        ConnectMethods = ImmutableHashSet.Create(connectMethods);
        DisconnectMethods = ImmutableHashSet.Create(disconnectMethods);
        DisconnectMethodsInOrder = disconnectMethods.Distinct().ToImmutableArray();
        StateMembers = ImmutableHashSet.Create(stateMembers);
    }

    /// <summary>
    /// The assembly that ships a built-in type (null for a configured one): a compilation that
    /// neither is nor references it cannot contain the type, so the symbol lookup is skipped.
    /// </summary>
    public string? AssemblyName { get; }

    public string TypeMetadataName { get; }

    public ImmutableHashSet<string> ConnectMethods { get; }

    public ImmutableHashSet<string> DisconnectMethods { get; }

    /// <summary>The disconnect methods as listed (built-in first, then configured): code fixes write the first one that fits.</summary>
    public ImmutableArray<string> DisconnectMethodsInOrder { get; }

    public ImmutableHashSet<string> StateMembers { get; }
}

/// <summary>A targeted API resolved in one compilation.</summary>
internal sealed class ClientApi
{
    private readonly Lazy<INamedTypeSymbol?> _type;

    public ClientApi(ClientApiDefinition definition, Func<INamedTypeSymbol?> type)
    {
        Definition = definition;
        _type = new Lazy<INamedTypeSymbol?>(type);
    }

    public ClientApiDefinition Definition { get; }

    /// <summary>The API's type, looked up at the first comparison (see <see cref="ChatApi"/>); null when its assembly lacks it.</summary>
    public INamedTypeSymbol? Type => _type.Value;
}

/// <summary>
/// Which symbols are connect, disconnect and state members in one compilation. Built once per
/// compilation; <see cref="TryCreate"/> returns null when no targeted type is referenced, so the
/// analyzers register nothing else. A built-in API counts as referenced when its assembly is
/// (by name, from the reference list); its type symbol is looked up later (<see cref="BuiltInType"/>).
/// </summary>
internal sealed class ChatApi
{
    /// <summary>The built-in APIs of RULES.md ("What the analyzers target").</summary>
    public static readonly ImmutableArray<ClientApiDefinition> BuiltIn = ImmutableArray.Create(
        new ClientApiDefinition(
            "Chat.Client",
            "Chat.Client.IChatClient",
            new[] { "ConnectUserAsync" },
            new[] { "DisconnectUserAsync", "DisposeAsync", "Dispose" },
            new[] { "IsConnected", "ConnectionState" }),
        new ClientApiDefinition(
            "Chat.Client",
            "Chat.Client.ChatClient",
            new[] { "ConnectUserAsync" },
            new[] { "DisconnectUserAsync", "DisposeAsync", "Dispose" },
            new[] { "IsConnected", "ConnectionState" }),
        // Stream's Unity SDK compiles to this assembly (its assembly definition), also in a Unity project.
        new ClientApiDefinition(
            "StreamChat.Core",
            "StreamChat.Core.IStreamChatClient",
            new[] { "ConnectUserAsync" },
            new[] { "DisconnectUserAsync", "Dispose" },
            new[] { "IsConnected", "IsConnecting", "ConnectionState" }));

    private readonly ImmutableArray<ClientApi> _apis;
    private readonly ThreadCache<ITypeSymbol, ClientApi?> _apiByType = ThreadCache.OfSymbols<ITypeSymbol, ClientApi?>();

    private ChatApi(ImmutableArray<ClientApi> apis)
    {
        _apis = apis;
        ConnectMethodNames = apis.SelectMany(a => a.Definition.ConnectMethods).ToImmutableHashSet();
        DisconnectMethodNames = apis.SelectMany(a => a.Definition.DisconnectMethods).ToImmutableHashSet();
    }

    /// <summary>Cheap name pre-filter before any symbol work.</summary>
    public ImmutableHashSet<string> ConnectMethodNames { get; }

    public ImmutableHashSet<string> DisconnectMethodNames { get; }

    /// <summary>
    /// The built-in APIs referenced by <paramref name="compilation"/>, merged with the connect,
    /// disconnect and state members configured in <paramref name="options"/> (a configured type
    /// becomes a targeted API; a configured member of a built-in type extends it). Null when no
    /// built-in API's assembly and no configured type is referenced.
    /// </summary>
    public static ChatApi? TryCreate(Compilation compilation, ChatUsageOptions options)
    {
        var members = new Dictionary<string, (Func<INamedTypeSymbol?> Type, List<string> Connect, List<string> Disconnect, List<string> State)>();
        var assemblies = AssemblyNames(compilation);
        foreach (var definition in BuiltIn)
        {
            if (assemblies.TryGetValue(definition.AssemblyName!, out var reference))
            {
                members[definition.TypeMetadataName] = (() => BuiltInType(compilation, definition, reference), definition.ConnectMethods.ToList(), definition.DisconnectMethodsInOrder.ToList(), definition.StateMembers.ToList());
            }
        }

        foreach (var entry in options.Resolved)
        {
            if (entry.Role is not (ConfiguredRole.Connect or ConfiguredRole.Disconnect or ConfiguredRole.State))
            {
                continue;
            }

            var name = entry.Entry.TypeMetadataName;
            if (!members.TryGetValue(name, out var api))
            {
                var type = entry.Type;
                api = (() => type, new List<string>(), new List<string>(), new List<string>());
                members.Add(name, api);
            }

            (entry.Role switch
            {
                ConfiguredRole.Connect => api.Connect,
                ConfiguredRole.Disconnect => api.Disconnect,
                _ => api.State,
            }).Add(entry.MemberName);
        }

        if (members.Count == 0)
        {
            return null;
        }

        return new ChatApi(members
            .Select(pair => new ClientApi(
                new ClientApiDefinition(null, pair.Key, pair.Value.Connect.ToArray(), pair.Value.Disconnect.ToArray(), pair.Value.State.ToArray()),
                pair.Value.Type))
            .ToImmutableArray());
    }

    /// <summary>
    /// A built-in type, looked up only in the assembly that ships it (a look-alike type in source is
    /// not the client), and only when a callback first compares a type with it: finding the
    /// referenced assembly's symbol binds every reference of the compilation, which the compiler
    /// does anyway before it declares a source symbol, but which would run inside this rule's
    /// compilation-start action (while the other rules wait for it) if looked up there.
    /// </summary>
    private static INamedTypeSymbol? BuiltInType(Compilation compilation, ClientApiDefinition definition, MetadataReference? reference)
    {
        var assembly = reference is null ? compilation.Assembly : compilation.GetAssemblyOrModuleSymbol(reference) as IAssemblySymbol;
        return assembly?.GetTypeByMetadataName(definition.TypeMetadataName);
    }

    /// <summary>
    /// The compilation's own assembly name (with no reference) and the names of the references it
    /// was given, read without binding them: in a project without a chat client the first symbol
    /// lookup would build the symbol tables of every referenced assembly, a cost charged to the analyzer.
    /// </summary>
    private static Dictionary<string, MetadataReference?> AssemblyNames(Compilation compilation)
    {
        var names = new Dictionary<string, MetadataReference?>(StringComparer.OrdinalIgnoreCase);
        if (compilation.AssemblyName is { } own)
        {
            names[own] = null;
        }

        foreach (var reference in compilation.ExternalReferences)
        {
            if (ReferencedAssemblyName(reference) is { } name && !names.ContainsKey(name))
            {
                names.Add(name, reference);
            }
        }

        return names;
    }

    /// <summary>
    /// A project reference's assembly name, else the referenced file's name without its extension
    /// (a display name, as in-memory and IDE references have, may already be the assembly name).
    /// </summary>
    private static readonly char[] PathSeparators = { '/', '\\' };

    private static string? ReferencedAssemblyName(MetadataReference reference)
    {
        if (reference is CompilationReference project)
        {
            return project.Compilation.AssemblyName;
        }

        var path = reference is PortableExecutableReference { FilePath: { Length: > 0 } file } ? file : reference.Display;
        if (path is null)
        {
            return null;
        }

        // Not Path.GetFileName: on .NET Framework it throws for display names such as "<in-memory assembly>".
        var name = path.Substring(path.LastIndexOfAny(PathSeparators) + 1);
        return name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
            ? name.Substring(0, name.Length - 4)
            : name;
    }

    /// <summary>The targeted API a receiver of this type belongs to, if any (the type itself, a base, an interface or a constraint).</summary>
    public ClientApi? ApiOf(ITypeSymbol? type) =>
        type is null ? null
        : _apiByType.GetOrAdd(type, static (type, api) => api.FindApi(type), this);

    /// <summary>The type of the targeted API named <paramref name="typeMetadataName"/>, when this compilation has it.</summary>
    public INamedTypeSymbol? TypeNamed(string typeMetadataName) =>
        _apis.FirstOrDefault(api => api.Definition.TypeMetadataName == typeMetadataName)?.Type;

    /// <summary>
    /// The targeted client types whose simple name is <paramref name="name"/>, each with the
    /// namespace that declares it ("" for the global one); nested types are left out. Lets a reader
    /// of unbound syntax (<see cref="CallChains"/>) tell a client from a type name alone. Asked for
    /// every library type name it meets (Console, MathF): nothing is allocated when none matches.
    /// </summary>
    public ImmutableArray<(INamedTypeSymbol Type, string Namespace)> ClientsNamed(string name)
    {
        ImmutableArray<(INamedTypeSymbol Type, string Namespace)>.Builder? clients = null;
        foreach (var api in _apis)
        {
            var fullName = api.Definition.TypeMetadataName;
            var start = fullName.Length - name.Length;
            if (start >= 0 && string.CompareOrdinal(fullName, start, name, 0, name.Length) == 0
                && (start == 0 || fullName[start - 1] == '.') && api.Type is { } type)
            {
                clients ??= ImmutableArray.CreateBuilder<(INamedTypeSymbol Type, string Namespace)>();
                clients.Add((type, start == 0 ? string.Empty : fullName.Substring(0, start - 1)));
            }
        }

        return clients?.ToImmutable() ?? ImmutableArray<(INamedTypeSymbol Type, string Namespace)>.Empty;
    }

    /// <summary>A connect call: a connect method invoked on a targeted client.</summary>
    public bool IsConnect(IInvocationOperation invocation) =>
        ConnectMethodNames.Contains(invocation.TargetMethod.Name)
        && ApiOfCall(invocation) is { } api
        && api.Definition.ConnectMethods.Contains(invocation.TargetMethod.Name);

    /// <summary>A disconnect call: a disconnect method invoked on a targeted client.</summary>
    public bool IsDisconnect(IInvocationOperation invocation) =>
        DisconnectMethodNames.Contains(invocation.TargetMethod.Name)
        && ApiOfCall(invocation) is { } api
        && api.Definition.DisconnectMethods.Contains(invocation.TargetMethod.Name);

    /// <summary>A read of a targeted client's connection-state member (used by guards).</summary>
    public bool IsStateMember(ISymbol member, ITypeSymbol? receiverType) =>
        ApiOf(receiverType ?? member.ContainingType) is { } api && api.Definition.StateMembers.Contains(member.Name);

    private ClientApi? ApiOfCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.IsStatic || method.MethodKind == MethodKind.ReducedExtension)
        {
            return null;
        }

        return ApiOf(invocation.Instance?.Type ?? method.ContainingType);
    }

    private ClientApi? FindApi(ITypeSymbol type)
    {
        foreach (var candidate in TypeHierarchy.SelfAndSupertypes(type))
        {
            foreach (var api in _apis)
            {
                if (api.Type is { } apiType && SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, apiType))
                {
                    return api;
                }
            }
        }

        return null;
    }

}
