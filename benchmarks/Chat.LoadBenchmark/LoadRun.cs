using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Chat.Client;

namespace Chat.LoadBenchmark;

/// <summary>One benchmark run: latency round trips, then many users held connected at once.</summary>
public static class LoadRun
{
    public static async Task<LoadReport> RunAsync(LoadSettings settings, TextWriter progress)
    {
        await using var server = await BenchmarkServer.StartAsync(settings.InProcessServer);
        using var tokens = new ChatServerClient(BenchmarkServer.ApiKey, BenchmarkServer.ApiSecret,
            new ChatServerClientOptions { BaseUrl = server.HttpUrl });

        progress.WriteLine($"server at {server.HttpUrl}; timing {settings.LatencySamples} connects");
        var latencies = await MeasureConnectLatencyAsync(server, tokens, settings.LatencySamples);

        var residentBefore = server.ResidentBytes();
        progress.WriteLine($"connecting {settings.Users} users, {settings.RampConcurrency} at a time");
        var clients = new ChatClient[settings.Users];
        var stateChanges = 0;
        var ramp = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(settings.RampConcurrency))
        {
            await Task.WhenAll(Enumerable.Range(0, settings.Users).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var client = NewClient(server);
                    await client.ConnectUserAsync(new ChatUser($"held-{i}"), tokens.CreateToken($"held-{i}"));
                    client.ConnectionStateChanged += (_, _) => Interlocked.Increment(ref stateChanges);
                    clients[i] = client;
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        ramp.Stop();
        var heldAfterRamp = await server.OpenConnectionsAsync();
        var residentHeld = server.ResidentBytes();

        progress.WriteLine($"holding {heldAfterRamp} sockets for {settings.Hold.TotalSeconds:0} s");
        await Task.Delay(settings.Hold);
        var heldAfterHold = await server.OpenConnectionsAsync();
        var stillConnected = clients.Count(c => c.IsConnected);
        var stateChangesDuringHold = Volatile.Read(ref stateChanges);

        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        var afterDisconnect = await WaitForServerCountAsync(server, 0, TimeSpan.FromSeconds(30));

        return new LoadReport(
            settings,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            ramp.Elapsed,
            heldAfterRamp,
            heldAfterHold,
            stillConnected,
            stateChangesDuringHold,
            afterDisconnect,
            residentBefore is long before && residentHeld is long held ? (held - before) / (double)settings.Users : null);
    }

    private static ChatClient NewClient(BenchmarkServer server) =>
        new(BenchmarkServer.ApiKey, new ChatClientOptions { BaseUrl = server.WebSocketUrl });

    /// <summary>Connects timed one after another, after untimed warm-up connects (JIT, first TCP accept).</summary>
    private static async Task<double[]> MeasureConnectLatencyAsync(BenchmarkServer server, ChatServerClient tokens, int samples)
    {
        const int WarmUp = 20;
        var milliseconds = new double[samples];
        for (var i = -WarmUp; i < samples; i++)
        {
            await using var client = NewClient(server);
            var user = new ChatUser($"latency-{i}");
            var token = tokens.CreateToken(user.Id);
            var clock = Stopwatch.StartNew();
            await client.ConnectUserAsync(user, token);
            if (i >= 0)
            {
                milliseconds[i] = clock.Elapsed.TotalMilliseconds;
            }

            await client.DisconnectUserAsync();
        }

        Array.Sort(milliseconds);
        return milliseconds;
    }

    private static async Task<int> WaitForServerCountAsync(BenchmarkServer server, int expected, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        int count;
        while ((count = await server.OpenConnectionsAsync()) != expected && clock.Elapsed < limit)
        {
            await Task.Delay(100);
        }

        return count;
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
