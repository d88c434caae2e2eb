using System;
using System.Linq;
using System.Threading.Tasks;
using static Chat.Client.Tests.TestServers;

namespace Chat.Client.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task After_a_server_restart_on_the_same_port_the_client_reconnects_with_one_socket()
    {
        var server = await StartAsync();
        var port = server.Port;
        using var probe = new MetricsProbe();
        await using var client = new ChatClient(ApiKey, ClientOptions(server, probe));
        var states = new StateRecorder(client);
        var first = await client.ConnectUserAsync(new ChatUser("kate"), ChatClient.DevToken("kate"));

        await server.StopAsync();
        await server.DisposeAsync();
        await Eventually.TrueAsync(() => states.States.Contains(ConnectionState.Reconnecting), "the client to notice the restart");
        await using var restarted = await StartAsync(port: port);
        await Eventually.TrueAsync(() => client.IsConnected, "the client to reconnect");

        Assert.Equal(
            new[] { ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Reconnecting, ConnectionState.Connected },
            states.States);
        Assert.NotEqual(first.ConnectionId, client.ConnectionId);
        Assert.Equal(1, await DebugConnectionsOfAsync(restarted, "kate"));
        Assert.Equal(1, (await DebugConnectionsAsync(restarted)).Total);
        Assert.Equal(1, probe.ActiveConnections);
        Assert.Equal(1, probe.MaxActiveConnections);
    }

    [Fact]
    public async Task Disconnect_closes_the_socket_forgets_the_user_and_is_idempotent()
    {
        await using var server = await StartAsync();
        using var probe = new MetricsProbe();
        await using var client = new ChatClient(ApiKey, ClientOptions(server, probe));
        var states = new StateRecorder(client);
        await client.ConnectUserAsync(new ChatUser("liam"), ChatClient.DevToken("liam"));
        Assert.Equal(1, await DebugConnectionsOfAsync(server, "liam"));

        await client.DisconnectUserAsync();

        Assert.Equal(ConnectionState.Disconnected, client.ConnectionState);
        Assert.Null(client.ConnectionId);
        Assert.Null(client.CurrentUser);
        Assert.Equal(0, probe.ActiveConnections);
        await Eventually.TrueAsync(async () => (await DebugConnectionsAsync(server)).Total == 0, "the server to see the socket closed");
        await client.DisconnectUserAsync();
        Assert.Equal(
            new[] { ConnectionState.Connecting, ConnectionState.Connected, ConnectionState.Disconnecting, ConnectionState.Disconnected },
            states.States);
    }

    [Fact]
    public async Task DisposeAsync_closes_the_socket_before_it_returns()
    {
        await using var server = await StartAsync();
        using var probe = new MetricsProbe();
        var client = new ChatClient(ApiKey, ClientOptions(server, probe));
        await client.ConnectUserAsync(new ChatUser("mia"), ChatClient.DevToken("mia"));

        await client.DisposeAsync();

        Assert.Equal(0, probe.ActiveConnections);
        Assert.Equal(ConnectionState.Disconnected, client.ConnectionState);
        await Eventually.TrueAsync(async () => (await DebugConnectionsAsync(server)).Total == 0, "the server to see the socket closed");
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Dispose_starts_the_disconnect_without_blocking_and_the_socket_closes()
    {
        await using var server = await StartAsync();
        using var probe = new MetricsProbe();
        var client = new ChatClient(ApiKey, ClientOptions(server, probe));
        await client.ConnectUserAsync(new ChatUser("noah"), ChatClient.DevToken("noah"));

        client.Dispose();

        await Eventually.TrueAsync(() => probe.ActiveConnections == 0, "the client to release its socket");
        await Eventually.TrueAsync(async () => (await DebugConnectionsAsync(server)).Total == 0, "the server to see the socket closed");
        Assert.Throws<ObjectDisposedException>(() => { _ = client.ConnectUserAsync(new ChatUser("noah"), ChatClient.DevToken("noah")); });
    }

    [Fact]
    public async Task Disconnecting_while_waiting_for_the_first_event_cancels_the_connect_and_closes_the_socket()
    {
        // The server never sends the first event, so the connect is still pending whenever the disconnect comes.
        await using var server = await ScriptedServer.StartAsync(connection => connection.ReceiveUntilClosedAsync(answerHeartbeats: false));
        using var probe = new MetricsProbe();
        await using var client = new ChatClient("key", new ChatClientOptions { BaseUrl = server.WebSocketUrl, MeterFactory = probe });
        var connecting = client.ConnectUserAsync(new ChatUser("opal"), ChatClient.DevToken("opal"));
        await Eventually.TrueAsync(() => server.Accepted == 1, "the socket to open");

        await client.DisconnectUserAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connecting);
        Assert.Equal(ConnectionState.Disconnected, client.ConnectionState);
        Assert.Equal(0, probe.ActiveConnections);
        Assert.Equal(0, probe.ConnectFailures);
        await Eventually.TrueAsync(() => server.Open == 0, "the server to see the socket closed");
    }

    [Fact]
    public async Task A_state_handler_that_throws_does_not_break_the_client()
    {
        await using var server = await StartAsync();
        await using var client = new ChatClient(ApiKey, ClientOptions(server));
        client.ConnectionStateChanged += (_, _) => throw new InvalidOperationException("handler bug");

        await client.ConnectUserAsync(new ChatUser("pia"), ChatClient.DevToken("pia"));
        await client.DisconnectUserAsync();

        Assert.Equal(ConnectionState.Disconnected, client.ConnectionState);
    }

    [Fact]
    public async Task Logs_never_contain_the_token()
    {
        await using var server = await StartAsync(Chat.DevServer.DevServerMode.Production);
        using var admin = ServerClient(server);
        var logs = new CapturingLoggerProvider();
        var options = ClientOptions(server);
        options.LoggerFactory = logs;
        await using var client = new ChatClient(ApiKey, options);
        var good = admin.CreateToken("quinn");
        var expired = admin.CreateToken("quinn", DateTimeOffset.UtcNow.AddMinutes(-10));

        await Assert.ThrowsAsync<ChatApiException>(() => client.ConnectUserAsync(new ChatUser("quinn"), expired));
        await client.ConnectUserAsync(new ChatUser("quinn"), good);
        await client.ConnectUserAsync(new ChatUser("quinn"), good);
        await client.DisconnectUserAsync();

        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(logs.Entries, entry => entry.Text.Contains(good, StringComparison.Ordinal) || entry.Text.Contains(expired, StringComparison.Ordinal));
        Assert.Contains(logs.Entries, entry => entry.Text.Contains("TokenExpired", StringComparison.Ordinal) || entry.Text.Contains("error 40", StringComparison.Ordinal));
    }
}
