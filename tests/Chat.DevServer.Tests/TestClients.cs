using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Chat.DevServer.Tests;

/// <summary>A raw WebSocket client of the dev server, with bounded waits so that no test can hang.</summary>
internal sealed class ChatSocket : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private ChatSocket(ClientWebSocket socket)
    {
        Socket = socket;
    }

    public ClientWebSocket Socket { get; }

    public static async Task<ChatSocket> OpenAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return new ChatSocket(socket);
    }

    /// <summary>Opens a connection as <paramref name="userId"/> and returns it with its first frame.</summary>
    public static async Task<(ChatSocket Socket, JsonObject FirstFrame)> ConnectAsync(DevServer server, string userId, string token, JsonObject? userDetails = null)
    {
        var socket = await OpenAsync(ConnectUri(server, ConnectJson(userId, userDetails), server.Options.ApiKey, token));
        return (socket, await socket.ReceiveJsonAsync());
    }

    /// <summary>Connects and asserts the server accepted the connection.</summary>
    public static async Task<(ChatSocket Socket, JsonObject Me)> ConnectAcceptedAsync(DevServer server, string userId, string? token = null, JsonObject? userDetails = null)
    {
        var (socket, frame) = await ConnectAsync(server, userId, token ?? server.CreateUserToken(userId), userDetails);
        Assert.True((string?)frame["type"] == "health.check", $"expected health.check, got {frame.ToJsonString()}");
        return (socket, frame["me"]!.AsObject());
    }

    public static string ConnectJson(string userId, JsonObject? userDetails = null) => new JsonObject
    {
        ["user_id"] = userId,
        ["user_details"] = userDetails ?? new JsonObject { ["id"] = userId },
        ["client_request_id"] = Guid.NewGuid().ToString(),
    }.ToJsonString();

    public static Uri ConnectUri(DevServer server, string? json, string? apiKey, string? token, string authType = "jwt")
    {
        var query = new StringBuilder("connect?stream-auth-type=").Append(Uri.EscapeDataString(authType));
        if (json is not null)
        {
            query.Append("&json=").Append(Uri.EscapeDataString(json));
        }

        if (apiKey is not null)
        {
            query.Append("&api_key=").Append(Uri.EscapeDataString(apiKey));
        }

        if (token is not null)
        {
            query.Append("&authorization=").Append(Uri.EscapeDataString(token));
        }

        return new Uri(server.WebSocketUrl, query.ToString());
    }

    public async Task<JsonObject> ReceiveJsonAsync()
    {
        var (type, text, closeStatus) = await ReceiveAsync();
        Assert.True(type == WebSocketMessageType.Text, $"expected a text frame, got {type} (close status {closeStatus})");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Reads until the server's close frame, skipping data frames, and returns its status and reason.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ReceiveCloseAsync()
    {
        while (true)
        {
            var (type, _, _) = await ReceiveAsync();
            if (type == WebSocketMessageType.Close)
            {
                return (Socket.CloseStatus, Socket.CloseStatusDescription);
            }
        }
    }

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test over", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The server already went away; nothing to close.
            }
        }

        Socket.Dispose();
    }

    private async Task<(WebSocketMessageType Type, string Text, WebSocketCloseStatus? CloseStatus)> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[buffer.Length];
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, timeout.Token);
            var count = decoder.GetChars(buffer, 0, result.Count, chars, 0, flush: result.EndOfMessage);
            text.Append(chars, 0, count);
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, text.ToString(), result.CloseStatus);
            }
        }
    }
}

/// <summary>REST calls with the protocol's authentication (api_key query, raw JWT, stream-auth-type).</summary>
internal static class Rest
{
    public static async Task<(int Status, JsonObject Body)> PostAsync(DevServer server, string path, string? token, string? json, string? apiKey = null, string authType = "jwt")
    {
        using var http = new HttpClient { Timeout = ChatSocket.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(server, path, apiKey));
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        request.Headers.Add("stream-auth-type", authType);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public static async Task<(int Status, JsonObject Body)> GetAsync(DevServer server, string path)
    {
        using var http = new HttpClient { Timeout = ChatSocket.Timeout };
        using var response = await http.GetAsync(new Uri(server.HttpUrl, path));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public static Uri Url(DevServer server, string path, string? apiKey = null) =>
        new(server.HttpUrl, $"{path.TrimStart('/')}?api_key={Uri.EscapeDataString(apiKey ?? server.Options.ApiKey)}");

    public static Task<(int Status, JsonObject Body)> UpsertUsersAsync(DevServer server, params string[] userIds)
    {
        var users = new JsonObject();
        foreach (var id in userIds)
        {
            users[id] = new JsonObject { ["id"] = id };
        }

        return PostAsync(server, "/users", server.CreateServerToken(), new JsonObject { ["users"] = users }.ToJsonString());
    }
}

internal static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds: the server notices closes a moment after the client.</summary>
    public static async Task AssertAsync(Func<bool> condition, Func<string> failure)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(ChatSocket.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                Assert.Fail(failure());
            }

            await Task.Delay(20);
        }
    }
}

internal static class Servers
{
    public static Task<DevServer> StartAsync(DevServerMode mode = DevServerMode.Development, Action<DevServerOptions>? configure = null)
    {
        var options = new DevServerOptions { Port = 0, Mode = mode };
        configure?.Invoke(options);
        return DevServer.StartAsync(options);
    }
}
