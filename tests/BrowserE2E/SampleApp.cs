using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Chat.DevServer;
using ChatUsageAnalyzers.Testing;

namespace BrowserE2E;

/// <summary>A CHAT diagnostic the build printed: the file name and the rule.</summary>
public sealed record ChatWarning(string File, int Line, string Id);

/// <summary>Publishing a sample (Release) and pointing its published copy at a server.</summary>
internal static partial class SampleApp
{
    private static readonly TimeSpan DotnetTimeout = TimeSpan.FromMinutes(4);

    // No MSBuild node may outlive the command: it would hold the captured output open.
    private static readonly Dictionary<string, string?> DotnetEnvironment = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>Publishes the project to <paramref name="outputDirectory"/>; returns the CHAT warnings its compile printed.</summary>
    public static async Task<IReadOnlyList<ChatWarning>> PublishAsync(string projectPath, string outputDirectory)
    {
        // Trimmed as a real Release deployment is; not precompressed (.br, .gz): StaticSite serves files as they are.
        var output = await DotnetAsync(["publish", projectPath, "-c", "Release", "-o", outputDirectory, "-nologo", "-nodeReuse:false", "-p:CompressionEnabled=false"]);
        return ChatWarnings(output);
    }

    /// <summary>
    /// Applies the CHAT code fixes the way a person does from the command line, with the analyzers and
    /// code fixes <see cref="PublishAsync"/> built: dotnet format has no configuration option, but
    /// MSBuild reads one from the environment (without it, format looks for Debug builds).
    /// </summary>
    public static Task<string> FixAsync(string projectPath, params string[] diagnostics) =>
        DotnetAsync(
            ["format", "analyzers", projectPath, "--diagnostics", .. diagnostics, "--severity", "warn", "--verbosity", "normal"],
            new Dictionary<string, string?>(DotnetEnvironment) { ["Configuration"] = "Release" });

    /// <summary>Points the published app at <paramref name="server"/> as <paramref name="userId"/> (wwwroot/appsettings.json).</summary>
    public static void Configure(string publishDirectory, DevServer server, string userId)
    {
        var webRoot = Path.Combine(publishDirectory, "wwwroot");
        var settings = new JsonObject
        {
            ["Chat"] = new JsonObject
            {
                ["ServerUrl"] = server.WebSocketUrl.ToString(),
                ["ApiKey"] = server.Options.ApiKey,
                ["UserId"] = userId,
                ["UserName"] = userId,
            },
        };
        File.WriteAllText(Path.Combine(webRoot, "appsettings.json"), settings.ToJsonString());
    }

    private static async Task<string> DotnetAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var run = await ProcessRunner.RunAsync("dotnet", arguments, RepositoryRoot.Path, DotnetTimeout, environment ?? DotnetEnvironment);
        Assert.True(run.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {run.ExitCode}:\n{run.Output}");
        return run.Output;
    }

    private static IReadOnlyList<ChatWarning> ChatWarnings(string buildOutput) =>
        WarningPattern().Matches(buildOutput)
            .Select(m => new ChatWarning(Path.GetFileName(m.Groups["file"].Value), int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["id"].Value))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"(?<file>[^\s:]+)\((?<line>\d+),\d+\): warning (?<id>CHAT\d{3}):")]
    private static partial Regex WarningPattern();
}
