using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Chat.Client;

namespace MisuseGallery;

/// <summary>CHAT007: "importing" users by connecting each one: a socket and an active user per imported user.</summary>
public sealed class ImportByConnecting : IAsyncDisposable
{
    private readonly ChatClient _client = new("dev-api-key");

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
