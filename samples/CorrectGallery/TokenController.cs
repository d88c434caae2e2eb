using Chat.Client;
using Microsoft.AspNetCore.Mvc;

namespace CorrectGallery;

/// <summary>Server side: issue tokens; the client app connects with them.</summary>
[ApiController]
[Route("chat")]
public sealed class TokenController : ControllerBase
{
    private readonly ChatServerClient _server;

    public TokenController(ChatServerClient server) => _server = server;

    [HttpGet("token/{userId}")]
    public string Token(string userId) => _server.CreateToken(userId);
}
