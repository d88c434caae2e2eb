using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Testing;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>
/// A throwaway project the way a user writes one: it references <c>ChatUsageAnalyzers</c> and
/// <c>Chat.Client</c> from the local feed (plus the registry for everything else) and is built or
/// formatted by the real dotnet CLI.
/// </summary>
public sealed class ConsumerProject
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(4);

    private readonly PackageFeed _feed;
    private readonly string _sdk;
    private readonly Dictionary<string, string> _properties = new(StringComparer.Ordinal);
    private readonly List<string> _items = [];

    internal ConsumerProject(PackageFeed feed, string directory, string name, string sdk)
    {
        _feed = feed;
        Directory = directory;
        Name = name;
        _sdk = sdk;
    }

    public string Directory { get; }

    public string Name { get; }

    public string ProjectPath => Path.Combine(Directory, Name + ".csproj");

    /// <summary>Whether the consumer references the analyzer package (false: the control group).</summary>
    public bool ReferencesAnalyzers { get; set; } = true;

    /// <summary>
    /// The analyzer package reference's <c>ExcludeAssets</c> (e.g. <c>build;buildTransitive</c> to leave
    /// its props out while keeping the analyzers), or null for the reference people write.
    /// </summary>
    public string? ExcludedAnalyzerAssets { get; set; }

    public ConsumerProject WithProperty(string name, string value)
    {
        _properties[name] = value;
        return this;
    }

    /// <summary>A raw item line for the project's ItemGroup, e.g. <c>&lt;FrameworkReference Include="..." /&gt;</c>.</summary>
    public ConsumerProject WithItem(string itemXml)
    {
        _items.Add(itemXml);
        return this;
    }

    /// <summary>Writes a file relative to the project folder (sources, .editorconfig, .globalconfig, .razor).</summary>
    public ConsumerProject WithFile(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath.Replace('/', Path.DirectorySeparatorChar));
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    /// <summary>Writes the project file, nuget.config and an empty Directory.Build.props (so nothing above the temp folder leaks in).</summary>
    public ConsumerProject Write()
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TargetFramework"] = "net10.0",
            ["Nullable"] = "enable",
            ["ImplicitUsings"] = "enable",
            ["OutputType"] = "Library",
        };
        foreach (var (name, value) in _properties)
        {
            properties[name] = value;
        }

        var references = new List<string> { $"""<PackageReference Include="{PackageFeed.ClientPackageId}" Version="{_feed.Version}" />""" };
        if (ReferencesAnalyzers)
        {
            var exclusion = ExcludedAnalyzerAssets is null ? "" : $" ExcludeAssets=\"{ExcludedAnalyzerAssets}\"";
            references.Add($"""<PackageReference Include="{PackageFeed.AnalyzerPackageId}" Version="{_feed.Version}"{exclusion} />""");
        }

        File.WriteAllText(ProjectPath, $"""
            <Project Sdk="{_sdk}">
              <PropertyGroup>
            {string.Join(Environment.NewLine, properties.Select(p => $"    <{p.Key}>{p.Value}</{p.Key}>"))}
              </PropertyGroup>
              <ItemGroup>
            {string.Join(Environment.NewLine, references.Concat(_items).Select(i => "    " + i))}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_feed.FeedDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        foreach (var stopper in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(Directory, stopper), "<Project />");
        }

        return this;
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in the project folder.</summary>
    public Task<(int ExitCode, string Output)> DotnetAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", arguments, Directory, CommandLimit);

    /// <summary><c>dotnet build</c> of the project (non-incremental, so analyzers always run) with extra arguments.</summary>
    public Task<(int ExitCode, string Output)> BuildAsync(params string[] arguments) =>
        DotnetAsync(["build", ProjectPath, "--no-incremental", "-nologo", .. arguments]);

    /// <summary>The distinct CHAT diagnostics of a build output as "file(line,col): severity ID".</summary>
    public static IReadOnlyList<BuildDiagnostic> ChatDiagnostics(string buildOutput) =>
        Regex.Matches(buildOutput, @"(?<file>[^\s\\/]+)\((?<line>\d+),(?<column>\d+)\): (?<severity>warning|error) (?<id>CHAT\d{3}): (?<message>[^\[\r\n]*)")
            .Select(m => new BuildDiagnostic(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["column"].Value),
                m.Groups["severity"].Value, m.Groups["id"].Value, m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();
}

/// <summary>One diagnostic line of a build's output.</summary>
public sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message);
