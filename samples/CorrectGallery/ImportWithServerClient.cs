using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Chat.Client;

namespace CorrectGallery;

/// <summary>Importing users is the server client's batch upsert: no socket, no active user.</summary>
public sealed class ImportWithServerClient
{
    private readonly ChatServerClient _server = new("dev-api-key", "dev-api-secret");

    public Task ImportAsync(IEnumerable<string> userIds) =>
        _server.UpsertUsersAsync(userIds.Select(id => new ChatUser(id)));
}
