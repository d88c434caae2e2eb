using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Chat.DevServer;
using static Chat.Client.Tests.TestServers;

namespace Chat.Client.Tests;

public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task In_development_mode_the_fourth_client_of_a_user_gets_error_71_and_the_others_stay_connected()
    {
        await using var server = await StartAsync(DevServerMode.Development);
        var clients = Enumerable.Range(0, 4).Select(_ => new ChatClient(ApiKey, ClientOptions(server))).ToList();
        try
        {
            foreach (var client in clients.Take(3))
            {
                await client.ConnectUserAsync(new ChatUser("gina"), ChatClient.DevToken("gina"));
            }

            var refused = await Assert.ThrowsAsync<ChatApiException>(() => clients[3].ConnectUserAsync(new ChatUser("gina"), ChatClient.DevToken("gina")));

            Assert.Equal(ChatErrorCodes.TooManyConnections, refused.Code);
            Assert.Equal(ConnectionState.Disconnected, clients[3].ConnectionState);
            Assert.All(clients.Take(3), client => Assert.True(client.IsConnected));
            Assert.Equal(3, await DebugConnectionsOfAsync(server, "gina"));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [Fact]
    public async Task In_production_mode_fifty_clients_of_a_user_connect_and_the_fifty_first_is_refused()
    {
        await using var server = await StartAsync(DevServerMode.Production);
        using var admin = ServerClient(server);
        var token = admin.CreateToken("ivy");
        var clients = Enumerable.Range(0, 51).Select(_ => new ChatClient(ApiKey, ClientOptions(server))).ToList();
        try
        {
            await Task.WhenAll(clients.Take(50).Select(client => client.ConnectUserAsync(new ChatUser("ivy"), token)));

            var refused = await Assert.ThrowsAsync<ChatApiException>(() => clients[50].ConnectUserAsync(new ChatUser("ivy"), token));

            Assert.Equal(ChatErrorCodes.TooManyConnections, refused.Code);
            Assert.All(clients.Take(50), client => Assert.True(client.IsConnected));
            Assert.Equal(50, server.OpenConnections("ivy"));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    private static Task DisposeAllAsync(IEnumerable<ChatClient> clients) =>
        Task.WhenAll(clients.Select(client => client.DisposeAsync().AsTask()));
}
