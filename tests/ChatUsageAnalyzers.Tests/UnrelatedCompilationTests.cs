using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace ChatUsageAnalyzers.Tests;

/// <summary>
/// A compilation that references no chat client pays only the compilation-start check: the
/// analyzers' own telemetry shows that they registered no other action there, and did in a
/// compilation that does reference the client.
/// </summary>
public class UnrelatedCompilationTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Service
        {
            async Task RunAsync(List<string> items)
            {
                foreach (var item in items) { await Task.Delay(item.Length); }
            }
        }
        """;

    [Fact]
    public async Task Without_a_chat_client_reference_no_analyzer_registers_anything_past_compilation_start()
    {
        var telemetry = await TelemetryAsync(withChatClient: false);

        Assert.All(telemetry, entry =>
        {
            var (analyzer, info) = entry;
            Assert.True(info.CompilationStartActionsCount == 1, $"{analyzer} registered {info.CompilationStartActionsCount} compilation start actions");
            Assert.True(RegisteredPastStart(info) == 0, $"{analyzer} registered {RegisteredPastStart(info)} actions without a chat client");
        });
    }

    [Fact]
    public async Task A_client_type_of_the_same_name_declared_in_source_is_not_the_chat_client()
    {
        // Built-in clients are looked up only in their own assembly (Chat.Client, StreamChat.Core),
        // so a project that merely names a type alike pays no symbol lookup at all.
        var telemetry = await TelemetryAsync(withChatClient: false, """
            namespace Chat.Client
            {
                public interface IChatClient { System.Threading.Tasks.Task ConnectUserAsync(string user, string token); }
            }
            """);

        Assert.All(telemetry, entry => Assert.True(RegisteredPastStart(entry.Info) == 0, $"{entry.Analyzer} registered {RegisteredPastStart(entry.Info)} actions"));
    }

    [Fact]
    public async Task With_a_chat_client_reference_every_analyzer_registers_its_actions()
    {
        var telemetry = await TelemetryAsync(withChatClient: true);

        // CHAT900 checks chat_usage.* entries: with none set it has nothing to check (ConfigurationTests cover it).
        Assert.All(
            telemetry.Where(entry => entry.Analyzer != nameof(ConfigurationAnalyzer)),
            entry => Assert.True(RegisteredPastStart(entry.Info) > 0, $"{entry.Analyzer} registered nothing"));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task With_the_client_referenced_a_source_type_of_the_same_full_name_is_not_the_client(bool declaredInSource, bool reported)
    {
        // The source type wins the compiler's name lookup (CS0436); the client is the referenced assembly's.
        var lookAlike = declaredInSource
            ? """
                namespace Chat.Client
                {
                    public sealed class ChatUser { public ChatUser(string id) { } }

                    public sealed class ChatClient { public System.Threading.Tasks.Task ConnectUserAsync(ChatUser user, string token) => System.Threading.Tasks.Task.CompletedTask; }
                }
                """
            : "";
        var loop = """
            class Importer
            {
                async System.Threading.Tasks.Task ImportAsync(Chat.Client.ChatClient client, string[] users)
                {
                    foreach (var user in users) { await client.ConnectUserAsync(new Chat.Client.ChatUser(user), "token"); }
                }
            }
            """;
        var compilation = await CompileAsync(withChatClient: true, lookAlike, loop);
        var diagnostics = await compilation.WithAnalyzers(Robustness.AllAnalyzers).GetAnalyzerDiagnosticsAsync();

        // With the referenced client the loop is a per-user connect (CHAT007) and has no disconnect (CHAT004).
        Assert.Equal(reported, diagnostics.Any(d => d.Id.StartsWith("CHAT", System.StringComparison.Ordinal)));
    }

    private static int RegisteredPastStart(AnalyzerTelemetryInfo info) =>
        info.CompilationActionsCount + info.CompilationEndActionsCount + info.SyntaxTreeActionsCount
        + info.SemanticModelActionsCount + info.SymbolActionsCount + info.SymbolStartActionsCount
        + info.SymbolEndActionsCount + info.SyntaxNodeActionsCount + info.CodeBlockStartActionsCount
        + info.CodeBlockActionsCount + info.CodeBlockEndActionsCount + info.OperationActionsCount
        + info.OperationBlockStartActionsCount + info.OperationBlockActionsCount + info.OperationBlockEndActionsCount;

    private static async Task<CSharpCompilation> CompileAsync(bool withChatClient, params string[] sources)
    {
        var references = await TestReferences.AspNetCore10.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        if (withChatClient)
        {
            references = references.Add(TestReferences.ChatClient);
        }

        return CSharpCompilation.Create(
            "Unrelated",
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, path: $"/0/Source{i}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }

    private static async Task<ImmutableArray<(string Analyzer, AnalyzerTelemetryInfo Info)>> TelemetryAsync(bool withChatClient, string? extraSource = null)
    {
        var compilation = await CompileAsync(withChatClient, Source, extraSource ?? "");
        var analyzers = Robustness.AllAnalyzers;
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true));
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        var result = ImmutableArray.CreateBuilder<(string, AnalyzerTelemetryInfo)>();
        foreach (var analyzer in analyzers)
        {
            result.Add((analyzer.GetType().Name, await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)));
        }

        // Every rule's analyzer is measured, whatever rules are added later.
        Assert.Superset(
            typeof(Descriptors).GetFields().Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>().Select(d => d.Id).ToHashSet(),
            analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet());
        return result.ToImmutable();
    }
}
