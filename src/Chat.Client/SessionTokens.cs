using System;
using System.Threading;
using System.Threading.Tasks;

namespace Chat.Client;

/// <summary>The token of one user session: fixed, or fetched from the app's token provider.</summary>
internal sealed class SessionTokens
{
    private readonly string _userId;
    private readonly Func<CancellationToken, Task<string>>? _provider;
    private string? _token;

    public SessionTokens(string userId, string token)
    {
        _userId = userId;
        _token = token;
    }

    public SessionTokens(string userId, Func<CancellationToken, Task<string>> provider)
    {
        _userId = userId;
        _provider = provider;
    }

    public bool CanRefresh => _provider is not null;

    /// <exception cref="ArgumentNullException"><paramref name="token"/> is null.</exception>
    /// <exception cref="ArgumentException">The token is empty, not a JWT, or issued for another user.</exception>
    public static void Validate(string? token, string userId, string paramName)
    {
        if (token is null)
        {
            throw new ArgumentNullException(paramName, "A user token is required.");
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException("The user token is empty.", paramName);
        }

        if (!Jwt.TryReadUserId(token, out var tokenUserId))
        {
            throw new ArgumentException("The user token is not a JSON Web Token (three dot-separated base64url parts with a JSON payload).", paramName);
        }

        if (tokenUserId is null)
        {
            throw new ArgumentException(
                "The token has no user_id claim. Connect with a user token (ChatServerClient.CreateToken or ChatClient.DevToken), not a server token.", paramName);
        }

        if (!string.Equals(tokenUserId, userId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The token was issued for user '{tokenUserId}' but is used to connect user '{userId}'.", paramName);
        }
    }

    public Task<string> GetAsync(CancellationToken cancellationToken) =>
        _token is { } token ? Task.FromResult(token) : RefreshAsync(cancellationToken);

    /// <summary>Asks the provider for a new token.</summary>
    /// <exception cref="ArgumentException">The provider returned an unusable token.</exception>
    public async Task<string> RefreshAsync(CancellationToken cancellationToken)
    {
        if (_provider is null)
        {
            throw new InvalidOperationException("A fixed token cannot be refreshed.");
        }

        var pending = _provider(cancellationToken) ?? throw new InvalidOperationException("The token provider returned a null task.");
        var token = await pending.ConfigureAwait(false);
        Validate(token, _userId, "tokenProvider");
        _token = token;
        return token;
    }
}
