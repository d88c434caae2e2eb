using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Chat.DevServer.Tests;

public sealed class RestTests
{
    [Fact]
    public async Task Unread_counts_follow_messages_of_other_members_and_drop_to_zero_after_read()
    {
        await using var server = await Servers.StartAsync();
        Assert.Equal(200, (await Rest.UpsertUsersAsync(server, "alice", "bob")).Status);
        var (created, _) = await Rest.PostAsync(server, "/channels/messaging/general/query", server.CreateServerToken(),
            """{"data": {"members": ["alice", "bob"], "created_by_id": "alice"}}""");
        Assert.Equal(200, created);
        var (aliceSocket, _) = await ChatSocket.ConnectAcceptedAsync(server, "alice");
        await using var _ = aliceSocket;

        var (sent, sentBody) = await Rest.PostAsync(server, "/channels/messaging/general/message", server.CreateUserToken("bob"),
            """{"message": {"text": "hi alice"}}""");
        Assert.Equal(200, sent);
        Assert.Equal("hi alice", (string?)sentBody["message"]!["text"]);
        Assert.Equal("bob", (string?)sentBody["message"]!["user"]!["id"]);

        var pushed = await aliceSocket.ReceiveJsonAsync();
        Assert.Equal("message.new", (string?)pushed["type"]);
        Assert.Equal("messaging:general", (string?)pushed["cid"]);
        Assert.Equal(1, (int)pushed["total_unread_count"]!);

        var (unreadSocket, unreadMe) = await ChatSocket.ConnectAcceptedAsync(server, "alice");
        await unreadSocket.DisposeAsync();
        Assert.Equal(1, (int)unreadMe["total_unread_count"]!);
        Assert.Equal(1, (int)unreadMe["unread_count"]!);
        Assert.Equal(1, (int)unreadMe["unread_channels"]!);
        Assert.Equal(0, (int)unreadMe["unread_threads"]!);

        var (bobSocket, bobMe) = await ChatSocket.ConnectAcceptedAsync(server, "bob");
        await bobSocket.DisposeAsync();
        Assert.Equal(0, (int)bobMe["total_unread_count"]!);

        var (read, readBody) = await Rest.PostAsync(server, "/channels/messaging/general/read", server.CreateUserToken("alice"), "{}");
        Assert.Equal(200, read);
        Assert.Equal("message.read", (string?)readBody["event"]!["type"]);
        var notification = await aliceSocket.ReceiveJsonAsync();
        Assert.Equal("notification.mark_read", (string?)notification["type"]);
        Assert.Equal(0, (int)notification["total_unread_count"]!);

        var (readSocket, readMe) = await ChatSocket.ConnectAcceptedAsync(server, "alice");
        await readSocket.DisposeAsync();
        Assert.Equal(0, (int)readMe["total_unread_count"]!);
        Assert.Equal(0, (int)readMe["unread_channels"]!);
    }

    [Fact]
    public async Task Upsert_users_answers_in_the_sdk_shape_and_replaces_custom_fields()
    {
        await using var server = await Servers.StartAsync();
        var token = server.CreateServerToken();
        await Rest.PostAsync(server, "/users", token, """{"users": {"carol": {"id": "carol", "name": "Carol", "team": "red"}}}""");

        var (status, body) = await Rest.PostAsync(server, "/users", token, """{"users": {"carol": {"id": "carol", "name": "Carol B", "level": 3}}}""");

        Assert.Equal(200, status);
        var carol = body["users"]!["carol"]!.AsObject();
        Assert.Equal("Carol B", (string?)carol["name"]);
        Assert.Equal(3, (int)carol["level"]!);
        Assert.Null(carol["team"]);
        Assert.EndsWith("ms", (string)body["duration"]!, StringComparison.Ordinal);

        var (socket, me) = await ChatSocket.ConnectAcceptedAsync(server, "carol");
        await socket.DisposeAsync();
        Assert.Equal(3, (int)me["level"]!);
    }

    [Fact]
    public async Task Channel_query_gets_or_creates_and_returns_channel_members_and_messages()
    {
        await using var server = await Servers.StartAsync();
        await Rest.UpsertUsersAsync(server, "alice", "bob");
        var aliceToken = server.CreateUserToken("alice");

        var (createdStatus, created) = await Rest.PostAsync(server, "/channels/messaging/team/query", aliceToken,
            """{"data": {"members": ["alice", "bob"], "topic": "launch"}, "state": true, "watch": true}""");
        await Rest.PostAsync(server, "/channels/messaging/team/message", server.CreateServerToken(),
            """{"message": {"text": "from the back end", "user_id": "bob"}}""");
        var (againStatus, again) = await Rest.PostAsync(server, "/channels/messaging/team/query", aliceToken, """{"data": {"members": ["alice"]}}""");

        Assert.Equal(200, createdStatus);
        Assert.Equal(200, againStatus);
        var channel = again["channel"]!.AsObject();
        Assert.Equal("messaging:team", (string?)channel["cid"]);
        Assert.Equal("launch", (string?)channel["topic"]);
        Assert.Equal("alice", (string?)channel["created_by"]!["id"]);
        Assert.Equal((string?)created["channel"]!["created_at"], (string?)channel["created_at"]);
        Assert.Equal(new[] { "alice", "bob" }, again["members"]!.AsArray().Select(member => (string?)member!["user_id"]));
        Assert.Equal("from the back end", (string?)again["messages"]!.AsArray().Single()!["text"]);
        Assert.Equal("alice", (string?)again["membership"]!["user_id"]);
        Assert.Equal(1, (int)again["read"]!.AsArray().Single(read => (string?)read!["user"]!["id"] == "alice")!["unread_messages"]!);
    }

    [Fact]
    public async Task Query_channels_filters_sorts_pages_and_shows_a_user_only_their_channels()
    {
        await using var server = await Servers.StartAsync();
        await Rest.UpsertUsersAsync(server, "alice", "bob", "carol");
        var serverToken = server.CreateServerToken();
        foreach (var (id, members) in new[] { ("one", "\"alice\", \"bob\""), ("two", "\"alice\""), ("three", "\"bob\", \"carol\"") })
        {
            await Rest.PostAsync(server, $"/channels/messaging/{id}/query", serverToken, $$$"""{"data": {"members": [{{{members}}}], "created_by_id": "alice"}}""");
        }

        await Rest.PostAsync(server, "/channels/messaging/one/message", serverToken, """{"message": {"text": "latest", "user_id": "bob"}}""");

        static string Cids(JsonObject body) => string.Join(",", body["channels"]!.AsArray().Select(state => (string?)state!["channel"]!["cid"]));
        var (status, byMember) = await Rest.PostAsync(server, "/channels", server.CreateUserToken("alice"),
            """{"filter_conditions": {"members": {"$in": ["alice"]}}, "sort": [{"field": "last_message_at", "direction": -1}], "state": true, "watch": true}""");
        var (_, byCid) = await Rest.PostAsync(server, "/channels", serverToken,
            """{"filter_conditions": {"cid": {"$in": ["messaging:three", "messaging:two"]}}, "sort": [{"field": "created_at", "direction": 1}]}""");
        var (_, paged) = await Rest.PostAsync(server, "/channels", serverToken,
            """{"filter_conditions": {"type": "messaging"}, "sort": [{"field": "created_at", "direction": 1}], "limit": 1, "offset": 1}""");
        var (_, onlyMine) = await Rest.PostAsync(server, "/channels", server.CreateUserToken("carol"), """{"filter_conditions": {}}""");
        var (unsupported, unsupportedBody) = await Rest.PostAsync(server, "/channels", serverToken, """{"filter_conditions": {"frozen": true}}""");

        Assert.Equal(200, status);
        Assert.Equal("messaging:one,messaging:two", Cids(byMember));
        Assert.Equal("latest", (string?)byMember["channels"]![0]!["messages"]![0]!["text"]);
        Assert.Equal("messaging:two,messaging:three", Cids(byCid));
        Assert.Equal("messaging:two", Cids(paged));
        Assert.Equal("messaging:three", Cids(onlyMine));
        Assert.Equal(400, unsupported);
        Assert.Contains("frozen", (string)unsupportedBody["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-token", 401, 5)]
    [InlineData("bearer-prefix", 401, 5)]
    [InlineData("unknown-api-key", 401, 2)]
    [InlineData("expired-token", 401, 40)]
    [InlineData("user-token-on-upsert", 403, 17)]
    [InlineData("body-not-json", 400, 4)]
    [InlineData("body-without-users", 400, 4)]
    [InlineData("message-without-text", 400, 4)]
    [InlineData("message-as-another-user", 403, 17)]
    [InlineData("message-to-missing-channel", 404, 16)]
    [InlineData("server-message-without-user", 400, 4)]
    [InlineData("channel-with-unknown-member", 400, 4)]
    [InlineData("bad-channel-type", 400, 4)]
    [InlineData("unknown-endpoint", 404, 16)]
    [InlineData("body-too-large", 413, 4)]
    [InlineData("unsupported-auth-type", 400, 4)]
    public async Task Rest_errors_have_the_protocol_shape_and_http_status(string scenario, int expectedStatus, int expectedCode)
    {
        await using var server = await Servers.StartAsync();
        await Rest.UpsertUsersAsync(server, "alice", "bob");
        await Rest.PostAsync(server, "/channels/messaging/general/query", server.CreateServerToken(),
            """{"data": {"members": ["alice", "bob"], "created_by_id": "alice"}}""");
        var alice = server.CreateUserToken("alice");
        var serverToken = server.CreateServerToken();

        var (status, body) = scenario switch
        {
            "no-token" => await Rest.PostAsync(server, "/users", null, """{"users": {}}"""),
            "bearer-prefix" => await Rest.PostAsync(server, "/users", "Bearer " + serverToken, """{"users": {}}"""),
            "unknown-api-key" => await Rest.PostAsync(server, "/users", serverToken, """{"users": {}}""", apiKey: "wrong"),
            "expired-token" => await Rest.PostAsync(server, "/channels/messaging/general/read", server.CreateUserToken("alice", expires: DateTimeOffset.UtcNow.AddHours(-1)), "{}"),
            "user-token-on-upsert" => await Rest.PostAsync(server, "/users", alice, """{"users": {"alice": {"id": "alice"}}}"""),
            "body-not-json" => await Rest.PostAsync(server, "/users", serverToken, "{users"),
            "body-without-users" => await Rest.PostAsync(server, "/users", serverToken, """{"people": []}"""),
            "message-without-text" => await Rest.PostAsync(server, "/channels/messaging/general/message", alice, """{"message": {}}"""),
            "message-as-another-user" => await Rest.PostAsync(server, "/channels/messaging/general/message", alice, """{"message": {"text": "hi", "user_id": "bob"}}"""),
            "message-to-missing-channel" => await Rest.PostAsync(server, "/channels/messaging/nowhere/message", alice, """{"message": {"text": "hi"}}"""),
            "server-message-without-user" => await Rest.PostAsync(server, "/channels/messaging/general/message", serverToken, """{"message": {"text": "hi"}}"""),
            "channel-with-unknown-member" => await Rest.PostAsync(server, "/channels/messaging/other/query", alice, """{"data": {"members": ["alice", "zed"]}}"""),
            "bad-channel-type" => await Rest.PostAsync(server, "/channels/Bad%20Type/general/query", alice, "{}"),
            "unknown-endpoint" => await Rest.PostAsync(server, "/no/such/endpoint", alice, "{}"),
            "body-too-large" => await Rest.PostAsync(server, "/users", serverToken, "{\"users\": {}, \"padding\": \"" + new string('x', 2 * 1024 * 1024) + "\"}"),
            "unsupported-auth-type" => await Rest.PostAsync(server, "/users", serverToken, """{"users": {}}""", authType: "basic"),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };

        Assert.Equal(expectedStatus, status);
        Assert.Equal(expectedCode, (int)body["code"]!);
        Assert.Equal(expectedStatus, (int)body["StatusCode"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["message"]));
        Assert.Equal("", (string?)body["duration"]);
        Assert.Equal("", (string?)body["more_info"]);
        Assert.Empty(body["details"]!.AsArray());
    }

    [Fact]
    public async Task Cors_preflight_and_responses_allow_any_origin()
    {
        await using var server = await Servers.StartAsync();
        using var http = new HttpClient { Timeout = ChatSocket.Timeout };
        using var preflight = new HttpRequestMessage(HttpMethod.Options, Rest.Url(server, "/channels/messaging/general/query"));
        preflight.Headers.Add("Origin", "http://127.0.0.1:5173");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,stream-auth-type,x-stream-client,content-type");

        using var preflightResponse = await http.SendAsync(preflight);

        Assert.True(preflightResponse.IsSuccessStatusCode, $"preflight answered {preflightResponse.StatusCode}");
        Assert.Equal("*", preflightResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", string.Join(",", preflightResponse.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("authorization", string.Join(",", preflightResponse.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.HttpUrl, "debug/connections"));
        request.Headers.Add("Origin", "http://127.0.0.1:5173");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Debug_connections_lists_open_connections_per_user_in_development()
    {
        await using var server = await Servers.StartAsync(DevServerMode.Development);
        var (alice, _) = await ChatSocket.ConnectAcceptedAsync(server, "alice");
        await using var _ = alice;
        var (bob, _) = await ChatSocket.ConnectAcceptedAsync(server, "bob");
        await using var __ = bob;

        var (status, body) = await Rest.GetAsync(server, "debug/connections");

        Assert.Equal(200, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"total": 2, "users": {"alice": 1, "bob": 1}}"""), body), body.ToJsonString());
    }

    [Fact]
    public async Task Debug_connections_is_404_in_production()
    {
        await using var server = await Servers.StartAsync(DevServerMode.Production);

        var (status, body) = await Rest.GetAsync(server, "debug/connections");

        Assert.Equal(404, status);
        Assert.Equal(404, (int)body["StatusCode"]!);
    }
}
