using System;
using System.Threading.Tasks;
using Chat.Client;
using Microsoft.AspNetCore.Components;

namespace CorrectGallery;

/// <summary>Blazor: connect once when the component initializes, disconnect when it is disposed.</summary>
public sealed class ChatBadge : ComponentBase, IAsyncDisposable
{
    [Inject]
    public IChatClient Chat { get; set; } = default!;

    [Parameter]
    public string UserId { get; set; } = "";

    protected override async Task OnInitializedAsync()
    {
        if (!Chat.IsConnected)
        {
            await Chat.ConnectUserAsync(new ChatUser(UserId), ChatClient.DevToken(UserId));
        }
    }

    public async ValueTask DisposeAsync() => await Chat.DisconnectUserAsync();
}
