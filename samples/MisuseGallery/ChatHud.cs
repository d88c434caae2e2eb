using Chat.Client;
using UnityEngine;

namespace MisuseGallery;

/// <summary>CHAT002 (Unity): a connect in Update runs every frame, through a helper that hides it.</summary>
public sealed class ChatHud : MonoBehaviour
{
    private readonly ChatClient _client = new("dev-api-key");

    private void Update() => EnsureChat();

    private void EnsureChat() => _ = _client.ConnectUserAsync(new ChatUser("player-1"), ChatClient.DevToken("player-1"));

    private void OnDestroy() => _client.Dispose();
}
