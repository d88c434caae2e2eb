using System;
using System.Collections.Generic;

namespace Chat.Client;

/// <summary>
/// The user a client connects as, or a back end upserts. Every field that is set is sent; fields left unset
/// keep their stored value on the server (connecting partially updates the user).
/// </summary>
public sealed class ChatUser
{
    /// <summary>Creates a user with the given id.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null, empty or white space.</exception>
    public ChatUser(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("A chat user needs a non-empty id.", nameof(id));
        }

        Id = id;
    }

    /// <summary>The user id.</summary>
    public string Id { get; }

    /// <summary>The display name, or <see langword="null"/> to leave the stored one unchanged.</summary>
    public string? Name { get; set; }

    /// <summary>The avatar URL, or <see langword="null"/> to leave the stored one unchanged.</summary>
    public string? Image { get; set; }

    /// <summary>
    /// Custom fields, sent at the top level of the user object next to <c>id</c>, <c>name</c> and <c>image</c>.
    /// Values are serialized as JSON; the keys <c>id</c>, <c>name</c> and <c>image</c> are rejected when the user is sent.
    /// </summary>
    public IDictionary<string, object?> Custom { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Gets or sets a custom field (see <see cref="Custom"/>); getting an absent field returns <see langword="null"/>.</summary>
    public object? this[string field]
    {
        get => Custom.TryGetValue(field, out var value) ? value : null;
        set
        {
            ChatJson.ThrowIfReservedUserField(field, nameof(field));
            Custom[field] = value;
        }
    }
}
