using System;
using System.Threading;
using System.Threading.Tasks;
using Chat.DevServer;
using static Chat.Client.Tests.TestServers;

namespace Chat.Client.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task A_token_with_a_bad_signature_fails_with_43_after_a_single_attempt_and_the_user_can_retry()
    {
        await using var server = await StartAsync(DevServerMode.Production);
        using var probe = new MetricsProbe();
        using var forger = new ChatServerClient(ApiKey, "a-different-secret-that-is-32-bytes-long", new ChatServerClientOptions { BaseUrl = server.HttpUrl });
        using var admin = ServerClient(server);
        await using var client = new ChatClient(ApiKey, ClientOptions(server, probe));

        var refused = await Assert.ThrowsAsync<ChatApiException>(() => client.ConnectUserAsync(new ChatUser("ivan"), forger.CreateToken("ivan")));

        Assert.Equal(ChatErrorCodes.TokenSignatureInvalid, refused.Code);
        Assert.Equal(401, refused.StatusCode);
        Assert.StartsWith("JWTAuth error:", refused.ServerMessage, StringComparison.Ordinal);
        Assert.Equal(1, probe.ConnectAttempts);
        Assert.Equal(1, probe.ConnectFailures);
        Assert.Equal(ChatErrorCodes.TokenSignatureInvalid, Assert.Single(probe.FailureTags)["chat.error.code"]);
        Assert.Equal(0, probe.ActiveConnections);
        Assert.Equal(ConnectionState.Disconnected, client.ConnectionState);
        Assert.Null(client.CurrentUser);

        var retried = await client.ConnectUserAsync(new ChatUser("ivan"), admin.CreateToken("ivan"));
        Assert.Equal("ivan", retried.Me.Id);
        Assert.Equal(2, probe.ConnectAttempts);
    }

    [Fact]
    public async Task An_expired_token_fails_with_40()
    {
        await using var server = await StartAsync(DevServerMode.Production);
        using var probe = new MetricsProbe();
        using var admin = ServerClient(server);
        await using var client = new ChatClient(ApiKey, ClientOptions(server, probe));

        var refused = await Assert.ThrowsAsync<ChatApiException>(() => client.ConnectUserAsync(new ChatUser("judy"), admin.CreateToken("judy", DateTimeOffset.UtcNow.AddMinutes(-10))));

        Assert.Equal(ChatErrorCodes.TokenExpired, refused.Code);
        Assert.Equal(1, probe.ConnectAttempts);
    }

    [Fact]
    public async Task A_token_provider_is_asked_again_once_when_the_server_reports_the_token_expired()
    {
        await using var server = await StartAsync(DevServerMode.Production);
        using var probe = new MetricsProbe();
        using var admin = ServerClient(server);
        await using var client = new ChatClient(ApiKey, ClientOptions(server, probe));
        var calls = 0;
        Task<string> Provider(CancellationToken cancellationToken) => Task.FromResult(
            Interlocked.Increment(ref calls) == 1
                ? admin.CreateToken("kim", DateTimeOffset.UtcNow.AddMinutes(-10))
                : admin.CreateToken("kim", DateTimeOffset.UtcNow.AddHours(1)));

        var response = await client.ConnectUserAsync(new ChatUser("kim"), Provider);

        Assert.Equal("kim", response.Me.Id);
        Assert.Equal(2, calls);
        Assert.Equal(2, probe.ConnectAttempts);
        Assert.Equal(1, server.OpenConnections("kim"));
    }

    [Fact]
    public async Task A_token_provider_that_keeps_returning_expired_tokens_fails_with_40_after_one_refresh()
    {
        await using var server = await StartAsync(DevServerMode.Production);
        using var admin = ServerClient(server);
        await using var client = new ChatClient(ApiKey, ClientOptions(server));
        var calls = 0;
        Task<string> Provider(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(admin.CreateToken("lea", DateTimeOffset.UtcNow.AddMinutes(-10)));
        }

        var refused = await Assert.ThrowsAsync<ChatApiException>(() => client.ConnectUserAsync(new ChatUser("lea"), Provider));

        Assert.Equal(ChatErrorCodes.TokenExpired, refused.Code);
        Assert.Equal(2, calls);
        Assert.Equal(ConnectionState.Disconnected, client.ConnectionState);
    }

    [Fact]
    public async Task A_fixed_expired_token_is_not_retried()
    {
        await using var server = await StartAsync(DevServerMode.Production);
        using var probe = new MetricsProbe();
        using var admin = ServerClient(server);
        await using var client = new ChatClient(ApiKey, ClientOptions(server, probe));

        await Assert.ThrowsAsync<ChatApiException>(() => client.ConnectUserAsync(new ChatUser("max"), admin.CreateToken("max", DateTimeOffset.UtcNow.AddMinutes(-10))));

        Assert.Equal(1, probe.ConnectAttempts);
    }

    [Fact]
    public async Task Development_tokens_are_refused_in_production_mode()
    {
        await using var server = await StartAsync(DevServerMode.Production);
        await using var client = new ChatClient(ApiKey, ClientOptions(server));

        var refused = await Assert.ThrowsAsync<ChatApiException>(() => client.ConnectUserAsync(new ChatUser("ned"), ChatClient.DevToken("ned")));

        Assert.Equal(ChatErrorCodes.TokenSignatureInvalid, refused.Code);
    }
}
