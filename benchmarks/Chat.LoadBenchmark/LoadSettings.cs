using System;
using System.Globalization;

namespace Chat.LoadBenchmark;

/// <summary>What one run measures; defaults are the figures the README reports.</summary>
public sealed record LoadSettings
{
    /// <summary>Distinct users held connected at once, one socket each.</summary>
    public int Users { get; init; } = 5000;

    /// <summary>Sequential connect/disconnect round trips timed for the latency percentiles.</summary>
    public int LatencySamples { get; init; } = 500;

    /// <summary>How long the held connections stay open; longer than the client's 35 s dead-socket
    /// timeout so that the run proves heartbeats keep every socket alive.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Connects in flight at once while ramping up the held connections.</summary>
    public int RampConcurrency { get; init; } = 64;

    /// <summary>Run the server inside this process (no separate memory figure) instead of a child process.</summary>
    public bool InProcessServer { get; init; }

    /// <summary>Where to write the Markdown report, if anywhere.</summary>
    public string? OutputPath { get; init; }

    public static LoadSettings Parse(string[] args)
    {
        var settings = new LoadSettings();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            settings = name switch
            {
                "--users" => settings with { Users = Positive(name, Value()) },
                "--latency-samples" => settings with { LatencySamples = Positive(name, Value()) },
                "--hold-seconds" => settings with { Hold = TimeSpan.FromSeconds(Positive(name, Value())) },
                "--ramp-concurrency" => settings with { RampConcurrency = Positive(name, Value()) },
                "--in-process-server" => settings with { InProcessServer = true },
                "--out" => settings with { OutputPath = Value() },
                _ => throw new ArgumentException(
                    $"Unknown option '{name}'. Options: --users N, --latency-samples N, --hold-seconds N, --ramp-concurrency N, --in-process-server, --out FILE."),
            };
        }

        return settings;
    }

    private static int Positive(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} takes a positive whole number, not '{text}'.");
}
