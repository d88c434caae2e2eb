using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Chat.Client;

namespace MisuseGallery;

/// <summary>CHAT001: "importing" users by connecting each one: a socket and an active user per item.</summary>
public sealed class ImportByConnecting
{
    private readonly ChatClient _client = new("dev-api-key");
    private readonly ChatServerClient _server = new("dev-api-key", "dev-api-secret");

    public async Task ImportAsync(IEnumerable<string> userIds)
    {
        foreach (var id in userIds)
        {
            await _client.ConnectUserAsync(new ChatUser(id), _server.CreateToken(id));
        }
    }

    public Task WarmUpAsync(IReadOnlyList<string> userIds) =>
        Task.WhenAll(userIds.Select(id => _client.ConnectUserAsync(new ChatUser(id), _server.CreateToken(id))));

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();
}
