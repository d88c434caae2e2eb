using System;
using System.Net.WebSockets;
using System.Threading.Tasks;
using Chat.Client;

namespace BlazorChat;

/// <summary>
/// The app's one chat session: connects the configured user the first time a page asks, and keeps
/// that socket for the whole app session, whichever pages come and go. Registered as a singleton.
/// </summary>
public sealed class ChatSessionService : IAsyncDisposable
{
    private readonly ChatClient _client;
    private readonly ChatAppSettings _settings;
    private Task? _connecting;

    public ChatSessionService(ChatClient client, ChatAppSettings settings)
    {
        _client = client;
        _settings = settings;
        _client.ConnectionStateChanged += OnConnectionStateChanged;
    }

    /// <summary>Raised when the connection state, the user or the error changes.</summary>
    public event EventHandler? Changed;

    public ConnectionState State => _client.ConnectionState;

    /// <summary>The connected user with the unread counts the server sent; null before the first connect.</summary>
    public OwnUser? CurrentUser => _client.CurrentUser;

    /// <summary>Why the last connect failed (the server's refusal, or no server); null while none has.</summary>
    public Exception? Error { get; private set; }

    /// <summary>
    /// Connects on the first call; later calls share that attempt. After a failed attempt the next call
    /// tries again.
    /// </summary>
    public Task EnsureConnectedAsync() => _connecting ??= ConnectAsync();

    public async ValueTask DisposeAsync()
    {
        _client.ConnectionStateChanged -= OnConnectionStateChanged;
        await _client.DisconnectUserAsync();
    }

    private async Task ConnectAsync()
    {
        try
        {
            await _client.ConnectUserAsync(new ChatUser(_settings.UserId) { Name = _settings.UserName }, ChatClient.DevToken(_settings.UserId));
            Error = null;
        }
        catch (Exception error) when (error is ChatApiException or TimeoutException or WebSocketException)
        {
            Error = error;
            _connecting = null;
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    private void OnConnectionStateChanged(object? sender, ConnectionStateChangedEventArgs e) => Changed?.Invoke(this, EventArgs.Empty);
}
