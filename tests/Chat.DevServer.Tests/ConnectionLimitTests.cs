using System.Collections.Generic;
using System.Linq;
using System.Net.WebSockets;
using System.Threading.Tasks;

namespace Chat.DevServer.Tests;

public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task Development_limit_of_3_holds_exactly_under_20_concurrent_connects()
    {
        await using var server = await Servers.StartAsync(DevServerMode.Development);
        var token = server.CreateUserToken("alice");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ChatSocket.ConnectAsync(server, "alice", token)));
        try
        {
            var accepted = attempts.Where(attempt => (string?)attempt.FirstFrame["type"] == "health.check").ToList();
            var refused = attempts.Where(attempt => (string?)attempt.FirstFrame["type"] == "connection.error").ToList();

            Assert.Equal(3, accepted.Count);
            Assert.Equal(17, refused.Count);
            foreach (var (socket, frame) in refused)
            {
                Assert.Equal(71, (int)frame["error"]!["code"]!);
                Assert.Contains("too many connections", (string)frame["error"]!["message"]!, System.StringComparison.Ordinal);
                Assert.Equal(WebSocketCloseStatus.NormalClosure, (await socket.ReceiveCloseAsync()).Status);
            }

            var (status, connections) = await Rest.GetAsync(server, "debug/connections");
            Assert.Equal(200, status);
            Assert.Equal(3, (int)connections["total"]!);
            Assert.Equal(3, (int)connections["users"]!["alice"]!);
            Assert.Equal(3, server.OpenConnections("alice"));

            // The refusals left the accepted connections alone: each still answers a heartbeat.
            foreach (var (socket, _) in accepted)
            {
                await socket.SendTextAsync("{\"type\":\"health.check\"}");
                Assert.Equal("health.check", (string?)(await socket.ReceiveJsonAsync())["type"]);
            }
        }
        finally
        {
            foreach (var (socket, _) in attempts)
            {
                await socket.DisposeAsync();
            }
        }

        await Eventually.AssertAsync(() => server.TotalOpenConnections == 0, () => $"{server.TotalOpenConnections} connections still counted");
    }

    [Fact]
    public async Task The_limit_is_per_user_and_a_closed_connection_frees_its_slot()
    {
        await using var server = await Servers.StartAsync(DevServerMode.Development);
        var open = new List<ChatSocket>();
        try
        {
            for (var index = 0; index < 3; index++)
            {
                open.Add((await ChatSocket.ConnectAcceptedAsync(server, "alice")).Socket);
            }

            var (bob, _) = await ChatSocket.ConnectAcceptedAsync(server, "bob");
            open.Add(bob);

            await open[0].CloseAsync();
            await Eventually.AssertAsync(() => server.OpenConnections("alice") == 2, () => $"alice has {server.OpenConnections("alice")} connections");
            open.Add((await ChatSocket.ConnectAcceptedAsync(server, "alice")).Socket);

            Assert.Equal(3, server.OpenConnections("alice"));
            Assert.Equal(1, server.OpenConnections("bob"));
        }
        finally
        {
            foreach (var socket in open)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Production_allows_50_connections_per_user_and_refuses_the_51st()
    {
        await using var server = await Servers.StartAsync(DevServerMode.Production);
        var token = server.CreateUserToken("alice");
        var open = new List<ChatSocket>();
        try
        {
            var accepted = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ChatSocket.ConnectAsync(server, "alice", token)));
            open.AddRange(accepted.Select(attempt => attempt.Socket));
            Assert.All(accepted, attempt => Assert.Equal("health.check", (string?)attempt.FirstFrame["type"]));

            var (extra, frame) = await ChatSocket.ConnectAsync(server, "alice", token);
            open.Add(extra);

            Assert.Equal("connection.error", (string?)frame["type"]);
            Assert.Equal(71, (int)frame["error"]!["code"]!);
            Assert.Equal(50, server.OpenConnections("alice"));
        }
        finally
        {
            foreach (var socket in open)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_configured_limit_overrides_the_mode_default()
    {
        await using var server = await Servers.StartAsync(DevServerMode.Production, options => options.ConnectionLimitPerUser = 1);
        var (first, _) = await ChatSocket.ConnectAcceptedAsync(server, "alice");
        await using var _ = first;

        var (second, frame) = await ChatSocket.ConnectAsync(server, "alice", server.CreateUserToken("alice"));
        await using var __ = second;

        Assert.Equal(71, (int)frame["error"]!["code"]!);
        Assert.Equal(1, server.OpenConnections("alice"));
    }
}
