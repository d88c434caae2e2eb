using System;
using System.Collections.Generic;
using System.Linq;

namespace Chat.DevServer;

/// <summary>Result of <see cref="ConnectionRegistry.TryAdd"/>.</summary>
internal enum AdmissionResult
{
    Admitted,
    OverLimit,
    ShuttingDown,
}

/// <summary>
/// Open connections per user. Admission checks the limit and counts the new connection in one
/// step under a lock, so concurrent connects can never overshoot it; every connection counted
/// here is removed exactly once, by the connect handler's finally block.
/// </summary>
internal sealed class ConnectionRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<ClientSession>> _sessionsByUser = new(StringComparer.Ordinal);
    private int _total;
    private bool _shuttingDown;

    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public AdmissionResult TryAdd(ClientSession session, int limitPerUser)
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return AdmissionResult.ShuttingDown;
            }

            if (!_sessionsByUser.TryGetValue(session.UserId, out var sessions))
            {
                sessions = [];
                _sessionsByUser.Add(session.UserId, sessions);
            }

            if (sessions.Count >= limitPerUser)
            {
                return AdmissionResult.OverLimit;
            }

            sessions.Add(session);
            _total++;
            return AdmissionResult.Admitted;
        }
    }

    public void Remove(ClientSession session)
    {
        lock (_gate)
        {
            if (_sessionsByUser.TryGetValue(session.UserId, out var sessions) && sessions.Remove(session))
            {
                _total--;
                if (sessions.Count == 0)
                {
                    _sessionsByUser.Remove(session.UserId);
                }
            }
        }
    }

    public int OpenConnections(string userId)
    {
        lock (_gate)
        {
            return _sessionsByUser.TryGetValue(userId, out var sessions) ? sessions.Count : 0;
        }
    }

    public IReadOnlyList<ClientSession> SessionsOf(string userId)
    {
        lock (_gate)
        {
            return _sessionsByUser.TryGetValue(userId, out var sessions) ? sessions.ToArray() : [];
        }
    }

    /// <summary>Open connections per user, for the debug endpoint; users without one are left out.</summary>
    public SortedDictionary<string, int> CountsByUser()
    {
        lock (_gate)
        {
            return new SortedDictionary<string, int>(
                _sessionsByUser.Where(pair => pair.Value.Count > 0).ToDictionary(pair => pair.Key, pair => pair.Value.Count),
                StringComparer.Ordinal);
        }
    }

    /// <summary>Refuses every later admission and returns the sessions open now, so they can be closed.</summary>
    public IReadOnlyList<ClientSession> BeginShutdown()
    {
        lock (_gate)
        {
            _shuttingDown = true;
            return _sessionsByUser.Values.SelectMany(sessions => sessions).ToArray();
        }
    }
}
