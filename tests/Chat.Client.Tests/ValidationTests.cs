using System;
using System.Threading.Tasks;

namespace Chat.Client.Tests;

/// <summary>Bad input fails before any I/O: the connect-attempt counter stays at zero (no server is even running).</summary>
public sealed class ValidationTests : IDisposable
{
    private readonly MetricsProbe _probe = new();
    private readonly ChatClient _client;

    public ValidationTests()
    {
        _client = new ChatClient("key", new ChatClientOptions { MeterFactory = _probe });
    }

    [Fact]
    public void A_null_user_is_rejected()
    {
        Assert.Throws<ArgumentNullException>("user", () => { _ = _client.ConnectUserAsync(null!, ChatClient.DevToken("a")); });
        Assert.Equal(0, _probe.ConnectAttempts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_user_without_an_id_cannot_be_created(string id)
    {
        Assert.Throws<ArgumentException>("id", () => new ChatUser(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    public void An_empty_or_malformed_token_is_rejected(string token)
    {
        Assert.Throws<ArgumentException>("token", () => { _ = _client.ConnectUserAsync(new ChatUser("olga"), token); });
        Assert.Equal(0, _probe.ConnectAttempts);
    }

    [Fact]
    public void A_null_token_is_rejected()
    {
        Assert.Throws<ArgumentNullException>("token", () => { _ = _client.ConnectUserAsync(new ChatUser("olga"), (string)null!); });
        Assert.Equal(0, _probe.ConnectAttempts);
    }

    [Fact]
    public void A_token_of_another_user_is_rejected_with_both_ids_in_the_message()
    {
        var error = Assert.Throws<ArgumentException>("token", () => { _ = _client.ConnectUserAsync(new ChatUser("olga"), ChatClient.DevToken("mallory")); });

        Assert.Contains("olga", error.Message, StringComparison.Ordinal);
        Assert.Contains("mallory", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _probe.ConnectAttempts);
        Assert.Equal(ConnectionState.Disconnected, _client.ConnectionState);
    }

    [Fact]
    public void A_server_token_is_rejected_as_a_user_token()
    {
        var serverToken = Jwt.Sign("""{"server":true}"""u8.ToArray(), "secret"u8.ToArray());

        var error = Assert.Throws<ArgumentException>("token", () => { _ = _client.ConnectUserAsync(new ChatUser("olga"), serverToken); });

        Assert.Contains("user_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_provider_returning_a_token_of_another_user_fails_without_a_socket()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.ConnectUserAsync(new ChatUser("olga"), _ => Task.FromResult(ChatClient.DevToken("mallory"))));

        Assert.Equal("tokenProvider", error.ParamName);
        Assert.Equal(0, _probe.ConnectAttempts);
        Assert.Equal(ConnectionState.Disconnected, _client.ConnectionState);
    }

    [Fact]
    public void A_null_token_provider_is_rejected()
    {
        Assert.Throws<ArgumentNullException>("tokenProvider", () => { _ = _client.ConnectUserAsync(new ChatUser("olga"), (Func<System.Threading.CancellationToken, Task<string>>)null!); });
    }

    [Theory]
    [InlineData("id")]
    [InlineData("name")]
    [InlineData("image")]
    public void Custom_fields_cannot_shadow_the_modelled_ones(string field)
    {
        var user = new ChatUser("olga");
        Assert.Throws<ArgumentException>("field", () => user[field] = "x");

        user.Custom[field] = "x";
        Assert.Throws<ArgumentException>("user", () => { _ = _client.ConnectUserAsync(user, ChatClient.DevToken("olga")); });
        Assert.Equal(0, _probe.ConnectAttempts);
    }

    [Fact]
    public async Task A_disposed_client_refuses_to_connect()
    {
        await _client.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => { _ = _client.ConnectUserAsync(new ChatUser("olga"), ChatClient.DevToken("olga")); });
        Assert.Equal(0, _probe.ConnectAttempts);
    }

    [Fact]
    public async Task An_already_canceled_connect_opens_nothing()
    {
        using var canceled = new System.Threading.CancellationTokenSource();
        canceled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.ConnectUserAsync(new ChatUser("olga"), ChatClient.DevToken("olga"), canceled.Token));

        Assert.Equal(0, _probe.ConnectAttempts);
        Assert.Equal(ConnectionState.Disconnected, _client.ConnectionState);
    }

    public void Dispose()
    {
        _client.Dispose();
        _probe.Dispose();
    }
}
