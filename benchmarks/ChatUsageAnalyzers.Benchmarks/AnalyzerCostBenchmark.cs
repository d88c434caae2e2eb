using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace ChatUsageAnalyzers.Benchmarks;

/// <summary>What one corpus was and what was measured on it.</summary>
public sealed record CorpusResult(CorpusKind Kind, int Files, int Lines, int ConnectCalls, IReadOnlyDictionary<string, int> ExpectedDiagnostics, IReadOnlyList<PassResult> Passes)
{
    public PassResult? Pass(string name) => Passes.FirstOrDefault(p => p.Pass == name);

    /// <summary>Our analyzers' diagnostics of the full pass, by ID.</summary>
    public IReadOnlyDictionary<string, int> OurDiagnostics =>
        Pass(AnalyzerCostBenchmark.OursPass)?.DiagnosticsById ?? (IReadOnlyDictionary<string, int>)new Dictionary<string, int>();

    public bool ReportsWhatWasPlanted =>
        OurDiagnostics.Count == ExpectedDiagnostics.Count
        && ExpectedDiagnostics.All(e => OurDiagnostics.TryGetValue(e.Key, out var count) && count == e.Value);
}

/// <summary>
/// Issue 7's benchmark: per corpus, fresh compilations measured in interleaved rounds (compile,
/// ours, the empty analyzer, the peers), so drift in the machine's load hits every pass alike.
/// </summary>
public static class AnalyzerCostBenchmark
{
    public const string OursPass = "ours";
    public const string OursTimedPass = OursPass + AnalyzerSet.TimedSuffix;
    public const string FloorPass = "empty analyzer";
    public const string OursDocumentPass = "ours, one document";
    public const string FloorDocumentPass = "empty analyzer, one document";

    public static async Task<IReadOnlyList<CorpusResult>> RunAsync(BenchmarkSettings settings, TextWriter log)
    {
        var packs = ReferencePacks.Load();
        var ours = AnalyzerSet.LoadOurs();
        var floor = AnalyzerSet.LoadFloor();
        var peers = new[] { AnalyzerSet.LoadThreading(), AnalyzerSet.LoadDispose() };
        await log.WriteLineAsync($"references: {packs.Description}; ours: {ours.Analyzers.Length} analyzers; peers: {string.Join(", ", peers.Select(p => $"{p.Name} ({p.Analyzers.Length})"))}").ConfigureAwait(false);
        var results = new List<CorpusResult>();
        foreach (var kind in settings.Corpora)
        {
            var corpus = Corpus.Generate(kind, settings.FilesOf(kind), settings.LinesPerFile, settings.Seed, packs);
            await log.WriteLineAsync($"corpus {kind}: {settings.FilesOf(kind)} files, {corpus.Lines} lines, {corpus.ConnectCalls} connect calls").ConfigureAwait(false);
            // N answers "do we cost nothing without a client" and L "do we scale": the peers matter on S.
            var sets = kind == CorpusKind.S ? [ours, floor, .. peers] : new[] { ours, floor };
            var samples = new Dictionary<string, List<PassSample>> { [Measurement.CompilePass] = [] };
            foreach (var set in sets)
            {
                samples[PassName(set)] = [];
            }

            // On S, also a pass with our callbacks wrapped: how much of our telemetry is collections.
            var timed = kind == CorpusKind.S;
            if (timed)
            {
                samples[OursTimedPass] = [];
            }

            var rounds = settings.Warmup + settings.RepetitionsOf(kind);
            for (var round = 0; round < rounds; round++)
            {
                var measured = round >= settings.Warmup;
                Record(samples[Measurement.CompilePass], Measurement.Compile(corpus), measured);
                foreach (var set in sets)
                {
                    Record(samples[PassName(set)], await Measurement.AnalyzeAsync(corpus, set).ConfigureAwait(false), measured);
                }

                if (timed)
                {
                    Record(samples[OursTimedPass], await Measurement.AnalyzeAsync(corpus, ours.Timed()).ConfigureAwait(false), measured);
                }

                await log.WriteLineAsync($"  {kind} round {round + 1}/{rounds}{(measured ? "" : " (warm-up)")} done").ConfigureAwait(false);
            }

            var passes = samples.Select(entry => new PassResult(kind.ToString(), entry.Key, entry.Value)).ToList();
            if (kind == CorpusKind.S)
            {
                passes.AddRange(await MeasureDocumentsAsync(corpus, settings, ours, floor).ConfigureAwait(false));
            }

            results.Add(new CorpusResult(kind, settings.FilesOf(kind), corpus.Lines, corpus.ConnectCalls, corpus.ExpectedDiagnostics, passes));
        }

        return results;
    }

    private static string PassName(AnalyzerSet set) => set.Name switch
    {
        AnalyzerSet.Ours => OursPass,
        AnalyzerSet.Floor => FloorPass,
        _ => set.Name,
    };

    private static void Record(List<PassSample> samples, PassSample sample, bool measured)
    {
        if (measured)
        {
            samples.Add(sample);
        }
    }

    /// <summary>The keystroke path on files with a planted chat usage (the most work per document), one sample per document.</summary>
    private static async Task<PassResult[]> MeasureDocumentsAsync(Corpus corpus, BenchmarkSettings settings, AnalyzerSet ours, AnalyzerSet floor)
    {
        var compilation = corpus.Compile();
        compilation.GetDiagnostics();
        var documents = corpus.PlantedFiles.Take(settings.Documents).Select(index => corpus.Trees[index]).ToList();
        for (var round = 0; round < settings.Warmup; round++)
        {
            await Measurement.AnalyzeDocumentAsync(compilation, documents[0], ours).ConfigureAwait(false);
            await Measurement.AnalyzeDocumentAsync(compilation, documents[0], floor).ConfigureAwait(false);
        }

        var oursSamples = new List<PassSample>();
        var floorSamples = new List<PassSample>();
        foreach (var document in documents)
        {
            oursSamples.Add(await Measurement.AnalyzeDocumentAsync(compilation, document, ours).ConfigureAwait(false));
            floorSamples.Add(await Measurement.AnalyzeDocumentAsync(compilation, document, floor).ConfigureAwait(false));
        }

        return [new PassResult(corpus.Kind.ToString(), OursDocumentPass, oursSamples), new PassResult(corpus.Kind.ToString(), FloorDocumentPass, floorSamples)];
    }
}
