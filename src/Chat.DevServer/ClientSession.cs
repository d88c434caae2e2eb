using System;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Chat.DevServer;

/// <summary>
/// One accepted WebSocket of a user. A WebSocket allows one send at a time, and heartbeat
/// replies, pushed events and closes come from different places, so every write goes through
/// one lock and gives up after a bounded time by aborting the socket (which ends the session).
/// Not disposable on purpose: a broadcast may still hold a session from a snapshot after its
/// connection ended, and nothing here outlives the socket except a timer that fires once.
/// </summary>
internal sealed class ClientSession
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a peer gets to answer our close frame before the socket is aborted.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClientSession(WebSocket socket, string userId, string connectionId)
    {
        Socket = socket;
        UserId = userId;
        ConnectionId = connectionId;
    }

    public WebSocket Socket { get; }

    public string UserId { get; }

    public string ConnectionId { get; }

    /// <summary>Cancelled when the session must stop waiting for its peer.</summary>
    public CancellationToken Aborted => _abort.Token;

    /// <summary>Completes when the connect handler has finished with this session.</summary>
    public Task Ended => _ended.Task;

    public void MarkEnded() => _ended.TrySetResult();

    /// <summary>Sends one JSON frame; false when the socket is no longer open or the send failed.</summary>
    public Task<bool> TrySendAsync(JsonObject payload) => TrySendAsync(Wire.ToUtf8(payload));

    /// <summary>Sends one UTF-8 JSON frame; false when the socket is no longer open or the send failed.</summary>
    public async Task<bool> TrySendAsync(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            await _sendLock.WaitAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            if (Socket.State != WebSocketState.Open)
            {
                return false;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
            timeout.CancelAfter(SendTimeout);
            await Socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A failed or timed-out send leaves the socket aborted; the receive loop then ends the session.
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Starts the closing handshake. The receive loop keeps reading until the peer's close frame
    /// arrives; if it does not within <see cref="CloseHandshakeTimeout"/>, the socket is aborted.
    /// </summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        try
        {
            await _sendLock.WaitAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
                timeout.CancelAfter(SendTimeout);
                await Socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone already; nothing is left to close.
        }
        finally
        {
            _sendLock.Release();
        }

        _abort.CancelAfter(CloseHandshakeTimeout);
    }
}
