using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Client;

/// <summary>An immutable copy of <see cref="ChatClientOptions"/>, plus what the client derives from them.</summary>
internal sealed class ChatClientSettings
{
    public ChatClientSettings(string apiKey, ChatClientOptions options)
    {
        ApiKey = apiKey;
        BaseUrl = ToWebSocketBase(options.BaseUrl);
        HeartbeatInterval = options.HeartbeatInterval;
        DeadConnectionTimeout = options.DeadConnectionTimeout;
        ConnectTimeout = options.ConnectTimeout;
        MaxReconnectDelay = options.MaxReconnectDelay;
        Logger = options.LoggerFactory?.CreateLogger<ChatClient>() ?? (ILogger)NullLogger.Instance;
        Metrics = ChatClientMetrics.Create(options.MeterFactory);
    }

    public string ApiKey { get; }

    /// <summary>The base URL with a WebSocket scheme and a trailing slash, so that <c>connect</c> resolves under its path.</summary>
    public Uri BaseUrl { get; }

    public TimeSpan HeartbeatInterval { get; }

    public TimeSpan DeadConnectionTimeout { get; }

    public TimeSpan ConnectTimeout { get; }

    public TimeSpan MaxReconnectDelay { get; }

    public ILogger Logger { get; }

    public ChatClientMetrics Metrics { get; }

    private static Uri ToWebSocketBase(Uri url) => BaseUrls.AsDirectory(url, url.Scheme switch
    {
        "http" => "ws",
        "https" => "wss",
        _ => url.Scheme,
    });
}
