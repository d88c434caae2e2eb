using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Chat.DevServer.Tests;

public sealed class HeartbeatAndBadInputTests
{
    [Theory]
    [InlineData("{\"type\":\"health.check\",\"client_id\":\"alice--1\"}")]
    [InlineData("[{\"type\":\"health.check\",\"client_id\":\"alice--1\"}]")]
    public async Task A_health_check_as_object_or_array_gets_a_health_check_reply(string heartbeat)
    {
        await using var server = await Servers.StartAsync();
        var (socket, first) = await ChatSocket.ConnectAsync(server, "alice", server.CreateUserToken("alice"));
        await using var _ = socket;

        await socket.SendTextAsync(heartbeat);
        var reply = await socket.ReceiveJsonAsync();

        Assert.Equal("health.check", (string?)reply["type"]);
        Assert.Equal((string?)first["connection_id"], (string?)reply["connection_id"]);
        Assert.NotNull(reply["created_at"]);
        Assert.Null(reply["me"]);
    }

    [Fact]
    public async Task A_frame_over_the_limit_closes_with_1009_and_frees_the_slot()
    {
        await using var server = await Servers.StartAsync();
        var (socket, _) = await ChatSocket.ConnectAcceptedAsync(server, "alice");
        await using var __ = socket;

        await socket.SendTextAsync("[\"" + new string('x', server.Options.MaxFrameBytes + 1024) + "\"]");

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, (await socket.ReceiveCloseAsync()).Status);
        await Eventually.AssertAsync(() => server.OpenConnections("alice") == 0, () => $"alice has {server.OpenConnections("alice")} connections");
    }

    [Fact]
    public async Task A_message_over_the_limit_in_small_fragments_closes_with_1009()
    {
        await using var server = await Servers.StartAsync(configure: options => options.MaxFrameBytes = 4096);
        var (socket, _) = await ChatSocket.ConnectAcceptedAsync(server, "alice");
        await using var __ = socket;

        using var timeout = new CancellationTokenSource(ChatSocket.Timeout);
        var fragment = Encoding.UTF8.GetBytes(new string(' ', 1000));
        for (var index = 0; index < 5; index++)
        {
            await socket.Socket.SendAsync(fragment, WebSocketMessageType.Text, endOfMessage: false, timeout.Token);
        }

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, (await socket.ReceiveCloseAsync()).Status);
        await Eventually.AssertAsync(() => server.TotalOpenConnections == 0, () => $"{server.TotalOpenConnections} connections still counted");
    }

    [Fact]
    public async Task Frames_that_are_not_json_or_not_heartbeats_are_ignored_and_the_connection_stays()
    {
        await using var server = await Servers.StartAsync();
        var (socket, _) = await ChatSocket.ConnectAcceptedAsync(server, "alice");
        await using var __ = socket;
        using var timeout = new CancellationTokenSource(ChatSocket.Timeout);

        await socket.SendTextAsync("this is not JSON");
        await socket.SendTextAsync("{\"type\":\"typing.start\"}");
        await socket.SendTextAsync("[1, \"two\", null]");
        await socket.Socket.SendAsync(new byte[] { 0, 1, 2, 255 }, WebSocketMessageType.Binary, endOfMessage: true, timeout.Token);
        await socket.SendTextAsync("{\"type\":\"health.check\"}");

        // The heartbeat reply is the first frame back: nothing before it was answered or fatal.
        Assert.Equal("health.check", (string?)(await socket.ReceiveJsonAsync())["type"]);
        Assert.Equal(1, server.OpenConnections("alice"));
    }

    [Fact]
    public async Task Invalid_utf8_in_a_text_frame_ends_the_connection_and_frees_the_slot()
    {
        await using var server = await Servers.StartAsync();
        var (socket, _) = await ChatSocket.ConnectAcceptedAsync(server, "alice");
        await using var __ = socket;
        using var timeout = new CancellationTokenSource(ChatSocket.Timeout);

        await socket.Socket.SendAsync(new byte[] { 0x7b, 0xff, 0xfe, 0x7d }, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);

        await Eventually.AssertAsync(() => server.OpenConnections("alice") == 0, () => $"alice has {server.OpenConnections("alice")} connections");
    }

    [Fact]
    public async Task An_aborted_socket_frees_its_slot()
    {
        await using var server = await Servers.StartAsync();
        var (socket, _) = await ChatSocket.ConnectAcceptedAsync(server, "alice");
        await using var __ = socket;
        Assert.Equal(1, server.OpenConnections("alice"));

        socket.Socket.Abort();

        await Eventually.AssertAsync(() => server.OpenConnections("alice") == 0, () => $"alice has {server.OpenConnections("alice")} connections");
        Assert.Equal(0, server.TotalOpenConnections);
    }
}
