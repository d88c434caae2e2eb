using System.Linq;
using System.Threading.Tasks;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>
/// Scenario 7: <c>dotnet format analyzers --verify-no-changes</c> as a CI gate, and the same tool
/// applying the package's code fixes (the fixer assembly loads from analyzers/dotnet/cs).
/// </summary>
[Collection(PackageFeedCollection.Name)]
public class FormatGateTests(PackageFeed feed)
{
    /// <summary>A fixable CHAT001 (every argument is loop-invariant) and a CHAT004 (the field is never disconnected).</summary>
    private const string PollerSource = """
        using Chat.Client;

        public sealed class Poller
        {
            private readonly ChatClient _client = new("key");

            public async Task PollAsync(string token, int rounds)
            {
                for (var round = 0; round < rounds; round++)
                {
                    await _client.ConnectUserAsync(new ChatUser("alice"), token);
                }
            }
        }
        """;

    /// <summary>The gate docs/ci.md shows, after the project path.</summary>
    internal static readonly string[] GateArguments = ["--verify-no-changes", "--diagnostics", "CHAT001", "CHAT004", "--severity", "warn"];

    [Fact]
    public async Task The_gate_fails_on_misuse_and_passes_after_dotnet_format_applies_the_fixes()
    {
        var consumer = feed.NewConsumer("FormatGate").WithFile("Poller.cs", PollerSource).Write();

        var (blockedExit, blockedOutput) = await consumer.DotnetAsync(["format", "analyzers", consumer.ProjectPath, .. GateArguments]);
        Assert.True(blockedExit != 0, blockedOutput);
        Assert.Contains("CHAT001", blockedOutput);
        Assert.Contains("CHAT004", blockedOutput);

        var (fixExit, fixOutput) = await consumer.DotnetAsync("format", "analyzers", consumer.ProjectPath, "--diagnostics", "CHAT001", "CHAT004", "--severity", "warn");
        Assert.True(fixExit == 0, fixOutput);

        var (passedExit, passedOutput) = await consumer.DotnetAsync(["format", "analyzers", consumer.ProjectPath, .. GateArguments]);
        Assert.True(passedExit == 0, passedOutput);

        var (buildExit, buildOutput) = await consumer.BuildAsync("-warnaserror");
        Assert.True(buildExit == 0, buildOutput);
        Assert.DoesNotContain(ConsumerProject.ChatDiagnostics(buildOutput), d => d.Id is "CHAT001" or "CHAT004");
    }
}
