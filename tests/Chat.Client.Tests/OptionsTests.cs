using System;
using System.Linq;

namespace Chat.Client.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_match_the_protocol_and_the_development_server()
    {
        var options = new ChatClientOptions();

        Assert.Equal(new Uri("ws://127.0.0.1:3030/"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(25), options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(35), options.DeadConnectionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(25), options.MaxReconnectDelay);
        Assert.Equal(new Uri("http://127.0.0.1:3030/"), new ChatServerClientOptions().BaseUrl);
    }

    [Fact]
    public void Non_positive_intervals_are_rejected()
    {
        var options = new ChatClientOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.HeartbeatInterval = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.DeadConnectionTimeout = TimeSpan.FromSeconds(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.ConnectTimeout = System.Threading.Timeout.InfiniteTimeSpan);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxReconnectDelay = TimeSpan.Zero);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/relative")]
    public void A_base_url_that_is_not_an_absolute_websocket_or_http_url_is_rejected(string url)
    {
        Assert.Throws<ArgumentException>(() => new ChatClientOptions().BaseUrl = new Uri(url, UriKind.RelativeOrAbsolute));
    }

    [Fact]
    public void A_dead_connection_timeout_not_longer_than_the_heartbeat_is_rejected()
    {
        var options = new ChatClientOptions { HeartbeatInterval = TimeSpan.FromSeconds(30), DeadConnectionTimeout = TimeSpan.FromSeconds(30) };

        var error = Assert.Throws<ArgumentException>("options", () => new ChatClient("key", options));

        Assert.Contains("DeadConnectionTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_api_key_is_rejected()
    {
        Assert.Throws<ArgumentException>("apiKey", () => new ChatClient(" "));
        Assert.Throws<ArgumentException>("apiKey", () => new ChatServerClient("", "secret"));
        Assert.Throws<ArgumentException>("apiSecret", () => new ChatServerClient("key", ""));
    }

    [Theory]
    [InlineData(1, 250, 2500)]
    [InlineData(2, 2000, 4500)]
    [InlineData(3, 4000, 6500)]
    [InlineData(12, 22000, 24500)]
    [InlineData(13, 24000, 25000)]
    [InlineData(100, 25000, 25000)]
    public void The_reconnect_delay_follows_the_javascript_sdk_formula(int attempt, double min, double max)
    {
        Assert.Equal((min, max), ReconnectBackoff.Bounds(attempt, TimeSpan.FromSeconds(25)));

        var random = new Random(attempt);
        Assert.All(
            Enumerable.Range(0, 100).Select(_ => ReconnectBackoff.Delay(attempt, TimeSpan.FromSeconds(25), random).TotalMilliseconds),
            delay => Assert.InRange(delay, min, max));
    }

    [Fact]
    public void The_reconnect_delay_is_capped_by_the_maximum()
    {
        Assert.Equal((100d, 100d), ReconnectBackoff.Bounds(1, TimeSpan.FromMilliseconds(100)));
        Assert.Equal((5000d, 5000d), ReconnectBackoff.Bounds(int.MaxValue, TimeSpan.FromSeconds(5)));
    }
}
