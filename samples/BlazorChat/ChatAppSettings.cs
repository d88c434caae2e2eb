using System;
using Microsoft.Extensions.Configuration;

namespace BlazorChat;

/// <summary>Where the app connects and as whom, read from the "Chat" section of wwwroot/appsettings.json.</summary>
public sealed class ChatAppSettings
{
    private ChatAppSettings(Uri serverUrl, string apiKey, string userId, string userName)
    {
        ServerUrl = serverUrl;
        ApiKey = apiKey;
        UserId = userId;
        UserName = userName;
    }

    /// <summary>The chat server, e.g. the development server's <c>ws://127.0.0.1:3030/</c>.</summary>
    public Uri ServerUrl { get; }

    public string ApiKey { get; }

    public string UserId { get; }

    public string UserName { get; }

    /// <exception cref="InvalidOperationException">A setting is missing or the server URL is not absolute.</exception>
    public static ChatAppSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Chat");
        string Required(string key) => section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"wwwroot/appsettings.json has no Chat:{key} setting.");

        var serverUrl = Required("ServerUrl");
        if (!Uri.TryCreate(serverUrl, UriKind.Absolute, out var server))
        {
            throw new InvalidOperationException($"Chat:ServerUrl must be an absolute URL; got '{serverUrl}'.");
        }

        var userId = Required("UserId");
        return new ChatAppSettings(server, Required("ApiKey"), userId, section["UserName"] ?? userId);
    }
}
