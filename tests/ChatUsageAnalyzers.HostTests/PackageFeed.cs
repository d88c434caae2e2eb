using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Testing;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>
/// A local folder feed holding this repository's packages as <c>dotnet pack</c> makes them:
/// <c>ChatUsageAnalyzers</c> and the <c>Chat.Client</c> it targets. Each test run packs its own
/// prerelease version, so consumers never restore a stale copy from the global packages folder.
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    public const string AnalyzerPackageId = "ChatUsageAnalyzers";
    public const string ClientPackageId = "Chat.Client";

    private static readonly TimeSpan PackLimit = TimeSpan.FromMinutes(5);

    /// <summary>Everything the host tests write: the feed, the pack build output and the consumers.</summary>
    public string WorkDirectory { get; } = Directory.CreateTempSubdirectory("chat-hosts-").FullName;

    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    /// <summary>The version both packages carry: the repository's version prefix plus a per-run suffix.</summary>
    public string Version { get; private set; } = "";

    public string AnalyzerPackagePath => Path.Combine(FeedDirectory, $"{AnalyzerPackageId}.{Version}.nupkg");

    /// <summary>Copies one file out of a packed package (e.g. <c>analyzers/dotnet/cs/ChatUsageAnalyzers.dll</c>), as a user unzipping the nupkg would.</summary>
    /// <returns>The path of the copy.</returns>
    public string ExtractFromPackage(string packageId, string entryPath, string destinationPath)
    {
        using var package = ZipFile.OpenRead(Path.Combine(FeedDirectory, $"{packageId}.{Version}.nupkg"));
        var entry = package.GetEntry(entryPath) ?? throw new InvalidOperationException($"{packageId}.{Version}.nupkg has no '{entryPath}'.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destinationPath))!);
        entry.ExtractToFile(destinationPath, overwrite: true);
        return destinationPath;
    }

    public async Task InitializeAsync()
    {
        var suffix = $"host{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        foreach (var project in new[] { "src/ChatUsageAnalyzers.Package", "src/Chat.Client" })
        {
            var (exitCode, output) = await ProcessRunner.RunAsync(
                "dotnet",
                ["pack", RepositoryRoot.Combine(project), "-c", "Release", "-o", FeedDirectory, "--version-suffix", suffix,
                 "--artifacts-path", Path.Combine(WorkDirectory, "pack-build"), "-nologo"],
                RepositoryRoot.Path, PackLimit);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} exited with {exitCode}:\n{output}");
            }
        }

        var analyzerPackage = Directory.EnumerateFiles(FeedDirectory, $"{AnalyzerPackageId}.*.nupkg").Single();
        Version = Path.GetFileNameWithoutExtension(analyzerPackage)[(AnalyzerPackageId.Length + 1)..];
    }

    public Task DisposeAsync()
    {
        Directory.Delete(WorkDirectory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A new consumer project folder of its own under the work directory.</summary>
    public ConsumerProject NewConsumer(string name, string sdk = "Microsoft.NET.Sdk") =>
        new(this, Directory.CreateDirectory(Path.Combine(WorkDirectory, "consumers", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)])).FullName, name, sdk);
}

/// <summary>All host tests share one packed feed: packing once per run keeps the suite fast.</summary>
[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "packed feed";
}
