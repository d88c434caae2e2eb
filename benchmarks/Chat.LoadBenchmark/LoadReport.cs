using System;
using System.Globalization;
using System.Text;

namespace Chat.LoadBenchmark;

/// <summary>The figures of one run, and their Markdown form for the README and RESULTS.md.</summary>
public sealed record LoadReport(
    LoadSettings Settings,
    double ConnectP50Milliseconds,
    double ConnectP99Milliseconds,
    TimeSpan RampDuration,
    int ServerCountAfterRamp,
    int ServerCountAfterHold,
    int ClientsConnectedAfterHold,
    int StateChangesDuringHold,
    int ServerCountAfterDisconnect,
    double? ServerBytesPerConnection)
{
    /// <summary>Every user held exactly one socket through the hold and none was left behind.</summary>
    public bool HeldEveryConnection =>
        ServerCountAfterRamp == Settings.Users
        && ServerCountAfterHold == Settings.Users
        && ClientsConnectedAfterHold == Settings.Users
        && StateChangesDuringHold == 0
        && ServerCountAfterDisconnect == 0;

    public string ToMarkdown(string command)
    {
        var c = CultureInfo.InvariantCulture;
        var memory = ServerBytesPerConnection is double bytes
            ? string.Format(c, "{0:0.0} KiB", bytes / 1024)
            : "n/a (server in this process)";
        return new StringBuilder()
            .AppendLine("| figure | value |")
            .AppendLine("|---|---|")
            .AppendLine(string.Format(c, "| connect latency p50 ({0} sequential connects, signed token) | {1:0.00} ms |", Settings.LatencySamples, ConnectP50Milliseconds))
            .AppendLine(string.Format(c, "| connect latency p99 | {0:0.00} ms |", ConnectP99Milliseconds))
            .AppendLine(string.Format(c, "| users held at once, one socket each (server count after ramp / after {0:0} s hold) | {1} / {2} of {3} |", Settings.Hold.TotalSeconds, ServerCountAfterRamp, ServerCountAfterHold, Settings.Users))
            .AppendLine(string.Format(c, "| ramp-up time ({0} connects in flight) | {1:0.0} s |", Settings.RampConcurrency, RampDuration.TotalSeconds))
            .AppendLine(string.Format(c, "| clients still connected after the hold / state changes during it | {0} / {1} |", ClientsConnectedAfterHold, StateChangesDuringHold))
            .AppendLine(string.Format(c, "| server resident memory per held connection | {0} |", memory))
            .AppendLine(string.Format(c, "| server sockets after every client disposed | {0} |", ServerCountAfterDisconnect))
            .AppendLine()
            .AppendLine(string.Format(c, "Command: `{0}` ({1:yyyy-MM-dd}, {2} cores, .NET {3}).", command, DateTime.UtcNow, Environment.ProcessorCount, Environment.Version))
            .ToString();
    }
}
