using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using static Chat.Client.Tests.TestServers;

namespace Chat.Client.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Fifty_concurrent_connects_of_one_user_open_exactly_one_socket()
    {
        await using var server = await StartAsync();
        using var probe = new MetricsProbe();
        var logs = new CapturingLoggerProvider();
        var options = ClientOptions(server, probe);
        options.LoggerFactory = logs;
        await using var client = new ChatClient(ApiKey, options);
        var user = new ChatUser("dave");
        var token = ChatClient.DevToken("dave");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => client.ConnectUserAsync(user, token))));

        Assert.Single(responses.Select(response => response.ConnectionId).Distinct());
        var (total, users) = await DebugConnectionsAsync(server);
        Assert.Equal(1, total);
        Assert.Equal(1, users["dave"]);
        Assert.Equal(1, probe.ConnectAttempts);
        Assert.Equal(1, probe.ActiveConnections);
        Assert.Equal(49, logs.Entries.Count(entry => entry.Level == LogLevel.Warning && entry.Text.Contains("called again", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_repeated_connect_of_the_connected_user_returns_the_first_result_without_a_socket()
    {
        await using var server = await StartAsync();
        using var probe = new MetricsProbe();
        await using var client = new ChatClient(ApiKey, ClientOptions(server, probe));
        var first = client.ConnectUserAsync(new ChatUser("hugo"), ChatClient.DevToken("hugo"));
        await first;

        var again = client.ConnectUserAsync(new ChatUser("hugo") { Name = "Hugo" }, ChatClient.DevToken("hugo"));

        Assert.Same(first, again);
        Assert.Equal(1, probe.ConnectAttempts);
    }

    [Fact]
    public async Task Connecting_a_different_user_while_one_is_set_throws_and_keeps_the_first()
    {
        await using var server = await StartAsync();
        using var probe = new MetricsProbe();
        await using var client = new ChatClient(ApiKey, ClientOptions(server, probe));
        var connecting = client.ConnectUserAsync(new ChatUser("erin"), ChatClient.DevToken("erin"));

        var whileConnecting = Assert.Throws<InvalidOperationException>(() => { _ = client.ConnectUserAsync(new ChatUser("frank"), ChatClient.DevToken("frank")); });
        await connecting;
        var whileConnected = Assert.Throws<InvalidOperationException>(() => { _ = client.ConnectUserAsync(new ChatUser("frank"), ChatClient.DevToken("frank")); });

        Assert.Contains("disconnect", whileConnecting.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("erin", whileConnected.Message, StringComparison.Ordinal);
        Assert.True(client.IsConnected);
        Assert.Equal("erin", client.CurrentUser!.Id);
        Assert.Equal(1, probe.ConnectAttempts);
        Assert.Equal(0, await DebugConnectionsOfAsync(server, "frank"));
    }

    [Fact]
    public async Task After_a_disconnect_another_user_can_connect_on_the_same_client()
    {
        await using var server = await StartAsync();
        using var probe = new MetricsProbe();
        await using var client = new ChatClient(ApiKey, ClientOptions(server, probe));
        await client.ConnectUserAsync(new ChatUser("gwen"), ChatClient.DevToken("gwen"));

        await client.DisconnectUserAsync();
        var response = await client.ConnectUserAsync(new ChatUser("hank"), ChatClient.DevToken("hank"));

        Assert.Equal("hank", response.Me.Id);
        Assert.Equal(1, probe.ActiveConnections);
        Assert.Equal(1, probe.MaxActiveConnections);
    }

    [Fact]
    public async Task Interleaved_concurrent_connects_and_disconnects_never_hold_two_sockets()
    {
        await using var server = await StartAsync();
        using var probe = new MetricsProbe();
        await using var client = new ChatClient(ApiKey, ClientOptions(server, probe));
        var user = new ChatUser("zoe");
        var token = ChatClient.DevToken("zoe");

        for (var round = 0; round < 10; round++)
        {
            var connects = Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
            {
                try
                {
                    await client.ConnectUserAsync(user, token);
                }
                catch (OperationCanceledException)
                {
                    // A disconnect of this round won the race against this connect.
                }
            }));
            var disconnects = Enumerable.Range(0, 2).Select(_ => Task.Run(() => client.DisconnectUserAsync()));
            await Task.WhenAll(connects.Concat(disconnects));
        }

        await client.ConnectUserAsync(user, token);
        await Eventually.TrueAsync(async () => (await DebugConnectionsAsync(server)).Total == 1, "the server to hold the one socket");
        await client.DisconnectUserAsync();

        Assert.Equal(0, probe.ActiveConnections);
        Assert.Equal(1, probe.MaxActiveConnections);
        Assert.Equal(ConnectionState.Disconnected, client.ConnectionState);
        await Eventually.TrueAsync(async () => (await DebugConnectionsAsync(server)).Total == 0, "the server to hold no socket");
    }
}
