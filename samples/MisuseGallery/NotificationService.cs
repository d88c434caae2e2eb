using System.Threading.Tasks;
using Chat.Client;

namespace MisuseGallery;

/// <summary>CHAT004: owns a connected client and has no teardown at all: a ghost socket per instance.</summary>
public sealed class NotificationService
{
    private readonly IChatClient _client;

    public NotificationService(IChatClient client) => _client = client;

    public Task StartAsync(ChatUser user, string token) => _client.ConnectUserAsync(user, token);
}
