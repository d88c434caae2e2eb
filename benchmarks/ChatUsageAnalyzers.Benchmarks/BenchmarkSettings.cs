using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ChatUsageAnalyzers.Benchmarks;

/// <summary>What to generate and how often to measure it; parsed from the command line.</summary>
public sealed record BenchmarkSettings
{
    public const string Usage =
        "usage: ChatUsageAnalyzers.Benchmarks [--smoke] [--files N] [--large-files N] [--lines N] [--seed N]\n" +
        "                                     [--warmup N] [--repetitions N] [--large-repetitions N] [--documents N]\n" +
        "                                     [--corpora S,N,L] [--results PATH | --no-results]";

    /// <summary>Files of corpora S and N (issue 7: 1,000).</summary>
    public int Files { get; init; } = 1_000;

    /// <summary>Files of corpus L, the scaling check (issue 7: 10,000).</summary>
    public int LargeFiles { get; init; } = 10_000;

    /// <summary>Approximate lines per generated file (issue 7: ~300).</summary>
    public int LinesPerFile { get; init; } = 300;

    public int Seed { get; init; } = 7;

    /// <summary>Unmeasured rounds first: JIT, Roslyn's caches and the analyzers' static tables.</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Measured rounds of S and N; figures are medians.</summary>
    public int Repetitions { get; init; } = 5;

    /// <summary>
    /// Measured rounds of L (each is ten times S). As many as S's: an L pass stops for collections
    /// of up to ~0.7 s, and the one that lands inside a callback is charged whole to that analyzer,
    /// so a median of three was decided by one such pass.
    /// </summary>
    public int LargeRepetitions { get; init; } = 5;

    /// <summary>Documents of S analyzed one at a time (the keystroke path), each a file with a planted connect.</summary>
    public int Documents { get; init; } = 9;

    public IReadOnlyList<CorpusKind> Corpora { get; init; } = [CorpusKind.N, CorpusKind.S, CorpusKind.L];

    /// <summary>Where RESULTS.md goes; null: nowhere.</summary>
    public string? ResultsPath { get; init; }

    public bool IsSmoke { get; init; }

    /// <summary>Test size: every scenario planted, every pass run once, in seconds.</summary>
    public static BenchmarkSettings Smoke { get; } = new()
    {
        Files = 10,
        LargeFiles = 20,
        LinesPerFile = 40,
        Warmup = 0,
        Repetitions = 1,
        LargeRepetitions = 1,
        Documents = 2,
        IsSmoke = true,
    };

    public int FilesOf(CorpusKind kind) => kind == CorpusKind.L ? LargeFiles : Files;

    public int RepetitionsOf(CorpusKind kind) => kind == CorpusKind.L ? LargeRepetitions : Repetitions;

    /// <param name="defaultResultsPath">RESULTS.md of the repository, used unless --results or --no-results say otherwise (never for --smoke).</param>
    public static BenchmarkSettings Parse(IReadOnlyList<string> args, Func<string> defaultResultsPath)
    {
        var settings = args.Contains("--smoke") ? Smoke : new BenchmarkSettings();
        var resultsChosen = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--smoke":
                    break;
                case "--no-results":
                    settings = settings with { ResultsPath = null };
                    resultsChosen = true;
                    break;
                case "--results":
                    settings = settings with { ResultsPath = Value(args, ref i) };
                    resultsChosen = true;
                    break;
                case "--corpora":
                    settings = settings with { Corpora = ParseCorpora(Value(args, ref i)) };
                    break;
                case "--files":
                    settings = settings with { Files = Positive(args, ref i) };
                    break;
                case "--large-files":
                    settings = settings with { LargeFiles = Positive(args, ref i) };
                    break;
                case "--lines":
                    settings = settings with { LinesPerFile = Positive(args, ref i) };
                    break;
                case "--seed":
                    settings = settings with { Seed = Integer(args, ref i, minimum: int.MinValue) };
                    break;
                case "--warmup":
                    settings = settings with { Warmup = Integer(args, ref i, minimum: 0) };
                    break;
                case "--repetitions":
                    settings = settings with { Repetitions = Positive(args, ref i) };
                    break;
                case "--large-repetitions":
                    settings = settings with { LargeRepetitions = Positive(args, ref i) };
                    break;
                case "--documents":
                    settings = settings with { Documents = Positive(args, ref i) };
                    break;
                default:
                    throw new ArgumentException($"unknown option '{name}'\n{Usage}");
            }
        }

        if (!resultsChosen && !settings.IsSmoke)
        {
            settings = settings with { ResultsPath = defaultResultsPath() };
        }

        return settings;
    }

    private static IReadOnlyList<CorpusKind> ParseCorpora(string value)
    {
        var kinds = new List<CorpusKind>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<CorpusKind>(part, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                throw new ArgumentException($"--corpora takes S, N and L separated by commas, not '{part}'");
            }

            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        return kinds.Count > 0 ? kinds : throw new ArgumentException("--corpora names no corpus");
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value\n{Usage}");

    private static int Positive(IReadOnlyList<string> args, ref int i) => Integer(args, ref i, minimum: 1);

    private static int Integer(IReadOnlyList<string> args, ref int i, int minimum)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ArgumentException($"{name} takes an integer >= {minimum}, not '{text}'");
    }
}
