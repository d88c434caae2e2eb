using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Chat.Client.Tests;

/// <summary>Heartbeats, dead sockets and server-side closes, against a scripted server.</summary>
public sealed class ConnectionHealthTests
{
    private static ChatClientOptions FastOptions(ScriptedServer server, MetricsProbe probe) => new()
    {
        BaseUrl = server.WebSocketUrl,
        MeterFactory = probe,
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        DeadConnectionTimeout = TimeSpan.FromSeconds(1),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task The_client_sends_health_check_heartbeats_with_its_client_id()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.SendWelcomeAsync("rita");
            await connection.ReceiveUntilClosedAsync(answerHeartbeats: true);
        });
        using var probe = new MetricsProbe();
        await using var client = new ChatClient("key", FastOptions(server, probe));
        await client.ConnectUserAsync(new ChatUser("rita"), ChatClient.DevToken("rita"));

        await Eventually.TrueAsync(() => server.Received.Count >= 3, "three heartbeats");

        var clientIds = server.Received.Select(text =>
        {
            using var heartbeat = JsonDocument.Parse(text);
            Assert.Equal("health.check", heartbeat.RootElement.GetProperty("type").GetString());
            return heartbeat.RootElement.GetProperty("client_id").GetString()!;
        }).Distinct().ToList();
        var clientId = Assert.Single(clientIds);
        Assert.StartsWith("rita--", clientId, StringComparison.Ordinal);
        Assert.True(Guid.TryParse(clientId.Substring("rita--".Length), out _));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_silent_socket_is_treated_as_dead_and_replaced_never_holding_two()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.SendWelcomeAsync("sam");
            // The first connection goes silent: heartbeats are read but never answered.
            await connection.ReceiveUntilClosedAsync(answerHeartbeats: connection.Number > 1);
        });
        using var probe = new MetricsProbe();
        await using var client = new ChatClient("key", FastOptions(server, probe));
        var states = new StateRecorder(client);
        await client.ConnectUserAsync(new ChatUser("sam"), ChatClient.DevToken("sam"));

        await Eventually.TrueAsync(() => server.Accepted == 2 && client.IsConnected, "a second connection");

        Assert.Equal("conn-2", client.ConnectionId);
        Assert.Equal(
            new[] { ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Reconnecting, ConnectionState.Connected },
            states.States);
        Assert.Equal(1, probe.MaxActiveConnections);
        await Eventually.TrueAsync(() => server.Open == 1, "the server to see the dead socket go");
    }

    [Fact]
    public async Task A_normal_close_from_the_server_ends_the_session_without_reconnecting()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.SendWelcomeAsync("tom");
            if (connection.Number == 1)
            {
                await connection.Socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "account removed", connection.Aborted);
                return;
            }

            await connection.ReceiveUntilClosedAsync(answerHeartbeats: true);
        });
        using var probe = new MetricsProbe();
        await using var client = new ChatClient("key", FastOptions(server, probe));
        var states = new StateRecorder(client);

        await client.ConnectUserAsync(new ChatUser("tom"), ChatClient.DevToken("tom"));
        await Eventually.TrueAsync(() => client.ConnectionState == ConnectionState.Disconnected, "the session to end");

        Assert.Equal(new[] { ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Disconnected }, states.States);
        Assert.Equal(1, probe.ConnectAttempts);
        Assert.Equal(0, probe.ActiveConnections);
        Assert.Null(client.CurrentUser);
        // The user was forgotten, so connecting again starts a new session.
        await client.ConnectUserAsync(new ChatUser("tom"), ChatClient.DevToken("tom"));
        Assert.Equal("conn-2", client.ConnectionId);
    }

    [Fact]
    public async Task A_reconnect_refused_for_authentication_ends_the_session()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            if (connection.Number == 1)
            {
                await connection.SendWelcomeAsync("uma");
                await connection.Socket.CloseAsync((System.Net.WebSockets.WebSocketCloseStatus)4000, "restarting", connection.Aborted);
                return;
            }

            await connection.SendErrorAndCloseAsync(ChatErrorCodes.TokenSignatureInvalid, "JWTAuth error: signature is not valid");
        });
        using var probe = new MetricsProbe();
        await using var client = new ChatClient("key", FastOptions(server, probe));
        var states = new StateRecorder(client);

        await client.ConnectUserAsync(new ChatUser("uma"), ChatClient.DevToken("uma"));
        await Eventually.TrueAsync(() => client.ConnectionState == ConnectionState.Disconnected, "the session to end");

        Assert.Equal(
            new[] { ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Reconnecting, ConnectionState.Disconnected },
            states.States);
        Assert.Equal(2, probe.ConnectAttempts);
        Assert.Equal(0, probe.ActiveConnections);
    }

    [Fact]
    public async Task A_server_that_never_sends_the_first_event_makes_connect_time_out()
    {
        await using var server = await ScriptedServer.StartAsync(connection => connection.ReceiveUntilClosedAsync(answerHeartbeats: false));
        using var probe = new MetricsProbe();
        var options = FastOptions(server, probe);
        options.ConnectTimeout = TimeSpan.FromMilliseconds(300);
        await using var client = new ChatClient("key", options);

        await Assert.ThrowsAsync<TimeoutException>(() => client.ConnectUserAsync(new ChatUser("vic"), ChatClient.DevToken("vic")));

        Assert.Equal(ConnectionState.Disconnected, client.ConnectionState);
        Assert.Equal(0, probe.ActiveConnections);
        Assert.Equal(typeof(TimeoutException).FullName, Assert.Single(probe.FailureTags)["error.type"]);
        await Eventually.TrueAsync(() => server.Open == 0, "the server to see the socket go");
    }
}
