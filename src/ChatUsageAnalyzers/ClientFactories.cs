using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers;

/// <summary>One way a targeted client comes into being: a constructor, or a static factory method.</summary>
internal sealed class ClientFactoryDefinition
{
    private ClientFactoryDefinition(string apiTypeMetadataName, string declaringTypeMetadataName, string? methodName)
    {
        ApiTypeMetadataName = apiTypeMetadataName;
        DeclaringTypeMetadataName = declaringTypeMetadataName;
        MethodName = methodName;
    }

    /// <summary>The <see cref="ClientApiDefinition.TypeMetadataName"/> of the API whose clients this creates.</summary>
    public string ApiTypeMetadataName { get; }

    public string DeclaringTypeMetadataName { get; }

    /// <summary>The static factory method's name; null for the declaring type's constructors.</summary>
    public string? MethodName { get; }

    public static ClientFactoryDefinition Constructors(string apiTypeMetadataName, string typeMetadataName) =>
        new(apiTypeMetadataName, typeMetadataName, null);

    public static ClientFactoryDefinition Method(string apiTypeMetadataName, string declaringTypeMetadataName, string methodName) =>
        new(apiTypeMetadataName, declaringTypeMetadataName, methodName);
}

/// <summary>
/// What creates and registers the built-in clients (RULES.md CHAT006): knowledge as data, keyed by
/// the API type names of <see cref="ChatApi.BuiltIn"/>, resolved once per compilation.
/// </summary>
internal sealed class ClientFactories
{
    public static readonly ImmutableArray<ClientFactoryDefinition> BuiltIn = ImmutableArray.Create(
        ClientFactoryDefinition.Constructors("Chat.Client.ChatClient", "Chat.Client.ChatClient"),
        ClientFactoryDefinition.Method("StreamChat.Core.IStreamChatClient", "StreamChat.Core.StreamChatClient", "CreateDefaultClient"));

    /// <summary>The static class of <c>IServiceCollection.AddTransient/AddScoped/AddSingleton</c>.</summary>
    public const string RegistrationExtensionsMetadataName = "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions";

    /// <summary>The registration that makes a new instance per resolution (all its overloads).</summary>
    public const string PerUseRegistration = "AddTransient";

    /// <summary>The registration the fix writes instead, with the same type arguments and factory.</summary>
    public const string SharedRegistration = "AddSingleton";

    /// <summary>Resolutions from an <c>IServiceProvider</c>: a factory returning one forwards to another registration.</summary>
    public static readonly ImmutableHashSet<string> ServiceResolutionMethods =
        ImmutableHashSet.Create("GetService", "GetRequiredService", "GetKeyedService", "GetRequiredKeyedService");

    private readonly ImmutableHashSet<INamedTypeSymbol> _constructedTypes;
    private readonly ImmutableArray<IMethodSymbol> _factoryMethods;

    /// <summary>Cheap name pre-filter before any symbol work.</summary>
    private readonly ImmutableHashSet<string> _factoryMethodNames;

    private ClientFactories(ImmutableHashSet<INamedTypeSymbol> constructedTypes, ImmutableArray<IMethodSymbol> factoryMethods, INamedTypeSymbol? registrations, TypeDeclarations declarations)
    {
        _constructedTypes = constructedTypes;
        Registrations = registrations;
        _factoryMethods = factoryMethods;
        _factoryMethodNames = factoryMethods.Select(m => m.Name).ToImmutableHashSet();
        Names = new TextMentions(constructedTypes.Select(type => type.Name).Concat(_factoryMethodNames).Concat(new[] { PerUseRegistration }), declarations);
    }

    public bool HasConstructors => !_constructedTypes.IsEmpty;

    /// <summary>The class of the registration methods (<see cref="RegistrationExtensionsMetadataName"/>), when referenced.</summary>
    public INamedTypeSymbol? Registrations { get; }

    /// <summary>
    /// What code that creates or registers a client spells: the constructed types' names (a
    /// target-typed <c>new(..)</c> assigns to a member or local declared with it), the factory
    /// methods' names and the per-use registration's.
    /// </summary>
    public TextMentions Names { get; }

    /// <summary>The factories of the APIs this compilation references.</summary>
    public static ClientFactories Resolve(ChatCompilation chat)
    {
        var constructedTypes = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var factoryMethods = ImmutableArray.CreateBuilder<IMethodSymbol>();
        foreach (var definition in BuiltIn)
        {
            // The factory ships with its API: looked up in the API type's assembly, as the API itself is.
            if (chat.Api.TypeNamed(definition.ApiTypeMetadataName) is not { } apiType
                || apiType.ContainingAssembly.GetTypeByMetadataName(definition.DeclaringTypeMetadataName) is not { } declaringType)
            {
                continue;
            }

            if (definition.MethodName is null)
            {
                constructedTypes.Add(declaringType);
            }
            else
            {
                factoryMethods.AddRange(StaticMethods(declaringType, definition.MethodName));
            }
        }

        return new ClientFactories(constructedTypes.ToImmutable(), factoryMethods.ToImmutable(), chat.Compilation.GetTypeByMetadataName(RegistrationExtensionsMetadataName), chat.Declarations);
    }

    /// <summary>True when <paramref name="constructor"/> creates a targeted client.</summary>
    public bool IsClientConstructor(IMethodSymbol? constructor) =>
        constructor is not null && _constructedTypes.Contains(constructor.ContainingType.OriginalDefinition);

    /// <summary>True when <paramref name="method"/> is a static factory method that returns a new targeted client.</summary>
    public bool IsFactoryMethod(IMethodSymbol method) =>
        _factoryMethodNames.Contains(method.Name)
        && _factoryMethods.Contains(method.OriginalDefinition, SymbolEqualityComparer.Default);

    private static IEnumerable<IMethodSymbol> StaticMethods(INamedTypeSymbol type, string name) =>
        type.GetMembers(name).OfType<IMethodSymbol>().Where(m => m.IsStatic);
}
