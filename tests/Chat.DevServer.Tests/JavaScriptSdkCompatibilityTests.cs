using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
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
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], compatDirectory, new Dictionary<string, string>(), InstallTimeout);
            Assert.True(install.ExitCode == 0, $"npm ci in {compatDirectory} exited with {install.ExitCode}:\n{install.Output}");
        }

        await using var server = await DevServer.StartAsync(new DevServerOptions { Port = 0, Mode = DevServerMode.Development });
        var environment = new Dictionary<string, string>
        {
            ["CHAT_BASE_URL"] = server.HttpUrl.ToString().TrimEnd('/'),
            ["CHAT_API_KEY"] = server.Options.ApiKey,
            ["CHAT_API_SECRET"] = server.Options.ApiSecret,
            ["CHAT_COMPAT_TIMEOUT_MS"] = ((int)(ScriptTimeout - TimeSpan.FromSeconds(10)).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var run = await RunAsync("node", ["compat.mjs"], compatDirectory, environment, ScriptTimeout);

        Assert.True(run.ExitCode == 0, $"node compat.mjs exited with {run.ExitCode}:\n{run.Output}");
        await Eventually.AssertAsync(() => server.TotalOpenConnections == 0, () => $"the SDK left {server.TotalOpenConnections} connections open:\n{run.Output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string program, string[] arguments, string workingDirectory, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo
        {
            // npm is a batch file on Windows, which only cmd can start.
            FileName = OperatingSystem.IsWindows() && program == "npm" ? "cmd.exe" : program,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (start.FileName == "cmd.exe")
        {
            start.ArgumentList.Add("/c");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // These make the SDK ignore its baseURL option and talk to another host.
        start.Environment.Remove("STREAM_LOCAL_TEST_RUN");
        start.Environment.Remove("STREAM_LOCAL_TEST_HOST");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new StringBuilder();
        void Append(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"Could not start '{program}' (is Node.js installed and on PATH?): {exception.Message}", exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output)
            {
                return (-1, $"'{program} {string.Join(' ', arguments)}' did not finish within {timeout} and was killed.\n{output}");
            }
        }

        // WaitForExitAsync returns once the redirected streams reached their end as well.
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
