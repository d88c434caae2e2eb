namespace Chat.Client;

/// <summary>What the server answered when it accepted a connection.</summary>
public sealed class ConnectResponse
{
    internal ConnectResponse(string connectionId, OwnUser me)
    {
        ConnectionId = connectionId;
        Me = me;
    }

    /// <summary>The server-assigned id of the socket.</summary>
    public string ConnectionId { get; }

    /// <summary>The connected user, with its unread counts.</summary>
    public OwnUser Me { get; }
}
