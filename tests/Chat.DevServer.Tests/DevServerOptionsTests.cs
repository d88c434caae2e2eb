using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Chat.DevServer.Tests;

public sealed class DevServerOptionsTests
{
    [Fact]
    public void No_arguments_give_the_development_defaults()
    {
        var options = DevServerOptions.Parse([]);

        Assert.Equal(DevServerMode.Development, options.Mode);
        Assert.Equal(3030, options.Port);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal("dev-api-key", options.ApiKey);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(options.ApiSecret) >= 32);
        Assert.Equal(3, options.EffectiveConnectionLimitPerUser);
        Assert.Equal(64 * 1024, options.MaxFrameBytes);
        Assert.True(options.ServeJavaScriptSdkWebSocketPort);
        Assert.Equal(LogLevel.Warning, options.MinimumLogLevel);
    }

    [Fact]
    public void Every_option_is_read_in_both_spellings()
    {
        var options = DevServerOptions.Parse(
        [
            "--mode", "production", "--api-key=key-1", "--api-secret", new string('s', 40), "--port=0",
            "--host", "::1", "--connection-limit", "7", "--max-frame-bytes=2048", "--no-js-sdk-ws-port", "--log-level", "debug",
        ]);

        Assert.Equal(DevServerMode.Production, options.Mode);
        Assert.Equal("key-1", options.ApiKey);
        Assert.Equal(new string('s', 40), options.ApiSecret);
        Assert.Equal(0, options.Port);
        Assert.Equal("::1", options.Host);
        Assert.Equal(7, options.EffectiveConnectionLimitPerUser);
        Assert.Equal(2048, options.MaxFrameBytes);
        Assert.False(options.ServeJavaScriptSdkWebSocketPort);
        Assert.Equal(LogLevel.Debug, options.MinimumLogLevel);
    }

    [Fact]
    public void Production_mode_allows_50_connections_per_user()
    {
        Assert.Equal(50, DevServerOptions.Parse(["--mode", "production"]).EffectiveConnectionLimitPerUser);
    }

    [Theory]
    [InlineData("--mode", "staging")]
    [InlineData("--port", "70000")]
    [InlineData("--port", "-1")]
    [InlineData("--port", "abc")]
    [InlineData("--port")]
    [InlineData("--api-secret", "too-short")]
    [InlineData("--api-key", "")]
    [InlineData("--host", "not-an-address")]
    [InlineData("--connection-limit", "0")]
    [InlineData("--max-frame-bytes", "10")]
    [InlineData("--log-level", "loud")]
    [InlineData("--unknown", "1")]
    [InlineData("stray")]
    [InlineData("--port", "1", "--port", "2")]
    [InlineData("--no-js-sdk-ws-port=yes")]
    public void Bad_arguments_throw_a_clear_argument_exception(params string[] args)
    {
        var exception = Assert.Throws<ArgumentException>(() => DevServerOptions.Parse(args));

        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
    }

    [Fact]
    public async Task Starting_with_a_secret_shorter_than_256_bits_is_refused()
    {
        var options = new DevServerOptions { Port = 0, ApiSecret = "short-secret" };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => DevServer.StartAsync(options));

        Assert.Contains("32 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_reports_the_port_it_bound_and_copies_its_options()
    {
        var options = new DevServerOptions { Port = 0 };
        await using var server = await DevServer.StartAsync(options);
        options.ApiKey = "changed-later";

        Assert.NotEqual(0, server.Port);
        Assert.Equal(new Uri($"http://127.0.0.1:{server.Port}/"), server.HttpUrl);
        Assert.Equal(new Uri($"ws://127.0.0.1:{server.Port}/"), server.WebSocketUrl);
        Assert.Equal("dev-api-key", server.Options.ApiKey);
        Assert.Null(server.JavaScriptSdkWebSocketUrl);
    }
}
