using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChatUsageAnalyzers.Benchmarks;

/// <summary>One run of one pass: wall time, the analyzers' own execution time, allocations, what it reported.</summary>
public sealed record PassSample(
    TimeSpan Wall,
    TimeSpan AnalyzerTime,
    long AllocatedBytes,
    TimeSpan GcPause,
    ImmutableDictionary<string, TimeSpan> TimeByAnalyzer,
    ImmutableDictionary<string, int> DiagnosticsById)
{
    /// <summary>For a pass of <see cref="TimedAnalyzer"/>s: per analyzer, the collections that ran inside its callbacks.</summary>
    public ImmutableDictionary<string, TimeSpan> CollectionsByAnalyzer { get; init; } = ImmutableDictionary<string, TimeSpan>.Empty;

    /// <summary>For a pass of <see cref="TimedAnalyzer"/>s: per analyzer, the bytes its callbacks allocated.</summary>
    public ImmutableDictionary<string, long> AllocatedByAnalyzer { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>For a pass of <see cref="TimedAnalyzer"/>s: how many callbacks ran.</summary>
    public long Callbacks { get; init; }
}

/// <summary>The medians of a pass's samples.</summary>
public sealed record PassResult(string Corpus, string Pass, IReadOnlyList<PassSample> Samples)
{
    public double WallMs => Median(Samples.Select(s => s.Wall.TotalMilliseconds));

    public double AnalyzerMs => Median(Samples.Select(s => s.AnalyzerTime.TotalMilliseconds));

    public double AllocatedMegabytes => Median(Samples.Select(s => s.AllocatedBytes / 1048576.0));

    public double GcPauseMs => Median(Samples.Select(s => s.GcPause.TotalMilliseconds));

    public ImmutableDictionary<string, int> DiagnosticsById => Samples[^1].DiagnosticsById;

    /// <summary>For a pass of <see cref="TimedAnalyzer"/>s: the collections inside all callbacks, per pass.</summary>
    public double CollectionsMs => Median(Samples.Select(s => Measurement.Sum(s.CollectionsByAnalyzer.Values).TotalMilliseconds));

    /// <summary>For a pass of <see cref="TimedAnalyzer"/>s: the callbacks that ran, per pass (the corpus decides them, so any sample's).</summary>
    public long Callbacks => Samples[^1].Callbacks;

    public IReadOnlyList<(string Analyzer, double Ms)> ByAnalyzer => MediansByAnalyzer(s => s.TimeByAnalyzer, time => time.TotalMilliseconds);

    public IReadOnlyList<(string Analyzer, double Ms)> CollectionsByAnalyzer => MediansByAnalyzer(s => s.CollectionsByAnalyzer, time => time.TotalMilliseconds);

    public IReadOnlyList<(string Analyzer, double Megabytes)> AllocatedByAnalyzer => MediansByAnalyzer(s => s.AllocatedByAnalyzer, bytes => bytes / 1048576.0);

    private IReadOnlyList<(string Analyzer, double Figure)> MediansByAnalyzer<T>(Func<PassSample, ImmutableDictionary<string, T>> figures, Func<T, double> value) =>
        figures(Samples[0]).Keys
            .Select(name => (name, Median(Samples.Select(s => figures(s).TryGetValue(name, out var figure) ? value(figure) : 0))))
            .OrderByDescending(entry => entry.Item2)
            .ToList();

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>Measures passes over fresh compilations of a corpus.</summary>
public static class Measurement
{
    public const string CompilePass = "compile (no analyzers)";

    /// <summary>The compiler alone: every diagnostic of a fresh compilation, which binds every method body.</summary>
    public static PassSample Compile(Corpus corpus)
    {
        var clock = PassClock.Start();
        var diagnostics = corpus.Compile().GetDiagnostics();
        var (wall, allocated, pause) = clock.Stop();
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"the generated {corpus.Kind} corpus does not compile ({errors.Count} errors), first: " + string.Join("\n", errors.Take(5)));
        }

        return new PassSample(wall, TimeSpan.Zero, allocated, pause, ImmutableDictionary<string, TimeSpan>.Empty, ImmutableDictionary<string, int>.Empty);
    }

    /// <summary>
    /// A full analyzer pass (what a build does) on a fresh compilation: the wall time includes the
    /// binding the analyzers ask for; <see cref="PassSample.AnalyzerTime"/> is the analyzers' own
    /// execution time from the driver's telemetry.
    /// </summary>
    public static async Task<PassSample> AnalyzeAsync(Corpus corpus, AnalyzerSet set)
    {
        var clock = PassClock.Start();
        var (withAnalyzers, exceptions) = WithAnalyzers(corpus.Compile(), set);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        var (wall, allocated, pause) = clock.Stop();
        ThrowIfAnalyzersThrew(set, exceptions);
        var times = await TelemetryAsync(withAnalyzers, set).ConfigureAwait(false);
        return new PassSample(wall, Sum(times.Values), allocated, pause, times, CountById(diagnostics))
        {
            CollectionsByAnalyzer = set.Analyzers.OfType<TimedAnalyzer>().ToImmutableDictionary(NameOf, timed => timed.Totals.Collections, StringComparer.Ordinal),
            AllocatedByAnalyzer = set.Analyzers.OfType<TimedAnalyzer>().ToImmutableDictionary(NameOf, timed => timed.Totals.AllocatedBytes, StringComparer.Ordinal),
            Callbacks = set.Analyzers.OfType<TimedAnalyzer>().Sum(timed => timed.Totals.Calls),
        };
    }

    /// <summary>
    /// The IDE path on one document of an already compiled corpus: a new analyzer driver (a keystroke
    /// makes a new compilation, so compilation-start actions run again) and the document's semantic diagnostics.
    /// </summary>
    public static async Task<PassSample> AnalyzeDocumentAsync(Compilation compilation, SyntaxTree tree, AnalyzerSet set)
    {
        var clock = PassClock.Start();
        var (withAnalyzers, exceptions) = WithAnalyzers(compilation, set);
        var model = compilation.GetSemanticModel(tree);
        var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None).ConfigureAwait(false);
        var (wall, allocated, pause) = clock.Stop();
        ThrowIfAnalyzersThrew(set, exceptions);
        var times = await TelemetryAsync(withAnalyzers, set).ConfigureAwait(false);
        return new PassSample(wall, Sum(times.Values), allocated, pause, times, CountById(diagnostics));
    }

    private static (CompilationWithAnalyzers, ConcurrentBag<string>) WithAnalyzers(Compilation compilation, AnalyzerSet set)
    {
        var exceptions = new ConcurrentBag<string>();
        if (!set.EnabledRules.IsEmpty)
        {
            compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(set.EnabledRules));
        }

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => exceptions.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: true);
        return (compilation.WithAnalyzers(set.Analyzers, options), exceptions);
    }

    private static void ThrowIfAnalyzersThrew(AnalyzerSet set, ConcurrentBag<string> exceptions)
    {
        if (!exceptions.IsEmpty)
        {
            throw new InvalidOperationException($"{set.Name} threw ({exceptions.Count}), first: {exceptions.First()}");
        }
    }

    private static async Task<ImmutableDictionary<string, TimeSpan>> TelemetryAsync(CompilationWithAnalyzers withAnalyzers, AnalyzerSet set)
    {
        var times = ImmutableDictionary.CreateBuilder<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var analyzer in set.Analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            var name = NameOf(analyzer);
            times[name] = times.GetValueOrDefault(name) + telemetry.ExecutionTime;
        }

        return times.ToImmutable();
    }

    /// <summary>The analyzer's type name; a timed analyzer reports under the name of the one it wraps.</summary>
    private static string NameOf(DiagnosticAnalyzer analyzer) => (analyzer is TimedAnalyzer timed ? timed.Inner : analyzer).GetType().Name;

    private static ImmutableDictionary<string, int> CountById(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.GroupBy(d => d.Id, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    internal static TimeSpan Sum(IEnumerable<TimeSpan> times) => times.Aggregate(TimeSpan.Zero, (total, time) => total + time);

    /// <summary>
    /// Wall time, every thread's allocations and the garbage collector's pauses over one pass,
    /// started from a collected heap so one pass's garbage is not charged to the next. The pauses
    /// are reported because the driver's telemetry is wall time inside callbacks: a collection that
    /// stops the process while a callback runs counts as that analyzer's time.
    /// </summary>
    private readonly struct PassClock
    {
        private readonly long _allocatedBefore;
        private readonly TimeSpan _pauseBefore;
        private readonly Stopwatch _stopwatch;

        private PassClock(long allocatedBefore, TimeSpan pauseBefore, Stopwatch stopwatch)
        {
            _allocatedBefore = allocatedBefore;
            _pauseBefore = pauseBefore;
            _stopwatch = stopwatch;
        }

        public static PassClock Start()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return new PassClock(GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration(), Stopwatch.StartNew());
        }

        public (TimeSpan Wall, long Allocated, TimeSpan Pause) Stop()
        {
            _stopwatch.Stop();
            return (_stopwatch.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore, GC.GetTotalPauseDuration() - _pauseBefore);
        }
    }
}
