using System;
using System.Threading;
using System.Threading.Tasks;

namespace Chat.Client;

/// <summary>
/// One connected user, from ConnectUserAsync to disconnect: the first connection, then reconnects with
/// backoff until it is stopped or refused for good. It holds at most one socket at any time: a lost
/// socket is released before the next one is opened.
/// </summary>
internal sealed class ChatSession
{
    private readonly ChatClient _client;
    private readonly ChatClientSettings _settings;
    private readonly SessionTokens _tokens;
    private readonly byte[] _userDetails;
    private readonly string _clientId;
    private readonly Task _previousSessionEnded;

    // Canceled by Stop. Never disposed: it has no timer and no linked parents, and canceling a
    // disposed source from a late Stop would throw.
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<ConnectResponse> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Random _jitter = new();

    public ChatSession(ChatClient client, ChatClientSettings settings, string userId, byte[] userDetails, SessionTokens tokens, Task previousSessionEnded)
    {
        _client = client;
        _settings = settings;
        UserId = userId;
        _userDetails = userDetails;
        _tokens = tokens;
        _previousSessionEnded = previousSessionEnded;
        _clientId = userId + "--" + Guid.NewGuid().ToString();
    }

    public string UserId { get; }

    /// <summary>The first connection's result, shared by every ConnectUserAsync call of this session.</summary>
    public Task<ConnectResponse> Connected => _connected.Task;

    /// <summary>Completes (never faults) once the session holds no socket and has stopped for good.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Starts connecting. The outcome is published through <see cref="Connected"/> and <see cref="Ended"/>.</summary>
    public void Start(CancellationToken cancellationToken) => _ = RunAsync(cancellationToken);

    /// <summary>Asks the session to close its socket normally and stop reconnecting; <see cref="Ended"/> tells when it is done.</summary>
    public void Stop() => _lifetime.Cancel();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        Exception? connectFailure = null;
        try
        {
            ChatConnection connection;
            try
            {
                // The previous session of this client may still be closing its socket; never hold two.
                await _previousSessionEnded.ConfigureAwait(false);
                using var connecting = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token, cancellationToken);
                connection = await OpenAuthenticatedAsync(connecting.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                connectFailure = ex;
                if (ex is not OperationCanceledException)
                {
                    Log.ConnectFailed(_settings.Logger, UserId, ex);
                }

                return;
            }

            if (_client.OnSessionConnected(this, connection.Response))
            {
                _connected.TrySetResult(connection.Response);
            }

            await MaintainAsync(connection).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Nothing above is expected to throw; an escaping bug must not vanish in a task nobody awaits.
            Log.SessionFailed(_settings.Logger, UserId, ex);
        }
        finally
        {
            // The client forgets the session before the connect task completes, so that a caller
            // retrying from its continuation starts a new session instead of joining this one.
            _client.OnSessionFinished(this);
            switch (connectFailure)
            {
                case OperationCanceledException:
                    _connected.TrySetCanceled(cancellationToken.IsCancellationRequested ? cancellationToken : _lifetime.Token);
                    break;
                case not null:
                    _connected.TrySetException(connectFailure);
                    break;
                default:
                    // Stopped before the first connection was reported.
                    _connected.TrySetCanceled(_lifetime.Token);
                    break;
            }

            _ended.TrySetResult(true);
        }
    }

    private async Task MaintainAsync(ChatConnection connection)
    {
        while (true)
        {
            var end = await connection.RunAsync(_lifetime.Token).ConfigureAwait(false);
            connection.Release();
            if (end != ConnectionEnd.Lost || _lifetime.IsCancellationRequested)
            {
                return;
            }

            _client.OnSessionReconnecting(this);
            var next = await ReconnectAsync().ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            connection = next;
            _client.OnSessionConnected(this, connection.Response);
        }
    }

    /// <returns>The new connection, or <see langword="null"/> when stopped or refused for good.</returns>
    private async Task<ChatConnection?> ReconnectAsync()
    {
        // Runs until it connects, is refused permanently, or the session is stopped (disconnect or dispose).
        for (var attempt = 1; ; attempt++)
        {
            var delay = ReconnectBackoff.Delay(attempt, _settings.MaxReconnectDelay, _jitter);
            Log.ReconnectScheduled(_settings.Logger, attempt, UserId, delay);
            try
            {
                await Task.Delay(delay, _lifetime.Token).ConfigureAwait(false);
                return await OpenAuthenticatedAsync(_lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception ex) when (ex is ArgumentException || (ex is ChatApiException apiError && !ChatErrorCodes.IsRetryable(apiError.Code)))
            {
                Log.ReconnectAbandoned(_settings.Logger, UserId, ex);
                return null;
            }
            catch (Exception ex)
            {
                Log.ReconnectFailed(_settings.Logger, attempt, UserId, ex);
            }
        }
    }

    /// <summary>Opens a connection; when the server reports the token expired and a provider is set, asks it once for a new token and tries again.</summary>
    private async Task<ChatConnection> OpenAuthenticatedAsync(CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ChatConnection.OpenAsync(_settings, UserId, _userDetails, _clientId, token, cancellationToken).ConfigureAwait(false);
        }
        catch (ChatApiException ex) when (ex.Code == ChatErrorCodes.TokenExpired && _tokens.CanRefresh)
        {
            Log.RefreshingToken(_settings.Logger, UserId);
        }

        token = await _tokens.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return await ChatConnection.OpenAsync(_settings, UserId, _userDetails, _clientId, token, cancellationToken).ConfigureAwait(false);
    }
}
