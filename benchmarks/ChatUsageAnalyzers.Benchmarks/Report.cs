using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers.Benchmarks;

/// <summary>The figures as a Markdown document: machine, command, passes, ratios and the targets of issue 7.</summary>
public static class Report
{
    /// <summary>A 1-minute load average at or above this means other work shared the cores.</summary>
    public const double QuietLoad = 1.5;

    public static string Render(IReadOnlyList<CorpusResult> results, BenchmarkSettings settings, string command, double loadBefore, double loadAfter)
    {
        var text = new StringBuilder();
        text.AppendLine("# Analyzer cost (issue 7)");
        text.AppendLine();
        // Only the load before the run says whether other work shared the cores: the load after
        // is mostly the run's own threads (concurrent analysis keeps more threads busy than there are cores).
        if (loadBefore >= QuietLoad)
        {
            text.AppendLine(Invariant($"> **Measured under load**: the 1-minute load average was {loadBefore:0.00} before the run (quiet is below {QuietLoad:0.0}); other processes shared the cores, so absolute times are inflated and ratios are less reliable."));
            text.AppendLine();
        }

        var defaults = new BenchmarkSettings();
        if (!settings.IsSmoke && (settings.Files != defaults.Files || settings.LargeFiles != defaults.LargeFiles || settings.LinesPerFile != defaults.LinesPerFile))
        {
            text.AppendLine(Invariant($"> **Reduced sizes**: {settings.Files} files for S and N, {settings.LargeFiles} for L, ~{settings.LinesPerFile} lines each; issue 7's corpora are {defaults.Files:N0} / {defaults.LargeFiles:N0} files of ~{defaults.LinesPerFile} lines."));
            text.AppendLine();
        }

        text.AppendLine("```sh");
        text.AppendLine(command);
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine(Invariant($"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, Roslyn {typeof(Compilation).Assembly.GetName().Version} as host; load average {loadBefore:0.00} before, {loadAfter:0.00} after; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC."));
        text.AppendLine(Invariant($"Rounds: {settings.Warmup} warm-up, then {settings.Repetitions} measured (L: {settings.LargeRepetitions}); figures are medians. Seed {settings.Seed}, ~{settings.LinesPerFile} lines per file."));
        text.AppendLine();
        text.AppendLine("Each pass runs on a fresh compilation. *wall* is the whole pass (for analyzer passes it includes the binding they ask for); *analyzer time* is the analyzers' own execution time from the driver's telemetry (`logAnalyzerExecutionTime`), summed over threads; *allocated* is every thread's allocations during the pass; *GC pause* is the time the garbage collector stopped the process during the pass (a pause that lands while a callback runs is in that analyzer's telemetry).");
        text.AppendLine();
        text.AppendLine("| corpus | pass | wall ms | analyzer time ms | allocated MB | GC pause ms | diagnostics |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var corpus in results)
        {
            foreach (var pass in corpus.Passes)
            {
                var diagnostics = string.Join(", ", pass.DiagnosticsById.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}×{d.Value}"));
                text.AppendLine(Invariant($"| {corpus.Kind} ({corpus.Files} files, {corpus.Lines:N0} lines) | {pass.Pass} | {pass.WallMs:0.0} | {(pass.Pass == Measurement.CompilePass ? "" : pass.AnalyzerMs.ToString("0.00", CultureInfo.InvariantCulture))} | {pass.AllocatedMegabytes:0.0} | {pass.GcPauseMs:0} | {diagnostics} |"));
            }
        }

        text.AppendLine();
        text.AppendLine("## Our analyzers, per analyzer (ms)");
        text.AppendLine();
        text.AppendLine("| corpus | " + string.Join(" | ", OurAnalyzerNames(results)) + " |");
        text.AppendLine("|---|" + string.Concat(OurAnalyzerNames(results).Select(_ => "---:|")));
        void AnalyzerRow(string label, IReadOnlyList<(string Analyzer, double Ms)> figures)
        {
            var byAnalyzer = figures.ToDictionary(e => e.Analyzer, e => e.Ms);
            text.AppendLine($"| {label} | " + string.Join(" | ", OurAnalyzerNames(results).Select(name => byAnalyzer.GetValueOrDefault(name).ToString("0.00", CultureInfo.InvariantCulture))) + " |");
        }

        foreach (var corpus in results)
        {
            if (corpus.Pass(AnalyzerCostBenchmark.OursPass) is { } ours)
            {
                AnalyzerRow(corpus.Kind.ToString(), ours.ByAnalyzer);
            }

            if (corpus.Pass(AnalyzerCostBenchmark.OursTimedPass) is { } timed)
            {
                AnalyzerRow($"{corpus.Kind}, callbacks timed", timed.ByAnalyzer);
                AnalyzerRow($"{corpus.Kind}, of it collections inside the callbacks", timed.CollectionsByAnalyzer);
                AnalyzerRow($"{corpus.Kind}, allocated inside the callbacks (MB)", timed.AllocatedByAnalyzer);
            }

            if (corpus.Pass(AnalyzerCostBenchmark.OursDocumentPass) is { } document)
            {
                AnalyzerRow($"{corpus.Kind}, one document", document.ByAnalyzer);
            }
        }

        foreach (var timed in results.Select(r => r.Pass(AnalyzerCostBenchmark.OursTimedPass)).OfType<PassResult>())
        {
            text.AppendLine();
            text.AppendLine(Invariant($"*callbacks timed*: a pass of ours of its own, every callback wrapped by the harness (which adds a little to each); *of it collections*: the garbage-collection pauses that ran while that analyzer's callbacks did, which the driver's telemetry charges to it; *allocated*: what its callbacks allocated (a collection that an allocation starts runs inside the callback that made it). Per pass: {timed.Callbacks:N0} callbacks; collections took {timed.CollectionsMs:0.00} of their {timed.AnalyzerMs:0.00} ms (medians)."));
        }

        text.AppendLine();
        text.AppendLine("## Planted diagnostics");
        text.AppendLine();
        foreach (var corpus in results)
        {
            var expected = string.Join(", ", corpus.ExpectedDiagnostics.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}×{d.Value}"));
            text.AppendLine($"- {corpus.Kind}: {corpus.ConnectCalls} connect calls; planted {(expected.Length == 0 ? "nothing" : expected)}; ours reported {(corpus.ReportsWhatWasPlanted ? "exactly that" : "something else (see the table)")}.");
        }

        text.AppendLine();
        text.AppendLine("## Targets");
        text.AppendLine();
        text.AppendLine("| target | figure | met |");
        text.AppendLine("|---|---|---|");
        foreach (var (target, figure, met) in Targets(results))
        {
            text.AppendLine($"| {target} | {figure} | {met switch { true => "yes", false => "**no**", null => figure == "-" ? "not measured" : "(reported)" }} |");
        }

        return text.ToString();
    }

    /// <summary>Issue 7's targets, each with its figure; met is null when the run did not include what it needs.</summary>
    public static IEnumerable<(string Target, string Figure, bool? Met)> Targets(IReadOnlyList<CorpusResult> results)
    {
        var n = results.FirstOrDefault(r => r.Kind == CorpusKind.N);
        var s = results.FirstOrDefault(r => r.Kind == CorpusKind.S);
        var l = results.FirstOrDefault(r => r.Kind == CorpusKind.L);
        double? Ms(CorpusResult? corpus, string pass, bool wall = false) =>
            corpus?.Pass(pass) is { } p ? (wall ? p.WallMs : p.AnalyzerMs) : null;

        var nOurs = Ms(n, AnalyzerCostBenchmark.OursPass);
        var nFloor = Ms(n, AnalyzerCostBenchmark.FloorPass);
        yield return ("N: ours <= empty analyzer", nOurs is { } a && nFloor is { } b ? Invariant($"{a:0.00} ms vs {b:0.00} ms (ratio {a / b:0.00})") : "-", nOurs <= nFloor);

        var sOurs = Ms(s, AnalyzerCostBenchmark.OursPass);
        var sCompile = Ms(s, Measurement.CompilePass, wall: true);
        yield return ("S: ours <= 2% of compile", sOurs is { } o && sCompile is { } c ? Invariant($"{o:0.00} ms / {c:0.0} ms = {100 * o / c:0.00}%") : "-",
            sOurs is { } o2 && sCompile is { } c2 ? o2 <= 0.02 * c2 : null);
        var sFloor = Ms(s, AnalyzerCostBenchmark.FloorPass);
        yield return ("S: ours / empty analyzer", sOurs is { } o3 && sFloor is { } f ? Invariant($"{o3:0.00} ms / {f:0.00} ms = {o3 / f:0.00}") : "-", null);
        foreach (var peer in new[] { AnalyzerSet.Threading, AnalyzerSet.Dispose })
        {
            var peerMs = Ms(s, peer);
            yield return ($"S: ours below {peer}", sOurs is { } o4 && peerMs is { } p ? Invariant($"{o4:0.00} ms vs {p:0.00} ms (ratio {o4 / p:0.00})") : "-", sOurs < peerMs);
        }

        var lOurs = Ms(l, AnalyzerCostBenchmark.OursPass);
        var lCompile = Ms(l, Measurement.CompilePass, wall: true);
        var scale = lOurs / sOurs;
        yield return ("L/S between 8 and 12 (ours)", scale is { } r ? Invariant($"{lOurs:0.00} ms / {sOurs:0.00} ms = {r:0.00} (compile: {lCompile / sCompile:0.00})") : "-",
            scale is { } r2 ? r2 is >= 8 and <= 12 : null);

        var sAllocOurs = s?.Pass(AnalyzerCostBenchmark.OursPass)?.AllocatedMegabytes;
        var sAllocFloor = s?.Pass(AnalyzerCostBenchmark.FloorPass)?.AllocatedMegabytes;
        var sAllocCompile = s?.Pass(Measurement.CompilePass)?.AllocatedMegabytes;
        yield return ("S: allocations, ours vs empty analyzer vs compile",
            sAllocOurs is { } ao && sAllocFloor is { } af && sAllocCompile is { } ac ? Invariant($"{ao:0.0} MB vs {af:0.0} MB vs {ac:0.0} MB (ours - empty = {ao - af:0.0} MB)") : "-", null);

        var document = Ms(s, AnalyzerCostBenchmark.OursDocumentPass);
        var documentWall = Ms(s, AnalyzerCostBenchmark.OursDocumentPass, wall: true);
        var documentFloorWall = Ms(s, AnalyzerCostBenchmark.FloorDocumentPass, wall: true);
        yield return ("one document < 5 ms of analyzer time", document is { } d ? Invariant($"{d:0.00} ms analyzer time (wall {documentWall:0.0} ms, empty analyzer's wall {documentFloorWall:0.0} ms)") : "-", document < 5);
    }

    public static double LoadAverage()
    {
        const string LoadFile = "/proc/loadavg";
        return File.Exists(LoadFile) && double.TryParse(File.ReadAllText(LoadFile).Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;
    }

    private static IReadOnlyList<string> OurAnalyzerNames(IReadOnlyList<CorpusResult> results) =>
        results.SelectMany(r => r.Pass(AnalyzerCostBenchmark.OursPass)?.ByAnalyzer.Select(e => e.Analyzer) ?? [])
            .Distinct().Order(StringComparer.Ordinal).ToList();

    private static string CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        var line = File.Exists(CpuInfo) ? File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
