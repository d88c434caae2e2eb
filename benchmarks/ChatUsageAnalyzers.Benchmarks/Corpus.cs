using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ChatUsageAnalyzers.Benchmarks;

/// <summary>S: the app with chat usages planted; N: the same app without any chat client; L: S at ten times the files.</summary>
public enum CorpusKind
{
    S,
    N,
    L,
}

/// <summary>A generated app: its files, what it compiles against and what our analyzers must report on it.</summary>
public sealed class Corpus
{
    private Corpus(CorpusKind kind, ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references,
        ImmutableDictionary<string, int> expected, ImmutableArray<int> plantedFiles, int lines, int connectCalls)
    {
        Kind = kind;
        Trees = trees;
        References = references;
        ExpectedDiagnostics = expected;
        PlantedFiles = plantedFiles;
        Lines = lines;
        ConnectCalls = connectCalls;
    }

    public CorpusKind Kind { get; }

    public ImmutableArray<SyntaxTree> Trees { get; }

    public ImmutableArray<MetadataReference> References { get; }

    /// <summary>Diagnostic ID to count, as planted (empty for N).</summary>
    public ImmutableDictionary<string, int> ExpectedDiagnostics { get; }

    /// <summary>Indices into <see cref="Trees"/> of the files with a planted chat usage.</summary>
    public ImmutableArray<int> PlantedFiles { get; }

    public int Lines { get; }

    public int ConnectCalls { get; }

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>A new compilation of the corpus: each measured pass starts from one, so none reuses another's binding.</summary>
    public CSharpCompilation Compile() => CSharpCompilation.Create(
        "BenchmarkApp" + Kind,
        Trees,
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true));

    /// <summary>
    /// Generates a corpus deterministically from <paramref name="seed"/>: S and N of one seed and size
    /// are the same files except that N's planted code binds to look-alike types.
    /// </summary>
    public static Corpus Generate(CorpusKind kind, int files, int linesPerFile, int seed, ReferencePacks packs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(files, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerFile, 1);
        var withChat = kind != CorpusKind.N;
        var random = new Random(seed);
        var planted = PlantedFileIndices(files);
        var trees = ImmutableArray.CreateBuilder<SyntaxTree>(files + 2);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var connects = 0;
        var lines = 0;
        var scenarioIndex = 0;
        var plantedSet = planted.ToHashSet();
        for (var file = 0; file < files; file++)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"namespace App.Module{file}\n{{\n");
            var block = 0;
            while (CountLines(text) < linesPerFile)
            {
                text.Append(FillerCode.Block(random, $"F{file}B{block++}"));
            }

            text.Append("}\n");
            if (plantedSet.Contains(file))
            {
                var scenario = Scenarios.All[scenarioIndex++ % Scenarios.All.Length];
                text.Append(CultureInfo.InvariantCulture, $"\nnamespace App.Chat{file}\n{{\n    using {(withChat ? "Chat.Client" : "Messaging")};\n\n");
                text.Append(scenario.Text.Replace("{id}", file.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
                text.Append("\n}\n");
                connects += scenario.ConnectCalls;
                if (withChat)
                {
                    foreach (var id in scenario.ExpectedIds)
                    {
                        expected[id] = expected.GetValueOrDefault(id) + 1;
                    }
                }
            }

            var source = text.ToString();
            lines += CountLines(text);
            trees.Add(CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/app/Module{file}.cs", encoding: Encoding.UTF8));
        }

        trees.Add(CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, path: "/app/GlobalUsings.cs", encoding: Encoding.UTF8));
        trees.Add(CSharpSyntaxTree.ParseText(Scenarios.UnityStub, ParseOptions, path: "/app/UnityEngine.cs", encoding: Encoding.UTF8));
        if (!withChat)
        {
            trees.Add(CSharpSyntaxTree.ParseText(Scenarios.LookAlikeClient, ParseOptions, path: "/app/Messaging.cs", encoding: Encoding.UTF8));
        }

        var references = withChat ? packs.References.Add(packs.ChatClient) : packs.References;
        return new Corpus(kind, trees.ToImmutable(), references, expected.ToImmutableDictionary(), planted, lines, connects);
    }

    /// <summary>
    /// Spread evenly: one chat usage per 18 files (about 50 connect calls in 1,000 files, as issue 7
    /// asks), and every scenario at least once however small the corpus.
    /// </summary>
    private static ImmutableArray<int> PlantedFileIndices(int files)
    {
        var count = Math.Min(files, Math.Max(Scenarios.All.Length, (int)Math.Round(files / 18.0)));
        return Enumerable.Range(0, count).Select(i => (int)((long)i * files / count)).ToImmutableArray();
    }

    private static int CountLines(StringBuilder text)
    {
        var count = 0;
        foreach (var chunk in text.GetChunks())
        {
            count += chunk.Span.Count('\n');
        }

        return count;
    }

    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
