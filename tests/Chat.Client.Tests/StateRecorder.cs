using System.Collections.Generic;
using System.Linq;

namespace Chat.Client.Tests;

/// <summary>Records every <see cref="IChatClient.ConnectionStateChanged"/> transition.</summary>
internal sealed class StateRecorder
{
    private readonly List<ConnectionStateChangedEventArgs> _changes = new();

    public StateRecorder(IChatClient client)
    {
        client.ConnectionStateChanged += (_, change) =>
        {
            lock (_changes)
            {
                _changes.Add(change);
            }
        };
    }

    public IReadOnlyList<ConnectionState> States
    {
        get
        {
            lock (_changes)
            {
                return _changes.Select(change => change.Current).ToList();
            }
        }
    }

    public IReadOnlyList<ConnectionStateChangedEventArgs> Changes
    {
        get
        {
            lock (_changes)
            {
                return _changes.ToList();
            }
        }
    }
}
