namespace Chat.Client;

/// <summary>The lifecycle state of an <see cref="IChatClient"/>'s WebSocket connection.</summary>
public enum ConnectionState
{
    /// <summary>No user is connected and no socket is open.</summary>
    Disconnected,

    /// <summary><see cref="IChatClient.ConnectUserAsync(ChatUser, string, System.Threading.CancellationToken)"/> is opening the socket and waiting for the server's first event.</summary>
    Connecting,

    /// <summary>The socket is open and the server accepted the user.</summary>
    Connected,

    /// <summary>The socket was lost; the client is waiting out the backoff delay or opening a new socket.</summary>
    Reconnecting,

    /// <summary><see cref="IChatClient.DisconnectUserAsync"/> is closing the socket.</summary>
    Disconnecting,
}
