using System;

namespace Chat.Client;

/// <summary>Data for <see cref="IChatClient.ConnectionStateChanged"/>.</summary>
public sealed class ConnectionStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data for a transition from <paramref name="previous"/> to <paramref name="current"/>.</summary>
    public ConnectionStateChangedEventArgs(ConnectionState previous, ConnectionState current)
    {
        Previous = previous;
        Current = current;
    }

    /// <summary>The state before the transition.</summary>
    public ConnectionState Previous { get; }

    /// <summary>The state after the transition.</summary>
    public ConnectionState Current { get; }
}
