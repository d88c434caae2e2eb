using System.Threading.Tasks;
using Chat.Client;
using Microsoft.AspNetCore.Components;

namespace BlazorChat.Misuse.Pages;

/// <summary>
/// The chat page as it is often first written: the page owns a client and connects after every
/// render. Blazor disposes the page when the user leaves it, but nothing closes the socket.
/// </summary>
public partial class ChatPage : ComponentBase
{
    private ChatClient? _client;
    private ConnectionState _state = ConnectionState.Connecting;
    private ChatApiException? _error;
    private OwnUser? _me;

    [Inject]
    private ChatAppSettings Settings { get; set; } = default!;

    private ChatClient Client => _client ??= new ChatClient(Settings.ApiKey, new ChatClientOptions { BaseUrl = Settings.ServerUrl });

    private ChatUser CurrentUser => new(Settings.UserId) { Name = Settings.UserName };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await ShowOutcomeAsync(Client.ConnectUserAsync(CurrentUser, ChatClient.DevToken(Settings.UserId)));
    }

    /// <summary>Shows the user and unread counts, or the server's error, re-rendering only on a change.</summary>
    private async Task ShowOutcomeAsync(Task<ConnectResponse> connecting)
    {
        var (state, error, me) = (_state, _error, _me);
        try
        {
            _me = (await connecting).Me;
            _error = null;
        }
        catch (ChatApiException refused)
        {
            _error = refused;
        }

        _state = Client.ConnectionState;
        if (_state != state || _error?.Code != error?.Code || _me != me)
        {
            StateHasChanged();
        }
    }
}
