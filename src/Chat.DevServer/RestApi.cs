using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Chat.DevServer;

/// <summary>
/// The REST endpoints of PROTOCOL.md: JSON in, JSON out, errors in the protocol's error shape
/// with the matching HTTP status. Authentication is the service's: <c>api_key</c> in the query,
/// the raw JWT in <c>Authorization</c> and <c>stream-auth-type: jwt</c>.
/// </summary>
internal sealed class RestApi
{
    /// <summary>Far above any request of the protocol, low enough that a runaway client cannot fill memory.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    private readonly DevServerOptions _options;
    private readonly TokenAuthority _tokens;
    private readonly ChatStore _store;
    private readonly ConnectionRegistry _connections;

    public RestApi(DevServerOptions options, TokenAuthority tokens, ChatStore store, ConnectionRegistry connections)
    {
        _options = options;
        _tokens = tokens;
        _store = store;
        _connections = connections;
    }

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/users", Handle(UpsertUsersAsync));
        endpoints.MapPost("/channels", Handle(QueryChannelsAsync));
        endpoints.MapPost("/channels/{type}/{id}/query", Handle(QueryChannelAsync));
        endpoints.MapPost("/channels/{type}/{id}/message", Handle(SendMessageAsync));
        endpoints.MapPost("/channels/{type}/{id}/read", Handle(MarkReadAsync));
        if (_options.Mode == DevServerMode.Development)
        {
            endpoints.MapGet("/debug/connections", context => WriteJsonAsync(context, StatusCodes.Status200OK, DebugConnections()));
        }

        endpoints.MapFallback(context => WriteErrorAsync(
            context,
            ChatError.NotFound($"There is no endpoint {context.Request.Method} {context.Request.Path} on this server.")));
    }

    public static Task WriteErrorAsync(HttpContext context, ChatError error) =>
        WriteJsonAsync(context, error.StatusCode, error.ToJson());

    private static async Task WriteJsonAsync(HttpContext context, int statusCode, JsonObject body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(Wire.ToUtf8(body), context.RequestAborted);
    }

    private static RequestDelegate Handle(Func<HttpContext, Task<JsonObject>> handler) => async context =>
    {
        var started = Stopwatch.GetTimestamp();
        JsonObject body;
        try
        {
            body = await handler(context);
        }
        catch (ChatError error)
        {
            await WriteErrorAsync(context, error);
            return;
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's body size limit, or a body cut short by the client.
            await WriteErrorAsync(context, new ChatError(ChatErrorCodes.InputError, exception.StatusCode, "The request body could not be read: " + exception.Message));
            return;
        }

        body["duration"] = Wire.Duration(Stopwatch.GetElapsedTime(started));
        await WriteJsonAsync(context, StatusCodes.Status200OK, body);
    };

    private async Task<JsonObject> UpsertUsersAsync(HttpContext context)
    {
        var identity = await AuthenticateAsync(context);
        if (!identity.IsServer)
        {
            throw ChatError.NotAllowed("POST /users needs a server token (payload {\"server\": true}); user tokens cannot create or change users.");
        }

        var body = await ReadBodyAsync(context);
        if (body["users"] is not JsonObject users)
        {
            throw ChatError.InputError("The body must be {\"users\": {\"<id>\": {\"id\": \"<id>\", ...}}}.");
        }

        var upserts = new List<(string, JsonObject)>();
        foreach (var (key, value) in users)
        {
            if (value is not JsonObject user)
            {
                throw ChatError.InputError($"users.{key} must be an object.");
            }

            var id = Wire.AsString(user["id"]) ?? key;
            if (id != key)
            {
                throw ChatError.InputError($"users.{key}.id is \"{id}\"; the key and the id must be the same.");
            }

            ChatStore.ValidateUserId(id);
            upserts.Add((id, user));
        }

        return new JsonObject { ["users"] = _store.UpsertUsers(upserts) };
    }

    private async Task<JsonObject> QueryChannelAsync(HttpContext context)
    {
        var (type, id) = ChannelRoute(context);
        var identity = await AuthenticateAsync(context);
        var body = await ReadBodyAsync(context);
        var data = body["data"] switch
        {
            null => new JsonObject(),
            JsonObject given => given,
            _ => throw ChatError.InputError("data must be an object."),
        };
        return _store.QueryChannel(type, id, identity, data);
    }

    /// <summary>
    /// <c>POST /channels</c>: what the SDKs call to list channels and, after a reconnect, to
    /// recover the ones they watch. Limits follow the service: 10 channels by default, 30 at most.
    /// </summary>
    private async Task<JsonObject> QueryChannelsAsync(HttpContext context)
    {
        var identity = await AuthenticateAsync(context);
        var body = await ReadBodyAsync(context);
        if (body["predefined_filter"] is not null)
        {
            throw ChatError.InputError("The development server does not support predefined filters; send filter_conditions.");
        }

        var filter = body["filter_conditions"] switch
        {
            null => ChannelFilter.Parse(new JsonObject()),
            JsonObject conditions => ChannelFilter.Parse(conditions),
            _ => throw ChatError.InputError("filter_conditions must be an object."),
        };

        var sort = new List<(string, int)>();
        if (body["sort"] is JsonArray sortFields)
        {
            foreach (var item in sortFields)
            {
                var field = Wire.AsString((item as JsonObject)?["field"])
                    ?? throw ChatError.InputError("Each sort entry must be {\"field\": \"...\", \"direction\": 1 or -1}.");
                var direction = (item as JsonObject)?["direction"] is JsonValue value && value.TryGetValue<int>(out var given) ? given : 1;
                sort.Add((field, direction));
            }
        }
        else if (body["sort"] is not null)
        {
            throw ChatError.InputError("sort must be an array of {\"field\": \"...\", \"direction\": 1 or -1}.");
        }

        var limit = ReadInteger(body, "limit", defaultValue: 10, minimum: 1, maximum: 30);
        var offset = ReadInteger(body, "offset", defaultValue: 0, minimum: 0, maximum: 1000);
        return new JsonObject { ["channels"] = _store.QueryChannels(identity, filter, sort, limit, offset) };
    }

    private static int ReadInteger(JsonObject body, string name, int defaultValue, int minimum, int maximum)
    {
        var node = body[name];
        if (node is null)
        {
            return defaultValue;
        }

        if (node is JsonValue value && value.TryGetValue<int>(out var number) && number >= minimum && number <= maximum)
        {
            return number;
        }

        throw ChatError.InputError($"{name} must be a whole number from {minimum} to {maximum}.");
    }

    private async Task<JsonObject> SendMessageAsync(HttpContext context)
    {
        var (type, id) = ChannelRoute(context);
        var identity = await AuthenticateAsync(context);
        var body = await ReadBodyAsync(context);
        if (body["message"] is not JsonObject message)
        {
            throw ChatError.InputError("The body must be {\"message\": {\"text\": \"...\"}}.");
        }

        var sent = _store.SendMessage(type, id, identity, message);
        foreach (var (memberId, unread) in sent.Members)
        {
            Push(memberId, new JsonObject
            {
                ["type"] = "message.new",
                ["cid"] = sent.Channel["cid"]?.DeepClone(),
                ["channel_id"] = id,
                ["channel_type"] = type,
                ["message"] = sent.Message.DeepClone(),
                ["user"] = sent.Message["user"]?.DeepClone(),
                ["created_at"] = sent.Message["created_at"]?.DeepClone(),
                ["watcher_count"] = 0,
                ["total_unread_count"] = unread.Messages,
                ["unread_count"] = unread.Messages,
                ["unread_channels"] = unread.Channels,
            });
        }

        return new JsonObject { ["message"] = sent.Message };
    }

    private async Task<JsonObject> MarkReadAsync(HttpContext context)
    {
        var (type, id) = ChannelRoute(context);
        var identity = await AuthenticateAsync(context);
        var body = await ReadBodyAsync(context);
        var read = _store.MarkRead(type, id, identity, body);
        var notification = (JsonObject)read.Event.DeepClone();
        notification["type"] = "notification.mark_read";
        notification["total_unread_count"] = read.Unread.Messages;
        notification["unread_count"] = read.Unread.Messages;
        notification["unread_channels"] = read.Unread.Channels;
        Push(read.UserId, notification);
        return new JsonObject { ["event"] = read.Event };
    }

    private JsonObject DebugConnections()
    {
        var users = new JsonObject();
        var total = 0;
        foreach (var (userId, count) in _connections.CountsByUser())
        {
            users[userId] = count;
            total += count;
        }

        return new JsonObject { ["total"] = total, ["users"] = users };
    }

    /// <summary>
    /// Sends an event to every open connection of a user without holding up the request: each
    /// send is bounded by the session, which drops a connection that does not keep up.
    /// </summary>
    private void Push(string userId, JsonObject payload)
    {
        var sessions = _connections.SessionsOf(userId);
        if (sessions.Count == 0)
        {
            return;
        }

        var bytes = Wire.ToUtf8(payload);
        foreach (var session in sessions)
        {
            _ = session.TrySendAsync(bytes);
        }
    }

    private async Task<TokenIdentity> AuthenticateAsync(HttpContext context)
    {
        var apiKey = context.Request.Query["api_key"].FirstOrDefault();
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new ChatError(ChatErrorCodes.AccessKeyError, 401, "access key error: the api_key query parameter is required");
        }

        if (!string.Equals(apiKey, _options.ApiKey, StringComparison.Ordinal))
        {
            throw new ChatError(ChatErrorCodes.AccessKeyError, 401, $"access key error: api_key \"{apiKey}\" is not valid for this server");
        }

        var authType = context.Request.Headers["stream-auth-type"].FirstOrDefault();
        if (string.Equals(authType, "anonymous", StringComparison.OrdinalIgnoreCase))
        {
            throw ChatError.Authentication(ChatErrorCodes.AuthenticationError, "anonymous requests are not supported by the development server; send a JWT");
        }

        if (authType is not null && !string.Equals(authType, "jwt", StringComparison.OrdinalIgnoreCase))
        {
            throw ChatError.InputError($"The stream-auth-type header must be \"jwt\", not \"{authType}\".");
        }

        var token = context.Request.Headers.Authorization.FirstOrDefault();
        if (string.IsNullOrEmpty(token))
        {
            throw ChatError.Authentication(ChatErrorCodes.AuthenticationError, "JWTAuth error: the Authorization header is required (the raw JWT, without \"Bearer \")");
        }

        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw ChatError.Authentication(ChatErrorCodes.AuthenticationError, "JWTAuth error: send the raw JWT in the Authorization header, without the \"Bearer \" prefix");
        }

        return await _tokens.AuthenticateAsync(token);
    }

    /// <summary>The request body as a JSON object; an empty body counts as <c>{}</c>.</summary>
    private static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        JsonNode? node;
        try
        {
            using var buffer = new System.IO.MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            if (buffer.Length == 0)
            {
                return new JsonObject();
            }

            node = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (JsonException exception)
        {
            throw ChatError.InputError("The request body is not valid JSON: " + exception.Message);
        }

        return node as JsonObject ?? throw ChatError.InputError("The request body must be a JSON object.");
    }

    private static (string Type, string Id) ChannelRoute(HttpContext context)
    {
        var type = (string)context.Request.RouteValues["type"]!;
        var id = (string)context.Request.RouteValues["id"]!;
        if (type.Length > 64 || !type.All(character => char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character) || character is '-' or '_'))
        {
            throw ChatError.InputError($"Channel type \"{type}\" may only use a-z, 0-9, '-' and '_' (at most 64 characters).");
        }

        if (id.Length > 64 || !id.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '!'))
        {
            throw ChatError.InputError($"Channel id \"{id}\" may only use letters, digits, '-', '_' and '!' (at most 64 characters).");
        }

        return (type, id);
    }
}
