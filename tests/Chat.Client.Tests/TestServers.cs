using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Chat.DevServer;

namespace Chat.Client.Tests;

/// <summary>Starts in-process development servers on free loopback ports and builds clients for them.</summary>
internal static class TestServers
{
    public const string ApiKey = "client-tests-key";

    public const string ApiSecret = "client-tests-secret-long-enough-for-hs256";

    public static Task<Chat.DevServer.DevServer> StartAsync(DevServerMode mode = DevServerMode.Development, int port = 0) =>
        Chat.DevServer.DevServer.StartAsync(new DevServerOptions { ApiKey = ApiKey, ApiSecret = ApiSecret, Mode = mode, Port = port });

    public static ChatClientOptions ClientOptions(Chat.DevServer.DevServer server, IMeterFactory? meters = null) => new()
    {
        BaseUrl = server.WebSocketUrl,
        MeterFactory = meters,
        // Reconnects after a restart should not wait out the production backoff.
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    public static ChatServerClient ServerClient(Chat.DevServer.DevServer server) =>
        new(ApiKey, ApiSecret, new ChatServerClientOptions { BaseUrl = server.HttpUrl });

    /// <summary>Open sockets per user, as the server's <c>/debug/connections</c> reports them.</summary>
    public static async Task<(int Total, IReadOnlyDictionary<string, int> Users)> DebugConnectionsAsync(Chat.DevServer.DevServer server)
    {
        using var http = new HttpClient();
        var json = await http.GetStringAsync(new Uri(server.HttpUrl, "debug/connections"));
        using var document = JsonDocument.Parse(json);
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var user in document.RootElement.GetProperty("users").EnumerateObject())
        {
            users[user.Name] = user.Value.GetInt32();
        }

        return (document.RootElement.GetProperty("total").GetInt32(), users);
    }

    public static async Task<int> DebugConnectionsOfAsync(Chat.DevServer.DevServer server, string userId)
    {
        var (_, users) = await DebugConnectionsAsync(server);
        return users.TryGetValue(userId, out var count) ? count : 0;
    }
}
