using System.Threading.Tasks;
using Chat.Client;
using UnityEngine;

namespace CorrectGallery;

/// <summary>Unity: connect in Start (once per instance), disconnect in OnDestroy; Update only reads state.</summary>
public sealed class ChatHud : MonoBehaviour
{
    private readonly ChatClient _client = new("dev-api-key");

    public bool Online { get; private set; }

    private async void Start()
    {
        if (!_client.IsConnected)
        {
            await _client.ConnectUserAsync(new ChatUser("player-1"), ChatClient.DevToken("player-1"));
        }
    }

    private void Update() => Online = _client.IsConnected;

    private async void OnDestroy() => await _client.DisconnectUserAsync();
}
