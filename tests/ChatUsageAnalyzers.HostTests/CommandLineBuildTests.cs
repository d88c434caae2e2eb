using System.Linq;
using System.Threading.Tasks;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>Scenario 1: the package in a plain <c>dotnet build</c>, as on a developer's machine and in CI.</summary>
[Collection(PackageFeedCollection.Name)]
public class CommandLineBuildTests(PackageFeed feed)
{
    /// <summary>A console-style consumer that connects in a loop (CHAT001) and never disconnects (CHAT004).</summary>
    internal const string MisuseSource = """
        using Chat.Client;

        public sealed class Importer
        {
            private readonly ChatClient _client = new("key");

            public async Task ImportAsync(IEnumerable<string> tokens)
            {
                foreach (var token in tokens)
                {
                    await _client.ConnectUserAsync(new ChatUser("alice"), token);
                }
            }
        }
        """;

    /// <summary>The same consumer shaped right: one connect, paired with a disconnect in DisposeAsync.</summary>
    internal const string CorrectSource = """
        using Chat.Client;

        public sealed class ChatSessionHolder : IAsyncDisposable
        {
            private readonly ChatClient _client = new("key");

            public Task StartAsync(string token) => _client.ConnectUserAsync(new ChatUser("alice"), token);

            public async ValueTask DisposeAsync() => await _client.DisconnectUserAsync();
        }
        """;

    [Fact]
    public async Task A_misuse_build_prints_each_CHAT_warning_with_file_line_and_help_link()
    {
        var consumer = feed.NewConsumer("Misuse").WithFile("Importer.cs", MisuseSource).Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        var diagnostics = ConsumerProject.ChatDiagnostics(output);
        Assert.Contains(diagnostics, d => d is { Id: "CHAT001", File: "Importer.cs", Line: 11, Severity: "warning" });
        Assert.Contains(diagnostics, d => d is { Id: "CHAT004", File: "Importer.cs", Severity: "warning" });
        Assert.All(diagnostics, d => Assert.Contains($"docs/rules/{d.Id}.md", d.Message));
    }

    [Theory]
    [InlineData("-p:TreatWarningsAsErrors=true")]
    [InlineData("-warnaserror")]
    public async Task Warnings_as_errors_fail_a_misuse_build(string switchName)
    {
        var consumer = feed.NewConsumer("Strict").WithFile("Importer.cs", MisuseSource).Write();

        var (exitCode, output) = await consumer.BuildAsync(switchName);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(ConsumerProject.ChatDiagnostics(output), d => d is { Id: "CHAT001", Severity: "error" });
    }

    [Fact]
    public async Task The_correct_consumer_builds_clean_with_warnings_as_errors()
    {
        var consumer = feed.NewConsumer("Correct").WithProperty("TreatWarningsAsErrors", "true").WithFile("ChatSessionHolder.cs", CorrectSource).Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        Assert.Empty(ConsumerProject.ChatDiagnostics(output));
    }

    [Fact]
    public async Task Without_the_package_the_misuse_builds_silently()
    {
        // The control group: the warnings above come from the package, not from anything else in the consumer.
        var consumer = feed.NewConsumer("Control").WithFile("Importer.cs", MisuseSource);
        consumer.ReferencesAnalyzers = false;
        consumer.Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        Assert.Empty(ConsumerProject.ChatDiagnostics(output));
    }
}
