using System;
using Microsoft.Extensions.Logging;

namespace Chat.Client;

/// <summary>The client's log messages. Tokens and connect URLs (which carry the token) are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning,
        "ConnectUserAsync was called again for user '{UserId}' while it is {State}; the existing connection is reused and no socket is opened. Call ConnectUserAsync once per user session (sign-in or app start-up), not on every render, page load or request.")]
    public static partial void ConsecutiveConnectCall(ILogger logger, string userId, ConnectionState state);

    [LoggerMessage(2, LogLevel.Information, "Connected user '{UserId}' (connection {ConnectionId}).")]
    public static partial void Connected(ILogger logger, string userId, string connectionId);

    [LoggerMessage(3, LogLevel.Warning, "Connecting user '{UserId}' failed.")]
    public static partial void ConnectFailed(ILogger logger, string userId, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "The token of user '{UserId}' expired; asking the token provider for a new one.")]
    public static partial void RefreshingToken(ILogger logger, string userId);

    [LoggerMessage(5, LogLevel.Warning, "Connection {ConnectionId} was lost (close status {CloseStatus}); reconnecting.")]
    public static partial void ConnectionLost(ILogger logger, string connectionId, string closeStatus, Exception? exception);

    [LoggerMessage(6, LogLevel.Warning, "Nothing was heard on connection {ConnectionId} for {Timeout}; treating the socket as dead.")]
    public static partial void ConnectionDead(ILogger logger, string connectionId, TimeSpan timeout);

    [LoggerMessage(7, LogLevel.Debug, "Reconnect attempt {Attempt} for user '{UserId}' in {Delay}.")]
    public static partial void ReconnectScheduled(ILogger logger, int attempt, string userId, TimeSpan delay);

    [LoggerMessage(8, LogLevel.Warning, "Reconnect attempt {Attempt} for user '{UserId}' failed; trying again.")]
    public static partial void ReconnectFailed(ILogger logger, int attempt, string userId, Exception exception);

    [LoggerMessage(9, LogLevel.Error, "Giving up reconnecting user '{UserId}': the server refused it permanently.")]
    public static partial void ReconnectAbandoned(ILogger logger, string userId, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "The server closed connection {ConnectionId} normally (1000: {Reason}); not reconnecting.")]
    public static partial void ClosedByServer(ILogger logger, string connectionId, string? reason);

    [LoggerMessage(11, LogLevel.Information, "Disconnected user '{UserId}'.")]
    public static partial void Disconnected(ILogger logger, string userId);

    [LoggerMessage(13, LogLevel.Trace, "Received '{EventType}' on connection {ConnectionId}.")]
    public static partial void EventReceived(ILogger logger, string? eventType, string connectionId);

    [LoggerMessage(14, LogLevel.Error, "A ConnectionStateChanged handler threw; the client carries on.")]
    public static partial void StateHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(15, LogLevel.Debug, "Sending a heartbeat on connection {ConnectionId} failed.")]
    public static partial void HeartbeatFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(16, LogLevel.Error, "Keeping user '{UserId}' connected failed unexpectedly; the session ends.")]
    public static partial void SessionFailed(ILogger logger, string userId, Exception exception);
}
