using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;

namespace Chat.Client.Tests;

/// <summary>
/// An <see cref="IMeterFactory"/> that listens only to the meters it created, so that a test sees its own
/// client's measurements and none from clients of tests running in parallel.
/// </summary>
internal sealed class MetricsProbe : IMeterFactory
{
    private readonly object _gate = new();
    private readonly List<Meter> _meters = new();
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, object?>> _failureTags = new();
    private long _maxActiveConnections;

    public MetricsProbe()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == this)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (_gate)
            {
                _totals[instrument.Name] = Total(instrument.Name) + value;
                if (instrument.Name == "chat.client.connections.active")
                {
                    _maxActiveConnections = Math.Max(_maxActiveConnections, _totals[instrument.Name]);
                }
            }

            if (instrument.Name == "chat.client.connect.failures")
            {
                var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var tag in tags)
                {
                    copy[tag.Key] = tag.Value;
                }

                _failureTags.Enqueue(copy);
            }
        });
        _listener.Start();
    }

    public int MetersCreated
    {
        get
        {
            lock (_gate)
            {
                return _meters.Count;
            }
        }
    }

    /// <summary>Sockets the client holds: the running sum of <c>chat.client.connections.active</c>.</summary>
    public long ActiveConnections => Total("chat.client.connections.active");

    /// <summary>The most sockets the client ever held at once.</summary>
    public long MaxActiveConnections
    {
        get
        {
            lock (_gate)
            {
                return _maxActiveConnections;
            }
        }
    }

    public long ConnectAttempts => Total("chat.client.connect.attempts");

    public long ConnectFailures => Total("chat.client.connect.failures");

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> FailureTags => _failureTags.ToList();

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        lock (_gate)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_gate)
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }

    private long Total(string name)
    {
        lock (_gate)
        {
            return _totals.TryGetValue(name, out var total) ? total : 0;
        }
    }
}
