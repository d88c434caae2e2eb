using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Chat.Client;

namespace MisuseGallery;

/// <summary>
/// CHAT007: "importing" users by connecting each one: a socket and an active user per imported user,
/// although the back end's server client (used elsewhere for tokens) can upsert them in one call.
/// </summary>
public sealed class ImportByConnecting : IAsyncDisposable
{
    private readonly ChatClient _client = new("dev-api-key");
    private readonly ChatServerClient _server = new("dev-api-key", "dev-api-secret");

    public string TokenFor(string userId) => _server.CreateToken(userId);

    public async Task ImportAsync(IEnumerable<string> userIds)
    {
        foreach (var id in userIds)
        {
            await _client.ConnectUserAsync(new ChatUser(id), ChatClient.DevToken(id));
            await _client.DisconnectUserAsync();
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
