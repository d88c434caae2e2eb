using System;

namespace Chat.Client;

/// <summary>An error the chat server reported, with its protocol code (<see cref="ChatErrorCodes"/>) and HTTP status.</summary>
public sealed class ChatApiException : Exception
{
    /// <summary>Creates the exception for an error the server reported.</summary>
    /// <param name="code">The protocol error code.</param>
    /// <param name="statusCode">The HTTP status the server associated with the error.</param>
    /// <param name="serverMessage">The server's message.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public ChatApiException(int code, int statusCode, string serverMessage, Exception? innerException = null)
        : base($"Chat API error {code} (HTTP {statusCode}): {serverMessage}", innerException)
    {
        Code = code;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
    }

    /// <summary>The protocol error code (see <see cref="ChatErrorCodes"/>).</summary>
    public int Code { get; }

    /// <summary>The HTTP status the server associated with the error.</summary>
    public int StatusCode { get; }

    /// <summary>The server's message, without the code and status.</summary>
    public string ServerMessage { get; }
}
