using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Testing;

namespace BrowserE2E;

/// <summary>The chat page's connection badge as the browser showed it (<c>#chat-state</c>), and the unread count next to it (<c>#chat-unread</c>, null when not shown).</summary>
public sealed record Badge(string State, string Text, string? Unread);

/// <summary>What was open after one navigation step, once the sockets had settled.</summary>
public sealed record SessionStep(string Action, Badge? Badge, int OpenSockets, int ServerConnections);

/// <summary>One WebSocket the page opened; <see cref="ClosedAt"/> is null while it is open, <see cref="ClosedBy"/> says whether a close or a reload ended it.</summary>
public sealed record PageSocket(string Url, long CreatedAt, long? ClosedAt, string? ClosedBy, string? FirstFrame);

/// <summary>The record of one browser session (see browser/run.mjs).</summary>
public sealed record SessionRecord(
    IReadOnlyList<SessionStep> Steps, IReadOnlyList<PageSocket> Sockets, int MaxOpen, int FinalOpen, IReadOnlyList<string> PageErrors)
{
    public string Describe() => JsonSerializer.Serialize(this, BrowserSession.Json);
}

/// <summary>
/// Runs browser/run.mjs: Debian's Chromium, driven by playwright-core over CDP, visits the chat page
/// <see cref="Visits"/> times (reloading it after the visits in <see cref="ReloadAfterVisits"/>) and
/// records every WebSocket the page opens and closes next to the server's <c>/debug/connections</c>.
/// </summary>
internal static class BrowserSession
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public const int Visits = 10;

    public static readonly int[] ReloadAfterVisits = [3, 6];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    public static string ScriptDirectory => RepositoryRoot.Combine("tests/BrowserE2E/browser");

    /// <summary>Screenshots of the chat page, next to the other test results (TestResults/ is ignored by git).</summary>
    public static string ScreenshotDirectory => RepositoryRoot.Combine("TestResults/browser");

    /// <summary>Fails with the commands that install what is missing (.ci/run installs both).</summary>
    public static void RequirePrerequisites()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"{ChromiumPath} is missing. Install Debian's Chromium: sudo apt-get install -y chromium (never a downloaded browser).");
        }

        if (!File.Exists(Path.Combine(ScriptDirectory, "node_modules", "playwright-core", "package.json")))
        {
            Assert.Fail($"playwright-core is not installed. Run: (cd {ScriptDirectory} && npm ci)");
        }
    }

    public static async Task<SessionRecord> RunAsync(Uri appUrl, Uri debugConnectionsUrl, string userId, string label)
    {
        var workDirectory = Directory.CreateTempSubdirectory("chat-browser-run-").FullName;
        try
        {
            var configPath = Path.Combine(workDirectory, "config.json");
            var resultPath = Path.Combine(workDirectory, "result.json");
            await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(new
            {
                chromium = ChromiumPath,
                appUrl = appUrl.ToString(),
                debugUrl = debugConnectionsUrl.ToString(),
                userId,
                visits = Visits,
                reloadAfterVisits = ReloadAfterVisits,
                screenshotDirectory = ScreenshotDirectory,
                label,
            }, Json));

            var run = await ProcessRunner.RunAsync("node", ["run.mjs", configPath, resultPath], ScriptDirectory, RunTimeout);
            Assert.True(File.Exists(resultPath), $"node run.mjs wrote no result (exit code {run.ExitCode}):\n{run.Output}");
            var record = JsonSerializer.Deserialize<SessionRecord>(await File.ReadAllTextAsync(resultPath), Json)
                ?? throw new InvalidOperationException($"{resultPath} holds no session record.");
            Assert.True(run.ExitCode == 0, $"node run.mjs exited with {run.ExitCode}:\n{run.Output}\n{record.Describe()}");
            return record;
        }
        finally
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }
}
