using System;
using System.Threading.Tasks;
using Chat.Client;
using Microsoft.AspNetCore.Components;

namespace CorrectGallery;

/// <summary>
/// Blazor: OnParametersSetAsync runs on every parameter change, so it awaits one cached connect
/// (started by the first run) and only the per-channel work repeats.
/// </summary>
public sealed class ChatThread : ComponentBase, IAsyncDisposable
{
    private Task<ConnectResponse>? _connect;

    [Inject]
    public IChatClient Chat { get; set; } = default!;

    [Parameter]
    public string UserId { get; set; } = "";

    [Parameter]
    public string ChannelId { get; set; } = "";

    public int Unread { get; private set; }

    protected override async Task OnParametersSetAsync()
    {
        await (_connect ??= Chat.ConnectUserAsync(new ChatUser(UserId), ChatClient.DevToken(UserId)));
        Unread = Chat.CurrentUser?.TotalUnreadCount ?? 0;
    }

    public async ValueTask DisposeAsync() => await Chat.DisconnectUserAsync();
}
