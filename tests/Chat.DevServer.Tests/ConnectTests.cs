using System;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Chat.DevServer.Tests;

public sealed class ConnectTests
{
    [Fact]
    public async Task Success_first_frame_is_a_health_check_with_every_me_field()
    {
        await using var server = await Servers.StartAsync();
        var details = new JsonObject { ["id"] = "alice", ["name"] = "Alice", ["favorite_color"] = "blue" };
        var (socket, frame) = await ChatSocket.ConnectAsync(server, "alice", server.CreateUserToken("alice"), details);
        await using var _ = socket;

        Assert.Equal("health.check", (string?)frame["type"]);
        Assert.False(string.IsNullOrEmpty((string?)frame["connection_id"]));
        Assert.Equal("*", (string?)frame["cid"]);
        DateTime.Parse((string)frame["created_at"]!, CultureInfo.InvariantCulture);

        var me = frame["me"]!.AsObject();
        Assert.Equal("alice", (string?)me["id"]);
        Assert.Equal("Alice", (string?)me["name"]);
        Assert.Equal("user", (string?)me["role"]);
        Assert.Equal("blue", (string?)me["favorite_color"]);
        Assert.True((bool)me["online"]!);
        foreach (var timestamp in new[] { "created_at", "updated_at", "last_active" })
        {
            DateTime.Parse((string)me[timestamp]!, CultureInfo.InvariantCulture);
        }

        foreach (var count in new[] { "total_unread_count", "unread_count", "unread_channels", "unread_threads" })
        {
            Assert.Equal(0, (int)me[count]!);
        }

        foreach (var array in new[] { "devices", "mutes", "channel_mutes" })
        {
            Assert.Empty(Assert.IsType<JsonArray>(me[array]));
        }

        Assert.Equal(1, server.OpenConnections("alice"));
    }

    [Theory]
    [InlineData("bad-json", 4)]
    [InlineData("json-not-an-object", 4)]
    [InlineData("missing-json", 4)]
    [InlineData("missing-user-id", 4)]
    [InlineData("user-details-id-differs", 4)]
    [InlineData("unknown-api-key", 2)]
    [InlineData("missing-api-key", 2)]
    [InlineData("anonymous-auth", 5)]
    [InlineData("missing-token", 5)]
    [InlineData("malformed-token", 5)]
    [InlineData("expired-token", 40)]
    [InlineData("token-not-valid-yet", 41)]
    [InlineData("token-issued-in-the-future", 42)]
    [InlineData("signed-with-another-secret", 43)]
    [InlineData("token-of-another-user", 43)]
    [InlineData("server-token", 43)]
    public async Task Refused_connection_gets_connection_error_then_close_1000(string scenario, int expectedCode)
    {
        await using var server = await Servers.StartAsync();
        var json = ChatSocket.ConnectJson("alice");
        var apiKey = server.Options.ApiKey;
        var token = server.CreateUserToken("alice");
        var authType = "jwt";
        var now = DateTimeOffset.UtcNow;
        switch (scenario)
        {
            case "bad-json": json = "{\"user_id\": \"alice\""; break;
            case "json-not-an-object": json = "[\"alice\"]"; break;
            case "missing-json": json = null; break;
            case "missing-user-id": json = "{\"user_details\": {\"name\": \"Alice\"}}"; break;
            case "user-details-id-differs": json = "{\"user_id\": \"alice\", \"user_details\": {\"id\": \"bob\"}}"; break;
            case "unknown-api-key": apiKey = "not-the-key"; break;
            case "missing-api-key": apiKey = null; break;
            case "anonymous-auth": authType = "anonymous"; break;
            case "missing-token": token = null; break;
            case "malformed-token": token = "not-a-jwt"; break;
            case "expired-token": token = server.CreateUserToken("alice", expires: now.AddHours(-1)); break;
            case "token-not-valid-yet": token = server.CreateUserToken("alice", notBefore: now.AddHours(1)); break;
            case "token-issued-in-the-future": token = server.CreateUserToken("alice", issuedAt: now.AddHours(1)); break;
            case "signed-with-another-secret": token = Tokens.Sign(new JsonObject { ["user_id"] = "alice" }, "a-completely-different-secret-of-sufficient-length"); break;
            case "token-of-another-user": token = server.CreateUserToken("bob"); break;
            case "server-token": token = server.CreateServerToken(); break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }

        await using var socket = await ChatSocket.OpenAsync(ChatSocket.ConnectUri(server, json, apiKey, token, authType));
        var frame = await socket.ReceiveJsonAsync();
        var (closeStatus, _) = await socket.ReceiveCloseAsync();

        Assert.Equal("connection.error", (string?)frame["type"]);
        Assert.Equal("", (string?)frame["connection_id"]);
        DateTime.Parse((string)frame["created_at"]!, CultureInfo.InvariantCulture);
        var error = frame["error"]!.AsObject();
        Assert.Equal(expectedCode, (int)error["code"]!);
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
        Assert.Contains((int)error["StatusCode"]!, new[] { 400, 401 });
        Assert.Equal("", (string?)error["duration"]);
        Assert.Equal("", (string?)error["more_info"]);
        Assert.Empty(error["details"]!.AsArray());
        if (expectedCode is 40 or 41 or 42 or 43 || scenario is "malformed-token" or "missing-token")
        {
            Assert.StartsWith("JWTAuth error:", (string)error["message"]!, StringComparison.Ordinal);
        }

        Assert.Equal(WebSocketCloseStatus.NormalClosure, closeStatus);
        Assert.Equal(0, server.TotalOpenConnections);
    }

    [Fact]
    public async Task Older_payload_with_user_token_and_server_determines_connection_id_is_accepted()
    {
        await using var server = await Servers.StartAsync();
        var json = new JsonObject
        {
            ["user_id"] = "alice",
            ["user_details"] = new JsonObject { ["id"] = "alice" },
            ["user_token"] = server.CreateUserToken("alice"),
            ["server_determines_connection_id"] = true,
        }.ToJsonString();

        await using var socket = await ChatSocket.OpenAsync(ChatSocket.ConnectUri(server, json, server.Options.ApiKey, token: null));
        var frame = await socket.ReceiveJsonAsync();

        Assert.Equal("health.check", (string?)frame["type"]);
        Assert.Equal("alice", (string?)frame["me"]!["id"]);
    }

    [Theory]
    [InlineData("devtoken")]
    [InlineData("devToken")]
    public async Task Dev_tokens_are_accepted_in_development_mode(string signature)
    {
        await using var server = await Servers.StartAsync(DevServerMode.Development);
        var (socket, me) = await ChatSocket.ConnectAcceptedAsync(server, "danny", Tokens.DevToken("danny", signature));
        await using var _ = socket;

        Assert.Equal("danny", (string?)me["id"]);
    }

    [Theory]
    [InlineData("devtoken")]
    [InlineData("devToken")]
    public async Task Dev_tokens_are_refused_in_production_mode(string signature)
    {
        await using var server = await Servers.StartAsync(DevServerMode.Production);
        var (socket, frame) = await ChatSocket.ConnectAsync(server, "danny", Tokens.DevToken("danny", signature));
        await using var _ = socket;

        Assert.Equal("connection.error", (string?)frame["type"]);
        Assert.Equal(43, (int)frame["error"]!["code"]!);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, (await socket.ReceiveCloseAsync()).Status);
    }

    [Fact]
    public async Task Connecting_gets_or_creates_the_user_and_updates_only_the_fields_sent()
    {
        await using var server = await Servers.StartAsync();
        var (first, firstMe) = await ChatSocket.ConnectAcceptedAsync(server, "erin", userDetails: new JsonObject
        {
            ["id"] = "erin",
            ["name"] = "Erin",
            ["team"] = "red",
            ["color"] = "blue",
        });
        await first.CloseAsync();

        var (second, secondMe) = await ChatSocket.ConnectAcceptedAsync(server, "erin", userDetails: new JsonObject
        {
            ["id"] = "erin",
            ["color"] = "green",
            ["total_unread_count"] = 99,
        });
        await using var _ = second;

        Assert.Equal("Erin", (string?)secondMe["name"]);
        Assert.Equal("red", (string?)secondMe["team"]);
        Assert.Equal("green", (string?)secondMe["color"]);
        Assert.Equal(0, (int)secondMe["total_unread_count"]!);
        Assert.Equal((string?)firstMe["created_at"], (string?)secondMe["created_at"]);
    }

    [Fact]
    public async Task A_browser_origin_on_another_port_may_connect()
    {
        await using var server = await Servers.StartAsync();
        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("Origin", "http://127.0.0.1:5173");
        using var timeout = new System.Threading.CancellationTokenSource(ChatSocket.Timeout);
        var uri = ChatSocket.ConnectUri(server, ChatSocket.ConnectJson("alice"), server.Options.ApiKey, server.CreateUserToken("alice"));

        await client.ConnectAsync(uri, timeout.Token);
        var buffer = new byte[16 * 1024];
        var received = await client.ReceiveAsync(buffer, timeout.Token);

        Assert.Equal("health.check", (string?)JsonNode.Parse(buffer.AsSpan(0, received.Count))!["type"]);
        client.Abort();
    }

    [Fact]
    public async Task Plain_http_get_on_connect_is_a_400_error()
    {
        await using var server = await Servers.StartAsync();

        var (status, body) = await Rest.GetAsync(server, "connect");

        Assert.Equal(400, status);
        Assert.Equal(4, (int)body["code"]!);
    }
}

internal static class Tokens
{
    /// <summary>An HS256 JWT built independently of the server's own token code.</summary>
    public static string Sign(JsonObject payload, string secret)
    {
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
        return handler.CreateToken(
            payload.ToJsonString(),
            new Microsoft.IdentityModel.Tokens.SigningCredentials(key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256));
    }

    /// <summary>
    /// A development token as the SDKs build it: the JavaScript SDK encodes the payload in padded
    /// standard base64 and signs "devtoken", the Unity SDK uses base64url and "devToken".
    /// </summary>
    public static string DevToken(string userId, string signature)
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["user_id"] = userId }.ToJsonString()));
        if (signature == "devToken")
        {
            payload = payload.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + payload + "." + signature;
    }
}
