using System;
using System.Buffers;
using System.IO;
using System.Linq;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chat.DevServer;

/// <summary>
/// <c>GET /connect</c>: the WebSocket side of the protocol. The upgrade is always accepted and
/// the first frame is either a <c>health.check</c> carrying <c>me</c> or a
/// <c>connection.error</c> followed by a 1000 close (refusing the upgrade would make the
/// JavaScript SDK retry blindly and lose the error code).
/// </summary>
internal sealed class ConnectEndpoint
{
    /// <summary>Non-1000, so clients reconnect (PROTOCOL.md: the JS SDK gives up after a 1000 close).</summary>
    public const WebSocketCloseStatus ShutdownCloseStatus = (WebSocketCloseStatus)4000;

    public const string ShutdownCloseReason = "server shutting down";

    // Close reasons are limited to 123 bytes of UTF-8 by RFC 6455, section 5.5.
    private const int MaxCloseReasonBytes = 123;

    private const int ReceiveChunkBytes = 4096;

    private readonly DevServerOptions _options;
    private readonly TokenAuthority _tokens;
    private readonly ChatStore _store;
    private readonly ConnectionRegistry _connections;
    private readonly ILogger _logger;

    public ConnectEndpoint(DevServerOptions options, TokenAuthority tokens, ChatStore store, ConnectionRegistry connections, ILogger logger)
    {
        _options = options;
        _tokens = tokens;
        _store = store;
        _connections = connections;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RestApi.WriteErrorAsync(context, ChatError.InputError("GET /connect expects a WebSocket upgrade request."));
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connectionId = Guid.NewGuid().ToString();
        try
        {
            ConnectRequest request;
            try
            {
                request = await ReadConnectRequestAsync(context.Request);
            }
            catch (ChatError error)
            {
                _logger.LogInformation("Refused a connection: {Code} {Message}", error.Code, error.Message);
                await RejectAsync(new ClientSession(socket, "", ""), error);
                return;
            }

            var session = new ClientSession(socket, request.UserId, connectionId);
            var limit = _options.EffectiveConnectionLimitPerUser;
            switch (_connections.TryAdd(session, limit))
            {
                case AdmissionResult.OverLimit:
                    _logger.LogInformation("Refused a connection of {UserId}: over the limit of {Limit}", request.UserId, limit);
                    await RejectAsync(session, new ChatError(
                        ChatErrorCodes.TooManyConnections,
                        429,
                        $"too many connections: user '{request.UserId}' already has {limit} open connections, the limit per user in {_options.Mode.ToString().ToLowerInvariant()} mode"));
                    return;
                case AdmissionResult.ShuttingDown:
                    await session.CloseAsync(ShutdownCloseStatus, ShutdownCloseReason);
                    await ReceiveUntilClosedAsync(session);
                    return;
            }

            try
            {
                var me = _store.ConnectUser(request.UserId, request.UserDetails);
                var welcome = new JsonObject
                {
                    ["type"] = "health.check",
                    ["connection_id"] = connectionId,
                    ["cid"] = "*",
                    ["created_at"] = Wire.Timestamp(DateTime.UtcNow),
                    ["me"] = me,
                };
                if (await session.TrySendAsync(welcome))
                {
                    _logger.LogInformation("Connected {UserId} as {ConnectionId}", request.UserId, connectionId);
                    await ReceiveLoopAsync(session);
                }
            }
            finally
            {
                _connections.Remove(session);
                session.MarkEnded();
                _logger.LogInformation("Disconnected {UserId} ({ConnectionId})", request.UserId, connectionId);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or ConnectionAbortedException)
        {
            // The peer vanished (aborted socket, reset, or a close handshake it never finished).
            _logger.LogDebug(exception, "Connection {ConnectionId} ended abruptly", connectionId);
        }
    }

    private async Task<ConnectRequest> ReadConnectRequestAsync(HttpRequest request)
    {
        var apiKey = FirstValue(request.Query["api_key"]);
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new ChatError(ChatErrorCodes.AccessKeyError, 401, "access key error: the api_key query parameter is required");
        }

        if (!string.Equals(apiKey, _options.ApiKey, StringComparison.Ordinal))
        {
            throw new ChatError(ChatErrorCodes.AccessKeyError, 401, $"access key error: api_key \"{apiKey}\" is not valid for this server");
        }

        var authType = FirstValue(request.Query["stream-auth-type"]) ?? FirstValue(request.Headers["stream-auth-type"]);
        if (string.Equals(authType, "anonymous", StringComparison.OrdinalIgnoreCase))
        {
            throw ChatError.Authentication(ChatErrorCodes.AuthenticationError, "anonymous connections are not supported by the development server; connect with a user token");
        }

        if (authType is not null && !string.Equals(authType, "jwt", StringComparison.OrdinalIgnoreCase))
        {
            throw ChatError.InputError($"stream-auth-type must be \"jwt\", not \"{authType}\"");
        }

        var payload = ParseJsonParameter(FirstValue(request.Query["json"]));
        var userDetails = payload["user_details"] switch
        {
            null => null,
            JsonObject details => details,
            _ => throw ChatError.InputError("user_details in the json query parameter must be an object"),
        };

        if (payload["user_id"] is { } userIdNode && Wire.AsString(userIdNode) is null)
        {
            throw ChatError.InputError("user_id in the json query parameter must be a string");
        }

        var userId = Wire.AsString(payload["user_id"]) ?? Wire.AsString(userDetails?["id"]);
        if (string.IsNullOrEmpty(userId))
        {
            throw ChatError.InputError("user_id is required in the json query parameter: {\"user_id\":\"...\",\"user_details\":{\"id\":\"...\"}}");
        }

        ChatStore.ValidateUserId(userId);

        if (Wire.AsString(userDetails?["id"]) is { } detailsId && detailsId != userId)
        {
            throw ChatError.InputError($"user_details.id \"{detailsId}\" differs from user_id \"{userId}\"");
        }

        // Browsers cannot set headers on a WebSocket, so the token travels in the query; older
        // SDKs put it in the json payload, and non-browser clients may use the header.
        var token = FirstValue(request.Query["authorization"])
            ?? Wire.AsString(payload["user_token"])
            ?? FirstValue(request.Headers.Authorization);
        var identity = await _tokens.AuthenticateAsync(token);
        if (identity.UserId != userId)
        {
            throw ChatError.Authentication(
                ChatErrorCodes.TokenSignatureInvalid,
                identity.IsServer
                    ? $"JWTAuth error: a server token cannot open a connection; use a user token for \"{userId}\""
                    : $"JWTAuth error: token user_id \"{identity.UserId}\" does not match the connecting user_id \"{userId}\"");
        }

        return new ConnectRequest(userId, userDetails);
    }

    private static JsonObject ParseJsonParameter(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            throw ChatError.InputError("the json query parameter is required: {\"user_id\":\"...\",\"user_details\":{\"id\":\"...\"}}");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException exception)
        {
            throw ChatError.InputError($"the json query parameter is not valid JSON: {exception.Message}");
        }

        return node as JsonObject ?? throw ChatError.InputError("the json query parameter must be a JSON object");
    }

    private static string? FirstValue(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count > 0 ? values[0] : null;

    private static async Task RejectAsync(ClientSession session, ChatError error)
    {
        var frame = new JsonObject
        {
            ["type"] = "connection.error",
            ["connection_id"] = "",
            ["created_at"] = Wire.Timestamp(DateTime.UtcNow),
            ["error"] = error.ToJson(),
        };
        await session.TrySendAsync(frame);
        await session.CloseAsync(WebSocketCloseStatus.NormalClosure, TruncateCloseReason(error.Message));
        await ReceiveUntilClosedAsync(session);
    }

    private async Task ReceiveLoopAsync(ClientSession session)
    {
        var chunk = new byte[ReceiveChunkBytes];
        var message = new ArrayBufferWriter<byte>(ReceiveChunkBytes);
        while (true)
        {
            var received = await session.Socket.ReceiveAsync(chunk.AsMemory(), session.Aborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                if (session.Socket.State == WebSocketState.CloseReceived)
                {
                    await session.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
                }

                return;
            }

            if (message.WrittenCount + received.Count > _options.MaxFrameBytes)
            {
                _logger.LogInformation("Closing {ConnectionId}: a message exceeded {MaxFrameBytes} bytes", session.ConnectionId, _options.MaxFrameBytes);
                await session.CloseAsync(WebSocketCloseStatus.MessageTooBig, $"message larger than {_options.MaxFrameBytes} bytes");
                await ReceiveUntilClosedAsync(session);
                return;
            }

            message.Write(chunk.AsSpan(0, received.Count));
            if (!received.EndOfMessage)
            {
                continue;
            }

            if (received.MessageType == WebSocketMessageType.Text && AsksForHealthCheck(message.WrittenSpan, session.ConnectionId))
            {
                await session.TrySendAsync(new JsonObject
                {
                    ["type"] = "health.check",
                    ["connection_id"] = session.ConnectionId,
                    ["cid"] = "*",
                    ["created_at"] = Wire.Timestamp(DateTime.UtcNow),
                });
            }

            message.ResetWrittenCount();
        }
    }

    /// <summary>
    /// True when the frame is a <c>health.check</c> event, alone (Unity SDK) or in an array (JS
    /// SDK). One reply per frame is enough to keep the client's liveness timer going. Anything
    /// else a client sends is ignored: the protocol has no other client-to-server frames.
    /// </summary>
    private bool AsksForHealthCheck(ReadOnlySpan<byte> frame, string connectionId)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(frame);
        }
        catch (JsonException)
        {
            _logger.LogDebug("Ignored a frame of {ConnectionId} that is not JSON", connectionId);
            return false;
        }

        static bool IsHealthCheck(JsonNode? item) => Wire.AsString((item as JsonObject)?["type"]) == "health.check";
        return node is JsonArray array ? array.Any(IsHealthCheck) : IsHealthCheck(node);
    }

    /// <summary>After our close frame, reads (and drops) whatever is in flight until the peer's close arrives.</summary>
    private static async Task ReceiveUntilClosedAsync(ClientSession session)
    {
        var chunk = new byte[ReceiveChunkBytes];
        while (session.Socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var received = await session.Socket.ReceiveAsync(chunk.AsMemory(), session.Aborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }

    private static string TruncateCloseReason(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxCloseReasonBytes)
        {
            return reason;
        }

        var length = reason.Length;
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > MaxCloseReasonBytes - 3)
        {
            length--;
        }

        if (length > 0 && char.IsHighSurrogate(reason[length - 1]))
        {
            length--;
        }

        return string.Concat(reason.AsSpan(0, length), "...");
    }

    private sealed record ConnectRequest(string UserId, JsonObject? UserDetails);
}
