using System;
using System.Threading.Tasks;
using Chat.Client;
using Microsoft.AspNetCore.Components;

namespace MisuseGallery;

/// <summary>
/// CHAT005 (Blazor): a thread view that connects in OnParametersSetAsync. Blazor runs it again
/// whenever the parent re-renders or the channel parameter changes, so switching channels can open
/// another socket each time.
/// </summary>
public sealed class ChatThread : ComponentBase, IAsyncDisposable
{
    [Inject]
    public IChatClient Chat { get; set; } = default!;

    [Parameter]
    public string UserId { get; set; } = "";

    [Parameter]
    public string ChannelId { get; set; } = "";

    public int Unread { get; private set; }

    protected override async Task OnParametersSetAsync()
    {
        var response = await Chat.ConnectUserAsync(new ChatUser(UserId), ChatClient.DevToken(UserId));
        Unread = response.Me.TotalUnreadCount;
    }

    public async ValueTask DisposeAsync() => await Chat.DisconnectUserAsync();
}
