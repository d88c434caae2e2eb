using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Chat.DevServer;

/// <summary>Unread figures of one user across the channels they are a member of.</summary>
internal readonly record struct UnreadCounts(int Messages, int Channels);

/// <summary>A message that was stored, and what each member of its channel should now be told.</summary>
internal sealed record SentMessage(JsonObject Message, JsonObject Channel, IReadOnlyList<(string UserId, UnreadCounts Unread)> Members);

/// <summary>A read marker that was moved, with the reader's unread figures afterwards.</summary>
internal sealed record MarkedRead(JsonObject Event, string UserId, UnreadCounts Unread);

/// <summary>
/// The in-memory users, channels, messages and read markers. One lock guards everything: a
/// development server serves a handful of clients, and a single lock keeps every JSON snapshot
/// it hands out consistent.
/// </summary>
internal sealed class ChatStore
{
    // Computed by the server: values that clients send for these are ignored.
    private static readonly HashSet<string> ServerOwnedUserFields = new(StringComparer.Ordinal)
    {
        "id", "created_at", "updated_at", "last_active", "online",
        "total_unread_count", "unread_count", "unread_channels", "unread_threads",
        "devices", "mutes", "channel_mutes",
    };

    private static readonly HashSet<string> ServerOwnedChannelFields = new(StringComparer.Ordinal)
    {
        "id", "type", "cid", "members", "created_by", "created_by_id", "created_at", "updated_at",
        "last_message_at", "member_count", "config", "frozen", "disabled",
    };

    private static readonly HashSet<string> ServerOwnedMessageFields = new(StringComparer.Ordinal)
    {
        "id", "text", "user", "user_id", "cid", "type", "created_at", "updated_at", "html",
        "latest_reactions", "own_reactions", "reaction_counts", "reaction_scores", "reply_count",
        "mentioned_users", "attachments",
    };

    private readonly object _gate = new();
    private readonly Dictionary<string, StoredUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredChannel> _channels = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messageIds = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _isOnline;

    public ChatStore(Func<string, bool> isOnline)
    {
        _isOnline = isOnline;
    }

    /// <exception cref="ChatError">The id is empty, too long, or has spaces or control characters.</exception>
    public static void ValidateUserId(string id)
    {
        if (id.Length is 0 or > 255 || id.Any(character => char.IsWhiteSpace(character) || char.IsControl(character)))
        {
            throw ChatError.InputError($"User id \"{id}\" must be 1 to 255 characters without spaces or control characters.");
        }
    }

    /// <summary>Gets or creates the user, applies every field of <paramref name="details"/>, and returns <c>me</c>.</summary>
    public JsonObject ConnectUser(string userId, JsonObject? details)
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            var user = GetOrCreateUser(userId, now);
            if (details is not null)
            {
                var changed = false;
                foreach (var (name, value) in details)
                {
                    if (ServerOwnedUserFields.Contains(name))
                    {
                        continue;
                    }

                    if (!user.Fields.TryGetPropertyValue(name, out var current) || !JsonNode.DeepEquals(current, value))
                    {
                        user.Fields[name] = value?.DeepClone();
                        changed = true;
                    }
                }

                if (changed)
                {
                    user.UpdatedAt = now;
                }
            }

            user.LastActive = now;
            var me = UserJson(user, online: true);
            var unread = CountUnreadLocked(userId);
            me["total_unread_count"] = unread.Messages;
            me["unread_count"] = unread.Messages;
            me["unread_channels"] = unread.Channels;
            // The development server stores no thread replies, so no thread is ever unread.
            me["unread_threads"] = 0;
            me["devices"] = new JsonArray();
            me["mutes"] = new JsonArray();
            me["channel_mutes"] = new JsonArray();
            return me;
        }
    }

    /// <summary>
    /// Creates or replaces each user, like the service's upsert: fields not sent are removed,
    /// while the creation time and activity survive.
    /// </summary>
    public JsonObject UpsertUsers(IReadOnlyList<(string Id, JsonObject Fields)> users)
    {
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            var result = new JsonObject();
            foreach (var (id, fields) in users)
            {
                var user = GetOrCreateUser(id, now);
                user.Fields.Clear();
                foreach (var (name, value) in fields)
                {
                    if (!ServerOwnedUserFields.Contains(name))
                    {
                        user.Fields[name] = value?.DeepClone();
                    }
                }

                user.UpdatedAt = now;
                result[id] = UserJson(user, _isOnline(id));
            }

            return result;
        }
    }

    public JsonObject QueryChannel(string type, string id, TokenIdentity identity, JsonObject data)
    {
        lock (_gate)
        {
            var cid = type + ":" + id;
            if (!_channels.TryGetValue(cid, out var channel))
            {
                channel = CreateChannel(type, id, cid, identity, data);
                _channels.Add(cid, channel);
            }

            return ChannelStateJson(channel, identity.UserId);
        }
    }

    /// <summary>
    /// Channels matching <paramref name="filter"/>, ordered by <paramref name="sort"/> (then by
    /// cid, so pages are stable), as channel states. A user token only sees the channels its user
    /// is a member of.
    /// </summary>
    public JsonArray QueryChannels(TokenIdentity identity, ChannelFilter filter, IReadOnlyList<(string Field, int Direction)> sort, int limit, int offset)
    {
        lock (_gate)
        {
            var viewerId = identity.IsServer ? null : identity.UserId;
            var matching = _channels.Values.Where(channel =>
                (viewerId is null || channel.Reads.ContainsKey(viewerId))
                && filter.Matches(new ChannelFacts(channel.Cid, channel.Type, channel.Id, channel.Reads.Keys)));

            IOrderedEnumerable<StoredChannel>? ordered = null;
            foreach (var (field, direction) in sort)
            {
                Func<StoredChannel, DateTime> key = field switch
                {
                    "last_message_at" => channel => channel.LastMessageAt ?? DateTime.MinValue,
                    "created_at" or "updated_at" => channel => channel.CreatedAt,
                    _ => throw ChatError.InputError($"The development server cannot sort channels by \"{field}\"; it supports last_message_at, created_at and updated_at."),
                };
                ordered = (ordered, direction < 0) switch
                {
                    (null, true) => matching.OrderByDescending(key),
                    (null, false) => matching.OrderBy(key),
                    (_, true) => ordered.ThenByDescending(key),
                    (_, false) => ordered.ThenBy(key),
                };
            }

            var page = (ordered?.ThenBy(channel => channel.Cid, StringComparer.Ordinal) ?? matching.OrderBy(channel => channel.Cid, StringComparer.Ordinal))
                .Skip(offset)
                .Take(limit)
                .Select(channel => (JsonNode)ChannelStateJson(channel, viewerId));
            return new JsonArray(page.ToArray());
        }
    }

    public SentMessage SendMessage(string type, string id, TokenIdentity identity, JsonObject message)
    {
        lock (_gate)
        {
            var channel = GetChannel(type, id);
            var senderId = ResolveActingUser(identity, message, "message");
            if (!identity.IsServer && !channel.Reads.ContainsKey(senderId))
            {
                throw ChatError.NotAllowed($"User '{senderId}' is not a member of channel {channel.Cid} and cannot send messages to it.");
            }

            var text = message["text"];
            if (text is not null && Wire.AsString(text) is null)
            {
                throw ChatError.InputError("message.text must be a string.");
            }

            var attachments = message["attachments"];
            if (attachments is not null and not JsonArray)
            {
                throw ChatError.InputError("message.attachments must be an array.");
            }

            if (string.IsNullOrEmpty(Wire.AsString(text)) && (attachments is not JsonArray { Count: > 0 }))
            {
                throw ChatError.InputError("A message needs a non-empty text or at least one attachment.");
            }

            var messageId = message["id"] is null ? Guid.NewGuid().ToString() : Wire.AsString(message["id"]);
            if (string.IsNullOrWhiteSpace(messageId))
            {
                throw ChatError.InputError("message.id must be a non-empty string when given.");
            }

            if (!_messageIds.Add(messageId))
            {
                throw ChatError.InputError($"A message with id '{messageId}' already exists.");
            }

            var now = DateTime.UtcNow;
            var custom = new JsonObject();
            foreach (var (name, value) in message)
            {
                if (!ServerOwnedMessageFields.Contains(name))
                {
                    custom[name] = value?.DeepClone();
                }
            }

            var stored = new StoredMessage(messageId, senderId, Wire.AsString(text) ?? "", (JsonArray?)attachments?.DeepClone() ?? [], custom, now);
            channel.Messages.Add(stored);
            channel.LastMessageAt = now;
            if (channel.Reads.TryGetValue(senderId, out var senderRead))
            {
                // Sending a message means having read the channel up to it, as the service does.
                senderRead.MarkReadUpTo(channel.Messages.Count, stored.Id, now);
            }

            var members = channel.Reads.Keys.Select(member => (member, CountUnreadLocked(member))).ToList();
            return new SentMessage(MessageJson(channel, stored), ChannelJson(channel), members);
        }
    }

    public MarkedRead MarkRead(string type, string id, TokenIdentity identity, JsonObject body)
    {
        lock (_gate)
        {
            var channel = GetChannel(type, id);
            var readerId = ResolveActingUser(identity, body, "body");
            if (!channel.Reads.TryGetValue(readerId, out var read))
            {
                throw ChatError.NotAllowed($"User '{readerId}' is not a member of channel {channel.Cid}.");
            }

            var now = DateTime.UtcNow;
            read.MarkReadUpTo(channel.Messages.Count, channel.Messages.LastOrDefault()?.Id, now);
            var readEvent = new JsonObject
            {
                ["type"] = "message.read",
                ["cid"] = channel.Cid,
                ["channel_id"] = channel.Id,
                ["channel_type"] = channel.Type,
                ["user"] = UserJson(_users[readerId], _isOnline(readerId)),
                ["created_at"] = Wire.Timestamp(now),
            };
            if (read.LastReadMessageId is not null)
            {
                readEvent["last_read_message_id"] = read.LastReadMessageId;
            }

            return new MarkedRead(readEvent, readerId, CountUnreadLocked(readerId));
        }
    }

    private UnreadCounts CountUnreadLocked(string userId)
    {
        var messages = 0;
        var channels = 0;
        foreach (var channel in _channels.Values)
        {
            if (channel.Reads.TryGetValue(userId, out var read))
            {
                var unread = channel.UnreadMessagesFor(userId, read);
                messages += unread;
                channels += unread > 0 ? 1 : 0;
            }
        }

        return new UnreadCounts(messages, channels);
    }

    private StoredUser GetOrCreateUser(string userId, DateTime now)
    {
        if (!_users.TryGetValue(userId, out var user))
        {
            user = new StoredUser(userId, now);
            _users.Add(userId, user);
        }

        return user;
    }

    private StoredChannel GetChannel(string type, string id) =>
        _channels.TryGetValue(type + ":" + id, out var channel)
            ? channel
            : throw ChatError.NotFound($"Channel {type}:{id} does not exist; create it first with POST /channels/{type}/{id}/query.");

    /// <summary>
    /// A user token acts for its own user; a server token names the user in the payload
    /// (<c>user_id</c> or <c>user.id</c>), who must exist.
    /// </summary>
    private string ResolveActingUser(TokenIdentity identity, JsonObject payload, string payloadName)
    {
        var named = Wire.AsString(payload["user_id"]) ?? Wire.AsString((payload["user"] as JsonObject)?["id"]);
        if (!identity.IsServer)
        {
            var userId = identity.UserId!;
            if (named is not null && named != userId)
            {
                throw ChatError.NotAllowed($"A user token for '{userId}' cannot act as '{named}'; use a server token for that.");
            }

            GetOrCreateUser(userId, DateTime.UtcNow);
            return userId;
        }

        if (string.IsNullOrEmpty(named))
        {
            throw ChatError.InputError($"With a server token, {payloadName}.user_id (or {payloadName}.user.id) names the acting user and is required.");
        }

        if (!_users.ContainsKey(named))
        {
            throw ChatError.InputError($"User '{named}' does not exist; create it with POST /users first.");
        }

        return named;
    }

    private StoredChannel CreateChannel(string type, string id, string cid, TokenIdentity identity, JsonObject data)
    {
        var namedCreator = Wire.AsString(data["created_by_id"]) ?? Wire.AsString((data["created_by"] as JsonObject)?["id"]);
        string creatorId;
        if (identity.IsServer)
        {
            creatorId = namedCreator
                ?? throw ChatError.InputError("Creating a channel with a server token needs data.created_by_id (or data.created_by.id).");
            if (!_users.ContainsKey(creatorId))
            {
                throw ChatError.InputError($"The channel creator '{creatorId}' does not exist; create it with POST /users first.");
            }
        }
        else
        {
            creatorId = identity.UserId!;
            if (namedCreator is not null && namedCreator != creatorId)
            {
                throw ChatError.NotAllowed($"A user token for '{creatorId}' cannot create a channel on behalf of '{namedCreator}'.");
            }

            GetOrCreateUser(creatorId, DateTime.UtcNow);
        }

        var memberIds = ReadMemberIds(data["members"]);
        var missing = memberIds.Where(member => !_users.ContainsKey(member)).ToList();
        if (missing.Count > 0)
        {
            throw ChatError.InputError($"These members do not exist, create them with POST /users first: {string.Join(", ", missing)}.");
        }

        var custom = new JsonObject();
        foreach (var (name, value) in data)
        {
            if (!ServerOwnedChannelFields.Contains(name))
            {
                custom[name] = value?.DeepClone();
            }
        }

        var now = DateTime.UtcNow;
        var channel = new StoredChannel(type, id, cid, creatorId, custom, now);
        foreach (var member in memberIds)
        {
            channel.AddMember(member, now);
        }

        return channel;
    }

    private static List<string> ReadMemberIds(JsonNode? members)
    {
        if (members is null)
        {
            return [];
        }

        if (members is not JsonArray array)
        {
            throw ChatError.InputError("data.members must be an array of user ids (or of {\"user_id\": ...} objects).");
        }

        var ids = new List<string>();
        foreach (var member in array)
        {
            var id = Wire.AsString(member) ?? Wire.AsString((member as JsonObject)?["user_id"]);
            if (string.IsNullOrEmpty(id))
            {
                throw ChatError.InputError("data.members must be an array of user ids (or of {\"user_id\": ...} objects).");
            }

            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private JsonObject UserJson(StoredUser user, bool online)
    {
        var json = new JsonObject
        {
            ["id"] = user.Id,
            // The protocol's OwnUser always has a name; the id stands in until one is set.
            ["name"] = user.Fields["name"]?.DeepClone() ?? user.Id,
            ["role"] = user.Fields["role"]?.DeepClone() ?? "user",
            ["created_at"] = Wire.Timestamp(user.CreatedAt),
            ["updated_at"] = Wire.Timestamp(user.UpdatedAt),
        };
        if (user.LastActive is { } lastActive)
        {
            json["last_active"] = Wire.Timestamp(lastActive);
        }

        json["online"] = online;
        foreach (var (name, value) in user.Fields)
        {
            if (name is not ("name" or "role"))
            {
                json[name] = value?.DeepClone();
            }
        }

        return json;
    }

    private JsonObject ChannelJson(StoredChannel channel)
    {
        var json = new JsonObject
        {
            ["id"] = channel.Id,
            ["type"] = channel.Type,
            ["cid"] = channel.Cid,
            ["created_at"] = Wire.Timestamp(channel.CreatedAt),
            ["updated_at"] = Wire.Timestamp(channel.CreatedAt),
            ["created_by"] = UserJson(_users[channel.CreatedById], _isOnline(channel.CreatedById)),
            ["frozen"] = false,
            ["disabled"] = false,
            ["member_count"] = channel.Reads.Count,
            ["config"] = ChannelConfigJson(channel.Type),
        };
        if (channel.LastMessageAt is { } lastMessageAt)
        {
            json["last_message_at"] = Wire.Timestamp(lastMessageAt);
        }

        foreach (var (name, value) in channel.Custom)
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }

    /// <summary>What the SDKs read from a channel type's configuration; the server enforces none of it.</summary>
    private static JsonObject ChannelConfigJson(string type) => new()
    {
        ["name"] = type,
        ["typing_events"] = false,
        ["read_events"] = true,
        ["connect_events"] = true,
        ["search"] = false,
        ["reactions"] = false,
        ["replies"] = false,
        ["mutes"] = false,
        ["uploads"] = false,
        ["url_enrichment"] = false,
        ["max_message_length"] = 5000,
        ["message_retention"] = "infinite",
        ["automod"] = "disabled",
        ["commands"] = new JsonArray(),
    };

    private JsonObject ChannelStateJson(StoredChannel channel, string? viewerId)
    {
        var members = new JsonArray();
        JsonObject? membership = null;
        foreach (var member in channel.Members)
        {
            var memberJson = new JsonObject
            {
                ["user_id"] = member.UserId,
                ["user"] = UserJson(_users[member.UserId], _isOnline(member.UserId)),
                ["created_at"] = Wire.Timestamp(member.JoinedAt),
                ["updated_at"] = Wire.Timestamp(member.JoinedAt),
                ["role"] = member.UserId == channel.CreatedById ? "owner" : "member",
                ["channel_role"] = member.UserId == channel.CreatedById ? "channel_moderator" : "channel_member",
                ["banned"] = false,
                ["shadow_banned"] = false,
                ["notifications_muted"] = false,
            };
            if (member.UserId == viewerId)
            {
                membership = (JsonObject)memberJson.DeepClone();
            }

            members.Add(memberJson);
        }

        var reads = new JsonArray();
        foreach (var (userId, read) in channel.Reads)
        {
            var readJson = new JsonObject
            {
                ["user"] = UserJson(_users[userId], _isOnline(userId)),
                ["last_read"] = Wire.Timestamp(read.LastRead),
                ["unread_messages"] = channel.UnreadMessagesFor(userId, read),
            };
            if (read.LastReadMessageId is not null)
            {
                readJson["last_read_message_id"] = read.LastReadMessageId;
            }

            reads.Add(readJson);
        }

        var state = new JsonObject
        {
            ["channel"] = ChannelJson(channel),
            ["members"] = members,
            ["messages"] = new JsonArray(channel.Messages.Select(message => (JsonNode)MessageJson(channel, message)).ToArray()),
            ["pinned_messages"] = new JsonArray(),
            ["read"] = reads,
            ["watcher_count"] = 0,
            ["watchers"] = new JsonArray(),
        };
        if (membership is not null)
        {
            state["membership"] = membership;
        }

        return state;
    }

    private JsonObject MessageJson(StoredChannel channel, StoredMessage message)
    {
        var json = new JsonObject
        {
            ["id"] = message.Id,
            ["text"] = message.Text,
            ["type"] = "regular",
            ["cid"] = channel.Cid,
            ["user"] = UserJson(_users[message.UserId], _isOnline(message.UserId)),
            ["attachments"] = message.Attachments.DeepClone(),
            ["latest_reactions"] = new JsonArray(),
            ["own_reactions"] = new JsonArray(),
            ["reaction_counts"] = new JsonObject(),
            ["reaction_scores"] = new JsonObject(),
            ["reply_count"] = 0,
            ["mentioned_users"] = new JsonArray(),
            ["silent"] = false,
            ["pinned"] = false,
            ["created_at"] = Wire.Timestamp(message.CreatedAt),
            ["updated_at"] = Wire.Timestamp(message.CreatedAt),
        };
        foreach (var (name, value) in message.Custom)
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }

    private sealed class StoredUser(string id, DateTime createdAt)
    {
        public string Id { get; } = id;

        public JsonObject Fields { get; } = new();

        public DateTime CreatedAt { get; } = createdAt;

        public DateTime UpdatedAt { get; set; } = createdAt;

        public DateTime? LastActive { get; set; }
    }

    private sealed record StoredMember(string UserId, DateTime JoinedAt);

    private sealed record StoredMessage(string Id, string UserId, string Text, JsonArray Attachments, JsonObject Custom, DateTime CreatedAt);

    /// <summary>How far a member has read, as a count of the channel's messages (they only ever grow).</summary>
    private sealed class ReadMarker(int readMessageCount, DateTime lastRead)
    {
        public int ReadMessageCount { get; private set; } = readMessageCount;

        public DateTime LastRead { get; private set; } = lastRead;

        public string? LastReadMessageId { get; private set; }

        public void MarkReadUpTo(int messageCount, string? lastMessageId, DateTime now)
        {
            ReadMessageCount = messageCount;
            LastReadMessageId = lastMessageId;
            LastRead = now;
        }
    }

    private sealed class StoredChannel(string type, string id, string cid, string createdById, JsonObject custom, DateTime createdAt)
    {
        public string Type { get; } = type;

        public string Id { get; } = id;

        public string Cid { get; } = cid;

        public string CreatedById { get; } = createdById;

        public JsonObject Custom { get; } = custom;

        public DateTime CreatedAt { get; } = createdAt;

        public DateTime? LastMessageAt { get; set; }

        public List<StoredMember> Members { get; } = [];

        /// <summary>Read markers by member id; holding one is what makes a user a member.</summary>
        public Dictionary<string, ReadMarker> Reads { get; } = new(StringComparer.Ordinal);

        public List<StoredMessage> Messages { get; } = [];

        /// <summary>A new member starts with the history read: only later messages count as unread.</summary>
        public void AddMember(string userId, DateTime now)
        {
            Members.Add(new StoredMember(userId, now));
            Reads.Add(userId, new ReadMarker(Messages.Count, now));
        }

        public int UnreadMessagesFor(string userId, ReadMarker read)
        {
            var unread = 0;
            for (var index = read.ReadMessageCount; index < Messages.Count; index++)
            {
                unread += Messages[index].UserId == userId ? 0 : 1;
            }

            return unread;
        }
    }
}
