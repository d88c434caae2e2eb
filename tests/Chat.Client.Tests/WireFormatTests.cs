using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;

namespace Chat.Client.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public async Task The_connect_url_carries_the_user_details_the_api_key_and_the_token()
    {
        await using var server = await ScriptedServer.StartAsync(async connection =>
        {
            await connection.SendWelcomeAsync("xena");
            await connection.ReceiveUntilClosedAsync(answerHeartbeats: true);
        });
        await using var client = new ChatClient("the-key", new ChatClientOptions { BaseUrl = server.WebSocketUrl });
        var user = new ChatUser("xena") { Name = "Xena" };
        user["tags"] = new[] { "a", "b" };
        user["score"] = 4.5;
        user["nickname"] = null;
        var token = ChatClient.DevToken("xena");

        var response = await client.ConnectUserAsync(user, token);

        var query = QueryHelpers.ParseQuery(Assert.Single(server.ConnectQueries));
        Assert.Equal("the-key", query["api_key"].ToString());
        Assert.Equal(token, query["authorization"].ToString());
        Assert.Equal("jwt", query["stream-auth-type"].ToString());
        using var json = JsonDocument.Parse(query["json"].ToString());
        var root = json.RootElement;
        Assert.Equal("xena", root.GetProperty("user_id").GetString());
        Assert.True(Guid.TryParse(root.GetProperty("client_request_id").GetString(), out _));
        var details = root.GetProperty("user_details");
        Assert.Equal(
            """{"id":"xena","name":"Xena","tags":["a","b"],"score":4.5,"nickname":null}""",
            details.GetRawText());
        Assert.Equal("conn-1", response.ConnectionId);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567), response.Me.CreatedAt);
        Assert.True(response.Me.Online);
    }

    [Theory]
    [InlineData("http://127.0.0.1:3030", "ws://127.0.0.1:3030/")]
    [InlineData("https://chat.example.com/v1", "wss://chat.example.com/v1/")]
    [InlineData("wss://chat.example.com/v1/?region=eu", "wss://chat.example.com/v1/")]
    public void The_base_url_becomes_a_websocket_directory_so_connect_resolves_under_it(string configured, string expected)
    {
        var settings = new ChatClientSettings("key", new ChatClientOptions { BaseUrl = new Uri(configured) });

        Assert.Equal(new Uri(expected), settings.BaseUrl);
        Assert.Equal(new Uri(expected + "connect"), new Uri(settings.BaseUrl, "connect"));
    }

    [Fact]
    public void Custom_values_json_cannot_represent_are_rejected_before_any_io()
    {
        using var probe = new MetricsProbe();
        using var client = new ChatClient("key", new ChatClientOptions { MeterFactory = probe });
        var user = new ChatUser("yara");
        user["bad"] = double.NaN;

        var error = Assert.Throws<ArgumentException>("user", () => { _ = client.ConnectUserAsync(user, ChatClient.DevToken("yara")); });

        Assert.Contains("bad", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, probe.ConnectAttempts);
    }
}
