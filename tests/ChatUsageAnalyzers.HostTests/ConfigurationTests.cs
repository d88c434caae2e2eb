using System;
using System.Linq;
using System.Threading.Tasks;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>
/// Scenario 2: the ways people tune or silence a rule (.editorconfig severities, a global
/// AnalyzerConfig, NoWarn, #pragma, [SuppressMessage]) and the chat_usage.* keys, in a real build.
/// Each consumer keeps one unsuppressed diagnostic next to the suppressed one, so a test cannot pass
/// because the analyzers did not run at all.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public class ConfigurationTests(PackageFeed feed)
{
    /// <summary>Two CHAT002 shapes: Blazor components that connect in BuildRenderTree (disconnecting on dispose, so CHAT004 stays quiet).</summary>
    private const string RenderComponents = """
        using Chat.Client;
        using Microsoft.AspNetCore.Components;
        using Microsoft.AspNetCore.Components.Rendering;

        public sealed class InboxBadge : ComponentBase, IAsyncDisposable
        {
            [Inject] public ChatClient Chat { get; set; } = default!;

            protected override void BuildRenderTree(RenderTreeBuilder builder)
            {
        #pragma warning disable CHAT002 // measured: the badge renders once per page
                _ = Chat.ConnectUserAsync(new ChatUser("alice"), "token");
        #pragma warning restore CHAT002
                builder.AddContent(0, "inbox");
            }

            public async ValueTask DisposeAsync() => await Chat.DisconnectUserAsync();
        }

        public sealed class PresenceDot : ComponentBase, IAsyncDisposable
        {
            [Inject] public ChatClient Chat { get; set; } = default!;

            protected override void BuildRenderTree(RenderTreeBuilder builder)
            {
                _ = Chat.ConnectUserAsync(new ChatUser("alice"), "token");
                builder.AddContent(0, "online");
            }

            public async ValueTask DisposeAsync() => await Chat.DisconnectUserAsync();
        }
        """;

    /// <summary>A connect on a parameter (the caller owns the client, so no CHAT004): only CHAT003 can flag it, and only on a server.</summary>
    private const string NotifierSource = """
        using Chat.Client;

        public static class {0}
        {
            public static async Task NotifyAsync(ChatClient client, string token) =>
                await client.ConnectUserAsync(new ChatUser("alice"), token);
        }
        """;

    [Fact]
    public async Task Editorconfig_severities_make_CHAT001_an_error_and_remove_CHAT004()
    {
        var consumer = feed.NewConsumer("Severity")
            .WithFile("Importer.cs", CommandLineBuildTests.MisuseSource)
            .WithFile(".editorconfig", """
                root = true

                [*.cs]
                dotnet_diagnostic.CHAT001.severity = error
                dotnet_diagnostic.CHAT004.severity = none
                """)
            .Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.NotEqual(0, exitCode);
        var diagnostics = ConsumerProject.ChatDiagnostics(output);
        Assert.Contains(diagnostics, d => d is { Id: "CHAT001", File: "Importer.cs", Severity: "error" });
        Assert.DoesNotContain(diagnostics, d => d.Id == "CHAT004");
    }

    [Fact]
    public async Task Global_AnalyzerConfigs_set_severities_whether_discovered_or_listed()
    {
        // A file named .globalconfig is picked up from the project's folder (or above); any other
        // name must be listed in GlobalAnalyzerConfigFiles. One of each, one rule each.
        var consumer = feed.NewConsumer("GlobalConfig")
            .WithItem("""<GlobalAnalyzerConfigFiles Include="ci.globalconfig" />""")
            .WithFile("Importer.cs", CommandLineBuildTests.MisuseSource)
            .WithFile(".globalconfig", """
                is_global = true
                dotnet_diagnostic.CHAT001.severity = error
                """)
            .WithFile("ci.globalconfig", """
                is_global = true
                dotnet_diagnostic.CHAT004.severity = error
                """)
            .Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.NotEqual(0, exitCode);
        var diagnostics = ConsumerProject.ChatDiagnostics(output);
        Assert.Contains(diagnostics, d => d is { Id: "CHAT001", Severity: "error" });
        Assert.Contains(diagnostics, d => d is { Id: "CHAT004", Severity: "error" });
        Assert.DoesNotContain(diagnostics, d => d.Severity == "warning");
    }

    [Fact]
    public async Task NoWarn_silences_only_the_listed_rule()
    {
        var consumer = feed.NewConsumer("NoWarn")
            .WithProperty("NoWarn", "$(NoWarn);CHAT001")
            .WithFile("Importer.cs", CommandLineBuildTests.MisuseSource)
            .Write();

        var (exitCode, output) = await consumer.BuildAsync("-warnaserror");

        var diagnostics = ConsumerProject.ChatDiagnostics(output);
        Assert.DoesNotContain(diagnostics, d => d.Id == "CHAT001");
        Assert.Contains(diagnostics, d => d is { Id: "CHAT004", Severity: "error" });
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Pragma_and_SuppressMessage_silence_only_the_code_they_cover()
    {
        var consumer = feed.NewConsumer("InSource")
            .WithItem("""<FrameworkReference Include="Microsoft.AspNetCore.App" />""")
            .WithFile("Components.cs", RenderComponents)
            .WithFile("Pollers.cs", """
                using System.Diagnostics.CodeAnalysis;
                using Chat.Client;

                public static class Pollers
                {
                    [SuppressMessage("Performance", "CHAT001:Connect call inside a loop", Justification = "load test harness")]
                    public static async Task HammerAsync(ChatClient client, string token)
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            await client.ConnectUserAsync(new ChatUser("alice"), token);
                        }
                    }

                    public static async Task PollAsync(ChatClient client, string token)
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            await client.ConnectUserAsync(new ChatUser("alice"), token);
                        }
                    }
                }
                """)
            .Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        // Left: PresenceDot's connect (Components.cs line 26; InboxBadge's, line 12, is inside the
        // pragma) and PollAsync's (Pollers.cs line 19; HammerAsync carries the attribute).
        Assert.Equal(
            [("CHAT001", "Pollers.cs", 19), ("CHAT002", "Components.cs", 26)],
            ConsumerProject.ChatDiagnostics(output).Select(d => (d.Id, d.File, d.Line)).Order());
    }

    [Fact]
    public async Task Chat_usage_server_side_reaches_CHAT003_from_a_global_AnalyzerConfig_and_per_file()
    {
        // A class library that nothing classifies as server-side: only the key makes it one. The
        // global value covers the project; an .editorconfig section overrides it for one folder.
        var consumer = feed.NewConsumer("ServerSide")
            .WithFile("Backend/BackendNotifier.cs", Notifier("BackendNotifier"))
            .WithFile("Shared/SharedNotifier.cs", Notifier("SharedNotifier"))
            .WithFile(".globalconfig", """
                is_global = true
                chat_usage.server_side = true
                """)
            .WithFile(".editorconfig", """
                root = true

                [Shared/*.cs]
                chat_usage.server_side = false
                """)
            .Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        var diagnostic = Assert.Single(ConsumerProject.ChatDiagnostics(output));
        Assert.Equal(("CHAT003", "BackendNotifier.cs"), (diagnostic.Id, diagnostic.File));
        Assert.Contains("chat_usage.server_side = true", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_usage_connect_and_disconnect_methods_make_a_user_type_a_targeted_client_and_a_bad_entry_gets_CHAT900()
    {
        // Without the keys nothing here is a chat client: CHAT001 can only come from connect_methods,
        // and the missing CHAT004 shows disconnect_methods pairs CloseAsync with OpenAsync. The entry
        // naming a missing member is reported (CHAT900 has no source line) and the valid one still works.
        var consumer = feed.NewConsumer("ConnectMethods")
            .WithFile("Presence.cs", """
                namespace Acme.Realtime;

                public sealed class PresenceSocket
                {
                    public Task OpenAsync(string userId) => Task.CompletedTask;

                    public Task CloseAsync() => Task.CompletedTask;
                }

                public sealed class PresencePoller : IAsyncDisposable
                {
                    private readonly PresenceSocket _socket = new();

                    public async Task PollAsync(int rounds)
                    {
                        for (var round = 0; round < rounds; round++)
                        {
                            await _socket.OpenAsync("alice");
                        }
                    }

                    public async ValueTask DisposeAsync() => await _socket.CloseAsync();
                }
                """)
            .WithFile(".globalconfig", """
                is_global = true
                chat_usage.connect_methods = Acme.Realtime.PresenceSocket.OpenAsync | Acme.Realtime.PresenceSocket.Open
                chat_usage.disconnect_methods = Acme.Realtime.PresenceSocket.CloseAsync
                """)
            .Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        Assert.Equal([("CHAT001", "Presence.cs", 18)], ConsumerProject.ChatDiagnostics(output).Select(d => (d.Id, d.File, d.Line)));
        Assert.Contains("warning CHAT900: 'Acme.Realtime.PresenceSocket.Open' in chat_usage.connect_methods is ignored", output);
    }

    private static string Notifier(string className) => NotifierSource.Replace("{0}", className, StringComparison.Ordinal);
}
