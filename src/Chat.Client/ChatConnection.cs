using System;
using System.Diagnostics;
using System.IO;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Chat.Client;

/// <summary>How a connection's life ended.</summary>
internal enum ConnectionEnd
{
    /// <summary>The session asked it to close.</summary>
    Stopped,

    /// <summary>The server closed it with 1000: a permanent rejection, not to be retried.</summary>
    ClosedByServer,

    /// <summary>Closed with another code, broken, or silent for too long: worth reconnecting.</summary>
    Lost,
}

/// <summary>
/// One authenticated WebSocket: opening it and reading the first event, then receiving, heartbeats,
/// dead-socket detection and closing. Owned by one <see cref="ChatSession"/>.
/// </summary>
internal sealed class ChatConnection
{
    private const string ManualCloseReason = "Manually closed connection by calling client.disconnect()";

    private const int ReceiveBufferBytes = 16 * 1024;

    // Far above any event the protocol sends; a bigger message means a broken or hostile peer.
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan _closeGracePeriod = TimeSpan.FromSeconds(1);

    private readonly ChatClientSettings _settings;
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _receiveBuffer = new byte[ReceiveBufferBytes];
    private readonly byte[] _heartbeat;

    // Serializes sends: a WebSocket allows one send at a time, and heartbeats race with closes.
    // Never disposed: it allocates no wait handle unless AvailableWaitHandle is read.
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastHeardTicks;
    private int _released;
    private bool _counted;
    private volatile bool _judgedDead;
    private ConnectResponse? _response;

    private ChatConnection(ChatClientSettings settings, string clientId)
    {
        _settings = settings;
        _heartbeat = ChatJson.Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", "health.check");
            writer.WriteString("client_id", clientId);
            writer.WriteEndObject();
        });
    }

    public ConnectResponse Response => _response ?? throw new InvalidOperationException("The connection has not been accepted.");

    private TimeSpan SinceLastHeard => _clock.Elapsed - TimeSpan.FromTicks(Volatile.Read(ref _lastHeardTicks));

    /// <summary>Opens a socket and waits for the server's first event.</summary>
    /// <exception cref="ChatApiException">The server answered with <c>connection.error</c>.</exception>
    /// <exception cref="TimeoutException">No first event within <see cref="ChatClientSettings.ConnectTimeout"/>.</exception>
    public static async Task<ChatConnection> OpenAsync(
        ChatClientSettings settings, string userId, byte[] userDetails, string clientId, string token, CancellationToken cancellationToken)
    {
        settings.Metrics.ConnectAttempts.Add(1);
        var connection = new ChatConnection(settings, clientId);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ConnectTimeout);
        try
        {
            await connection._socket.ConnectAsync(BuildConnectUri(settings, userId, userDetails, token), deadline.Token).ConfigureAwait(false);
            connection._counted = true;
            settings.Metrics.ActiveConnections.Add(1);
            var first = await connection.ReceiveMessageAsync(deadline.Token).ConfigureAwait(false);
            connection._response = ParseFirstEvent(first);
            return connection;
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            connection.Release();
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new OperationCanceledException("Connecting was canceled.", ex, cancellationToken);
        }
        catch (Exception ex) when (deadline.IsCancellationRequested)
        {
            connection.Release();
            var timeout = new TimeoutException($"The server did not accept the connection within {settings.ConnectTimeout}.", ex);
            settings.Metrics.RecordFailure(timeout);
            throw timeout;
        }
        catch (Exception ex)
        {
            connection.Release();
            settings.Metrics.RecordFailure(ex);
            throw;
        }
    }

    /// <summary>
    /// Receives until the socket closes, breaks, goes silent, or <paramref name="stop"/> asks for a normal
    /// close (sent with 1000, waiting up to one second for the server's answer). Does not throw.
    /// </summary>
    public async Task<ConnectionEnd> RunAsync(CancellationToken stop)
    {
        // Canceling a pending WebSocket receive aborts the socket: the way out when it is dead or the close times out.
        using var abort = new CancellationTokenSource();
        var receiving = ReceiveUntilClosedAsync(abort.Token);
        var keepingAlive = KeepAliveAsync(abort);
        var stopRequested = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (stop.Register(() => stopRequested.TrySetResult(true)))
        {
            if (await Task.WhenAny(receiving, stopRequested.Task).ConfigureAwait(false) == stopRequested.Task)
            {
                using var grace = new CancellationTokenSource(_closeGracePeriod);
                await SendCloseAsync(WebSocketCloseStatus.NormalClosure, ManualCloseReason, grace.Token).ConfigureAwait(false);
                await receiving.WhenCompletedOrCanceled(grace.Token).ConfigureAwait(false);
            }
        }

        abort.Cancel();
        await keepingAlive.ConfigureAwait(false);
        try
        {
            var (status, description) = await receiving.ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                return ConnectionEnd.Stopped;
            }

            if (status == WebSocketCloseStatus.NormalClosure)
            {
                Log.ClosedByServer(_settings.Logger, Response.ConnectionId, description);
                return ConnectionEnd.ClosedByServer;
            }

            Log.ConnectionLost(_settings.Logger, Response.ConnectionId, status is null ? "none" : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), null);
            return ConnectionEnd.Lost;
        }
        catch (Exception ex)
        {
            // Whatever broke the receive (reset, abort, oversized or unreadable frame), the socket is unusable.
            if (stop.IsCancellationRequested)
            {
                return ConnectionEnd.Stopped;
            }

            if (!_judgedDead)
            {
                Log.ConnectionLost(_settings.Logger, Response.ConnectionId, "none", ex);
            }

            return ConnectionEnd.Lost;
        }
    }

    /// <summary>Aborts and disposes the socket (a no-op after a completed close) and stops counting it. Idempotent.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        _socket.Abort();
        _socket.Dispose();
        if (_counted)
        {
            _settings.Metrics.ActiveConnections.Add(-1);
        }
    }

    private static Uri BuildConnectUri(ChatClientSettings settings, string userId, byte[] userDetails, string token)
    {
        var json = ChatJson.Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("user_id", userId);
            writer.WritePropertyName("user_details");
            writer.WriteRawValue(userDetails, skipInputValidation: true);
            writer.WriteString("client_request_id", Guid.NewGuid().ToString());
            writer.WriteEndObject();
        });
        var query = "connect?json=" + Uri.EscapeDataString(System.Text.Encoding.UTF8.GetString(json))
            + "&api_key=" + Uri.EscapeDataString(settings.ApiKey)
            + "&authorization=" + Uri.EscapeDataString(token)
            + "&stream-auth-type=jwt";
        return new Uri(settings.BaseUrl, query);
    }

    private static ConnectResponse ParseFirstEvent(ReceivedMessage first)
    {
        if (first.IsClose)
        {
            throw new WebSocketException(
                WebSocketError.ConnectionClosedPrematurely,
                $"The server closed the socket ({(int?)first.CloseStatus} {first.CloseDescription}) before sending its first event.");
        }

        try
        {
            using var document = JsonDocument.Parse(first.Payload);
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object ? ChatJson.GetString(root, "type") : null;
            if (type == "connection.error")
            {
                if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException("The server's connection.error event has no error object.");
                }

                throw ChatJson.ReadError(error, fallbackStatusCode: 401);
            }

            if (type != "health.check")
            {
                throw new InvalidDataException($"Expected 'health.check' or 'connection.error' as the server's first event, got '{type}'.");
            }

            var connectionId = ChatJson.GetString(root, "connection_id");
            if (string.IsNullOrEmpty(connectionId) || !root.TryGetProperty("me", out var me))
            {
                throw new InvalidDataException("The server's first health.check event lacks 'connection_id' or 'me'.");
            }

            return new ConnectResponse(connectionId!, OwnUser.Parse(me));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The server's first event is not valid JSON.", ex);
        }
    }

    private async Task<(WebSocketCloseStatus? Status, string? Description)> ReceiveUntilClosedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await ReceiveMessageAsync(cancellationToken).ConfigureAwait(false);
            if (message.IsClose)
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    // The server started the close: answer it so that both sides finish the handshake cleanly.
                    using var grace = new CancellationTokenSource(_closeGracePeriod);
                    await SendCloseAsync(message.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, grace.Token).ConfigureAwait(false);
                }

                return (message.CloseStatus, message.CloseDescription);
            }

            if (_settings.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Trace))
            {
                Log.EventReceived(_settings.Logger, ReadEventType(message.Payload), Response.ConnectionId);
            }
        }
    }

    private static string? ReadEventType(ArraySegment<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object ? ChatJson.GetString(document.RootElement, "type") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Sends heartbeats and cancels <paramref name="abort"/> when the socket has been silent too long or a heartbeat cannot be sent.</summary>
    private async Task KeepAliveAsync(CancellationTokenSource abort)
    {
        var cancellationToken = abort.Token;
        var nextHeartbeat = _clock.Elapsed + _settings.HeartbeatInterval;
        try
        {
            while (true)
            {
                var untilHeartbeat = nextHeartbeat - _clock.Elapsed;
                var untilDead = _settings.DeadConnectionTimeout - SinceLastHeard;
                var wait = untilHeartbeat < untilDead ? untilHeartbeat : untilDead;
                if (wait > TimeSpan.Zero)
                {
                    // Rounded up: Task.Delay truncates to whole milliseconds, which would wake us early and spin.
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
                }

                if (SinceLastHeard >= _settings.DeadConnectionTimeout)
                {
                    _judgedDead = true;
                    Log.ConnectionDead(_settings.Logger, Response.ConnectionId, _settings.DeadConnectionTimeout);
                    abort.Cancel();
                    return;
                }

                if (_clock.Elapsed >= nextHeartbeat)
                {
                    if (!await TrySendHeartbeatAsync(cancellationToken).ConfigureAwait(false))
                    {
                        _judgedDead = true;
                        abort.Cancel();
                        return;
                    }

                    nextHeartbeat = _clock.Elapsed + _settings.HeartbeatInterval;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection is ending.
        }
    }

    private async Task<bool> TrySendHeartbeatAsync(CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(new ArraySegment<byte>(_heartbeat), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.HeartbeatFailed(_settings.Logger, Response.ConnectionId, ex);
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends a close frame if the socket can still take one. Does not throw: a socket that cannot be closed is aborted by <see cref="Release"/>.</summary>
    private async Task SendCloseAsync(WebSocketCloseStatus status, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, reason, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            // Broken or out of time: Release aborts the socket.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task<ReceivedMessage> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        MemoryStream? assembled = null;
        while (true)
        {
            var result = await _socket.ReceiveAsync(new ArraySegment<byte>(_receiveBuffer), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _lastHeardTicks, _clock.Elapsed.Ticks);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return ReceivedMessage.Close(result.CloseStatus, result.CloseStatusDescription);
            }

            if (result.EndOfMessage && assembled is null)
            {
                return new ReceivedMessage(new ArraySegment<byte>(_receiveBuffer, 0, result.Count));
            }

            assembled ??= new MemoryStream();
            if (assembled.Length + result.Count > MaxMessageBytes)
            {
                throw new InvalidDataException($"The server sent a message larger than {MaxMessageBytes} bytes.");
            }

            assembled.Write(_receiveBuffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return new ReceivedMessage(new ArraySegment<byte>(assembled.GetBuffer(), 0, (int)assembled.Length));
            }
        }
    }

    /// <summary>A whole received message. A text payload may point into the receive buffer: read it before the next receive.</summary>
    private readonly struct ReceivedMessage
    {
        public ReceivedMessage(ArraySegment<byte> payload)
        {
            Payload = payload;
            IsClose = false;
            CloseStatus = null;
            CloseDescription = null;
        }

        private ReceivedMessage(WebSocketCloseStatus? status, string? description)
        {
            Payload = default;
            IsClose = true;
            CloseStatus = status;
            CloseDescription = description;
        }

        public ArraySegment<byte> Payload { get; }

        public bool IsClose { get; }

        public WebSocketCloseStatus? CloseStatus { get; }

        public string? CloseDescription { get; }

        public static ReceivedMessage Close(WebSocketCloseStatus? status, string? description) => new(status, description);
    }
}
