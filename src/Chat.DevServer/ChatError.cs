using System;
using System.Text.Json.Nodes;

namespace Chat.DevServer;

/// <summary>An error in the protocol's shape: a numeric code, a message and the HTTP status it maps to.</summary>
internal sealed class ChatError : Exception
{
    public ChatError(int code, int statusCode, string message)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
    }

    public int Code { get; }

    public int StatusCode { get; }

    public static ChatError InputError(string message) => new(ChatErrorCodes.InputError, 400, message);

    public static ChatError Authentication(int code, string message) => new(code, 401, message);

    public static ChatError NotAllowed(string message) => new(ChatErrorCodes.NotAllowed, 403, message);

    public static ChatError NotFound(string message) => new(ChatErrorCodes.DoesNotExist, 404, message);

    /// <summary>The body of a REST error and the <c>error</c> member of a <c>connection.error</c> event.</summary>
    public JsonObject ToJson() => new()
    {
        ["code"] = Code,
        ["message"] = Message,
        ["StatusCode"] = StatusCode,
        ["duration"] = "",
        ["more_info"] = "",
        ["details"] = new JsonArray(),
    };
}

/// <summary>Error codes of the wire protocol (PROTOCOL.md) plus the REST ones this server adds.</summary>
internal static class ChatErrorCodes
{
    public const int AccessKeyError = 2;
    public const int InputError = 4;
    public const int AuthenticationError = 5;

    /// <summary>REST: the resource (channel, user) does not exist.</summary>
    public const int DoesNotExist = 16;

    /// <summary>REST: the token is valid but may not do this (a user token on a server-only endpoint).</summary>
    public const int NotAllowed = 17;

    public const int TokenExpired = 40;
    public const int TokenNotValidYet = 41;
    public const int TokenUsedBeforeIssuedAt = 42;
    public const int TokenSignatureInvalid = 43;
    public const int TooManyConnections = 71;
}
