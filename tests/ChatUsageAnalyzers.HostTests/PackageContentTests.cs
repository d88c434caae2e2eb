using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using System.Xml.Linq;
using ChatUsageAnalyzers.Testing;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>
/// The packed nupkg read as NuGet and the compiler read it: layout, nuspec, and the metadata of the
/// two analyzer assemblies (what a Roslyn 3.8 host such as Unity can load).
/// </summary>
[Collection(PackageFeedCollection.Name)]
public class PackageContentTests(PackageFeed feed)
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";
    private const string AnalyzerAssembly = AnalyzerFolder + "ChatUsageAnalyzers.dll";
    private const string CodeFixAssembly = AnalyzerFolder + "ChatUsageAnalyzers.CodeFixes.dll";

    /// <summary>The newest Roslyn that Unity 2020.2-2022 loads analyzers against (DESIGN.md).</summary>
    private static readonly Version NewestLoadableRoslyn = new(3, 8, int.MaxValue, int.MaxValue);

    /// <summary>The kind GUID of a portable PDB's SourceLink custom debug information.</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Fact]
    public void Both_assemblies_sit_in_the_analyzer_folder_and_nothing_reaches_lib_or_ref()
    {
        var entries = PackageEntries();

        Assert.Equal([CodeFixAssembly, AnalyzerAssembly], entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal));
        // A lib/ or ref/ entry would make the analyzers a compile reference of every consumer.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("build/ChatUsageAnalyzers.props")]
    [InlineData("buildTransitive/ChatUsageAnalyzers.props")]
    public void The_props_are_packed_as_the_repository_has_them(string entryName)
    {
        // NuGet imports build/<id>.props only under the package id's own name: a renamed file is silently ignored.
        var packed = ReadEntry(entryName);

        Assert.Equal(File.ReadAllBytes(RepositoryRoot.Combine("src/ChatUsageAnalyzers.Package/build/ChatUsageAnalyzers.props")), packed);
    }

    [Fact]
    public async Task The_nuspec_describes_a_development_dependency_with_license_readme_and_repository()
    {
        var metadata = Nuspec().Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(PackageFeed.AnalyzerPackageId, Value("id"));
        Assert.Matches($@"^{RepositoryVersionPrefix().Replace(".", @"\.", StringComparison.Ordinal)}-host\d{{17}}$", Value("version"));
        Assert.Equal(feed.Version, Value("version"));
        Assert.Equal("true", Value("developmentDependency"));

        var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));

        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("README.md", PackageEntries());

        var tags = (Value("tags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Superset(new HashSet<string>(["roslyn", "analyzers", "chat"]), new HashSet<string>(tags));

        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal(RepositoryProperty("ChatRepositoryUrl"), (string?)repository.Attribute("url"));
        Assert.Equal(await RepositoryHeadAsync(), (string?)repository.Attribute("commit"));

        // Dependencies would flow into consumers' own packages and restore graphs.
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "dependencies");
    }

    [Fact]
    public void The_analyzer_assembly_references_Roslyn_3_8_or_older_and_no_Workspaces()
    {
        var references = AssemblyReferences(AnalyzerAssembly);

        Assert.True(references.TryGetValue("Microsoft.CodeAnalysis", out var core), string.Join(", ", references.Keys));
        Assert.True(references.TryGetValue("Microsoft.CodeAnalysis.CSharp", out var csharp), string.Join(", ", references.Keys));
        Assert.True(core <= NewestLoadableRoslyn, $"Microsoft.CodeAnalysis {core}");
        Assert.True(csharp <= NewestLoadableRoslyn, $"Microsoft.CodeAnalysis.CSharp {csharp}");
        // RS1038: command-line compilers do not ship Workspaces, so such an analyzer fails to load there.
        Assert.DoesNotContain(references.Keys, name => name.StartsWith("Microsoft.CodeAnalysis.Workspaces", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.CodeAnalysis.CSharp.Workspaces", StringComparison.Ordinal));
    }

    [Fact]
    public void The_code_fix_assembly_references_Workspaces_3_8_or_older()
    {
        var references = AssemblyReferences(CodeFixAssembly);

        Assert.True(references.TryGetValue("Microsoft.CodeAnalysis.Workspaces", out var workspaces), string.Join(", ", references.Keys));
        Assert.True(workspaces <= NewestLoadableRoslyn, $"Microsoft.CodeAnalysis.Workspaces {workspaces}");
        Assert.All(references.Where(r => r.Key.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)),
            r => Assert.True(r.Value <= NewestLoadableRoslyn, $"{r.Key} {r.Value}"));
    }

    [Theory]
    [InlineData(AnalyzerAssembly)]
    [InlineData(CodeFixAssembly)]
    public async Task Each_assembly_embeds_its_pdb_with_SourceLink_when_the_clone_has_a_hosted_remote(string entryName)
    {
        using var reader = new PEReader(ReadEntry(entryName).ToImmutableArray());
        var embedded = reader.ReadDebugDirectory().Where(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb).ToList();
        Assert.Single(embedded);

        using var pdb = reader.ReadEmbeddedPortablePdbDebugDirectoryData(embedded[0]);
        var metadata = pdb.GetMetadataReader();
        var sourceLink = metadata.CustomDebugInformation
            .Select(metadata.GetCustomDebugInformation)
            .Where(c => metadata.GetGuid(c.Kind) == SourceLinkKind)
            .Select(c => System.Text.Encoding.UTF8.GetString(metadata.GetBlobBytes(c.Value)))
            .SingleOrDefault();

        // The SDK's SourceLink maps source paths to the URL of the clone's git remote on a hosting
        // service: a clone without one (no remote, or a local folder as CI's clone has) has nothing
        // to map to, and no map is the honest result (a made-up URL would send debuggers to sources
        // that may not exist).
        if (await HostedRemoteUrlAsync() is null)
        {
            Assert.Null(sourceLink);
        }
        else
        {
            Assert.NotNull(sourceLink);
            Assert.Contains(await RepositoryHeadAsync(), sourceLink);
        }
    }

    [Theory]
    [InlineData(AnalyzerAssembly)]
    [InlineData(CodeFixAssembly)]
    public void Each_assembly_carries_the_package_version(string entryName)
    {
        using var reader = new PEReader(ReadEntry(entryName).ToImmutableArray());
        var metadata = reader.GetMetadataReader();
        var prefix = Version.Parse(RepositoryVersionPrefix());

        Assert.Equal(new Version(prefix.Major, prefix.Minor, Math.Max(prefix.Build, 0), 0), metadata.GetAssemblyDefinition().Version);
        // Informational version: the package version, then "+<commit>" when built from a git clone.
        var informational = AttributeValue(metadata, "AssemblyInformationalVersionAttribute");
        Assert.True(informational == feed.Version || informational?.StartsWith(feed.Version + "+", StringComparison.Ordinal) == true, informational);
    }

    private List<string> PackageEntries()
    {
        using var package = ZipFile.OpenRead(feed.AnalyzerPackagePath);
        return package.Entries.Select(e => e.FullName).ToList();
    }

    private byte[] ReadEntry(string entryName)
    {
        using var package = ZipFile.OpenRead(feed.AnalyzerPackagePath);
        var entry = package.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"The package has no '{entryName}'.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private XElement Nuspec()
    {
        using var package = ZipFile.OpenRead(feed.AnalyzerPackagePath);
        var nuspec = package.Entries.Single(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Root!;
    }

    private Dictionary<string, Version> AssemblyReferences(string entryName)
    {
        using var reader = new PEReader(ReadEntry(entryName).ToImmutableArray());
        var metadata = reader.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(metadata.GetAssemblyReference)
            .ToDictionary(r => metadata.GetString(r.Name), r => r.Version, StringComparer.Ordinal);
    }

    /// <summary>The single string argument of an assembly-level attribute, by the attribute type's name.</summary>
    private static string? AttributeValue(MetadataReader metadata, string attributeTypeName)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind == HandleKind.TypeReference
                && metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name) == attributeTypeName)
            {
                // Custom attribute blob: prolog 0x0001, then the SerString argument.
                var blob = metadata.GetBlobReader(attribute.Value);
                blob.ReadUInt16();
                return blob.ReadSerializedString();
            }
        }

        return null;
    }

    private static string RepositoryProperty(string name) =>
        XDocument.Load(RepositoryRoot.Combine("Directory.Build.props")).Descendants(name).Single().Value;

    private static string RepositoryVersionPrefix() => RepositoryProperty("VersionPrefix");

    private static async Task<string> RepositoryHeadAsync()
    {
        var (exitCode, output) = await ProcessRunner.RunAsync("git", ["rev-parse", "HEAD"], RepositoryRoot.Path, TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, output);
        return output.Trim();
    }

    /// <summary>
    /// The URL of the remote SourceLink reads (origin, else the first) when it is on a hosting
    /// service (http(s) or ssh), else null: no remote, or a local folder.
    /// </summary>
    private static async Task<string?> HostedRemoteUrlAsync()
    {
        var (exitCode, output) = await ProcessRunner.RunAsync("git", ["remote"], RepositoryRoot.Path, TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, output);
        var remotes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (remotes.Length == 0)
        {
            return null;
        }

        var name = remotes.Contains("origin") ? "origin" : remotes[0];
        (exitCode, output) = await ProcessRunner.RunAsync("git", ["remote", "get-url", name], RepositoryRoot.Path, TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, output);
        var url = output.Trim();
        return url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal)
            || url.StartsWith("ssh://", StringComparison.Ordinal) || url.StartsWith("git@", StringComparison.Ordinal)
            ? url
            : null;
    }
}
