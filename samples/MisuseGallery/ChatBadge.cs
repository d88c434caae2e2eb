using System;
using System.Threading.Tasks;
using Chat.Client;
using Microsoft.AspNetCore.Components;

namespace MisuseGallery;

/// <summary>
/// CHAT002 + CHAT004 (Blazor): connects after every render, not only the first, and the component
/// never disconnects: each re-render can open another socket that outlives the page.
/// </summary>
public sealed class ChatBadge : ComponentBase
{
    [Inject]
    public IChatClient Chat { get; set; } = default!;

    [Parameter]
    public string UserId { get; set; } = "";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await Chat.ConnectUserAsync(new ChatUser(UserId), ChatClient.DevToken(UserId));
        StateHasChanged();
    }
}
