using System;
using System.Linq;
using System.Threading.Tasks;
using static Chat.Client.Tests.TestServers;

namespace Chat.Client.Tests;

public sealed class ConnectTests
{
    [Fact]
    public async Task Connect_returns_me_with_the_unread_counts_left_by_another_user()
    {
        await using var server = await StartAsync();
        using var admin = ServerClient(server);
        await admin.UpsertUsersAsync(new[] { new ChatUser("alice"), new ChatUser("bob") });
        await admin.GetOrCreateChannelAsync("messaging", "general", new[] { "alice", "bob" }, createdById: "bob");
        await admin.SendMessageAsync("messaging", "general", "bob", "hello");
        await admin.SendMessageAsync("messaging", "general", "bob", "anyone here?");
        await using var client = new ChatClient(ApiKey, ClientOptions(server));

        var response = await client.ConnectUserAsync(new ChatUser("alice"), ChatClient.DevToken("alice"));

        Assert.Equal("alice", response.Me.Id);
        Assert.Equal(2, response.Me.TotalUnreadCount);
        Assert.Equal(2, response.Me.UnreadCount);
        Assert.Equal(1, response.Me.UnreadChannels);
        Assert.False(string.IsNullOrEmpty(response.ConnectionId));
        Assert.Equal(response.ConnectionId, client.ConnectionId);
        Assert.Same(response.Me, client.CurrentUser);
        Assert.Equal(ConnectionState.Connected, client.ConnectionState);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Marking_read_with_the_server_client_clears_the_unread_counts_of_that_user_only()
    {
        await using var server = await StartAsync();
        using var admin = ServerClient(server);
        await admin.UpsertUsersAsync(new[] { new ChatUser("amy"), new ChatUser("ben"), new ChatUser("cat") });
        await admin.GetOrCreateChannelAsync("messaging", "team", new[] { "amy", "ben", "cat" }, createdById: "cat");
        await admin.SendMessageAsync("messaging", "team", "cat", "standup in 5");

        await admin.MarkReadAsync("messaging", "team", "amy");

        await using var amy = new ChatClient(ApiKey, ClientOptions(server));
        await using var ben = new ChatClient(ApiKey, ClientOptions(server));
        Assert.Equal(0, (await amy.ConnectUserAsync(new ChatUser("amy"), ChatClient.DevToken("amy"))).Me.TotalUnreadCount);
        Assert.Equal(1, (await ben.ConnectUserAsync(new ChatUser("ben"), ChatClient.DevToken("ben"))).Me.TotalUnreadCount);
    }

    [Fact]
    public async Task Connect_creates_the_user_and_a_later_connect_updates_only_the_fields_it_sends()
    {
        await using var server = await StartAsync();
        var first = new ChatUser("carol") { Name = "Carol" };
        first["color"] = "red";
        await using (var client = new ChatClient(ApiKey, ClientOptions(server)))
        {
            var created = await client.ConnectUserAsync(first, ChatClient.DevToken("carol"));
            Assert.Equal("Carol", created.Me.Name);
            Assert.Equal("red", created.Me.Custom["color"].GetString());
        }

        var second = new ChatUser("carol") { Image = "https://example.com/carol.png" };
        second.Custom["team"] = "blue";
        second.Custom["level"] = 3;
        await using var next = new ChatClient(ApiKey, ClientOptions(server));
        var updated = await next.ConnectUserAsync(second, ChatClient.DevToken("carol"));

        Assert.Equal("Carol", updated.Me.Name);
        Assert.Equal("https://example.com/carol.png", updated.Me.Image);
        Assert.Equal("red", updated.Me.Custom["color"].GetString());
        Assert.Equal("blue", updated.Me.Custom["team"].GetString());
        Assert.Equal(3, updated.Me.Custom["level"].GetInt32());
        Assert.Equal("user", updated.Me.Role);
        Assert.NotNull(updated.Me.CreatedAt);
        Assert.False(updated.Me.Custom.ContainsKey("devices"));
    }

    [Fact]
    public async Task Users_upserted_by_the_back_end_keep_their_fields_when_they_connect_without_them()
    {
        await using var server = await StartAsync();
        using var admin = ServerClient(server);
        var stored = new ChatUser("dora") { Name = "Dora" };
        stored["plan"] = "pro";
        await admin.UpsertUserAsync(stored);
        await using var client = new ChatClient(ApiKey, ClientOptions(server));

        var response = await client.ConnectUserAsync(new ChatUser("dora"), admin.CreateToken("dora"));

        Assert.Equal("Dora", response.Me.Name);
        Assert.Equal("pro", response.Me.Custom["plan"].GetString());
    }

    [Fact]
    public async Task A_dev_token_is_an_unsigned_jwt_for_the_user_that_development_mode_accepts()
    {
        var token = ChatClient.DevToken("eve");

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", Decode(parts[0]));
        Assert.Equal("""{"user_id":"eve"}""", Decode(parts[1]));
        Assert.Equal("devtoken", parts[2]);
        Assert.DoesNotContain('=', token);

        await using var server = await StartAsync();
        await using var client = new ChatClient(ApiKey, ClientOptions(server));
        Assert.Equal("eve", (await client.ConnectUserAsync(new ChatUser("eve"), token)).Me.Id);
    }

    [Fact]
    public async Task Tokens_from_the_server_client_carry_user_id_iat_and_exp_and_the_server_accepts_them()
    {
        await using var server = await StartAsync(Chat.DevServer.DevServerMode.Production);
        using var admin = ServerClient(server);
        var expires = DateTimeOffset.UtcNow.AddHours(1);

        var token = admin.CreateToken("finn", expires);

        using var payload = System.Text.Json.JsonDocument.Parse(Decode(token.Split('.')[1]));
        Assert.Equal("finn", payload.RootElement.GetProperty("user_id").GetString());
        Assert.Equal(expires.ToUnixTimeSeconds(), payload.RootElement.GetProperty("exp").GetInt64());
        Assert.InRange(payload.RootElement.GetProperty("iat").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await using var client = new ChatClient(ApiKey, ClientOptions(server));
        Assert.Equal("finn", (await client.ConnectUserAsync(new ChatUser("finn"), token)).Me.Id);
    }

    [Fact]
    public async Task Rest_errors_carry_the_protocol_code_and_the_http_status()
    {
        await using var server = await StartAsync();
        using var admin = ServerClient(server);
        using var intruder = new ChatServerClient(ApiKey, "a-different-secret-that-is-32-bytes-long", new ChatServerClientOptions { BaseUrl = server.HttpUrl });

        var badSignature = await Assert.ThrowsAsync<ChatApiException>(() => intruder.UpsertUserAsync(new ChatUser("gus")));
        var missingChannel = await Assert.ThrowsAsync<ChatApiException>(() => admin.SendMessageAsync("messaging", "nowhere", "gus", "hi"));

        Assert.Equal(ChatErrorCodes.TokenSignatureInvalid, badSignature.Code);
        Assert.Equal(401, badSignature.StatusCode);
        Assert.Equal(404, missingChannel.StatusCode);
        Assert.NotEqual(0, missingChannel.Code);
    }

    private static string Decode(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
    }
}
