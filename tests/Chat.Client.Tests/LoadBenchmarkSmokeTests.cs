using System;
using System.IO;
using System.Threading.Tasks;
using Chat.LoadBenchmark;

namespace Chat.Client.Tests;

/// <summary>The client/server benchmark at test size: it runs and its figures are well-formed, nothing about speed.</summary>
public class LoadBenchmarkSmokeTests
{
    [Fact]
    public async Task A_small_run_holds_one_socket_per_user_and_reports_every_figure()
    {
        var settings = new LoadSettings
        {
            Users = 25,
            LatencySamples = 10,
            Hold = TimeSpan.FromMilliseconds(500),
            RampConcurrency = 8,
            InProcessServer = true,
        };

        var report = await LoadRun.RunAsync(settings, TextWriter.Null);

        Assert.True(report.HeldEveryConnection, report.ToMarkdown("smoke"));
        Assert.Equal(25, report.ServerCountAfterRamp);
        Assert.Equal(0, report.ServerCountAfterDisconnect);
        Assert.InRange(report.ConnectP50Milliseconds, double.Epsilon, report.ConnectP99Milliseconds);
        Assert.Null(report.ServerBytesPerConnection);
        Assert.Contains("| connect latency p99 |", report.ToMarkdown("smoke"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--users", "0")]
    [InlineData("--users", "many")]
    [InlineData("--hold-seconds")]
    [InlineData("--unknown")]
    public void Bad_arguments_are_refused_with_a_message(params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => LoadSettings.Parse(args));
        Assert.Contains(args[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        var sorted = new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        Assert.Equal(5, LoadRun.Percentile(sorted, 0.50));
        Assert.Equal(10, LoadRun.Percentile(sorted, 0.99));
        Assert.Equal(1, LoadRun.Percentile(sorted, 0.01));
    }
}
