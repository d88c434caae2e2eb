using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Benchmarks;

namespace ChatUsageAnalyzers.Benchmarks.Tests;

public sealed class AnalyzerCostBenchmarkSmokeTests
{
    private static readonly string[] EveryRule = ["CHAT001", "CHAT002", "CHAT003", "CHAT004", "CHAT005", "CHAT006", "CHAT007"];

    [Fact]
    public async Task Smoke_run_measures_every_pass_and_our_analyzers_report_exactly_what_was_planted()
    {
        var results = await AnalyzerCostBenchmark.RunAsync(BenchmarkSettings.Smoke, TextWriter.Null);

        Assert.Equal([CorpusKind.N, CorpusKind.S, CorpusKind.L], results.Select(r => r.Kind));
        var s = results.Single(r => r.Kind == CorpusKind.S);
        Assert.Equal(EveryRule, s.ExpectedDiagnostics.Keys.Order());
        foreach (var corpus in results)
        {
            Assert.Equal(Sorted(corpus.ExpectedDiagnostics), Sorted(corpus.OurDiagnostics));
            Assert.All(corpus.Passes, pass => Assert.NotEmpty(pass.Samples));
        }

        Assert.Empty(results.Single(r => r.Kind == CorpusKind.N).ExpectedDiagnostics);
        Assert.Equal(
            [Measurement.CompilePass, AnalyzerCostBenchmark.OursPass, AnalyzerCostBenchmark.FloorPass, AnalyzerSet.Threading, AnalyzerSet.Dispose,
                AnalyzerCostBenchmark.OursTimedPass, AnalyzerCostBenchmark.OursDocumentPass, AnalyzerCostBenchmark.FloorDocumentPass],
            s.Passes.Select(p => p.Pass));
        // Wrapping every callback changes nothing our analyzers find, and each reports its collections.
        var timed = s.Pass(AnalyzerCostBenchmark.OursTimedPass)!;
        Assert.Equal(Sorted(s.OurDiagnostics), Sorted(timed.DiagnosticsById));
        Assert.Equal(s.Pass(AnalyzerCostBenchmark.OursPass)!.ByAnalyzer.Select(e => e.Analyzer).Order(), timed.CollectionsByAnalyzer.Select(e => e.Analyzer).Order());
        Assert.Equal(s.Pass(AnalyzerCostBenchmark.OursPass)!.ByAnalyzer.Select(e => e.Analyzer).Order(), timed.AllocatedByAnalyzer.Select(e => e.Analyzer).Order());
        Assert.Contains(timed.AllocatedByAnalyzer, e => e.Megabytes > 0);
        Assert.True(timed.Callbacks > 0);
        // The peers ran for real: the dispose rules find the planted and generated fields nobody disposes.
        Assert.NotEmpty(s.Pass(AnalyzerSet.Dispose)!.DiagnosticsById);

        var markdown = Report.Render(results, BenchmarkSettings.Smoke, "command", 0, 0);
        Assert.Contains("| one document < 5 ms of analyzer time |", markdown, StringComparison.Ordinal);
        Assert.Contains("| S, of it collections inside the callbacks |", markdown, StringComparison.Ordinal);
        Assert.Contains("| S, allocated inside the callbacks (MB) |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("not measured", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timed_callback_is_counted_with_the_collection_that_ran_inside_it()
    {
        var totals = new CallbackTotals();
        var callback = totals.Time<int>(_ => GC.Collect());

        callback(0);
        callback(0);

        Assert.Equal(2, totals.Calls);
        Assert.True(totals.Collections > TimeSpan.Zero);
    }

    [Fact]
    public void A_timed_callback_is_counted_with_what_it_allocated()
    {
        var totals = new CallbackTotals();
        var kept = new List<byte[]>();
        var callback = totals.Time<int>(size => kept.Add(new byte[size]));

        callback(100_000);
        callback(50_000);

        Assert.InRange(totals.AllocatedBytes, 150_000, 160_000);
    }

    [Theory]
    [InlineData("--files", "0")]
    [InlineData("--files", "many")]
    [InlineData("--corpora", "S,X")]
    [InlineData("--repetitions")]
    [InlineData("--fast")]
    public void Bad_options_are_refused_with_a_message(params string[] args)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchmarkSettings.Parse(args, () => "RESULTS.md"));
        Assert.Contains(args[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_override_the_sizes_and_the_default_results_path_applies_unless_smoke()
    {
        var settings = BenchmarkSettings.Parse(["--files", "50", "--large-files", "500", "--corpora", "s,l", "--repetitions", "2"], () => "RESULTS.md");
        Assert.Equal((50, 500, 2, "RESULTS.md"), (settings.Files, settings.LargeFiles, settings.Repetitions, settings.ResultsPath));
        Assert.Equal([CorpusKind.S, CorpusKind.L], settings.Corpora);
        Assert.Null(BenchmarkSettings.Parse(["--smoke"], () => "RESULTS.md").ResultsPath);
    }

    [Theory]
    [InlineData(0.4, 9.0, false)]
    [InlineData(2.0, 0.4, true)]
    public void Only_the_load_before_the_run_marks_it_as_measured_under_load(double before, double after, bool marked)
    {
        // The load after a run is mostly the run's own threads, so it says nothing about other work.
        var markdown = Report.Render([], BenchmarkSettings.Smoke, "dotnet run", before, after);
        Assert.Equal(marked, markdown.Contains("Measured under load", StringComparison.Ordinal));
    }

    private static List<KeyValuePair<string, int>> Sorted(IReadOnlyDictionary<string, int> counts) =>
        counts.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
}
