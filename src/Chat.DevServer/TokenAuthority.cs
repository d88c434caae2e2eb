using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.DevServer;

/// <summary>Who a token speaks for: a user, or a trusted back end (server token).</summary>
internal sealed record TokenIdentity(string? UserId, bool IsServer);

/// <summary>Creates and validates the app's HS256 tokens and, in development mode, development tokens.</summary>
internal sealed class TokenAuthority
{
    private const string JwtAuthPrefix = "JWTAuth error: ";

    // Generous enough for clocks of processes on one machine, small enough that the
    // "expired", "not valid yet" and "issued in the future" errors show up when testing them.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _signingCredentials;
    private readonly TokenValidationParameters _validationParameters;
    private readonly string _apiKey;
    private readonly DevServerMode _mode;

    public TokenAuthority(DevServerOptions options)
    {
        _apiKey = options.ApiKey;
        _mode = options.Mode;
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.ApiSecret));
        _signingCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _validationParameters = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ClockSkew = ClockSkew,
        };
    }

    public string CreateUserToken(string userId, DateTimeOffset? expires, DateTimeOffset? notBefore, DateTimeOffset? issuedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["user_id"] = userId },
            Expires = expires?.UtcDateTime,
            NotBefore = notBefore?.UtcDateTime,
            IssuedAt = issuedAt?.UtcDateTime,
            SigningCredentials = _signingCredentials,
        });
    }

    public string CreateServerToken() => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Claims = new Dictionary<string, object> { ["server"] = true },
        SigningCredentials = _signingCredentials,
    });

    /// <summary>The development token the JavaScript SDK's <c>devToken(id)</c> builds, for the banner.</summary>
    public static string CreateDevToken(string userId)
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, string> { ["user_id"] = userId });
        return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)) + ".devtoken";
    }

    /// <exception cref="ChatError">The token is missing, malformed, unsigned by the app secret, or outside its lifetime.</exception>
    public async Task<TokenIdentity> AuthenticateAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token == "undefined" || token == "null")
        {
            throw ChatError.Authentication(ChatErrorCodes.AuthenticationError, JwtAuthPrefix + "a token is required (authorization query parameter or Authorization header)");
        }

        var segments = token.Split('.');
        if (segments.Length == 3 && segments[2] is "devtoken" or "devToken")
        {
            return AuthenticateDevToken(segments);
        }

        var result = await _handler.ValidateTokenAsync(token, _validationParameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            throw MapValidationFailure(result.Exception);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        // IssuedAt is DateTime.MinValue when the token has no iat, which then never fails this check.
        if (jwt.IssuedAt > DateTime.UtcNow + ClockSkew)
        {
            throw ChatError.Authentication(
                ChatErrorCodes.TokenUsedBeforeIssuedAt,
                JwtAuthPrefix + $"token used before issue at (iat {FormatUtc(jwt.IssuedAt)})");
        }

        if (jwt.TryGetPayloadValue<bool>("server", out var isServer) && isServer)
        {
            return new TokenIdentity(null, IsServer: true);
        }

        if (!jwt.TryGetPayloadValue<string>("user_id", out var userId) || string.IsNullOrEmpty(userId))
        {
            throw ChatError.Authentication(ChatErrorCodes.AuthenticationError, JwtAuthPrefix + "the token has neither a user_id claim nor \"server\": true");
        }

        return new TokenIdentity(userId, IsServer: false);
    }

    private TokenIdentity AuthenticateDevToken(string[] segments)
    {
        if (_mode != DevServerMode.Development)
        {
            throw ChatError.Authentication(
                ChatErrorCodes.TokenSignatureInvalid,
                JwtAuthPrefix + "development tokens are not accepted in production mode; sign the token with the API secret");
        }

        try
        {
            using var header = JsonDocument.Parse(DecodeBase64Segment(segments[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var algorithm)
                || algorithm.ValueKind != JsonValueKind.String
                || algorithm.GetString() != SecurityAlgorithms.HmacSha256)
            {
                throw ChatError.Authentication(ChatErrorCodes.AuthenticationError, JwtAuthPrefix + "a development token's header must be {\"alg\":\"HS256\",\"typ\":\"JWT\"}");
            }

            using var payload = JsonDocument.Parse(DecodeBase64Segment(segments[1]));
            if (payload.RootElement.ValueKind != JsonValueKind.Object
                || !payload.RootElement.TryGetProperty("user_id", out var userId)
                || userId.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(userId.GetString()))
            {
                throw ChatError.Authentication(ChatErrorCodes.AuthenticationError, JwtAuthPrefix + "a development token's payload must be {\"user_id\":\"<id>\"}");
            }

            return new TokenIdentity(userId.GetString(), IsServer: false);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw ChatError.Authentication(ChatErrorCodes.AuthenticationError, JwtAuthPrefix + "the development token is malformed (header or payload is not base64-encoded JSON)");
        }
    }

    /// <summary>
    /// The JavaScript SDK writes development tokens in padded standard base64 and the Unity SDK
    /// in base64url, so both alphabets and both paddings are accepted.
    /// </summary>
    private static byte[] DecodeBase64Segment(string segment)
    {
        var standard = segment.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        var padding = (4 - standard.Length % 4) % 4;
        if (padding == 3)
        {
            throw new FormatException("A base64 segment cannot have a length of 4n+1.");
        }

        return Convert.FromBase64String(standard + new string('=', padding));
    }

    private ChatError MapValidationFailure(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException expired => ChatError.Authentication(
            ChatErrorCodes.TokenExpired,
            JwtAuthPrefix + $"token has expired (exp {FormatUtc(expired.Expires)})"),
        SecurityTokenNotYetValidException notYetValid => ChatError.Authentication(
            ChatErrorCodes.TokenNotValidYet,
            JwtAuthPrefix + $"token is not valid yet (nbf {FormatUtc(notYetValid.NotBefore)})"),
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => ChatError.Authentication(
            ChatErrorCodes.TokenSignatureInvalid,
            JwtAuthPrefix + $"signature is not valid; make sure the token is signed with the secret of API key \"{_apiKey}\""),
        SecurityTokenInvalidAlgorithmException => ChatError.Authentication(
            ChatErrorCodes.TokenSignatureInvalid,
            JwtAuthPrefix + "the token must be signed with HS256"),
        SecurityTokenInvalidLifetimeException => ChatError.Authentication(
            ChatErrorCodes.AuthenticationError,
            JwtAuthPrefix + "the token's nbf is after its exp"),
        _ => ChatError.Authentication(
            ChatErrorCodes.AuthenticationError,
            JwtAuthPrefix + "token is malformed (expected a JWT: header.payload.signature)"),
    };

    private static string FormatUtc(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
