using System.Threading.Tasks;
using Chat.Client;
using Microsoft.AspNetCore.Mvc;

namespace MisuseGallery;

/// <summary>CHAT003: a controller that connects per request (and counts an active user per request).</summary>
[ApiController]
[Route("chat")]
public sealed class ChatController : ControllerBase
{
    [HttpGet("unread/{userId}")]
    public async Task<int> UnreadAsync(string userId)
    {
        await using var client = new ChatClient("dev-api-key");
        var response = await client.ConnectUserAsync(new ChatUser(userId), ChatClient.DevToken(userId));
        return response.Me.TotalUnreadCount;
    }
}
