using System;
using System.Threading;
using System.Threading.Tasks;

namespace Chat.Client;

/// <summary>
/// A chat client that holds at most one WebSocket for one connected user. Connect once per user
/// session (sign-in or app start-up), disconnect once when the session ends.
/// </summary>
public interface IChatClient : IAsyncDisposable, IDisposable
{
    /// <summary>The current connection state.</summary>
    ConnectionState ConnectionState { get; }

    /// <summary><see langword="true"/> when <see cref="ConnectionState"/> is <see cref="Client.ConnectionState.Connected"/>.</summary>
    bool IsConnected { get; }

    /// <summary>The server-assigned id of the current socket, or <see langword="null"/> when not connected.</summary>
    string? ConnectionId { get; }

    /// <summary>The connected user as the server last reported it, or <see langword="null"/> when no user is connected.</summary>
    OwnUser? CurrentUser { get; }

    /// <summary>Raised after every state transition, in the order the transitions happened.</summary>
    event EventHandler<ConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <summary>
    /// Connects <paramref name="user"/> with a fixed token. A repeated call for the same user while it is
    /// connecting or connected returns the first call's result and opens no socket.
    /// </summary>
    /// <exception cref="ArgumentException">The user or token is invalid, or the token belongs to another user.</exception>
    /// <exception cref="InvalidOperationException">A different user is connected on this client.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    /// <exception cref="ChatApiException">The server refused the connection (see <see cref="ChatErrorCodes"/>).</exception>
    Task<ConnectResponse> ConnectUserAsync(ChatUser user, string token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Connects <paramref name="user"/> with tokens from <paramref name="tokenProvider"/>, which is asked again
    /// when the server reports the token expired.
    /// </summary>
    /// <inheritdoc cref="ConnectUserAsync(ChatUser, string, CancellationToken)"/>
    Task<ConnectResponse> ConnectUserAsync(ChatUser user, Func<CancellationToken, Task<string>> tokenProvider, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes the socket (waiting up to one second for the server to acknowledge) and forgets the user and token.
    /// Does nothing when no user is connected.
    /// </summary>
    Task DisconnectUserAsync(CancellationToken cancellationToken = default);
}
