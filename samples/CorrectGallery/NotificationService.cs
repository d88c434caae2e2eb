using System;
using System.Threading.Tasks;
using Chat.Client;

namespace CorrectGallery;

/// <summary>A service that connects owns the disconnect: it is async-disposable and disconnects there.</summary>
public sealed class NotificationService : IAsyncDisposable
{
    private readonly IChatClient _client;

    public NotificationService(IChatClient client) => _client = client;

    public async Task StartAsync(ChatUser user, string token)
    {
        if (!_client.IsConnected)
        {
            await _client.ConnectUserAsync(user, token);
        }
    }

    public async ValueTask DisposeAsync() => await _client.DisconnectUserAsync();
}
