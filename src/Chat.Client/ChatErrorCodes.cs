namespace Chat.Client;

/// <summary>Error codes the chat protocol reports in <c>connection.error</c> events and REST error bodies (<see cref="ChatApiException.Code"/>).</summary>
public static class ChatErrorCodes
{
    /// <summary>Unknown or missing API key.</summary>
    public const int AccessKeyError = 2;

    /// <summary>Invalid request input, e.g. an unreadable <c>json</c> parameter or a missing user id.</summary>
    public const int InputError = 4;

    /// <summary>The token could not be read.</summary>
    public const int AuthenticationError = 5;

    /// <summary>The token's <c>exp</c> is in the past.</summary>
    public const int TokenExpired = 40;

    /// <summary>The token's <c>nbf</c> is in the future.</summary>
    public const int TokenNotValidYet = 41;

    /// <summary>The token's <c>iat</c> is in the future.</summary>
    public const int TokenUsedBeforeIssuedAt = 42;

    /// <summary>The token's signature does not match the app secret, or it was issued for another user.</summary>
    public const int TokenSignatureInvalid = 43;

    /// <summary>The user already holds as many open connections as the app allows.</summary>
    public const int TooManyConnections = 71;

    /// <summary>The app is suspended.</summary>
    public const int AppSuspended = 99;

    /// <summary>
    /// Whether retrying the same request later can succeed. Configuration and authentication errors never
    /// heal by themselves; a connection limit or an unknown (server-side) error can.
    /// </summary>
    internal static bool IsRetryable(int code) => code switch
    {
        AccessKeyError or InputError or AuthenticationError or TokenExpired or TokenNotValidYet
            or TokenUsedBeforeIssuedAt or TokenSignatureInvalid or AppSuspended => false,
        _ => true,
    };
}
