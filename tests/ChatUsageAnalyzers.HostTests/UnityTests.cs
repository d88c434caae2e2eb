using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Testing;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>
/// Scenario 8: Unity (docs/unity.md). Unity cannot run here, so these tests check the two things
/// the install depends on: the packed analyzer assembly asks for nothing a Roslyn 3.8 host
/// (Unity 2020.2 to 2022) lacks, and the one DLL a Unity user copies, handed to the compiler the
/// way Unity hands it (an analyzer file, no MSBuild props, no code-fix assembly, .NET Standard 2.1,
/// C# 9), judges MonoBehaviours against stubs with Unity's exact type names.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public class UnityTests(PackageFeed feed)
{
    private const string AnalyzerEntry = "analyzers/dotnet/cs/ChatUsageAnalyzers.dll";
    private const string CodeFixEntry = "analyzers/dotnet/cs/ChatUsageAnalyzers.CodeFixes.dll";

    /// <summary>Connects on every frame.</summary>
    private const string PerFrameConnect = """
        using Chat.Client;
        using UnityEngine;

        public sealed class ChatHud : MonoBehaviour
        {
            private readonly ChatClient _client = new ChatClient("key");

            private void Update()
            {
                _ = _client.ConnectUserAsync(new ChatUser("alice"), "token");
            }
        }
        """;

    /// <summary>The shape docs/unity.md shows: connect once in Start, guarded, and disconnect in OnDestroy.</summary>
    private const string OncePerObjectConnect = """
        using Chat.Client;
        using UnityEngine;

        public sealed class ChatHud : MonoBehaviour
        {
            private readonly ChatClient _client = new ChatClient("key");

            private async void Start()
            {
                if (!_client.IsConnected)
                {
                    await _client.ConnectUserAsync(new ChatUser("alice"), "token");
                }
            }

            private async void OnDestroy()
            {
                await _client.DisconnectUserAsync();
            }
        }
        """;

    /// <summary>What Roslyn 3.8 (Unity 2020.2-2022) provides; an analyzer asking for a newer version is not loaded there.</summary>
    private static readonly Dictionary<string, Version> Roslyn38Host = new(StringComparer.Ordinal)
    {
        ["netstandard"] = new(2, 0, 0, 0),
        ["Microsoft.CodeAnalysis"] = new(3, 8, 0, 0),
        ["Microsoft.CodeAnalysis.CSharp"] = new(3, 8, 0, 0),
        ["System.Collections.Immutable"] = new(5, 0, 0, 0),
    };

    [Theory]
    [InlineData(AnalyzerEntry)]
    [InlineData(CodeFixEntry)]
    public void The_packed_assembly_targets_netstandard2_0_and_Roslyn_3_8_or_older(string entry)
    {
        using var package = ZipFile.OpenRead(feed.AnalyzerPackagePath);
        var assembly = package.GetEntry(entry) ?? throw new InvalidOperationException($"The package has no '{entry}'.");
        using var image = new MemoryStream();
        using (var stream = assembly.Open())
        {
            stream.CopyTo(image);
        }

        image.Position = 0;
        using var reader = new PEReader(image);
        var metadata = reader.GetMetadataReader();
        var references = metadata.AssemblyReferences
            .Select(metadata.GetAssemblyReference)
            .Select(r => (Name: metadata.GetString(r.Name), r.Version))
            .ToList();
        // Unity loads only the analyzer assembly, so all of its references must be there; the
        // code-fix assembly is for IDEs, where only its Roslyn references are bound to the host's Roslyn.
        var checkedReferences = entry == AnalyzerEntry ? references : references.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();

        Assert.Equal(".NETStandard,Version=v2.0", TargetFramework(metadata));
        Assert.Contains(references, r => r.Name == "Microsoft.CodeAnalysis");
        Assert.All(checkedReferences, r => Assert.True(
            NewestInRoslyn38Host(r.Name) is { } newest && r.Version <= newest,
            $"{entry} references {r.Name} {r.Version}, which a Roslyn 3.8 host does not provide (all references: {string.Join(", ", references)})."));
    }

    [Fact]
    public async Task The_analyzer_dll_alone_flags_a_connect_in_Update()
    {
        var consumer = UnityShapedConsumer("UnityMisuse").WithFile("Assets/Scripts/ChatHud.cs", PerFrameConnect).Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        Assert.Contains(ConsumerProject.ChatDiagnostics(output), d => d is { Id: "CHAT002", File: "ChatHud.cs", Line: 10, Column: 13 } && d.Message.Contains("'Update'"));
    }

    [Fact]
    public async Task The_analyzer_dll_alone_passes_the_once_per_object_shape()
    {
        var consumer = UnityShapedConsumer("UnityCorrect")
            .WithProperty("TreatWarningsAsErrors", "true")
            .WithFile("Assets/Scripts/ChatHud.cs", OncePerObjectConnect)
            .Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        Assert.Empty(ConsumerProject.ChatDiagnostics(output));
    }

    /// <summary>
    /// A project laid out like a Unity one: the analyzer DLL copied out of the nupkg into
    /// Assets/Plugins and handed to the compiler as an analyzer file (what Unity does for a DLL
    /// labelled RoslynAnalyzer), Chat.Client's .NET Standard 2.1 build, C# 9, and a UnityEngine stub.
    /// No package reference to the analyzers: nothing of the package but that DLL takes part.
    /// </summary>
    private ConsumerProject UnityShapedConsumer(string name)
    {
        var consumer = feed.NewConsumer(name)
            .WithProperty("TargetFramework", "netstandard2.1")
            .WithProperty("LangVersion", "9.0")
            .WithProperty("ImplicitUsings", "disable")
            .WithItem("""<Analyzer Include="Assets/Plugins/ChatUsageAnalyzers/ChatUsageAnalyzers.dll" />""")
            .WithFile("Assets/Stubs/UnityEngine.cs", File.ReadAllText(RepositoryRoot.Combine("samples/Shared/UnityEngine.cs")));
        consumer.ReferencesAnalyzers = false;
        feed.ExtractFromPackage(PackageFeed.AnalyzerPackageId, AnalyzerEntry, Path.Combine(consumer.Directory, "Assets", "Plugins", "ChatUsageAnalyzers", "ChatUsageAnalyzers.dll"));
        return consumer;
    }

    /// <summary>Roslyn 3.8's own assemblies (Workspaces, CSharp.Workspaces in IDEs) carry version 3.8.0.0.</summary>
    private static Version? NewestInRoslyn38Host(string assemblyName) =>
        Roslyn38Host.TryGetValue(assemblyName, out var newest) ? newest
        : assemblyName.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) ? Roslyn38Host["Microsoft.CodeAnalysis"]
        : null;

    private static string? TargetFramework(MetadataReader metadata) =>
        metadata.GetAssemblyDefinition().GetCustomAttributes()
            .Select(metadata.GetCustomAttribute)
            .Where(a => AttributeTypeName(metadata, a) == "System.Runtime.Versioning.TargetFrameworkAttribute")
            .Select(a => a.DecodeValue(new StringOnlyDecoder()).FixedArguments[0].Value as string)
            .SingleOrDefault();

    private static string AttributeTypeName(MetadataReader metadata, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
        {
            return "";
        }

        var parent = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference)
        {
            return "";
        }

        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}";
    }

    /// <summary>Decodes attribute arguments of string type, the only kind TargetFrameworkAttribute's constructor takes.</summary>
    private sealed class StringOnlyDecoder : ICustomAttributeTypeProvider<Type>
    {
        public Type GetPrimitiveType(PrimitiveTypeCode typeCode) =>
            typeCode == PrimitiveTypeCode.String ? typeof(string) : throw new BadImageFormatException($"Unexpected attribute argument type {typeCode}.");

        public Type GetSystemType() => typeof(Type);

        public Type GetSZArrayType(Type elementType) => elementType.MakeArrayType();

        public Type GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => throw new BadImageFormatException("Unexpected type argument.");

        public Type GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => throw new BadImageFormatException("Unexpected type argument.");

        public Type GetTypeFromSerializedName(string name) => throw new BadImageFormatException("Unexpected type argument.");

        public PrimitiveTypeCode GetUnderlyingEnumType(Type type) => throw new BadImageFormatException("Unexpected enum argument.");

        public bool IsSystemType(Type type) => type == typeof(Type);
    }
}
