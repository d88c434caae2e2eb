using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Testing;

namespace Chat.DevServer.Tests;

/// <summary>
/// Runs tests/compat/compat.mjs, which drives the real stream-chat JavaScript SDK (pinned in
/// tests/compat/package-lock.json) against a dev server started in this process.
/// </summary>
public sealed class JavaScriptSdkCompatibilityTests
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_stream_chat_JavaScript_SDK_works_against_the_dev_server_unchanged()
    {
        var compatDirectory = RepositoryRoot.Combine("tests/compat");
        if (!File.Exists(Path.Combine(compatDirectory, "node_modules", "stream-chat", "package.json")))
        {
            // A fresh clone has no node_modules; the lock file pins exactly what gets installed.
            var install = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], compatDirectory, InstallTimeout);
            Assert.True(install.ExitCode == 0, $"npm ci in {compatDirectory} exited with {install.ExitCode}:\n{install.Output}");
        }

        await using var server = await DevServer.StartAsync(new DevServerOptions { Port = 0, Mode = DevServerMode.Development });
        var environment = new Dictionary<string, string?>
        {
            // These make the SDK ignore its baseURL option and talk to another host.
            ["STREAM_LOCAL_TEST_RUN"] = null,
            ["STREAM_LOCAL_TEST_HOST"] = null,
            ["CHAT_BASE_URL"] = server.HttpUrl.ToString().TrimEnd('/'),
            ["CHAT_API_KEY"] = server.Options.ApiKey,
            ["CHAT_API_SECRET"] = server.Options.ApiSecret,
            ["CHAT_COMPAT_TIMEOUT_MS"] = ((int)(ScriptTimeout - TimeSpan.FromSeconds(10)).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var run = await ProcessRunner.RunAsync("node", ["compat.mjs"], compatDirectory, ScriptTimeout, environment);

        Assert.True(run.ExitCode == 0, $"node compat.mjs exited with {run.ExitCode}:\n{run.Output}");
        await Eventually.AssertAsync(() => server.TotalOpenConnections == 0, () => $"the SDK left {server.TotalOpenConnections} connections open:\n{run.Output}");
    }
}
