using System.Net.WebSockets;
using System.Threading.Tasks;

namespace Chat.DevServer.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_closes_every_socket_with_4000_so_that_clients_reconnect()
    {
        await using var server = await Servers.StartAsync();
        var (alice, _) = await ChatSocket.ConnectAcceptedAsync(server, "alice");
        await using var _ = alice;
        var (bob, _) = await ChatSocket.ConnectAcceptedAsync(server, "bob");
        await using var __ = bob;

        var stopping = server.StopAsync();
        var aliceClose = await alice.ReceiveCloseAsync();
        var bobClose = await bob.ReceiveCloseAsync();
        await stopping;

        Assert.Equal((WebSocketCloseStatus)4000, aliceClose.Status);
        Assert.Equal("server shutting down", aliceClose.Reason);
        Assert.Equal((WebSocketCloseStatus)4000, bobClose.Status);
        Assert.Equal(0, server.TotalOpenConnections);
    }

    [Fact]
    public async Task A_server_restarted_on_the_same_port_accepts_connections_again()
    {
        int port;
        await using (var first = await Servers.StartAsync())
        {
            port = first.Port;
            var (socket, _) = await ChatSocket.ConnectAcceptedAsync(first, "alice");
            await using var _ = socket;
            await first.StopAsync();
            Assert.Equal((WebSocketCloseStatus)4000, (await socket.ReceiveCloseAsync()).Status);
        }

        await using var second = await DevServer.StartAsync(new DevServerOptions { Port = port });
        var (again, me) = await ChatSocket.ConnectAcceptedAsync(second, "alice");
        await using var __ = again;

        Assert.Equal(port, second.Port);
        Assert.Equal("alice", (string?)me["id"]);
    }
}
