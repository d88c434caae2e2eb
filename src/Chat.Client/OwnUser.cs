using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Chat.Client;

/// <summary>The connected user as the server reports it (the <c>me</c> object of the first event).</summary>
public sealed class OwnUser
{
    // Fields the protocol defines for the user object besides the ones modelled as properties;
    // everything else at the top level is a custom field.
    private static readonly HashSet<string> _nonCustomFields = new(StringComparer.Ordinal)
    {
        "id", "name", "image", "role", "created_at", "updated_at", "last_active", "online",
        "total_unread_count", "unread_count", "unread_channels", "unread_threads",
        "devices", "mutes", "channel_mutes", "banned", "invisible", "language", "teams",
        "deactivated_at", "deleted_at", "blocked_user_ids", "push_preferences", "privacy_settings",
    };

    private OwnUser(string id, IReadOnlyDictionary<string, JsonElement> custom)
    {
        Id = id;
        Custom = custom;
    }

    /// <summary>The user id.</summary>
    public string Id { get; }

    /// <summary>The display name, if any.</summary>
    public string? Name { get; private set; }

    /// <summary>The avatar URL, if any.</summary>
    public string? Image { get; private set; }

    /// <summary>The user's role, e.g. <c>user</c> or <c>admin</c>.</summary>
    public string? Role { get; private set; }

    /// <summary>When the user was created.</summary>
    public DateTimeOffset? CreatedAt { get; private set; }

    /// <summary>When the user was last updated.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>When the user was last active.</summary>
    public DateTimeOffset? LastActive { get; private set; }

    /// <summary>Whether the server considers the user online.</summary>
    public bool Online { get; private set; }

    /// <summary>Custom fields: every top-level field of the user object the protocol does not define.</summary>
    public IReadOnlyDictionary<string, JsonElement> Custom { get; }

    /// <summary>Unread messages across all channels.</summary>
    public int TotalUnreadCount { get; private set; }

    /// <summary>Unread messages (the server's <c>unread_count</c>).</summary>
    public int UnreadCount { get; private set; }

    /// <summary>Channels with unread messages.</summary>
    public int UnreadChannels { get; private set; }

    /// <summary>Threads with unread replies.</summary>
    public int UnreadThreads { get; private set; }

    /// <exception cref="System.IO.InvalidDataException">The element is not a user object with an id.</exception>
    internal static OwnUser Parse(JsonElement me)
    {
        if (me.ValueKind != JsonValueKind.Object
            || !me.TryGetProperty("id", out var idElement)
            || idElement.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(idElement.GetString()))
        {
            throw new System.IO.InvalidDataException("The server's 'me' object has no user id.");
        }

        var custom = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in me.EnumerateObject())
        {
            if (!_nonCustomFields.Contains(property.Name))
            {
                custom[property.Name] = property.Value.Clone();
            }
        }

        return new OwnUser(idElement.GetString()!, custom)
        {
            Name = ChatJson.GetString(me, "name"),
            Image = ChatJson.GetString(me, "image"),
            Role = ChatJson.GetString(me, "role"),
            CreatedAt = ChatJson.GetTimestamp(me, "created_at"),
            UpdatedAt = ChatJson.GetTimestamp(me, "updated_at"),
            LastActive = ChatJson.GetTimestamp(me, "last_active"),
            Online = me.TryGetProperty("online", out var online) && online.ValueKind == JsonValueKind.True,
            TotalUnreadCount = ChatJson.GetInt32(me, "total_unread_count"),
            UnreadCount = ChatJson.GetInt32(me, "unread_count"),
            UnreadChannels = ChatJson.GetInt32(me, "unread_channels"),
            UnreadThreads = ChatJson.GetInt32(me, "unread_threads"),
        };
    }
}
