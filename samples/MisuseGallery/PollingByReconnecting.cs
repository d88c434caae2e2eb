using System;
using System.Threading;
using System.Threading.Tasks;
using Chat.Client;

namespace MisuseGallery;

/// <summary>CHAT001: "refreshing" unread counts by connecting again on every poll: a socket per poll.</summary>
public sealed class PollingByReconnecting : IAsyncDisposable
{
    private readonly ChatClient _client = new("dev-api-key");

    public int Unread { get; private set; }

    public async Task PollAsync(ChatUser user, string token, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var response = await _client.ConnectUserAsync(user, token);
            Unread = response.Me.TotalUnreadCount;
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();
}
