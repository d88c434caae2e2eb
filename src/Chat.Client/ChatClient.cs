using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Chat.Client;

/// <summary>
/// The reference chat client: one WebSocket for one user at a time, reconnecting with backoff when the
/// socket is lost. Thread-safe; runs in Blazor WebAssembly (no blocking waits, no dedicated threads).
/// </summary>
public sealed class ChatClient : IChatClient
{
    private readonly object _gate = new();
    private readonly ChatClientSettings _settings;
    private readonly Queue<ConnectionStateChangedEventArgs> _pendingStateChanges = new();
    private ChatSession? _session;
    private ChatSession? _stoppingSession;
    private Task _previousSessionEnded = Task.CompletedTask;
    private ConnectionState _state;
    private string? _connectionId;
    private OwnUser? _currentUser;
    private bool _raisingStateChanges;
    private bool _disposed;

    /// <summary>Creates a client for the app identified by <paramref name="apiKey"/>. Opens nothing until a user connects.</summary>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is empty, or <paramref name="options"/> are inconsistent.</exception>
    public ChatClient(string apiKey, ChatClientOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("An API key is required.", nameof(apiKey));
        }

        options ??= new ChatClientOptions();
        options.Validate(nameof(options));
        _settings = new ChatClientSettings(apiKey, options);
    }

    /// <inheritdoc/>
    public event EventHandler<ConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <inheritdoc/>
    public ConnectionState ConnectionState
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <inheritdoc/>
    public bool IsConnected => ConnectionState == ConnectionState.Connected;

    /// <inheritdoc/>
    public string? ConnectionId
    {
        get
        {
            lock (_gate)
            {
                return _connectionId;
            }
        }
    }

    /// <inheritdoc/>
    public OwnUser? CurrentUser
    {
        get
        {
            lock (_gate)
            {
                return _currentUser;
            }
        }
    }

    /// <summary>
    /// A development token for <paramref name="userId"/>: an unsigned JWT (signature <c>devtoken</c>) that only a
    /// server with authentication checks disabled (the development server in development mode) accepts.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is empty.</exception>
    public static string DevToken(string userId)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new ArgumentException("A user id is required.", nameof(userId));
        }

        var payload = ChatJson.Serialize(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("user_id", userId);
            writer.WriteEndObject();
        });
        return Jwt.Header + "." + Jwt.Base64UrlEncode(payload) + ".devtoken";
    }

    /// <inheritdoc/>
    public Task<ConnectResponse> ConnectUserAsync(ChatUser user, string token, CancellationToken cancellationToken = default)
    {
        var userDetails = SerializeUser(user);
        SessionTokens.Validate(token, user.Id, nameof(token));
        return ConnectAsync(user.Id, userDetails, new SessionTokens(user.Id, token), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<ConnectResponse> ConnectUserAsync(ChatUser user, Func<CancellationToken, Task<string>> tokenProvider, CancellationToken cancellationToken = default)
    {
        var userDetails = SerializeUser(user);
        if (tokenProvider is null)
        {
            throw new ArgumentNullException(nameof(tokenProvider));
        }

        return ConnectAsync(user.Id, userDetails, new SessionTokens(user.Id, tokenProvider), cancellationToken);
    }

    /// <inheritdoc/>
    public Task DisconnectUserAsync(CancellationToken cancellationToken = default)
    {
        ChatSession? session;
        Task teardown;
        lock (_gate)
        {
            session = DetachSessionLocked();
            teardown = _previousSessionEnded;
        }

        RaiseStateChanges();
        session?.Stop();
        return cancellationToken.CanBeCanceled ? teardown.WaitAsync(cancellationToken) : teardown;
    }

    /// <summary>Disconnects the user and waits until the socket is closed. Idempotent.</summary>
    public ValueTask DisposeAsync() => new(BeginDispose());

    /// <summary>
    /// Starts disconnecting the user and returns without waiting for the socket to close: blocking here could
    /// deadlock a single-threaded context (Blazor WebAssembly, UI threads). Prefer <see cref="DisposeAsync"/>. Idempotent.
    /// </summary>
    public void Dispose() => _ = BeginDispose();

    internal bool OnSessionConnected(ChatSession session, ConnectResponse response)
    {
        lock (_gate)
        {
            if (_session != session)
            {
                return false;
            }

            _connectionId = response.ConnectionId;
            _currentUser = response.Me;
            SetStateLocked(ConnectionState.Connected);
        }

        Log.Connected(_settings.Logger, session.UserId, response.ConnectionId);
        RaiseStateChanges();
        return true;
    }

    internal void OnSessionReconnecting(ChatSession session)
    {
        lock (_gate)
        {
            if (_session != session)
            {
                return;
            }

            _connectionId = null;
            SetStateLocked(ConnectionState.Reconnecting);
        }

        RaiseStateChanges();
    }

    /// <summary>The session holds no socket any more: either it was stopped, or it ended by itself (failed, refused, closed by the server).</summary>
    internal void OnSessionFinished(ChatSession session)
    {
        var stopped = false;
        lock (_gate)
        {
            if (_session == session)
            {
                _session = null;
                _previousSessionEnded = session.Ended;
                ForgetUserLocked();
                SetStateLocked(ConnectionState.Disconnected);
            }
            else if (_stoppingSession == session)
            {
                _stoppingSession = null;
                stopped = true;
                if (_session is null)
                {
                    SetStateLocked(ConnectionState.Disconnected);
                }
            }
        }

        if (stopped)
        {
            Log.Disconnected(_settings.Logger, session.UserId);
        }

        RaiseStateChanges();
    }

    private static byte[] SerializeUser(ChatUser user)
    {
        if (user is null)
        {
            throw new ArgumentNullException(nameof(user));
        }

        // Serialized now, so that bad custom fields fail before any I/O and reconnects send what was connected.
        return ChatJson.Serialize(writer => ChatJson.WriteUser(writer, user, nameof(user)));
    }

    private Task<ConnectResponse> ConnectAsync(string userId, byte[] userDetails, SessionTokens tokens, CancellationToken cancellationToken)
    {
        ChatSession? joined = null;
        ChatSession? started = null;
        ConnectionState state;
        lock (_gate)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(ChatClient));
            }

            if (_session is { } current)
            {
                if (!string.Equals(current.UserId, userId, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"User '{current.UserId}' is connected on this client; call DisconnectUserAsync before connecting a different user ('{userId}').");
                }

                joined = current;
            }
            else if (!cancellationToken.IsCancellationRequested)
            {
                started = new ChatSession(this, _settings, userId, userDetails, tokens, _previousSessionEnded);
                _session = started;
                SetStateLocked(ConnectionState.Connecting);
            }

            state = _state;
        }

        if (joined is not null)
        {
            Log.ConsecutiveConnectCall(_settings.Logger, userId, state);
            return cancellationToken.CanBeCanceled ? joined.Connected.WaitAsync(cancellationToken) : joined.Connected;
        }

        if (started is null)
        {
            return Task.FromCanceled<ConnectResponse>(cancellationToken);
        }

        RaiseStateChanges();
        started.Start(cancellationToken);
        return started.Connected;
    }

    private Task BeginDispose()
    {
        ChatSession? session;
        Task teardown;
        lock (_gate)
        {
            _disposed = true;
            session = DetachSessionLocked();
            teardown = _previousSessionEnded;
        }

        RaiseStateChanges();
        session?.Stop();
        return teardown;
    }

    private ChatSession? DetachSessionLocked()
    {
        var session = _session;
        if (session is null)
        {
            return null;
        }

        _session = null;
        _stoppingSession = session;
        _previousSessionEnded = session.Ended;
        ForgetUserLocked();
        SetStateLocked(ConnectionState.Disconnecting);
        return session;
    }

    private void ForgetUserLocked()
    {
        _connectionId = null;
        _currentUser = null;
    }

    private void SetStateLocked(ConnectionState next)
    {
        if (_state != next)
        {
            _pendingStateChanges.Enqueue(new ConnectionStateChangedEventArgs(_state, next));
            _state = next;
        }
    }

    /// <summary>
    /// Raises queued state changes outside the lock, one at a time and in order: whichever thread is already
    /// raising drains what other threads queue meanwhile, including changes a handler causes.
    /// </summary>
    private void RaiseStateChanges()
    {
        while (true)
        {
            ConnectionStateChangedEventArgs change;
            lock (_gate)
            {
                if (_raisingStateChanges || _pendingStateChanges.Count == 0)
                {
                    return;
                }

                change = _pendingStateChanges.Dequeue();
                _raisingStateChanges = true;
            }

            try
            {
                ConnectionStateChanged?.Invoke(this, change);
            }
            catch (Exception ex)
            {
                Log.StateHandlerFailed(_settings.Logger, ex);
            }
            finally
            {
                lock (_gate)
                {
                    _raisingStateChanges = false;
                }
            }
        }
    }
}
