using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers.Benchmarks;

/// <summary>
/// What the generated app compiles against, as a net10.0 web app does: the .NET and ASP.NET Core
/// reference packs of the SDK that runs the benchmark, plus the real <c>Chat.Client.dll</c>.
/// </summary>
public sealed class ReferencePacks
{
    private const string TargetFramework = "net10.0";

    private ReferencePacks(ImmutableArray<MetadataReference> references, MetadataReference chatClient, string description)
    {
        References = references;
        ChatClient = chatClient;
        Description = description;
    }

    /// <summary>Microsoft.NETCore.App.Ref and Microsoft.AspNetCore.App.Ref.</summary>
    public ImmutableArray<MetadataReference> References { get; }

    public MetadataReference ChatClient { get; }

    /// <summary>Which packs, for the report.</summary>
    public string Description { get; }

    /// <summary>Finds the packs next to the running runtime (<c>&lt;dotnet root&gt;/packs</c>).</summary>
    public static ReferencePacks Load()
    {
        var dotnetRoot = DotnetRoot();
        var core = PackDirectory(dotnetRoot, "Microsoft.NETCore.App.Ref");
        var aspNetCore = PackDirectory(dotnetRoot, "Microsoft.AspNetCore.App.Ref");
        var references = Directory.EnumerateFiles(core.Path, "*.dll")
            .Concat(Directory.EnumerateFiles(aspNetCore.Path, "*.dll"))
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
        var chatClient = MetadataReference.CreateFromFile(typeof(Chat.Client.ChatClient).Assembly.Location);
        return new ReferencePacks(references, chatClient,
            $"Microsoft.NETCore.App.Ref {core.Version} + Microsoft.AspNetCore.App.Ref {aspNetCore.Version} ({references.Length} assemblies)");
    }

    /// <summary>The runtime runs from <c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;</c>.</summary>
    private static string DotnetRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(Path.Combine(fromEnvironment, "packs")))
        {
            return fromEnvironment;
        }

        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        return Directory.Exists(Path.Combine(root, "packs"))
            ? root
            : throw new InvalidOperationException($"no 'packs' folder next to the runtime in {runtimeDirectory}: set DOTNET_ROOT to the .NET SDK's root");
    }

    private static (string Path, string Version) PackDirectory(string dotnetRoot, string pack)
    {
        var packRoot = Path.Combine(dotnetRoot, "packs", pack);
        var newest = Directory.Exists(packRoot)
            ? Directory.EnumerateDirectories(packRoot)
                .Select(directory => (Directory: directory, Version: Version.TryParse(Path.GetFileName(directory).Split('-')[0], out var v) ? v : null))
                .Where(candidate => candidate.Version?.Major == 10 && Directory.Exists(Path.Combine(candidate.Directory, "ref", TargetFramework)))
                .OrderByDescending(candidate => candidate.Version)
                .FirstOrDefault()
            : default;
        return newest.Directory is null
            ? throw new InvalidOperationException($"no {pack} 10.x with ref/{TargetFramework} under {packRoot}: install the .NET 10 SDK (with ASP.NET Core)")
            : (Path.Combine(newest.Directory, "ref", TargetFramework), Path.GetFileName(newest.Directory));
    }
}
