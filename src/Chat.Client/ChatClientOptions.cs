using System;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Chat.Client;

/// <summary>Settings for <see cref="ChatClient"/>. The client copies them when it is created.</summary>
public sealed class ChatClientOptions
{
    // Task.Delay and CancelAfter accept at most int.MaxValue milliseconds.
    private static readonly TimeSpan _maxInterval = TimeSpan.FromMilliseconds(int.MaxValue);

    private Uri _baseUrl = new("ws://127.0.0.1:3030/");
    private TimeSpan _heartbeatInterval = TimeSpan.FromSeconds(25);
    private TimeSpan _deadConnectionTimeout = TimeSpan.FromSeconds(35);
    private TimeSpan _connectTimeout = TimeSpan.FromSeconds(15);
    private TimeSpan _maxReconnectDelay = TimeSpan.FromSeconds(25);

    /// <summary>
    /// The server's base URL (<c>ws</c>, <c>wss</c>, <c>http</c> or <c>https</c>); the socket connects to
    /// <c>{BaseUrl}connect</c>. Defaults to the development server's default, <c>ws://127.0.0.1:3030/</c>.
    /// </summary>
    public Uri BaseUrl
    {
        get => _baseUrl;
        set
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            if (!value.IsAbsoluteUri || value.Scheme is not ("ws" or "wss" or "http" or "https"))
            {
                throw new ArgumentException($"BaseUrl must be an absolute ws://, wss://, http:// or https:// URL; got '{value}'.", nameof(value));
            }

            _baseUrl = value;
        }
    }

    /// <summary>Where the client logs; <see langword="null"/> disables logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Creates the client's <c>Chat.Client</c> meter; <see langword="null"/> uses one meter shared by every client in the process.</summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>How often the client sends a <c>health.check</c> heartbeat. Defaults to 25 seconds.</summary>
    public TimeSpan HeartbeatInterval
    {
        get => _heartbeatInterval;
        set => _heartbeatInterval = RequirePositive(value, nameof(HeartbeatInterval));
    }

    /// <summary>
    /// How long the socket may stay silent before the client treats it as dead and reconnects. Must exceed
    /// <see cref="HeartbeatInterval"/>, since the server's answer to a heartbeat is what keeps a quiet socket alive. Defaults to 35 seconds.
    /// </summary>
    public TimeSpan DeadConnectionTimeout
    {
        get => _deadConnectionTimeout;
        set => _deadConnectionTimeout = RequirePositive(value, nameof(DeadConnectionTimeout));
    }

    /// <summary>How long opening a socket and receiving the server's first event may take. Defaults to 15 seconds.</summary>
    public TimeSpan ConnectTimeout
    {
        get => _connectTimeout;
        set => _connectTimeout = RequirePositive(value, nameof(ConnectTimeout));
    }

    /// <summary>
    /// The longest delay between reconnect attempts. Attempt <c>n</c> waits a random delay between
    /// min(max(250 ms, (n-1) × 2 s), MaxReconnectDelay) and min(500 ms + n × 2 s, MaxReconnectDelay). Defaults to 25 seconds.
    /// </summary>
    public TimeSpan MaxReconnectDelay
    {
        get => _maxReconnectDelay;
        set => _maxReconnectDelay = RequirePositive(value, nameof(MaxReconnectDelay));
    }

    /// <summary>Checks the settings that depend on each other.</summary>
    /// <exception cref="ArgumentException">The settings are inconsistent.</exception>
    internal void Validate(string paramName)
    {
        if (DeadConnectionTimeout <= HeartbeatInterval)
        {
            throw new ArgumentException(
                $"DeadConnectionTimeout ({DeadConnectionTimeout}) must be longer than HeartbeatInterval ({HeartbeatInterval}); otherwise a healthy but quiet socket is treated as dead.",
                paramName);
        }
    }

    private static TimeSpan RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > _maxInterval)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and at most {_maxInterval}.");
        }

        return value;
    }
}
