using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Chat.Client;
using Chat.DevServer;
using ChatUsageAnalyzers.Testing;
using Xunit.Abstractions;

namespace BrowserE2E;

/// <summary>
/// The chat SDK's manual check ("open the network tab, navigate to and from the chat page, refresh:
/// only one WebSocket may ever be open") automated in headless Chromium against the Blazor samples
/// and a real development server (development mode: 3 connections per user). Both tests are in one
/// class so they run one after the other: each publishes apps that share project references.
/// </summary>
public sealed class OneSocketInTheBrowserTests(ITestOutputHelper output)
{
    private const string UserId = "alice";
    private const int DevelopmentConnectionLimit = 3;

    // The chat page shows the unread count the server sends on connect: a value the page can only show from a live socket.
    private const int UnreadMessages = 2;

    [Fact]
    public async Task The_correct_app_keeps_one_socket_across_navigation_and_reloads()
    {
        BrowserSession.RequirePrerequisites();
        var published = Directory.CreateTempSubdirectory("chat-blazor-correct-").FullName;
        try
        {
            var warnings = await SampleApp.PublishAsync(RepositoryRoot.Combine("samples/BlazorChat/BlazorChat.csproj"), published);
            Assert.Empty(warnings);

            var session = await RunInBrowserAsync(published, "correct");

            Assert.Empty(session.PageErrors);
            Assert.All(session.Steps, step => Assert.True(step.OpenSockets <= 1 && step.ServerConnections <= 1, $"{step}\n{session.Describe()}"));
            Assert.All(session.Steps.Where(step => step.Badge is not null), step => Assert.Equal(("connected", $"{UnreadMessages}"), (step.Badge!.State, step.Badge.Unread)));
            Assert.Equal(1, session.MaxOpen);
            // One socket per page load: the first one and one after each reload, none per visit.
            Assert.Equal(1 + BrowserSession.ReloadAfterVisits.Length, session.Sockets.Count);
            var last = session.Steps[^1];
            Assert.Equal((1, 1), (last.OpenSockets, last.ServerConnections));
        }
        finally
        {
            Directory.Delete(published, recursive: true);
        }
    }

    [Fact]
    public async Task The_misuse_app_hits_the_connection_limit_until_the_code_fixes_leave_one_socket()
    {
        BrowserSession.RequirePrerequisites();
        // The fixes rewrite the sources, so they run on a copy: a sibling of the original, so that
        // its relative imports and project references still resolve.
        var copy = RepositoryRoot.Combine($"samples/BlazorChat.Misuse.E2E-{Guid.NewGuid().ToString("N")[..8]}");
        var before = Directory.CreateTempSubdirectory("chat-blazor-misuse-").FullName;
        var after = Directory.CreateTempSubdirectory("chat-blazor-fixed-").FullName;
        try
        {
            CopySources(RepositoryRoot.Combine("samples/BlazorChat.Misuse"), copy);
            var project = Path.Combine(copy, "BlazorChat.Misuse.csproj");

            var warnings = await SampleApp.PublishAsync(project, before);
            Assert.Equal(
                [new ChatWarning("ChatPage.razor.cs", 27, "CHAT002"), new ChatWarning("ChatPage.razor.cs", 27, "CHAT004")],
                warnings.OrderBy(w => w.Id));

            var misused = await RunInBrowserAsync(before, "misuse-before");

            Assert.True(misused.MaxOpen > 1, $"the misuse app never had more than one socket open:\n{misused.Describe()}");
            Assert.Contains(misused.Steps, step => step.Badge is { State: "error-71" } badge && badge.Text.Contains("71", StringComparison.Ordinal));
            Assert.Equal(DevelopmentConnectionLimit, misused.Steps.Max(step => step.ServerConnections));
            Assert.Contains(misused.Sockets, socket => socket.FirstFrame == "connection.error 71");

            var page = Path.Combine(copy, "Pages", "ChatPage.razor.cs");
            var misuseSource = await File.ReadAllTextAsync(page);
            var fixing = await SampleApp.FixAsync(project, "CHAT002", "CHAT004");
            Assert.True(misuseSource != await File.ReadAllTextAsync(page), $"dotnet format changed nothing in {page}:\n{fixing}");

            Assert.Empty(await SampleApp.PublishAsync(project, after));

            var fixedApp = await RunInBrowserAsync(after, "misuse-after");

            Assert.Empty(fixedApp.PageErrors);
            Assert.All(fixedApp.Steps, step => Assert.True(step.OpenSockets <= 1 && step.ServerConnections <= 1, $"{step}\n{fixedApp.Describe()}"));
            Assert.All(fixedApp.Steps.Where(step => step.Badge is not null), step => Assert.Equal(("connected", $"{UnreadMessages}"), (step.Badge!.State, step.Badge.Unread)));
            Assert.Equal(1, fixedApp.MaxOpen);
            // The fixed page connects when it appears and disconnects when it goes: none left after leaving.
            Assert.Equal((0, 0), (fixedApp.Steps[^1].OpenSockets, fixedApp.Steps[^1].ServerConnections));
        }
        finally
        {
            foreach (var directory in new[] { copy, before, after }.Where(Directory.Exists))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private async Task<SessionRecord> RunInBrowserAsync(string publishDirectory, string label)
    {
        await using var server = await DevServer.StartAsync(new DevServerOptions
        {
            Port = 0,
            Mode = DevServerMode.Development,
            ServeJavaScriptSdkWebSocketPort = false,
        });
        Assert.Equal(DevelopmentConnectionLimit, server.Options.EffectiveConnectionLimitPerUser);
        await SeedUnreadMessagesAsync(server);
        SampleApp.Configure(publishDirectory, server, UserId);
        await using var site = await StaticSite.StartAsync(Path.Combine(publishDirectory, "wwwroot"));

        var session = await BrowserSession.RunAsync(site.Url, new Uri(server.HttpUrl, "debug/connections"), UserId, label);

        output.WriteLine($"{label}: {session.Sockets.Count} sockets, at most {session.MaxOpen} open; screenshots in {BrowserSession.ScreenshotDirectory}");
        foreach (var step in session.Steps)
        {
            output.WriteLine($"  {step.Action,-10} badge={step.Badge?.State ?? "-",-10} unread={step.Badge?.Unread ?? "-",-2} open={step.OpenSockets} server={step.ServerConnections}");
        }

        return session;
    }

    private static async Task SeedUnreadMessagesAsync(DevServer server)
    {
        using var chat = new ChatServerClient(server.Options.ApiKey, server.Options.ApiSecret, new ChatServerClientOptions { BaseUrl = server.HttpUrl });
        await chat.UpsertUsersAsync([new ChatUser(UserId), new ChatUser("bob")]);
        await chat.GetOrCreateChannelAsync("messaging", "general", [UserId, "bob"], "bob");
        for (var message = 1; message <= UnreadMessages; message++)
        {
            await chat.SendMessageAsync("messaging", "general", "bob", $"message {message} for {UserId}");
        }
    }

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
