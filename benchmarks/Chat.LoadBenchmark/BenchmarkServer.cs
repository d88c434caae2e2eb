using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Chat.DevServer;

namespace Chat.LoadBenchmark;

/// <summary>
/// The development server under load. By default it runs in a child process (this program with
/// <c>--serve</c>) so that its resident memory can be read apart from the clients'.
/// </summary>
public sealed class BenchmarkServer : IAsyncDisposable
{
    public const string ServeArgument = "--serve";
    public const string ApiKey = "bench-api-key";
    public const string ApiSecret = "bench-api-secret-bench-api-secret-bench";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process? _child;
    private readonly DevServer.DevServer? _inProcess;

    private BenchmarkServer(Uri httpUrl, Process? child, DevServer.DevServer? inProcess)
    {
        HttpUrl = httpUrl;
        _child = child;
        _inProcess = inProcess;
    }

    public Uri HttpUrl { get; }

    public Uri WebSocketUrl => new UriBuilder(HttpUrl) { Scheme = "ws" }.Uri;

    /// <summary>Resident memory of the server process, or null when it shares this process.</summary>
    public long? ResidentBytes()
    {
        if (_child is null)
        {
            return null;
        }

        _child.Refresh();
        return _child.WorkingSet64;
    }

    /// <summary>Open sockets as the server counts them (<c>GET /debug/connections</c>).</summary>
    public async Task<int> OpenConnectionsAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(HttpUrl, "debug/connections")));
        return document.RootElement.GetProperty("total").GetInt32();
    }

    public static async Task<BenchmarkServer> StartAsync(bool inProcess)
    {
        // Development mode: /debug/connections is served; every user holds one socket, far below the cap.
        if (inProcess)
        {
            var server = await DevServer.DevServer.StartAsync(new DevServerOptions
            {
                ApiKey = ApiKey,
                ApiSecret = ApiSecret,
                Mode = DevServerMode.Development,
                Port = 0,
            });
            return new BenchmarkServer(server.HttpUrl, null, server);
        }

        var port = FreeLoopbackPort();
        var child = Process.Start(ServeCommand(port)) ?? throw new InvalidOperationException("Could not start the server process.");
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var started = new BenchmarkServer(url, child, null);
        try
        {
            await started.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the server in this process until it is killed (the child side of <see cref="StartAsync"/>).</summary>
    public static async Task ServeAsync(string[] devServerArgs)
    {
        await using var server = await DevServer.DevServer.StartAsync(DevServerOptions.Parse(devServerArgs));
        await Task.Delay(Timeout.Infinite);
    }

    private static ProcessStartInfo ServeCommand(int port)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchmarkServer).Assembly.Location);
        }

        foreach (var argument in new[]
        {
            ServeArgument, "--mode", "development", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--api-key", ApiKey, "--api-secret", ApiSecret,
        })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private async Task WaitUntilServingAsync(TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_child is { HasExited: true })
            {
                throw new InvalidOperationException($"The server process exited with code {_child.ExitCode} before serving.");
            }

            try
            {
                await OpenConnectionsAsync();
                return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < limit)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_inProcess is not null)
        {
            await _inProcess.DisposeAsync();
        }

        if (_child is not null)
        {
            if (!_child.HasExited)
            {
                _child.Kill(entireProcessTree: true);
                await _child.WaitForExitAsync();
            }

            _child.Dispose();
        }
    }
}
