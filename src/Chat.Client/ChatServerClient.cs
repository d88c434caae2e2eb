using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Chat.Client;

/// <summary>
/// The trusted back end's side of the chat API: user tokens, user upserts, channels and messages over REST.
/// Holds the app secret, so it belongs on a server, never in a client app.
/// </summary>
public sealed class ChatServerClient : IDisposable
{
    private static readonly MediaTypeHeaderValue _json = new("application/json") { CharSet = "utf-8" };

    private readonly string _apiKey;
    private readonly byte[] _secret;
    private readonly Uri _baseUrl;
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly string _serverToken;

    /// <summary>Creates a server client for the app identified by <paramref name="apiKey"/> and signed with <paramref name="apiSecret"/>.</summary>
    /// <exception cref="ArgumentException">The key or secret is empty.</exception>
    public ChatServerClient(string apiKey, string apiSecret, ChatServerClientOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("An API key is required.", nameof(apiKey));
        }

        if (string.IsNullOrEmpty(apiSecret))
        {
            throw new ArgumentException("An API secret is required.", nameof(apiSecret));
        }

        options ??= new ChatServerClientOptions();
        _apiKey = apiKey;
        _secret = Encoding.UTF8.GetBytes(apiSecret);
        _baseUrl = BaseUrls.AsDirectory(options.BaseUrl, options.BaseUrl.Scheme);
        _ownsHttpClient = options.HttpClient is null;
        _http = options.HttpClient ?? new HttpClient();
        _serverToken = Jwt.Sign(ChatJson.Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("server", true);
            writer.WriteEndObject();
        }), _secret);
    }

    /// <summary>Creates a user token: an HS256 JWT with <c>user_id</c>, <c>iat</c> (now) and, when given, <c>exp</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is empty.</exception>
    public string CreateToken(string userId, DateTimeOffset? expiresAt = null)
    {
        RequireText(userId, nameof(userId));
        var payload = ChatJson.Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("user_id", userId);
            if (expiresAt is { } expires)
            {
                writer.WriteNumber("exp", expires.ToUnixTimeSeconds());
            }

            writer.WriteNumber("iat", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            writer.WriteEndObject();
        });
        return Jwt.Sign(payload, _secret);
    }

    /// <summary>Creates or partially updates a user (fields left unset keep their stored values).</summary>
    /// <exception cref="ChatApiException">The server refused the request.</exception>
    public Task UpsertUserAsync(ChatUser user, CancellationToken cancellationToken = default)
    {
        if (user is null)
        {
            throw new ArgumentNullException(nameof(user));
        }

        return UpsertUsersAsync([user], cancellationToken);
    }

    /// <summary>Creates or partially updates several users in one request.</summary>
    /// <exception cref="ArgumentException">The list is empty, holds a null entry, or the same id twice.</exception>
    /// <exception cref="ChatApiException">The server refused the request.</exception>
    public Task UpsertUsersAsync(IEnumerable<ChatUser> users, CancellationToken cancellationToken = default)
    {
        if (users is null)
        {
            throw new ArgumentNullException(nameof(users));
        }

        var list = users.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one user is required.", nameof(users));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in list)
        {
            if (user is null)
            {
                throw new ArgumentException("The users contain a null entry.", nameof(users));
            }

            if (!ids.Add(user.Id))
            {
                throw new ArgumentException($"User '{user.Id}' appears more than once.", nameof(users));
            }
        }

        var body = ChatJson.Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("users");
            foreach (var user in list)
            {
                writer.WritePropertyName(user.Id);
                ChatJson.WriteUser(writer, user, nameof(users));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        return SendAsync("users", body, _serverToken, cancellationToken);
    }

    /// <summary>Gets the channel <paramref name="type"/>:<paramref name="id"/>, creating it with <paramref name="members"/> when it does not exist.</summary>
    /// <exception cref="ChatApiException">The server refused the request.</exception>
    public Task GetOrCreateChannelAsync(string type, string id, IEnumerable<string> members, string createdById, CancellationToken cancellationToken = default)
    {
        var path = ChannelPath(type, id, "query");
        if (members is null)
        {
            throw new ArgumentNullException(nameof(members));
        }

        var memberList = members.ToList();
        foreach (var member in memberList)
        {
            RequireText(member, nameof(members));
        }

        RequireText(createdById, nameof(createdById));
        var body = ChatJson.Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("data");
            writer.WriteStartArray("members");
            foreach (var member in memberList)
            {
                writer.WriteStringValue(member);
            }

            writer.WriteEndArray();
            writer.WriteString("created_by_id", createdById);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        return SendAsync(path, body, _serverToken, cancellationToken);
    }

    /// <summary>Sends a text message to a channel on behalf of <paramref name="userId"/>.</summary>
    /// <exception cref="ChatApiException">The server refused the request.</exception>
    public Task SendMessageAsync(string type, string id, string userId, string text, CancellationToken cancellationToken = default)
    {
        var path = ChannelPath(type, id, "message");
        RequireText(userId, nameof(userId));
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var body = ChatJson.Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("message");
            writer.WriteString("text", text);
            writer.WriteString("user_id", userId);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        return SendAsync(path, body, _serverToken, cancellationToken);
    }

    /// <summary>Marks a channel read for <paramref name="userId"/>. Uses that user's own token: the server marks read for the token's user.</summary>
    /// <exception cref="ChatApiException">The server refused the request.</exception>
    public Task MarkReadAsync(string type, string id, string userId, CancellationToken cancellationToken = default)
    {
        var path = ChannelPath(type, id, "read");
        var userToken = CreateToken(userId);
        return SendAsync(path, Encoding.UTF8.GetBytes("{}"), userToken, cancellationToken);
    }

    /// <summary>Disposes the HTTP client if this instance created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private static void RequireText(string value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value must not be empty.", paramName);
        }
    }

    private static string ChannelPath(string type, string id, string action)
    {
        RequireText(type, nameof(type));
        RequireText(id, nameof(id));
        return "channels/" + Uri.EscapeDataString(type) + "/" + Uri.EscapeDataString(id) + "/" + action;
    }

    private async Task SendAsync(string path, byte[] body, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, path + "?api_key=" + Uri.EscapeDataString(_apiKey)));
        // The protocol sends the raw JWT, without a "Bearer" scheme, which the typed header would require.
        request.Headers.TryAddWithoutValidation("Authorization", token);
        request.Headers.TryAddWithoutValidation("stream-auth-type", "jwt");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = _json;
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

#if NET5_0_OR_GREATER
        var errorBody = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
#else
        var errorBody = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
        throw ReadError(errorBody, (int)response.StatusCode);
    }

    private static ChatApiException ReadError(string body, int statusCode)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return ChatJson.ReadError(document.RootElement, statusCode);
            }
        }
        catch (JsonException)
        {
            // Not a protocol error body (a proxy's page, say): report the status with the start of the text.
        }

        const int MaxExcerpt = 200;
        var excerpt = body.Length > MaxExcerpt ? body[..MaxExcerpt] + "…" : body;
        return new ChatApiException(0, statusCode, string.IsNullOrWhiteSpace(excerpt) ? "(empty response)" : excerpt);
    }
}
